"""Cost of resolving distinct answers: countries and sectors, cold caches.

    python benchmarks/bench_resolve.py [--answers N] [--seed S]

The transform resolves every distinct country answer and every distinct
answer, organisation, title and e-mail domain once per run (see
``pipeline/transform.py``), so this cost grows with the number of distinct
texts, not with rows. Prints microseconds per distinct text for random
strings (the worst case: most of them fall through to fuzzy matching) and for
the labelled answers of ``tests/eval/countries.csv``.
"""

from __future__ import annotations

import argparse
import csv
import random
import string
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.normalize import country, sector
from pipeline.normalize.country import resolve_country
from pipeline.normalize.sector import answer_sector, organization_sector

EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval" / "countries.csv"


def clear_caches() -> None:
    """Forget every resolved text (the indexes, built once per run, are kept)."""
    for cached in (
        country.resolve_country,
        country._key_tokens,
        sector._says_something,
        sector._classify_answer,
        sector._classify_organization,
    ):
        cached.cache_clear()


def per_text(resolve: Callable[[str], object], texts: Iterable[str]) -> tuple[int, float]:
    """(texts, microseconds per text) of resolving each once, caches cleared first."""
    texts = list(dict.fromkeys(texts))
    resolve("warm up")  # builds the indexes, which a run pays once
    clear_caches()
    started = time.perf_counter()
    for text in texts:
        resolve(text)
    return len(texts), (time.perf_counter() - started) / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    alphabet = string.ascii_letters + "  ,"
    noise = ["".join(rng.choices(alphabet, k=rng.randint(3, 30))) for _ in range(args.answers)]
    with EVAL.open(encoding="utf-8", newline="") as handle:
        labelled = [row["answer"] for row in csv.DictReader(handle)]
    for name, resolve, texts in [
        ("country, random strings", resolve_country, noise),
        ("country, labelled answers", resolve_country, labelled),
        ("sector answer, random strings", answer_sector, noise),
        ("organisation, random strings", organization_sector, noise),
    ]:
        count, micros = per_text(resolve, texts)
        print(f"{name:32} {count:7} distinct  {micros:8.1f} µs each")


if __name__ == "__main__":
    main()
