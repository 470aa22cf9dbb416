"""The analysts' entry point: the warehouse as DuckDB connections and DataFrames."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipeline.warehouse import DEFAULT_DB, open_db

ENV_DB = "WEBINAR_PIPELINE_DB"


def default_db() -> Path:
    """The database analysts mean by default: $WEBINAR_PIPELINE_DB, else the staff's one."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


def connect(db: str | Path | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse (read-only by default, so a notebook never writes)."""
    return open_db(Path(db) if db is not None else default_db(), read_only=read_only)
