"""`run` on a two-webinar series whose figures are worked out by hand from DEFINITIONS.md.

The series (tests/fixtures/series/), all times America/New_York:

Webinar B, 2023-04-26 10:00, 60 min (Zoom 2021 layout; Zoom ID 812 3456 7890):
  host     host@opengovpartnership.org                       staff
  panelist juan.gomez@minhacienda.gov.co                     speaker
  attendee WALKIN@example.net  (registered, 09:55–11:05 → clipped 10:00–11:00 = 60 min, Kenia)
  attendee pat@think.org       (registered, two devices 10:00–10:30 + 10:15–10:45 = 45 min, UK)
  attendee "Invitado Especial (Guest)", no e-mail (walk-in, 30 min, platform: Mexico)
  registration report, exported twice; the re-export adds noshow@ (approved) and den@ (denied)
Webinar A, 2025-03-22 10:00, 90 min (Zoom 2025 layout; the same recurring Zoom ID):
  host, panelist ana.perez@hacienda.gob.mx
  attendee Juan, re-joined, e-mail case/space differs: 10:02–10:40 + 10:35–11:30 = 88 min
           (a panelist before: "new" at his first audience webinar); platform: Colombia
  Attended=No mary@example.org (registered, never attended)
  walk-in walkin@example.net (10 min, Kenya): returning
  a row with no name or e-mail, and a row whose Join Time is '##########': rejected
Catalogue: B, A, and C (2025-05-14, no export yet; speaker Lina Ortiz).

By hand:
  B: registrants 3 (walkin, pat, noshow), attendees 3, registered 2, walk-ins 1,
     rate 2/3, avg minutes (60+45+30)/3 = 45, countries 3 (KEN, GBR, MEX), new 3
  A: registrants 2 (Juan, Mary), attendees 2 (Juan, walkin), registered 1, walk-ins 1,
     rate 1/2, avg (88+10)/2 = 49, countries 2 (COL, KEN), new 1 (Juan), returning 1
  series: webinars 2, participants 4, registered-only 2 (mary, noshow), countries 4,
          speakers 3 (Juan, Ana, and Lina: DEFINITIONS.md counts speakers named in the
          catalogue, even of a webinar whose exports are not loaded yet)
  growth: B → 3 participants, 3 countries; A → 4 participants, 4 countries
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import query

SERIES = "Open Government Peer Learning"
B = "zoom:81234567890:2023-04-26"
A = "zoom:81234567890:2025-03-22"
ALL = (
    "series/81234567890_Attendee_Report.csv",
    "series/registration report (1).csv",
    "series/Registration Report 2023-04-27.csv",
    "series/webinar A attendee report.csv",
    "series/catalogue.yaml",
)


def build(root: Path) -> Path:
    """Copy the series into root/raw and run; return the database."""
    from typer.testing import CliRunner

    from pipeline.cli import app
    from tests.conftest import FIXTURES

    raw = root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name in ALL:
        shutil.copy2(FIXTURES / name, raw)
    db = root / "processed" / "webinars.duckdb"
    result = CliRunner().invoke(
        app, ["run", "--raw", str(raw), "--db", str(db), "--reports", str(root / "reports")]
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The series run once for the read-only tests of this module."""
    return build(tmp_path_factory.mktemp("series"))


@pytest.fixture
def series_db(add, cli, db):
    """The series run in this test's own folders, for tests that change things."""
    add(*ALL)
    cli("run")
    return db


def reach(db: Path) -> dict[str, tuple]:
    rows = query(
        db,
        """select webinar_id, registrants, attendees, registered_attendees, walk_ins,
                               round(attendance_rate, 4), avg_minutes, countries, new_attendees,
                               returning_attendees
                        from marts.webinar_reach""",
    )
    return {r[0]: r[1:] for r in rows}


def test_per_webinar_reach_matches_the_hand_count(built):
    assert reach(built) == {
        B: (3, 3, 2, 1, round(2 / 3, 4), 45.0, 3, 3, 0),
        A: (2, 2, 1, 1, 0.5, 49.0, 2, 1, 1),
    }


def test_series_summary_matches_the_hand_count(built):
    rows = query(
        built,
        """select series, webinars, participants, registered_only, countries,
                                      speakers, first_webinar_at, last_webinar_at
                               from marts.series_summary""",
    )
    assert len(rows) == 1
    series, webinars, participants, registered_only, countries, speakers, first, last = rows[0]
    assert (series, webinars, participants, registered_only, countries, speakers) == (
        SERIES,
        2,  # webinars
        4,  # participants
        2,  # registered only
        4,  # countries
        3,  # speakers
    )
    # 10:00 in New York is 14:00 UTC in April (EDT) and in late March 2025 (EDT).
    assert (first.isoformat(), last.isoformat()) == ("2023-04-26T14:00:00", "2025-03-22T14:00:00")


def test_series_growth_is_cumulative_in_start_order(built):
    rows = query(
        built,
        """select webinar_id, attendees, cumulative_participants,
                                      cumulative_countries, cumulative_webinars
                               from marts.series_growth order by cumulative_webinars""",
    )
    assert rows == [(B, 3, 3, 3, 1), (A, 2, 4, 4, 2)]


def test_participants_by_country_counts_each_person_once_with_their_latest_country(built):
    rows = query(
        built,
        """select country_iso3, country_name, participants
                               from marts.participants_by_country order by country_iso3""",
    )
    assert rows == [
        ("COL", "Colombia", 1),
        ("GBR", "United Kingdom", 1),
        ("KEN", "Kenya", 1),
        ("MEX", "Mexico", 1),
    ]


def test_participants_by_sector_keeps_unknown_as_its_own_bar(built):
    rows = dict(query(built, "select sector, participants from marts.participants_by_sector"))
    assert rows == {"government": 1, "civil_society": 2, "unknown": 1}


def test_the_webinar_title_and_language_come_from_the_catalogue(built):
    rows = query(
        built, "select webinar_id, title, language from marts.webinar_reach order by start_at"
    )
    assert rows == [(B, "Open budget data", "es"), (A, "Open contracting, local level", "en")]


def test_a_catalogue_entry_without_export_is_kept_but_not_counted(built):
    rows = query(
        built,
        "select title, has_attendance, in_catalogue from core.webinars where not has_attendance",
    )
    assert rows == [("Citizen participation in audits", False, True)]


def test_rejected_rows_are_kept_with_file_line_and_reason(built):
    rows = query(
        built,
        """select f.path, r.line_number, r.reason from audit.rejected_rows r
                               join audit.files f using (file_id) order by r.line_number""",
    )
    assert [(Path(p).name, line) for p, line, _ in rows] == [
        ("webinar A attendee report.csv", 17),
        ("webinar A attendee report.csv", 18),
    ]
    assert "no e-mail and no name" in rows[0][2]
    assert "'##########' is not a date" in rows[1][2]


def test_audit_counts_rows_read_kept_and_rejected_per_file(built):
    rows = dict(
        (Path(p).name, (read, kept, rejected))
        for p, read, kept, rejected in query(
            built, "select path, rows_read, rows_kept, rows_rejected from audit.files"
        )
    )
    assert rows["webinar A attendee report.csv"] == (8, 6, 2)
    assert rows["81234567890_Attendee_Report.csv"] == (6, 6, 0)
    assert rows["catalogue.yaml"] == (3, 3, 0)


def test_the_report_is_written_for_the_as_of_month_and_as_latest(built):
    reports = built.parent.parent / "reports"
    assert sorted(p.name for p in reports.iterdir()) == ["2025-03.html", "latest.html"]
    html = (reports / "latest.html").read_text(encoding="utf-8")
    assert "Open Government Peer Learning" in html


# ---------------------------------------------------------------- re-runs


def table_digest(db: Path) -> str:
    """A hash of every staging, core and marts table's sorted contents."""
    h = hashlib.sha256()
    tables = query(
        db,
        """select table_schema, table_name from information_schema.tables
                          where table_schema in ('raw', 'staging', 'core', 'marts')
                          order by all""",
    )
    for schema, name in tables:
        rows = query(db, f"select * from {schema}.{name}")
        h.update(f"{schema}.{name}".encode())
        for row in sorted(rows, key=repr):
            h.update(repr(row).encode())
    return h.hexdigest()


def test_running_twice_gives_identical_tables_and_loads_nothing_new(series_db, cli, reports):
    before = table_digest(series_db)
    report_before = (reports / "latest.html").read_bytes()
    result = cli("run")
    assert "0 new file(s) loaded, 5 already loaded" in result.output
    assert table_digest(series_db) == before
    assert (reports / "latest.html").read_bytes() == report_before


def test_a_file_copied_under_another_name_is_not_loaded_twice(series_db, cli, raw):
    shutil.copy2(raw / "webinar A attendee report.csv", raw / "copy of A.csv")
    result = cli("run")
    assert "0 new file(s) loaded" in result.output
    assert reach(series_db)[A][1] == 2


def test_a_touched_but_unchanged_file_is_recognised_by_its_content(series_db, cli, raw):
    path = raw / "webinar A attendee report.csv"
    os.utime(path, ns=(1, 1))
    result = cli("run")
    assert "0 new file(s) loaded, 5 already loaded" in result.output


def test_a_reexported_report_replaces_the_earlier_one(add, cli, db):
    add(*ALL[:2], "series/catalogue.yaml")
    cli("run")
    assert reach(db)[B][0] == 2  # only the first download: walkin and pat
    add("series/Registration Report 2023-04-27.csv")
    cli("run")
    assert reach(db)[B][0] == 3  # replaced, not added: 3, not 5
    active = query(
        db,
        """select f.path from audit.active_reports a join audit.files f
                          using (file_id) where a.report_type = 'registration'""",
    )
    assert [Path(p).name for (p,) in active] == ["Registration Report 2023-04-27.csv"]


def test_an_older_export_dropped_in_late_does_not_replace_a_newer_one(add, cli, db):
    add(
        "series/81234567890_Attendee_Report.csv",
        "series/Registration Report 2023-04-27.csv",
        "series/catalogue.yaml",
    )
    cli("run")
    add("series/registration report (1).csv")
    cli("run")
    assert reach(db)[B][0] == 3


def test_without_a_catalogue_times_are_read_in_utc_and_webinars_are_flagged(add, cli, db):
    add("series/webinar A attendee report.csv")
    result = cli("run")
    assert "times read in UTC" in result.output
    rows = query(db, "select webinar_id, start_at, in_catalogue, series from core.webinars")
    assert [(w, s.isoformat(), c, n) for w, s, c, n in rows] == [
        (A, "2025-03-22T10:00:00", False, "Webinar series")
    ]


def test_status_lists_files_rejections_webinars_and_catalogue_gaps(built):
    from typer.testing import CliRunner

    from pipeline.cli import app

    output = CliRunner().invoke(app, ["status", "--db", str(built)]).output
    assert "webinar A attendee report.csv" in output
    assert "replaced by a newer export" in output
    assert "'##########' is not a date" in output
    assert "catalogue only: no export" in output
    assert "unknown country for 0 of 4 participants" in output


def test_a_webinar_no_export_dates_is_reported_as_undated_not_a_crash(raw, cli, reports, db):
    """A Teams report cut to its participants has no summary, so no start time: the
    run once stopped in the report's reach chart, and no report was written at all."""
    text = (
        "2. Participants\r\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n"
        "Ana Host\t3/5/25, 9:58:00 AM\t3/5/25, 11:00:00 AM\t1h 2m\tana@org.example\t"
        "ana@org.example\tOrganizer\r\n"
        "Raj Viewer\t3/5/25, 10:01:00 AM\t3/5/25, 10:50:00 AM\t49m\traj@gov.example\t"
        "raj@gov.example\tAttendee\r\n"
    )
    (raw / "meetingAttendanceReport(Untitled).csv").write_bytes(
        b"\xff\xfe" + text.encode("utf-16-le")
    )
    cli("run")
    assert query(db, "select start_at, attendees from marts.webinar_reach") == [(None, 1)]
    assert "undated" in (reports / "latest.html").read_text(encoding="utf-8")
