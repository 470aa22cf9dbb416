"""Webex attendance and registration reports (export-formats.md §3)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from pipeline.adapters import detect
from pipeline.adapters.base import ATTENDEE, HOST, PANELIST, NotThisFormat, ParseContext, ParsedFile
from pipeline.adapters.webex import WebexAttendanceReport, WebexRegistrationReport
from pipeline.readers import SourceTable, read_table

FIXTURES = Path(__file__).parent / "fixtures"
WEBEX = FIXTURES / "webex"
NEW_YORK = ParseContext("America/New_York")
ZOOM_TWIN_KEY = "webex:26341234567:2025-03-22"


def table(name: str) -> SourceTable:
    path = WEBEX / name if "/" not in name else FIXTURES / name
    return read_table(path.read_bytes(), path.name)


def parse(name: str, context: ParseContext = NEW_YORK) -> ParsedFile:
    t = table(name)
    adapter = detect(t)
    assert adapter is not None, f"no adapter claimed {name}"
    return adapter.parse(t, context)


def parse_text(text: str, context: ParseContext = NEW_YORK) -> ParsedFile:
    return WebexAttendanceReport().parse(read_table(text.encode("utf-8")), context)


@pytest.mark.parametrize(
    ("name", "adapter"),
    [
        ("attendance_2025.csv", "webex_attendance"),
        ("admin_export_utf16.csv", "webex_attendance"),
        ("asistencia_es.csv", "webex_attendance"),
        ("asistencia_es_fechas_ambiguas.csv", "webex_attendance"),
        ("attendance_no_shows.csv", "webex_attendance"),
        ("registration_2025.csv", "webex_registration"),
        ("truncated_attendance.csv", "webex_attendance"),
        ("truncated_registration.csv", "webex_registration"),
        ("teilnahme_de.csv", "webex_attendance"),
        ("registrierung_de.csv", "webex_registration"),
    ],
)
def test_webex_reports_are_detected_from_content(name: str, adapter: str) -> None:
    found = detect(table(name))
    assert found is not None and found.name == adapter


@pytest.mark.parametrize(
    "name",
    [
        "zoom/attendee_2025.csv",
        "goto/attendee_2025.csv",
        "goto/registrant_2025.csv",
        "goto/attendee_2012.xlsx",
    ],
)
def test_webex_adapters_never_claim_other_platforms_reports(name: str) -> None:
    t = table(name)
    assert WebexAttendanceReport().detect(t) == 0.0
    assert WebexRegistrationReport().detect(t) == 0.0


def test_a_plain_name_email_join_table_is_not_claimed_without_a_webex_column() -> None:
    """Teams' activities table has the same columns; only Webex-only columns decide."""
    t = read_table(
        b"Name,Join Time,Leave Time,Duration,Email,Role\r\n"
        b"Ana,3/22/25 10:00,3/22/25 11:00,1h,ana@example.org,Attendee\r\n"
    )
    assert WebexAttendanceReport().detect(t) < 0.5


def test_admin_export_is_utf16_tab_separated_though_named_csv() -> None:
    t = table("admin_export_utf16.csv")
    assert (t.encoding, t.delimiter) == ("utf-16-le", "\t")
    assert WebexAttendanceReport().parse(t, NEW_YORK).layout == "webex-attendance-admin"


def test_meeting_name_number_and_start_come_from_the_columns() -> None:
    (webinar,) = parse("attendance_2025.csv").webinars
    assert webinar.title == "Open contracting, local level"
    assert webinar.platform_webinar_id == "2634 123 4567"
    assert webinar.start_at == datetime(2025, 3, 22, 14, 0)  # 10:00 AM in New York (EDT)
    assert webinar.duration_minutes == 90
    assert webinar.key == ZOOM_TWIN_KEY


def test_roles_split_staff_speakers_and_audience() -> None:
    roles = {s.email: s.role for s in parse("attendance_2025.csv").sessions}
    assert roles["host@opengovpartnership.org"] == HOST
    assert roles["ana.perez@hacienda.gob.mx"] == PANELIST
    assert roles["walkin@example.net"] == ATTENDEE


def test_text_durations_become_minutes() -> None:
    minutes = {s.line: s.minutes for s in parse("attendance_2025.csv").sessions}
    assert minutes[2] == 106  # '1 hr 46 min'
    assert minutes[4] == 38  # '38 min'


def test_breakout_rows_are_dropped_and_the_main_session_kept() -> None:
    parsed = parse("attendance_2025.csv")
    assert 6 not in {s.line for s in parsed.sessions}
    assert (
        6,
        "breakout session 'Breakout session 1': only the main session counts "
        "(export-formats.md §3)",
    ) in [(r.line, r.reason) for r in parsed.rejects]


def test_unusable_rows_are_rejected_with_a_reason() -> None:
    parsed = parse("attendance_2025.csv")
    reasons = {r.line: r.reason for r in parsed.rejects}
    assert reasons[8] == "no e-mail and no name"
    assert reasons[9] == "Join Time '##########' is not a date"
    assert parsed.data_rows == 8
    assert parsed.rows_kept == 5 == len(parsed.sessions)


def test_zoom_twin_has_the_same_people_and_sessions_as_the_zoom_fixture() -> None:
    """Same webinar exported by both platforms: the later end-to-end test relies on it."""
    zoom = read_table((FIXTURES / "zoom/attendee_2025.csv").read_bytes())
    zoom_parsed = detect(zoom).parse(zoom, NEW_YORK)
    webex_parsed = parse("attendance_2025.csv")

    def sessions(p: ParsedFile) -> list[tuple[str, str, datetime, datetime, float]]:
        return sorted(
            (s.role, s.email.strip().lower(), s.join_at, s.leave_at, s.minutes) for s in p.sessions
        )

    assert sessions(webex_parsed) == sessions(zoom_parsed)
    assert webex_parsed.webinars[0].start_at == zoom_parsed.webinars[0].start_at


def test_registration_report_reads_each_status() -> None:
    parsed = parse("registration_2025.csv")
    statuses = {r.email: (r.status_text, r.status) for r in parsed.registrations}
    assert statuses == {
        "juan.gomez@minhacienda.gov.co": ("Approved", "approved"),
        "mary@example.org": ("Approved", "approved"),
        "pat.lee@example.com": ("Rejected", "denied"),
        "kim.park@example.com": ("Pending", "pending"),
        "dan.roe@example.com": ("Cancelled", "cancelled"),
    }
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (11, "registrant with no e-mail and no name")
    ]


def test_registration_report_names_its_meeting_in_rows_above_the_table() -> None:
    (webinar,) = parse("registration_2025.csv").webinars
    assert webinar.key == ZOOM_TWIN_KEY  # the same webinar as the attendance report
    assert webinar.start_at == datetime(2025, 3, 22, 14, 0)
    assert not webinar.start_is_actual


def test_registration_form_fields_and_source_id_are_kept() -> None:
    juan = parse("registration_2025.csv").registrations[0]
    assert juan.registered_at == datetime(2025, 3, 15, 15, 27, 19)
    assert (juan.country, juan.organization, juan.job_title, juan.sector) == (
        "Colombia",
        "Ministerio de Hacienda",
        "Analista",
        "Gobierno nacional",
    )
    assert juan.answers == {"Source ID": "newsletter"}


def test_recurring_meeting_is_split_by_conference_id() -> None:
    parsed = parse("admin_export_utf16.csv", ParseContext("Europe/Madrid"))
    assert [w.key for w in parsed.webinars] == [
        "webex:26509876543:2025-03-25",
        "webex:26509876543:2025-04-01",
    ]
    assert {s.webinar_key for s in parsed.sessions if s.line >= 6} == {
        "webex:26509876543:2025-04-01"
    }
    assert "2 occurrences, split by conference_id" in parsed.notes


def test_one_day_above_twelve_makes_the_whole_admin_export_day_first() -> None:
    parsed = parse("admin_export_utf16.csv", ParseContext("Europe/Madrid"))
    aisha = next(s for s in parsed.sessions if s.email == "aisha.bello@example.ng")
    # '01/04/2025 14:03' is 1 April (CEST, UTC+2), not 4 January.
    assert aisha.join_at == datetime(2025, 4, 1, 12, 3)
    marija = parsed.sessions[0]
    assert marija.join_at == datetime(2025, 3, 25, 12, 58, 40)  # CET, UTC+1


def test_without_a_meeting_start_the_earliest_join_starts_the_occurrence() -> None:
    parsed = parse("admin_export_utf16.csv", ParseContext("Europe/Madrid"))
    assert parsed.webinars[0].start_at == datetime(2025, 3, 25, 12, 58, 40)
    assert any("earliest join" in n for n in parsed.notes)


def test_dial_in_rows_without_email_are_kept_by_name() -> None:
    parsed = parse("admin_export_utf16.csv", ParseContext("Europe/Madrid"))
    caller = next(s for s in parsed.sessions if s.name == "Call-in User_1")
    assert caller.email is None and caller.minutes == 45


def test_location_is_the_platform_country() -> None:
    parsed = parse("admin_export_utf16.csv", ParseContext("Europe/Madrid"))
    assert parsed.sessions[0].country == "Serbia"


def test_spanish_headers_roles_and_durations() -> None:
    parsed = parse("asistencia_es.csv", ParseContext("America/Bogota"))
    (webinar,) = parsed.webinars
    assert webinar.title == "Datos abiertos municipales"
    assert webinar.start_at == datetime(2025, 4, 15, 21, 0)  # 16:00 in Bogotá (UTC-5)
    roles = {s.name: (s.role, s.minutes) for s in parsed.sessions}
    assert roles["Lucía Fernández"] == (HOST, 105)  # 'Anfitrión', '1 h 45 min'
    assert roles["Pedro Alves"] == (PANELIST, 92)  # 'Panelista'
    assert roles["Camila Rojas"] == (ATTENDEE, 75)  # 'Asistente'
    assert [r.reason for r in parsed.rejects] == [
        "breakout session 'Sala 1': only the main session counts (export-formats.md §3)"
    ]


def test_without_a_main_session_name_the_busiest_session_is_the_main_one() -> None:
    text = (
        "Meeting Name,Session Name,Display Name,Attendee Email,Join Time,Leave Time\r\n"
        "Clinic,Room A,Ana,ana@example.org,03/22/2025 10:00,03/22/2025 11:00\r\n"
        "Clinic,Room A,Bo,bo@example.org,03/22/2025 10:00,03/22/2025 11:00\r\n"
        "Clinic,Room B,Ana,ana@example.org,03/22/2025 10:20,03/22/2025 10:40\r\n"
    )
    parsed = parse_text(text)
    assert [s.line for s in parsed.sessions] == [2, 3]
    assert [r.line for r in parsed.rejects] == [4]


def test_clock_only_join_times_take_their_date_from_join_date() -> None:
    text = (
        "Meeting number,Meeting name,User name,Email,Join date,Start time,End time,Duration\r\n"
        "123456789,Clinic,Ana,ana@example.org,2025-03-22,10:02:00,10:40:00,38\r\n"
    )
    (session,) = parse_text(text).sessions
    assert (session.join_at, session.leave_at) == (
        datetime(2025, 3, 22, 14, 2),
        datetime(2025, 3, 22, 14, 40),
    )


def test_a_clock_only_leave_after_midnight_is_on_the_day_after_join_date() -> None:
    # The admin export (export-formats.md §3): UTF-16, TAB, one 'Join date' for both clocks.
    text = (
        "Meeting number\tMeeting name\tUser name\tEmail\tJoin date\tStart time\tEnd time\t"
        "Duration\r\n"
        "2650 111 2222\tAsia-Pacific call\tSiti Rahma\tsiti@example.id\t11/15/2023\t"
        "11:45 PM\t12:20 AM\t35\r\n"
    )
    data = b"\xff\xfe" + text.encode("utf-16-le")
    (session,) = WebexAttendanceReport().parse(read_table(data), NEW_YORK).sessions
    assert (session.join_at, session.leave_at) == (
        datetime(2023, 11, 16, 4, 45),
        datetime(2023, 11, 16, 5, 20),
    )


def test_without_conference_id_occurrences_split_by_meeting_start() -> None:
    text = (
        "Meeting Name,Meeting Start Time,Display Name,Attendee Email,Join Time,"
        "Attendance Duration\r\n"
        "Clinic,03/22/2025 10:00 AM,Ana,ana@example.org,03/22/2025 10:01 AM,20 min\r\n"
        "Clinic,03/29/2025 10:00 AM,Ana,ana@example.org,03/29/2025 10:01 AM,1 hr 20 min\r\n"
    )
    parsed = parse_text(text)
    assert [w.key for w in parsed.webinars] == [
        "webex:clinic:2025-03-22",
        "webex:clinic:2025-03-29",
    ]
    assert [s.minutes for s in parsed.sessions] == [20, 80]


def test_unknown_role_is_read_as_attendee_with_a_note() -> None:
    text = (
        "Meeting Name,Display Name,Attendee Email,Join Time,Leave Time,Role\r\n"
        "Clinic,Ana,ana@example.org,03/22/2025 10:00,03/22/2025 11:00,Interpreter\r\n"
    )
    parsed = parse_text(text)
    assert parsed.sessions[0].role == ATTENDEE
    assert "unknown Role value(s) read as attendee: Interpreter" in parsed.notes


def test_truncated_attendance_report_says_there_are_no_rows() -> None:
    with pytest.raises(NotThisFormat, match=r"header row \(line 1\) but no rows.*truncated"):
        parse("truncated_attendance.csv")


def test_truncated_registration_report_says_there_are_no_rows() -> None:
    with pytest.raises(NotThisFormat, match=r"header row \(line 5\) but no rows.*truncated"):
        parse("truncated_registration.csv")


def test_usage_report_is_not_claimed_and_parse_says_what_is_missing() -> None:
    wrong = table("wrong_usage_report.csv")
    assert detect(wrong) is None
    with pytest.raises(NotThisFormat, match="no Webex attendance header"):
        WebexAttendanceReport().parse(wrong, NEW_YORK)


def test_another_platforms_file_is_refused_by_name() -> None:
    with pytest.raises(NotThisFormat, match="not a Webex export: 'Attendee Report'"):
        WebexAttendanceReport().parse(table("zoom/attendee_2025.csv"), NEW_YORK)


def test_a_registration_report_is_not_parsed_as_attendance() -> None:
    with pytest.raises(NotThisFormat, match="registration report, not an attendance report"):
        WebexAttendanceReport().parse(table("registration_2025.csv"), NEW_YORK)


# asistencia_es_fechas_ambiguas.csv: a Spanish host report re-saved by Excel (cp1252,
# ';'), every day <= 12, one 'Asistió = No' row, 'País/región' and 'Ubicación'.
# attendance_no_shows.csv: an English host report (UTF-8, ',') with 'Attended',
# 'Country/Region' and 'Location'. Written with make_fixtures.text().
BOGOTA = ParseContext("America/Bogota")
ORDER_NOTE = "dates could be read either way; read day-first because the headers are not in English"


def test_ambiguous_dates_in_a_spanish_report_are_read_day_first_with_a_note() -> None:
    t = table("asistencia_es_fechas_ambiguas.csv")
    assert (t.encoding, t.delimiter) == ("cp1252", ";")
    parsed = WebexAttendanceReport().parse(t, BOGOTA)
    (webinar,) = parsed.webinars
    # '05/03/2025 16:00' is 5 March in a Spanish download (§1.5), not 3 May.
    assert webinar.start_at == datetime(2025, 3, 5, 21, 0)
    assert webinar.key == "webex:26415550288:2025-03-05"
    assert ORDER_NOTE in parsed.notes


def test_ambiguous_dates_in_an_english_report_stay_month_first_without_a_note() -> None:
    text = (
        "Meeting Name,Display Name,Attendee Email,Join Time,Leave Time\r\n"
        "Clinic,Ana,ana@example.org,05/03/2025 10:00,05/03/2025 11:00\r\n"
    )
    parsed = parse_text(text)
    assert parsed.sessions[0].join_at == datetime(2025, 5, 3, 14, 0)
    assert ORDER_NOTE not in parsed.notes


@pytest.mark.parametrize(
    ("name", "no_show", "line"),
    [
        ("attendance_no_shows.csv", "pat.lee@example.com", 5),  # 'Attended' = 'No'
        ("asistencia_es_fechas_ambiguas.csv", "marta.silva@example.uy", 5),  # 'Asistió' = 'No'
    ],
)
def test_a_row_of_someone_who_did_not_attend_is_no_session(
    name: str, no_show: str, line: int
) -> None:
    parsed = WebexAttendanceReport().parse(table(name), BOGOTA)
    assert no_show not in {s.email for s in parsed.sessions}
    assert len(parsed.sessions) == 3
    assert line not in {r.line for r in parsed.rejects}  # a no-show is not an error
    assert parsed.data_rows == 4 and parsed.rows_kept == 4
    assert any(n.startswith("1 row(s) of people who did not join") for n in parsed.notes)


def test_without_an_attended_column_no_join_time_and_zero_minutes_is_a_no_show() -> None:
    text = (
        "Meeting Name,Display Name,Attendee Email,Join Time,Leave Time,Attendance Duration\r\n"
        "Clinic,Ana,ana@example.org,03/22/2025 10:00,03/22/2025 11:00,1 hr\r\n"
        "Clinic,Bo,bo@example.org,,,0 mins\r\n"
    )
    parsed = parse_text(text)
    assert [s.email for s in parsed.sessions] == ["ana@example.org"]
    assert parsed.rejects == []


def test_the_country_region_answer_comes_before_the_location() -> None:
    countries = {s.email: s.country for s in parse("attendance_no_shows.csv", BOGOTA).sessions}
    assert countries["ana.perez@hacienda.gob.mx"] == "Mexico"  # answer, not 'United States'
    assert countries["bo.otieno@example.ke"] == "Kenya"  # no answer: the Location
    spanish = {
        s.email: s.country for s in parse("asistencia_es_fechas_ambiguas.csv", BOGOTA).sessions
    }
    assert spanish["camila.rojas@example.cl"] == "Chile"  # 'País/región', not 'Ubicación'
    assert spanish["diego.paz@example.pe"] == "Perú"


def test_the_pt_br_participant_report_with_excel_formula_times_is_read() -> None:
    """UTF-16, tab-separated, the 13 pt-BR columns a public Webex processor names, and
    every time written as ="2025-03-22 10:00:00" (fixtures/webex/make_fixtures.py)."""
    parsed = parse("participantes_pt_formulas.csv")
    assert parsed.adapter == "webex_attendance"
    assert parsed.rejects == []
    [webinar] = parsed.webinars
    assert (webinar.title, webinar.start_at) == (
        "Dados abertos municipais",
        datetime(2025, 3, 22, 14, 0),  # 10:00 in New York
    )

    def utc(clock: str) -> datetime:  # on the webinar's day
        return datetime.fromisoformat(f"2025-03-22 {clock}")

    assert [(s.role, s.email, s.join_at, s.leave_at, s.minutes) for s in parsed.sessions] == [
        (HOST, "ana.souza@prefeitura.example", utc("13:50"), utc("15:31"), 101),
        (ATTENDEE, "joao.lima@example.org", utc("14:05"), utc("14:40"), 35),
        (ATTENDEE, "joao.lima@example.org", utc("14:45"), utc("15:30"), 45),
        (ATTENDEE, "bia.rocha@example.org", utc("14:10"), utc("14:20"), 10),
    ]
    assert parsed.sessions[1].join_text == "2025-03-22 10:05:00"  # the formula's text


def test_a_guests_stand_in_address_is_no_email_and_marks_a_guest():
    # Webex gives a guest who did not sign in '<uuid>@guest.webex.localhost', a new
    # one on every join (three public readers of Webex reports test for it).
    out = parse("attendance_guest_localhost.csv")
    guests = [s for s in out.sessions if s.name == "Guest1"]
    assert [(s.email, s.is_guest) for s in guests] == [(None, True), (None, True)]
    assert {s.email for s in out.sessions if s.name == "Cohost Chen"} == {"chen@fiscal.example.org"}


# teilnahme_de.csv: a German host attendance report in the pt-BR report's layout (UTF-16,
# tabs, Excel formula times), German headers, roles and durations ('1 Std. 41 Min.');
# registrierung_de.csv: its registration report ('Label,value' rows, UTF-8, commas).
# Both written by fixtures/webex/make_fixtures.py. 18:00 in Berlin (CET) is 17:00 UTC.
BERLIN = ParseContext("Europe/Berlin")
GERMAN_KEY = "webex:26554440123:2025-03-06"


def test_a_german_attendance_report_names_its_meeting_and_start_in_utc() -> None:
    t = table("teilnahme_de.csv")
    assert (t.encoding, t.delimiter) == ("utf-16-le", "\t")
    (webinar,) = WebexAttendanceReport().parse(t, BERLIN).webinars
    assert (webinar.title, webinar.platform_webinar_id, webinar.key) == (
        "Offene Haushaltsdaten in Kommunen",
        "2655 444 0123",
        GERMAN_KEY,
    )
    assert (webinar.start_at, webinar.duration_minutes) == (datetime(2025, 3, 6, 17, 0), 90)


def test_a_german_attendance_report_gives_roles_join_leave_and_minutes() -> None:
    def utc(clock: str) -> datetime:  # on the webinar's day
        return datetime.fromisoformat(f"2025-03-06 {clock}")

    parsed = parse("teilnahme_de.csv", BERLIN)
    assert [
        (s.role, s.name, s.email, s.join_at, s.leave_at, s.minutes) for s in parsed.sessions
    ] == [
        (HOST, "Klaus Berger", "klaus.berger@stadt.example.de", utc("16:50"), utc("18:31"), 101),
        (PANELIST, "Petra Lang", "petra.lang@example.at", utc("16:58"), utc("18:30"), 92),
        (
            ATTENDEE,
            "Jana Müller",
            "jana.mueller@verwaltung.example.de",
            utc("17:02"),
            utc("17:40"),
            38,
        ),
        (
            ATTENDEE,
            "Jana Müller",
            "jana.mueller@verwaltung.example.de",
            utc("17:45"),
            utc("18:30"),
            45,
        ),
        (ATTENDEE, "Gast1", None, utc("17:10"), utc("17:20"), 10),  # a guest's stand-in address
    ]
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (6, "breakout session 'Gruppenraum 1': only the main session counts (export-formats.md §3)")
    ]


def test_a_german_registration_report_reads_each_status_and_its_meeting_rows() -> None:
    parsed = parse("registrierung_de.csv", BERLIN)
    (webinar,) = parsed.webinars
    assert (webinar.key, webinar.start_at, webinar.start_is_actual) == (
        GERMAN_KEY,  # the same webinar as the attendance report
        datetime(2025, 3, 6, 17, 0),
        False,
    )
    assert {r.email: (r.registered_at, r.status_text, r.status) for r in parsed.registrations} == {
        "jana.mueller@verwaltung.example.de": (
            datetime(2025, 3, 1, 10, 27, 19),
            "Akzeptiert",
            "approved",
        ),
        "t.kern@example.ch": (datetime(2025, 3, 2, 7, 0), "Ausstehend", "pending"),
        "eva.roth@example.de": (datetime(2025, 3, 3, 8, 12), "Abgelehnt", "denied"),
    }
    jana = parsed.registrations[0]
    assert (jana.first_name, jana.last_name, jana.country, jana.organization, jana.job_title) == (
        "Jana",
        "Müller",
        "Deutschland",
        "Stadtverwaltung",
        "Referentin",
    )
    assert jana.answers == {"Source ID": "newsletter"}


def test_ambiguous_dates_under_german_headers_are_read_day_first_with_a_note() -> None:
    text = (
        "Meeting-Name,Anzeigename,E-Mail-Adresse des Teilnehmers,Beitrittszeit,Austrittszeit\r\n"
        "Sprechstunde,Ana,ana@example.org,05/03/2025 10:00,05/03/2025 11:00\r\n"
    )
    parsed = parse_text(text, BERLIN)
    assert parsed.sessions[0].join_at == datetime(2025, 3, 5, 9, 0)  # 5 March, CET
    assert ORDER_NOTE in parsed.notes
