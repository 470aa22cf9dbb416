"""Zoom Webinars: the Attendee Report and the Registration Report.

Both are stacked tables in one CSV (export-formats.md §1.1–1.2): a title row
('Attendee Report', padded with 0, 1 or N commas), a 'Report Generated' row,
a metadata header (Topic, Webinar ID, start time, ...) with its values row,
then sections ('Host Details', 'Panelist Details', 'Attendee Details',
'Other Attended'), each with its own header row. Only the section tells a
host from a panelist from an attendee. Rows are join sessions: one person can
have several. Attended=No rows are registrants who never joined, with '--'
placeholders. Custom registration questions can sit anywhere in the header.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
    header_field,
    languages_of,
    map_headers,
    original_name,
    question_field,
    record_from,
    record_reader,
    registration_status,
    settle_day_order,
    shared_brackets,
    time_cells,
    webinar_key,
    yes_no,
)
from pipeline.normalize.text import clean_cell, clean_name
from pipeline.normalize.times import (
    local_day,
    not_a_date,
    parse_duration_minutes,
    parse_sections_utc,
    parse_time_utc,
)
from pipeline.readers.table import Row, SourceTable

PLATFORM = "zoom"
_SECTION_ROLES = {
    "section_host": (HOST, "Host Details"),
    "section_panelist": (PANELIST, "Panelist Details"),
    "section_attendee": (ATTENDEE, "Attendee Details"),
    "section_other": (ATTENDEE, "Other Attended"),
}
_TIME_FIELDS = ("join_time", "leave_time", "registration_time")
# A time cell of a row: its text, cleaned, and the time read from it (naive UTC).
_TimeCell = tuple[str | None, datetime | None]


def _first_field(row: Row) -> str | None:
    """The field the row's first cell names (asked of every row, to find the sections)."""
    return header_field(row.first(), PLATFORM) if row.cells else None


@dataclass(slots=True)
class _Preamble:
    title: str | None  # 'title_attendee' | 'title_registration'
    generated_text: str | None
    meta: dict[str, str | None]
    body_start: int  # index of the first row after the metadata values
    labels: tuple[str, ...] = ()  # the metadata block's header cells, as written


def _preamble(table: SourceTable) -> _Preamble | None:
    """Title, generated-at and the metadata block; None when the file has no Zoom preamble."""
    title = generated = None
    rows = table.rows
    for i, row in enumerate(rows[:40]):
        if row.is_blank():
            continue
        f = _first_field(row)
        if f in ("title_attendee", "title_registration") and title is None:
            title = f
        elif f == "generated_at":
            rest = [c for c in row.cells[1:] if c.strip()]
            generated = rest[0] if rest else None
        elif f == "topic":
            fields = map_headers(row.cells, PLATFORM)
            if "webinar_id" not in fields:
                return None
            j = i + 1
            while j < len(rows) and rows[j].is_blank():
                j += 1
            if j >= len(rows):
                raise NotThisFormat("the metadata header has no values row (file truncated?)")
            known, _ = record_from(rows[j].cells, fields, row.cells)
            return _Preamble(title, generated, known, j + 1, tuple(row.cells))
    return None


class _ZoomWebinarReport:
    platform = PLATFORM
    title_field = ""

    def detect(self, table: SourceTable) -> float:
        try:
            pre = _preamble(table)
        except NotThisFormat:
            return 0.8  # a Zoom preamble cut short: claim it, so parse() explains what is wrong
        if pre is None:
            return 0.0
        if pre.title == self.title_field:
            return 0.95
        if pre.title is None and self._body_looks_right(table, pre):
            return 0.7
        return 0.0

    def _body_looks_right(self, table: SourceTable, pre: _Preamble) -> bool:
        raise NotImplementedError

    @staticmethod
    def _webinar(
        pre: _Preamble,
        table: SourceTable,
        context: ParseContext,
        *,
        actual: bool,
        dayfirst: bool | None,
    ) -> WebinarRecord:
        duration_field = "actual_duration" if actual else "scheduled_duration"
        start_text = _start_text(pre, actual)
        start_utc = parse_time_utc(start_text, context.timezone, dayfirst)
        if start_text and start_utc is None:
            raise NotThisFormat(not_a_date("the webinar start time", start_text))
        ident = clean_cell(pre.meta.get("webinar_id"))
        title = clean_cell(pre.meta.get("topic"))
        if ident is None and title is None:
            raise NotThisFormat("the metadata block names neither a topic nor a webinar ID")
        # 'Duration (minutes)' (scheduled) and 'Duration (Minutes)' (a session's) fold alike.
        duration = parse_duration_minutes(pre.meta.get(duration_field) or pre.meta.get("minutes"))
        return WebinarRecord(
            key=webinar_key(PLATFORM, ident, title, local_day(start_utc, context.timezone)),
            platform=PLATFORM,
            platform_webinar_id=ident,
            title=title,
            start_at=start_utc,
            duration_minutes=duration,
            start_is_actual=actual and bool(pre.meta.get("actual_start")),
            start_text=start_text,
            timezone=context.timezone,
        )

    @staticmethod
    def _generated(pre: _Preamble, context: ParseContext, dayfirst: bool | None) -> datetime | None:
        return parse_time_utc(pre.generated_text, context.timezone, dayfirst)


@dataclass(slots=True)
class _Table:
    """One section's header and data rows."""

    role: str
    section: str
    header: Row
    rows: list[Row]


def _headers_with_questions(cells: Sequence[str]) -> list[str | None]:
    """Known Zoom columns, then custom questions mapped by keyword (country, sector...)."""
    fields = map_headers(cells, PLATFORM)
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


def _start_text(pre: _Preamble, actual: bool) -> str | None:
    """The webinar's start as the report writes it: the actual start in an attendee
    report, the scheduled one in a registration report, else whichever it has."""
    first = "actual_start" if actual else "scheduled_start"
    return pre.meta.get(first) or pre.meta.get("actual_start") or pre.meta.get("scheduled_start")


def _times(
    tables: list[_Table],
    pre: _Preamble,
    context: ParseContext,
    delimiter: str | None,
    actual: bool,
) -> tuple[dict[tuple[int, str], datetime | None], bool | None, str | None]:
    """Parse every time cell of the file: one day/month order per file, one format per column
    (and per section where a section writes its own: :func:`parse_sections_utc`).

    Also returns the note to add when the header language or the delimiter settled the order.
    """
    sections = [
        time_cells(_headers_with_questions(t.header.cells), t.rows, _TIME_FIELDS) for t in tables
    ]
    every = [v for section in sections for cells in section.values() for _, v in cells]
    every += [
        v
        for v in (pre.meta.get("actual_start"), pre.meta.get("scheduled_start"), pre.generated_text)
        if v
    ]
    start = clean_cell(_start_text(pre, actual))
    by_date = catalogue_order(context, clean_cell(pre.meta.get("webinar_id")), start)
    dayfirst, note = settle_day_order(every, _languages(tables, pre), delimiter, by_date)
    return parse_sections_utc(sections, context.timezone, dayfirst), dayfirst, note


def _languages(tables: list[_Table], pre: _Preamble) -> set[str]:
    cells = [*pre.labels, *(c for t in tables for c in t.header.cells)]
    return languages_of(cells, PLATFORM)


def _registration(
    line: int,
    key: str,
    known: dict[str, str | None],
    extra: dict[str, str],
    email: str | None,
    registered: _TimeCell,
    status_text: str | None,
    shared: frozenset[str] = frozenset(),
) -> RegistrationRecord:
    """A registrant's record; the cells the caller has already cleaned are passed in."""
    first, last = clean_name(known.get("first_name")), clean_name(known.get("last_name"))
    # Positional, in the order of the fields (test_records_keep_their_field_order): with
    # 15 keywords, building the record took 1.8 us instead of 0.6, for every registrant.
    return RegistrationRecord(
        line,
        key,
        email,
        first,
        last,
        full_name(first, last) or original_name(known.get("user_name"), shared),  # name
        registered[1],  # registered_at
        registered[0],  # registered_text
        registration_status(known.get("approval_status")),  # status
        status_text,
        clean_cell(known.get("country")),
        clean_cell(known.get("organization")),
        clean_cell(known.get("sector")) or clean_cell(known.get("industry")),  # sector
        clean_cell(known.get("job_title")),
        extra,  # answers
    )


def _row_times(
    known: dict[str, str | None], parsed: dict[tuple[int, str], datetime | None], line: int
) -> tuple[_TimeCell, _TimeCell, _TimeCell]:
    """The row's join, leave and registration times, each cell cleaned once.

    The check for unreadable times, the records' texts and the test of whether a
    row registered all read them: cleaning each again for each use made ~20
    clean_cell calls of an attendee row instead of ~12. A cell cleaned to
    nothing was never given to the time parsers (``time_cells``): it has no time.
    """
    join = clean_cell(known.get("join_time"))
    leave = clean_cell(known.get("leave_time"))
    registered = clean_cell(known.get("registration_time"))
    return (
        (join, parsed.get((line, "join_time")) if join else None),
        (leave, parsed.get((line, "leave_time")) if leave else None),
        (registered, parsed.get((line, "registration_time")) if registered else None),
    )


def _bad_time(times: tuple[_TimeCell, _TimeCell, _TimeCell]) -> str | None:
    """Why the row's first time cell that holds text but no time is not a date, if one does.

    Spelled out: a loop over the cells and their labels took 0.6 us a row, this 0.1.
    """
    (join, join_at), (leave, leave_at), (registered, registered_at) = times
    if join and join_at is None:
        return not_a_date("Join Time", join)
    if leave and leave_at is None:
        return not_a_date("Leave Time", leave)
    if registered and registered_at is None:
        return not_a_date("Registration Time", registered)
    return None


class ZoomAttendeeReport(_ZoomWebinarReport):
    """Reports > Webinar > Attendee report, 2021-style and 2025-style layouts."""

    name = "zoom_webinar_attendee"
    title_field = "title_attendee"

    def _body_looks_right(self, table: SourceTable, pre: _Preamble) -> bool:
        return any(_first_field(r) in _SECTION_ROLES for r in table.rows[pre.body_start :])

    def _sections(self, table: SourceTable, start: int) -> list[_Table]:
        tables: list[_Table] = []
        current: _Table | None = None
        pending: tuple[str, str] | None = None
        for row in table.rows[start:]:
            if row.is_blank():
                continue
            f = _first_field(row)
            if f in _SECTION_ROLES:
                pending = _SECTION_ROLES[f]
                current = None
                continue
            if pending is not None:
                fields = map_headers(row.cells, PLATFORM)
                if "email" not in fields and "user_name" not in fields:
                    raise NotThisFormat(
                        f"line {row.line}: the '{pending[1]}' section has no "
                        f"header row (expected 'Attended', 'User Name', 'Email'...)"
                    )
                current = _Table(pending[0], pending[1], row, [])
                tables.append(current)
                pending = None
                continue
            if current is not None:
                current.rows.append(row)
        return tables

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        pre = _preamble(table)
        if pre is None:
            raise NotThisFormat("no Zoom metadata block (Topic, Webinar ID, ...) was found")
        tables = self._sections(table, pre.body_start)
        if not tables:
            raise NotThisFormat(
                "no 'Host/Panelist/Attendee Details' section was found (file truncated?)"
            )
        parsed, dayfirst, order_note = _times(tables, pre, context, table.delimiter, actual=True)
        webinar = self._webinar(pre, table, context, actual=True, dayfirst=dayfirst)
        out = ParsedFile(
            self.name,
            PLATFORM,
            ATTENDANCE,
            "zoom-webinar-attendee-" + _layout(table),
            [webinar],
            generated_at=self._generated(pre, context, dayfirst),
        )
        if order_note:
            out.notes.append(order_note)
        shared = shared_brackets(_user_names(tables))
        for t in tables:
            read = record_reader(_headers_with_questions(t.header.cells), t.header.cells)
            out.data_rows += len(t.rows)
            for row in t.rows:
                self._row(out, webinar.key, t, row, read(row.cells), parsed, shared)
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
        shared: frozenset[str],
    ) -> None:
        known, extra = record
        email = clean_cell(known.get("email"))
        name = original_name(known.get("user_name"), shared)
        if (
            email is None
            and name is None
            and not (known.get("first_name") or known.get("last_name"))
        ):
            out.rejects.append(RejectRecord(row.line, f"{t.section}: no e-mail and no name"))
            return
        times = _row_times(known, parsed, row.line)
        bad = _bad_time(times)
        if bad:
            out.rejects.append(RejectRecord(row.line, f"{t.section}: {bad}"))
            return
        (join_text, join_at), (leave_text, leave_at), registered = times
        attended = yes_no(known.get("attended"))
        if attended is None:
            attended = bool(join_text)
        if t.role == ATTENDEE:
            status_text = clean_cell(known.get("approval_status"))
            # A placeholder ('--', 'NA') is no registration: such a row is a walk-in.
            if registered[0] or status_text or attended is False:
                out.registrations.append(
                    _registration(
                        row.line, key, known, extra, email, registered, status_text, shared
                    )
                )
        if not attended:
            return
        # Positional, in the order of the fields, as in _registration.
        out.sessions.append(
            SessionRecord(
                row.line,
                key,
                t.role,
                name
                or full_name(
                    clean_name(known.get("first_name")), clean_name(known.get("last_name"))
                ),
                email,
                join_at,
                leave_at,
                join_text,
                leave_text,
                parse_duration_minutes(known.get("minutes")),  # minutes
                clean_cell(known.get("platform_country")),  # country
                yes_no(known.get("is_guest")),  # is_guest
                t.section,
            )
        )


class ZoomRegistrationReport(_ZoomWebinarReport):
    """Reports > Webinar > Registration report: one row per registrant."""

    name = "zoom_webinar_registration"
    title_field = "title_registration"

    @staticmethod
    def _header_index(table: SourceTable, start: int) -> int | None:
        for i in range(start, len(table.rows)):
            fields = set(map_headers(table.rows[i].cells, PLATFORM))
            if "email" in fields and fields & {
                "first_name",
                "registration_time",
                "approval_status",
            }:
                return i
        return None

    def _body_looks_right(self, table: SourceTable, pre: _Preamble) -> bool:
        no_sections = not any(
            _first_field(r) in _SECTION_ROLES for r in table.rows[pre.body_start :]
        )
        return no_sections and self._header_index(table, pre.body_start) is not None

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        pre = _preamble(table)
        if pre is None:
            raise NotThisFormat("no Zoom metadata block (Topic, Webinar ID, ...) was found")
        h = self._header_index(table, pre.body_start)
        if h is None:
            raise NotThisFormat(
                "no registrant table (First Name, Email, Registration Time...) "
                "was found (file truncated?)"
            )
        header = table.rows[h]
        body = [r for r in table.rows[h + 1 :] if not r.is_blank()]
        t = _Table(ATTENDEE, "Registrants", header, body)
        parsed, dayfirst, order_note = _times([t], pre, context, table.delimiter, actual=False)
        webinar = self._webinar(pre, table, context, actual=False, dayfirst=dayfirst)
        out = ParsedFile(
            self.name,
            PLATFORM,
            REGISTRATION,
            "zoom-webinar-registration-" + _layout(table),
            [webinar],
            generated_at=self._generated(pre, context, dayfirst),
        )
        if order_note:
            out.notes.append(order_note)
        read = record_reader(_headers_with_questions(header.cells), header.cells)
        out.data_rows += len(body)
        for row in body:
            known, extra = read(row.cells)
            email = clean_cell(known.get("email"))
            if not email and not (known.get("first_name") or known.get("last_name")):
                out.rejects.append(RejectRecord(row.line, "registrant with no e-mail and no name"))
                continue
            times = _row_times(known, parsed, row.line)
            bad = _bad_time(times)
            if bad:
                out.rejects.append(RejectRecord(row.line, bad))
                continue
            status_text = clean_cell(known.get("approval_status"))
            out.registrations.append(
                _registration(row.line, webinar.key, known, extra, email, times[2], status_text)
            )
        return out


def _user_names(tables: list[_Table]) -> Iterator[str]:
    """Every 'User Name (Original Name)' cell of the file's sections."""
    for t in tables:
        fields = map_headers(t.header.cells, PLATFORM)
        if "user_name" in fields:
            i = fields.index("user_name")
            yield from (r.cells[i] for r in t.rows if i < len(r.cells))


def _layout(table: SourceTable) -> str:
    """'2025' when rows are padded with commas to the table width, else '2021'."""
    first = next((r for r in table.rows if not r.is_blank()), None)
    return "2025" if first is not None and len(first.cells) > 2 else "2021"


ADAPTERS = [ZoomAttendeeReport(), ZoomRegistrationReport()]
