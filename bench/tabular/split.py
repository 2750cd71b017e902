#!/usr/bin/python3
"""Writes the tabular comparison's data: for each of scikit-learn's bundled data sets, one fixed,
seeded 75/25 split (stratified by class for the classification sets) as DIR/<set>/train.csv and
DIR/<set>/test.csv, with a header row and the target as the last column.

    /usr/bin/python3 bench/tabular/split.py [DIR] [--seed N]   # default: bench/tabular/data, seed 0

The comparison's table is measured on seed 0; another --seed (into another DIR) shows how much a
small test set's result depends on which rows it holds.

No downloads: load_wine, load_breast_cancer, load_diabetes, load_iris and load_digits ship with
scikit-learn (Debian: apt-get install python3-sklearn). The numbers are written with Python's
repr (the shortest text that reads back as the same double), so both baselines read the same rows.
"""
import argparse
import csv
import os

from sklearn import datasets
from sklearn.model_selection import train_test_split

SEED = 0          # the split's random_state, for every set (--seed changes it)
TEST_SIZE = 0.25

# name: (loader, kind, target column name); classes are written by name where the set names them
SETS = {
    'wine': (datasets.load_wine, 'classes', 'class'),
    'breast_cancer': (datasets.load_breast_cancer, 'classes', 'diagnosis'),
    'iris': (datasets.load_iris, 'classes', 'species'),
    'digits': (datasets.load_digits, 'classes', 'digit'),
    'diabetes': (datasets.load_diabetes, 'values', 'progression'),
}


def number(x):
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 2**53 else repr(x)


def write(path, header, X, y):
    with open(path, 'w', newline='') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(header)
        for row, target in zip(X, y):
            out.writerow([number(v) for v in row] + [target])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('dir', nargs='?', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
    parser.add_argument('--seed', type=int, default=SEED, help="the split's random_state (default %(default)s)")
    args = parser.parse_args()
    root = args.dir
    for name, (load, kind, target_name) in SETS.items():
        bunch = load()
        X, y = bunch.data, bunch.target
        if kind == 'classes':
            names = getattr(bunch, 'target_names', None)
            # digits' target_names are the numbers 0-9 themselves
            labels = [str(names[c]) for c in y] if names is not None else [str(c) for c in y]
        else:
            labels = [number(v) for v in y]
        header = [str(n) for n in (bunch.feature_names if getattr(bunch, 'feature_names', None) is not None else range(X.shape[1]))]
        # a CSV header cell with a comma would need quoting; none of these has one, and the CLI names columns as written
        header = [h.replace(',', ';') for h in header] + [target_name]
        X_train, X_test, y_train, y_test = train_test_split(
            X, labels, test_size=TEST_SIZE, random_state=args.seed, stratify=labels if kind == 'classes' else None)
        folder = os.path.join(root, name)
        os.makedirs(folder, exist_ok=True)
        write(os.path.join(folder, 'train.csv'), header, X_train, y_train)
        write(os.path.join(folder, 'test.csv'), header, X_test, y_test)
        classes = f', {len(set(labels))} classes' if kind == 'classes' else ', regression'
        print(f'{name}: {len(X_train)} train rows, {len(X_test)} test rows, {X.shape[1]} features{classes} -> {folder}/')


if __name__ == '__main__':
    main()
