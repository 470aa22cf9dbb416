"""``python -m pipeline.demo OUT_DIR [--seed N] [--scale X]``: write the demo series."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.demo import generate_series


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipeline.demo", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--webinars", type=int, default=63)
    parser.add_argument("--participants", type=int, default=4700)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    manifest = generate_series(
        args.out_dir,
        seed=args.seed,
        webinars=args.webinars,
        participants=args.participants,
        scale=args.scale,
    )
    print(
        f"{manifest.webinars} webinars, {manifest.participants} participants, "
        f"{manifest.countries} countries, {manifest.speakers} speakers, "
        f"{manifest.attendance_rows} attendance rows, {manifest.registration_rows} "
        f"registration rows -> {args.out_dir} ({time.perf_counter() - began:.1f} s)"
    )


if __name__ == "__main__":
    main()
