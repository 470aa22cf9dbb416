"""Loading rules: content, not names; one transaction a file; one writer at a time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from pipeline import ingest as ingest_module
from pipeline.adapters.base import ParsedFile
from pipeline.columns import to_columns
from pipeline.ingest import ingest, store_many
from pipeline.readers import SourceTable
from pipeline.readers.table import Row
from pipeline.warehouse import DatabaseBusy, open_db
from tests.conftest import query

ATTENDEE_A = "series/webinar A attendee report.csv"


def test_an_unrecognised_file_is_listed_left_untouched_and_the_run_goes_on(add, raw, cli, db):
    add(ATTENDEE_A)
    notes = raw / "notes from the call.csv"
    notes.write_text("Some,notes\nnothing,here\n", encoding="utf-8")
    (raw / "slides.pdf").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (raw / "empty.csv").write_bytes(b"")
    before = notes.read_bytes()
    result = cli("run")
    assert result.exit_code == 0
    assert "1 new file(s) loaded, 0 already loaded, 3 could not be read" in result.output
    assert "notes from the call.csv: is not an export this pipeline recognises" in result.output
    assert "slides.pdf: looks like binary data" in result.output
    assert "empty.csv: the file is empty" in result.output
    assert notes.read_bytes() == before
    assert len(query(db, "select * from audit.unreadable_files")) == 3


def test_unreadable_files_are_tried_again_and_forgotten_once_gone(add, raw, cli, db):
    add(ATTENDEE_A)
    (raw / "junk.csv").write_text("junk\n", encoding="utf-8")
    cli("run")
    (raw / "junk.csv").unlink()
    cli("run")
    assert query(db, "select * from audit.unreadable_files") == []


def test_a_file_that_fails_half_way_leaves_nothing_behind(add, raw, db, monkeypatch):
    add(ATTENDEE_A)

    def explode(*args, **kwargs):
        raise duckdb.ConversionException("simulated failure after the rows were inserted")

    monkeypatch.setattr(ingest_module, "_activate", explode)
    con = open_db(db)
    result = ingest(con, raw)
    assert [o.status for o in result.outcomes] == ["unreadable"]
    assert "simulated failure" in result.outcomes[0].detail
    for table in (
        "audit.files",
        "audit.active_reports",
        "audit.rejected_rows",
        "raw.lines",
        "raw.webinars",
        "raw.registrations",
        "raw.sessions",
    ):
        assert con.execute(f"select count(*) from {table}").fetchone()[0] == 0, table
    monkeypatch.undo()
    result = ingest(con, raw)  # the next run loads it whole
    assert [o.status for o in result.outcomes] == ["loaded"]
    assert con.execute("select count(*) from raw.sessions").fetchone()[0] == 5
    con.close()


def test_every_row_of_the_file_is_kept_as_text_with_its_line(add, raw, db):
    add(ATTENDEE_A)
    con = open_db(db)
    ingest(con, raw)
    lines = con.execute(
        """select line_number, from_json(cells, '["varchar"]') from raw.lines
        order by line_number"""
    ).fetchall()
    con.close()
    assert lines[0] == (1, ["Attendee Report"] + [""] * 13)
    assert lines[17][0] == 18 and "##########" in lines[17][1]
    assert len(lines) == 18


def test_a_cell_comes_back_from_raw_lines_exactly_as_typed(raw, db):
    typed = ['Say "hi", \\o/', "línea\nnueva", "tab\there", "\x1fsep", "李伟 <b>&amp;</b>", ""]
    tables = [Row(1, ("Name", "Email")), Row(2, tuple(typed))]
    frames = to_columns(
        SourceTable("x.csv", tables, "utf-8", ",", "text"),
        ParsedFile("zoom", "zoom", "attendance", "test", webinars=[]),
    )
    con = open_db(db)
    path = raw / "x.csv"
    path.write_text("x")
    con.execute("begin")
    store_many(con, [(path, "digest", frames)])
    con.execute("commit")
    stored = con.execute(
        """select from_json(cells, '["varchar"]') from raw.lines order by line_number"""
    ).fetchall()
    con.close()
    assert stored == [(["Name", "Email"],), (typed,)]


def test_source_rows_are_stored_compressed_with_zstd(add, raw, db):
    # Every line is unique text: DuckDB's default string compression spent a third
    # of a large first load's commits analysing it, for a file half as large again.
    add(ATTENDEE_A)
    con = open_db(db)
    ingest(con, raw)
    (sql,) = con.execute(
        "select sql from duckdb_tables() where schema_name = 'raw' and table_name = 'lines'"
    ).fetchone()
    methods = {
        m
        for (m,) in con.execute(
            "select distinct compression from pragma_storage_info('raw.lines') "
            "where column_name = 'cells' and segment_type <> 'VALIDITY'"
        ).fetchall()
    }
    con.close()
    assert "cells JSON USING COMPRESSION ZSTD" in sql
    assert methods == {"ZSTD"}


def test_a_database_from_before_json_lines_keeps_its_rows_as_json(db):
    db.parent.mkdir(parents=True, exist_ok=True)
    old = duckdb.connect(str(db))
    old.execute("create schema raw")
    old.execute(
        "create table raw.lines (file_id integer not null, line_number integer not null, "
        "cells varchar[] not null)"
    )
    old.execute("""insert into raw.lines values (1, 1, ['Topic', 'a "b"']), (1, 2, [])""")
    old.close()
    con = open_db(db)
    rows = con.execute(
        """select typeof(cells), from_json(cells, '["varchar"]') from raw.lines
        order by line_number"""
    ).fetchall()
    con.close()
    assert rows == [("JSON", ["Topic", 'a "b"']), ("JSON", [])]


@pytest.fixture
def holder(db: Path):
    """Another process holding the database open, as a run in progress does."""
    open_db(db).close()
    script = textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(db)!r})
        print("ready", flush=True)
        sys.stdin.read()
    """)
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.stdin.close()
    proc.wait(timeout=30)


def test_a_second_concurrent_run_stops_at_once_with_a_clear_message(add, cli, holder):
    add(ATTENDEE_A)
    started = time.monotonic()
    result = cli("run", check=False)
    assert result.exit_code == 1
    assert "is in use by another process" in result.output
    assert time.monotonic() - started < 30  # stopped, did not wait for the other run


def test_opening_a_locked_database_raises_database_busy(db, holder):
    with pytest.raises(DatabaseBusy):
        open_db(db)


def test_files_in_hidden_folders_and_readmes_are_ignored(add, raw, cli):
    add(ATTENDEE_A)
    (raw / ".cache").mkdir()
    (raw / ".cache" / "x.csv").write_text("junk", encoding="utf-8")
    (raw / "README.md").write_text("# notes", encoding="utf-8")
    result = cli("run")
    assert "0 could not be read" in result.output


def test_a_missing_raw_folder_fails_with_one_line(cli, tmp_path):
    result = cli("ingest", "--raw", str(tmp_path / "nowhere"), check=False)
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_a_bad_catalogue_is_reported_and_the_exports_still_load(add, raw, cli):
    add(ATTENDEE_A)
    (raw / "catalogue.yaml").write_text(
        "series:\n  timezone: Mars/Olympus\nwebinars: []\n", encoding="utf-8"
    )
    result = cli("run")
    assert "'Mars/Olympus' is not an IANA time zone" in result.output
    assert "1 new file(s) loaded" in result.output


def test_the_catalogue_dates_a_file_whose_own_dates_read_either_way(add, raw, cli, db):
    """An en-GB Excel re-save of 5 March (05/03/2025, English headers, commas) is read
    day-first, and the catalogue entry matches its export. (The spread of this file's
    own dates says day-first too; the next test's file has no such help.)"""
    add("zoom/attendee_excel_en_gb_days_ambiguous.csv")
    (raw / "catalogue.yaml").write_text(
        "series:\n  timezone: Europe/London\nwebinars:\n"
        "  - title: Open budgets in practice\n    date: 2025-03-05\n"
        '    platform: zoom\n    platform_id: "812 3456 7890"\n',
        encoding="utf-8",
    )
    result = cli("run")
    assert "2 new file(s) loaded" in result.output
    rows = query(db, "select local_date::varchar, in_catalogue from core.webinars")
    assert rows == [("2025-03-05", True)]


def test_only_the_catalogue_dates_a_meeting_whose_dates_read_either_way(add, raw, cli, db):
    """06/05/2025 under English headers and commas: 6 May or 5 June, and nothing else in
    the file tells. The catalogue lists the meeting on 6 May; without it, 5 June."""
    add("zoom_meetings/participants_2025_host_block_en_gb_resave.csv")
    (raw / "catalogue.yaml").write_text(
        "series:\n  timezone: Europe/London\nwebinars:\n"
        "  - title: Open data in practice\n    date: 2025-05-06\n"
        '    platform: zoom\n    platform_id: "817 9640 5615"\n',
        encoding="utf-8",
    )
    cli("run")
    rows = query(db, "select local_date::varchar, in_catalogue from core.webinars")
    assert rows == [("2025-05-06", True)]


def test_a_load_leaves_no_write_ahead_log_for_the_next_run_to_replay(add, raw, db):
    add(ATTENDEE_A)
    con = open_db(db)
    default = con.execute("select current_setting('checkpoint_threshold')").fetchone()
    ingest(con, raw)
    wal = db.with_name(db.name + ".wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed once, after the load
    # the larger log is for loading only: the transform's commit checkpoints as usual
    assert con.execute("select current_setting('checkpoint_threshold')").fetchone() == default
    con.close()


def test_files_are_stored_on_one_duckdb_thread_and_the_default_comes_back(
    add, raw, db, monkeypatch
):
    # The parse workers keep every core busy during a load; DuckDB's own threads
    # only added the cost of splitting each insert between them.
    add(ATTENDEE_A)
    con = open_db(db)
    default = con.execute("select current_setting('threads')").fetchone()
    seen: list[tuple] = []
    real_store = ingest_module.store_many

    def store_and_look(con: duckdb.DuckDBPyConnection, files: list) -> list[int]:
        seen.append(con.execute("select current_setting('threads')").fetchone())
        return real_store(con, files)

    monkeypatch.setattr(ingest_module, "store_many", store_and_look)
    ingest(con, raw)
    assert seen == [(1,)]
    assert con.execute("select current_setting('threads')").fetchone() == default
    con.close()


def test_a_copy_met_in_the_same_run_is_not_read_again_by_the_next(add, raw, db, monkeypatch):
    add(ATTENDEE_A)
    shutil.copy2(raw / Path(ATTENDEE_A).name, raw / "the same report, copied.csv")
    con = open_db(db)
    first = ingest(con, raw)
    assert sorted(o.status for o in first.outcomes) == ["loaded", "skipped"]

    def no_reading(path: Path) -> bytes:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    again = ingest(con, raw)
    con.close()
    assert [o.detail for o in again.outcomes] == ["already loaded", "already loaded"]


def test_progress_hears_of_each_file_when_it_is_parsed_before_its_group_is_stored(add, raw, db):
    """Files are committed in groups of up to a million rows, seconds apart on a large
    first run: a progress bar that moved only at commits would stand still meanwhile."""
    add(ATTENDEE_A, "series/81234567890_Attendee_Report.csv")
    heard: list[tuple[str, str]] = []
    con = open_db(db)
    result = ingest(con, raw, progress=lambda o: heard.append((o.path.name, o.status)))
    con.close()
    names = sorted(p.name for p in raw.iterdir())
    parsed = [name for name, status in heard if status == "parsed"]
    assert sorted(parsed) == names
    for name in names:
        assert heard.index((name, "parsed")) < heard.index((name, "loaded"))
    # Only what became of each file is the result.
    assert sorted((o.path.name, o.status) for o in result.outcomes) == [
        (name, "loaded") for name in names
    ]


def _collector_state(job: object) -> tuple[int, int]:
    """Stands in for parse_job inside a worker: what its cycle collector looks at."""
    import gc

    return gc.get_freeze_count(), gc.get_threshold()[0]


def test_parse_workers_leave_the_heap_they_inherit_out_of_their_collections(monkeypatch):
    # A forked worker holds the parent's modules and indexes; a full collection walking
    # them again and again cost a first load ~5% of its parsing CPU.
    monkeypatch.setenv("WEBINAR_PIPELINE_WORKERS", "2")
    monkeypatch.setattr(ingest_module, "parse_job", _collector_state)
    jobs = [(Path(f"report {n}.csv"), None, []) for n in range(4)]
    states = list(ingest_module._parse_all(jobs))
    assert len(states) == 4
    for frozen, young_threshold in states:
        assert frozen > 10_000  # the inherited objects are frozen
        assert young_threshold >= 10_000  # young collections are rare


def test_one_file_per_worker_is_parsed_ahead_however_large():
    budget = ingest_module._AHEAD_BYTES
    assert ingest_module._room_ahead(0, 0, workers=2)
    assert ingest_module._room_ahead(1, 10 * budget, workers=2)
    assert not ingest_module._room_ahead(2, 10 * budget, workers=2)


def test_files_are_parsed_ahead_of_the_loader_up_to_a_budget_of_their_size():
    # Enough that the workers go on parsing while the loader commits a group, so a
    # core does not stand idle; bounded, so memory does not grow with the history.
    budget, most = ingest_module._AHEAD_BYTES, ingest_module._AHEAD_FILES
    assert ingest_module._room_ahead(most - 1, budget - 1, workers=2)
    assert not ingest_module._room_ahead(most, 0, workers=2)
    assert not ingest_module._room_ahead(10, budget, workers=2)


def _file_name(job: tuple) -> str:
    """Stands in for parse_job inside a worker."""
    return job[0].name


def test_parsed_files_come_back_in_the_order_they_were_found(tmp_path, monkeypatch):
    monkeypatch.setenv("WEBINAR_PIPELINE_WORKERS", "2")
    monkeypatch.setattr(ingest_module, "parse_job", _file_name)
    monkeypatch.setattr(ingest_module, "_AHEAD_BYTES", 1000)
    names = [f"report {n:03}.csv" for n in range(40)]
    for n, name in enumerate(names):  # sizes from 0 to 1,950 bytes: some alone over budget
        (tmp_path / name).write_bytes(b"x" * (n * 50))
    jobs = [(tmp_path / name, None, []) for name in names]
    assert list(ingest_module._parse_all(jobs)) == names


def test_a_parsed_file_keeps_none_of_its_rows_alive(monkeypatch):
    # The loader stores a file after parsing it; the rows of a 200 MB export, left
    # alive by a detector's memory of the last table, took 1.2 GiB while it did.
    import gc
    import weakref

    from pipeline.adapters.base import ParseContext
    from tests.conftest import FIXTURES

    tables = []
    real = ingest_module.read_table

    def remembered(data: bytes, name: str):
        table = real(data, name)
        tables.append(weakref.ref(table))
        return table

    monkeypatch.setattr(ingest_module, "read_table", remembered)
    parsed = ingest_module.parse_job((FIXTURES / ATTENDEE_A, ParseContext("UTC"), []))
    gc.collect()
    assert not isinstance(parsed, str), parsed
    assert tables and all(ref() is None for ref in tables)


def test_a_session_that_leaves_before_it_joins_is_rejected_with_its_reason():
    from pipeline.adapters.base import ParseContext
    from pipeline.ingest import parse_export

    text = (
        "Meeting Name,Meeting Start Time,Display Name,Attendee Email,Join Time,Leave Time,"
        "Attendance Duration,Role\n"
        "Budgets,12/04/2024 12:00 PM,Meera Iyer,meera@example.in,12/04/2024 12:10 PM,"
        "12/04/2024 12:12 AM,2 mins,Attendee\n"
        "Budgets,12/04/2024 12:00 PM,Ravi Rao,ravi@example.in,12/04/2024 12:05 PM,"
        "12/04/2024 12:50 PM,45 mins,Attendee\n"
    )
    _, parsed = parse_export(text.encode(), "attendance.csv", ParseContext("Asia/Kolkata"))
    assert [s.name for s in parsed.sessions] == ["Ravi Rao"]
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (2, "leaves (12/04/2024 12:12 AM) before it joins (12/04/2024 12:10 PM): not a session")
    ]
