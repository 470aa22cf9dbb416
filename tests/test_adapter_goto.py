"""GoTo Webinar attendee and registrant reports (export-formats.md §2)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from pipeline.adapters import detect
from pipeline.adapters.base import (
    ATTENDEE,
    HOST,
    PANELIST,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    map_headers,
)
from pipeline.adapters.goto import GoToAttendeeReport, GoToRegistrantReport
from pipeline.readers import SourceTable, read_table

FIXTURES = Path(__file__).parent / "fixtures"
GOTO = FIXTURES / "goto"
NEW_YORK = ParseContext("America/New_York")
ZOOM_TWIN_KEY = "goto:512345678:2025-03-22"


def table(name: str) -> SourceTable:
    path = GOTO / name if "/" not in name else FIXTURES / name
    return read_table(path.read_bytes(), path.name)


def parse(name: str, context: ParseContext = NEW_YORK) -> ParsedFile:
    t = table(name)
    adapter = detect(t)
    assert adapter is not None, f"no adapter claimed {name}"
    return adapter.parse(t, context)


def parse_bytes(data: bytes, context: ParseContext = NEW_YORK) -> ParsedFile:
    t = read_table(data, "attendee.csv")
    adapter = detect(t)
    assert adapter is not None
    return adapter.parse(t, context)


def by_line(parsed: ParsedFile) -> dict[int, object]:
    return {s.line: s for s in parsed.sessions}


@pytest.mark.parametrize(
    ("name", "adapter"),
    [
        ("attendee_2012.csv", "goto_webinar_attendee"),
        ("attendee_2012.xlsx", "goto_webinar_attendee"),
        ("attendee_2025.csv", "goto_webinar_attendee"),
        ("registrant_2025.csv", "goto_webinar_registrant"),
        ("truncated_attendee.csv", "goto_webinar_attendee"),
        ("truncated_registrant.csv", "goto_webinar_registrant"),
        ("teilnehmer_de.csv", "goto_webinar_attendee"),
        ("interessenten_de.csv", "goto_webinar_registrant"),
    ],
)
def test_goto_reports_are_detected_from_content(name: str, adapter: str) -> None:
    found = detect(table(name))
    assert found is not None and found.name == adapter


def test_goto_adapters_never_claim_the_zoom_attendee_report() -> None:
    """Zoom's first row also reads 'Attendee Report'; only GoTo's own marks may count."""
    zoom = table("zoom/attendee_2025.csv")
    assert GoToAttendeeReport().detect(zoom) == 0.0
    assert GoToRegistrantReport().detect(zoom) == 0.0
    assert detect(zoom).name == "zoom_webinar_attendee"


def test_webinar_name_id_and_start_come_from_the_label_value_preamble() -> None:
    parsed = parse("attendee_2012.csv")
    (webinar,) = parsed.webinars
    assert webinar.title == "Budget transparency 101"
    assert webinar.platform_webinar_id == "123456789"
    assert webinar.start_at == datetime(2012, 5, 16, 14, 49)  # 10:49 AM EDT
    assert webinar.duration_minutes == 76
    assert webinar.start_is_actual
    assert webinar.key == "goto:123456789:2012-05-16"
    assert parsed.generated_at == datetime(2012, 5, 29, 20, 36)  # 01:36 PM PDT


def test_zone_suffixed_times_ignore_the_series_zone() -> None:
    madrid = parse("attendee_2012.csv", ParseContext("Europe/Madrid"))
    new_york = parse("attendee_2012.csv", NEW_YORK)
    assert madrid.webinars[0].start_at == new_york.webinars[0].start_at
    assert [(s.join_at, s.leave_at) for s in madrid.sessions] == [
        (s.join_at, s.leave_at) for s in new_york.sessions
    ]
    assert by_line(madrid)[15].join_at == datetime(2012, 5, 16, 14, 58)  # 10:58 AM EDT


def test_webinar_key_uses_the_start_date_in_the_series_zone() -> None:
    # 14:49 UTC on 16 May is already 17 May in Auckland (UTC+12).
    parsed = parse("attendee_2012.csv", ParseContext("Pacific/Auckland"))
    assert parsed.webinars[0].key == "goto:123456789:2012-05-17"


def test_spacer_column_after_attended_is_ignored() -> None:
    header = table("attendee_2012.csv").rows[13].cells
    fields = map_headers(header, "goto")
    assert header[1] == "" and fields[1] is None
    assert fields[:3] == ["attended", None, "interest_rating"]
    lucia = by_line(parse("attendee_2012.csv"))[15]
    assert lucia.email == "lucia.martinez@mef.gub.uy" and lucia.name == "Lucía Martínez"
    registration = parse("attendee_2012.csv").registrations[0]
    assert "" not in registration.answers


def test_trailing_spaces_in_headers_still_map() -> None:
    assert map_headers(
        ["In Session Duration* (minutes) ", "Actual Duration (minutes) "], "goto"
    ) == [
        "minutes",
        "actual_duration",
    ]


def test_decimal_minutes_are_kept_as_written() -> None:
    sessions = by_line(parse("attendee_2012.csv"))
    assert sessions[15].minutes == 58.53
    assert sessions[16].minutes == 75.9


def test_form_columns_after_email_fill_the_registration() -> None:
    lucia = parse("attendee_2012.csv").registrations[0]
    assert (lucia.country, lucia.sector, lucia.organization) == (
        "Uruguay",
        "Government",
        "Ministerio de Economía",
    )
    assert lucia.registered_at == datetime(2012, 5, 15, 12, 19)


def test_attended_no_is_a_registrant_who_did_not_attend() -> None:
    parsed = parse("attendee_2012.csv")
    assert "sam.lee@example.com" in {r.email for r in parsed.registrations}
    assert "sam.lee@example.com" not in {s.email for s in parsed.sessions}


def test_staff_row_with_blank_attended_and_interest_rating_is_staff_not_audience() -> None:
    olga = by_line(parse("attendee_2012.csv"))[18]
    assert olga.role == HOST
    assert olga.section == "Session Details (staff row)"
    assert "olga@organizer.example.org" not in {
        r.email for r in parse("attendee_2012.csv").registrations
    }


def test_unusable_rows_are_rejected_with_a_reason() -> None:
    parsed = parse("attendee_2012.csv")
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (19, "Session Details: no e-mail and no name"),
        (20, "Session Details: Join Time '##########' is not a date"),
    ]
    assert parsed.data_rows == 6
    assert parsed.rows_kept == 4


def test_xlsx_export_gives_the_same_records_as_the_csv() -> None:
    from_csv, from_xlsx = parse("attendee_2012.csv"), parse("attendee_2012.xlsx")
    assert from_xlsx.webinars == from_csv.webinars
    assert from_xlsx.sessions == from_csv.sessions
    assert from_xlsx.registrations == from_csv.registrations
    assert from_xlsx.rejects == from_csv.rejects


def test_one_row_per_join_keeps_every_session_and_one_registration() -> None:
    parsed = parse("attendee_2025.csv")
    assert parsed.layout == "goto-webinar-attendee-sessions"
    juan = [s for s in parsed.sessions if s.email and s.email.strip().lower().startswith("juan")]
    assert [(s.join_at, s.leave_at, s.minutes) for s in juan] == [
        (datetime(2025, 3, 22, 14, 2), datetime(2025, 3, 22, 14, 40), 38),
        (datetime(2025, 3, 22, 14, 35), datetime(2025, 3, 22, 15, 30), 55),
    ]
    assert [r.email for r in parsed.registrations] == [
        "Juan.Gomez@Minhacienda.gov.co",
        "mary@example.org",
    ]
    assert parse("attendee_2012.csv").layout == "goto-webinar-attendee-2012"


def test_panelist_and_organizer_sections_are_speakers_and_staff() -> None:
    roles = {s.email: (s.role, s.section) for s in parse("attendee_2025.csv").sessions}
    assert roles["ana.perez@hacienda.gob.mx"] == (PANELIST, "Panelist Details")
    assert roles["host@opengovpartnership.org"] == (HOST, "Organizer Details")
    assert roles["walkin@example.net"] == (ATTENDEE, "Session Details")


def test_dashed_webinar_id_gives_a_digits_only_key() -> None:
    (webinar,) = parse("attendee_2025.csv").webinars
    assert webinar.platform_webinar_id == "512-345-678"
    assert webinar.key == ZOOM_TWIN_KEY
    assert webinar.title == "Open contracting, local level"
    assert webinar.start_at == datetime(2025, 3, 22, 14, 0)


def test_zoom_twin_has_the_same_people_and_sessions_as_the_zoom_fixture() -> None:
    """Same webinar exported by both platforms: the later end-to-end test relies on it."""
    zoom = read_table((FIXTURES / "zoom/attendee_2025.csv").read_bytes())
    zoom_parsed = detect(zoom).parse(zoom, NEW_YORK)
    goto_parsed = parse("attendee_2025.csv")

    def sessions(p: ParsedFile, role: str) -> list[tuple[str, datetime, datetime]]:
        return sorted(
            (s.email.strip().lower(), s.join_at, s.leave_at) for s in p.sessions if s.role == role
        )

    assert sessions(goto_parsed, ATTENDEE) == sessions(zoom_parsed, ATTENDEE)
    assert sessions(goto_parsed, HOST) == sessions(zoom_parsed, HOST)
    # GoTo writes minutes: the panelist's 09:55:10 join is 09:55.
    assert [s[0] for s in sessions(goto_parsed, PANELIST)] == ["ana.perez@hacienda.gob.mx"]
    assert {r.email.strip().lower() for r in goto_parsed.registrations} == {
        r.email.strip().lower() for r in zoom_parsed.registrations
    }
    assert goto_parsed.webinars[0].start_at == zoom_parsed.webinars[0].start_at
    assert goto_parsed.rows_kept == zoom_parsed.rows_kept


def test_registrant_report_reads_each_status() -> None:
    parsed = parse("registrant_2025.csv")
    statuses = {r.email: (r.status_text, r.status) for r in parsed.registrations}
    assert statuses == {
        "juan.gomez@minhacienda.gov.co": ("Registered", "approved"),
        "mary@example.org": ("Approved", "approved"),
        "pat.lee@example.com": ("Cancelled", "cancelled"),
        "dan.roe@example.com": ("Denied", "denied"),
        "kim.park@example.com": ("Waiting", "pending"),
    }
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (18, "registrant with no e-mail and no name")
    ]
    assert parsed.rows_kept == 5


def test_registrant_report_keys_the_same_webinar_as_the_attendee_report() -> None:
    parsed = parse("registrant_2025.csv")
    (webinar,) = parsed.webinars
    assert webinar.key == ZOOM_TWIN_KEY
    assert not webinar.start_is_actual
    assert webinar.duration_minutes == 90


def test_unmapped_registration_questions_are_kept_as_answers() -> None:
    juan = parse("registrant_2025.csv").registrations[0]
    assert juan.answers == {
        "Source": "Newsletter",
        "What do you hope to learn?": "Local procurement data",
    }
    assert (juan.job_title, juan.organization, juan.sector) == (
        "Analista",
        "Ministerio de Hacienda",
        "Gobierno nacional",
    )


def test_truncated_attendee_report_says_which_values_never_arrived() -> None:
    with pytest.raises(NotThisFormat, match=r"truncated.*actual_start, actual_duration"):
        parse("truncated_attendee.csv")


def test_truncated_registrant_report_says_the_table_is_missing() -> None:
    with pytest.raises(NotThisFormat, match=r"'Registrants' section ends before its header row"):
        parse("truncated_registrant.csv")


def test_other_goto_reports_are_not_claimed_and_parse_says_what_they_are() -> None:
    wrong = table("wrong_performance.csv")
    assert detect(wrong) is None
    with pytest.raises(NotThisFormat, match=r"'Performance Report', not an attendee or registrant"):
        GoToAttendeeReport().parse(wrong, NEW_YORK)


def test_a_registrant_report_is_not_parsed_as_an_attendee_report() -> None:
    with pytest.raises(NotThisFormat, match="registrant report, not an attendee report"):
        GoToAttendeeReport().parse(table("registrant_2025.csv"), NEW_YORK)


def test_a_zoom_file_given_to_the_goto_adapter_is_refused() -> None:
    with pytest.raises(NotThisFormat, match="not a GoToWebinar report"):
        GoToAttendeeReport().parse(table("zoom/attendee_2025.csv"), NEW_YORK)


def test_footnote_row_under_the_table_is_not_a_data_row() -> None:
    text = (GOTO / "attendee_2012.csv").read_text(encoding="utf-8")
    text += '"*If an attendee left and rejoined, only the first visit is counted.",,,,\r\n'
    t = read_table(text.encode("utf-8"))
    parsed = GoToAttendeeReport().parse(t, NEW_YORK)
    assert parsed.data_rows == 6
    assert "skipped 1 footnote row(s)" in parsed.notes


def test_times_in_a_zone_outside_north_america_load() -> None:
    """GoTo writes the organiser's zone abbreviation: Montevideo's is UYT (UTC-3)."""
    text = (GOTO / "attendee_2012.csv").read_text(encoding="utf-8").replace(" EDT", " UYT")
    parsed = parse_bytes(text.encode("utf-8"))
    assert parsed.webinars[0].start_at == datetime(2012, 5, 16, 13, 49)  # 10:49 AM UYT
    assert by_line(parsed)[15].join_at == datetime(2012, 5, 16, 13, 58)


def test_an_unknown_zone_abbreviation_is_named_so_staff_can_act() -> None:
    text = (GOTO / "attendee_2012.csv").read_text(encoding="utf-8").replace(" EDT", " XYT")
    with pytest.raises(NotThisFormat, match="time zone 'XYT'"):
        parse_bytes(text.encode("utf-8"))


def test_question_fields_never_make_a_table_header() -> None:
    """``_tables`` tells a header row by its known columns alone, before mapping questions."""
    from pipeline.adapters.base import _question_patterns
    from pipeline.adapters.goto import _TABLE_SIGNS

    assert not {f for f, _ in _question_patterns()} & (_TABLE_SIGNS | {"email"})


def test_an_excel_resave_with_semicolons_and_days_all_twelve_or_less_is_read_day_first():
    # GoTo's layout (export-formats.md §2) re-saved by Excel in a locale with a decimal
    # comma: ';', cp1252, the dates day-first (export-formats.md §7.2). 5 March, not 3 May.
    text = (
        "Attendee Report;;;GoToWebinar;;;;;;;\r\n"
        "Generated;;;;;;;;;;\r\n"
        "05/03/2025 18:00;;;;;;;;;;\r\n"
        "General Information;;;;;;;;;;\r\n"
        "Webinar Name;;Webinar ID;;;;;;;;\r\n"
        "Budget data, explained;;987654321;;;;;;;;\r\n"
        "Actual Start Date/Time;;Actual Duration (minutes) ;;;;;;;;\r\n"
        "05/03/2025 10:00;;95;;;;;;;;\r\n"
        "Session Details;;;;;;;;;;\r\n"
        "Attended;;Interest Rating;First Name;Last Name;Email;Registration Date;Join Time;"
        "Leave Time;In Session Duration* (minutes) ;Country\r\n"
        "Yes;;88;Renée;Dubois;renee@example.fr;01/03/2025 09:00;05/03/2025 10:05;"
        "05/03/2025 11:35;90;France\r\n"
    )
    parsed = parse_bytes(text.encode("cp1252"))
    assert parsed.webinars[0].start_at == datetime(2025, 3, 5, 15, 0)  # 10:00 EST
    assert [s.join_at for s in parsed.sessions] == [datetime(2025, 3, 5, 15, 5)]
    assert any("semicolons" in note for note in parsed.notes)


def test_time_in_session_without_its_unit_is_the_sessions_minutes():
    out = parse("attendee_time_in_session.csv", ParseContext("UTC"))
    assert {s.name: s.minutes for s in out.sessions}["Grace Otieno"] == 59


def test_an_en_gb_excel_resave_is_read_in_the_order_that_keeps_its_dates_together() -> None:
    # Excel in en-GB writes the registrant report's dates as 05/03/2025 11:27, with no
    # zone and no day above 12: registered 5-10 March, generated the 11th, held the 12th.
    # Month-first those are May to December, for one webinar.
    text = (GOTO / "registrant_2025.csv").read_text(encoding="utf-8")
    for day, new in zip(range(15, 23), range(5, 13), strict=True):
        text = text.replace(f'"Mar {day}, 2025 ', f'"{new:02d}/03/2025 ')
    for clock, new in (("11:27 AM", "11:27"), ("08:00 AM", "08:00"), ("09:12 AM", "09:12")):
        text = text.replace(f"{clock} EDT", new)
    for clock, new in (("01:00 PM", "13:00"), ("02:00 PM", "14:00"), ("05:00 PM", "17:00")):
        text = text.replace(f"{clock} EDT", new)
    text = text.replace("10:00 AM EDT", "10:00")
    assert "EDT" not in text and "Mar " not in text
    parsed = parse_bytes(text.encode("utf-8"))
    (webinar,) = parsed.webinars
    assert webinar.start_at == datetime(2025, 3, 12, 14, 0)  # 10:00 EDT
    assert [r.registered_at for r in parsed.registrations] == [
        datetime(2025, 3, 5, 16, 27),  # EST until the 9th
        datetime(2025, 3, 6, 13, 0),
        datetime(2025, 3, 7, 14, 12),
        datetime(2025, 3, 8, 18, 0),
        datetime(2025, 3, 9, 18, 0),  # 14:00 EDT
    ]
    assert any("within 7 days of each other" in note for note in parsed.notes)


# teilnehmer_de.csv and interessenten_de.csv: the 2025 layout downloaded from a German
# interface (fixtures/goto/make_fixtures.py): German labels, dd.mm.yyyy dates with 'CET',
# decimal commas. 18:00 CET is 17:00 UTC.
BERLIN = ParseContext("Europe/Berlin")
GERMAN_KEY = "goto:512987654:2025-03-06"


def test_a_german_attendee_report_names_its_webinar_and_start_in_utc() -> None:
    parsed = parse("teilnehmer_de.csv", BERLIN)
    (webinar,) = parsed.webinars
    assert (webinar.title, webinar.platform_webinar_id, webinar.key) == (
        "Offene Haushaltsdaten in Kommunen",
        "512-987-654",
        GERMAN_KEY,
    )
    assert (webinar.start_at, webinar.duration_minutes) == (datetime(2025, 3, 6, 17, 0), 90)
    assert parsed.generated_at == datetime(2025, 3, 7, 8, 15)
    assert parsed.rejects == []


def test_a_german_attendee_report_gives_every_session_with_its_role_and_minutes() -> None:
    def utc(clock: str) -> datetime:  # on the webinar's day
        return datetime.fromisoformat(f"2025-03-06 {clock}")

    sessions = parse("teilnehmer_de.csv", BERLIN).sessions
    assert [(s.role, s.name, s.email, s.join_at, s.leave_at, s.minutes) for s in sessions] == [
        (
            ATTENDEE,
            "Jana Müller",
            "jana.mueller@verwaltung.example.de",
            utc("17:02"),
            utc("17:40"),
            38.5,
        ),
        (
            ATTENDEE,
            "Jana Müller",
            "jana.mueller@verwaltung.example.de",
            utc("17:45"),
            utc("18:30"),
            45,
        ),
        (ATTENDEE, "Lukas Weber", "lukas.weber@example.at", utc("17:05"), utc("18:12"), 67.25),
        (PANELIST, "Petra Lang", "petra.lang@example.at", utc("16:58"), utc("18:30"), 92),
        (HOST, "Klaus Berger", "klaus.berger@stadt.example.de", utc("16:50"), utc("18:31"), 101),
    ]


def test_a_german_attendee_report_registers_everyone_once_and_teilgenommen_nein_joins_no_one():
    parsed = parse("teilnehmer_de.csv", BERLIN)
    registered = {r.email: (r.registered_at, r.country) for r in parsed.registrations}
    assert registered == {
        "jana.mueller@verwaltung.example.de": (datetime(2025, 3, 1, 10, 27), "Deutschland"),
        "lukas.weber@example.at": (datetime(2025, 3, 4, 15, 40), "Österreich"),
        "t.kern@example.ch": (datetime(2025, 3, 2, 7, 0), "Schweiz"),  # 'Teilgenommen' = 'Nein'
    }
    assert "t.kern@example.ch" not in {s.email for s in parsed.sessions}


def test_a_german_registrant_report_reads_each_status() -> None:
    parsed = parse("interessenten_de.csv", BERLIN)
    (webinar,) = parsed.webinars
    assert (webinar.key, webinar.start_at, webinar.start_is_actual) == (
        GERMAN_KEY,
        datetime(2025, 3, 6, 17, 0),
        False,
    )
    assert {r.email: (r.status_text, r.status) for r in parsed.registrations} == {
        "jana.mueller@verwaltung.example.de": ("Angemeldet", "approved"),
        "t.kern@example.ch": ("Genehmigt", "approved"),
        "eva.roth@example.de": ("Abgelehnt", "denied"),
        "max.fuchs@example.de": ("Storniert", "cancelled"),
    }


# An en-GB re-save: numeric dates whose day is 12 or less, English headers, commas.
_REGISTRANTS_EN_GB = """Registrant Report,,,GoToWebinar,
Generated,,,,
05/03/2025 17:00,,,,
General Information,,,,
Webinar Name,,Webinar ID,,
"Open contracting, local level",,512-345-678,,
Scheduled Start Date/Time,,Scheduled Duration (minutes),,
05/03/2025 10:00,,90,,
Actual Start Date/Time,,Actual Duration (minutes),,
04/03/2025 10:00,,90,,
Registrants,,,,
First Name,Last Name,Email,Registration Date,Status
Ana,Pérez,ana@example.org,05/03/2025 09:00,Approved
"""


def test_the_catalogue_dates_a_registrant_report_by_the_start_it_is_keyed_by():
    """A registrant report is keyed by its scheduled start, so the catalogue's day is
    checked against that one, not against an actual start the preamble also gives."""
    from datetime import date

    from pipeline.adapters.base import encode_days
    from pipeline.ingest import parse_export

    catalogue = encode_days({"512345678": {date(2025, 3, 5)}})
    context = ParseContext("Europe/London", catalogue_days=catalogue)
    _, parsed = parse_export(_REGISTRANTS_EN_GB.encode(), "registrants.csv", context)
    assert parsed.webinars[0].key == "goto:512345678:2025-03-05"
    assert [r.registered_at for r in parsed.registrations] == [datetime(2025, 3, 5, 9, 0)]
    assert any("catalogue" in note for note in parsed.notes)
    # Without the catalogue nothing settles the order: month-first, the platforms' default.
    _, alone = parse_export(
        _REGISTRANTS_EN_GB.encode(), "registrants.csv", ParseContext("Europe/London")
    )
    assert alone.webinars[0].key == "goto:512345678:2025-05-03"
