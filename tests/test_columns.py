"""A parsed file as columns (pipeline/columns.py): typed tables that keep every value."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    ParsedFile,
    RegistrationRecord,
    SessionRecord,
)
from pipeline.columns import _json_list, joined, to_columns
from pipeline.readers import SourceTable
from pipeline.readers.table import Row

FIXTURES = Path(__file__).parent / "fixtures"

_CELL = st.one_of(
    st.text(max_size=12),
    st.text(alphabet='ab "\\\n\t\x00\x1f\x7fé\u2028', max_size=8),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CELL, max_size=6).map(tuple))
def test_a_rows_cells_are_kept_as_the_json_array_json_dumps_writes(cells) -> None:
    assert _json_list(cells) == json.dumps(list(cells), ensure_ascii=False, separators=(",", ":"))
    assert json.loads(_json_list(cells)) == list(cells)


def _file(
    registrations: list[RegistrationRecord] = (), sessions: list[SessionRecord] = ()
) -> ParsedFile:
    return ParsedFile(
        "zoom_webinar_attendee",
        "zoom",
        ATTENDANCE,
        "test",
        webinars=[],
        registrations=list(registrations),
        sessions=list(sessions),
    )


def _table(rows: int) -> SourceTable:
    return SourceTable(
        "x.csv", [Row(i, ("cell",)) for i in range(1, rows + 1)], "utf-8", ",", "text"
    )


def test_missing_values_stay_missing_whatever_the_column_type() -> None:
    """A missing time, duration or guest flag is NULL: not 1970, not NaN, not False."""
    sessions = [
        SessionRecord(1, "w", ATTENDEE, "Ana", None, minutes=float("nan")),
        SessionRecord(
            2,
            "w",
            ATTENDEE,
            None,
            "b@x.org",
            datetime(2024, 5, 1, 14),
            None,
            minutes=12.5,
            is_guest=False,
        ),
    ]
    rows = to_columns(_table(2), _file(sessions=sessions)).tables["raw.sessions"].to_pylist()
    assert [
        (r["email"], r["join_at"], r["leave_at"], r["minutes"], r["is_guest"]) for r in rows
    ] == [
        (None, None, None, None, None),
        ("b@x.org", datetime(2024, 5, 1, 14), None, 12.5, False),
    ]


def test_a_value_that_is_not_text_in_a_text_field_is_written_as_text() -> None:
    record = RegistrationRecord(1, "w", "a@x.org", country=44)  # an adapter's slip
    rows = to_columns(_table(1), _file([record])).tables["raw.registrations"].to_pylist()
    assert rows[0]["country"] == "44"


def test_files_join_into_one_table_even_when_a_column_is_empty_in_one_of_them() -> None:
    """Types come from the column, not the values: a file whose registrants answered
    no extra question (answers all NULL) joins a file whose registrants did."""
    quiet = _file([RegistrationRecord(1, "w1", "a@x.org")])
    chatty = _file(
        [
            RegistrationRecord(1, "w2", "b@x.org", answers={"Why?": "<b>hi</b>"}),
            RegistrationRecord(2, "w2", "c@x.org"),
        ]
    )
    parts = [
        to_columns(_table(n), f).tables["raw.registrations"] for n, f in ((1, quiet), (2, chatty))
    ]
    table = joined(parts, [7, 9])
    assert table.column_names[0] == "file_id"
    assert [(r["file_id"], r["email"], r["answers"]) for r in table.to_pylist()] == [
        (7, "a@x.org", None),
        (
            9,
            "b@x.org",
            json.dumps({"Why?": "<b>hi</b>"}, ensure_ascii=False, separators=(",", ":")),
        ),
        (9, "c@x.org", None),
    ]


def test_a_files_lines_are_encoded_a_chunk_at_a_time_in_their_order(monkeypatch) -> None:
    # A large export's JSON strings are never all alive at once.
    import pipeline.columns as columns_module

    monkeypatch.setattr(columns_module, "_JSON_CHUNK", 2)
    source = [Row(n, (f"cell {n}", "x")) for n in range(1, 6)]
    lines = to_columns(SourceTable("f.csv", source, "utf-8", ",", "text"), _file()).tables[
        "raw.lines"
    ]
    assert lines.column("cells").num_chunks == 3
    assert [json.loads(c) for c in lines.column("cells").to_pylist()] == [
        [f"cell {n}", "x"] for n in range(1, 6)
    ]
    assert lines.column("line_number").to_pylist() == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "name",
    [
        "zoom/attendee_2025.csv",
        "zoom/attendee_2020_other_attended_12h.csv",
        "zoom/registration_2025_preguntas_es.csv",
        "zoom/relatorio_participantes_pt.csv",
        "goto/attendee_2025.csv",
        "goto/attendee_2012.xlsx",
        "goto/registrant_2025.csv",
    ],
)
def test_records_handed_over_as_columns_store_as_the_records_would(name):
    """Zoom's and GoTo's adapters hand their records over as columns (Zoom's reports are
    most of a large series' rows): they become the same raw tables as the records would."""
    from dataclasses import replace

    from pipeline.adapters.base import ParseContext, RecordColumns
    from pipeline.ingest import parse_export

    path = FIXTURES / name
    table, parsed = parse_export(path.read_bytes(), path.name, ParseContext("UTC"))
    assert isinstance(parsed.registrations, RecordColumns)
    assert isinstance(parsed.sessions, RecordColumns) or parsed.report_type == "registration"
    assert len(parsed.registrations) + len(parsed.sessions) > 0
    as_records = replace(
        parsed, registrations=list(parsed.registrations), sessions=list(parsed.sessions)
    )
    handed = to_columns(table, parsed).tables
    one_by_one = to_columns(table, as_records).tables
    assert handed.keys() == one_by_one.keys()
    for kind in handed:
        assert handed[kind].equals(one_by_one[kind]), kind
