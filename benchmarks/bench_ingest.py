"""Where a first load's time goes: waiting for parse workers, storing, committing.

    python benchmarks/bench_ingest.py RAW_DIR [--db FILE] [--set "SQL"]...

Loads RAW_DIR into a fresh database (deleted first) with `ingest` alone, no
transform, and prints the wall time and the parent process's share of it:
storing rows (`store_many`) and committing groups of files (the rest of
`_flush`). The remainder is the parent waiting for the parse workers. Then
the CPU time of the parent and of the workers: the machine's speed drifts
from hour to hour, and CPU seconds drift less than wall time. `--set`
runs a statement first (e.g. `--set "set checkpoint_threshold='16MB'"`), to
compare a DuckDB setting side by side. Make the folder with `bench_run.py --keep`.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline import ingest as ingest_module
from pipeline.warehouse import open_db


def timing(spent: dict[str, float], name: str) -> None:
    """Replace ``ingest_module.<name>`` with a copy that adds its time to ``spent``."""
    real: Callable[..., Any] = getattr(ingest_module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    setattr(ingest_module, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("--db", type=Path, default=Path(tempfile.mkdtemp()) / "bench.duckdb")
    parser.add_argument("--set", action="append", default=[], dest="settings")
    args = parser.parse_args()
    for stale in (args.db, args.db.with_name(args.db.name + ".wal")):
        stale.unlink(missing_ok=True)

    spent: dict[str, float] = defaultdict(float)
    for name in ("store_many", "_flush"):
        timing(spent, name)
    con = open_db(args.db)
    for statement in args.settings:
        con.execute(statement)
    started = time.perf_counter()
    result = ingest_module.ingest(con, args.raw)
    loaded = time.perf_counter() - started
    con.execute("checkpoint")
    total = time.perf_counter() - started
    con.close()

    files = len(result.with_status("loaded"))
    store, flush = spent["store_many"], spent["_flush"]
    print(f"{files} files loaded; settings: {args.settings or 'default'}")
    print(f"ingest:            {loaded:7.1f} s  (+ final checkpoint: {total:.1f} s)")
    print(f"  storing rows:    {store:7.1f} s")
    print(f"  committing:      {flush - store:7.1f} s")
    print(f"  the rest:        {loaded - flush:7.1f} s  (hashing, waiting for parse workers)")
    parent = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"CPU: parent {parent.ru_utime + parent.ru_stime:.1f} s (DuckDB's threads included), "
        f"parse workers {workers.ru_utime + workers.ru_stime:.1f} s"
    )


if __name__ == "__main__":
    main()
