#!/usr/bin/python3
"""The reference side of the tabular comparison: scikit-learn's MLP with its defaults, with and
without early_stopping=True, fit on exactly the rows of DIR/<set>/train.csv and scored on
DIR/<set>/test.csv (written by split.py and mixed_tables.py), the columns prepared as a user would,
in a Pipeline fit on the training rows: numeric columns a SimpleImputer (median) and a
StandardScaler, text columns a SimpleImputer (most frequent) and a OneHotEncoder
(handle_unknown='ignore'), columns typed by the library's rule (see column_types). A linear model
for context (LogisticRegression; for values LinearRegression and Ridge) and the trivial answer
(the most frequent class, the training mean). For values also the MLP with the target standardised
too (TransformedTargetRegressor; MLPRegressor does not scale the target, the CLI does). Each MLP
runs with random_state 1..5 (as the CLI runs with --seed 1..5); the table gives the mean and the
range over the seeds.

    /usr/bin/python3 bench/tabular/sklearn_baseline.py [--data DIR] [--seeds 1,2,3,4,5] [--json FILE] [SET ...]

SET defaults to the bundled sets and the mixed tables (mixed_tables.json, which names their target,
kind, delimiter and any column to leave out). Prints a markdown table (test accuracy for classes,
test RMSE in the target's units for values) and then the same results as JSON (also written to FILE
with --json). Python is for cross-checks only: no test of the project runs this.
"""
import argparse
import json
import math
import os
import time
import warnings

import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from mixed_tables import TABLES, is_missing, read_csv

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED_SETS = ['wine', 'breast_cancer', 'iris', 'digits', 'diabetes']
ALL_SETS = BUNDLED_SETS + list(TABLES)
# a text column is an id or a name, and left out, when nearly all its values differ (issue #23's rule)
ID_DISTINCT_SHARE = 0.9
ID_MIN_VALUES = 10


def number(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def column_types(header, rows, target, ignore=()):
    """Each column's type by the rule the library applies to the training rows: 'numeric' when every
    present value is a number, else 'categorical'; 'ignored' for a text column of nearly all distinct
    values, a column with no value, and the columns the table's entry names."""
    types = {}
    for j, name in enumerate(header):
        if j == target:
            continue
        present = [r[j] for r in rows if not is_missing(r[j])]
        if name in ignore or not present:
            types[name] = 'ignored'
        elif all(number(c) is not None for c in present):
            types[name] = 'numeric'
        elif len(present) >= ID_MIN_VALUES and len(set(present)) >= ID_DISTINCT_SHARE * len(present):
            types[name] = 'ignored'
        else:
            types[name] = 'categorical'
    return types


def matrix(header, rows, types):
    """The used columns as an object array: numbers as floats, text as it is, missing as NaN."""
    used = [(header.index(n), t) for n, t in types.items() if t != 'ignored']
    cell = lambda c, t: np.nan if is_missing(c) else float(c) if t == 'numeric' else c
    return np.array([[cell(r[j], t) for j, t in used] for r in rows], dtype=object).reshape(len(rows), len(used))


def missing_cells(rows, target):
    return sum(is_missing(c) for r in rows for j, c in enumerate(r) if j != target)


def preprocessing(types):
    used = [t for t in types.values() if t != 'ignored']
    numeric = [i for i, t in enumerate(used) if t == 'numeric']
    text = [i for i, t in enumerate(used) if t == 'categorical']
    parts = [('numeric', make_pipeline(SimpleImputer(strategy='median'), StandardScaler()), numeric)]
    if text:
        parts.append(('categorical', make_pipeline(SimpleImputer(strategy='most_frequent'),
                                                   OneHotEncoder(handle_unknown='ignore', sparse_output=False)), text))
    return ColumnTransformer(parts)


def is_values(y):
    """The CLI's rule (docs/cli.md): names, or at most 10 distinct integers, are classes; other numbers are values."""
    try:
        numbers = [float(v) for v in y]
    except ValueError:
        return False
    return not (all(n.is_integer() for n in numbers) and len(set(numbers)) <= 10)


def summary(values):
    return {'values': values, 'mean': float(np.mean(values)), 'min': float(min(values)), 'max': float(max(values))}


def run_set(name, data, seeds):
    spec = TABLES.get(name, {})   # a bundled set: commas, the target last, its kind by the CLI's rule
    delimiter = spec.get('delimiter', ',')
    header, train = read_csv(os.path.join(data, name, 'train.csv'), delimiter)
    _, test = read_csv(os.path.join(data, name, 'test.csv'), delimiter)
    target = header.index(spec['target']) if spec else len(header) - 1
    types = column_types(header, train, target, spec.get('ignore', ()))
    X_train, X_test = matrix(header, train, types), matrix(header, test, types)
    y_train, y_test = [r[target] for r in train], [r[target] for r in test]
    regression = spec['kind'] == 'values' if spec else is_values(y_train)
    if regression:
        y_train = np.array([float(v) for v in y_train])
        y_test = np.array([float(v) for v in y_test])

    def score(model):
        started = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always', ConvergenceWarning)
            model.fit(X_train, y_train)
        seconds = time.perf_counter() - started
        predicted = model.predict(X_test)
        if regression:
            value = math.sqrt(float(np.mean((predicted - y_test) ** 2)))
        else:
            value = 100.0 * float(np.mean(np.array(predicted) == np.array(y_test)))
        pipeline = getattr(model, 'regressor_', model)
        last = pipeline.steps[-1][1] if hasattr(pipeline, 'steps') else pipeline
        iterations = getattr(last, 'n_iter_', None)
        iterations = int(np.max(iterations)) if iterations is not None else None  # LogisticRegression: one per class
        converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        return value, seconds, iterations, converged

    prepared = lambda model: make_pipeline(preprocessing(types), model)
    MLP = MLPRegressor if regression else MLPClassifier
    models = {
        'sklearn MLP, early_stopping=True': lambda seed: prepared(MLP(early_stopping=True, random_state=seed)),
        'sklearn MLP, defaults': lambda seed: prepared(MLP(random_state=seed)),
    }
    if regression:
        # MLPRegressor fits the target as it is (diabetes: 25 to 346) with Adam at 0.001 for at most
        # 200 epochs; the CLI scales the target (as it does the inputs) and so does this second pair
        models.update({
            'sklearn MLP, early_stopping=True, target scaled': lambda seed: TransformedTargetRegressor(
                prepared(MLP(early_stopping=True, random_state=seed)), transformer=StandardScaler()),
            'sklearn MLP, defaults, target scaled': lambda seed: TransformedTargetRegressor(
                prepared(MLP(random_state=seed)), transformer=StandardScaler()),
        })
    results = {}
    for label, make in models.items():
        values, seconds, iterations, unconverged = [], [], [], 0
        for seed in seeds:
            value, s, it, converged = score(make(seed))
            values.append(value)
            seconds.append(s)
            iterations.append(it)
            unconverged += not converged
        results[label] = {**summary(values), 'seconds': sum(seconds), 'iterations': iterations,
                          'convergence_warnings': unconverged}
    # deterministic: one fit each (LogisticRegression's lbfgs gets 1,000 iterations, not 100, to converge)
    linear = [('linear regression', prepared(LinearRegression())), ('ridge regression', prepared(Ridge())),
              ('predict the training mean', DummyRegressor(strategy='mean'))] if regression else [
              ('logistic regression', prepared(LogisticRegression(max_iter=1000))),
              ('predict the most frequent class', DummyClassifier(strategy='most_frequent'))]
    for label, model in linear:
        value, s, _, converged = score(model)
        results[label] = {**summary([value]), 'seconds': s, 'convergence_warnings': int(not converged)}
    return {
        'kind': 'values' if regression else 'classes',
        'metric': 'RMSE' if regression else 'accuracy %',
        'train_rows': len(y_train), 'test_rows': len(y_test), 'features': X_train.shape[1],
        'columns': {kind: [n for n, t in types.items() if t == kind] for kind in ('numeric', 'categorical', 'ignored')},
        'encoded_inputs': int(preprocessing(types).fit_transform(X_train).shape[1]),
        'missing_cells': {'train': missing_cells(train, target), 'test': missing_cells(test, target)},
        'classes': None if regression else len(set(y_train)),
        'models': results,
    }


def cell(result, metric):
    mean = f"{result['mean']:.1f}"
    if len(result['values']) == 1 or result['min'] == result['max']:
        return mean
    return f"{mean} ({result['min']:.1f} to {result['max']:.1f})"


def markdown(report):
    lines = ['| data set | metric | model | test result: mean (range over seeds) | notes |', '|---|---|---|---|---|']
    for name, s in report['sets'].items():
        what = f"{s['classes']} classes" if s['kind'] == 'classes' else 'regression'
        for label, r in s['models'].items():
            notes = []
            if r.get('iterations'):
                notes.append(f"{min(r['iterations'])}-{max(r['iterations'])} epochs")
            if r.get('convergence_warnings'):
                notes.append(f"{r['convergence_warnings']} of {len(r['values'])} hit max_iter")
            lower = ', lower is better' if s['metric'] == 'RMSE' else ''
            lines.append(f"| {name} ({what}, {s['train_rows']}/{s['test_rows']} rows) | {s['metric']}{lower} | {label} | {cell(r, s['metric'])} | {'; '.join(notes)} |")
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('sets', nargs='*', default=ALL_SETS)
    parser.add_argument('--data', default=os.path.join(HERE, 'data'))
    parser.add_argument('--seeds', default='1,2,3,4,5')
    parser.add_argument('--json', help='also write the JSON here')
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(',')]
    report = {'tool': f'scikit-learn {sklearn.__version__}', 'seeds': seeds,
              'sets': {name: run_set(name, args.data, seeds) for name in args.sets}}
    print(markdown(report))
    print()
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, 'w') as f:
            f.write(text + '\n')


if __name__ == '__main__':
    main()
