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
from itertools import compress
from typing import Any, TypeVar

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
    header_field,
    languages_of,
    map_distinct,
    map_headers,
    original_name,
    question_field,
    record_from,
    registration_status,
    shared_brackets,
    table_columns,
    table_times,
    webinar_key,
    yes_no,
)
from pipeline.normalize.text import clean_cell, clean_name
from pipeline.normalize.times import (
    local_day,
    not_a_date,
    parse_duration_minutes,
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
_TIME_LABELS = {
    "join_time": "Join Time",
    "leave_time": "Leave Time",
    "registration_time": "Registration Time",
}
_UNSEEN = "\x00unseen"  # no field's name


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


@dataclass(slots=True)
class _Columns(TableColumns):
    """One section's rows a column at a time (:func:`table_columns`).

    Zoom's reports are two thirds of a large series' rows. Read a row at a time,
    each row was a dict of its cells, a dozen calls and a record object, which
    ``to_columns`` then took apart again: about 20 us a row. Read as columns, a
    cleaner runs over a column (once per distinct cell where cells repeat), the
    rules that reject or keep a row run over those columns, and the records'
    columns are picked from them: the same records, a quarter less work.
    """

    table: _Table

    @classmethod
    def of(cls, t: _Table) -> _Columns:
        fields = _headers_with_questions(t.header.cells)
        read = table_columns(fields, t.header.cells, t.rows, _TIME_FIELDS)
        return cls(read.lines, read.known, read.answers, read.times, t)


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
    columns: list[_Columns],
    pre: _Preamble,
    context: ParseContext,
    delimiter: str | None,
    actual: bool,
) -> tuple[list[dict[str, list[datetime | None]]], bool | None, str | None]:
    """Every time cell of the file, section by section (:func:`table_times`), the order
    catalogue-checked against the start the webinar is keyed by (:func:`_start_text`)."""
    start = clean_cell(_start_text(pre, actual))
    by_date = catalogue_order(context, clean_cell(pre.meta.get("webinar_id")), start)
    also = (pre.meta.get("actual_start"), pre.meta.get("scheduled_start"), pre.generated_text)
    languages = _languages([c.table for c in columns], pre)
    return table_times(columns, also, languages, delimiter, by_date, context.timezone)


def _languages(tables: list[_Table], pre: _Preamble) -> set[str]:
    cells = [*pre.labels, *(c for t in tables for c in t.header.cells)]
    return languages_of(cells, PLATFORM)


T = TypeVar("T")


def _registrations(
    c: _Columns,
    keep: list[bool],
    key: str,
    emails: list[str | None],
    names: list[str | None],
    registered: tuple[list[str | None], list[datetime | None]],
    status_texts: list[str | None],
) -> dict[str, list[Any]]:
    """The registration records of the rows ``keep`` marks, as columns in the fields' order.

    ``names`` is each row's ``original_name`` of its user name; the e-mails,
    registration times and status texts come cleaned.
    """
    count = sum(keep)

    def picked(column: Sequence[T]) -> list[T]:
        return list(compress(column, keep))

    first = list(map(clean_name, picked(c.cells("first_name"))))
    last = list(map(clean_name, picked(c.cells("last_name"))))
    sectors = map_distinct(clean_cell, picked(c.cells("sector")))
    industries = map_distinct(clean_cell, picked(c.cells("industry")))
    answers = picked(c.answers) if c.answers is not None else [{} for _ in range(count)]
    return {
        "line": picked(c.lines),
        "webinar_key": [key] * count,
        "email": picked(emails),
        "first_name": first,
        "last_name": last,
        "name": [
            full_name(f, la) or n for f, la, n in zip(first, last, picked(names), strict=True)
        ],
        "registered_at": picked(registered[1]),
        "registered_text": picked(registered[0]),
        "status": map_distinct(registration_status, picked(c.cells("approval_status"))),
        "status_text": picked(status_texts),
        "country": map_distinct(clean_cell, picked(c.cells("country"))),
        "organization": map_distinct(clean_cell, picked(c.cells("organization"))),
        "sector": [s or i for s, i in zip(sectors, industries, strict=True)],
        "job_title": map_distinct(clean_cell, picked(c.cells("job_title"))),
        "answers": answers,
    }


def _sessions(
    c: _Columns,
    keep: list[bool],
    key: str,
    emails: list[str | None],
    names: list[str | None],
    times: dict[str, tuple[list[str | None], list[datetime | None]]],
) -> dict[str, list[Any]]:
    """The session records of the rows ``keep`` marks, as columns in the fields' order."""
    count = sum(keep)

    def picked(column: Sequence[T]) -> list[T]:
        return list(compress(column, keep))

    first, last = picked(c.cells("first_name")), picked(c.cells("last_name"))
    (join_text, join_at), (leave_text, leave_at) = times["join_time"], times["leave_time"]
    return {
        "line": picked(c.lines),
        "webinar_key": [key] * count,
        "role": [c.table.role] * count,
        "name": [
            # The first and last names only where the user name gives none.
            n or full_name(clean_name(f), clean_name(la))
            for n, f, la in zip(picked(names), first, last, strict=True)
        ],
        "email": picked(emails),
        "join_at": picked(join_at),
        "leave_at": picked(leave_at),
        "join_text": picked(join_text),
        "leave_text": picked(leave_text),
        "minutes": map_distinct(parse_duration_minutes, picked(c.cells("minutes"))),
        "country": map_distinct(clean_cell, picked(c.cells("platform_country"))),
        "is_guest": map_distinct(yes_no, picked(c.cells("is_guest"))),
        "section": [c.table.section] * count,
    }


def _names(c: _Columns, shared: frozenset[str]) -> list[str | None]:
    """Each row's name from its 'User Name (Original Name)' cell (:func:`original_name`)."""
    if "user_name" not in c.known:
        return [None] * len(c.lines)
    return [original_name(u, shared) for u in c.known["user_name"]]


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
        # A data row's first cell ('Yes', 'No') is nearly always one seen before.
        first_fields: dict[str, str | None] = {}
        for row in table.rows[start:]:
            if row.is_blank():
                continue
            first = row.cells[0]
            f = first_fields.get(first, _UNSEEN)
            if f is _UNSEEN:
                f = first_fields[first] = _first_field(row)
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
        columns = [_Columns.of(t) for t in tables]
        parsed, dayfirst, order_note = _times(columns, pre, context, table.delimiter, actual=True)
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
        registrations = RecordColumns.empty(RegistrationRecord)
        sessions = RecordColumns.empty(SessionRecord)
        for c, times in zip(columns, parsed, strict=True):
            out.data_rows += len(c.lines)
            regs, sess = self._section(out, webinar.key, c, times, shared)
            extend_columns(registrations, regs)
            extend_columns(sessions, sess)
        out.registrations = RecordColumns(RegistrationRecord, registrations)  # type: ignore[assignment]
        out.sessions = RecordColumns(SessionRecord, sessions)  # type: ignore[assignment]
        if out.data_rows == 0:
            out.notes.append("the report lists no participants")
        return out

    @staticmethod
    def _section(
        out: ParsedFile,
        key: str,
        c: _Columns,
        parsed: dict[str, list[datetime | None]],
        shared: frozenset[str],
    ) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
        """One section's registrations and sessions, as columns; its rejects go to ``out``.

        A row with no e-mail and no name is rejected, then one with a time cell
        that is no date. An attendee row registered when it has a registration
        time, an approval status or says it did not attend (a placeholder such as
        '--' is none: such a row is a walk-in); a row that attended is a session.
        """
        t = c.table
        emails = list(map(clean_cell, c.cells("email")))
        names = _names(c, shared)
        times = {f: c.read_times(f, parsed) for f in _TIME_FIELDS}
        bad = bad_times(times, _TIME_LABELS)
        joins = times["join_time"][0]
        attended = map_distinct(yes_no, c.cells("attended"))
        status_texts = (
            map_distinct(clean_cell, c.cells("approval_status"))
            if t.role == ATTENDEE
            else [None] * len(c.lines)
        )
        registered = times["registration_time"][0]
        firsts, lasts = c.cells("first_name"), c.cells("last_name")
        keep_registration: list[bool] = []
        keep_session: list[bool] = []
        for k, line in enumerate(c.lines):
            if (
                emails[k] is None
                and names[k] is None
                and not (firsts[k].strip() or lasts[k].strip())
            ):
                out.rejects.append(RejectRecord(line, f"{t.section}: no e-mail and no name"))
                keep_registration.append(False)
                keep_session.append(False)
                continue
            if k in bad:
                out.rejects.append(RejectRecord(line, f"{t.section}: {bad[k]}"))
                keep_registration.append(False)
                keep_session.append(False)
                continue
            came = attended[k]
            if came is None:
                came = bool(joins[k])
            keep_registration.append(
                t.role == ATTENDEE and bool(registered[k] or status_texts[k] or came is False)
            )
            keep_session.append(came)
        regs = _registrations(
            c, keep_registration, key, emails, names, times["registration_time"], status_texts
        )
        return regs, _sessions(c, keep_session, key, emails, names, times)


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
        c = _Columns.of(_Table(ATTENDEE, "Registrants", header, body))
        parsed, dayfirst, order_note = _times([c], pre, context, table.delimiter, actual=False)
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
        out.data_rows += len(body)
        emails = list(map(clean_cell, c.cells("email")))
        times = {f: c.read_times(f, parsed[0]) for f in _TIME_FIELDS}
        bad = bad_times(times, _TIME_LABELS)
        firsts, lasts = c.cells("first_name"), c.cells("last_name")
        keep: list[bool] = []
        for k, line in enumerate(c.lines):
            if not emails[k] and not (firsts[k].strip() or lasts[k].strip()):
                out.rejects.append(RejectRecord(line, "registrant with no e-mail and no name"))
                keep.append(False)
            elif k in bad:
                out.rejects.append(RejectRecord(line, bad[k]))
                keep.append(False)
            else:
                keep.append(True)
        names = _names(c, frozenset())
        status_texts = map_distinct(clean_cell, c.cells("approval_status"))
        out.registrations = RecordColumns(  # type: ignore[assignment]
            RegistrationRecord,
            _registrations(
                c, keep, webinar.key, emails, names, times["registration_time"], status_texts
            ),
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
