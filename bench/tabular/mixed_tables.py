#!/usr/bin/python3
"""Writes the comparison's mixed tables (mixed_tables.json): public tables with text categories and
missing values, taken as their packages ship them and split as split.py splits the bundled sets (one
seeded 75/25 split, stratified by class), into DIR/<set>/train.csv and DIR/<set>/test.csv.

    /usr/bin/python3 bench/tabular/mixed_tables.py [DIR] [--seed N]   # default: bench/tabular/data, seed 0

Sources, all offline here: the npm package vega-datasets (fetched with `npm pack`, not installed)
and R packages from Debian (apt-get install r-base-core r-cran-mass r-cran-survival r-cran-cardata
r-cran-aer). The cells are written as the source has them: text stays text, a missing value stays
as the source writes it (R's "NA", an empty cell for JSON's null), numbers keep their spelling.
Only two things are done to a table: rows without a target are left out (nothing to learn or score
from them), and the largest are subsampled (seeded) to keep the repository small.
"""
import argparse
import csv
import io
import json
import os
import subprocess
import tarfile
import tempfile

import numpy as np
from sklearn.model_selection import train_test_split

from split import SEED, TEST_SIZE

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, 'mixed_tables.json')) as f:
    TABLES = json.load(f)

# what the library reads as a missing value (trimmed, any case): issue #23's design
MISSING = {'', 'na', 'n/a', 'null', 'nan', '?'}
SUBSAMPLE_SEED = 0   # fixed: --seed changes the split, not which rows a table has

# R writes a data set as CSV; row names (a name, not 1..n) become a column when asked
R_EXPORT = """args <- commandArgs(TRUE); e <- new.env()
data(list = args[2], package = args[1], envir = e); x <- get(args[2], envir = e)
if (length(args) > 2) x <- cbind(setNames(data.frame(rownames(x)), args[3]), x)
write.csv(x, stdout(), row.names = FALSE)"""


def is_missing(cell):
    return cell.strip().lower() in MISSING


def read_csv(path, delimiter=','):
    """A CSV file as its header and rows of text cells."""
    with open(path, newline='') as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    return rows[0], rows[1:]


def from_r(package, data, rownames=None):
    text = subprocess.run(['Rscript', '-e', R_EXPORT, package, data] + ([rownames] if rownames else []),
                          check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def from_npm(spec, file, cache):
    """A JSON array of records from an npm package's tarball; null becomes an empty cell."""
    if spec not in cache:
        folder = tempfile.mkdtemp(prefix='mixed-tables-')
        name = subprocess.run(['npm', 'pack', spec, '--silent', '--pack-destination', folder],
                              check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        cache[spec] = tarfile.open(os.path.join(folder, name))
    # numbers as their text in the file, so 39.1 stays 39.1
    records = json.load(cache[spec].extractfile(f'package/{file}'), parse_float=str, parse_int=str)
    header = list(records[0])
    return header, [['' if r.get(k) is None else str(r[k]) for k in header] for r in records]


def load(spec, cache):
    source = spec['from']
    if 'r' in source:
        return from_r(source['r'], source['data'], source.get('rownames'))
    return from_npm(source['npm'], source['file'], cache)


def write(path, header, rows, delimiter):
    with open(path, 'w', newline='') as f:
        out = csv.writer(f, delimiter=delimiter, lineterminator='\n')
        out.writerow(header)
        out.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('dir', nargs='?', default=os.path.join(HERE, 'data'))
    parser.add_argument('--seed', type=int, default=SEED, help="the split's random_state (default %(default)s)")
    args = parser.parse_args()
    cache = {}
    for name, spec in TABLES.items():
        header, rows = load(spec, cache)
        target = header.index(spec['target'])
        labelled = [r for r in rows if not is_missing(r[target])]
        kept = labelled
        if spec.get('subsample') and len(labelled) > spec['subsample']:
            chosen = np.random.RandomState(SUBSAMPLE_SEED).choice(len(labelled), spec['subsample'], replace=False)
            kept = [labelled[i] for i in sorted(chosen)]
        labels = [r[target] for r in kept]
        train, test = train_test_split(kept, test_size=TEST_SIZE, random_state=args.seed,
                                       stratify=labels if spec['kind'] == 'classes' else None)
        folder = os.path.join(args.dir, name)
        os.makedirs(folder, exist_ok=True)
        delimiter = spec.get('delimiter', ',')
        write(os.path.join(folder, 'train.csv'), header, train, delimiter)
        write(os.path.join(folder, 'test.csv'), header, test, delimiter)
        missing = sum(is_missing(c) for r in kept for c in r)
        print(f'{name}: {len(rows)} rows, {len(rows) - len(labelled)} without a target left out'
              f'{f", {len(kept)} kept (subsampled)" if len(kept) < len(labelled) else ""}; '
              f'{len(header)} columns; {missing} missing cells; {len(train)} train, {len(test)} test -> {folder}/')


if __name__ == '__main__':
    main()
