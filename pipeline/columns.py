"""A parsed file as columns: what a parse worker hands to the loader.

Exports are parsed in worker processes and stored by the parent, so every row
crosses a process boundary. Records (one slotted object per row) and source
rows (a tuple of cells each) cost more to pickle and unpickle than to parse:
on a large first run that was a third of the CPU. Plain columns (lists of
text, NumPy arrays of numbers and times) cost a few microseconds a row, and go
into DuckDB with one insert per table, typed, not sniffed value by value.

The raw rows are kept as JSON arrays of their cells (``raw.lines.cells``):
every cell as text, exactly, at a quarter of the cost of a DuckDB list column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from json.encoder import encode_basestring  # the C encoder of one JSON string
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from pipeline.adapters.base import ParsedFile, WebinarRecord
from pipeline.readers import SourceTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    Column = list[Any] | np.ndarray  # one column's values, in row order

# NumPy and pandas are imported where used: a run with nothing new imports this
# module but parses nothing, and stays quick.

# (column of the raw table, attribute of the record, kind) in the table's order.
# Kinds: 'int', 'text' (or any object), 'time' (naive UTC datetime), 'float'.
Columns = Sequence[tuple[str, str, str]]
REGISTRATION_COLUMNS: Columns = (
    ("line_number", "line", "int"),
    ("webinar_key", "webinar_key", "text"),
    ("email", "email", "text"),
    ("first_name", "first_name", "text"),
    ("last_name", "last_name", "text"),
    ("name", "name", "text"),
    ("registered_at", "registered_at", "time"),
    ("registered_text", "registered_text", "text"),
    ("status", "status", "text"),
    ("status_text", "status_text", "text"),
    ("country", "country", "text"),
    ("organization", "organization", "text"),
    ("sector", "sector", "text"),
    ("job_title", "job_title", "text"),
)
SESSION_COLUMNS: Columns = (
    ("line_number", "line", "int"),
    ("webinar_key", "webinar_key", "text"),
    ("role", "role", "text"),
    ("name", "name", "text"),
    ("email", "email", "text"),
    ("join_at", "join_at", "time"),
    ("leave_at", "leave_at", "time"),
    ("join_text", "join_text", "text"),
    ("leave_text", "leave_text", "text"),
    ("minutes", "minutes", "float"),
    ("country", "country", "text"),
    ("is_guest", "is_guest", "text"),  # True, False or None: kept as objects
    ("section", "section", "text"),
)
REJECT_COLUMNS: Columns = (("line_number", "line", "int"), ("reason", "reason", "text"))

_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(slots=True)
class FileColumns:
    """One parsed file: what ``audit.files`` records of it, and its rows by table."""

    adapter: str
    platform: str
    report_type: str
    layout: str
    encoding: str
    delimiter: str | None
    generated_at: datetime | None
    webinars: list[WebinarRecord]
    data_rows: int
    rows_rejected: int
    notes: list[str]
    # raw table name -> column name -> values, without file_id (the loader adds it)
    tables: dict[str, dict[str, Column]]

    @property
    def rows_kept(self) -> int:
        return self.data_rows - self.rows_rejected

    @property
    def source_rows(self) -> int:
        return row_count(self.tables["raw.lines"])


def row_count(columns: dict[str, Column]) -> int:
    """Rows of a table given as columns (every column has one value a row)."""
    return len(next(iter(columns.values())))


def to_columns(table: SourceTable, parsed: ParsedFile) -> FileColumns:
    """Turn a file's source rows and records into columns (pure)."""
    rows = table.rows
    registrations = _columns(parsed.registrations, REGISTRATION_COLUMNS)
    registrations["answers"] = [
        _json(r.answers) if r.answers else None for r in parsed.registrations
    ]
    return FileColumns(
        adapter=parsed.adapter,
        platform=parsed.platform,
        report_type=parsed.report_type,
        layout=parsed.layout,
        encoding=table.encoding,
        delimiter=table.delimiter,
        generated_at=parsed.generated_at,
        webinars=parsed.webinars,
        data_rows=parsed.data_rows,
        rows_rejected=len(parsed.rejects),
        notes=[*table.notes, *parsed.notes],
        tables={
            "raw.lines": {
                "line_number": _ints([r.line for r in rows]),
                "cells": [_json_list(r.cells) for r in rows],
            },
            "raw.registrations": registrations,
            "raw.sessions": _columns(parsed.sessions, SESSION_COLUMNS),
            "audit.rejected_rows": _columns(parsed.rejects, REJECT_COLUMNS),
        },
    )


def joined(parts: list[dict[str, Column]], file_ids: list[int]) -> pd.DataFrame:
    """One frame of several files' columns, each row with its file's id.

    Text stays Python objects whatever pandas' default string type is
    (pyarrow or not): DuckDB reads them as they are.
    """
    import numpy as np
    import pandas as pd

    lengths = [row_count(p) for p in parts]
    data = {"file_id": pd.Series(np.repeat(np.array(file_ids, dtype=np.int32), lengths))}
    for name in parts[0]:
        values = [p[name] for p in parts]
        if isinstance(values[0], np.ndarray):
            data[name] = pd.Series(np.concatenate(values), copy=False)
        else:
            column = np.empty(sum(lengths), dtype=object)
            column[:] = [v for chunk in values for v in chunk]
            data[name] = pd.Series(column, dtype=object, copy=False)
    return pd.DataFrame(data, copy=False)


def _columns(records: Sequence[object], columns: Columns) -> dict[str, Column]:
    return {
        name: _CONVERT[kind](list(map(attrgetter(attribute), records)))
        for name, attribute, kind in columns
    }


def _json_list(cells: Sequence[str]) -> str:
    """``json.dumps(cells, ensure_ascii=False)`` in C, without the encoder's per-call cost.

    encode_basestring escapes only control characters, '"' and '\\'; a row of
    printable text without quotes or backslashes (most rows) is quoted with one
    join. Encoding cell by cell was half of to_columns on a Zoom attendee file,
    whose rows are padded to the table's width (6.6 -> 3.9 us a row).
    """
    text = "".join(cells)
    if cells and text.isprintable() and '"' not in text and "\\" not in text:
        return '["' + '","'.join(cells) + '"]'
    return "[" + ",".join(map(encode_basestring, cells)) + "]"


def _ints(values: list[Any]) -> np.ndarray:
    import numpy as np

    return np.array(values, dtype=np.int64)


def _objects(values: list[Any]) -> list[Any]:
    return values


_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)
_NOT_A_TIME = -(2**63)  # NumPy's NaT, which DuckDB reads as NULL


def _times(values: list[datetime | None]) -> np.ndarray:
    import numpy as np

    # Five times quicker than np.array(values, dtype='datetime64[us]') on datetimes.
    return np.array(
        [_NOT_A_TIME if v is None else (v - _EPOCH) // _MICROSECOND for v in values],
        dtype=np.int64,
    ).view("datetime64[us]")


def _floats(values: list[float | None]) -> np.ndarray:
    import numpy as np

    # NaN stands for a missing value; DuckDB reads a float column's NaN as NULL.
    return np.array([float("nan") if v is None else v for v in values], dtype=np.float64)


_CONVERT: dict[str, Callable[[list[Any]], Any]] = {
    "int": _ints,
    "text": _objects,
    "time": _times,
    "float": _floats,
}
