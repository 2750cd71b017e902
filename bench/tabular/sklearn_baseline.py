#!/usr/bin/python3
"""The reference side of the tabular comparison: scikit-learn's MLP with its defaults, with and
without early_stopping=True, fit on exactly the rows of DIR/<set>/train.csv and scored on
DIR/<set>/test.csv (written by split.py), the inputs scaled as a user would (a StandardScaler fit
on the training rows, in a Pipeline). For the regression set also LinearRegression and predicting
the training rows' mean, for context, and the MLP again with the target standardised too
(TransformedTargetRegressor; MLPRegressor does not scale the target, the CLI does). Each MLP runs with random_state 1..5 (as the CLI runs with
--seed 1..5); the table gives the mean and the range over the seeds.

    /usr/bin/python3 bench/tabular/sklearn_baseline.py [--data DIR] [--seeds 1,2,3,4,5] [--json FILE] [SET ...]

Prints a markdown table (test accuracy for classes, test RMSE in the target's units for values)
and then the same results as JSON (also written to FILE with --json). Python is for cross-checks
only: no test of the project runs this.
"""
import argparse
import csv
import json
import math
import os
import time
import warnings

import numpy as np
import sklearn
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression
from sklearn.dummy import DummyRegressor
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_SETS = ['wine', 'breast_cancer', 'iris', 'digits', 'diabetes']


def read(path):
    """The rows of a CSV file written by split.py: the inputs as floats, the target (last column) as text."""
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    X = np.array([[float(v) for v in r[:-1]] for r in rows])
    y = [r[-1] for r in rows]
    return header, X, y


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
    _, X_train, y_train = read(os.path.join(data, name, 'train.csv'))
    _, X_test, y_test = read(os.path.join(data, name, 'test.csv'))
    regression = is_values(y_train)
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
        mlp = pipeline.steps[-1][1] if hasattr(pipeline, 'steps') else pipeline
        iterations = getattr(mlp, 'n_iter_', None)
        converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        return value, seconds, iterations, converged

    MLP = MLPRegressor if regression else MLPClassifier
    models = {
        'sklearn MLP, early_stopping=True': lambda seed: make_pipeline(StandardScaler(), MLP(early_stopping=True, random_state=seed)),
        'sklearn MLP, defaults': lambda seed: make_pipeline(StandardScaler(), MLP(random_state=seed)),
    }
    if regression:
        # MLPRegressor fits the target as it is (here 25 to 346) with Adam at 0.001 for at most 200
        # epochs; the CLI scales the target (as it does the inputs) and so does this second pair
        models.update({
            'sklearn MLP, early_stopping=True, target scaled': lambda seed: TransformedTargetRegressor(
                make_pipeline(StandardScaler(), MLP(early_stopping=True, random_state=seed)), transformer=StandardScaler()),
            'sklearn MLP, defaults, target scaled': lambda seed: TransformedTargetRegressor(
                make_pipeline(StandardScaler(), MLP(random_state=seed)), transformer=StandardScaler()),
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
    if regression:
        # deterministic: one fit each
        for label, model in [('linear regression', make_pipeline(StandardScaler(), LinearRegression())),
                             ('predict the training mean', DummyRegressor(strategy='mean'))]:
            value, s, _, _ = score(model)
            results[label] = {**summary([value]), 'seconds': s}
    return {
        'kind': 'values' if regression else 'classes',
        'metric': 'RMSE' if regression else 'accuracy %',
        'train_rows': len(y_train), 'test_rows': len(y_test), 'features': X_train.shape[1],
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
