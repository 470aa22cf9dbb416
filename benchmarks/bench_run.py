"""Time `run` on a generated series: a first run, then a re-run with nothing new.

Prints seconds and peak memory (max RSS of the pipeline process) for each.
Each run is its own process, so the generator's memory is not counted.

    python benchmarks/bench_run.py                 # the demo series (scale 1)
    python benchmarks/bench_run.py --scale 100     # 100× the demo (issue 5/8 scale)
    python benchmarks/bench_run.py --transform-only --scale 100
    python benchmarks/bench_run.py --webinars 1000 --participants 250000   # issue 8:
        # ~2,000 export files, over a million attendance sessions (large webinars)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str]) -> tuple[float, float, str]:
    """Run a command; return (seconds, peak RSS in MiB, output)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(args)}\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--webinars", type=int, default=63, help="webinars at scale 1 (default: the demo's 63)"
    )
    parser.add_argument(
        "--participants",
        type=int,
        default=4700,
        help="distinct participants at scale 1; more per webinar makes larger exports",
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--transform-only",
        action="store_true",
        help="also time `transform` alone on the loaded series",
    )
    args = parser.parse_args()

    from pipeline.demo import generate_series

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    raw, db, reports = work / "raw", work / "webinars.duckdb", work / "reports"
    # A kept folder may hold the database of an earlier benchmark: a first run on top
    # of it would load the new series beside the old one and time something else.
    for stale in (db, db.with_name(db.name + ".wal")):
        if stale.exists():
            print(f"removing the earlier benchmark's {stale}")
            stale.unlink()
    if reports.exists():
        shutil.rmtree(reports)
    started = time.perf_counter()
    manifest = generate_series(
        raw,
        seed=args.seed,
        scale=args.scale,
        webinars=args.webinars,
        participants=args.participants,
    )
    every = [p for p in raw.rglob("*") if p.is_file()]
    files = len(every)
    size = sum(p.stat().st_size for p in every) / 2**20
    print(
        f"series: scale {args.scale:g}, {manifest.webinars} webinars, {files} files "
        f"({size:.1f} MiB), {manifest.attendance_rows} attendance rows, "
        f"{manifest.participants} participants; generated in "
        f"{time.perf_counter() - started:.1f}s"
    )

    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "run",
        "--raw",
        str(raw),
        "--db",
        str(db),
        "--reports",
        str(reports),
    ]
    first = timed(cmd)
    print(f"run, first:            {first[0]:6.2f} s   peak {first[1]:7.0f} MiB")
    again = timed(cmd)
    print(f"run, nothing new:      {again[0]:6.2f} s   peak {again[1]:7.0f} MiB")
    if args.transform_only:
        alone = timed([sys.executable, "-m", "pipeline", "transform", "--db", str(db)])
        print(f"transform alone:       {alone[0]:6.2f} s   peak {alone[1]:7.0f} MiB")
    print(f"database: {db.stat().st_size / 2**20:.1f} MiB  (work folder: {work})")


if __name__ == "__main__":
    main()
