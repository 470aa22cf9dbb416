"""The Zoom webinar Attendee and Registration reports, in the layouts Zoom writes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.adapters import detect
from pipeline.adapters.base import (
    ATTENDEE,
    DAYFIRST_BY_LANGUAGE,
    HOST,
    PANELIST,
    NotThisFormat,
    ParseContext,
    encode_days,
    original_name,
)
from pipeline.ingest import parse_export
from pipeline.readers import read_table

FIXTURES = Path(__file__).parent / "fixtures"
NY = ParseContext(timezone="America/New_York")


def parse(name: str, context: ParseContext = NY):
    path = FIXTURES / name
    return parse_export(path.read_bytes(), path.name, context)[1]


def test_the_2025_layout_with_bom_and_comma_padding_is_recognised_by_content():
    table = read_table((FIXTURES / "zoom/attendee_2025.csv").read_bytes(), "x.txt")
    assert table.encoding == "utf-8-sig"
    assert detect(table).name == "zoom_webinar_attendee"


def test_metadata_block_gives_the_webinar_in_utc_with_its_local_date_in_the_key():
    parsed = parse("zoom/attendee_2025.csv")
    (webinar,) = parsed.webinars
    assert webinar.key == "zoom:81234567890:2025-03-22"
    assert webinar.title == "Open contracting, local level"
    assert webinar.platform_webinar_id == "812 3456 7890"
    assert webinar.start_at == datetime(2025, 3, 22, 14, 0)  # 10:00 EDT
    assert webinar.duration_minutes == 90
    assert parsed.generated_at == datetime(2025, 3, 23, 22, 26)
    assert parsed.layout == "zoom-webinar-attendee-2025"


def test_only_the_section_tells_hosts_panelists_and_attendees_apart():
    parsed = parse("zoom/attendee_2025.csv")
    roles = {(s.email or "").lower().strip(): s.role for s in parsed.sessions}
    assert roles["host@opengovpartnership.org"] == HOST
    assert roles["ana.perez@hacienda.gob.mx"] == PANELIST
    assert roles["walkin@example.net"] == ATTENDEE


def test_each_rejoin_is_its_own_session_row():
    parsed = parse("zoom/attendee_2025.csv")
    juan = [s for s in parsed.sessions if "juan" in (s.email or "").lower()]
    assert [(s.join_at.time().isoformat(), s.leave_at.time().isoformat()) for s in juan] == [
        ("14:02:00", "14:40:00"),
        ("14:35:00", "15:30:00"),
    ]
    assert [s.minutes for s in juan] == [38, 55]


def test_attended_no_rows_are_registrations_without_sessions_and_dashes_are_null():
    parsed = parse("zoom/attendee_2025.csv")
    mary = [r for r in parsed.registrations if r.email == "mary@example.org"]
    assert len(mary) == 1 and mary[0].status == "approved"
    assert not [s for s in parsed.sessions if s.email == "mary@example.org"]


def test_walk_ins_have_a_session_but_no_registration():
    parsed = parse("zoom/attendee_2025.csv")
    assert not [r for r in parsed.registrations if r.email == "walkin@example.net"]
    assert [s.country for s in parsed.sessions if s.email == "walkin@example.net"] == ["Kenya"]


def test_rows_without_identity_or_with_unreadable_times_are_rejected_with_line_and_reason():
    parsed = parse("zoom/attendee_2025.csv")
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (17, "Attendee Details: no e-mail and no name"),
        (18, "Attendee Details: Join Time '##########' is not a date"),
    ]
    assert (parsed.data_rows, parsed.rows_kept) == (8, 6)


def test_a_custom_question_is_mapped_by_its_wording_wherever_it_stands():
    parsed = parse("zoom/attendee_2025.csv")
    juan = next(r for r in parsed.registrations if "juan" in (r.email or "").lower())
    assert juan.sector == "Gobierno nacional"  # "Type of organization, if any"
    luis = next(
        r
        for r in parse("zoom/attendee_2026.csv").registrations
        if r.email == "luis@municipio.gob.ar"
    )
    assert luis.country == "Argentina"  # "Country, in your own words", before Registration Time
    assert luis.job_title == "Concejal"


def test_unmapped_questions_are_kept_verbatim_as_answers():
    parsed = parse("zoom/attendee_2026.csv")
    luis = next(r for r in parsed.registrations if r.email == "luis@municipio.gob.ar")
    assert luis.answers == {'What do you hope to learn? (e.g. "tools")': "Open data, mostly"}


def test_the_2021_layout_with_one_trailing_comma_and_other_attended_section():
    parsed = parse("series/81234567890_Attendee_Report.csv")
    assert parsed.layout == "zoom-webinar-attendee-2021"
    assert parsed.webinars[0].key == "zoom:81234567890:2023-04-26"
    assert {s.section for s in parsed.sessions} == {
        "Host Details",
        "Panelist Details",
        "Attendee Details",
    }
    guest = next(s for s in parsed.sessions if s.email is None)
    assert guest.name == "Invitado Especial"


def test_the_2026_layout_with_bare_title_blank_lines_and_us_dates():
    parsed = parse("zoom/attendee_2026.csv")
    assert parsed.webinars[0].start_at == datetime(2026, 9, 2, 13, 0)
    assert parsed.generated_at == datetime(2026, 9, 3, 20, 5, 6)
    assert len(parsed.sessions) == 2
    assert [r.email for r in parsed.registrations] == ["luis@municipio.gob.ar", "eva@example.com"]


def test_a_spanish_excel_resave_in_cp1252_with_semicolons_and_day_first_dates():
    path = FIXTURES / "zoom/asistentes_es.csv"
    table = read_table(path.read_bytes(), path.name)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    parsed = parse("zoom/asistentes_es.csv")
    assert parsed.webinars[0].start_at == datetime(2025, 3, 22, 14, 0)
    jose = next(s for s in parsed.sessions if s.role == ATTENDEE)
    assert jose.join_at == datetime(2025, 3, 22, 14, 2)
    assert parsed.registrations[0].status == "approved"  # 'aprobado'
    assert parsed.registrations[0].country == "Colombia"


def test_an_en_gb_excel_resave_is_read_day_first_when_the_catalogue_dates_its_webinar():
    # Excel in en-GB keeps the English headers and the commas and writes 05/03/2025:
    # nothing in the file tells 5 March from 3 May. The catalogue lists the ID on 5 March.
    name = "zoom/attendee_excel_en_gb_days_ambiguous.csv"
    catalogue = ParseContext(
        timezone="Europe/London", catalogue_days=encode_days({"81234567890": {date(2025, 3, 5)}})
    )
    parsed = parse(name, catalogue)
    assert parsed.webinars[0].key == "zoom:81234567890:2025-03-05"
    assert [r.registered_at for r in parsed.registrations] == [
        datetime(2025, 3, 1, 11, 27),
        datetime(2025, 3, 2, 8, 0),
    ]
    assert any("catalogue" in note for note in parsed.notes)


def test_an_en_gb_excel_resave_is_read_day_first_when_only_so_its_dates_lie_close():
    # Without a catalogue: registered 1 and 2 March, held 5 March, reported 6 March;
    # month-first those are 3 January to 3 June, months apart for one webinar.
    parsed = parse("zoom/attendee_excel_en_gb_days_ambiguous.csv", ParseContext("Europe/London"))
    assert parsed.webinars[0].key == "zoom:81234567890:2025-03-05"
    assert [r.registered_at for r in parsed.registrations] == [
        datetime(2025, 3, 1, 11, 27),
        datetime(2025, 3, 2, 8, 0),
    ]
    assert parsed.notes == [
        "dates could be read either way; read day-first because only so do its 4 distinct "
        "dates fall within 5 days of each other (read the other way, 151 days apart)"
    ]


def test_a_catalogue_day_decides_only_what_nothing_else_settles():
    day = {"81234567890": {date(2025, 5, 3)}}
    # The semicolons of a European Excel say day-first: 5 March, whatever the catalogue.
    name = "zoom/attendee_excel_semicolon_days_ambiguous.csv"
    assert (
        parse(name, ParseContext(NY.timezone, encode_days(day)))
        .webinars[0]
        .key.endswith(":2025-03-05")
    )
    # The catalogue comes before the spread of the file's own dates (1-6 March)...
    name = "zoom/attendee_excel_en_gb_days_ambiguous.csv"
    assert (
        parse(name, ParseContext(NY.timezone, encode_days(day)))
        .webinars[0]
        .key.endswith(":2025-05-03")
    )
    # ... and a day both orders fit, or dates that settle themselves, decide nothing.
    both = encode_days({"81234567890": {date(2025, 3, 5), date(2025, 5, 3)}})
    parsed = parse(name, ParseContext(NY.timezone, both))
    assert parsed.webinars[0].key.endswith(":2025-03-05")
    assert not any("catalogue" in note for note in parsed.notes)
    wrong = ParseContext(NY.timezone, encode_days(day))
    assert parse("zoom/attendee_2025.csv", wrong).webinars[0].key == (
        parse("zoom/attendee_2025.csv").webinars[0].key
    )


def test_the_same_recurring_webinar_id_on_two_dates_gives_two_webinars():
    a = parse("zoom/attendee_2025.csv").webinars[0].key
    b = parse("series/81234567890_Attendee_Report.csv").webinars[0].key
    assert a != b and a.split(":")[:2] == b.split(":")[:2]


def test_registration_report_keeps_every_status_but_only_approved_count():
    parsed = parse("series/Registration Report 2023-04-27.csv")
    assert parsed.adapter == "zoom_webinar_registration"
    assert [(r.email, r.status) for r in parsed.registrations] == [
        ("walkin@example.net", "approved"),
        ("pat@think.org", "approved"),
        ("noshow@example.org", "approved"),
        ("den@example.org", "denied"),
    ]
    assert parsed.registrations[2].organization == "Ministerio de Hacienda"
    assert parsed.registrations[2].sector == "Gobierno"
    assert not parsed.webinars[0].start_is_actual


@pytest.mark.parametrize(
    "name, message",
    [
        ("zoom/attendee_truncated.csv", "metadata header has no values row"),
        ("zoom/attendee_no_sections.csv", "no 'Host/Panelist/Attendee Details' section"),
    ],
)
def test_a_truncated_report_is_rejected_with_what_is_missing(name, message):
    with pytest.raises(NotThisFormat, match=message):
        parse(name)


def test_times_are_read_in_the_configured_zone():
    utc = parse("zoom/attendee_2025.csv", ParseContext("UTC")).webinars[0].start_at
    tokyo = parse("zoom/attendee_2025.csv", ParseContext("Asia/Tokyo")).webinars[0].start_at
    assert utc == datetime(2025, 3, 22, 10, 0)
    assert tokyo == datetime(2025, 3, 22, 1, 0)


def test_a_spanish_report_whose_days_are_all_twelve_or_less_is_read_day_first():
    # Nothing in the dates settles the order (05/03, 01/03): the Spanish headers do,
    # as for Zoom's meeting exports (export-formats.md §1.5), and the file says so.
    parsed = parse("zoom/asistentes_es_dias_ambiguos.csv")
    assert parsed.webinars[0].start_at == datetime(2025, 3, 5, 15, 0)  # 10:00 EST
    assert parsed.webinars[0].key == "zoom:81234567890:2025-03-05"
    assert parsed.registrations[0].registered_at == datetime(2025, 3, 1, 16, 27, 19)
    assert parsed.generated_at == datetime(2025, 3, 5, 23, 26)
    assert any("day-first" in note for note in parsed.notes)


def test_an_excel_resave_with_semicolons_and_days_all_twelve_or_less_is_read_day_first():
    # Excel keeps the English headers but writes ';' and day-first dates where the
    # decimal mark is a comma (export-formats.md §1.5, §7.2): 5 March, not 3 May.
    parsed = parse("zoom/attendee_excel_semicolon_days_ambiguous.csv")
    assert parsed.webinars[0].key == "zoom:81234567890:2025-03-05"
    assert parsed.webinars[0].start_at == datetime(2025, 3, 5, 15, 0)  # 10:00 EST
    assert [r.registered_at for r in parsed.registrations] == [
        datetime(2025, 3, 1, 16, 27),
        datetime(2025, 3, 2, 13, 0),
    ]
    assert any("semicolons" in note for note in parsed.notes)


def test_an_english_report_resaved_by_excel_in_a_german_locale_has_dotted_day_first_dates():
    path = FIXTURES / "zoom/attendee_excel_de.csv"
    table = read_table(path.read_bytes(), path.name)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    parsed = parse("zoom/attendee_excel_de.csv")
    assert parsed.webinars[0].key == "zoom:81234567890:2025-03-05"
    assert parsed.webinars[0].start_at == datetime(2025, 3, 5, 15, 0)
    juergen = next(s for s in parsed.sessions if s.email == "j.gross@example.de")
    assert (juergen.join_at, juergen.leave_at) == (
        datetime(2025, 3, 5, 15, 5),
        datetime(2025, 3, 5, 15, 55),
    )
    assert not any("day-first" in note for note in parsed.notes)  # English headers


def test_a_section_writing_its_own_time_format_is_read_in_it():
    """Zoom's 2020 webinar report wrote 'Other Attended' in 12-hour times without
    seconds below sections in 24-hour times (a real export, beemyfriend/ZoomReports).
    Read as one column with the other sections, its rows were 'not a date'; in a
    webinar this small they were over a tenth of the times, and every row was."""
    parsed = parse("zoom/attendee_2020_other_attended_12h.csv")
    assert parsed.rejects == []
    others = [
        (s.name, s.join_at, s.leave_at) for s in parsed.sessions if s.section == "Other Attended"
    ]
    assert others == [
        ("Guest 1", datetime(2020, 3, 28, 18, 20), datetime(2020, 3, 28, 18, 21)),  # 2:20 PM EDT
        ("Guest 2", datetime(2020, 3, 28, 17, 52), datetime(2020, 3, 28, 18, 40)),
    ]
    assert [s.join_at for s in parsed.sessions if s.role == HOST] == [
        datetime(2020, 3, 28, 12, 7, 27)
    ]
    assert len(parsed.sessions) == 6


def test_an_attendee_row_with_placeholder_registration_cells_is_a_walk_in():
    """'NA' or '--' in Registration Time and Approval Status is no registration; read
    as one, the row counted its person as an approved registrant."""
    parsed = parse("zoom/attendee_2020_other_attended_12h.csv")
    assert sorted(r.email for r in parsed.registrations) == [
        "jane.doe@example.com",
        "lucia.perez@hacienda.example",
    ]
    assert "tsilva@example.org" in {s.email for s in parsed.sessions}


def test_a_2025_registration_report_with_a_bare_id_column_and_a_section_marker():
    """A real Nov 2025 download: 'ID' for the webinar ID, 'Attendee Details' above the
    table, 'cancelled by self', a phone question mentioning a country code."""
    parsed = parse("zoom/registration_2025_id.csv", ParseContext("Asia/Kolkata"))
    assert parsed.adapter == "zoom_webinar_registration"
    (webinar,) = parsed.webinars
    assert webinar.key == "zoom:87659339101:2025-11-29"
    assert webinar.start_at == datetime(2025, 11, 29, 6, 30)  # noon IST
    assert [(r.email, r.status) for r in parsed.registrations] == [
        ("asha.rao@finance.example.gov.in", "approved"),
        ("ravi@civic.example.org", "cancelled"),
        ("meera@example.com", "approved"),
    ]
    first = parsed.registrations[0]
    assert first.country is None  # the phone number is no country...
    assert (
        first.answers[  # ...and is kept, as typed, among the answers
            "Phone Number (Enter with Country Code ex.,. +91 9800000000)"
        ]
        == "'+918500000000"
    )


def test_a_bracketed_name_that_is_no_person_is_kept_whole():
    """'Bill's Notetaker (Otter.ai)' was read as a person called 'Otter.ai'."""
    assert original_name("Bill's Notetaker (Otter.ai)") == "Bill's Notetaker (Otter.ai)"
    assert original_name("Ana P (Ana Pérez)") == "Ana Pérez"
    assert original_name("Ana (Guest)") == "Ana"


def test_pronouns_after_a_display_name_are_not_an_original_name():
    """Two guests 'Jane Doe (she/her)' and 'María López (she/her)' were one person, 'she/her'."""
    assert original_name("Jane Doe (she/her)") == "Jane Doe"
    assert original_name("María López (ella / ella)") == "María López"
    assert original_name("Alex Kim (They/Them)") == "Alex Kim"


def test_names_that_spreadsheets_call_empty_are_kept_as_names():
    """'Na' (a Korean surname), 'Nan' and 'Null' were erased as placeholders; '--' still is."""
    text = (
        "\ufeffRegistration Report,\r\n"
        'Report Generated:,"Apr 27, 2023 09:15 AM"\r\n'
        "Topic,Webinar ID,Start Time,Duration (minutes),# Registered\r\n"
        'Datos abiertos,812 3456 7890,"Apr 26, 2023 10:00 AM",60,3\r\n'
        "\r\n"
        "First Name,Last Name,Email,Registration Time,Approval Status\r\n"
        'Nan,Na,nan.na@example.kr,"Apr 20, 2023 08:00:00",approved\r\n'
        'Meera,Null,meera@example.in,"Apr 20, 2023 08:05:00",approved\r\n'
        'Ana,--,ana@example.org,"Apr 20, 2023 08:10:00",approved\r\n'
    )
    parsed = parse_export(text.encode("utf-8"), "Registration Report.csv", NY)[1]
    assert [(r.first_name, r.last_name, r.name) for r in parsed.registrations] == [
        ("Nan", "Na", "Nan Na"),
        ("Meera", "Null", "Meera Null"),
        ("Ana", None, "Ana"),
    ]


def test_a_download_cut_inside_a_row_rejects_that_row_and_says_so():
    """Cut after the '4' of '45' minutes, Eva's row was loaded with 4 minutes and no country."""
    path = FIXTURES / "zoom/attendee_excel_semicolon_days_ambiguous.csv"
    whole = path.read_bytes()
    lines = whole.rstrip(b"\r\n").split(b"\r\n" if b"\r\n" in whole else b"\n")
    last = lines[-1]
    cut = whole[: whole.rindex(last) + len(last) // 2]
    table, parsed = parse_export(cut, path.name, NY)
    complete = parse(path.relative_to(FIXTURES).as_posix())
    assert table.cut_line == len(lines)
    assert [r.line for r in parsed.rejects] == [r.line for r in complete.rejects] + [len(lines)]
    assert len(complete.sessions) - len(parsed.sessions) == 1
    assert all(s.line != len(lines) for s in [*parsed.sessions, *parsed.registrations])
    assert any("download the report again" in note for note in parsed.notes)


def test_spanish_registration_questions_do_not_make_an_english_report_day_first():
    # The real 2025 registration layout (English columns, 'MM/DD/YYYY' dates) of an
    # account whose form asks 'Cargo' and 'Organización': the questions are what the
    # organiser typed, not the interface's language, so 12/05/2025 is 5 December.
    parsed = parse("zoom/registration_2025_preguntas_es.csv")
    assert parsed.webinars[0].key == "zoom:87023484802:2025-12-05"
    assert parsed.webinars[0].start_at == datetime(2025, 12, 5, 16, 0)  # 11:00 EST
    assert [r.registered_at for r in parsed.registrations] == [
        datetime(2025, 12, 1, 22, 42, 17),
        datetime(2025, 12, 3, 0, 51, 9),
    ]
    assert [(r.job_title, r.organization) for r in parsed.registrations] == [
        ("Concejal", "Municipio de Rosario"),
        ("Analista", "Fundación Datos"),
    ]
    assert not any("day-first" in note for note in parsed.notes)


def test_spanish_attendee_details_marker_and_country_column_as_public_parsers_read_them():
    # 'Detalles de asistente' and 'Nombre de país/región': the spellings two public
    # parsers of Zoom's Spanish 'Informe de asistentes' look for. Without the marker
    # the attendees fell into the host section; without the column a walk-in, who
    # answered no question, had no country.
    parsed = parse("zoom/informe_asistentes_es_marcador.csv")
    assert parsed.rejects == []
    assert [(s.role, s.email, s.country, s.minutes) for s in parsed.sessions] == [
        ("host", "host@example.org", "Estados Unidos", 106),
        ("attendee", "jose@example.co", "Colombia", 38),
        ("attendee", "ana@example.pe", "Perú", 75),
        ("attendee", "maria@example.uy", "Uruguay", 50),
    ]
    assert [r.email for r in parsed.registrations] == [
        "jose@example.co",
        "ana@example.pe",
        "luis@example.bo",
    ]


def test_an_organisation_in_brackets_after_several_names_is_no_original_name():
    # 'Maria Lopez (Ministerio de Hacienda)': the brackets of 'User Name (Original Name)'
    # hold the name before a rename, but people also write their organisation there.
    # Three guests without e-mail named 'Ministerio de Hacienda' were one attendee.
    # A text in brackets after names with no word in common is no one's name; a
    # rename keeps a word of the name, so 'Ana' and 'Ana T.' are still Ana Torres.
    parsed = parse("zoom/attendee_2025_org_in_brackets.csv")
    assert [s.name for s in parsed.sessions if s.role == ATTENDEE] == [
        "Maria Lopez",
        "Pedro Ruiz",
        "Lucia Gomez",
        "Ana Torres",
        "Ana Torres",
    ]


def test_a_region_question_beside_country_and_a_yes_no_question_take_no_field():
    # The 2025 layout heads each custom question with its text, between 'Is Guest'
    # and 'Country/Region Name'. 'Region' took the country (a world region), and
    # 'Do you work for a government organization?' the organisation ('Yes').
    out = parse("zoom/attendee_2025_region_and_yes_no_questions.csv")
    people = {r.name: (r.country, r.organization) for r in out.registrations}
    assert people["Rosa Quispe"] == ("Peru", None)
    assert people["Kim Park"] == ("South Korea", None)
    rosa = next(r for r in out.registrations if r.name == "Rosa Quispe")
    assert rosa.answers["Region"] == "Latin America and the Caribbean"


def test_a_spanish_registration_report_dates_its_webinar_from_hora_programada():
    out = parse("zoom/registration_es_hora_programada.csv", ParseContext("America/Lima"))
    (webinar,) = out.webinars
    assert webinar.start_at == datetime(2025, 12, 5, 16, 0)
    assert webinar.key == "zoom:87023484802:2025-12-05"
    # 'Hora de generación del informe' is the 2026 layout's 'Report generated time'.
    assert out.generated_at == datetime(2025, 12, 6, 15, 9, 20)


def test_a_report_saved_again_as_one_column_reads_as_the_report() -> None:
    # Opened in a spreadsheet as one column and saved again, every line holding a quote
    # (Zoom quotes its dates) becomes one quoted cell, while the headers stay split. A
    # public uploader of Zoom's Spanish 'Informe de asistentes' re-parses such rows
    # (public code index id 38929558475). Read once, the webinar was titled with a whole
    # line, undated, and every attendee was rejected as having no e-mail and no name.
    resaved = parse("zoom/informe_asistentes_es_una_columna.csv")
    original = parse("zoom/informe_asistentes_es_marcador.csv")
    assert resaved.rejects == []
    assert resaved.webinars == original.webinars
    assert resaved.sessions == original.sessions
    assert resaved.registrations == original.registrations


# ---------------------------------------------------------------- Portuguese, French, German
# Zoom writes the webinar reports in the interface's language. The wording of each
# header, and whether it was seen in a real report or inferred, is in
# headers/zoom.csv. The French fixtures follow the one real French attendee report
# found (read by a public CRM, public code index id 48297274530): the registration
# form's columns stay English ('First Name', 'Email', 'Approval Status', 'approved')
# beside French report columns ('Heure de participation', 'Temps de présence en
# séance (minutes)'). No Portuguese or German webinar report was found: their
# fixtures use the words the pt-BR and German participants exports are seen with
# ('Ingressar na hora', 'Hora de saída'; 'Beitrittszeit', 'Austrittszeit') and the
# inferred rows for the rest. Every date of these fixtures has a day of 12 or less.

LOCALISED_ATTENDEE_REPORTS = {
    "pt": "zoom/relatorio_participantes_pt.csv",
    "fr": "zoom/rapport_participants_fr.csv",
    "de": "zoom/teilnehmerbericht_de.csv",
}
LOCALISED_REGISTRATION_REPORTS = {
    "pt": "zoom/relatorio_inscricao_pt.csv",
    "fr": "zoom/rapport_inscription_fr.csv",
    "de": "zoom/registrierungsbericht_de.csv",
}


@pytest.mark.parametrize(
    "name, adapter",
    [(n, "zoom_webinar_attendee") for n in LOCALISED_ATTENDEE_REPORTS.values()]
    + [(n, "zoom_webinar_registration") for n in LOCALISED_REGISTRATION_REPORTS.values()],
)
def test_portuguese_french_and_german_webinar_reports_are_recognised_by_content(name, adapter):
    table = read_table((FIXTURES / name).read_bytes(), "x.txt")
    assert table.encoding == "utf-8-sig"
    assert detect(table).name == adapter


@pytest.mark.parametrize(
    "language, key, title, ident, duration",
    [
        ("pt", "zoom:81234567890:2025-03-05", "Governo aberto nos municípios", "812 3456 7890", 90),
        (
            "fr",
            "zoom:83322223333:2025-03-05",
            "Budgets ouverts en Afrique francophone",
            "833 2222 3333",
            80,
        ),
        ("de", "zoom:84411112222:2025-03-05", "Offene Haushalte in Kommunen", "844 1111 2222", 75),
    ],
)
def test_a_localised_attendee_report_gives_the_webinar_in_utc(
    language, key, title, ident, duration
):
    parsed = parse(LOCALISED_ATTENDEE_REPORTS[language])
    (webinar,) = parsed.webinars
    assert (webinar.key, webinar.title, webinar.platform_webinar_id) == (key, title, ident)
    assert webinar.start_at == datetime(2025, 3, 5, 15, 0)  # 05/03/2025 10:00 EST
    assert webinar.start_is_actual
    assert webinar.duration_minutes == duration
    assert parsed.generated_at == datetime(2025, 3, 5, 23, 26)
    assert parsed.layout == "zoom-webinar-attendee-2025"
    assert parsed.rejects == []


def _at(hour: int, minute: int) -> datetime:
    return datetime(2025, 3, 5, hour, minute)


@pytest.mark.parametrize(
    "language, sessions",
    [
        (
            "pt",
            [
                (HOST, "Anfitriã OGP", "host@example.org", _at(14, 45), _at(16, 31), 106),
                (
                    PANELIST,
                    "Carla Souza",
                    "carla.souza@example.gov.br",
                    _at(14, 58),
                    _at(16, 30),
                    92,
                ),
                (
                    ATTENDEE,
                    "Joana Silva",
                    "joana.silva@example.gov.br",
                    _at(15, 2),
                    _at(15, 40),
                    38,
                ),
                (
                    ATTENDEE,
                    "Joana Silva",
                    "joana.silva@example.gov.br",
                    _at(15, 45),
                    _at(16, 20),
                    35,
                ),
                (
                    ATTENDEE,
                    "Convidada Sem Inscrição",
                    "ana@example.ao",
                    _at(15, 10),
                    _at(16, 0),
                    50,
                ),
            ],
        ),
        (
            "fr",
            [
                (HOST, "OGP Afrique", "afrique@example.org", _at(14, 50), _at(16, 21), 91),
                (PANELIST, "Moussa Traoré", "m.traore@example.ml", _at(14, 55), _at(16, 20), 85),
                (ATTENDEE, "Aminata Diallo", "a.diallo@example.sn", _at(15, 2), _at(15, 30), 28),
                (ATTENDEE, "Aminata Diallo", "a.diallo@example.sn", _at(15, 34), _at(16, 15), 41),
            ],
        ),
        (
            "de",
            [
                (HOST, "OGP Europa", "europa@example.org", _at(14, 50), _at(16, 16), 86),
                (PANELIST, "Lena Vogel", "lena.vogel@example.de", _at(14, 57), _at(16, 15), 78),
                (ATTENDEE, "Jürgen Groß", "j.gross@example.de", _at(15, 5), _at(15, 35), 30),
                (ATTENDEE, "Jürgen Groß", "j.gross@example.de", _at(15, 40), _at(16, 10), 30),
            ],
        ),
    ],
)
def test_each_localised_section_gives_its_role_and_each_rejoin_is_a_session(language, sessions):
    parsed = parse(LOCALISED_ATTENDEE_REPORTS[language])
    assert [
        (s.role, s.name, s.email, s.join_at, s.leave_at, s.minutes) for s in parsed.sessions
    ] == sessions


@pytest.mark.parametrize(
    "language, registrations, no_show",
    [
        (
            "pt",
            ["joana.silva@example.gov.br", "joana.silva@example.gov.br", "rui.costa@example.pt"],
            "rui.costa@example.pt",  # 'Não', with '--' in every time cell
        ),
        (
            "fr",
            ["a.diallo@example.sn", "a.diallo@example.sn", "k.mensah@example.tg"],
            "k.mensah@example.tg",  # 'Non'
        ),
        (
            "de",
            ["j.gross@example.de", "j.gross@example.de", "eva.huber@example.at"],
            "eva.huber@example.at",  # 'Nein'
        ),
    ],
)
def test_localised_attended_no_rows_are_approved_registrations_without_sessions(
    language, registrations, no_show
):
    # 'aprovado', 'approved' (the French report keeps it English), 'genehmigt'.
    parsed = parse(LOCALISED_ATTENDEE_REPORTS[language])
    assert [r.email for r in parsed.registrations] == registrations
    assert {r.status for r in parsed.registrations} == {"approved"}
    assert no_show not in {s.email for s in parsed.sessions}
    assert next(r for r in parsed.registrations if r.email == no_show).registered_at == datetime(
        2025, 3, 2, 13, 0
    )  # 02/03/2025 08:00 EST: the 2nd of March, not the 3rd of February


@pytest.mark.parametrize(
    "name", [*LOCALISED_ATTENDEE_REPORTS.values(), *LOCALISED_REGISTRATION_REPORTS.values()]
)
def test_a_localised_report_whose_days_are_all_twelve_or_less_is_read_day_first(name):
    # Nothing in the dates settles 05/03/2025: the Portuguese, French or German
    # headers do, as the Spanish ones do (base.settle_day_order), and the file says so.
    parsed = parse(name)
    assert parsed.webinars[0].key.endswith(":2025-03-05")
    assert parsed.webinars[0].start_at == datetime(2025, 3, 5, 15, 0)
    assert DAYFIRST_BY_LANGUAGE in parsed.notes


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "pt",
            [
                (
                    "joana.silva@example.gov.br",
                    "approved",
                    datetime(2025, 3, 1, 16, 27, 19),
                    "Brasil",
                    "Controladoria-Geral da União",
                ),
                (
                    "rui.costa@example.pt",
                    "approved",
                    datetime(2025, 3, 2, 13, 0),
                    "Portugal",
                    "Câmara Municipal de Lisboa",
                ),
                (
                    "paulo.lima@example.com",
                    "denied",
                    datetime(2025, 3, 4, 2, 15),
                    "Brasil",
                    None,
                ),  # 'negado'
            ],
        ),
        (
            "fr",
            [
                (
                    "a.diallo@example.sn",
                    "approved",
                    datetime(2025, 3, 1, 15, 0),
                    "Sénégal",
                    "Ministère des Finances",
                ),
                (
                    "k.mensah@example.tg",
                    "approved",
                    datetime(2025, 3, 2, 13, 0),
                    "Togo",
                    "Mairie de Lomé",
                ),
            ],
        ),
        (
            "de",
            [
                (
                    "j.gross@example.de",
                    "approved",
                    datetime(2025, 3, 1, 15, 0),
                    "Deutschland",
                    "Stadt Köln",
                ),  # 'genehmigt'
                (
                    "eva.huber@example.at",
                    "approved",
                    datetime(2025, 3, 2, 13, 0),
                    "Österreich",
                    "Stadt Wien",
                ),
                (
                    "max.berg@example.ch",
                    "denied",
                    datetime(2025, 3, 4, 1, 0),
                    "Schweiz",
                    None,
                ),  # 'abgelehnt'
            ],
        ),
    ],
)
def test_a_localised_registration_report_maps_each_registrant_and_status_word(language, expected):
    parsed = parse(LOCALISED_REGISTRATION_REPORTS[language])
    assert parsed.adapter == "zoom_webinar_registration"
    assert parsed.rejects == []
    (webinar,) = parsed.webinars
    assert not webinar.start_is_actual  # the scheduled time: 05/03/2025 10:00 EST
    assert webinar.start_at == datetime(2025, 3, 5, 15, 0)
    assert parsed.generated_at == datetime(2025, 3, 4, 14, 10, 20)
    assert [
        (r.email, r.status, r.registered_at, r.country, r.organization)
        for r in parsed.registrations
    ] == expected


def test_a_zoom_session_that_leaves_before_it_joins_is_rejected_with_its_reason():
    text = (FIXTURES / "zoom/attendee_2025.csv").read_text(encoding="utf-8-sig")
    backwards = text.replace(
        '"Mar 22, 2025 10:02:00","Mar 22, 2025 10:40:00"',
        '"Mar 22, 2025 10:02:00","Mar 22, 2025 09:40:00"',
    )
    assert backwards != text
    _, parsed = parse_export(backwards.encode(), "attendee_2025.csv", NY)
    assert 13 not in [s.line for s in parsed.sessions]
    assert [s.line for s in parsed.sessions if s.email == "juan.gomez@minhacienda.gov.co"] == [14]
    assert (
        13,
        "leaves (Mar 22, 2025 09:40:00) before it joins (Mar 22, 2025 10:02:00): not a session",
    ) in [(r.line, r.reason) for r in parsed.rejects]
    # The row's registration stays.
    assert 13 in [r.line for r in parsed.registrations]
