"""Generic adapter: staff-written YAML mappings for exports no platform adapter knows."""

from __future__ import annotations

import shutil
from datetime import datetime, time
from pathlib import Path

import pytest

from pipeline.adapters import detect
from pipeline.adapters.base import ATTENDEE, HOST, PANELIST, NotThisFormat, ParseContext
from pipeline.adapters.generic import (
    GenericAdapter,
    Mapping,
    MappingError,
    adapter_for,
    is_mapping_file,
    load_mappings,
)
from pipeline.readers import SourceTable, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
ZOOM_WEBINAR = Path(__file__).parent / "fixtures" / "zoom" / "attendee_2025.csv"
UTC = ParseContext()


def table(path: Path) -> SourceTable:
    return read_table(path.read_bytes(), path.name)


@pytest.fixture(scope="module")
def mappings() -> list[Mapping]:
    return load_mappings(FIXTURES)


def adapter(path: Path, mappings: list[Mapping]) -> GenericAdapter:
    found = adapter_for(path, table(path), mappings)
    assert found is not None
    return found


def write_mapping(folder: Path, text: str, name: str = "x.mapping.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- loading


def test_mappings_are_loaded_from_single_and_multi_mapping_files(mappings: list[Mapping]) -> None:
    assert [m.name for m in mappings] == [
        "eventbrite-2023-05",
        "formulario-compras-2024-05",
        "partner-2023-11",
    ]


def test_an_unquoted_yaml_time_is_still_read_as_a_clock_time(tmp_path: Path) -> None:
    write_mapping(
        tmp_path,
        """
files: ["a.csv"]
kind: registration
webinar: {title: T, date: 2024-01-02, start_time: 10:30}
columns: {email: Email}
""",
    )
    (m,) = load_mappings(tmp_path)
    assert m.webinar is not None and m.webinar.start_time == time(10, 30)


def test_the_mapping_files_themselves_are_not_data() -> None:
    assert is_mapping_file(Path("data/raw/2023-05/eventbrite.mapping.yaml"))
    assert is_mapping_file(Path("data/raw/mappings.yaml"))
    assert not is_mapping_file(Path("data/raw/eventbrite_2023-05.csv"))


BASE = """
files: ["a.csv"]
kind: registration
webinar: {title: T, date: 2024-01-02}
columns: {email: Email}
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            BASE.replace("email: Email", "emial: Email"),
            r"unknown field\(s\) \['emial'\] in 'columns'",
        ),
        (BASE.replace("email: Email", "country: Country"), "must name the e-mail column"),
        (BASE + "sheet: 2\n", r"unknown key\(s\) \['sheet'\]"),
        (BASE.replace("kind: registration", "kind: attendees"), "'kind' must be 'registration'"),
        (BASE.replace('files: ["a.csv"]', ""), "say which files it applies to"),
        (BASE.replace("webinar: {title: T, date: 2024-01-02}", ""), "say which webinar"),
        (BASE.replace("date: 2024-01-02", "date: 02/01/2024"), "YYYY-MM-DD"),
        (BASE.replace(", date: 2024-01-02", ""), "'webinar.date' is required"),
        (BASE.replace("title: T", "titel: T"), r"unknown key\(s\) \['titel'\] in 'webinar'"),
        (BASE + "timezone: Mexico City\n", "not an IANA zone"),
        (BASE + "date_order: dmy\n", "'date_order' must be day_first or month_first"),
        (BASE + "header_row: 0\n", "'header_row' must be a row number from 1"),
        (BASE + "status_values: {Attending: going}\n", "'Attending' maps to 'going'"),
        (
            BASE.replace("email: Email", "email: Email, join_time: Joined"),
            r"\['join_time'\] do not apply to kind: registration",
        ),
        ("files: [a.csv\n", "not valid YAML"),
    ],
)
def test_a_wrong_mapping_is_refused_with_a_clear_error(
    tmp_path: Path, text: str, message: str
) -> None:
    write_mapping(tmp_path, text)
    with pytest.raises(MappingError, match=message):
        load_mappings(tmp_path)


def test_an_error_names_the_file_and_the_mapping(tmp_path: Path) -> None:
    write_mapping(tmp_path, BASE.replace("email: Email", "emial: Email"), "partner.mapping.yaml")
    with pytest.raises(MappingError, match=r"partner\.mapping\.yaml: mapping 'partner'"):
        load_mappings(tmp_path)


def test_two_mappings_may_not_share_a_name(tmp_path: Path) -> None:
    write_mapping(tmp_path, "name: same\n" + BASE, "a.mapping.yaml")
    (tmp_path / "sub").mkdir()
    write_mapping(tmp_path / "sub", "name: same\n" + BASE, "b.mapping.yaml")
    with pytest.raises(MappingError, match="'same' is also used"):
        load_mappings(tmp_path)


def test_a_run_can_set_a_bad_mapping_aside_and_keep_the_good_ones(tmp_path: Path) -> None:
    write_mapping(tmp_path, "name: good\n" + BASE, "good.mapping.yaml")
    write_mapping(tmp_path, BASE.replace("email: Email", "emial: Email"), "bad.mapping.yaml")
    errors: list[tuple[Path, str]] = []
    assert [m.name for m in load_mappings(tmp_path, errors)] == ["good"]
    assert [(p.name, "emial" in message) for p, message in errors] == [("bad.mapping.yaml", True)]


# ---------------------------------------------------------------- choosing a mapping


def test_a_files_glob_ties_the_mapping_to_its_export(mappings: list[Mapping]) -> None:
    path = FIXTURES / "eventbrite_2023-05_attendees.csv"
    assert adapter(path, mappings).name == "generic:eventbrite-2023-05"


def test_match_headers_recognises_an_export_whatever_its_name(
    tmp_path: Path, mappings: list[Mapping]
) -> None:
    shutil.copy(FIXTURES / "mappings.yaml", tmp_path / "mappings.yaml")
    renamed = tmp_path / "inscripciones (1).csv"
    shutil.copy(FIXTURES / "respuestas_formulario_2024-05.csv", renamed)
    found = adapter_for(renamed, table(renamed), load_mappings(tmp_path))
    assert found is not None and found.name == "generic:formulario-compras-2024-05"


def test_a_mapping_only_applies_inside_its_own_folder(
    tmp_path: Path, mappings: list[Mapping]
) -> None:
    elsewhere = tmp_path / "eventbrite_2023-05_attendees.csv"
    shutil.copy(FIXTURES / elsewhere.name, elsewhere)
    assert adapter_for(elsewhere, table(elsewhere), mappings) is None


def test_no_mapping_claims_a_platform_export(mappings: list[Mapping]) -> None:
    assert adapter_for(ZOOM_WEBINAR, table(ZOOM_WEBINAR), mappings) is None


def test_two_mappings_claiming_one_file_is_an_error(tmp_path: Path) -> None:
    write_mapping(tmp_path, "name: one\n" + BASE, "one.mapping.yaml")
    write_mapping(tmp_path, "name: two\n" + BASE, "two.mapping.yaml")
    data = tmp_path / "a.csv"
    data.write_text("Email\nx@example.org\n", encoding="utf-8")
    with pytest.raises(MappingError, match="claimed by several mappings"):
        adapter_for(data, table(data), load_mappings(tmp_path))


@pytest.mark.parametrize(
    "name",
    [
        "eventbrite_2023-05_attendees.csv",
        "respuestas_formulario_2024-05.csv",
        "partner_2023-11.xlsx",
    ],
)
def test_content_detection_leaves_mapped_exports_to_their_mapping(name: str) -> None:
    assert detect(table(FIXTURES / name)) is None


# ---------------------------------------------------------------- Eventbrite


def eventbrite(mappings: list[Mapping]):  # type: ignore[no-untyped-def]
    path = FIXTURES / "eventbrite_2023-05_attendees.csv"
    return adapter(path, mappings).parse(table(path), UTC)


def test_eventbrite_tickets_become_registrations_of_the_named_webinar(
    mappings: list[Mapping],
) -> None:
    parsed = eventbrite(mappings)
    assert parsed.report_type == "registration"
    (webinar,) = parsed.webinars
    # platform + platform_id given: the same key the Zoom reports of that webinar get.
    assert webinar.key == "zoom:84500001111:2023-05-16"
    assert webinar.start_at == datetime(2023, 5, 16, 14, 0)  # 10:00 New York
    assert [r.email for r in parsed.registrations] == [
        "Ana.Perez@hacienda.gob.mx",
        "kofi@example.gov.gh",
        "mary@example.org",
        "li.wei@example.edu",
    ]


def test_eventbrite_attendee_status_maps_to_approval(mappings: list[Mapping]) -> None:
    statuses = [(r.status_text, r.status) for r in eventbrite(mappings).registrations]
    assert statuses == [
        ("Attending", "approved"),
        ("Checked In", "approved"),
        ("Not Attending", "cancelled"),
        ("Refunded", "cancelled"),
    ]


def test_eventbrite_order_date_is_read_month_first_in_the_mapping_zone(
    mappings: list[Mapping],
) -> None:
    first = eventbrite(mappings).registrations[0]
    assert first.registered_text == "05/02/2023 14:31"
    assert first.registered_at == datetime(2023, 5, 2, 18, 31)


def test_mapped_questions_fill_fields_and_the_rest_are_kept_as_answers(
    mappings: list[Mapping],
) -> None:
    ana = eventbrite(mappings).registrations[0]
    assert (ana.name, ana.country, ana.organization, ana.sector, ana.job_title) == (
        "Ana Pérez",
        "Mexico",
        "Secretaría de Hacienda",
        "Government",
        "Directora",
    )
    assert ana.answers == {
        "Order #": "4100000001",
        "Quantity": "1",
        "Ticket Type": "General Admission",
        "How did you hear about us?": "Newsletter",
    }


def test_an_unreadable_date_rejects_its_row(mappings: list[Mapping]) -> None:
    parsed = eventbrite(mappings)
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (6, "Order Date 'not a date' is not a date")
    ]


def test_a_header_missing_from_the_export_is_named(mappings: list[Mapping]) -> None:
    path = FIXTURES / "eventbrite_2023-06_renamed_column.csv"
    found = adapter(path, mappings)
    assert found.detect(table(path)) == 0.0
    with pytest.raises(NotThisFormat, match="header 'Email' not found"):
        found.parse(table(path), UTC)


# ---------------------------------------------------------------- Google Forms


def test_google_forms_spanish_timestamps_keep_their_gmt_offset(mappings: list[Mapping]) -> None:
    path = FIXTURES / "respuestas_formulario_2024-05.csv"
    parsed = adapter(path, mappings).parse(table(path), UTC)
    carla, jose = parsed.registrations
    assert carla.registered_at == datetime(2024, 5, 1, 19, 3, 4)  # 2:03:04 p. m. GMT-5
    assert jose.registered_at == datetime(2024, 5, 2, 14, 15)
    assert (carla.name, carla.country, carla.sector) == ("Carla Díaz", "Chile", "Gobierno local")
    assert carla.answers == {"¿Cómo se enteró del webinar?": "Correo de OGP"}
    assert parsed.webinars[0].key == "zoom:81122223333:2024-05-08"
    assert [(r.line, r.reason) for r in parsed.rejects] == [(4, "no e-mail and no name")]


# ---------------------------------------------------------------- partner workbook


def partner(mappings: list[Mapping]):  # type: ignore[no-untyped-def]
    path = FIXTURES / "partner_2023-11.xlsx"
    return adapter(path, mappings).parse(table(path), UTC)


def test_a_header_on_row_three_of_a_workbook_is_used(mappings: list[Mapping]) -> None:
    parsed = partner(mappings)
    assert parsed.report_type == "attendance"
    assert any("header on line 3" in n for n in parsed.notes)
    assert parsed.data_rows == 6


def test_a_webinar_column_splits_one_file_into_several_webinars(mappings: list[Mapping]) -> None:
    parsed = partner(mappings)
    assert [w.key for w in parsed.webinars] == [
        "webex:open budgets:2023-11-15",
        "webex:session 2 open contracting:2023-11-22",
    ]
    described, undescribed = parsed.webinars
    assert described.start_at == datetime(2023, 11, 15, 13, 0)  # 14:00 Madrid
    assert undescribed.start_at == datetime(2023, 11, 22, 13, 5)  # its earliest join
    assert any("dated by its earliest join" in n for n in parsed.notes)


def test_role_values_decide_who_is_staff(mappings: list[Mapping]) -> None:
    parsed = partner(mappings)
    roles = [(s.name, s.role) for s in parsed.sessions]
    assert roles == [
        ("Awa Ndiaye", ATTENDEE),
        ("Ines Host", HOST),
        ("Dr. Speaker", PANELIST),
        ("Awa Ndiaye", ATTENDEE),
    ]


def test_an_unknown_role_is_rejected_naming_the_value(mappings: list[Mapping]) -> None:
    parsed = partner(mappings)
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (
            8,
            "role 'Observer' is unknown: add it to the mapping's role_values "
            "(attendee, panelist or host)",
        ),
        (9, "no e-mail and no name"),
    ]


def test_a_missing_leave_time_is_join_plus_duration(mappings: list[Mapping]) -> None:
    speaker = next(s for s in partner(mappings).sessions if s.role == PANELIST)
    assert speaker.join_at == datetime(2023, 11, 15, 13, 0)
    assert speaker.leave_at == datetime(2023, 11, 15, 14, 0)
    assert speaker.minutes == 60


def test_a_header_row_that_is_not_the_header_is_reported(tmp_path: Path) -> None:
    write_mapping(
        tmp_path,
        """
files: ["p.csv"]
kind: attendance
header_row: 2
webinar: {title: T, date: 2024-01-02}
columns: {email: Email, join_time: Joined}
""",
    )
    data = tmp_path / "p.csv"
    data.write_text("Email,Joined\nx@example.org,2024-01-02 10:00\n", encoding="utf-8")
    found = adapter_for(data, table(data), load_mappings(tmp_path))
    assert found is not None
    with pytest.raises(NotThisFormat, match=r"header 'Email', 'Joined' not found in row 2"):
        found.parse(table(data), UTC)
