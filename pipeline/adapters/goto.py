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

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    HOST,
    PANELIST,
    REGISTRATION,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    Record,
    RegistrationRecord,
    RejectRecord,
    SessionRecord,
    WebinarRecord,
    catalogue_order,
    full_name,
    languages_of,
    map_headers,
    may_name,
    question_field,
    record_reader,
    registration_status,
    settle_day_order,
    time_cells,
    webinar_key,
    yes_no,
)
from pipeline.normalize.text import clean_cell, clean_name, fold
from pipeline.normalize.times import (
    local_day,
    not_a_date,
    parse_duration_minutes,
    parse_sections_utc,
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
    cells = row.trimmed()
    return len([c for c in cells if c.strip()]) == 1 and row.first().startswith("*")


def _tables(table: SourceTable, start: int, default: tuple[str, str]) -> tuple[list[_Table], int]:
    """Split the body into sections; a table with no marker above it gets ``default``.

    Returns the tables and how many footnote rows were skipped.
    """
    tables: list[_Table] = []
    current: _Table | None = None
    pending: tuple[str, str] | None = None
    footnotes = 0
    for row in table.rows[start:]:
        if row.is_blank():
            continue
        if _is_footnote(row):
            footnotes += 1
            continue
        # Most rows are data: the screens skip looking up their cells (may_name).
        head = _head(row) if may_name((row.first(),), PLATFORM, _SECTION_FIELDS) else None
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


def _times(
    tables: list[_Table], pre: _Preamble, context: ParseContext, delimiter: str | None
) -> tuple[dict[tuple[int, str], datetime | None], bool | None, str | None]:
    """Every time cell of the file, to UTC: one day/month order per file, one format per
    column (and per table where a table writes its own: ``parse_sections_utc``).

    A value's own zone ('EDT', 'GMT-5') wins over ``context.timezone`` (§2, §7.4).
    Also returns the note to add when the header language or the delimiter settled
    the order (``settle_day_order``).
    """
    sections = [time_cells(t.fields, t.rows, _TIME_FIELDS) for t in tables]
    every = [v for section in sections for cells in section.values() for _, v in cells]
    every += [
        v
        for k in ("actual_start", "scheduled_start", "generated")
        if (v := clean_cell(pre.meta.get(k)))
    ]
    languages = languages_of([c for t in tables for c in t.header.cells], PLATFORM)
    start = clean_cell(pre.meta.get("actual_start")) or clean_cell(pre.meta.get("scheduled_start"))
    by_date = catalogue_order(context, clean_cell(pre.meta.get("webinar_id")), start)
    dayfirst, note = settle_day_order(every, languages, delimiter, by_date)
    return parse_sections_utc(sections, context.timezone, dayfirst), dayfirst, note


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
    order = ("actual_start", "scheduled_start") if actual else ("scheduled_start", "actual_start")
    start_field = next((f for f in order if clean_cell(pre.meta.get(f))), None)
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


def _bad_time(
    known: dict[str, str | None], parsed: dict[tuple[int, str], datetime | None], line: int
) -> str | None:
    for f, label in (
        ("join_time", "Join Time"),
        ("leave_time", "Leave Time"),
        ("registration_date", "Registration Date"),
    ):
        text = clean_cell(known.get(f))
        if text and parsed.get((line, f)) is None:
            return not_a_date(label, text)
    return None


def _full_name(known: dict[str, str | None]) -> str | None:
    first, last = clean_name(known.get("first_name")), clean_name(known.get("last_name"))
    return full_name(first, last) or None


def _registration(
    line: int, key: str, known: dict[str, str | None], extra: dict[str, str], when: datetime | None
) -> RegistrationRecord:
    status_text = clean_cell(known.get("status"))
    # Positional, in the order of the fields (as zoom._registration explains).
    return RegistrationRecord(
        line,
        key,
        clean_cell(known.get("email")),
        clean_name(known.get("first_name")),
        clean_name(known.get("last_name")),
        _full_name(known),  # name
        when,  # registered_at
        clean_cell(known.get("registration_date")),  # registered_text
        # A person listed in an attendee report registered; GoTo 'Registered' is approved
        # (DEFINITIONS.md, "Registrant"): no status column means approved.
        registration_status(status_text),  # status
        status_text,
        clean_cell(known.get("country")),
        clean_cell(known.get("organization")),
        clean_cell(known.get("sector")) or clean_cell(known.get("industry")),  # sector
        clean_cell(known.get("job_title")),
        extra,  # answers
    )


def _person_key(known: dict[str, str | None]) -> str:
    email = clean_cell(known.get("email"))
    return email.lower() if email else "name:" + fold(_full_name(known))


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
        parsed, dayfirst, order_note = _times(tables, pre, context, table.delimiter)
        webinar = _webinar(pre, context, dayfirst, actual=True)
        out = ParsedFile(
            self.name,
            PLATFORM,
            ATTENDANCE,
            _layout(tables),
            [webinar],
            generated_at=_one_time(
                clean_cell(pre.meta.get("generated")), context, dayfirst, "report generation time"
            ),
        )
        if order_note:
            out.notes.append(order_note)
        _notes(out, webinar, footnotes)
        registered: set[str] = set()
        for t in tables:
            read = record_reader(t.fields, t.header.cells)
            for row in t.rows:
                out.data_rows += 1
                self._row(out, webinar.key, t, row, read(row.cells), parsed, registered)
        if out.data_rows == 0:
            out.notes.append("the report lists no participants")
        return out

    @staticmethod
    def _row(
        out: ParsedFile,
        key: str,
        t: _Table,
        row: Row,
        record: Record,
        parsed: dict[tuple[int, str], datetime | None],
        registered: set[str],
    ) -> None:
        # record_reader skips columns with an empty header: GoTo's spacer after 'Attended'.
        known, extra = record
        email, name = clean_cell(known.get("email")), _full_name(known)
        if email is None and name is None:
            out.rejects.append(RejectRecord(row.line, f"{t.section}: no e-mail and no name"))
            return
        bad = _bad_time(known, parsed, row.line)
        if bad:
            out.rejects.append(RejectRecord(row.line, f"{t.section}: {bad}"))
            return
        has_join = bool(clean_cell(known.get("join_time")))
        attended = yes_no(known.get("attended"))
        role, section = t.role, t.section
        if (
            role == ATTENDEE
            and attended is None
            and "interest_rating" in t.fields
            and not clean_cell(known.get("interest_rating"))
            and has_join
        ):
            # Staff rows: no Attended value and no interest rating (§2). GoTo does not say
            # whether they are organisers or panelists; staff (HOST) never counts as audience.
            role, section = HOST, f"{t.section} (staff row)"
        if attended is None:
            attended = has_join
        person = _person_key(known)
        wants_registration = role == ATTENDEE and (
            known.get("registration_date") or known.get("status") or attended is False
        )
        if wants_registration and person not in registered:
            # One registration per person: current GoTo repeats the person on every join row.
            registered.add(person)
            out.registrations.append(
                _registration(
                    row.line, key, known, extra, parsed.get((row.line, "registration_date"))
                )
            )
        if not attended:
            return
        # Positional, in the order of the fields (as zoom._registration explains).
        out.sessions.append(
            SessionRecord(
                row.line,
                key,
                role,
                name,
                email,
                parsed.get((row.line, "join_time")),  # join_at
                parsed.get((row.line, "leave_time")),  # leave_at
                clean_cell(known.get("join_time")),  # join_text
                clean_cell(known.get("leave_time")),  # leave_text
                parse_duration_minutes(known.get("minutes")),  # minutes
                # GoTo has no geolocation column: 'Country' is the registration form's answer,
                # carried here too so an attendee without a registration keeps it.
                clean_cell(known.get("country")),  # country
                None,  # is_guest
                section,
            )
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
        parsed, dayfirst, order_note = _times(tables, pre, context, table.delimiter)
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
        for t in tables:
            read = record_reader(t.fields, t.header.cells)
            for row in t.rows:
                out.data_rows += 1
                known, extra = read(row.cells)
                if not clean_cell(known.get("email")) and not _full_name(known):
                    out.rejects.append(
                        RejectRecord(row.line, "registrant with no e-mail and no name")
                    )
                    continue
                bad = _bad_time(known, parsed, row.line)
                if bad:
                    out.rejects.append(RejectRecord(row.line, bad))
                    continue
                out.registrations.append(
                    _registration(
                        row.line,
                        webinar.key,
                        known,
                        extra,
                        parsed.get((row.line, "registration_date")),
                    )
                )
        _notes(out, webinar, footnotes)
        return out


def _notes(out: ParsedFile, webinar: WebinarRecord, footnotes: int) -> None:
    if footnotes:
        out.notes.append(f"skipped {footnotes} footnote row(s)")
    ident = webinar.platform_webinar_id
    if ident and not _WEBINAR_ID.match(ident):
        out.notes.append(f"webinar ID {ident!r} is neither 9 digits nor '123-456-789'")


def _layout(tables: list[_Table]) -> str:
    """'sessions' when a person has several rows (one per join), else '2012' (one per person)."""
    seen: set[str] = set()
    for t in tables:
        read = record_reader(t.fields, t.header.cells)
        for row in t.rows:
            known, _ = read(row.cells)
            if not clean_cell(known.get("join_time")):
                continue
            person = _person_key(known)
            if person in seen:
                return "goto-webinar-attendee-sessions"
            seen.add(person)
    return "goto-webinar-attendee-2012"


ADAPTERS = [GoToAttendeeReport(), GoToRegistrantReport()]
