"""Cisco Webex Meetings / Webinars: the attendance report and the registration report.

Evidence is thin (export-formats.md §3, confidence "low"), so this adapter reads
by column meaning, never by position, and accepts the shapes seen so far:

* the host's "Export attendance report" CSV: 'Meeting Name', 'Meeting Start
  Time', 'Session Name' (breakout rooms come out as separate sessions),
  'Display Name', 'Attendee Email', 'Join Time', 'Leave Time', 'Attendance
  Duration' as text ('20 min', '1 hr 20 min'), 'Role', 'Connection type';
* the Site Administration / Control Hub export, UTF-16LE and tab-delimited
  although named '.csv' (§3, §7.2; the reader decodes it): 'Meeting number',
  'Meeting name', 'Conference ID' (one per occurrence), 'User name', 'Email',
  'Location', 'Join date', 'Start time' (= join), 'End time' (= leave),
  'Duration' (minutes);
* the registration report: 'First Name', 'Last Name', 'Email', 'Registration
  Date', 'Approval Status', 'Source ID' and the form's questions, with the
  meeting named either in columns or in 'Label,value' rows above the table.

One meeting number covers every occurrence of a recurring meeting, so rows
are split into occurrences by 'Conference ID', else by 'Meeting Start Time',
else by the series-local date of the join (DEFINITIONS.md, "Webinar").
Header and role words (en/es/pt/fr) live in ``headers/webex.csv``.

A row whose 'Attended' says No (or with no join time and 0 minutes) is a
person who did not join: not an attendee, so no session (DEFINITIONS.md,
"Attendee"). A session's country is the person's 'Country/Region' answer,
else the platform's 'Location'. Dates that cannot show their day/month order
are read day-first when the headers are not English (§1.5, §7.4).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    HOST,
    PANELIST,
    REGISTRATION,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    RegistrationRecord,
    RejectRecord,
    SessionRecord,
    WebinarRecord,
    header_map,
    languages_of,
    map_headers,
    question_field,
    record_reader,
    registration_status,
    settle_day_order,
    webinar_key,
    yes_no,
)
from pipeline.normalize.text import clean_cell, clean_name, fold
from pipeline.normalize.times import (
    local_day,
    not_a_date,
    parse_columns_utc,
    parse_duration_minutes,
    parse_time_utc,
)
from pipeline.readers.table import Row, SourceTable

PLATFORM = "webex"
_SCAN_ROWS = 40
# Columns no other platform's attendance or registration export has.
_WEBEX_ONLY = frozenset(
    {
        "meeting_name",
        "meeting_number",
        "conference_id",
        "session_name",
        "connection_type",
        "source_id",
    }
)
_MEETING_META = frozenset({"meeting_name", "meeting_number", "meeting_start", "meeting_end"})
_ROLES = {"role_host": HOST, "role_panelist": PANELIST, "role_attendee": ATTENDEE}
# Session names that mean "the main meeting" rather than a breakout room (folded).
_MAIN_SESSION_WORDS = frozenset(
    {
        "main",
        "main session",
        "main room",
        "main meeting",
        "sesion principal",
        "sala principal",
        "sessao principal",
        "session principale",
        "salle principale",
    }
)
# A join cell that is only a clock time ('10:02:00', '2:05 PM'): its date is in 'Join date'.
_CLOCK_ONLY = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?\s*([AaPp]\.?\s?[Mm]\.?)?\s*$")


def _fields(cells: Sequence[str]) -> list[str | None]:
    return map_headers(cells, PLATFORM)


def _is_attendance_header(fields: Sequence[str | None]) -> bool:
    present = set(fields)
    return bool(present & {"email", "name"}) and bool(present & {"join_time", "minutes"})


def _is_registration_header(fields: Sequence[str | None]) -> bool:
    present = set(fields)
    return (
        "email" in present
        and bool(present & {"first_name", "last_name"})
        and bool(present & {"registration_date", "status"})
        and "join_time" not in present
    )


@dataclass(slots=True)
class _Layout:
    kind: str  # 'attendance' | 'registration' | 'foreign'
    header_index: int = -1
    fields: list[str | None] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # 'Label,value' rows above the table
    labels: list[str] = field(default_factory=list)  # the labels of those rows, as written
    foreign: str | None = None  # the cell that proves another platform's file

    @property
    def is_webex(self) -> bool:
        return bool(_WEBEX_ONLY & set(self.fields)) or bool(self.meta)


def _scan(table: SourceTable) -> _Layout | None:
    """Find the header row (and any 'Label,value' rows above it) in the first rows."""
    meta: dict[str, str] = {}
    labels: list[str] = []
    for i, row in enumerate(table.rows[:_SCAN_ROWS]):
        if row.is_blank():
            continue
        fields = _fields(row.cells)
        if "foreign" in fields:
            return _Layout("foreign", foreign=row.cells[fields.index("foreign")].strip())
        if _is_attendance_header(fields):
            return _Layout(ATTENDANCE, i, _headers_with_questions(row.cells), meta, labels)
        if _is_registration_header(fields):
            return _Layout(REGISTRATION, i, _headers_with_questions(row.cells), meta, labels)
        if fields[0] in _MEETING_META:
            value = next((c.strip() for c in row.cells[1:] if c.strip()), "")
            if value:
                meta[fields[0]] = value  # type: ignore[index]
                labels.append(row.cells[0])
    return None


def _headers_with_questions(cells: Sequence[str]) -> list[str | None]:
    """Known Webex columns, then registration questions mapped by keyword (country, sector...)."""
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


@dataclass(slots=True)
class _Record:
    row: Row
    known: dict[str, str | None]
    extra: dict[str, str]


def _body(table: SourceTable, layout: _Layout, what: str) -> list[_Record]:
    header = table.rows[layout.header_index]
    records = []
    read = record_reader(layout.fields, header.cells)
    for row in table.rows[layout.header_index + 1 :]:
        if row.is_blank():
            continue
        known, extra = read(row.cells)
        records.append(_Record(row, known, extra))
    if not records:
        raise NotThisFormat(
            f"the Webex {what} report has its header row (line {header.line}) "
            "but no rows below it (file truncated?)"
        )
    return records


def _with_date(record: _Record, f: str) -> str | None:
    """The time cell, prefixed with 'Join date' when the cell holds a clock time only."""
    text = clean_cell(record.known.get(f))
    day = clean_cell(record.known.get("join_date"))
    if text and day and _CLOCK_ONLY.match(text):
        return f"{day} {text}"
    return text


def _parse_times(
    table: SourceTable,
    layout: _Layout,
    records: list[_Record],
    columns: Sequence[str],
    context: ParseContext,
) -> tuple[
    dict[tuple[int, str], datetime | None], dict[tuple[int, str], str], bool | None, str | None
]:
    """Every time cell to UTC: day/month order decided once per file (§7.4), format per column.

    A value carrying its own zone keeps it; others are read in ``context.timezone``.
    Returns the parsed times, their texts, the order, and the note to add when
    the header language settled it (``settle_day_order``).
    """
    meta = layout.meta
    texts: dict[str, list[tuple[int, str]]] = {f: [] for f in columns}
    for r in records:
        for f in columns:
            value = _with_date(r, f)
            if value:
                texts[f].append((r.row.line, value))
    every = [v for vals in texts.values() for _, v in vals]
    every += [v for k, v in meta.items() if k in ("meeting_start", "meeting_end")]
    dayfirst, note = settle_day_order(every, _languages(table, layout), table.delimiter)
    raw = {(line, f): text for f, vals in texts.items() for line, text in vals}
    parsed = parse_columns_utc(texts, context.timezone, dayfirst)
    _past_midnight(records, parsed)
    return parsed, raw, dayfirst, note


def _past_midnight(records: list[_Record], parsed: dict[tuple[int, str], datetime | None]) -> None:
    """A clock-only leave time before its join time is on the next day.

    The admin export writes one 'Join date' and clock-only start and end
    times: a session from 11:45 PM to 12:20 AM left on the day after the date
    it names (taken as written, it left 23.5 hours before it joined).
    """
    for r in records:
        leave_text = clean_cell(r.known.get("leave_time"))
        if not (leave_text and _CLOCK_ONLY.match(leave_text)):
            continue
        join, leave = parsed.get((r.row.line, "join_time")), parsed.get((r.row.line, "leave_time"))
        if join is not None and leave is not None and leave < join:
            parsed[(r.row.line, "leave_time")] = leave + timedelta(days=1)


def _languages(table: SourceTable, layout: _Layout) -> set[str]:
    return languages_of([*layout.labels, *table.rows[layout.header_index].cells], PLATFORM)


def _one_time(text: str | None, context: ParseContext, dayfirst: bool | None) -> datetime | None:
    return parse_time_utc(text, context.timezone, dayfirst)


def _bad_time(
    record: _Record,
    parsed: dict[tuple[int, str], datetime | None],
    raw: dict[tuple[int, str], str],
    columns: Sequence[str],
) -> str | None:
    labels = {
        "join_time": "Join Time",
        "leave_time": "Leave Time",
        "registration_date": "Registration Date",
        "meeting_start": "Meeting Start Time",
        "meeting_end": "Meeting End Time",
    }
    line = record.row.line
    for f in columns:
        if (line, f) in raw and parsed.get((line, f)) is None:
            return not_a_date(labels[f], raw[(line, f)])
    return None


def _did_not_join(record: _Record, raw: dict[tuple[int, str], str]) -> bool:
    """A no-show: 'Attended' says No, or the row has no join/leave time and 0 minutes.

    Such a person is not an attendee (DEFINITIONS.md, "Attendee"), like Zoom's
    Attended = No rows; the row is neither a session nor an error.
    """
    attended = yes_no(record.known.get("attended"))
    if attended is not None:
        return not attended
    line = record.row.line
    return (
        (line, "join_time") not in raw
        and (line, "leave_time") not in raw
        and parse_duration_minutes(record.known.get("minutes")) == 0
    )


def _name(known: dict[str, str | None]) -> str | None:
    full = clean_cell(known.get("name"))
    if full:
        return full
    parts = (clean_name(known.get("first_name")), clean_name(known.get("last_name")))
    return " ".join(p for p in parts if p) or None


@dataclass(slots=True)
class _Occurrence:
    """The rows of one occurrence of a (possibly recurring) meeting."""

    records: list[_Record]
    start_text: str | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None


def _webinar(
    occ: _Occurrence,
    meta: dict[str, str],
    context: ParseContext,
    *,
    actual: bool,
    fallback_start: datetime | None,
) -> WebinarRecord:
    def first(f: str) -> str | None:
        for r in occ.records:
            value = clean_cell(r.known.get(f))
            if value:
                return value
        return clean_cell(meta.get(f))

    ident, title = first("meeting_number"), first("meeting_name")
    if ident is None and title is None:
        raise NotThisFormat(
            "the Webex report names no meeting: no 'Meeting Name' / 'Meeting "
            "number' column and no such row above the table"
        )
    start = occ.start_at or fallback_start
    duration = None
    if occ.start_at is not None and occ.end_at is not None and occ.end_at >= occ.start_at:
        duration = (occ.end_at - occ.start_at).total_seconds() / 60
    return WebinarRecord(
        key=webinar_key(PLATFORM, ident, title, local_day(start, context.timezone)),
        platform=PLATFORM,
        platform_webinar_id=ident,
        title=title,
        start_at=start,
        duration_minutes=duration,
        start_is_actual=actual,
        start_text=occ.start_text,
        timezone=context.timezone,
    )


def _occurrences(
    records: list[_Record],
    parsed: dict[tuple[int, str], datetime | None],
    raw: dict[tuple[int, str], str],
    context: ParseContext,
) -> tuple[list[_Occurrence], str]:
    """Split rows into occurrences: by Conference ID, else start time, else local join date."""
    by: dict[str, _Occurrence] = {}
    how = "single"
    for r in records:
        line = r.row.line
        conference = clean_cell(r.known.get("conference_id"))
        start = parsed.get((line, "meeting_start"))
        if conference:
            group, how = f"conference:{conference}", "conference_id"
        elif start is not None:
            group, how = f"start:{start.isoformat()}", "meeting_start"
        else:
            # Asked only here: a zone conversion per row was a twentieth of the parse.
            join_day = local_day(parsed.get((line, "join_time")), context.timezone)
            group = f"day:{join_day.isoformat() if join_day else ''}"
            how = "join_date" if join_day else how
        occ = by.setdefault(group, _Occurrence([]))
        occ.records.append(r)
        if start is not None and occ.start_at is None:
            occ.start_at, occ.start_text = start, raw.get((line, "meeting_start"))
        end = parsed.get((line, "meeting_end"))
        if end is not None and occ.end_at is None:
            occ.end_at = end
    return list(by.values()), how


def _main_session(records: list[_Record], title: str | None) -> str | None:
    """Which 'Session Name' is the meeting itself; the others are breakout rooms (§3).

    The main session is the one named like the meeting, left blank, or called
    'Main session' (en/es/pt/fr); failing that, the session with the most
    distinct people (everyone passes through the main room; a breakout holds
    a subset), ties going to the one that started first.
    """
    names = {fold(r.known.get("session_name")) for r in records}
    if len(names) <= 1:
        return next(iter(names), None)
    for candidate in ("", fold(title)):
        if candidate in names:
            return candidate
    for n in names:
        if n in _MAIN_SESSION_WORDS:
            return n
    people: dict[str, set[str]] = defaultdict(set)
    order: dict[str, int] = {}
    for r in records:
        n = fold(r.known.get("session_name"))
        people[n].add(fold(r.known.get("email")) or fold(_name(r.known)))
        order.setdefault(n, r.row.line)
    return max(names, key=lambda n: (len(people[n]), -order[n]))


# Webex gives a guest who did not sign in an address of its own on every join
# ('<uuid>@guest.webex.localhost'; three public readers of Webex reports test for
# it): no one's e-mail, and a new one each time the guest rejoins.
_GUEST_DOMAIN = "@guest.webex.localhost"


class _WebexReport:
    platform = PLATFORM
    kind = ""

    def detect(self, table: SourceTable) -> float:
        layout = _scan(table)
        if layout is None or layout.kind != self.kind:
            return 0.0
        # Without a Webex-only column a plain 'Name, Email, Join Time...' table could be
        # anyone's (Teams activities look the same): stay below the registry's 0.5.
        return 0.9 if layout.is_webex else 0.4

    def _layout(self, table: SourceTable) -> _Layout:
        layout = _scan(table)
        what = "attendance" if self.kind == ATTENDANCE else "registration"
        if layout is None:
            expected = (
                "'Display Name' or 'Email' with 'Join Time' or 'Duration'"
                if self.kind == ATTENDANCE
                else "'First Name', 'Last Name', 'Email' and 'Registration Date'"
            )
            raise NotThisFormat(
                f"no Webex {what} header ({expected}) in the first {_SCAN_ROWS} rows"
            )
        if layout.kind == "foreign":
            raise NotThisFormat(
                f"not a Webex export: {layout.foreign!r} belongs to another platform's report"
            )
        if layout.kind != self.kind:
            article = "an" if what == "attendance" else "a"
            raise NotThisFormat(f"a Webex {layout.kind} report, not {article} {what} report")
        return layout


class WebexAttendanceReport(_WebexReport):
    """Webex attendance: one row per join session, with the participant's role."""

    name = "webex_attendance"
    kind = ATTENDANCE
    _TIMES = ("join_time", "leave_time", "meeting_start", "meeting_end")

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        layout = self._layout(table)
        records = _body(table, layout, "attendance")
        parsed, raw, dayfirst, order_note = _parse_times(
            table, layout, records, self._TIMES, context
        )
        out = ParsedFile(self.name, PLATFORM, ATTENDANCE, _layout_name(table, layout), [])
        out.data_rows = len(records)
        if order_note:
            out.notes.append(order_note)
        good: list[_Record] = []
        no_shows = 0
        for r in records:
            # A no-show's empty or odd times are no error: it makes no session anyway.
            if _did_not_join(r, raw):
                no_shows += 1
            elif reason := self._reject_reason(r, parsed, raw):
                out.rejects.append(RejectRecord(r.row.line, reason))
            else:
                good.append(r)
        if no_shows:
            out.notes.append(
                f"{no_shows} row(s) of people who did not join (Attended = No, or no join "
                "time and 0 minutes): kept in the file, not counted as attendees"
            )
        occurrences, how = _occurrences(good, parsed, raw, context)
        if len(occurrences) > 1:
            out.notes.append(f"{len(occurrences)} occurrences, split by {how}")
        meta_start = _one_time(layout.meta.get("meeting_start"), context, dayfirst)
        unknown_roles: set[str] = set()
        if meta_start is None and any(occ.start_at is None for occ in occurrences):
            out.notes.append("no meeting start time: each occurrence starts at its earliest join")
        for occ in occurrences:
            joins = [t for r in occ.records if (t := parsed.get((r.row.line, "join_time")))]
            webinar = _webinar(
                occ,
                layout.meta,
                context,
                actual=True,
                fallback_start=meta_start or (min(joins) if joins else None),
            )
            if any(w.key == webinar.key for w in out.webinars):
                out.notes.append(f"two occurrences share the key {webinar.key}")
            out.webinars.append(webinar)
            main = _main_session(occ.records, webinar.title)
            for r in occ.records:
                session = fold(r.known.get("session_name"))
                if "session_name" in layout.fields and session != main:
                    out.rejects.append(
                        RejectRecord(
                            r.row.line,
                            f"breakout session {clean_cell(r.known.get('session_name'))!r}"
                            ": only the main session counts (export-formats.md §3)",
                        )
                    )
                    continue
                out.sessions.append(self._session(r, webinar.key, parsed, raw, unknown_roles))
        if unknown_roles:
            out.notes.append(
                "unknown Role value(s) read as attendee: " + ", ".join(sorted(unknown_roles))
            )
        return out

    @staticmethod
    def _reject_reason(
        r: _Record, parsed: dict[tuple[int, str], datetime | None], raw: dict[tuple[int, str], str]
    ) -> str | None:
        if clean_cell(r.known.get("email")) is None and _name(r.known) is None:
            return "no e-mail and no name"
        bad = _bad_time(r, parsed, raw, WebexAttendanceReport._TIMES)
        if bad:
            return bad
        if (r.row.line, "join_time") not in raw and parse_duration_minutes(
            r.known.get("minutes")
        ) is None:
            return "no Join Time and no duration"
        return None

    @staticmethod
    def _session(
        r: _Record,
        key: str,
        parsed: dict[tuple[int, str], datetime | None],
        raw: dict[tuple[int, str], str],
        unknown_roles: set[str],
    ) -> SessionRecord:
        line = r.row.line
        role_text = clean_cell(r.known.get("role"))
        role = ATTENDEE
        if role_text:
            mapped = header_map(PLATFORM).get(fold(role_text))
            if mapped in _ROLES:
                role = _ROLES[mapped]
            else:
                unknown_roles.add(role_text)
        email = clean_cell(r.known.get("email"))
        guest = email is not None and email.lower().endswith(_GUEST_DOMAIN)
        # Positional, in the order of the fields (as zoom._registration explains).
        return SessionRecord(
            line,
            key,
            role,
            _name(r.known),
            None if guest else email,
            parsed.get((line, "join_time")),  # join_at
            parsed.get((line, "leave_time")),  # leave_at
            raw.get((line, "join_time")),  # join_text
            raw.get((line, "leave_time")),  # leave_text
            parse_duration_minutes(r.known.get("minutes")),  # minutes
            # The person's own 'Country/Region' answer first, the platform's
            # 'Location' second (DEFINITIONS.md, "Country").
            clean_cell(r.known.get("country")) or clean_cell(r.known.get("platform_country")),
            True if guest else None,  # is_guest
            clean_cell(r.known.get("session_name")) or role_text,  # section
        )


class WebexRegistrationReport(_WebexReport):
    """Webex registration report: one row per registrant, with the approval status."""

    name = "webex_registration"
    kind = REGISTRATION
    _TIMES = ("registration_date", "meeting_start", "meeting_end")

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        layout = self._layout(table)
        records = _body(table, layout, "registration")
        parsed, raw, dayfirst, order_note = _parse_times(
            table, layout, records, self._TIMES, context
        )
        out = ParsedFile(self.name, PLATFORM, REGISTRATION, _layout_name(table, layout), [])
        out.data_rows = len(records)
        if order_note:
            out.notes.append(order_note)
        good: list[_Record] = []
        for r in records:
            if clean_cell(r.known.get("email")) is None and _name(r.known) is None:
                out.rejects.append(
                    RejectRecord(r.row.line, "registrant with no e-mail and no name")
                )
                continue
            bad = _bad_time(r, parsed, raw, self._TIMES)
            if bad:
                out.rejects.append(RejectRecord(r.row.line, bad))
                continue
            good.append(r)
        meta_start_text = layout.meta.get("meeting_start")
        meta_start = _one_time(meta_start_text, context, dayfirst)
        if meta_start_text and meta_start is None:
            raise NotThisFormat(not_a_date("the meeting start time", meta_start_text))
        # Registrations have no join time: split only by a start-time column (or the preamble).
        groups: dict[datetime | None, _Occurrence] = {}
        for r in good:
            start = parsed.get((r.row.line, "meeting_start"))
            occ = groups.setdefault(
                start,
                _Occurrence(
                    [],
                    raw.get((r.row.line, "meeting_start")) or meta_start_text,
                    start or meta_start,
                ),
            )
            occ.records.append(r)
        for occ in groups.values() or [_Occurrence([], meta_start_text, meta_start)]:
            webinar = _webinar(occ, layout.meta, context, actual=False, fallback_start=None)
            out.webinars.append(webinar)
            for r in occ.records:
                out.registrations.append(self._registration(r, webinar.key, parsed))
        if out.webinars and out.webinars[0].start_at is None:
            out.notes.append("no meeting start time: the webinar key is undated")
        return out

    @staticmethod
    def _registration(
        r: _Record, key: str, parsed: dict[tuple[int, str], datetime | None]
    ) -> RegistrationRecord:
        k = r.known
        status_text = clean_cell(k.get("status"))
        answers = dict(r.extra)
        if clean_cell(k.get("source_id")):
            answers["Source ID"] = clean_cell(k.get("source_id"))  # type: ignore[assignment]
        # Positional, in the order of the fields (as zoom._registration explains).
        return RegistrationRecord(
            r.row.line,
            key,
            clean_cell(k.get("email")),
            clean_name(k.get("first_name")),
            clean_name(k.get("last_name")),
            _name(k),
            parsed.get((r.row.line, "registration_date")),  # registered_at
            clean_cell(k.get("registration_date")),  # registered_text
            registration_status(status_text),  # status
            status_text,
            clean_cell(k.get("country")),
            clean_cell(k.get("organization")),
            clean_cell(k.get("sector")),
            clean_cell(k.get("job_title")),
            answers,
        )


def _layout_name(table: SourceTable, layout: _Layout) -> str:
    """'admin' for the UTF-16 tab-separated Site Administration export, else 'host'."""
    source = "admin" if table.encoding.startswith("utf-16") and table.delimiter == "\t" else "host"
    return f"webex-{layout.kind}-{source}"


ADAPTERS = [WebexAttendanceReport(), WebexRegistrationReport()]
