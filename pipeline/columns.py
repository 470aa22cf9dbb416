"""A parsed file as columns: what a parse worker hands to the loader.

Exports are parsed in worker processes and stored by the parent, so every row
crosses a process boundary. Records (one slotted object per row) and source
rows (a tuple of cells each) cost more to pickle and unpickle than to parse:
on a large first run that was a third of the CPU. Each table is an Arrow
table, typed in the worker: it pickles as a few buffers rather than one
Python object per cell, and DuckDB reads it without looking at each value.
The parent, which stores every file one after the other, is the part of a
first load that does not run in parallel; with pandas columns of Python
strings it spent as long converting them as the workers spent building them.

The raw rows are kept as JSON arrays of their cells (``raw.lines.cells``):
every cell as text, exactly, at a quarter of the cost of a DuckDB list column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from json.encoder import encode_basestring  # the C encoder of one JSON string
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from pipeline.adapters.base import ParsedFile, RecordColumns, WebinarRecord
from pipeline.readers import SourceTable
from pipeline.readers.table import Row

if TYPE_CHECKING:
    import pyarrow as pa

# NumPy and pyarrow are imported where used: a run with nothing new imports
# this module but parses nothing, and stays quick.

# (column of the raw table, attribute of the record, kind) in the table's order.
# Kinds: 'int', 'text', 'time' (naive UTC datetime), 'float', 'bool'.
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
    ("is_guest", "is_guest", "bool"),
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
    # raw table name -> its rows, without file_id (the loader adds it)
    tables: dict[str, pa.Table]

    @property
    def rows_kept(self) -> int:
        return self.data_rows - self.rows_rejected

    @property
    def source_rows(self) -> int:
        return self.tables["raw.lines"].num_rows


def to_columns(table: SourceTable, parsed: ParsedFile) -> FileColumns:
    """Turn a file's source rows and records into typed tables (pure)."""
    rows = table.rows
    registrations = _columns(parsed.registrations, REGISTRATION_COLUMNS)
    answers = _values(parsed.registrations, "answers")
    registrations["answers"] = _text([_json(a) if a else None for a in answers])
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
            "raw.lines": _table(
                {
                    "line_number": _ints([r.line for r in rows]),
                    "cells": _json_lines(rows),
                }
            ),
            "raw.registrations": _table(registrations),
            "raw.sessions": _table(_columns(parsed.sessions, SESSION_COLUMNS)),
            "audit.rejected_rows": _table(_columns(parsed.rejects, REJECT_COLUMNS)),
        },
    )


def joined(parts: list[pa.Table], file_ids: list[int]) -> pa.Table:
    """One table of several files' rows, each row with its file's id first.

    Every file's table of one kind has the same schema (the kinds above fix
    each column's type), so this only chains their buffers.
    """
    import numpy as np
    import pyarrow as pa

    rows = pa.concat_tables(parts)
    lengths = [p.num_rows for p in parts]
    ids = np.repeat(np.array(file_ids, dtype=np.int32), lengths)
    return rows.add_column(0, "file_id", pa.array(ids))


def _columns(records: Sequence[object], columns: Columns) -> dict[str, pa.Array]:
    return {name: _CONVERT[kind](_values(records, attribute)) for name, attribute, kind in columns}


def _values(records: Sequence[object], attribute: str) -> list[Any]:
    """One field of every record: the adapter's own column when it handed columns over."""
    if isinstance(records, RecordColumns):
        return records.columns[attribute]
    return list(map(attrgetter(attribute), records))


def _table(columns: dict[str, pa.Array]) -> pa.Table:
    import pyarrow as pa

    return pa.table(columns)


# Rows of raw.lines encoded at a time: a large file's JSON strings, each a Python
# object of ~200 bytes, are never all alive at once (building them took a 200 MB
# export 0.6 GiB more at its peak).
_JSON_CHUNK = 65_536


def _json_lines(rows: Sequence[Row]) -> pa.ChunkedArray:
    """Every row's cells as a JSON array, in Arrow chunks of :data:`_JSON_CHUNK` rows."""
    import pyarrow as pa

    return pa.chunked_array(
        [
            _text([_json_list(r.cells) for r in rows[start : start + _JSON_CHUNK]])
            for start in range(0, len(rows), _JSON_CHUNK)
        ],
        type=pa.string(),
    )


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


def _ints(values: list[int]) -> pa.Array:
    import pyarrow as pa

    return pa.array(values, type=pa.int32())


def _text(values: list[Any]) -> pa.Array:
    """Text, None as NULL. Anything else an adapter left in a text field is written as text."""
    import pyarrow as pa

    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def _bools(values: list[bool | None]) -> pa.Array:
    import pyarrow as pa

    return pa.array(values, type=pa.bool_())


def _times(values: list[datetime | None]) -> pa.Array:
    import pyarrow as pa

    # Naive datetimes as they are: pyarrow 26 converts them in 170 ns each, where the
    # route through NumPy integers, once measured four times quicker, took 240.
    return pa.array(values, type=pa.timestamp("us"))


def _floats(values: list[float | None]) -> pa.Array:
    import pyarrow as pa

    # A NaN from an adapter is no value either: from_pandas makes it NULL. Straight from
    # the list: 17 ns a value, where filling a NumPy array first took 90.
    return pa.array(values, type=pa.float64(), from_pandas=True)


_CONVERT: dict[str, Callable[[list[Any]], Any]] = {
    "int": _ints,
    "text": _text,
    "time": _times,
    "float": _floats,
    "bool": _bools,
}
