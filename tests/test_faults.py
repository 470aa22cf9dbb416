"""Faults: a run killed at any moment, a full disk, an unwritable report folder (issue 8.2)."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, query
from tests.test_end_to_end import ALL
from tests.test_soak import figures


def run_cli(raw: Path, db: Path, reports: Path) -> subprocess.Popen:
    """`python -m pipeline run` in its own process, so that it can be killed."""
    folders = ["--raw", str(raw), "--db", str(db), "--reports", str(reports)]
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", *folders],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list]:
    """The marts of one uninterrupted run over the whole series."""
    root = tmp_path_factory.mktemp("reference")
    raw = root / "raw"
    raw.mkdir()
    for name in ALL:
        shutil.copy2(FIXTURES / name, raw)
    proc = run_cli(raw, root / "w.duckdb", root / "reports")
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    return figures(root / "w.duckdb")


def killed_then_completed(tmp_path: Path, seed: int, reference: dict) -> None:
    rng = random.Random(seed)
    raw, db, reports = tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "reports"
    raw.mkdir()
    for name in ALL:
        shutil.copy2(FIXTURES / name, raw)
    for _ in range(2):  # killed twice, at random moments of ingest, transform or report
        proc = run_cli(raw, db, reports)
        time.sleep(rng.uniform(0.3, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    final = run_cli(raw, db, reports)
    assert final.wait(timeout=300) == 0, final.stderr.read() if final.stderr else ""
    assert figures(db) == reference
    assert not list(reports.glob(".*.tmp")), "a half-written report was left behind"


@pytest.mark.parametrize("seed", range(3))
def test_a_run_killed_at_any_moment_is_completed_by_the_next_run(tmp_path, seed, reference):
    killed_then_completed(tmp_path, seed, reference)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3, 6))
def test_many_kills_at_random_moments(tmp_path, seed, reference):
    killed_then_completed(tmp_path, seed, reference)


def test_an_unwritable_report_folder_fails_with_one_line_and_keeps_the_figures(
    add, cli, db, tmp_path
):
    add(*ALL)
    blocked = tmp_path / "reports-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = cli("run", "--reports", str(blocked), check=False)
    assert result.exit_code == 1
    assert "could not write the report to" in result.output
    assert query(db, "select participants from marts.series_summary") == [(4,)]
    assert cli("report", "--reports", str(tmp_path / "ok")).exit_code == 0


def test_a_full_disk_while_writing_the_report_leaves_no_partial_file(
    add, cli, reports, monkeypatch
):
    from pipeline.report import build

    add(*ALL)
    real_fdopen = os.fdopen

    def full(fd, *args, **kwargs):  # type: ignore[no-untyped-def]
        handle = real_fdopen(fd, *args, **kwargs)

        class Full:
            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc):  # type: ignore[no-untyped-def]
                handle.close()

            def write(self, text):  # type: ignore[no-untyped-def]
                handle.write(text[:1000])
                raise OSError(errno.ENOSPC, "No space left on device")

        return Full()

    monkeypatch.setattr(build.os, "fdopen", full)
    result = cli("run", check=False)
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert not reports.exists() or not any(reports.iterdir())


def test_a_half_written_report_left_by_a_killed_run_is_removed_by_the_next_run(add, cli, reports):
    """SIGKILL runs no cleanup, so the next run must sweep what the killed one left."""
    add(*ALL)
    reports.mkdir(parents=True, exist_ok=True)
    stale = reports / ".2025-03.html.k1ll3d.tmp"
    stale.write_text("<html><body>half a rep")
    assert cli("run").exit_code == 0
    assert not stale.exists()

    stale.write_text("<html><body>half a rep")  # killed while nothing new was to be done
    result = cli("run")
    assert "nothing new" in result.output
    assert not stale.exists()
    assert (reports / "latest.html").exists()


def test_a_full_disk_while_loading_a_file_loses_nothing(add, raw, db, monkeypatch):
    import duckdb

    from pipeline import ingest as ingest_module
    from pipeline.warehouse import open_db

    add(*ALL)
    real = ingest_module.store_many

    def full_on_one_file(con, files):  # type: ignore[no-untyped-def]
        if any(path.name == "Registration Report 2023-04-27.csv" for path, *_ in files):
            raise duckdb.IOException("could not write to file: No space left on device")
        return real(con, files)

    # The batch holding that file fails, is rolled back, and its files are stored
    # again one by one: only that file is lost, and nothing of it is left behind.
    monkeypatch.setattr(ingest_module, "store_many", full_on_one_file)
    con = open_db(db)
    result = ingest_module.ingest(con, raw)
    failed = result.with_status("unreadable")
    assert len(failed) == 1 and "No space left on device" in failed[0].detail
    loaded_ids = {
        r[0]
        for r in con.execute(
            "select file_id from audit.files where report_type <> 'catalogue'"
        ).fetchall()
    }
    line_ids = {r[0] for r in con.execute("select distinct file_id from raw.lines").fetchall()}
    assert line_ids == loaded_ids  # nothing of the failed file is left behind
    monkeypatch.undo()
    again = ingest_module.ingest(con, raw)
    assert [o.path.name for o in again.with_status("loaded")] == [failed[0].path.name]
    con.close()
