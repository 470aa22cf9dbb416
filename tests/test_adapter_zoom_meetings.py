"""Zoom Meetings participants export (export-formats.md §1.4–1.5), every known layout."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.adapters import detect
from pipeline.adapters.base import (
    ATTENDEE,
    HOST,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    encode_days,
)
from pipeline.adapters.zoom_meetings import ZoomMeetingParticipants
from pipeline.readers import SourceTable, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "zoom_meetings"
ZOOM_WEBINAR = Path(__file__).parent / "fixtures" / "zoom" / "attendee_2025.csv"
NEW_YORK = ParseContext(timezone="America/New_York")
ADAPTER = "zoom_meeting_participants"


def table(name: str) -> SourceTable:
    return read_table((FIXTURES / name).read_bytes(), name)


def parse(name: str, context: ParseContext = NEW_YORK) -> ParsedFile:
    t = table(name)
    adapter = detect(t)
    assert adapter is not None and adapter.name == ADAPTER
    return adapter.parse(t, context)


def emails(parsed: ParsedFile, role: str | None = None) -> list[str | None]:
    return [s.email for s in parsed.sessions if role is None or s.role == role]


LAYOUTS = [
    ("participants_81234567890.csv", "zoom-participants-meeting-block-waiting-room-en"),
    ("participants_2021_block_blank_row.csv", "zoom-participants-meeting-block-en"),
    (
        "participants_2024_no_block_waiting_room.csv",
        "zoom-participants-no-meeting-block-waiting-room-en",
    ),
    ("participants_2023_disclaimer.csv", "zoom-participants-no-meeting-block-waiting-room-en"),
    ("participants_2025_sentence_case.csv", "zoom-participants-no-meeting-block-waiting-room-en"),
    ("participants_unique_users.csv", "zoom-participants-meeting-block-unique-users-en"),
    ("admin_flat_two_meetings.csv", "zoom-participants-admin-flat-waiting-room-en"),
    ("participantes_es_antiguo.csv", "zoom-participants-meeting-block-es"),
    ("participantes_es_excel_cp1252.csv", "zoom-participants-no-meeting-block-waiting-room-es"),
    ("teilnehmer_de.csv", "zoom-participants-no-meeting-block-de"),
    ("participants_ko.csv", "zoom-participants-no-meeting-block-waiting-room-ko"),
    ("participants_ja.csv", "zoom-participants-no-meeting-block-ja"),
    ("participantes_pt.csv", "zoom-participants-no-meeting-block-waiting-room-pt"),
    ("participants_2025_host_block.csv", "zoom-participants-meeting-block-waiting-room-en"),
    ("participants_2025_host_block_unique.csv", "zoom-participants-meeting-block-unique-users-en"),
    ("participants_xlsx_renamed.csv", "zoom-participants-meeting-block-waiting-room-en"),
    ("webinar_flat_shape.csv", "zoom-participants-meeting-block-waiting-room-en"),
]


@pytest.mark.parametrize(("name", "layout"), LAYOUTS)
def test_every_participants_layout_is_detected_and_named(name: str, layout: str) -> None:
    parsed = parse(name)
    assert parsed.layout == layout
    assert parsed.platform == "zoom"
    assert parsed.report_type == "attendance"
    assert parsed.sessions


# ---------------------------------------------------------------- same webinar, two shapes


def test_the_same_webinar_as_participants_export_gets_the_attendee_report_key() -> None:
    t = read_table(ZOOM_WEBINAR.read_bytes(), ZOOM_WEBINAR.name)
    webinar_report = detect(t).parse(t, NEW_YORK)  # type: ignore[union-attr]
    participants = parse("participants_81234567890.csv")
    assert [w.key for w in participants.webinars] == ["zoom:81234567890:2025-03-22"]
    assert participants.webinars[0].key == webinar_report.webinars[0].key
    assert participants.webinars[0].start_at == webinar_report.webinars[0].start_at
    assert participants.webinars[0].duration_minutes == 90


def test_the_same_webinar_gives_the_same_join_sessions_in_both_shapes() -> None:
    t = read_table(ZOOM_WEBINAR.read_bytes(), ZOOM_WEBINAR.name)
    webinar_report = detect(t).parse(t, NEW_YORK)  # type: ignore[union-attr]

    def sessions(p: ParsedFile) -> set[tuple[object, ...]]:
        return {
            (s.email.strip().lower() if s.email else None, s.join_at, s.leave_at, s.minutes)
            for s in p.sessions
        }

    assert sessions(parse("participants_81234567890.csv")) == sessions(webinar_report)


def test_participants_export_cannot_tell_panelists_so_only_the_host_is_staff() -> None:
    parsed = parse("participants_81234567890.csv")
    assert emails(parsed, HOST) == ["host@opengovpartnership.org"]
    assert "ana.perez@hacienda.gob.mx" in emails(parsed, ATTENDEE)


# ---------------------------------------------------------------- meeting block


def test_the_host_is_the_meeting_blocks_user_email_and_everyone_else_attends() -> None:
    parsed = parse("participants_2021_block_blank_row.csv")
    roles = [(s.name, s.role) for s in parsed.sessions]
    assert roles == [
        ("OGP Host", HOST),
        ("María Fernández", ATTENDEE),
        ("María Fernández", ATTENDEE),
        ("iPhone de Pedro", ATTENDEE),
    ]


def test_an_all_comma_row_after_the_meeting_block_is_skipped() -> None:
    parsed = parse("participants_2021_block_blank_row.csv")
    assert parsed.webinars[0].title == "Budget transparency clinic"
    assert parsed.data_rows == 4
    assert parsed.rejects == []


def test_us_times_are_read_in_the_series_zone_and_stored_as_utc() -> None:
    parsed = parse("participants_2021_block_blank_row.csv")
    maria = parsed.sessions[1]
    assert maria.join_text == "04/13/2021 10:01:05 AM"
    assert maria.join_at == datetime(2021, 4, 13, 14, 1, 5)  # EDT is UTC-4
    assert parsed.webinars[0].start_at == datetime(2021, 4, 13, 13, 58, 12)


def test_a_guest_without_email_is_kept_by_name() -> None:
    parsed = parse("participants_2021_block_blank_row.csv")
    pedro = parsed.sessions[-1]
    assert (pedro.email, pedro.name, pedro.minutes, pedro.is_guest) == (
        None,
        "iPhone de Pedro",
        1.0,
        True,
    )


def test_a_webinar_in_the_flat_shape_is_keyed_by_its_webinar_id() -> None:
    parsed = parse("webinar_flat_shape.csv")
    assert parsed.webinars[0].key == "zoom:89900112233:2024-09-10"
    assert parsed.webinars[0].platform_webinar_id == "899 0011 2233"


def test_the_host_is_the_email_in_the_newer_blocks_host_name_and_email_cell() -> None:
    """The newer block has no 'User Email': its 'Host' cell reads 'Name (email)'."""
    parsed = parse("participants_2025_host_block.csv")
    assert parsed.webinars[0].key == "zoom:81796405615:2025-06-16"
    assert emails(parsed, HOST) == ["events@opengovpartnership.org"]
    assert emails(parsed, ATTENDEE) == ["ana.lopez@example.gob.mx", "ben@example.or.ke"]


def test_a_host_row_without_email_is_told_by_the_name_in_the_host_cell() -> None:
    parsed = parse("participants_2025_host_block_unique.csv")
    assert [(s.name, s.role) for s in parsed.sessions] == [
        ("OGP Events", HOST),
        ("Ana López", ATTENDEE),
        ("Caller 1", ATTENDEE),
    ]


def test_a_meeting_block_naming_no_host_says_the_host_could_not_be_told_apart() -> None:
    parsed = parse("participants_2025_block_no_host.csv")
    assert {s.role for s in parsed.sessions} == {ATTENDEE}
    assert any("host cannot be told apart" in n for n in parsed.notes)


def test_a_meeting_block_naming_its_host_adds_no_host_note() -> None:
    for name in ("participants_2025_host_block.csv", "participants_2021_block_blank_row.csv"):
        assert not any("host" in n for n in parse(name).notes)


# ---------------------------------------------------------------- no meeting block


def test_without_meeting_block_the_key_is_untitled_on_the_earliest_join_date() -> None:
    parsed = parse("participants_2024_no_block_waiting_room.csv")
    (webinar,) = parsed.webinars
    assert webinar.key == "zoom:untitled:2024-03-21"
    assert (webinar.title, webinar.platform_webinar_id) == (None, None)
    assert webinar.start_at == datetime(2024, 3, 21, 22, 17)
    assert any("no meeting block" in n and "earliest join" in n for n in parsed.notes)


def test_without_meeting_block_nobody_is_the_host() -> None:
    parsed = parse("participants_2025_sentence_case.csv")
    assert {s.role for s in parsed.sessions} == {ATTENDEE}
    assert any("every row counts as an attendee" in n for n in parsed.notes)


def test_the_local_date_of_the_key_follows_the_series_zone() -> None:
    # Naive times are the series zone's wall clock, so the key's date is the one
    # written, whatever the zone (export-formats.md §7.4).
    parsed = parse("participants_2024_no_block_waiting_room.csv", ParseContext("Asia/Tokyo"))
    assert parsed.webinars[0].key == "zoom:untitled:2024-03-21"


# ---------------------------------------------------------------- rows


def test_waiting_room_only_rows_are_rejected_not_attendees() -> None:
    parsed = parse("participants_2024_no_block_waiting_room.csv")
    assert "stranger@example.com" not in emails(parsed)
    assert any(r.line == 3 and "waiting room" in r.reason for r in parsed.rejects)


def test_an_unreadable_join_time_rejects_only_its_row() -> None:
    parsed = parse("participants_2024_no_block_waiting_room.csv")
    assert [r.reason for r in parsed.rejects if r.line == 5] == [
        "Join Time '##########' is not a date"
    ]
    assert emails(parsed) == ["lrojas@contraloria.gob.pe", "tom@example.or.ke"]
    assert parsed.rows_kept == 2


def test_re_joins_stay_separate_sessions() -> None:
    parsed = parse("participants_2021_block_blank_row.csv")
    assert emails(parsed).count("mfernandez@hacienda.gob.ar") == 2


def test_a_renamed_participant_is_known_by_the_original_name() -> None:
    parsed = parse("participants_2025_sentence_case.csv")
    assert parsed.sessions[0].name == "Aigerim Bekova"


def test_recording_disclaimer_layout_keeps_dial_in_callers() -> None:
    parsed = parse("participants_2023_disclaimer.csv")
    assert [(s.name, s.email) for s in parsed.sessions] == [
        ("Priya Nair", "priya@example.in"),
        ("Caller 1", None),
    ]
    # 03/07/2023 reads either way; an English file is month-first (Zoom's US default).
    assert parsed.webinars[0].key == "zoom:untitled:2023-03-07"


# ---------------------------------------------------------------- unique users


def test_unique_users_rows_carry_total_minutes_and_no_times() -> None:
    parsed = parse("participants_unique_users.csv")
    maria = next(s for s in parsed.sessions if s.email == "mfernandez@hacienda.gob.ar")
    assert (maria.minutes, maria.join_at, maria.leave_at) == (58.0, None, None)
    assert parsed.webinars[0].key == "zoom:84511223344:2021-04-13"
    assert emails(parsed, HOST) == ["host@opengovpartnership.org"]


def test_unique_users_without_meeting_block_is_refused_with_advice() -> None:
    t = table("participants_unique_users_no_block.csv")
    with pytest.raises(NotThisFormat, match="Export with meeting data"):
        ZoomMeetingParticipants().parse(t, NEW_YORK)


# ---------------------------------------------------------------- admin flat table


def test_admin_flat_table_splits_rows_by_meeting_id_and_start_date() -> None:
    parsed = parse("admin_flat_two_meetings.csv")
    assert [w.key for w in parsed.webinars] == [
        "zoom:98765432100:2022-08-15",
        "zoom:98765432100:2022-08-22",
        "zoom:11122223333:2022-08-16",
    ]
    assert [w.duration_minutes for w in parsed.webinars] == [90, 60, 63]


def test_admin_flat_table_second_user_email_is_the_participant() -> None:
    parsed = parse("admin_flat_two_meetings.csv")
    assert emails(parsed, ATTENDEE) == ["kofi@example.gov.gh"] * 3
    assert emails(parsed, HOST) == [
        "ines.host@opengovpartnership.org",
        "ines.host@opengovpartnership.org",
        "ola.host@opengovpartnership.org",
    ]
    kofi = parsed.sessions[1]
    assert (kofi.name, kofi.minutes) == ("Kofi Mensah", 75.0)  # the second Duration column


def test_admin_flat_table_reads_day_first_times() -> None:
    parsed = parse("admin_flat_two_meetings.csv")
    by_key = {s.webinar_key: s for s in parsed.sessions if s.role == ATTENDEE}
    assert by_key["zoom:11122223333:2022-08-16"].join_at == datetime(2022, 8, 16, 5, 30)
    assert [r.line for r in parsed.rejects] == [4]  # the waiting-room row


# ---------------------------------------------------------------- languages and containers


def test_spanish_headers_with_ambiguous_dates_are_read_day_first() -> None:
    parsed = parse("participantes_es_antiguo.csv")
    assert parsed.webinars[0].key == "zoom:83344556677:2024-03-05"  # 5 March, not 3 May
    carla = parsed.sessions[1]
    assert (carla.name, carla.email, carla.is_guest) == (
        "Carla Díaz",
        "carla.diaz@municipio.gob.cl",
        True,
    )
    assert emails(parsed, HOST) == ["anfitriona@opengovpartnership.org"]
    assert any("day-first" in n for n in parsed.notes)


def test_a_spanish_export_resaved_by_excel_as_cp1252_semicolons_is_read() -> None:
    t = table("participantes_es_excel_cp1252.csv")
    assert (t.encoding, t.delimiter) == ("cp1252", ";")
    parsed = parse("participantes_es_excel_cp1252.csv")
    (jose,) = parsed.sessions
    assert (jose.name, jose.minutes, jose.join_at) == (
        "José Núñez",
        58.0,
        datetime(2025, 3, 22, 14, 2),
    )
    assert [r.reason for r in parsed.rejects] == [
        "in the waiting room only (In Waiting Room = Yes): never admitted, not an attendee"
    ]


def test_german_headers_are_read() -> None:
    parsed = parse("teilnehmer_de.csv", ParseContext("Europe/Berlin"))
    (s,) = parsed.sessions
    assert (s.name, s.email, s.is_guest, s.join_at) == (
        "Jürgen Groß",
        "j.gross@example.de",
        True,
        datetime(2025, 10, 6, 16, 1),
    )


def test_korean_headers_and_answers_are_read() -> None:
    """A real Korean download was 'not an export this pipeline recognises'."""
    parsed = parse("participants_ko.csv", ParseContext("Asia/Seoul"))
    assert [(s.name, s.is_guest, s.join_at) for s in parsed.sessions] == [
        ("김민지", False, datetime(2023, 2, 15, 9, 55, 16)),  # 06:55:16 PM KST
        ("박서준", True, datetime(2023, 2, 15, 10, 0, 49)),
    ]
    assert [r.line for r in parsed.rejects] == [3]  # 대기실 = 예: the waiting room only
    assert not any("day-first" in n for n in parsed.notes)  # year-first says nothing


def test_japanese_headers_are_read() -> None:
    parsed = parse("participants_ja.csv", ParseContext("Asia/Tokyo"))
    assert [(s.email, s.join_at, s.minutes) for s in parsed.sessions] == [
        ("taro@example.jp", datetime(2020, 12, 7, 23, 35), 245),
        ("hanako@example.jp", datetime(2020, 12, 7, 23, 40), 158),
    ]


def test_portuguese_headers_are_read_with_ambiguous_dates_day_first() -> None:
    parsed = parse("participantes_pt.csv")
    assert parsed.webinars[0].key == "zoom:untitled:2025-04-07"  # 7 April, not 4 July
    (joana,) = parsed.sessions
    assert (joana.name, joana.email, joana.is_guest, joana.minutes, joana.join_at) == (
        "Joana Silva",
        "joana.silva@example.gov.br",
        True,
        74.0,
        datetime(2025, 4, 7, 22, 16, 46),  # 06:16:46 PM EDT
    )
    assert [r.line for r in parsed.rejects] == [3]  # Na sala de espera = Sim
    assert any("day-first" in n for n in parsed.notes)


def test_a_csv_download_that_is_really_xlsx_is_read() -> None:
    t = table("participants_xlsx_renamed.csv")
    assert t.container == "xlsx"
    parsed = parse("participants_xlsx_renamed.csv")
    assert parsed.webinars[0].key == "zoom:84599887766:2024-03-21"
    assert parsed.sessions[1].join_at == datetime(2024, 3, 21, 22, 3)


# ---------------------------------------------------------------- what it must not claim


def test_zooms_dashboard_qos_export_is_claimed_by_no_adapter() -> None:
    assert detect(table("dashboard_qos.csv")) is None


def test_the_zoom_webinar_attendee_report_is_not_claimed_as_participants() -> None:
    t = read_table(ZOOM_WEBINAR.read_bytes(), ZOOM_WEBINAR.name)
    assert ZoomMeetingParticipants().detect(t) == 0.0
    assert detect(t).name == "zoom_webinar_attendee"  # type: ignore[union-attr]


@pytest.mark.parametrize("name", [n for n, _ in LAYOUTS])
def test_the_webinar_adapters_do_not_claim_participants_exports(name: str) -> None:
    assert detect(table(name)).name == ADAPTER  # type: ignore[union-attr]


# ---------------------------------------------------------------- truncated and wrong files


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated_block_header_only.csv", "meeting block .* has no values row"),
        ("truncated_after_block.csv", "not followed by a participant table"),
        ("wrong_after_block.csv", "line 3: expected the participant header .* found 'Poll Report'"),
    ],
)
def test_a_cut_short_meeting_export_is_claimed_and_explained(name: str, message: str) -> None:
    t = table(name)
    adapter = detect(t)
    assert adapter is not None and adapter.name == ADAPTER
    with pytest.raises(NotThisFormat, match=message):
        adapter.parse(t, NEW_YORK)


def test_a_row_cut_mid_line_is_rejected_and_the_rest_kept() -> None:
    parsed = parse("truncated_mid_row.csv")
    assert emails(parsed) == ["lrojas@contraloria.gob.pe"]
    assert [r.line for r in parsed.rejects] == [3]
    assert "cut short" in parsed.rejects[0].reason


def test_guests_who_wrote_their_ministry_in_brackets_stay_three_people() -> None:
    # 'Maria Lopez (Ministerio de Hacienda)' was read as the original name
    # 'Ministerio de Hacienda': three guests without e-mail became one attendee.
    parsed = parse("participants_2021_org_in_brackets.csv")
    assert [(s.role, s.name) for s in parsed.sessions] == [
        (HOST, "OGP Host"),
        (ATTENDEE, "Maria Lopez"),
        (ATTENDEE, "Pedro Ruiz"),
        (ATTENDEE, "Lucia Gomez"),
    ]


def test_the_meeting_block_in_portuguese_and_spanish_names_the_host():
    # Two public pt-BR parsers read 'Tópico' and 'Anfitrião' from the block; the
    # host was an attendee, and without 'Tópico' the file was refused.
    pt = parse("participants_pt_meeting_block.csv", ParseContext("America/Sao_Paulo"))
    assert pt.webinars[0].title == "Encontro de pares: transparência fiscal"
    assert {s.name: s.role for s in pt.sessions}["OGP Brasil"] == HOST
    es = parse("participantes_es_anfitrion.csv", ParseContext("America/Mexico_City"))
    assert {s.name: s.role for s in es.sessions}["OGP Eventos"] == HOST


def test_a_french_participants_export_is_read_day_first():
    # Headers of a public generator of the export ('Heure d’arrivée', typographic
    # apostrophes) and of a parser's alias table.
    out = parse("participants_fr_2024.csv", ParseContext("Europe/Paris"))
    joins = {s.name: s.join_at for s in out.sessions}
    assert joins["Aminata Diallo"] == datetime(2024, 10, 22, 7, 3)
    assert {s.minutes for s in out.sessions} == {181, 175, 55}


def test_an_en_gb_excel_resave_is_read_day_first_when_the_catalogue_dates_its_meeting():
    # 06/05/2025 under English headers and commas: 6 May or 5 June. The catalogue
    # lists meeting 81796405615 on 6 May; without it the file is read month-first.
    name = "participants_2025_host_block_en_gb_resave.csv"
    london = ParseContext(
        timezone="Europe/London", catalogue_days=encode_days({"81796405615": {date(2025, 5, 6)}})
    )
    parsed = parse(name, london)
    assert parsed.webinars[0].key == "zoom:81796405615:2025-05-06"
    siobhan = next(s for s in parsed.sessions if s.email == "siobhan@example.ie")
    assert (siobhan.join_at, siobhan.leave_at) == (
        datetime(2025, 5, 6, 14, 12),  # 15:12 BST
        datetime(2025, 5, 6, 15, 20),
    )
    assert any("catalogue" in note for note in parsed.notes)
    assert parse(name, ParseContext("Europe/London")).webinars[0].key.endswith(":2025-06-05")
