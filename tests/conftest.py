"""Shared fixtures: folders of real-layout exports copied into a temporary raw folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "processed" / "webinars.duckdb"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    return tmp_path / "reports"


@pytest.fixture
def add(raw: Path) -> Callable[..., Path]:
    """Copy fixture files (paths relative to tests/fixtures) into the raw folder."""

    def _add(*names: str) -> Path:
        for name in names:
            source = FIXTURES / name
            shutil.copy2(source, raw / source.name)
        return raw

    return _add


@pytest.fixture
def cli(raw: Path, db: Path, reports: Path) -> Callable[..., object]:
    """Run a subcommand with this test's folders; returns the click Result."""
    runner = CliRunner()

    def _cli(command: str, *args: str, check: bool = True) -> object:
        options = {
            "run": ["--raw", str(raw), "--db", str(db), "--reports", str(reports)],
            "ingest": ["--raw", str(raw), "--db", str(db)],
            "transform": ["--db", str(db)],
            "report": ["--db", str(db), "--reports", str(reports)],
            "status": ["--db", str(db)],
        }.get(command, [])
        result = runner.invoke(app, [command, *options, *args])
        if check and result.exit_code != 0:
            raise AssertionError(
                f"{command} exited {result.exit_code}:\n{result.output}\n{result.exception!r}"
            )
        return result

    return _cli


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()
