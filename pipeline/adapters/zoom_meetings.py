"""Zoom Meetings: the participants export (Reports > Usage > Participants > Export).

One flat table, one row per join session (export-formats.md §1.4). Known layouts:

- With "Export with meeting data" ticked, a 7-column meeting block comes first
  (``Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants``)
  with its values row, then in one version an all-comma blank row, then the
  participant header. Without it the participant header is the first row. The
  newer block reads ``Topic,ID,Host,Duration (minutes),Start time,End time,
  Participants``: no ``User Email``, the host written "Name (email)" in ``Host``
  (real exports read by three public repositories).
- The participant header drifted: ``Recording Consent`` (~2021), ``In Waiting
  Room`` added (2024), ``Recording Disclaimer Response`` (2022–23), sentence case
  with ``Email`` (2024+), "unique users" with ``Total Duration (Minutes)`` and no
  join/leave, and Spanish/German translations (§1.5). All of this is data, in
  ``headers/zoom.csv``.
- The admin "export with meeting data" flat table repeats the meeting columns
  on every row, so header names repeat (two ``User Email``, two ``Duration
  (Minutes)``): the first belongs to the meeting (its host), the second to the
  participant. Rows may cover several meetings.

Zoom webinars can come out in this same shape (§1.1, "Another shape for the
same webinar"), so the webinar key is built exactly as for the attendee report:
``webinar_key("zoom", id, topic, local date)``.

There is no role column: the host is the meeting block's ``User Email`` or
``Host``; everyone else, panelists included, is an attendee. A file that names
no host says so in a note, since its host is then counted among the attendees.
Rows of people left in the waiting room (``In Waiting Room = Yes``) are not
attendance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    HOST,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    RejectRecord,
    SessionRecord,
    WebinarRecord,
    catalogue_order,
    header_field,
    languages_of,
    original_name,
    settle_day_order,
    shared_brackets,
    split_bracket,
    webinar_key,
    yes_no,
)
from pipeline.normalize.text import clean_cell, fold, normalize_email
from pipeline.normalize.times import (
    local_day,
    not_a_date,
    parse_duration_minutes,
    parse_times_utc,
)
from pipeline.readers.table import Row, SourceTable

PLATFORM = "zoom"
SECTION = "Participants"

# Columns that describe the meeting, never a participant. In the admin flat
# table everything up to the last of them is the meeting's (host's) part.
_MEETING_FIELDS = frozenset(
    {
        "meeting_id",
        "webinar_id",
        "topic",
        "scheduled_start",
        "end_time",
        "participants_count",
        "creation_time",
        "department",
        "group",
        "has_zoom_rooms",
        "host",
    }
)
_ID_FIELDS = ("meeting_id", "webinar_id")
# The Zoom webinar attendee/registration reports share 'User Name', 'Join Time'...
# but always have these; a participants export never does.
_WEBINAR_REPORT_FIELDS = frozenset({"attended", "approval_status", "registration_time"})


@dataclass(slots=True)
class _Header:
    """A header row split into its meeting part and its participant part."""

    meeting: dict[str, int] = field(default_factory=dict)  # field -> column
    person: dict[str, int] = field(default_factory=dict)
    languages: set[str] = field(default_factory=set)

    @property
    def is_block(self) -> bool:
        """The 7-column meeting block: meeting columns only."""
        has_id = any(f in self.meeting for f in _ID_FIELDS)
        return has_id and "topic" in self.meeting and not self.person

    @property
    def is_participants(self) -> bool:
        p = self.person
        return (
            "user_name" in p
            and ("join_time" in p or "total_minutes" in p)
            and not _WEBINAR_REPORT_FIELDS & (p.keys() | self.meeting.keys())
        )

    @property
    def is_flat(self) -> bool:
        return self.is_participants and any(f in self.meeting for f in _ID_FIELDS)


def _split_header(cells: tuple[str, ...]) -> _Header:
    """Map a header row; columns up to the last meeting-only column are the meeting's.

    This is what resolves the admin table's duplicate names (§1.4): the first
    'User Email' sits among the meeting columns (the host), the second after
    'Participants' (the participant).
    """
    fields = [header_field(c, PLATFORM) for c in cells]
    meeting_cols = [i for i, f in enumerate(fields) if f in _MEETING_FIELDS]
    split = meeting_cols[-1] + 1 if meeting_cols else 0
    out = _Header()
    out.languages = languages_of(cells, PLATFORM)
    for i, f in enumerate(fields):
        if f:
            (out.meeting if i < split else out.person).setdefault(f, i)
    return out


def _cell(row: Row, index: int | None) -> str | None:
    if index is None or index >= len(row.cells):
        return None
    return clean_cell(row.cells[index])


@dataclass(slots=True)
class _Layout:
    header_index: int  # index in table.rows of the participant header
    header: _Header
    block: tuple[_Header, Row] | None = None  # the meeting block's header and values

    @property
    def name(self) -> str:
        shape = (
            "admin-flat"
            if self.header.is_flat
            else ("meeting-block" if self.block else "no-meeting-block")
        )
        parts = ["zoom-participants", shape]
        if "total_minutes" in self.header.person:
            parts.append("unique-users")
        if "in_waiting_room" in self.header.person:
            parts.append("waiting-room")
        langs = sorted(self.header.languages - {"en"})
        parts.append("-".join(langs) if langs else "en")
        return "-".join(parts)


def _layout(table: SourceTable) -> _Layout | None:
    """Where the participant table starts; None when the file is not this export.

    Only the first non-blank row is looked at: Zoom writes either the meeting
    block or the participant header there, never a title. This also keeps the
    webinar attendee report (title row, then sections) out. Raises
    NotThisFormat for a meeting block that is cut short.
    """
    rows = table.rows
    first = next((i for i, r in enumerate(rows) if not r.is_blank()), None)
    if first is None:
        return None
    head = _split_header(rows[first].cells)
    if head.is_participants:
        return _Layout(first, head)
    if not head.is_block:
        return None
    values = next((i for i in range(first + 1, len(rows)) if not rows[i].is_blank()), None)
    if values is None:
        raise NotThisFormat(
            "the meeting block (Meeting ID, Topic, Start Time...) has no "
            "values row (file truncated?)"
        )
    nxt = next((i for i in range(values + 1, len(rows)) if not rows[i].is_blank()), None)
    if nxt is None:
        raise NotThisFormat(
            "the meeting block is not followed by a participant table "
            "(Name (Original Name), User Email, Join Time...): file truncated?"
        )
    person = _split_header(rows[nxt].cells)
    if not person.is_participants:
        raise NotThisFormat(
            f"line {rows[nxt].line}: expected the participant header "
            f"(Name (Original Name), User Email, Join Time...) after the "
            f"meeting block, found {rows[nxt].first()!r}"
        )
    return _Layout(nxt, person, (head, rows[values]))


@dataclass(slots=True)
class _Meeting:
    ident: str | None
    topic: str | None
    start_text: str | None
    end_text: str | None
    duration_text: str | None
    host_email: str | None
    host_name: str | None
    line: int


def _host_name_email(text: str | None) -> tuple[str | None, str | None]:
    """Split the newer block's 'Host' cell, 'Ana Host (ana@org.org)'.

    That block has no 'User Email' column, so this cell is the only way to tell
    the host's own participant row from the attendees'. A cell without an
    address in brackets is a bare address or a bare name.
    """
    if text is None:
        return None, None
    parts = split_bracket(text)
    if parts is not None and normalize_email(parts[1]):
        return parts[0] or None, parts[1]
    if normalize_email(text):
        return None, text
    return text, None


def _meeting(head: _Header, row: Row) -> _Meeting:
    m = head.meeting
    ident = _cell(row, m.get("meeting_id"))
    if ident is None:
        ident = _cell(row, m.get("webinar_id"))
    host_name, host_email = _host_name_email(_cell(row, m.get("host")))
    return _Meeting(
        ident=ident,
        topic=_cell(row, m.get("topic")),
        start_text=_cell(row, m.get("scheduled_start")),
        end_text=_cell(row, m.get("end_time")),
        duration_text=_cell(row, m.get("minutes")),
        host_email=_cell(row, m.get("email")) or host_email,
        host_name=_cell(row, m.get("user_name")) or host_name,
        line=row.line,
    )


def _no_host_note(key: str) -> str:
    return (
        f"the meeting data of {key!r} names no host (no Host or User Email value): the "
        f"host cannot be told apart, so every row counts as an attendee"
    )


class _Clock:
    """One day/month order for the whole file, one format per column (§7.4)."""

    def __init__(
        self,
        columns: dict[str, list[str]],
        languages: set[str],
        context: ParseContext,
        delimiter: str | None,
        by_date: bool | None = None,
    ) -> None:
        every = [v for values in columns.values() for v in values]
        dayfirst, self.order_note = settle_day_order(every, languages, delimiter, by_date)
        self.dayfirst = dayfirst
        self.zone = context.timezone
        self._parsed: dict[tuple[str, str], datetime | None] = {}
        for name, values in columns.items():
            unique = list(dict.fromkeys(values))
            utc, _ = parse_times_utc(unique, self.zone, dayfirst)
            for text, value in zip(unique, utc, strict=True):
                self._parsed[(name, text)] = value

    def utc(self, column: str, text: str | None) -> datetime | None:
        return None if text is None else self._parsed.get((column, text))


class ZoomMeetingParticipants:
    """Reports > Usage > Participants export, every layout of export-formats.md §1.4."""

    name = "zoom_meeting_participants"
    platform = PLATFORM

    def detect(self, table: SourceTable) -> float:
        try:
            layout = _layout(table)
        except NotThisFormat:
            return 0.8  # a meeting block cut short: claim it, so parse() explains
        if layout is None:
            return 0.0
        return 0.9 if layout.block or layout.header.is_flat else 0.85

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        layout = _layout(table)
        if layout is None:
            raise NotThisFormat(
                "the first row is neither a Zoom meeting block (Meeting ID, "
                "Topic, ...) nor a participant header (Name (Original Name), "
                "User Email, Join Time, ...)"
            )
        head = layout.header
        p = head.person
        rows = [r for r in table.rows[layout.header_index + 1 :] if not r.is_blank()]
        # A row that stops before the time/duration columns was cut off mid-line;
        # set it aside before choosing the file's time format.
        cut = max(p[f] for f in ("join_time", "leave_time", "minutes", "total_minutes") if f in p)
        body = [r for r in rows if len(r.cells) > cut]
        short = [r for r in rows if len(r.cells) <= cut]
        block = _meeting(*layout.block) if layout.block else None
        per_row = {r.line: _meeting(head, r) for r in body} if head.is_flat else {}
        meetings = [block] if block else list(per_row.values())

        columns: dict[str, list[str]] = {"join": [], "leave": [], "start": [], "end": []}
        for r in body:
            for name, f in (("join", "join_time"), ("leave", "leave_time")):
                text = _cell(r, p.get(f))
                if text:
                    columns[name].append(text)
        for m in meetings:
            columns["start"] += [m.start_text] if m.start_text else []
            columns["end"] += [m.end_text] if m.end_text else []
        # The meetings' catalogue days, where they agree, for a file whose dates read either way.
        orders = {catalogue_order(context, m.ident, m.start_text) for m in meetings} - {None}
        by_date = orders.pop() if len(orders) == 1 else None
        clock = _Clock(columns, head.languages, context, table.delimiter, by_date)

        out = ParsedFile(self.name, PLATFORM, ATTENDANCE, layout.name, [], data_rows=len(rows))
        out.rejects.extend(
            RejectRecord(
                r.line,
                f"the row is cut short: {len(r.cells)} columns, the times and durations "
                f"need {cut + 1} (file truncated?)",
            )
            for r in short
        )
        if clock.order_note:
            out.notes.append(clock.order_note)
        if block is not None:
            webinar = self._webinar(block, clock)
            out.webinars.append(webinar)
            hosts = {webinar.key: block}
            if block.host_email is None and block.host_name is None:
                out.notes.append(_no_host_note(webinar.key))
        elif head.is_flat:
            hosts = {}
        else:
            webinar = self._undated_webinar(body, p, clock, out)
            out.webinars.append(webinar)
            hosts = {}

        shared = shared_brackets(_cell(r, head.person.get("user_name")) for r in body)
        for row in body:
            if head.is_flat:
                m = per_row[row.line]
                if m.ident is None:
                    out.rejects.append(RejectRecord(row.line, "no Meeting ID on this row"))
                    continue
                start = clock.utc("start", m.start_text)
                if start is None:
                    out.rejects.append(
                        RejectRecord(row.line, not_a_date("meeting Start Time", m.start_text))
                    )
                    continue
                key = webinar_key(PLATFORM, m.ident, m.topic, local_day(start, clock.zone))
                if key not in hosts:
                    hosts[key] = m
                    out.webinars.append(self._webinar(m, clock))
                    if m.host_email is None and m.host_name is None:
                        out.notes.append(_no_host_note(key))
            else:
                key = out.webinars[0].key
            self._row(out, row, head, key, hosts.get(key), clock, shared)
        if not rows:
            out.notes.append("the export lists no participants")
        return out

    @staticmethod
    def _webinar(m: _Meeting, clock: _Clock) -> WebinarRecord:
        start = clock.utc("start", m.start_text)
        if start is None:
            raise NotThisFormat(
                f"line {m.line}: the meeting Start Time {m.start_text!r} is not a date"
            )
        if m.ident is None and m.topic is None:
            raise NotThisFormat(
                f"line {m.line}: the meeting block names neither a Meeting ID nor a Topic"
            )
        duration = parse_duration_minutes(m.duration_text)
        end = clock.utc("end", m.end_text)
        if duration is None and end is not None:
            duration = (end - start).total_seconds() / 60
        return WebinarRecord(
            key=webinar_key(PLATFORM, m.ident, m.topic, local_day(start, clock.zone)),
            platform=PLATFORM,
            platform_webinar_id=m.ident,
            title=m.topic,
            start_at=start,
            duration_minutes=duration,
            start_is_actual=True,
            start_text=m.start_text,
            timezone=clock.zone,
        )

    @staticmethod
    def _undated_webinar(
        body: list[Row], p: dict[str, int], clock: _Clock, out: ParsedFile
    ) -> WebinarRecord:
        """No meeting block: no ID, no title; the earliest join dates the meeting."""
        if "join_time" not in p:
            raise NotThisFormat(
                "a 'unique users' export without the meeting block names no "
                "meeting and no date: export again with 'Export with meeting "
                "data' ticked"
            )
        joins = [clock.utc("join", _cell(r, p["join_time"])) for r in body]
        known = [j for j in joins if j is not None]
        if not known:
            raise NotThisFormat(
                "no Join Time could be read, so the meeting's date is unknown "
                "(and there is no meeting block)"
            )
        earliest = min(known)
        day = local_day(earliest, clock.zone)
        key = webinar_key(PLATFORM, None, None, day)
        out.notes.append(
            f"no meeting block ('Export with meeting data' was not ticked): no Meeting ID or "
            f"topic, so the meeting is dated by its earliest join ({day}) and keyed {key!r}; "
            f"the host cannot be told apart, so every row counts as an attendee"
        )
        return WebinarRecord(
            key=key,
            platform=PLATFORM,
            platform_webinar_id=None,
            title=None,
            start_at=earliest,
            start_is_actual=False,
            start_text=None,
            timezone=clock.zone,
        )

    @staticmethod
    def _row(
        out: ParsedFile,
        row: Row,
        head: _Header,
        key: str,
        host: _Meeting | None,
        clock: _Clock,
        shared: frozenset[str],
    ) -> None:
        p = head.person
        email = _cell(row, p.get("email"))
        raw_name = _cell(row, p.get("user_name"))
        name = original_name(raw_name, shared)
        if email is None and raw_name is None:
            out.rejects.append(RejectRecord(row.line, "no e-mail and no name"))
            return
        if yes_no(_cell(row, p.get("in_waiting_room"))):
            out.rejects.append(
                RejectRecord(
                    row.line,
                    "in the waiting room only (In Waiting Room = Yes): never admitted, "
                    "not an attendee",
                )
            )
            return
        join_text, leave_text = _cell(row, p.get("join_time")), _cell(row, p.get("leave_time"))
        join_at, leave_at = clock.utc("join", join_text), clock.utc("leave", leave_text)
        for label, text, value in (
            ("Join Time", join_text, join_at),
            ("Leave Time", leave_text, leave_at),
        ):
            if text and value is None:
                out.rejects.append(RejectRecord(row.line, not_a_date(label, text)))
                return
        minutes_field = "total_minutes" if "total_minutes" in p else "minutes"
        is_host = host is not None and (
            (
                email is not None
                and host.host_email is not None
                and email.lower() == host.host_email.lower()
            )
            or (email is None and host.host_name is not None and fold(name) == fold(host.host_name))
        )
        out.sessions.append(
            SessionRecord(
                line=row.line,
                webinar_key=key,
                role=HOST if is_host else ATTENDEE,
                name=name,
                email=email,
                join_at=join_at,
                leave_at=leave_at,
                join_text=join_text,
                leave_text=leave_text,
                minutes=parse_duration_minutes(_cell(row, p.get(minutes_field))),
                is_guest=yes_no(_cell(row, p.get("is_guest"))),
                section=SECTION,
            )
        )


ADAPTERS = [ZoomMeetingParticipants()]
