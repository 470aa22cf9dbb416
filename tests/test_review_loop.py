"""The review loop (issue 4.5): unresolved answers are listed; an override changes the figures."""

from __future__ import annotations

import csv
import io

from tests.conftest import query

ATTENDEE = "series/webinar A attendee report.csv"


def attendee_report(country: str, sector: str) -> bytes:
    """A Zoom 2025 attendee report with one attendee who typed these answers."""
    rows = [
        ["Attendee Report"],
        ["Report Generated:", "Apr 23, 2025 6:26 PM"],
        ["Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)"],
        ["Open data", "812 0000 1111", "Apr 22, 2025 10:00 AM", "60"],
        ["Attendee Details"],
        [
            "Attended",
            "User Name (Original Name)",
            "Email",
            "Registration Time",
            "Approval Status",
            "Join Time",
            "Leave Time",
            "Time in Session (minutes)",
            "Is Guest",
            "Country",
            "Sector",
            "Country/Region Name",
        ],
        [
            "Yes",
            "Zé Silva",
            "ze@gmail.com",
            "Apr 20, 2025 08:00:00",
            "approved",
            "Apr 22, 2025 10:00:00",
            "Apr 22, 2025 10:30:00",
            "30",
            "No",
            country,
            sector,
            "",
        ],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(r + [""] * (12 - len(r)) for r in rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def test_answers_that_resolve_to_nothing_are_listed_with_how_many_people_gave_them(raw, cli, db):
    (raw / "a.csv").write_bytes(attendee_report("Terra Incognita", "Cooperativa de base"))
    result = cli("run")
    assert query(db, "select answer, people from audit.unresolved_countries") == [
        ("Terra Incognita", 1)
    ]
    # an answer that fits no sector resolves to 'other': listed, so staff can place it
    assert ("Cooperativa de base", "other", 1) in query(
        db, "select answer, resolved_to, people from audit.unresolved_sectors"
    )
    assert "answer(s) the resolvers could not place" in result.output
    review = (db.parent / "review.csv").read_text(encoding="utf-8-sig")
    assert "country,Terra Incognita,,1" in review
    status = cli("status").output
    assert "Terra Incognita" in status and "overrides.csv" in status


def test_an_override_added_to_the_file_changes_the_figures_on_the_next_run(raw, cli, db):
    (raw / "a.csv").write_bytes(attendee_report("Terra Incognita", "Cooperativa de base"))
    cli("run")
    assert query(db, "select country_iso3 from marts.participants_by_country") == [(None,)]
    (raw / "overrides.csv").write_text(
        "kind,answer,value\ncountry,terra incognita,Brasil\n"
        "sector,Cooperativa de base,civil_society\n",
        encoding="utf-8",
    )
    result = cli("run")
    assert "overrides" in result.output
    assert query(db, "select country_iso3, participants from marts.participants_by_country") == [
        ("BRA", 1)
    ]
    assert query(db, "select sector from marts.participants_by_sector") == [("civil_society",)]
    assert query(db, "select count(*) from audit.unresolved_countries") == [(0,)]


def test_overrides_win_over_the_resolver(raw, cli, db):
    (raw / "a.csv").write_bytes(attendee_report("Mexico", "Gobierno"))
    (raw / "overrides.csv").write_text(
        "kind,answer,value\ncountry,Mexico,GTM\nsector,Gobierno,media\n", encoding="utf-8"
    )
    cli("run")
    assert query(db, "select country_iso3 from marts.participants_by_country") == [("GTM",)]
    assert query(db, "select sector from marts.participants_by_sector") == [("media",)]


def test_an_empty_override_value_makes_an_answer_definitely_unknown(raw, cli, db):
    (raw / "a.csv").write_bytes(attendee_report("Mexico", "Gobierno"))
    (raw / "overrides.csv").write_text("kind,answer,value\ncountry,Mexico,\n", encoding="utf-8")
    cli("run")
    assert query(db, "select country_iso3 from marts.participants_by_country") == [(None,)]


def test_a_bad_override_is_reported_with_its_line_and_nothing_else_changes(raw, cli, db):
    (raw / "a.csv").write_bytes(attendee_report("Mexico", "Gobierno"))
    (raw / "overrides.csv").write_text(
        "kind,answer,value\ncountry,Mexico,Atlantis\n", encoding="utf-8"
    )
    result = cli("run")
    assert "overrides file: line 2: 'Atlantis' is not a country code or name" in result.output
    assert query(db, "select country_iso3 from marts.participants_by_country") == [("MEX",)]
