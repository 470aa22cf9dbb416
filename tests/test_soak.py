"""Soak: month after month of new exports and re-exports ends where one run over all ends.

The demo generator writes each month's downloads into exports/YYYY-MM/, with
re-exports (the same report downloaded again later) among them. Staff drop a
month's folder into data/raw and run; after the last month, every figure must
equal that of a single run over the whole history.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.demo import generate_series
from tests.conftest import query

MARTS = (
    "webinar_reach",
    "series_summary",
    "participants_by_country",
    "participants_by_sector",
    "series_growth",
    "participants_by_country_sector",
    "attendance_frequency",
    "cohort_retention",
    "monthly",
    "by_language",
    "by_topic",
    "speakers",
    "headline",
    "data_quality_webinars",
)


def figures(db: Path) -> dict[str, list]:
    return {m: sorted(query(db, f"select * from marts.{m}"), key=repr) for m in MARTS}


def run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def soak(tmp_path: Path, months: int, webinars: int, participants: int) -> None:
    source = tmp_path / "source"
    generate_series(source, seed=7, webinars=webinars, participants=participants)
    folders = sorted((source / "exports").iterdir())

    everything = tmp_path / "all"
    shutil.copytree(source, everything / "raw")
    run(
        "run",
        "--raw",
        str(everything / "raw"),
        "--db",
        str(everything / "w.duckdb"),
        "--reports",
        str(everything / "reports"),
    )

    raw, db = tmp_path / "monthly" / "raw", tmp_path / "monthly" / "w.duckdb"
    raw.mkdir(parents=True)
    shutil.copy2(source / "catalogue.yaml", raw)
    # Spread the series' folders over `months` runs; some months bring nothing new.
    for month in range(months):
        for folder in folders[
            month * len(folders) // months : (month + 1) * len(folders) // months
        ]:
            shutil.copytree(folder, raw / "exports" / folder.name)
        run("ingest", "--raw", str(raw), "--db", str(db))
        run("transform", "--db", str(db))
    assert figures(db) == figures(everything / "w.duckdb")


def test_twelve_monthly_runs_end_with_the_figures_of_one_run(tmp_path):
    soak(tmp_path, months=12, webinars=14, participants=400)


@pytest.mark.slow
def test_fifty_monthly_runs_end_with_the_figures_of_one_run(tmp_path):
    soak(tmp_path, months=50, webinars=40, participants=300)
