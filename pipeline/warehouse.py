"""The DuckDB file: opening it, its schema, and one-writer-at-a-time.

DuckDB lets one process write a database file at a time and refuses a second
with "Could not set lock on file" (STYLE.md, sharp edges). The monthly run
holds its connection for the whole run, so a second run started meanwhile
stops at once with :class:`DatabaseBusy` instead of waiting or interleaving.
"""

from __future__ import annotations

import contextlib
import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pyarrow as pa

DEFAULT_DB = Path("data/processed/webinars.duckdb")
DEFAULT_MEMORY = "1500MB"
MEMORY_ENV = "WEBINAR_PIPELINE_MEMORY"  # e.g. '4GB' on a machine with memory to spare


class DatabaseBusy(RuntimeError):
    """Another process has the database open."""


def _schema_sql() -> list[str]:
    folder = resources.files("pipeline").joinpath("sql", "schema")
    return [
        f.read_text(encoding="utf-8")
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".sql")
    ]


def open_db(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse; raise DatabaseBusy if it is locked."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no database at {path}: run `python -m pipeline run` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy(
                f"{path} is in use by another process (another run, or a notebook holding it "
                "open); wait for it to finish and try again"
            ) from None
        raise
    # The transform's intermediate tables are temporary (in memory); DuckDB's default
    # limit, 80% of RAM, would let a large series take gigabytes. Above this limit it
    # spills to a temporary folder beside the database instead, at little cost in time.
    con.execute(f"set memory_limit = '{os.environ.get(MEMORY_ENV, DEFAULT_MEMORY)}'")
    if not sys.stdout.isatty():
        # DuckDB draws its own progress bar on long queries; in a log file or a
        # cron mail it is a screenful of carriage returns, not a log line.
        # In Jupyter without ipywidgets DuckDB refuses to touch the setting at all.
        with contextlib.suppress(duckdb.Error):
            con.execute("set enable_progress_bar = false")
    if not read_only:
        for sql in _schema_sql():
            con.execute(sql)
    return con


def _arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa  # here: a run with nothing to load never pays for importing it

    return {
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "VARCHAR": pa.string(),
        "JSON": pa.string(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "VARCHAR[]": pa.list_(pa.string()),
    }[kind]


_SCHEMAS: dict[str, pa.Schema] = {}


def _arrow_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    """The Arrow schema of one of our tables; they are ours, so one lookup per process."""
    if table not in _SCHEMAS:
        _SCHEMAS[table] = _describe(con, table)
    return _SCHEMAS[table]


def _describe(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    schema, name = table.split(".")
    described = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    import pyarrow as pa

    return pa.schema([(column, _arrow_type(kind)) for column, kind in described])


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Append Python tuples (in the table's column order) to ``table``.

    The rows go column by column into Arrow arrays, which DuckDB reads without
    touching a Python object again: about ten times faster than a pandas frame
    of objects, and bulk loads are where ingest spends its time.
    """
    import pyarrow as pa

    schema = _arrow_schema(con, table)
    columns = list(zip(*rows, strict=True))
    batch = pa.table(
        [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)],
        schema=schema,
    )
    con.from_arrow(batch).insert_into(table)


def execute_with_frame(
    con: duckdb.DuckDBPyConnection, sql: str, frame: object, params: list | None = None
) -> None:
    """Run ``sql`` with a pandas DataFrame visible to it as the table ``frame``.

    DuckDB's replacement scan finds the local variable ``frame`` by name; it
    costs about half of an explicit register/unregister per statement.
    """
    con.execute(sql, params or [])
