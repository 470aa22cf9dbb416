"""Staff decisions on answers the resolvers could not place (the review loop).

``status`` and every run list the country and sector answers that resolved to
nothing, with how many people gave each, and write them to
``data/processed/review.csv``. Staff copy the rows they decide into an
``overrides.csv`` in ``data/raw/`` (columns ``kind,answer,value``: kind is
``country`` or ``sector``, value an ISO alpha-3 code, a sector code, or empty
for "definitely unknown"); the next run applies them, ahead of every rule.
"""

from __future__ import annotations

import csv
import io

from pipeline.adapters.base import NotThisFormat
from pipeline.normalize.text import fold

HEADER = ["kind", "answer", "value"]
KINDS = ("country", "sector")
SECTORS = (
    "government",
    "civil_society",
    "private_sector",
    "international_organization",
    "academia",
    "media",
    "other",
    "unknown",
)


def looks_like_overrides(data: bytes) -> bool:
    first = data[:200].decode("utf-8-sig", errors="replace").splitlines()[:1]
    return bool(first) and [fold(c) for c in first[0].split(",")][:3] == HEADER


def parse_overrides(data: bytes) -> list[tuple[int, str, str, str | None]]:
    """(line, kind, answer, value) rows; NotThisFormat naming the first bad line."""
    from pipeline.normalize import resolve_country

    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        kind, answer, value = [*(c.strip() for c in row), "", "", ""][:3]
        kind = kind.lower()
        if kind not in KINDS:
            raise NotThisFormat(f"line {line}: kind must be 'country' or 'sector', not {kind!r}")
        if not answer:
            raise NotThisFormat(f"line {line}: the answer is empty")
        if not value:
            out.append((line, kind, answer, None))
            continue
        if kind == "sector":
            if value.lower() not in SECTORS:
                raise NotThisFormat(
                    f"line {line}: {value!r} is not a sector code ({', '.join(SECTORS)})"
                )
            value = value.lower()
        else:
            iso3 = value.upper() if len(value) == 3 and value.isalpha() else None
            iso3 = iso3 if iso3 and resolve_country(iso3) == iso3 else resolve_country(value)
            if iso3 is None:
                raise NotThisFormat(f"line {line}: {value!r} is not a country code or name")
            value = iso3
        out.append((line, kind, answer, value))
    return out
