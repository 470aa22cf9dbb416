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
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import duckdb

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


def _migration_sql(name: str) -> str:
    folder = resources.files("pipeline").joinpath("sql", "migrations")
    return folder.joinpath(name).read_text(encoding="utf-8")


def _column_type(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, column: str
) -> str | None:
    """The column's type as DuckDB names it ('VARCHAR[]'), or None when there is no such column."""
    row = con.execute(
        "select data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? and column_name = ?",
        [schema, table, column],
    ).fetchone()
    return row[0] if row else None


# What a database an older version made lacks, and the file that brings it up to
# date. The schema files run on every open and only create what is missing, so a
# table an older version made keeps its old shape until its migration runs.
_MIGRATIONS: tuple[tuple[Callable[[duckdb.DuckDBPyConnection], bool], str], ...] = (
    # audit.active_reports gained ``part`` in its primary key (the reports of a
    # restarted Teams meeting add up), which DuckDB cannot alter in place.
    (
        lambda con: _column_type(con, "audit", "active_reports", "part") is None,
        "active_reports_part.sql",
    ),
    # raw.lines.cells was a VARCHAR[]: the same strings as a JSON array now.
    (
        lambda con: _column_type(con, "raw", "lines", "cells") == "VARCHAR[]",
        "raw_lines_json.sql",
    ),
)


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a database an older version made up to the current schema.

    Each change runs in one transaction and only while the database lacks it,
    so opening an up-to-date database does nothing.
    """
    for needed, name in _MIGRATIONS:
        if not needed(con):
            continue
        con.execute("begin")
        try:
            con.execute(_migration_sql(name))
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise


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
        try:
            for sql in _schema_sql():
                con.execute(sql)
            _migrate(con)
        except BaseException:
            con.close()  # a half-opened database must not stay locked by this process
            raise
    return con


def execute_with_frame(
    con: duckdb.DuckDBPyConnection, sql: str, frame: object, params: list | None = None
) -> None:
    """Run ``sql`` with a DataFrame or Arrow table visible to it as the table ``frame``.

    DuckDB's replacement scan finds the local variable ``frame`` by name; it
    costs about half of an explicit register/unregister per statement.
    """
    con.execute(sql, params or [])
