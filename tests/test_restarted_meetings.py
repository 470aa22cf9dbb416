"""A restarted Teams meeting: one report per part, and the parts add up to one webinar.

Teams makes a new attendance report each time the organiser restarts the
meeting (export-formats.md §4.1, "Multiple reports per meeting"). Both reports
have the meeting's title and day, so one webinar key; their Start times tell
the parts apart. The fixtures (tests/fixtures/teams/make_fixtures.py,
``restarted_meeting``), read in UTC as there is no catalogue:

* part 1, 2:00–2:40 PM: Ana 38 min, Bruno 25 min (two joins), the guest Dana 10 min;
* part 2, 2:50–3:30 PM: Ana 39 min, Chen 25 min, Dana 5 min;
* an earlier download of part 1 (same Start time, cut at 2:30 PM): a re-export.

Olivia organises both parts: staff, never an attendee.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

import pipeline.warehouse
from pipeline.ingest import ingest
from pipeline.transform import transform
from pipeline.warehouse import open_db
from tests.conftest import FIXTURES, query

PART1 = "teams/meeting_restarted_part1.csv"
PART1_EARLY = "teams/meeting_restarted_part1_early.csv"
PART2 = "teams/meeting_restarted_part2.csv"
WEBINAR = "teams:open contracting clinic:2024-03-14"
# The names a browser gives three downloads of one day's attendance report.
DOWNLOADS = [
    "Open contracting clinic - Attendance report 3-14-24.csv",
    "Open contracting clinic - Attendance report 3-14-24 (1).csv",
    "Open contracting clinic - Attendance report 3-14-24 (2).csv",
]
OLD_SCHEMA = FIXTURES / "warehouse" / "schema_before_parts.sql"


def drop(raw: Path, fixture: str, name: str | None = None) -> None:
    """Put a fixture into the raw folder, under the name its download was given."""
    shutil.copy2(FIXTURES / fixture, raw / (name or Path(fixture).name))


def run(raw: Path, db: Path) -> None:
    """One monthly run: load what is new, rebuild the figures."""
    con = open_db(db)
    try:
        ingest(con, raw)
        transform(con)
    finally:
        con.close()


def figures(db: Path) -> dict[str, list[tuple]]:
    """What a run shows: the contract marts, data quality, each attendee's minutes."""
    return {
        "reach": query(db, "select * from marts.webinar_reach"),
        "summary": query(db, "select * from marts.series_summary"),
        "growth": query(db, "select * from marts.series_growth"),
        "quality": query(db, "select * from marts.data_quality_webinars"),
        "minutes": query(
            db,
            "select webinar_id, list(minutes_attended order by minutes_attended) "
            "from core.attendees group by all order by all",
        ),
        "webinars": query(
            db, "select webinar_id, start_at, end_at, duration_minutes from core.webinars"
        ),
    }


def reach(db: Path) -> dict[str, object]:
    (row,) = query(
        db,
        "select attendees, avg_minutes, start_at from marts.webinar_reach where webinar_id = ?",
        [WEBINAR],
    )
    return dict(zip(("attendees", "avg_minutes", "start_at"), row, strict=True))


def minutes(db: Path) -> list[float]:
    return [
        m
        for (m,) in query(
            db,
            "select minutes_attended from core.attendees where webinar_id = ? order by 1",
            [WEBINAR],
        )
    ]


@pytest.fixture(scope="module")
def both_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both parts of the meeting, loaded in one run."""
    root = tmp_path_factory.mktemp("both-parts")
    raw = root / "raw"
    raw.mkdir()
    drop(raw, PART1, DOWNLOADS[0])
    drop(raw, PART2, DOWNLOADS[2])
    run(raw, root / "w.duckdb")
    return root / "w.duckdb"


# ---------------------------------------------------------------- the parts add up


def test_everyone_who_attended_any_part_of_a_restarted_meeting_is_its_attendee(both_parts):
    # Ana and Dana (both parts), Bruno (part 1 only), Chen (part 2 only); not Olivia.
    assert reach(both_parts)["attendees"] == 4


def test_a_person_in_both_parts_is_one_attendee_with_the_minutes_of_both(both_parts):
    # Dana 10 + 5 (a guest: matched by name), Bruno 25, Chen 25, Ana 38 + 39.
    assert minutes(both_parts) == [15.0, 25.0, 25.0, 77.0]
    assert reach(both_parts)["avg_minutes"] == 35.5


def test_a_restarted_meeting_runs_from_its_first_part_s_start_to_its_last_part_s_end(both_parts):
    assert reach(both_parts)["start_at"] == datetime(2024, 3, 14, 14, 0)
    assert query(
        both_parts,
        "select start_at, end_at, duration_minutes from core.webinars where webinar_id = ?",
        [WEBINAR],
    ) == [(datetime(2024, 3, 14, 14, 0), datetime(2024, 3, 14, 15, 30), 90.0)]


def test_each_part_has_its_own_active_report(both_parts):
    active = query(
        both_parts,
        "select a.part, f.path from audit.active_reports a join audit.files f using (file_id) "
        "where a.webinar_key = ? order by a.part",
        [WEBINAR],
    )
    assert [(part, Path(path).name) for part, path in active] == [
        ("2024-03-14T14:00:00", DOWNLOADS[0]),
        ("2024-03-14T14:50:00", DOWNLOADS[2]),
    ]


# ---------------------------------------------------------------- a re-export still replaces


def test_a_re_export_of_one_part_replaces_the_earlier_download_of_that_part(
    raw: Path, db: Path, both_parts: Path
):
    drop(raw, PART1_EARLY, DOWNLOADS[0])
    drop(raw, PART2, DOWNLOADS[1])
    run(raw, db)
    drop(raw, PART1, DOWNLOADS[2])  # the same part, downloaded again after it ended
    run(raw, db)
    active = query(
        db,
        "select f.path from audit.active_reports a join audit.files f using (file_id) "
        "where a.webinar_key = ? order by all",
        [WEBINAR],
    )
    assert [Path(p).name for (p,) in active] == [DOWNLOADS[1], DOWNLOADS[2]]
    # The early download's 9 rows no longer count: part 1's final 9 + part 2's 8.
    assert query(
        db, "select rows_read from marts.data_quality_webinars where webinar_id = ?", [WEBINAR]
    ) == [(17,)]
    assert figures(db) == figures(both_parts)


# ---------------------------------------------------------------- order does not matter


@pytest.mark.parametrize(
    "runs",
    [
        pytest.param([[(PART2, DOWNLOADS[1]), (PART1, DOWNLOADS[2])]], id="part-2-first-one-run"),
        pytest.param([[(PART1, DOWNLOADS[0])], [(PART2, DOWNLOADS[1])]], id="part-1-then-2"),
        pytest.param([[(PART2, DOWNLOADS[0])], [(PART1, DOWNLOADS[1])]], id="part-2-then-1"),
    ],
)
def test_the_order_the_parts_arrive_in_does_not_change_the_figures(
    runs: list[list[tuple[str, str]]], raw: Path, db: Path, both_parts: Path
):
    for downloads in runs:
        for fixture, name in downloads:
            drop(raw, fixture, name)
        run(raw, db)
    loaded = [Path(p).name for (p,) in query(db, "select path from audit.files order by file_id")]
    assert loaded == [name for downloads in runs for _, name in downloads]  # in that order
    assert reach(db)["attendees"] == 4
    assert figures(db) == figures(both_parts)


# ---------------------------------------------------------------- an older database


def made_by_the_old_schema(path: Path, source: Path) -> None:
    """A database the schema before parts made, holding what ``source`` holds.

    Each table of the old schema gets the source's rows in its own (old)
    columns, as the older version wrote them; the id sequences move past the
    copied ids, so that loading more files goes on from there.
    """
    con = duckdb.connect(str(path))
    try:
        con.execute(OLD_SCHEMA.read_text(encoding="utf-8"))
        con.execute("attach ? as source (read_only)", [str(source)])
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = current_database() and table_schema in ('raw', 'audit') "
            "and table_type = 'BASE TABLE'"
        ).fetchall()
        for schema, table in tables:
            columns = ", ".join(
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_catalog = current_database() and table_schema = ? "
                    "and table_name = ? order by ordinal_position",
                    [schema, table],
                ).fetchall()
            )
            con.execute(
                f"insert into {schema}.{table} ({columns}) "
                f"select {columns} from source.{schema}.{table}"
            )
        for sequence, column, table in (
            ("audit.file_id_seq", "file_id", "audit.files"),
            ("audit.run_id_seq", "run_id", "audit.runs"),
        ):
            con.execute(
                f"select nextval('{sequence}') "
                f"from range((select coalesce(max({column}), 0) from {table}))"
            )
        con.execute("detach source")
    finally:
        con.close()


@pytest.fixture
def old_db(tmp_path: Path, raw: Path) -> tuple[Path, Path]:
    """(database made by the old schema, database the current version made of the same files).

    The files include a registration report and its re-export, so one file is
    not active; and a Teams meeting, whose report has a part now.
    """
    for name in (
        "series/81234567890_Attendee_Report.csv",
        "series/registration report (1).csv",
        "series/Registration Report 2023-04-27.csv",
        "series/webinar A attendee report.csv",
        "series/catalogue.yaml",
        "teams/meeting_2022_en-GB.csv",
    ):
        drop(raw, name)
    current = tmp_path / "current.duckdb"
    run(raw, current)
    old = tmp_path / "old.duckdb"
    made_by_the_old_schema(old, current)
    return old, current


def active_reports(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select webinar_key, report_type, file_id from audit.active_reports order by all"
    ).fetchall()


def test_a_database_made_before_parts_opens_migrated_with_its_active_reports(old_db, raw):
    old, current = old_db
    with duckdb.connect(str(current), read_only=True) as con:
        expected = active_reports(con)
    assert len(expected) == 5  # 5 exports, one a re-export that replaced another; the catalogue
    con = open_db(old)
    try:
        assert active_reports(con) == expected
        assert con.execute("select distinct part from audit.active_reports").fetchall() == [("",)]
        assert con.execute("select count(part) from raw.webinars").fetchone()[0] == 0
        transform(con)
    finally:
        con.close()
    assert figures(old) == figures(current)


def test_opening_a_migrated_database_again_keeps_the_parts_it_has_taken_since(old_db, raw):
    old, _ = old_db
    open_db(old).close()
    drop(raw, PART1, DOWNLOADS[0])
    drop(raw, PART2, DOWNLOADS[1])
    run(raw, old)  # opens it again, and loads two parts
    with duckdb.connect(str(old), read_only=True) as con:
        before = con.execute("select * from audit.active_reports order by all").fetchall()
    assert {part for _, _, part, _ in before} == {"", "2024-03-14T18:00:00", "2024-03-14T18:50:00"}
    open_db(old).close()
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("select * from audit.active_reports order by all").fetchall() == before


def test_a_migrated_database_keeps_both_parts_of_a_restarted_meeting(old_db, raw, both_parts):
    old, _ = old_db
    drop(raw, PART1, DOWNLOADS[0])
    drop(raw, PART2, DOWNLOADS[1])
    run(raw, old)
    assert reach(old)["attendees"] == 4
    assert minutes(old) == minutes(both_parts)  # read in the catalogue's zone: same minutes


def test_a_migration_that_fails_leaves_the_old_database_as_it_was(old_db, monkeypatch):
    old, _ = old_db
    with duckdb.connect(str(old), read_only=True) as con:
        before = active_reports(con)
    migration = pipeline.warehouse._migration_sql
    monkeypatch.setattr(
        pipeline.warehouse,
        "_migration_sql",
        lambda name: migration(name) + "\nselect error('interrupted after the rebuild');",
    )
    with pytest.raises(duckdb.Error, match="interrupted after the rebuild"):
        open_db(old)
    with duckdb.connect(str(old), read_only=True) as con:
        columns = con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'audit' and table_name = 'active_reports'"
        ).fetchall()
        assert ("part",) not in columns
        assert active_reports(con) == before
    monkeypatch.undo()
    con = open_db(old)  # the next open migrates it
    try:
        assert active_reports(con) == before
    finally:
        con.close()
