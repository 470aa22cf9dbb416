"""Parsing cost per row, by adapter: the parse workers' share of a first load.

    python benchmarks/bench_parse.py RAW_DIR [--sample N] [--seed S] [--zone ZONE]

Reads a random sample of RAW_DIR's exports into memory, then parses each in
this one process (no pool, no database) and prints microseconds per source
row for reading and parsing (`parse_export`) and for turning the result into
columns (`to_columns`), by adapter and file type. Compare two versions of
the code by running each in turn, alternating, in the same minutes: the
machine's speed drifts. Make the folder with `bench_run.py --keep`.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path

from pipeline.adapters.base import ParseContext
from pipeline.columns import to_columns
from pipeline.ingest import discover, parse_export


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("--sample", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--zone", default="UTC", help="the series' zone for naive times")
    args = parser.parse_args()

    paths = [p for p in discover(args.raw) if p.suffix.lower() in (".csv", ".xlsx")]
    random.seed(args.seed)
    sample = random.sample(paths, min(args.sample, len(paths)))
    files = [(p, p.read_bytes()) for p in sample]
    context = ParseContext(timezone=args.zone)
    import pyarrow  # noqa: F401  a run's workers import it once each; not a file's cost

    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])  # parse, columns, rows
    started = time.perf_counter()
    for path, data in files:
        t0 = time.perf_counter()
        table, parsed = parse_export(data, path.name, context, path, [])
        t1 = time.perf_counter()
        to_columns(table, parsed)
        t2 = time.perf_counter()
        figures = spent[f"{parsed.adapter} {path.suffix.lower()}"]
        figures[0] += t1 - t0
        figures[1] += t2 - t1
        figures[2] += len(table.rows)
    total = time.perf_counter() - started

    print(f"{'adapter':34} {'rows':>8} {'parse µs/row':>13} {'columns µs/row':>15}")
    for name, (parse, columns, rows) in sorted(spent.items()):
        print(f"{name:34} {rows:8.0f} {parse / rows * 1e6:13.1f} {columns / rows * 1e6:15.1f}")
    rows = sum(f[2] for f in spent.values())
    print(f"{'all':34} {rows:8.0f} {total / rows * 1e6:13.1f} µs/row in total, {total:.1f} s")


if __name__ == "__main__":
    main()
