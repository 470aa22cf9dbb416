"""GoTo Webinar (GoToWebinar): the Attendee Report and the Registrant Report.

Both download as CSV or XLSX (export-formats.md §2) with a label/value preamble
rather than a header row: a title row ('Attendee Report,,,GoToWebinar'), then
labels and their values on alternating rows, often with an empty spacer column
between them (merged Excel cells): 'Generated' / its time, 'General
Information', 'Webinar Name,,Webinar ID' / values, 'Actual Start Date/Time,,
Actual Duration (minutes) ' / values, ... Then a section marker ('Session
Details', or 'Registrants' in a registrant report) and the table. The attendee
table has an EMPTY column right after 'Attended', headers with trailing spaces
('In Session Duration* (minutes) '), decimal-minute durations ('58.53') and
times with a zone abbreviation ('May 16, 2012 10:49 AM EDT'), so those times
ignore the series' zone. The columns after 'Email' are whatever the
registration form asked.

What is not documented (§2: current headers "low" confidence) and is handled
as a guess: one row per join (several rows per person) as well as the 2012 one
row per attendee; staff sections ('Panelist Details', 'Organizer Details',
'Staff'); staff rows inside the attendee table, recognisable by a blank
'Attended' *and* a blank 'Interest Rating' (GoTo rates attendees only).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    HOST,
    PANELIST,
    REGISTRATION,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    RecordColumns,
    RegistrationRecord,
    RejectRecord,
    SessionRecord,
    TableColumns,
    WebinarRecord,
    bad_times,
    catalogue_order,
    extend_columns,
    full_name,
    languages_of,
    map_distinct,
    map_headers,
    may_name,
    question_field,
    registration_status,
    table_columns,
    table_times,
    webinar_key,
    yes_no,
)
from pipeline.normalize.text import clean_cell, clean_name, fold
from pipeline.normalize.times import (
    local_day,
    not_a_date,
    parse_duration_minutes,
    parse_time_utc,
)
from pipeline.readers.table import Row, SourceTable

PLATFORM = "goto"
_KINDS = {"title_attendee": "attendee", "title_registrant": "registrant"}
# Preamble labels: each is followed by a row holding its value in the same column.
_LABELS = frozenset(
    {
        "generated",
        "webinar_name",
        "webinar_id",
        "actual_start",
        "actual_duration",
        "scheduled_start",
        "scheduled_duration",
        "clicked_registration_link",
        "opened_invitation",
        "total_attended",
        "total_registrants",
    }
)
_SECTIONS = {
    "section_attendee": (ATTENDEE, "Session Details"),
    "section_panelist": (PANELIST, "Panelist Details"),
    "section_organizer": (HOST, "Organizer Details"),
    "section_staff": (HOST, "Staff"),
    "section_registrants": (ATTENDEE, "Registrants"),
}
_TABLE_SIGNS = frozenset(
    {"attended", "join_time", "first_name", "registration_date", "status", "interest_rating"}
)
_TIME_FIELDS = ("join_time", "leave_time", "registration_date")
_SECTION_FIELDS = frozenset(_SECTIONS)
_HEADER_FIELDS = _TABLE_SIGNS | {"email"}  # a table header names 'Email' and one of the signs
_PREAMBLE_ROWS = 60
# Old IDs are 9 digits, newer ones are written '123-456-789' (the brief; §2 shows a 9-digit id).
_WEBINAR_ID = re.compile(r"^\d{3}-?\d{3}-?\d{3}$")


def _fields(cells: Sequence[str]) -> list[str | None]:
    return map_headers(cells, PLATFORM)


def _head(row: Row) -> str | None:
    return _fields([row.first()])[0] if row.cells else None


def _is_table_header(fields: Sequence[str | None]) -> bool:
    present = set(fields)
    return "email" in present and bool(present & _TABLE_SIGNS)


def _next_non_blank(rows: Sequence[Row], start: int) -> int | None:
    for j in range(start, len(rows)):
        if not rows[j].is_blank():
            return j
    return None


@dataclass(slots=True)
class _Preamble:
    kind: str | None  # 'attendee' | 'registrant' | None (no title we know)
    title_text: str
    branded: bool  # a cell of the title row says GoToWebinar
    has_general: bool  # a 'General Information' marker
    meta: dict[str, str | None]
    body_start: int  # index of the first section marker or table header (len(rows) if none)
    unanswered: list[str] = field(default_factory=list)  # labels whose value row is missing

    @property
    def is_goto(self) -> bool:
        """Zoom's first row also reads 'Attendee Report': only GoTo's own marks count."""
        return self.branded or (self.has_general and "webinar_name" in self.meta)


def _preamble(table: SourceTable) -> _Preamble | None:
    """Read the title row and the label/value pairs up to the first section or table.

    A row is a label row when one of its cells is a known label; its values are
    in the same columns of the next non-blank row. Spacer columns need no
    special care: they are empty in both rows.
    """
    rows = table.rows
    i0 = _next_non_blank(rows, 0)
    if i0 is None:
        return None
    title = rows[i0]
    title_fields = _fields(title.cells)
    pre = _Preamble(
        _KINDS.get(title_fields[0] or ""),
        title.first(),
        "brand" in title_fields,
        False,
        {},
        len(rows),
    )
    i = i0 + 1
    end = min(len(rows), i0 + _PREAMBLE_ROWS)
    while i < end:
        row = rows[i]
        if row.is_blank():
            i += 1
            continue
        fields = _fields(row.cells)
        if fields[0] in _SECTIONS or _is_table_header(fields):
            pre.body_start = i
            break
        if fields[0] == "section_general":
            pre.has_general = True
            i += 1
            continue
        labels = [(k, f) for k, f in enumerate(fields) if f in _LABELS]
        if not labels:
            i += 1  # a label GoTo added that we do not know, or its value: neither matters
            continue
        j = _next_non_blank(rows, i + 1)
        value_fields = _fields(rows[j].cells) if j is not None else []
        if j is None or any(f in _LABELS or f in _SECTIONS for f in value_fields):
            pre.unanswered.extend(f for _, f in labels if f)
            i = j if j is not None else end
            continue
        for k, f in labels:
            cells = rows[j].cells
            pre.meta[f] = cells[k] if k < len(cells) else ""  # type: ignore[index]
        i = j + 1
    return pre


@dataclass(slots=True)
class _Table:
    role: str
    section: str
    header: Row
    fields: list[str | None]
    rows: list[Row]


@dataclass(slots=True)
class _Columns(TableColumns):
    """One table's rows a column at a time, its time cells cleaned once.

    Read a row at a time, each row was a dict of its cells, its times cleaned
    two or three times over (to check them, to store them, to tell the layout)
    and a record object that ``to_columns`` took apart again.
    """

    table: _Table
    emails: list[str | None]  # cleaned
    first: list[str | None]  # cleaned (clean_name)
    last: list[str | None]
    names: list[str | None]  # 'First Last', None when a row has neither
    persons: list[str]  # who each row is (_person_keys)

    @classmethod
    def of(cls, t: _Table) -> _Columns:
        read = table_columns(t.fields, t.header.cells, t.rows, _TIME_FIELDS)
        emails = list(map(clean_cell, read.cells("email")))
        first = list(map(clean_name, read.cells("first_name")))
        last = list(map(clean_name, read.cells("last_name")))
        names = [full_name(f, la) or None for f, la in zip(first, last, strict=True)]
        persons = _person_keys(emails, names)
        return cls(
            read.lines, read.known, read.answers, read.times, t, emails, first, last, names, persons
        )


def _headers_with_questions(cells: Sequence[str]) -> list[str | None]:
    """Known GoTo columns, then form questions mapped by keyword (country, sector...)."""
    fields = _fields(cells)
    taken = {f for f in fields if f}
    out: list[str | None] = []
    for cell, f in zip(cells, fields, strict=True):
        if f is None and cell.strip():
            q = question_field(cell)
            if q and q not in taken:
                f = q
                taken.add(q)
        out.append(f)
    return out


def _is_footnote(row: Row) -> bool:
    """GoTo explains 'In Session Duration*' in a one-cell row starting with '*'."""
    if not row.first().startswith("*"):  # asked of every row: the cheap test first
        return False
    return len([c for c in row.trimmed() if c.strip()]) == 1


def _tables(table: SourceTable, start: int, default: tuple[str, str]) -> tuple[list[_Table], int]:
    """Split the body into sections; a table with no marker above it gets ``default``.

    Returns the tables and how many footnote rows were skipped.
    """
    tables: list[_Table] = []
    current: _Table | None = None
    pending: tuple[str, str] | None = None
    footnotes = 0
    # An attendee row's first cell ('Yes', 'No', '') is nearly always one seen before.
    heads: dict[str, str | None] = {}
    for row in table.rows[start:]:
        if row.is_blank():
            continue
        if _is_footnote(row):
            footnotes += 1
            continue
        # Most rows are data: the screens skip looking up their cells (may_name).
        first = row.cells[0]
        if first in heads:
            head = heads[first]
        else:
            screened = may_name((row.first(),), PLATFORM, _SECTION_FIELDS)
            head = heads[first] = _head(row) if screened else None
        if head in _SECTIONS and len(row.trimmed()) <= 2:
            pending = _SECTIONS[head]  # type: ignore[index]
            current = None
            continue
        # Known columns decide; form questions never name 'Email' or a table sign
        # (test_question_fields_never_make_a_table_header), so they are mapped for header
        # rows only: mapping every data row's answers cost ~40 of ~260 us a row.
        if may_name(row.cells, PLATFORM, _HEADER_FIELDS) and _is_table_header(_fields(row.cells)):
            fields = _headers_with_questions(row.cells)
            if pending is not None:
                role, section = pending
            elif current is not None:  # a header repeated inside a section
                role, section = current.role, current.section
            else:
                role, section = default
            current = _Table(role, section, row, fields, [])
            tables.append(current)
            pending = None
            continue
        if pending is not None:
            raise NotThisFormat(
                f"line {row.line}: the '{pending[1]}' section has no header "
                f"row (expected 'Attended', 'First Name', 'Email'...)"
            )
        if current is not None:
            current.rows.append(row)
    if pending is not None:
        raise NotThisFormat(
            f"the '{pending[1]}' section ends before its header row (file truncated?)"
        )
    return tables, footnotes


def _start_field(pre: _Preamble, actual: bool) -> str | None:
    """The preamble's start the webinar is keyed by: the actual start in an attendee
    report, the scheduled one in a registrant report, else whichever it has."""
    order = ("actual_start", "scheduled_start") if actual else ("scheduled_start", "actual_start")
    return next((f for f in order if clean_cell(pre.meta.get(f))), None)


def _times(
    columns: list[_Columns],
    pre: _Preamble,
    context: ParseContext,
    delimiter: str | None,
    actual: bool,
) -> tuple[list[dict[str, list[datetime | None]]], bool | None, str | None]:
    """Every time cell of the file, table by table (:func:`table_times`); a value's own
    zone ('EDT', 'GMT-5') wins over ``context.timezone`` (§2, §7.4). The order is
    catalogue-checked against the start the webinar is keyed by (``_start_field``).
    """
    start_field = _start_field(pre, actual)
    start = clean_cell(pre.meta.get(start_field)) if start_field else None
    by_date = catalogue_order(context, clean_cell(pre.meta.get("webinar_id")), start)
    also = [clean_cell(pre.meta.get(k)) for k in ("actual_start", "scheduled_start", "generated")]
    languages = languages_of([c for col in columns for c in col.table.header.cells], PLATFORM)
    return table_times(columns, also, languages, delimiter, by_date, context.timezone)


def _one_time(
    text: str | None, context: ParseContext, dayfirst: bool | None, what: str
) -> datetime | None:
    utc = parse_time_utc(text, context.timezone, dayfirst)
    if text and utc is None:
        raise NotThisFormat(not_a_date(f"the {what}", text))
    return utc


def _webinar(
    pre: _Preamble, context: ParseContext, dayfirst: bool | None, *, actual: bool
) -> WebinarRecord:
    start_field = _start_field(pre, actual)
    start_text = clean_cell(pre.meta.get(start_field)) if start_field else None
    start_utc = _one_time(start_text, context, dayfirst, "webinar start time")
    ident = clean_cell(pre.meta.get("webinar_id"))
    title = clean_cell(pre.meta.get("webinar_name"))
    if ident is None and title is None:
        raise NotThisFormat("the preamble names neither a webinar name nor a webinar ID")
    duration_field = "actual_duration" if start_field == "actual_start" else "scheduled_duration"
    return WebinarRecord(
        key=webinar_key(PLATFORM, ident, title, local_day(start_utc, context.timezone)),
        platform=PLATFORM,
        platform_webinar_id=ident,
        title=title,
        start_at=start_utc,
        duration_minutes=parse_duration_minutes(pre.meta.get(duration_field)),
        start_is_actual=start_field == "actual_start",
        start_text=start_text,
        timezone=context.timezone,
    )


_TIME_LABELS = {
    "join_time": "Join Time",
    "leave_time": "Leave Time",
    "registration_date": "Registration Date",
}


def _person_keys(emails: Sequence[str | None], names: Sequence[str | None]) -> list[str]:
    """Who each row is: the e-mail lower-cased, else 'name:' and the folded name."""
    return [
        email.lower() if email else "name:" + fold(name)
        for email, name in zip(emails, names, strict=True)
    ]


def _registrations(
    c: _Columns,
    rows: list[int],
    key: str,
    registered: tuple[list[str | None], list[datetime | None]],
) -> dict[str, list[Any]]:
    """The registration records of the rows at ``rows`` (indexes), as columns.

    A person listed in an attendee report registered; GoTo 'Registered' is
    approved (DEFINITIONS.md, "Registrant"): no status column means approved.
    """

    def picked(column: Sequence[Any]) -> list[Any]:
        return [column[k] for k in rows]

    lines = picked(c.lines)
    status_texts = map_distinct(clean_cell, picked(c.cells("status")))
    sectors = map_distinct(clean_cell, picked(c.cells("sector")))
    industries = map_distinct(clean_cell, picked(c.cells("industry")))
    return {
        "line": lines,
        "webinar_key": [key] * len(rows),
        "email": picked(c.emails),
        "first_name": picked(c.first),
        "last_name": picked(c.last),
        "name": picked(c.names),
        "registered_at": picked(registered[1]),
        "registered_text": picked(registered[0]),
        "status": map_distinct(registration_status, status_texts),
        "status_text": status_texts,
        "country": map_distinct(clean_cell, picked(c.cells("country"))),
        "organization": map_distinct(clean_cell, picked(c.cells("organization"))),
        "sector": [s or i for s, i in zip(sectors, industries, strict=True)],
        "job_title": map_distinct(clean_cell, picked(c.cells("job_title"))),
        "answers": [c.answer(k) for k in rows],
    }


class _GoToReport:
    platform = PLATFORM
    kind = ""

    def detect(self, table: SourceTable) -> float:
        try:
            pre = _preamble(table)
        except NotThisFormat:
            return 0.0
        if pre is None or not pre.is_goto:
            return 0.0
        if pre.kind == self.kind:
            return 0.95 if pre.branded else 0.85
        if pre.kind is None and not pre.branded:
            # A title in a language we do not know: decide by the table's columns.
            return 0.7 if self._body_kind(table, pre) == self.kind else 0.0
        return 0.0

    @staticmethod
    def _body_kind(table: SourceTable, pre: _Preamble) -> str | None:
        for row in table.rows[pre.body_start : pre.body_start + 5]:
            fields = set(_fields(row.cells))
            if _is_table_header(list(fields)):
                return "attendee" if fields & {"attended", "join_time"} else "registrant"
        return None

    def _checked_preamble(self, table: SourceTable) -> _Preamble:
        pre = _preamble(table)
        if pre is None or not pre.is_goto:
            raise NotThisFormat(
                "not a GoToWebinar report: no 'GoToWebinar' title row and no "
                "'General Information' / 'Webinar Name' preamble"
            )
        if pre.kind not in (None, self.kind):
            raise NotThisFormat(
                f"a GoToWebinar {pre.kind} report, not an {self.kind} report"
                if self.kind == "attendee"
                else f"a GoToWebinar {pre.kind} report, not a {self.kind} report"
            )
        if pre.kind is None and pre.branded:
            raise NotThisFormat(
                f"a GoToWebinar {pre.title_text!r}, not an attendee or registrant report"
            )
        if pre.body_start >= len(table.rows):
            missing = ", ".join(pre.unanswered) or "none"
            raise NotThisFormat(
                f"the GoToWebinar {self.kind} report ends before its table (file truncated?); "
                f"labels without values: {missing}"
            )
        return pre


class GoToAttendeeReport(_GoToReport):
    """GoToWebinar attendee report: who joined, when, and who registered but did not."""

    name = "goto_webinar_attendee"
    kind = "attendee"

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        pre = self._checked_preamble(table)
        tables, footnotes = _tables(table, pre.body_start, _SECTIONS["section_attendee"])
        if not tables:
            raise NotThisFormat(
                "no attendee table (Attended, Email, Join Time...) was found (file truncated?)"
            )
        columns = [_Columns.of(t) for t in tables]
        parsed, dayfirst, order_note = _times(columns, pre, context, table.delimiter, actual=True)
        webinar = _webinar(pre, context, dayfirst, actual=True)
        out = ParsedFile(
            self.name,
            PLATFORM,
            ATTENDANCE,
            _layout(columns),
            [webinar],
            generated_at=_one_time(
                clean_cell(pre.meta.get("generated")), context, dayfirst, "report generation time"
            ),
        )
        if order_note:
            out.notes.append(order_note)
        _notes(out, webinar, footnotes)
        registered: set[str] = set()
        registrations = RecordColumns.empty(RegistrationRecord)
        sessions = RecordColumns.empty(SessionRecord)
        for c, times in zip(columns, parsed, strict=True):
            out.data_rows += len(c.lines)
            self._table(out, webinar.key, c, times, registered, registrations, sessions)
        out.registrations = RecordColumns(RegistrationRecord, registrations)  # type: ignore[assignment]
        out.sessions = RecordColumns(SessionRecord, sessions)  # type: ignore[assignment]
        if out.data_rows == 0:
            out.notes.append("the report lists no participants")
        return out

    @staticmethod
    def _table(
        out: ParsedFile,
        key: str,
        c: _Columns,
        parsed: dict[str, list[datetime | None]],
        registered: set[str],
        registrations: dict[str, list[Any]],
        sessions: dict[str, list[Any]],
    ) -> None:
        """One table's rows: rejects to ``out``, records added to the columns given.

        A row with no e-mail and no name is rejected, then one with a time cell
        that is no date. Staff rows in the attendee table have no Attended value
        and no interest rating (§2); GoTo does not say whether they are organisers
        or panelists, and staff (HOST) never counts as audience. One registration
        per person: current GoTo repeats the person on every join row.
        """
        t = c.table
        emails, names = c.emails, c.names
        times = {f: c.read_times(f, parsed) for f in _TIME_FIELDS}
        bad = bad_times(times, _TIME_LABELS)
        joins = times["join_time"][0]
        attended_cells = c.cells("attended")
        rated = "interest_rating" in t.fields
        ratings = c.cells("interest_rating")
        asks = [
            bool(r.strip() or s.strip())
            for r, s in zip(c.cells("registration_date"), c.cells("status"), strict=True)
        ]
        registers: list[int] = []
        attends: list[int] = []
        roles: list[str] = []
        sections: list[str] = []
        for k, line in enumerate(c.lines):
            if emails[k] is None and names[k] is None:
                out.rejects.append(RejectRecord(line, f"{t.section}: no e-mail and no name"))
                continue
            if k in bad:
                out.rejects.append(RejectRecord(line, f"{t.section}: {bad[k]}"))
                continue
            has_join = bool(joins[k])
            attended = yes_no(attended_cells[k])
            role, section = t.role, t.section
            if (
                role == ATTENDEE
                and attended is None
                and rated
                and not clean_cell(ratings[k])
                and has_join
            ):
                role, section = HOST, f"{t.section} (staff row)"
            if attended is None:
                attended = has_join
            if (
                role == ATTENDEE
                and (asks[k] or attended is False)
                and c.persons[k] not in registered
            ):
                registered.add(c.persons[k])
                registers.append(k)
            if attended:
                attends.append(k)
                roles.append(role)
                sections.append(section)
        extend_columns(
            registrations,
            _registrations(c, registers, key, times["registration_date"]),
        )
        lines = [c.lines[k] for k in attends]
        minutes = c.cells("minutes")
        countries = c.cells("country")
        # GoTo has no geolocation column: 'Country' is the registration form's answer,
        # carried here too so an attendee without a registration keeps it.
        extend_columns(
            sessions,
            {
                "line": lines,
                "webinar_key": [key] * len(attends),
                "role": roles,
                "name": [names[k] for k in attends],
                "email": [emails[k] for k in attends],
                "join_at": [times["join_time"][1][k] for k in attends],
                "leave_at": [times["leave_time"][1][k] for k in attends],
                "join_text": [joins[k] for k in attends],
                "leave_text": [times["leave_time"][0][k] for k in attends],
                "minutes": map_distinct(parse_duration_minutes, [minutes[k] for k in attends]),
                "country": map_distinct(clean_cell, [countries[k] for k in attends]),
                "is_guest": [None] * len(attends),
                "section": sections,
            },
        )


class GoToRegistrantReport(_GoToReport):
    """GoToWebinar registrant report: one row per registration, with its status."""

    name = "goto_webinar_registrant"
    kind = "registrant"

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        pre = self._checked_preamble(table)
        tables, footnotes = _tables(table, pre.body_start, _SECTIONS["section_registrants"])
        if not tables:
            raise NotThisFormat(
                "no registrant table (First Name, Email, Registration Date...) "
                "was found (file truncated?)"
            )
        columns = [_Columns.of(t) for t in tables]
        parsed, dayfirst, order_note = _times(columns, pre, context, table.delimiter, actual=False)
        webinar = _webinar(pre, context, dayfirst, actual=False)
        out = ParsedFile(
            self.name,
            PLATFORM,
            REGISTRATION,
            "goto-webinar-registrant",
            [webinar],
            generated_at=_one_time(
                clean_cell(pre.meta.get("generated")), context, dayfirst, "report generation time"
            ),
        )
        if order_note:
            out.notes.append(order_note)
        registrations = RecordColumns.empty(RegistrationRecord)
        for c, read in zip(columns, parsed, strict=True):
            out.data_rows += len(c.lines)
            emails, names = c.emails, c.names
            times = {f: c.read_times(f, read) for f in _TIME_FIELDS}
            bad = bad_times(times, _TIME_LABELS)
            kept: list[int] = []
            for k, line in enumerate(c.lines):
                if not emails[k] and not names[k]:
                    out.rejects.append(RejectRecord(line, "registrant with no e-mail and no name"))
                elif k in bad:
                    out.rejects.append(RejectRecord(line, bad[k]))
                else:
                    kept.append(k)
            extend_columns(
                registrations,
                _registrations(c, kept, webinar.key, times["registration_date"]),
            )
        out.registrations = RecordColumns(RegistrationRecord, registrations)  # type: ignore[assignment]
        _notes(out, webinar, footnotes)
        return out


def _notes(out: ParsedFile, webinar: WebinarRecord, footnotes: int) -> None:
    if footnotes:
        out.notes.append(f"skipped {footnotes} footnote row(s)")
    ident = webinar.platform_webinar_id
    if ident and not _WEBINAR_ID.match(ident):
        out.notes.append(f"webinar ID {ident!r} is neither 9 digits nor '123-456-789'")


def _layout(columns: list[_Columns]) -> str:
    """'sessions' when a person has several rows (one per join), else '2012' (one per person)."""
    seen: set[str] = set()
    for c in columns:
        for person, join in zip(c.persons, c.texts("join_time"), strict=True):
            if not join:
                continue
            if person in seen:
                return "goto-webinar-attendee-sessions"
            seen.add(person)
    return "goto-webinar-attendee-2012"


ADAPTERS = [GoToAttendeeReport(), GoToRegistrantReport()]
