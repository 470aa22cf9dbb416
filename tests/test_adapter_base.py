"""What adapters share (pipeline/adapters/base.py): header screen, record readers, records."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.adapters.base import (
    header_map,
    map_headers,
    may_name,
    question_field,
    registration_status,
)
from pipeline.normalize.text import clean_cell

PLATFORMS = ("zoom", "goto", "teams", "webex")


@st.composite
def _cells(draw: st.DrawFn, platform: str) -> str:
    """A header of ``platform`` as someone might write it, or any other text."""
    header = draw(st.sampled_from(sorted(header_map(platform))))
    case = draw(st.sampled_from([str, str.upper, str.title, str.capitalize]))
    gap = draw(st.sampled_from([" ", "  ", "-", "_", " / ", ". ", "\t", "\u00a0", "\x1f"]))
    written = case(header).replace(" ", gap)
    written = draw(st.sampled_from(["", " ", "*", "("])) + written
    written += draw(st.sampled_from(["", "*", " ", ":", ")", "\ufeff"]))
    accented = written.replace("e", "é").replace("a", "\uff41")  # NFKD folds both back
    return draw(
        st.one_of(
            st.just(written),
            st.just(accented),
            st.text(max_size=12),
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz @.-_*", max_size=20),
        )
    )


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_screen_never_hides_a_header(data: st.DataObject) -> None:
    """Whenever a cell maps to one of the asked fields, the screen says 'perhaps'."""
    platform = data.draw(st.sampled_from(PLATFORMS))
    cells = data.draw(st.lists(_cells(platform), max_size=6))
    every = sorted(set(header_map(platform).values()))
    fields = set(data.draw(st.sets(st.sampled_from(every), min_size=1, max_size=3)))
    named = [f for f in map_headers(cells, platform) if f]
    if named and data.draw(st.booleans()):
        fields.add(data.draw(st.sampled_from(named)))  # mostly a field the row does name
    if set(map_headers(cells, platform)) & fields:
        assert may_name(cells, platform, frozenset(fields))


def test_a_data_row_is_screened_out() -> None:
    row = ("Yes", "", "Ana", "Pérez", "ana@example.org", "Mar 22, 2025 10:02:03", "45")
    assert not may_name(row, "goto", frozenset({"email", "attended"}))
    assert may_name(("Attended", "", "First Name", "Email"), "goto", frozenset({"email"}))
    assert may_name(("Correo electrónico",), "zoom", frozenset({"email"}))
    # a separator inside a cell must not split it into two unknown words
    assert map_headers(["E\x1fmail"], "zoom") == ["email"]
    assert may_name(("E\x1fmail",), "zoom", frozenset({"email"}))


def _record_one_cell_at_a_time(cells, fields, headers):
    """record_from as it was first written: the specification of record_reader."""
    mapped = [(i, f) for i, f in enumerate(fields[: len(headers)]) if f]
    unmapped = [(i, h.strip()) for i, h in enumerate(headers) if not fields[i] and h.strip()]
    n = len(cells)
    known = {f: (cells[i].strip() or None) if i < n else None for i, f in mapped}
    extra = {h: v for i, h in unmapped if i < n and (v := cells[i].strip())}
    return known, extra


def _a_table(data: st.DataObject, max_rows: int) -> tuple[list, list, list[tuple[str, ...]]]:
    """Headers, their fields and data rows: short rows, long rows, blank and repeated
    headers and fields, whitespace-only cells."""
    text = st.sampled_from(["", " ", "x", " y ", "--", "\u00a0", "Q1", "Q1 ", "a b"])
    headers = data.draw(st.lists(text, max_size=7))
    fields = data.draw(
        st.lists(
            st.sampled_from([None, "", "email", "name", "email"]),
            min_size=len(headers),
            max_size=len(headers),
        )
    )
    rows = data.draw(st.lists(st.lists(text, max_size=9).map(tuple), max_size=max_rows))
    return headers, fields, rows


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_tables_record_reader_splits_rows_as_record_from_always_did(data) -> None:
    """Short rows, long rows, blank and repeated headers, whitespace-only cells."""
    from pipeline.adapters.base import record_from, record_reader

    headers, fields, rows = _a_table(data, max_rows=4)
    read = record_reader(fields, headers)
    for cells in rows:
        expected = _record_one_cell_at_a_time(cells, fields, headers)
        assert read(cells) == expected
        assert [list(d.items()) for d in read(cells)] == [list(d.items()) for d in expected]
        assert record_from(cells, fields, headers) == expected


def test_records_keep_their_field_order() -> None:
    """Adapters build records positionally (keywords cost a microsecond a record)."""
    from dataclasses import fields

    from pipeline.adapters.base import RegistrationRecord, SessionRecord

    assert [f.name for f in fields(RegistrationRecord)] == [
        "line",
        "webinar_key",
        "email",
        "first_name",
        "last_name",
        "name",
        "registered_at",
        "registered_text",
        "status",
        "status_text",
        "country",
        "organization",
        "sector",
        "job_title",
        "answers",
    ]
    assert [f.name for f in fields(SessionRecord)] == [
        "line",
        "webinar_key",
        "role",
        "name",
        "email",
        "join_at",
        "leave_at",
        "join_text",
        "leave_text",
        "minutes",
        "country",
        "is_guest",
        "section",
    ]


@pytest.mark.parametrize(
    ("first", "last"), [("Ana", "Pérez"), ("Ana", None), (None, "Pérez"), (None, None), ("", "x")]
)
def test_full_name_joins_the_parts_given(first, last) -> None:
    from pipeline.adapters.base import full_name

    assert full_name(first, last) == " ".join(p for p in (first, last) if p)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("cancelled by self", "cancelled"),  # Zoom, 2026
        ("Cancelled by host", "cancelled"),
        ("denied by host", "denied"),
        ("approved", "approved"),
        ("", "approved"),
        ("approved by host", "pending"),  # unknown: never counted as approved by a guess
        ("registered not attending", "pending"),
    ],
)
def test_a_status_that_begins_with_cancelling_or_refusing_is_that(text, status):
    assert registration_status(text) == status


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Phone Number (Enter with Country Code ex.,. +91 9800000000)", None),
        ("WhatsApp (con código de país)", None),
        ("Country/Region", "country"),
        ("País de residencia", "country"),
    ],
)
def test_a_contact_question_is_no_field_even_when_it_names_a_country(question, field):
    assert question_field(question) == field


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Would you like updates on events in your country?", None),
        ("How did you hear about us (newsletter; partner organization; social media)?", None),
        ("¿Cómo se enteró de este webinar? (organización aliada, redes sociales)", None),
        ("Do you agree that the organization shares your details?", None),
        ("Type of organization", "sector"),
        ("¿En qué institución trabaja?", "organization"),
    ],
)
def test_a_question_naming_a_field_in_passing_is_no_field(question, field):
    """'Would you like updates ... in your country?' answered 'No' gave country 'No'."""
    assert question_field(question) == field


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Rejeitado", "denied"),
        ("Recusado", "denied"),
        ("Rechazada", "denied"),
        ("Abgelehnt", "denied"),
        ("Approuvée", "approved"),
        ("Aprovada", "approved"),
        ("Registriert", "approved"),
        ("Genehmigt", "approved"),
        ("Annulée", "cancelled"),
        ("Storniert", "cancelled"),
        ("Ausstehend", "pending"),
        ("Approvato", "approved"),
        ("In attesa", "pending"),
        ("Rifiutata", "denied"),
        ("Annullato", "cancelled"),
        ("登録済み", "approved"),
        ("承認済み", "approved"),
        ("保留中", "pending"),
        ("拒否", "denied"),
        ("キャンセル済み", "cancelled"),
    ],
)
def test_statuses_in_the_interface_languages_are_understood(text, status):
    assert registration_status(text) == status


def test_an_excel_text_formula_cell_is_the_text_inside_it() -> None:
    """Webex writes its participant reports' times as ="2025-03-22 10:00:00"."""
    assert clean_cell('="2025-03-22 10:00:00"') == "2025-03-22 10:00:00"
    assert clean_cell(' ="00123" ') == "00123"
    assert clean_cell('="say ""hi"""') == 'say "hi"'
    assert clean_cell('=""') is None  # an empty formula is an empty cell
    assert clean_cell('="--"') is None
    assert clean_cell("=SUM(A1:A2)") == "=SUM(A1:A2)"  # any other formula stays as typed
    assert clean_cell('="') == '="'


def _clean_cell_spelled_out(value: str | None, placeholders: frozenset[str]) -> str | None:
    """clean_cell as it read before its shortcuts: every step, in order, for every cell."""
    if value is None:
        return None
    value = str(value).replace("\ufeff", "").strip()
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        value = value[2:-1].replace('""', '"').strip()
    if len(value) <= 4 and value.lower() in placeholders:
        return None
    return value


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.text(alphabet=' \t="-—/\ufeffaAnNuUlLoOeE\u00a0x', max_size=9),
        st.text(max_size=12),
        st.integers(),
        st.builds(
            lambda pad, inner, end: f'{pad}="{inner}{end}{pad}',
            st.sampled_from(["", " ", "\ufeff"]),
            st.text(alphabet=' "-—/aAnN\ufeffx', max_size=7),
            st.sampled_from(['"', "", '""']),
        ),
    )
)
def test_the_shortcuts_of_clean_cell_change_nothing(value):
    """Cells that are neither short nor a formula skip the placeholder and formula
    checks; every cell must come out as the checks done in full would give it."""
    from pipeline.normalize.text import _NAME_PLACEHOLDERS, _PLACEHOLDERS, clean_name

    assert clean_cell(value) == _clean_cell_spelled_out(value, _PLACEHOLDERS)
    if value is None or isinstance(value, str):
        assert clean_name(value) == _clean_cell_spelled_out(value, _NAME_PLACEHOLDERS)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_tables_columns_hold_what_record_from_reads_row_by_row(data) -> None:
    """table_columns: each field's cells as written ('' for a cell a row lacks), which
    stripped (blank as None) are record_from's values; the answers are record_from's."""
    from pipeline.adapters.base import record_from, table_columns
    from pipeline.readers.table import Row

    headers, fields, cells = _a_table(data, max_rows=5)
    rows = [Row(i + 1, c) for i, c in enumerate(cells)]
    read = table_columns(fields, headers, rows, time_fields=("email", "join_time"))
    known, answers = read.known, read.answers
    # The time fields the table has, cleaned once for the parsers, checks and records.
    assert read.times == {f: [clean_cell(v) for v in known[f]] for f in ("email",) if f in known}
    assert read.lines == [r.line for r in rows]
    for k, row in enumerate(rows):
        expected_known, expected_answers = record_from(row.cells, fields, headers)
        assert set(known) == set(expected_known)
        assert {f: column[k].strip() or None for f, column in known.items()} == expected_known
        assert (answers[k] if answers is not None else {}) == expected_answers
    if answers is not None:
        assert len(answers) == len(rows)
    assert all(len(column) == len(rows) for column in known.values())


def test_records_held_as_columns_read_as_the_records_they_hold() -> None:
    from pipeline.adapters.base import RecordColumns, RejectRecord

    records = RecordColumns(RejectRecord, {"line": [3, 7], "reason": ["a", "b"]})
    assert len(records) == 2
    assert records[0] == RejectRecord(3, "a")
    assert records[-1] == RejectRecord(7, "b")
    assert records[1:] == [RejectRecord(7, "b")]
    assert list(records) == [RejectRecord(3, "a"), RejectRecord(7, "b")]
    assert records == [RejectRecord(3, "a"), RejectRecord(7, "b")]
    assert records != [RejectRecord(3, "a")]
    with pytest.raises(IndexError):
        records[2]
    assert list(RecordColumns(RejectRecord, RecordColumns.empty(RejectRecord))) == []


def test_records_as_columns_must_be_every_field_in_order_and_of_one_length() -> None:
    from pipeline.adapters.base import RecordColumns, RejectRecord

    with pytest.raises(ValueError, match="not the fields"):
        RecordColumns(RejectRecord, {"reason": ["a"], "line": [1]})
    with pytest.raises(ValueError, match="differ in length"):
        RecordColumns(RejectRecord, {"line": [1, 2], "reason": ["a"]})
