"""The review file: answers that resolved to nothing, for staff to decide.

Written after every transform next to the database (``review.csv``), in the
same columns as ``overrides.csv`` plus how many people gave each answer, so
staff can copy decided rows straight across. The answers are what people
typed, and the file is opened in Excel: any cell that a spreadsheet would run
as a formula is neutralised (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never evaluates.

    A leading formula character gets a single quote in front, which Excel and
    LibreOffice hide and treat as "this is text".
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def review_rows(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    rows = con.execute(
        """
        select 'country' as kind, answer, people from audit.unresolved_countries
        union all
        select 'sector', answer, people from audit.unresolved_sectors
        order by kind, people desc, answer
        """
    ).fetchall()
    return [(kind, answer, people) for kind, answer, people in rows]


def render_review(rows: list[tuple[str, str, int]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["kind", "answer", "value", "people"])
    for kind, answer, people in rows:
        writer.writerow([kind, safe_cell(answer), "", people])
    return buffer.getvalue()


def write_review(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write review.csv (UTF-8 with BOM, so Excel reads accents right); return its rows."""
    rows = review_rows(con)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_review(rows), encoding="utf-8-sig", newline="")
    return len(rows)
