"""Microsoft Teams attendance exports (export-formats.md §4), one rule per test."""

from __future__ import annotations

import csv
import importlib.util
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.adapters import MIN_CONFIDENCE, detect, registry
from pipeline.adapters.base import (
    ATTENDEE,
    HOST,
    PANELIST,
    NotThisFormat,
    ParseContext,
    ParsedFile,
)
from pipeline.adapters.teams import (
    ACTIVITIES,
    PARTICIPANTS,
    TeamsAttendanceReport,
    rejoin_split_timestamps,
    retabbed,
)
from pipeline.normalize.text import fold, normalize_email
from pipeline.readers import SourceTable, read_table
from pipeline.readers.table import Row

FIXTURES = Path(__file__).parent / "fixtures" / "teams"
ZOOM_FIXTURE = Path(__file__).parent / "fixtures" / "zoom" / "attendee_2025.csv"

LAYOUTS = {
    "webinar_2023_en-US.csv": "teams_attendance_report",
    "webinar_2023_leave_only.csv": "teams_attendance_report",
    "webinar_2025_zoom_twin.csv": "teams_attendance_report",
    "meeting_2022_en-GB.csv": "teams_attendance_report",
    "meeting_2022_everyone_presents.csv": "teams_attendance_report",
    "webinar_es.csv": "teams_attendance_report",
    "meeting_de.csv": "teams_attendance_report",
    "meeting_de_coorganisers.csv": "teams_attendance_report",
    "meeting_fr_coorganisers.csv": "teams_attendance_report",
    "meeting_2025_split.csv": "teams_attendance_report",
    "meeting_restarted_part1.csv": "teams_attendance_report",
    "meeting_restarted_part1_early.csv": "teams_attendance_report",
    "meeting_restarted_part2.csv": "teams_attendance_report",
    "intermediate_2022.csv": "teams_attendance_2021",
    "flat_2021.csv": "teams_attendance_2020",
    "live_event_2023.csv": "teams_live_event",
    "live_event_2023_test_join.csv": "teams_live_event",
    # Layouts from public readers of real reports (sources in the tests below).
    "meeting_2026_no_summary_marker.csv": "teams_attendance_report",
    "meeting_pt-BR_us_dates.csv": "teams_attendance_report",
    "meeting_de_beitreten.csv": "teams_attendance_report",
    "meeting_pt_unknown_section_wording.csv": "teams_attendance_report",
    "meeting_en-US_consent_section.csv": "teams_attendance_report",
    "meeting_en-US_external_unverified.csv": "teams_attendance_report",
    "meeting_es_section_duration.csv": "teams_attendance_report",
    "intermediate_2021_pt-BR.csv": "teams_attendance_2021",
    "live_event_duplicate_joined.csv": "teams_live_event",
    "meeting_ja.csv": "teams_attendance_report",
    "meeting_ja_quoted.csv": "teams_attendance_report",
}
BROKEN = {
    "truncated_summary_only.csv": (
        "teams_attendance_report",
        "'1. Summary' is not followed by a '2. Participants'",
    ),
    "truncated_participants_header_only.csv": (
        "teams_attendance_report",
        "header has no rows and there is no '1. Summary'",
    ),
    "wrong_participants_no_header.csv": (
        "teams_attendance_report",
        "the '2. Participants' section has no header row",
    ),
    "truncated_intermediate.csv": (
        "teams_attendance_2021",
        "'Meeting Summary' is not followed by a 'Full Name",
    ),
    "wrong_intermediate_no_leave_time.csv": (
        "teams_attendance_2021",
        "'Meeting Summary' is not followed by a 'Full Name",
    ),
    "truncated_flat.csv": ("teams_attendance_2020", "header but no Joined/Left rows"),
    "wrong_flat_no_timestamp.csv": ("teams_attendance_2020", "has no 'Timestamp' column"),
    "truncated_live_event.csv": ("teams_live_event", "header but no Joined/Left rows"),
    "wrong_live_event_no_timestamp.csv": (
        "teams_live_event",
        "has no 'UTC Event Timestamp' column",
    ),
}


def load(name: str) -> SourceTable:
    return read_table((FIXTURES / name).read_bytes(), name)


def parse(name: str, zone: str = "UTC") -> ParsedFile:
    table = load(name)
    adapter = detect(table)
    assert adapter is not None, f"no adapter claims {name}"
    return adapter.parse(table, ParseContext(timezone=zone))


def by_name(out: ParsedFile, name: str) -> list:
    return [s for s in out.sessions if s.name == name]


def rows(*cells: tuple[str, ...]) -> SourceTable:
    return SourceTable(
        "inline", [Row(i, c) for i, c in enumerate(cells, start=1)], "utf-8", "\t", "text"
    )


# ---------------------------------------------------------------- recognition


@pytest.mark.parametrize("name", sorted(LAYOUTS) + sorted(BROKEN))
def test_each_teams_file_is_claimed_by_its_own_adapter_and_no_other(name: str) -> None:
    table = load(name)
    expected = LAYOUTS.get(name) or BROKEN[name][0]
    chosen = detect(table)
    assert chosen is not None and chosen.name == expected
    others = {a.name: a.detect(table) for a in registry() if a.name != expected}
    assert all(score <= MIN_CONFIDENCE for score in others.values()), others


def test_teams_adapters_do_not_claim_the_zoom_report() -> None:
    table = read_table(ZOOM_FIXTURE.read_bytes(), ZOOM_FIXTURE.name)
    teams = [a for a in registry() if a.platform == "teams"]
    assert len(teams) == 4
    assert all(a.detect(table) == 0.0 for a in teams)
    assert detect(table).platform == "zoom"


def test_fixtures_hold_the_platforms_exact_bytes() -> None:
    webinar = (FIXTURES / "webinar_2023_en-US.csv").read_bytes()
    assert webinar[:2] == b"\xff\xfe"
    text = webinar[2:].decode("utf-16-le")
    assert text.count("\r\n") == len(text.splitlines())
    assert all(line.count("\t") >= 11 for line in text.splitlines())  # padded to 12 cells
    gb = (FIXTURES / "meeting_2022_en-GB.csv").read_bytes()
    assert gb[:2] == b"\xfe\xff" and "\r" not in gb[2:].decode("utf-16-be")
    inter = (FIXTURES / "intermediate_2022.csv").read_bytes()
    assert inter[:2] == b"\xff\xfe" and "\r\n" not in inter[2:].decode("utf-16-le")
    assert (FIXTURES / "flat_2021.csv").read_bytes()[:2] == b"\xff\xfe"
    live = (FIXTURES / "live_event_2023.csv").read_bytes()
    assert live[:1] == b"S" and b"\r" not in live and b"," in live.splitlines()[0]


def test_fixture_script_reproduces_the_committed_bytes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = tmp_path
    for build in (
        module.webinar_2023,
        module.webinar_leave_only,
        module.zoom_twin,
        module.meeting_en_gb,
        module.webinar_es,
        module.meeting_de,
        module.meeting_2025_split,
        module.intermediate_2022,
        module.flat_2021,
        module.live_event,
        module.restarted_meeting,
        module.broken,
    ):
        build()
    for written in tmp_path.iterdir():
        assert written.read_bytes() == (FIXTURES / written.name).read_bytes(), written.name


# ---------------------------------------------------------------- 2022+ sectioned report


def test_webinar_title_and_start_come_from_the_summary_in_utc() -> None:
    out = parse("webinar_2023_en-US.csv", "America/New_York")
    (webinar,) = out.webinars
    assert webinar.title == "Budget transparency clinic"
    assert webinar.start_at == datetime(2023, 4, 17, 23, 29, 57)  # 7:29:57 PM EDT
    assert webinar.duration_minutes == pytest.approx(73 + 26 / 60)
    assert webinar.key == "teams:budget transparency clinic:2023-04-17"
    assert webinar.platform_webinar_id is None
    assert out.layout == "teams-2022-webinar"


def test_organisers_and_presenters_are_never_attendees() -> None:
    roles = {}
    for name, zone in (
        ("webinar_2023_en-US.csv", "America/New_York"),
        ("meeting_2022_en-GB.csv", "Europe/London"),
        ("webinar_es.csv", "UTC"),
        ("meeting_de.csv", "Europe/Berlin"),
        ("intermediate_2022.csv", "UTC"),
        ("live_event_2023.csv", "UTC"),
    ):
        roles.update({s.name: s.role for s in parse(name, zone).sessions})
    assert roles["Olga Organiser"] == HOST  # Organizer
    assert roles["Carlos Coorg"] == HOST  # Co-organizer
    assert roles["Ian Host"] == HOST  # Organiser (en-GB)
    assert roles["Lucía Organizadora"] == HOST
    assert roles["Klaus Organisator"] == HOST
    assert roles["Olivia Org"] == HOST
    assert roles["Pat Producer"] == HOST  # Live Events 'Event Team Member'
    assert roles["Pedro Presenter"] == PANELIST
    assert roles["Priya Speaker"] == PANELIST
    assert roles["Mateo Ponente"] == PANELIST  # 'Moderador'
    assert roles["Uma Upn"] == PANELIST
    assert roles["Amina Diallo"] == roles["Jana Zuhörer"] == roles["Kim Viewer"] == ATTENDEE


def test_sessions_come_from_in_meeting_activities_one_row_per_join() -> None:
    out = parse("webinar_2023_en-US.csv", "America/New_York")
    amina = by_name(out, "Amina Diallo")
    assert [(s.join_at, s.leave_at, s.minutes) for s in amina] == [
        (datetime(2023, 4, 17, 23, 35, 10), datetime(2023, 4, 18, 0, 0, 10), 25.0),
        (datetime(2023, 4, 18, 0, 10, 10), datetime(2023, 4, 18, 0, 40, 10), 30.0),
    ]
    assert {s.section for s in out.sessions} == {"3. In-Meeting Activities"}
    assert len(out.sessions) == 8  # the participants table adds no duplicate sessions


LEAVE_ONLY = (
    "3. In-Meeting Activities: a Leave Time with no Join Time times nothing "
    "(export-formats.md §4.1); the person is timed by their rows with a Join Time, "
    "else by '2. Participants'"
)


def test_a_person_whose_only_activity_row_has_no_join_time_is_timed_from_participants() -> None:
    """The 2023 sample has activity rows with only a Leave Time (§4.1). Such a row
    gives no interval, so it does not stand for the person's attendance: their
    '2. Participants' row does, as for a person missing from section 3."""
    out = parse("webinar_2023_leave_only.csv", "America/New_York")
    leo = by_name(out, "Leo Leave")
    assert [(s.join_at, s.leave_at, s.minutes, s.section, s.role) for s in leo] == [
        (datetime(2023, 5, 9, 19, 20), datetime(2023, 5, 9, 20, 0), 40.0, PARTICIPANTS, ATTENDEE)
    ]


def test_activity_rows_with_only_a_leave_time_are_rejected_with_their_reason() -> None:
    """Rosa's full activity row times her (35m, as her In-Meeting Duration says);
    her leave-only row is kept among the rejects, not stretched into a session."""
    out = parse("webinar_2023_leave_only.csv", "America/New_York")
    rosa = by_name(out, "Rosa Rejoin")
    assert [(s.join_at, s.leave_at, s.section) for s in rosa] == [
        (datetime(2023, 5, 9, 19, 5), datetime(2023, 5, 9, 19, 40), ACTIVITIES)
    ]
    assert [(r.line, r.reason) for r in out.rejects] == [(21, LEAVE_ONLY), (23, LEAVE_ONLY)]
    assert out.data_rows == 3 + 4 and out.rows_kept == 5


def test_guests_lose_the_suffix_keep_the_flag_and_have_no_email() -> None:
    out = parse("webinar_2023_en-US.csv", "America/New_York")
    (ben,) = [s for s in out.sessions if s.is_guest]
    assert (ben.name, ben.email, ben.role) == ("Ben Guest", None, ATTENDEE)


def test_email_is_preferred_and_the_upn_is_the_fallback() -> None:
    out = parse("webinar_2023_en-US.csv", "America/New_York")
    assert {s.email for s in by_name(out, "Dora Diff")} == {"dora@personal.example"}
    # Chen has no Email, only a UPN; section 3 has no UPN column at all.
    assert {s.email for s in by_name(out, "Chen Wei")} == {"chen.wei@ministry.gov.cn"}
    inter = parse("intermediate_2022.csv")
    assert by_name(inter, "Uma Upn")[0].email == "uma@tenant.example.onmicrosoft.com"


def test_registrations_come_from_the_participants_registration_columns() -> None:
    out = parse("webinar_2023_en-US.csv", "America/New_York")
    regs = {r.email: r for r in out.registrations}
    assert set(regs) == {
        "amina.diallo@finances.gouv.sn",
        "chen.wei@ministry.gov.cn",
        "dora@personal.example",
    }
    amina = regs["amina.diallo@finances.gouv.sn"]
    assert (amina.first_name, amina.last_name, amina.status, amina.status_text) == (
        "Amina",
        "Diallo",
        "approved",
        "Registered",
    )
    assert amina.registered_at == datetime(2023, 4, 3, 14, 15)
    # The summary counts 4 registrants; the report lists only those who came.
    assert any("counts 4 registered" in n for n in out.notes)


def test_a_row_with_an_unreadable_time_is_rejected_and_still_counted() -> None:
    out = parse("webinar_2023_en-US.csv", "America/New_York")
    assert [(r.line, r.reason) for r in out.rejects] == [
        (33, LEAVE_ONLY),  # Dora's activity row with only a Leave Time
        (21, "2. Participants: first join '##########' is not a date"),
    ]
    assert out.data_rows == 8 + 9  # section 2 people + section 3 sessions
    assert out.rows_kept == 15


def test_the_re_split_is_remembered_only_while_its_table_lives() -> None:
    # Every file passes through the Teams detectors; remembering the last table
    # strongly kept a parsed file's rows alive while the loader stored it.
    import gc
    import weakref

    table = rows(('Name\t"14/11/22', ' 09:29:07"\tAttendee'))
    table = SourceTable("inline", table.rows, "utf-16-be", ",", "text")
    result = retabbed(table)
    assert result is not table and retabbed(table) is result
    remembered = weakref.ref(table), weakref.ref(result)
    del table, result
    gc.collect()
    assert [ref() for ref in remembered] == [None, None]


def test_headers_and_section_titles_match_whatever_their_case() -> None:
    out = parse("meeting_2022_en-GB.csv", "Europe/London")  # 'First join', 'In-Meeting activities'
    assert out.layout == "teams-2022-meeting"
    assert len(by_name(out, "Tom Attendee")) == 2
    assert {s.section for s in out.sessions} == {"3. In-Meeting Activities"}


def test_a_tab_file_read_as_commas_is_re_split_on_tabs() -> None:
    # Unpadded Teams rows hold more (quoted) date commas than tabs.
    table = rows(
        ('Name\t"14/11/22', ' 09:29:07"\tAttendee'),
    )
    table = SourceTable("inline", table.rows, "utf-16-be", ",", "text")
    assert retabbed(table).rows[0].cells == ("Name", "14/11/22, 09:29:07", "Attendee")
    out = parse("meeting_2022_en-GB.csv", "Europe/London")
    assert out.webinars[0].title == "Fiscal openness peer call"


def test_spanish_sections_headers_and_roles_are_read() -> None:
    out = parse("webinar_es.csv")
    assert out.webinars[0].title == "Contratación abierta en municipios"
    assert [(s.role, s.minutes) for s in by_name(out, "Sofía Ruiz")] == [
        (ATTENDEE, 15.0),
        (ATTENDEE, 25.0),
    ]
    assert out.registrations[0].status == "approved"  # 'Registrado'


@pytest.mark.parametrize(
    ("name", "co_organisers", "attendee"),
    [
        # Written with make_fixtures.write(): UTF-16LE BOM, tab, CRLF, like meeting_de.csv.
        # 'Coorganisateur' / 'Co-organisateur' and 'Mitorganisator' / 'Co-Organisator'.
        ("meeting_fr_coorganisers.csv", ("Anne Coorg", "Paul Coorg"), "Zoé Public"),
        ("meeting_de_coorganisers.csv", ("Uta Mit", "Eva Ko"), "Jana Zuhörer"),
    ],
)
def test_french_and_german_co_organisers_are_staff(
    name: str, co_organisers: tuple[str, ...], attendee: str
) -> None:
    assert load(name).encoding == "utf-16-le"
    out = parse(name)
    for person in co_organisers:
        assert {s.role for s in by_name(out, person)} == {HOST}, person
    assert not any(n.startswith("unknown role") for n in out.notes)
    assert {s.name for s in out.sessions if s.role == ATTENDEE} == {attendee}


def test_german_durations_and_dotted_dates_are_read() -> None:
    out = parse("meeting_de.csv", "Europe/Berlin")
    assert out.webinars[0].start_at == datetime(2026, 10, 6, 16, 1)  # 18:01 CEST
    assert out.webinars[0].duration_minutes == 59.0
    assert by_name(out, "Jana Zuhörer")[0].minutes == 45.5


def test_day_first_is_decided_per_file() -> None:
    # en-GB: '14/11/22' proves day-first for every date of the file.
    assert parse("meeting_2022_en-GB.csv").webinars[0].start_at == datetime(2022, 11, 14, 9, 29, 7)
    # en-US: '4/17/23' proves month-first.
    assert parse("webinar_2023_en-US.csv").webinars[0].start_at.month == 4
    # Every Spanish date is ambiguous ('5/3/25'): a Spanish download is day-first.
    assert parse("webinar_es.csv").webinars[0].start_at == datetime(2025, 3, 5, 16, 0)
    # Dotted German dates ('06.10.26') are day-first.
    assert parse("meeting_de.csv").webinars[0].start_at.month == 10
    # The flat list's AM/PM dates ('6/1/2021, 2:59:38 PM') fall back to en-US.
    assert parse("flat_2021.csv").webinars[0].start_at == datetime(2021, 6, 1, 14, 55)


def test_dates_that_disagree_on_day_month_order_stop_the_file() -> None:
    table = rows(
        ("1. Summary",),
        ("Start time", "14/11/22, 09:00:00"),
        ("2. Participants",),
        ("Name", "First Join", "Last Leave", "Role"),
        ("A", "11/14/22, 09:00:00", "11/14/22, 10:00:00", "Attendee"),
    )
    with pytest.raises(NotThisFormat, match="disagree on day/month order"):
        TeamsAttendanceReport().parse(table, ParseContext())


def test_the_summary_start_time_must_agree_with_the_join_times() -> None:
    table = rows(
        ("1. Summary",),
        ("Start time", "4/5/23, 7:00:00 PM"),
        ("2. Participants",),
        ("Name", "First Join", "Last Leave", "Role"),
        ("A", "4/17/23, 7:00:00 PM", "4/17/23, 8:00:00 PM", "Attendee"),
    )
    with pytest.raises(NotThisFormat, match="day/month order or file is wrong"):
        TeamsAttendanceReport().parse(table, ParseContext())


def test_without_activities_each_participant_is_one_first_join_to_last_leave_session() -> None:
    out = parse("meeting_2025_split.csv")
    sam = by_name(out, "Sam Viewer")
    assert [(s.join_at, s.leave_at, s.minutes, s.section) for s in sam] == [
        (datetime(2025, 4, 17, 19, 35), datetime(2025, 4, 17, 20, 5), 30.0, "2. Participants")
    ]


def test_a_date_and_time_split_into_two_cells_are_rejoined() -> None:
    # §4.1 "Newer additions": 15 header columns, 17 data columns.
    assert rejoin_split_timestamps(("Rita", "4/17/25", " 7:29:57 PM", "45m")) == (
        "Rita",
        "4/17/25, 7:29:57 PM",
        "45m",
    )
    out = parse("meeting_2025_split.csv")
    assert out.webinars[0].start_at == datetime(2025, 4, 17, 19, 29, 57)
    rita = by_name(out, "Rita Organizer")[0]
    assert (rita.role, rita.email, rita.minutes) == (HOST, "rita@audit.example.gov", 45.05)


# ---------------------------------------------------------------- restarted meetings


def test_each_part_of_a_restarted_meeting_is_one_webinar_told_apart_by_its_start() -> None:
    # §4.1 "Multiple reports per meeting": one report per restart, same title and day.
    (first,) = parse("meeting_restarted_part1.csv", "America/New_York").webinars
    (second,) = parse("meeting_restarted_part2.csv", "America/New_York").webinars
    assert first.key == second.key == "teams:open contracting clinic:2024-03-14"
    assert first.part == "2024-03-14T18:00:00"  # 2:00 PM EDT, in UTC
    assert second.part == "2024-03-14T18:50:00"


def test_a_re_export_of_a_part_is_the_same_part() -> None:
    early = parse("meeting_restarted_part1_early.csv").webinars[0]
    final = parse("meeting_restarted_part1.csv").webinars[0]
    assert (early.key, early.part) == (final.key, final.part)
    assert early.duration_minutes != final.duration_minutes  # a different download


def test_the_intermediate_layout_s_meeting_start_time_is_its_part() -> None:
    assert parse("intermediate_2022.csv", "America/Bogota").webinars[0].part == (
        "2022-02-18T19:47:02"
    )


@pytest.mark.parametrize("name", ["flat_2021.csv", "live_event_2023.csv"])
def test_a_report_that_states_no_start_time_has_no_part(name: str) -> None:
    # Its first event is not the meeting's start: re-exports keep replacing each other.
    assert parse(name).webinars[0].part is None


def test_a_summary_without_a_start_time_gives_no_part() -> None:
    table = rows(
        ("1. Summary",),
        ("Meeting title", "No start stated"),
        ("2. Participants",),
        ("Name", "First Join", "Last Leave", "Role"),
        ("A", "4/17/23, 7:00:00 PM", "4/17/23, 8:00:00 PM", "Attendee"),
    )
    assert TeamsAttendanceReport().parse(table, ParseContext()).webinars[0].part is None


# ---------------------------------------------------------------- older layouts


def test_intermediate_layout_keeps_one_row_per_session() -> None:
    out = parse("intermediate_2022.csv", "America/Bogota")
    (webinar,) = out.webinars
    assert webinar.title == "Beneficial ownership working group"
    assert webinar.start_at == datetime(2022, 2, 18, 19, 47, 2)
    assert webinar.platform_webinar_id == "5e0f7c1a-0000-4d2b-9c1e-3f1d2a6b7c8d"
    assert webinar.key == "teams:beneficial ownership working group:2022-02-18"
    assert [s.minutes for s in by_name(out, "Raj Rejoin")] == [20.0, 45.0]
    assert [(r.line, r.reason) for r in out.rejects] == [(13, "no e-mail and no name")]
    assert out.data_rows == 5


def test_flat_layout_pairs_each_join_with_the_next_leave_of_the_same_person() -> None:
    out = parse("flat_2021.csv", "Europe/London")
    leo = by_name(out, "Leo Learner")
    assert [(s.join_at, s.leave_at) for s in leo] == [
        (datetime(2021, 6, 1, 14, 1), datetime(2021, 6, 1, 14, 20)),
        (datetime(2021, 6, 1, 14, 25), datetime(2021, 6, 1, 14, 50)),
    ]
    assert by_name(out, "Early Bird")[0].join_text == "6/1/2021, 2:55:00 PM"  # 'Joined before'


def test_flat_layout_closes_an_unclosed_join_at_the_last_event_and_says_so() -> None:
    out = parse("flat_2021.csv")
    (mia,) = by_name(out, "Mia Stays")
    assert mia.leave_at == datetime(2021, 6, 1, 15, 53, 38)
    assert mia.leave_text is None
    assert any("never closed" in n for n in out.notes)


def test_flat_layout_has_no_title_and_no_roles() -> None:
    out = parse("flat_2021.csv")
    assert out.webinars[0].title is None
    assert out.webinars[0].key == "teams:untitled:2021-06-01"
    assert {s.role for s in out.sessions} == {ATTENDEE}
    assert any("organiser cannot be identified" in n for n in out.notes)
    assert sorted((r.line, r.reason) for r in out.rejects) == [
        (7, "Left with no earlier Joined for this person"),
        (9, "User Action 'Waved' is neither Joined nor Left"),
    ]


def test_live_event_times_are_utc_whatever_the_series_zone() -> None:
    out = parse("live_event_2023.csv", "America/New_York")
    assert out.webinars[0].start_at == datetime(2023, 3, 2, 10, 45)
    assert out.webinars[0].timezone == "UTC"
    assert out.webinars[0].key == "teams:untitled:2023-03-02"
    assert [(s.join_at, s.leave_at) for s in by_name(out, "Kim Viewer")] == [
        (datetime(2023, 3, 2, 11, 0), datetime(2023, 3, 2, 11, 30)),
        (datetime(2023, 3, 2, 11, 35), datetime(2023, 3, 2, 11, 55)),
    ]
    (lou,) = by_name(out, "Lou Late")
    assert lou.leave_at == datetime(2023, 3, 2, 12, 5)  # closed at the last event


def test_a_live_event_is_dated_by_its_busiest_day_not_a_test_join_days_before() -> None:
    out = parse("live_event_2023_test_join.csv", "America/New_York")
    (webinar,) = out.webinars
    assert (webinar.key, webinar.start_at) == (
        "teams:untitled:2023-03-02",
        datetime(2023, 3, 2, 10, 45),
    )
    assert any("2 event(s) fall on other days than 2023-03-02" in n for n in out.notes)


def test_a_live_event_viewer_whose_only_join_was_days_before_the_event_is_no_attendee() -> None:
    """A Live Event's report also lists the producers' and testers' joins of the days
    before (Person5 of the real AttendeeReportTest.csv: one 3-second join ten days
    early). They are no attendance of this occurrence, so they give no session;
    both rows are kept among the rejects, saying why."""
    out = parse("live_event_2023_test_join.csv", "America/New_York")
    assert by_name(out, "Sam Tester") == []
    test_join = "joined on 2023-02-23, before the event's day (2023-03-02): a test join"
    assert [(r.line, r.reason) for r in out.rejects if r.line in (2, 3)] == [
        (2, test_join),
        (3, test_join),
    ]
    assert {s.name for s in out.sessions if s.role == ATTENDEE} == {"Kim Viewer", "Lou Late"}


def test_anonymous_live_event_viewers_are_rejected_with_a_reason() -> None:
    out = parse("live_event_2023.csv")
    assert [(r.line, r.reason) for r in out.rejects] == [
        (2, "anonymous viewer: no e-mail or name"),
        (5, "anonymous viewer: no e-mail or name"),
    ]
    assert out.data_rows == 9 and out.rows_kept == 7


# ---------------------------------------------------------------- wrong files


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_wrong_or_truncated_file_says_what_is_wrong(name: str) -> None:
    with pytest.raises(NotThisFormat, match=None) as caught:
        parse(name)
    assert BROKEN[name][1] in str(caught.value)


# ---------------------------------------------------------------- cross-platform


def test_the_zoom_twin_gives_the_zoom_reports_sessions() -> None:
    zoom_table = read_table(ZOOM_FIXTURE.read_bytes(), ZOOM_FIXTURE.name)
    zoom = detect(zoom_table).parse(zoom_table, ParseContext("America/Mexico_City"))
    teams = parse("webinar_2025_zoom_twin.csv", "America/Mexico_City")

    def sessions(out: ParsedFile) -> list[tuple]:
        return sorted(
            (s.role, normalize_email(s.email), s.join_at, s.leave_at) for s in out.sessions
        )

    assert sessions(teams) == sessions(zoom)
    assert teams.webinars[0].title == zoom.webinars[0].title
    assert teams.webinars[0].start_at == zoom.webinars[0].start_at
    assert {normalize_email(r.email) for r in teams.registrations} == {
        "juan.gomez@minhacienda.gov.co"
    }


def test_the_header_map_gives_each_header_one_field_and_a_source() -> None:
    path = Path(__file__).parents[1] / "pipeline" / "adapters" / "headers" / "teams.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        entries = list(csv.DictReader(handle))
    fields: dict[str, set[str]] = {}
    for e in entries:
        fields.setdefault(fold(e["header"]), set()).add(e["field"])
        assert e["language"] and e["source"]
    assert all(len(f) == 1 for f in fields.values())


def test_presenters_are_the_audience_of_a_meeting_where_everyone_could_present():
    """Teams lists every participant of a meeting as 'Presenter' unless its organiser
    limited who presents. Read as speakers, such a webinar had no audience; with not
    one 'Attendee' in the report, presenters are attendees (the catalogue names the
    speakers) and the organiser stays staff."""
    out = parse("meeting_2022_everyone_presents.csv", "Europe/London")
    roles = {(s.name, s.role) for s in out.sessions}
    assert roles == {
        ("Ana Organiser", HOST),
        ("Jacek Nowak", ATTENDEE),
        ("Goliath, David", ATTENDEE),
        ("García Simón, Pedro", ATTENDEE),
    }
    assert any("3 presenter row(s) read as the audience" in n for n in out.notes)


def test_presenters_beside_attendees_stay_speakers():
    out = parse("meeting_2022_en-GB.csv", "Europe/London")
    assert {s.name: s.role for s in out.sessions}["Priya Speaker"] == PANELIST


# ---------------------------------------------------------------- layouts of public readers
# Each fixture below imitates a layout a public reader of real Teams reports was
# written for; the reader is named in the test. People and addresses are invented.


def test_a_report_that_starts_at_meeting_title_reads_its_summary_without_the_marker():
    # brockwebb/ms-teams-attendance-reporter: no '1. Summary' line, split date and
    # time cells. Keyed by date only, such a webinar had no start and broke the report.
    out = parse("meeting_2026_no_summary_marker.csv", "America/New_York")
    (webinar,) = out.webinars
    assert (webinar.title, webinar.start_at) == ("Ask Me Anything", datetime(2026, 5, 15, 17, 0))
    assert not any("keyed by date only" in n for n in out.notes)


def test_portuguese_labels_over_en_us_am_pm_dates_are_read_month_first():
    # A pandas reader of real pt-BR reports parses them with '%m/%d/%y, %I:%M:%S %p':
    # labels follow the display language, dates the regional format.
    out = parse("meeting_pt-BR_us_dates.csv", "America/Sao_Paulo")
    assert out.webinars[0].start_at == datetime(2022, 3, 9, 22, 0, 12)
    assert {s.join_at.date() for s in out.sessions} == {date(2022, 3, 9)}
    assert any("read month-first" in n for n in out.notes)


def test_a_spanish_am_pm_clock_written_p_m_stays_day_first():
    from pipeline.adapters.teams import decide_dayfirst

    assert decide_dayfirst(["5/3/25, 4:00:00 p. m."], "es")[0] is True
    assert decide_dayfirst(["5/3/25, 4:00:00 PM"], "pt")[0] is False


def test_section_two_duration_under_the_meetings_label_is_the_persons():
    # Spanish, Portuguese and German readers: section 2 heads the per-person column
    # 'Duración de la reunión' / 'Duração da reunião' / 'Dauer der Besprechung'.
    pt = parse("meeting_pt-BR_us_dates.csv", "America/Sao_Paulo")
    assert {s.name: s.minutes for s in pt.sessions}["Elaine Professora"] == 96
    assert all(s.join_at is not None for s in pt.sessions)  # 'Primeiro ingresso'
    es = parse("meeting_es_section_duration.csv", "Europe/Madrid")
    assert {s.name: s.minutes for s in es.sessions}["Carmen Ruiz"] == 25


def test_german_activities_headed_beitreten_and_verlassen_keep_each_rejoin():
    out = parse("meeting_de_beitreten.csv", "Europe/Berlin")
    jana = sorted((s.join_at, s.leave_at) for s in by_name(out, "Jana Müller"))
    assert jana == [
        (datetime(2025, 3, 6, 17, 1), datetime(2025, 3, 6, 17, 30)),
        (datetime(2025, 3, 6, 17, 40), datetime(2025, 3, 6, 18, 0)),
    ]
    assert out.rejects == []


def test_the_portuguese_2021_layout_is_teams_and_not_webex():
    # Two readers of real pt-BR 2021 reports: 'Nome Completo', 'Horário de Entrada'.
    out = parse("intermediate_2021_pt-BR.csv", "America/Sao_Paulo")
    assert out.adapter == "teams_attendance_2021"
    assert out.webinars[0].start_at == datetime(2022, 3, 14, 17, 0, 5)
    assert len(by_name(out, "Ana Souza")) == 2


def test_an_unknown_numbered_section_is_left_out_with_a_note_not_read_as_participants():
    out = parse("meeting_pt_unknown_section_wording.csv", "America/Sao_Paulo")
    # '3. Atividades em Reunião' headed by join and leave times is section 3.
    ines = sorted((s.join_at, s.leave_at) for s in by_name(out, "Inês Maple"))
    assert len(ines) == 2 and ines[0][1] < ines[1][0]  # the gap between them is kept
    assert {s.role for s in by_name(out, "Avery Nimbus")} == {HOST}
    assert any("'4. Compromisso da Reunião' is not one this pipeline reads" in n for n in out.notes)
    consent = parse("meeting_en-US_consent_section.csv", "America/New_York")
    assert consent.rejects == []
    assert any("4. Explicit Audio and Video Consent" in n for n in consent.notes)


def test_external_and_unverified_name_markers():
    out = parse("meeting_en-US_external_unverified.csv", "America/New_York")
    names = {s.name: (s.email is not None, s.is_guest) for s in out.sessions}
    assert names["Doe, Jane"] == (True, False)  # another tenant's user, not a guest
    assert names["Casey Guest"] == (False, True)  # joined by link without signing in


def test_a_repeated_joined_of_one_live_event_session_is_rejected_not_a_second_session():
    # renefb/teams-report-converter drops such duplicates per Session Id.
    out = parse("live_event_duplicate_joined.csv")
    (john,) = by_name(out, "John Doe")
    assert (john.join_at, john.leave_at) == (
        datetime(2022, 1, 25, 16, 48, 8),
        datetime(2022, 1, 25, 17, 25, 54),
    )
    assert [r.reason for r in out.rejects] == ["a second Joined for a session already joined"]


@pytest.mark.parametrize("name", ["meeting_ja.csv", "meeting_ja_quoted.csv"])
def test_a_japanese_report_is_read_with_its_durations_and_roles(name: str) -> None:
    # The design notes of a dashboard over real ja-JP reports (public code index id
    # 12785033542): '1. 要約', '2. 参加者', '会議の長さ' as 'X 時間 Y 分 Z 秒', some
    # files quoting every value. The file was refused as no known export.
    out = parse(name, "Asia/Tokyo")
    (webinar,) = out.webinars
    assert webinar.title == '"もくもく勉強会" で会議中'
    assert webinar.start_at == datetime(2025, 1, 15, 10, 0)
    assert [(s.name, s.role, s.join_at, s.leave_at, s.minutes) for s in out.sessions] == [
        (
            "Tanaka Hanako B (田中 花子)",
            HOST,
            datetime(2025, 1, 15, 10, 0, 5),
            datetime(2025, 1, 15, 11, 0, 10),
            pytest.approx(60 + 5 / 60),
        ),
        ("佐藤 太郎", ATTENDEE, datetime(2025, 1, 15, 10, 3), datetime(2025, 1, 15, 10, 33), 30),
        (
            "Suzuki Ichiro",
            PANELIST,
            datetime(2025, 1, 15, 10, 10),
            datetime(2025, 1, 15, 11, 12, 34),
            pytest.approx(62 + 34 / 60),
        ),
    ]
    assert out.rejects == []
    assert not any("unknown role" in n for n in out.notes)


def test_activities_whose_header_names_no_known_time_column_say_so() -> None:
    # Japanese section 3 columns are undocumented: a header the map does not know
    # rejects its rows naming the header, and section 2 times everyone instead.
    table = rows(
        ("1. Summary",),
        ("Meeting title", "Budget clinic"),
        ("Start time", "4/17/25, 7:00:00 PM"),
        ("2. Participants",),
        ("Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Role"),
        ("Ana", "4/17/25, 7:01:00 PM", "4/17/25, 7:31:00 PM", "30m", "ana@example.org", "Attendee"),
        ("3. In-Meeting Activities",),
        ("Name", "Arrived", "Departed", "Duration", "Email", "Role"),
        ("Ana", "4/17/25, 7:01:00 PM", "4/17/25, 7:11:00 PM", "10m", "ana@example.org", "Attendee"),
    )
    out = TeamsAttendanceReport().parse(table, ParseContext())
    (reject,) = out.rejects
    assert "names no Join Time or Leave Time column" in reject.reason
    assert "'Arrived', 'Departed'" in reject.reason
    (ana,) = out.sessions
    assert (ana.join_at, ana.leave_at) == (
        datetime(2025, 4, 17, 19, 1),
        datetime(2025, 4, 17, 19, 31),
    )
