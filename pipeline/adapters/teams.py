"""Microsoft Teams: meeting/webinar attendance reports and Live Events attendee reports.

Teams has changed its attendance export three times (export-formats.md §4), and
the downloader's language translates every section title and header, so each
layout is recognised from content (never the file name) and every label lives
in ``headers/teams.csv``:

* 2022+ sectioned report (§4.1): ``1. Summary`` key/value block, ``2. Participants``
  (one row per person: first join, last leave, total time, webinar registration
  columns) and ``3. In-Meeting Activities`` (one row per join session).
* 2021–22 intermediate report (§4.2): ``Meeting Summary`` block, then one table
  of sessions (one person on several rows).
* 2020–21 flat event log (§4.3): ``Full Name, User Action, Timestamp``.
* Live Events ``AttendeeReport.csv`` (§4.4): event rows keyed by ``Session Id``,
  timestamps in UTC.

Teams files are UTF-16 and tab-separated even when named ``.csv``; the reader
already handles that (§7.2). Times carry no offset: they are the downloader's
local time, read in ``context.timezone`` (Live Events: UTC).
"""

from __future__ import annotations

import csv
import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    HOST,
    PANELIST,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    RegistrationRecord,
    RejectRecord,
    SessionRecord,
    WebinarRecord,
    full_name,
    header_field,
    header_languages,
    header_map,
    map_headers,
    may_name,
    record_reader,
    registration_status,
    split_bracket,
    webinar_key,
)
from pipeline.normalize.text import clean_cell, clean_name, fold, name_key, normalize_email
from pipeline.normalize.times import (
    NUMERIC_DATE,
    infer_dayfirst,
    local_day,
    parse_columns_utc,
    parse_duration_minutes,
)
from pipeline.readers.table import Row, SourceTable

PLATFORM = "teams"

SUMMARY = "1. Summary"
PARTICIPANTS = "2. Participants"
ACTIVITIES = "3. In-Meeting Activities"
_SECTIONS = {
    "section_summary": SUMMARY,
    "section_participants": PARTICIPANTS,
    "section_activities": ACTIVITIES,
}
_ROLE_FIELDS = {"role_host": HOST, "role_panelist": PANELIST, "role_attendee": ATTENDEE}
_ANONYMOUS = "anonymous viewer: no e-mail or name"
_JOIN_TIME = frozenset({"join_time"})
_LEAVE_ONLY = (
    f"{ACTIVITIES}: a Leave Time with no Join Time times nothing (export-formats.md "
    f"§4.1); the person is timed by their rows with a Join Time, else by '{PARTICIPANTS}'"
)

# The brockwebb notes (§4.1 "Newer additions") report 'Start time' and 'First Join'
# split into a date cell and a time cell. No Teams column is a bare date followed by
# a bare time, so such a pair is always one split timestamp.
_DATE_ONLY = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?$")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?\s?m\.?)?$", re.IGNORECASE)
_AMPM = re.compile(r"\b[ap]\.?\s?m\b\.?", re.IGNORECASE)
_ENGLISH_CLOCK = re.compile(r"\d\s?[AP]M\b")  # '7:00:12 PM'; not 'p. m.', not 'pm'


# ---------------------------------------------------------------- header-map helpers


def _field(cell: str | None) -> str | None:
    """Canonical field of one cell (a header, a section marker or a role/action value)."""
    return header_field(cell or "", PLATFORM)


def _first_field(row: Row) -> str | None:
    return _field(row.cells[0]) if row.cells else None


@cache
def _marker_initials() -> frozenset[str]:
    """First characters of the section markers in the header map ('1', '2', '3')."""
    return frozenset(h[:1] for h, f in header_map(PLATFORM).items() if f in _SECTIONS)


def _numbered_sections(rows: Sequence[Row]) -> set[str | None]:
    """Fields of the rows that could be '1. Summary'-style markers.

    Only rows starting with a marker's first character (taken from the header
    map, so a new marker is still a CSV row) are folded and looked up:
    detection runs on every file, and scanning a large export of another
    platform row by row cost more than parsing a small one. Each distinct first
    character is folded once, not once a row (it was a third of detection).
    """
    initials = _marker_initials()
    firsts = [r.cells[0].lstrip(' \ufeff"')[:1] if r.cells else None for r in rows]
    wanted = {c for c in set(firsts) if c is not None and fold(c) in initials}
    if not wanted:
        return set()
    return {_first_field(r) for r, c in zip(rows, firsts, strict=True) if c in wanted}


def _language(cells: Iterable[str]) -> str | None:
    """Language of the first known header among ``cells`` (None when none is known).

    A header English shares with another language counts as English.
    """
    for cell in cells:
        langs = header_languages(PLATFORM).get(fold(cell))
        if langs and _field(cell):
            return "en" if "en" in langs else min(langs)
    return None


def rejoin_split_timestamps(cells: Sequence[str]) -> tuple[str, ...]:
    """Merge a bare date cell followed by a bare time cell into 'date, time'.

    Guards against the 15-header/17-data-column files of export-formats.md §4.1
    ("Newer additions"): without it every column after 'First Join' shifts by one.
    """
    out: list[str] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        nxt = cells[i + 1] if i + 1 < len(cells) else ""
        if _DATE_ONLY.match(cell.strip()) and _TIME_ONLY.match(nxt.strip()):
            out.append(f"{cell.strip().rstrip(',')}, {nxt.strip()}")
            i += 2
            continue
        out.append(cell)
        i += 1
    return tuple(out)


# The last table retabbed and the result: the four Teams detectors and the parse each
# ask for the same table in turn (building the sample was ~3% of reading a Zoom export).
# Weakly: held strongly, the last file's rows stayed alive after it was parsed, 1.2 GiB
# of a 200 MB export while the loader stored it.
_last_retabbed: tuple[weakref.ref[SourceTable], weakref.ref[SourceTable]] | None = None


def retabbed(table: SourceTable) -> SourceTable:
    """:func:`_retabbed`, remembered for the last table it was asked about."""
    global _last_retabbed
    if _last_retabbed is not None and _last_retabbed[0]() is table:
        result = _last_retabbed[1]()
        if result is not None:
            return result
    result = _retabbed(table)
    _last_retabbed = (weakref.ref(table), weakref.ref(result))
    return result


def _retabbed(table: SourceTable) -> SourceTable:
    """Re-split a Teams file the reader cut on commas back into its TAB columns.

    Teams writes TAB-separated UTF-16 (export-formats.md §4.1, §7.2) but quotes
    its dates ('"14/11/22, 09:29:07"'). In an unpadded meeting report those
    commas outnumber the tabs, and ``sniff_delimiter`` picks ',' (seen on the
    en-GB fixture): every row then holds tab-joined text. Joining the cells
    back with ',' restores each line (the comma split never opened a quote,
    since no field started with one), which is then split on tabs.
    """
    if table.delimiter in (None, "\t"):
        return table
    # Enough rows to tell, and cheap: every file of every platform passes through here.
    sample = ["\x00".join(r.cells) for r in table.rows[:200]]
    sample = [line for line in sample if line.replace("\x00", "").strip()]
    tabbed = sum("\t" in line for line in sample)
    if not tabbed or tabbed * 2 < len(sample):
        return table
    rows = []
    for r in table.rows:
        line = table.delimiter.join(r.cells)
        try:
            cells = next(csv.reader([line], delimiter="\t"), [])
        except csv.Error:
            # A quoted cell that spanned lines holds a bare newline, which csv refuses
            # outside quotes once re-joined: the rows cannot be re-split, so this is not
            # a comma-cut Teams file; keep the reader's split (found by fuzzing).
            return table
        rows.append(Row(r.line, tuple(cells)))
    return SourceTable(
        table.name,
        rows,
        table.encoding,
        "\t",
        table.container,
        [*table.notes, f"re-split on TAB (the reader chose {table.delimiter!r})"],
    )


def _realigned(table: SourceTable) -> list[Row]:
    return [Row(r.line, rejoin_split_timestamps(r.cells)) for r in retabbed(table).rows]


def _value(row: Row) -> str | None:
    """The value of a 'label, value' summary row (first non-empty cell after the label)."""
    return next((c.strip() for c in row.cells[1:] if c.strip()), None)


def role_of(text: str | None) -> tuple[str, bool]:
    """(role, known): Organizer/Co-organizer -> host (staff), Presenter -> panelist (speaker).

    An empty role (older layouts) or an unknown word is read as attendee; the
    caller notes unknown words so a new Teams role is noticed, not silently counted.
    """
    value = clean_cell(text)
    if value is None:
        return ATTENDEE, True
    role = _ROLE_FIELDS.get(_field(value) or "")
    return (role, True) if role else (ATTENDEE, False)


def split_guest(name: str | None) -> tuple[str | None, bool]:
    """('Ana Pérez', True) from 'Ana Pérez (Guest)': Teams marks guests by name suffix (§4.1).

    '(Unverified)' marks a guest too (joined by link without signing in);
    '(External)' a signed-in user of another organisation, whose name is the
    name before it and who is no guest.
    """
    value = clean_cell(name)
    if value is None:
        return None, False
    parts = split_bracket(value)
    if parts is not None and (suffix := _field(parts[1])) in ("guest_suffix", "external_suffix"):
        return parts[0] or None, suffix == "guest_suffix"
    return value, False


def email_of(known: dict[str, str | None]) -> str | None:
    """Email, else the UPN when it is an address: they can differ, Email wins (§4.1)."""
    for f in ("email", "upn", "participant_id"):
        value = clean_cell(known.get(f))
        if value and normalize_email(value):
            return value
    return None


def _person(name: str | None, email: str | None) -> str | None:
    """Within-file identity: e-mail, else normalised name (DEFINITIONS.md, "Person")."""
    return normalize_email(email) or name_key(name)


def _keys(name: str | None, email: str | None) -> set[str]:
    """Every handle a row gives its person: section 3 may lack the e-mail section 2 has."""
    out = {k for k in (normalize_email(email),) if k}
    if key := name_key(name):
        out.add(f"name:{key}")
    return out


# ---------------------------------------------------------------- times


def decide_dayfirst(values: Sequence[str], language: str | None) -> tuple[bool | None, str | None]:
    """Day/month order of a whole file, and a note when it had to be assumed.

    Decided once per file (export-formats.md §7.4). A value with a first number
    above 12 proves day-first (en-GB '14/11/22'), and so does a dotted date
    ('06.10.26', German: ``infer_dayfirst``); when nothing proves it, the
    locale's habits decide: non-English downloads are day-first, a 24-hour
    clock with slashes is en-GB style, and only AM/PM slash dates fall back to
    en-US month-first. Labels follow Teams' display language but dates the
    regional format, and the regional formats of the other languages write no
    English 'PM' (pt-BR, es-ES, fr, de use a 24-hour clock; es-MX writes 'p. m.'):
    Portuguese labels over '3/9/22, 7:00:12 PM' are an en-US format, month-first.
    """
    firsts = seconds = False
    ampm = numeric = False
    english_clock = any(_ENGLISH_CLOCK.search(v) for v in values[:50])
    for v in values:
        m = NUMERIC_DATE.match(v)
        if not m:
            continue
        numeric = True
        firsts |= int(m.group(1)) > 12
        seconds |= int(m.group(3)) > 12
        ampm = ampm or bool(_AMPM.search(v))  # one AM/PM is enough: no search after it
    if firsts and seconds:
        raise NotThisFormat(
            "the file's dates disagree on day/month order (some have a day "
            "above 12 first, others second): not one Teams export"
        )
    decided = infer_dayfirst(values)
    if decided is not None or not numeric:
        return decided, None
    if language and language != "en" and not english_clock:
        return True, f"dates are ambiguous; read day-first ({language} download)"
    if language and language != "en":
        return False, (
            f"dates are ambiguous; read month-first: {language} labels, but the times' "
            "'AM'/'PM' is the en-US regional format's"
        )
    if not ampm:
        return True, "dates are ambiguous; 24-hour clock read day-first (en-GB style)"
    return False, "dates are ambiguous; AM/PM dates read month-first (en-US default)"


@dataclass(slots=True)
class _Times:
    """Every time cell of a file parsed to naive UTC, keyed by (line, field)."""

    utc: dict[tuple[int, str], datetime | None] = field(default_factory=dict)

    def get(self, line: int, f: str) -> datetime | None:
        return self.utc.get((line, f))


def parse_columns(
    columns: dict[str, list[tuple[int, str]]], dayfirst: bool | None, zone: str
) -> _Times:
    """One format per column (one day/month order per file), then local -> UTC."""
    return _Times(parse_columns_utc(columns, zone, dayfirst))


def _event_start(times: Iterable[datetime], zone: str, where: str) -> tuple[datetime, date, str]:
    """Start, local day and note of a list of Joined/Left events that states no start time.

    The earliest event of the local day with the most events. A Live Event's
    report also lists the producers' and testers' joins of the days before
    (a real one: a 3-second join ten days early), and dating the event by its
    very first event put it on the wrong day, or in the wrong month.
    """
    by_day: dict[date, list[datetime]] = {}
    for at in times:
        by_day.setdefault(local_day(at, zone), []).append(at)
    day = max(by_day, key=lambda d: (len(by_day[d]), d))
    others = sum(len(v) for d, v in by_day.items() if d != day)
    note = f"no start time in the {where}: the webinar starts at its first event"
    if others:
        note += (
            f" of {day.isoformat()}, the day with the most; {others} event(s) fall on "
            f"other days than {day.isoformat()}"
        )
    return min(by_day[day]), day, note


def _bad_time(
    known: dict[str, str | None], times: _Times, line: int, fields: Iterable[str]
) -> str | None:
    for f in fields:
        text = clean_cell(known.get(f))
        if text and times.get(line, f) is None:
            return f"{f.replace('_', ' ')} {text!r} is not a date"
    return None


def _check_start_agrees(
    start: datetime | None, start_text: str | None, joins: Iterable[datetime | None]
) -> None:
    """The summary's Start time must be read in the same order as the rows and agree with them.

    A start time more than a day away from every join means the day/month order
    (or the file) is wrong: better to stop than to file a webinar on 4 November
    that happened on 11 April.
    """
    known = [j for j in joins if j is not None]
    if start is None or not known:
        return
    nearest = min(abs((j - start).total_seconds()) for j in known)
    if nearest > 86400:
        raise NotThisFormat(
            f"the Start time {start_text!r} is {nearest / 86400:.0f} days away "
            "from every join time: day/month order or file is wrong"
        )


# ---------------------------------------------------------------- shared building blocks


def restart_part(summary_start: datetime | None) -> str | None:
    """Which part of a restarted meeting a report covers: its summary's actual start (UTC).

    Teams makes a new attendance report each time the organiser restarts the
    meeting (export-formats.md §4.1, "Multiple reports per meeting"), and every
    report of that day's meeting gets the same key (title + date). The start
    time tells them apart: reports with different starts are parts that add up;
    the same start is a re-export of one part, which replaces the older download.

    None when the report states no start time (the 2020–21 Joined/Left list,
    Live Events, a summary without one): the part is unknown, and such reports
    of one key keep replacing each other, as before parts existed.
    """
    return summary_start.isoformat(timespec="seconds") if summary_start else None


def _webinar(
    title: str | None,
    start_utc: datetime | None,
    start_text: str | None,
    end_utc: datetime | None,
    duration_text: str | None,
    zone: str,
    platform_id: str | None = None,
    day_from: datetime | None = None,
    read_zone: str | None = None,
    part: str | None = None,
) -> WebinarRecord:
    """Teams has no reusable numeric id: the key is title + series-local date (§4)."""
    duration = parse_duration_minutes(duration_text)
    if duration is None and start_utc and end_utc:
        duration = (end_utc - start_utc).total_seconds() / 60
    return WebinarRecord(
        key=webinar_key(PLATFORM, None, title, local_day(start_utc or day_from, zone)),
        platform=PLATFORM,
        platform_webinar_id=platform_id,
        title=title,
        start_at=start_utc,
        duration_minutes=duration,
        start_text=start_text,
        timezone=read_zone or zone,
        part=part,
    )


def _session(
    line: int,
    key: str,
    known: dict[str, str | None],
    role: str,
    times: _Times,
    join_field: str,
    leave_field: str,
    section: str,
) -> SessionRecord:
    name, guest = split_guest(known.get("name"))
    # Positional, in the order of the fields (as zoom._registration explains).
    return SessionRecord(
        line,
        key,
        role,
        name,
        email_of(known),
        times.get(line, join_field),  # join_at
        times.get(line, leave_field),  # leave_at
        clean_cell(known.get(join_field)),  # join_text
        clean_cell(known.get(leave_field)),  # leave_text
        parse_duration_minutes(known.get("minutes")),  # minutes
        None,  # country
        guest,  # is_guest
        section,
    )


def _note_unknown_roles(out: ParsedFile, unknown: set[str]) -> None:
    if unknown:
        out.notes.append("unknown role(s) read as attendee: " + ", ".join(sorted(unknown)))


def _when_everyone_presents(out: ParsedFile) -> None:
    """Read presenters as the audience in a meeting where everyone could present.

    A Teams meeting lets everyone present unless its organiser says otherwise,
    and its report then lists every participant as 'Presenter' (real reports:
    6 of 7 and 65 of 66 people). Read as speakers (DEFINITIONS.md,
    "Attendee"), such a webinar had no audience at all. Only where the report
    has presenters and not one attendee does 'Presenter' say nothing about who
    spoke: there the rows are attendees, and the webinar's speakers are those
    its catalogue names (core.roles). Organisers stay staff.
    """
    roles = {s.role for s in out.sessions}
    if PANELIST not in roles or ATTENDEE in roles:
        return
    presenters = 0
    for s in out.sessions:
        if s.role == PANELIST:
            s.role = ATTENDEE
            presenters += 1
    out.notes.append(
        f"no participant has the Attendee role (Teams' meeting default, everyone can "
        f"present): {presenters} presenter row(s) read as the audience; name the "
        "webinar's speakers in the catalogue"
    )


# ---------------------------------------------------------------- 2022+ sectioned report


@dataclass(slots=True)
class _Block:
    """One section of the sectioned report: its marker, header and data rows."""

    name: str
    marker: Row
    header: Row | None = None
    rows: list[Row] = field(default_factory=list)


# A section marker the header map does not know ('4. Explicit Audio and Video Consent
# Information', '3. Atividades em Reunião'): a number, a dot and words, alone on its row.
_NUMBERED_MARKER = re.compile(r"^\s*([1-9])\.\s+\S")
# Any other marker's rows start a section of their own, which is named by this prefix.
_UNKNOWN = "unknown section: "
_SECTION_FIELD_ALIASES = {
    # Spanish, Portuguese and German reports head section 2's per-person duration with
    # the summary's label for the meeting's ('Duración de la reunión', 'Dauer der
    # Besprechung'): in a table's header it can only be the person's.
    "meeting_duration": "minutes",
    # German section 3 heads its columns 'Beitreten'/'Verlassen', the words the flat
    # report writes as action values ('Verlassen').
    "action_join": "join_time",
    "action_leave": "leave_time",
}


def section_fields(cells: Sequence[str]) -> list[str | None]:
    """Fields of a section's header row, where a summary or action label is a column."""
    fields = map_headers(cells, PLATFORM)
    return [
        _SECTION_FIELD_ALIASES[f]
        if f in _SECTION_FIELD_ALIASES and _SECTION_FIELD_ALIASES[f] not in fields
        else f
        for f in fields
    ]


def _unknown_marker(row: Row) -> str | None:
    """The text of a numbered marker the header map lacks, alone on its row."""
    first = row.cells[0] if row.cells else ""
    if _NUMBERED_MARKER.match(first) and not any(c.strip() for c in row.cells[1:]):
        return first.strip()
    return None


def _blocks(rows: list[Row]) -> dict[str, _Block]:
    """Split the file on its section markers (first cell, folded: §7.1).

    Rows above the first marker are the summary when the file has no '1. Summary'
    line (some reports start at 'Meeting title'). A numbered section of unknown
    wording is kept apart: a '3.' one whose header names join or leave times is
    the activities section in a wording the header map lacks; any other is left
    out by the adapter with a note, rather than read as rows of the section above.
    """
    blocks: dict[str, _Block] = {}
    above: list[Row] = []
    current: _Block | None = None
    for row in rows:
        if row.is_blank():
            continue
        section = _SECTIONS.get(_first_field(row) or "")
        if section is None and (unknown := _unknown_marker(row)) is not None:
            section = _UNKNOWN + unknown
        if section is not None:
            if section in blocks:
                raise NotThisFormat(
                    f"line {row.line}: section '{section}' appears twice "
                    "(two reports pasted into one file?)"
                )
            current = blocks[section] = _Block(section, row)
            continue
        if current is None:
            above.append(row)
            continue
        if current.name != SUMMARY and current.header is None:
            fields = set(section_fields(row.cells))
            if current.name.startswith(_UNKNOWN):
                current.header = row
                if (
                    current.name.startswith(_UNKNOWN + "3.")
                    and ACTIVITIES not in blocks
                    and "name" in fields
                    and fields & {"join_time", "leave_time"}
                ):
                    del blocks[current.name]
                    current.name = ACTIVITIES
                    blocks[ACTIVITIES] = current
                continue
            if "name" not in fields or not fields & {
                "first_join",
                "join_time",
                "leave_time",
                "role",
                "email",
            }:
                raise NotThisFormat(
                    f"line {row.line}: the '{current.name}' section has no "
                    "header row (expected 'Name', 'First Join', 'Email', "
                    "'Role'...)"
                )
            current.header = row
            continue
        current.rows.append(row)
    if SUMMARY not in blocks and any(_first_field(r) for r in above):
        blocks[SUMMARY] = _Block(SUMMARY, above[0], rows=above)
    return blocks


class TeamsAttendanceReport:
    """Meeting/webinar attendance report, sectioned layout (export-formats.md §4.1).

    Sessions come from '3. In-Meeting Activities' (one row per join, so minutes
    are an interval union downstream); a person listed in '2. Participants' but
    absent from section 3 (or a file without section 3) gets one session from
    First Join to Last Leave with the stated In-Meeting Duration. Webinar
    registration columns of section 2 become registrations.
    """

    name = "teams_attendance_report"
    platform = PLATFORM

    def detect(self, table: SourceTable) -> float:
        found = _numbered_sections(retabbed(table).rows)
        has_summary = "section_summary" in found
        has_participants = "section_participants" in found
        if has_summary and has_participants:
            return 0.95
        if has_summary or has_participants:
            return 0.8  # truncated: claim it so parse() says what is missing
        return 0.0

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        blocks = _blocks(_realigned(table))
        summary_block = blocks.get(SUMMARY)
        participants = blocks.get(PARTICIPANTS)
        activities = blocks.get(ACTIVITIES)
        if participants is None:
            if summary_block is not None:
                raise NotThisFormat(
                    "'1. Summary' is not followed by a '2. Participants' section (file truncated?)"
                )
            raise NotThisFormat("no '2. Participants' section was found")
        if participants.header is None:
            raise NotThisFormat("the '2. Participants' section has no header row (file truncated?)")
        if summary_block is None and not participants.rows and not (activities and activities.rows):
            raise NotThisFormat(
                "the '2. Participants' header has no rows and there is no "
                "'1. Summary': nothing to read (file truncated?)"
            )
        summary = self._summary(summary_block)

        p_fields = section_fields(participants.header.cells)
        a_fields = (
            section_fields(activities.header.cells) if activities and activities.header else []
        )
        columns: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for key in ("start_time", "end_time"):
            if summary.get(key):
                line, text = summary[key]
                columns["summary_time"].append((line, text))
        for block, fields, names in (
            (participants, p_fields, ("first_join", "last_leave", "registration_time")),
            (activities, a_fields, ("join_time", "leave_time")),
        ):
            if block is None or block.header is None:
                continue
            for f in names:
                if f in fields:
                    i = fields.index(f)
                    for r in block.rows:
                        value = clean_cell(r.cells[i]) if i < len(r.cells) else None
                        if value:
                            columns[f].append((r.line, value))
        every = [v for vals in columns.values() for _, v in vals]
        language = _language([participants.marker.cells[0], *participants.header.cells])
        dayfirst, order_note = decide_dayfirst(every, language)
        times = parse_columns(columns, dayfirst, context.timezone)

        start_line, start_text = summary.get("start_time", (0, None))
        end_line, end_text = summary.get("end_time", (0, None))
        start = times.get(start_line, "summary_time") if start_text else None
        end = times.get(end_line, "summary_time") if end_text else None
        if start_text and start is None:
            raise NotThisFormat(
                f"the Start time {start_text!r} is not a date in the file's date format"
            )
        joins = [
            times.get(line, f)
            for f in ("first_join", "join_time")
            for line, _ in columns.get(f, [])
        ]
        _check_start_agrees(start, start_text, joins)
        title = summary.get("meeting_title", (0, None))[1]
        earliest = min((j for j in joins if j is not None), default=None)
        webinar = _webinar(
            title,
            start,
            start_text,
            end,
            summary.get("meeting_duration", (0, None))[1],
            context.timezone,
            day_from=earliest,
            part=restart_part(start),
        )
        is_webinar = "registration_status" in p_fields or "registered_count" in summary
        out = ParsedFile(
            self.name,
            PLATFORM,
            ATTENDANCE,
            "teams-2022-" + ("webinar" if is_webinar else "meeting"),
            [webinar],
        )
        if order_note:
            out.notes.append(order_note)
        if title is None:
            out.notes.append("the summary has no Meeting title: webinar keyed by date only")
        for name, block in blocks.items():
            if name.startswith(_UNKNOWN):
                rows = len(block.rows) + (block.header is not None)
                out.notes.append(
                    f"section '{name.removeprefix(_UNKNOWN)}' is not one this pipeline reads: "
                    f"its {rows} row(s) were left out (they stay in the file's raw rows)"
                )

        unknown_roles: set[str] = set()
        covered = self._activities(
            out, webinar.key, activities, a_fields, times, participants, p_fields, unknown_roles
        )
        self._participants(
            out,
            webinar.key,
            participants,
            p_fields,
            times,
            covered,
            activities is not None and activities.header is not None,
            unknown_roles,
        )
        _note_unknown_roles(out, unknown_roles)
        _when_everyone_presents(out)
        registered = summary.get("registered_count", (0, None))[1]
        if registered and registered.isdigit() and int(registered) > len(out.registrations):
            out.notes.append(
                f"the summary counts {registered} registered participants but only "
                f"{len(out.registrations)} attended and carry registration "
                "columns: registrants who did not attend are not in this report"
            )
        if out.data_rows == 0:
            out.notes.append("the report lists no participants")
        return out

    @staticmethod
    def _summary(block: _Block | None) -> dict[str, tuple[int, str]]:
        out: dict[str, tuple[int, str]] = {}
        if block is None:
            return out
        for row in block.rows:
            f = _first_field(row)
            value = _value(row)
            if f and value is not None and f not in out:
                out[f] = (row.line, value)
        return out

    @staticmethod
    def _lookups(block: _Block, fields: list[str | None]) -> tuple[dict[str, str], dict[str, str]]:
        """Role by person key and e-mail by name, from section 2, to fill section 3's gaps."""
        roles: dict[str, str] = {}
        emails: dict[str, str] = {}
        assert block.header is not None
        read = record_reader(fields, block.header.cells)
        for row in block.rows:
            known, _ = read(row.cells)
            name, email = split_guest(known.get("name"))[0], email_of(known)
            role = clean_cell(known.get("role"))
            for k in _keys(name, email):
                if role:
                    roles.setdefault(k, role)
                if email and k.startswith("name:"):
                    emails.setdefault(k, email)
        return roles, emails

    def _activities(
        self,
        out: ParsedFile,
        key: str,
        block: _Block | None,
        fields: list[str | None],
        times: _Times,
        participants: _Block,
        p_fields: list[str | None],
        unknown_roles: set[str],
    ) -> set[str]:
        """Section 3 rows as sessions; returns the people they time.

        A row with a Leave Time and no Join Time (the 2023 sample has them, §4.1)
        gives no interval, so it is rejected and does not count as timing its
        person: someone whose only row it is would attend 0 minutes, while section 2
        states their first join, last leave and duration. Section 2 times them, as
        it times anyone section 3 leaves out.
        """
        covered: set[str] = set()
        if block is None or block.header is None:
            return covered
        roles, emails = self._lookups(participants, p_fields)
        read = record_reader(fields, block.header.cells)
        no_times = f"{ACTIVITIES}: no Join Time and no Leave Time"
        if "join_time" not in fields and "leave_time" not in fields:
            # A language whose section 3 wording the header map lacks: say so, rather
            # than blame each row for times its header never named.
            header = zip(block.header.cells, fields, strict=True)
            unread = ", ".join(repr(c) for c, f in header if c and not f)
            no_times = (
                f"{ACTIVITIES}: the header names no Join Time or Leave Time column "
                f"this pipeline knows ({unread})"
            )
        for row in block.rows:
            out.data_rows += 1
            known, _ = read(row.cells)
            name, _guest = split_guest(known.get("name"))
            email = email_of(known)
            if email is None and name is not None:
                # Section 3 has Email but no UPN: take the address section 2 gave the name.
                email = emails.get(f"name:{name_key(name)}")
                known["email"] = email
            if name is None and email is None:
                out.rejects.append(RejectRecord(row.line, f"{ACTIVITIES}: no e-mail and no name"))
                continue
            bad = _bad_time(known, times, row.line, ("join_time", "leave_time"))
            if bad:
                out.rejects.append(RejectRecord(row.line, f"{ACTIVITIES}: {bad}"))
                continue
            if not clean_cell(known.get("join_time")) and not clean_cell(known.get("leave_time")):
                out.rejects.append(RejectRecord(row.line, no_times))
                continue
            if not clean_cell(known.get("join_time")):
                out.rejects.append(RejectRecord(row.line, _LEAVE_ONLY))
                continue
            keys = _keys(name, email)
            role_text = clean_cell(known.get("role")) or next(
                (roles[k] for k in sorted(keys) if k in roles), None
            )
            role, ok = role_of(role_text)
            if not ok:
                unknown_roles.add(role_text or "")
            out.sessions.append(
                _session(row.line, key, known, role, times, "join_time", "leave_time", ACTIVITIES)
            )
            covered |= keys
        return covered

    @staticmethod
    def _participants(
        out: ParsedFile,
        key: str,
        block: _Block,
        fields: list[str | None],
        times: _Times,
        covered: set[str],
        has_activities: bool,
        unknown_roles: set[str],
    ) -> None:
        """Section 2: registrations, and sessions for people section 3 does not time."""
        assert block.header is not None
        registered: set[str] = set()
        fallback = 0
        read = record_reader(fields, block.header.cells)
        for row in block.rows:
            out.data_rows += 1
            known, extra = read(row.cells)
            name, _guest = split_guest(known.get("name"))
            email = email_of(known)
            reg_email = clean_cell(known.get("reg_email"))
            if name is None and email is None and reg_email is None:
                out.rejects.append(RejectRecord(row.line, f"{PARTICIPANTS}: no e-mail and no name"))
                continue
            bad = _bad_time(
                known, times, row.line, ("first_join", "last_leave", "registration_time")
            )
            if bad:
                out.rejects.append(RejectRecord(row.line, f"{PARTICIPANTS}: {bad}"))
                continue
            reg = _registration(row.line, key, known, extra, times)
            if reg is not None:
                reg_person = _person(reg.name, reg.email) or ""
                if reg_person not in registered:
                    registered.add(reg_person)
                    out.registrations.append(reg)
            if _keys(name, email) & covered:
                continue
            if not clean_cell(known.get("first_join")) and not clean_cell(known.get("last_leave")):
                continue  # nothing to time: the person is known only as a registrant
            role, ok = role_of(known.get("role"))
            if not ok:
                unknown_roles.add(clean_cell(known.get("role")) or "")
            out.sessions.append(
                _session(
                    row.line, key, known, role, times, "first_join", "last_leave", PARTICIPANTS
                )
            )
            fallback += 1
        if fallback and has_activities:
            out.notes.append(
                f"{fallback} participant(s) with no '{ACTIVITIES}' row giving a "
                f"Join Time timed from '{PARTICIPANTS}' (first join to last leave)"
            )
        elif fallback:
            out.notes.append(
                f"no '{ACTIVITIES}' section: one session per participant, first "
                "join to last leave (gaps unknown; In-Meeting Duration kept)"
            )


def _registration(
    line: int, key: str, known: dict[str, str | None], extra: dict[str, str], times: _Times
) -> RegistrationRecord | None:
    """A webinar participant's registration columns (§4.1, §4.5); None when all are empty."""
    first, last = clean_name(known.get("reg_first_name")), clean_name(known.get("reg_last_name"))
    email = clean_cell(known.get("reg_email"))
    status = clean_cell(known.get("registration_status"))
    when = clean_cell(known.get("registration_time"))
    if not any((first, last, email, status, when)):
        return None
    # Positional, in the order of the fields (as zoom._registration explains).
    return RegistrationRecord(
        line,
        key,
        email,
        first,
        last,
        full_name(first, last) or split_guest(known.get("name"))[0],  # name
        times.get(line, "registration_time"),  # registered_at
        when,  # registered_text
        registration_status(status),  # status
        status,  # status_text
        None,  # country
        None,  # organization
        None,  # sector
        None,  # job_title
        extra,  # answers
    )


# ---------------------------------------------------------------- 2021–22 intermediate


class TeamsIntermediateReport:
    """'Meeting Summary' block then one session table (export-formats.md §4.2)."""

    name = "teams_attendance_2021"
    platform = PLATFORM

    @staticmethod
    def _header_index(rows: list[Row]) -> int | None:
        for i, row in enumerate(rows):
            if not may_name(row.cells, PLATFORM, _JOIN_TIME):
                continue  # no 'Join Time' header: a data row (looking its cells up was costly)
            fields = set(map_headers(row.cells, PLATFORM))
            if {"name", "join_time", "leave_time"} <= fields and not fields & {
                "first_join",
                "user_action",
                "session_id",
            }:
                return i
        return None

    def detect(self, table: SourceTable) -> float:
        table = retabbed(table)
        if _numbered_sections(table.rows) & _SECTIONS.keys():
            return 0.0  # the sectioned report's third section has the same header
        has_summary = any(
            _first_field(r) == "section_meeting_summary" for r in table.rows[:20] if r.cells
        )
        # The table header sits just below the summary block: detection looks near the
        # top only, so a large export of another platform is not scanned row by row.
        h = self._header_index(table.rows[:60])
        if has_summary:
            return 0.95 if h is not None else 0.8
        # Without its summary, only the Teams-specific UPN column tells this table
        # from another platform's 'Name, Join Time, Leave Time' list.
        if h is not None and "upn" in map_headers(table.rows[h].cells, PLATFORM):
            return 0.7
        return 0.0

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        rows = _realigned(table)
        h = self._header_index(rows)
        if h is None:
            raise NotThisFormat(
                "'Meeting Summary' is not followed by a 'Full Name, Join Time, "
                "Leave Time...' table (file truncated or wrong layout?)"
            )
        summary: dict[str, tuple[int, str]] = {}
        for row in rows[:h]:
            f, value = _first_field(row), _value(row)
            if f and value is not None and f not in summary:
                summary[f] = (row.line, value)
        header = rows[h]
        fields = map_headers(header.cells, PLATFORM)
        body = [r for r in rows[h + 1 :] if not r.is_blank()]
        if not body and not summary:
            raise NotThisFormat(
                "the session table has no rows and there is no 'Meeting "
                "Summary': nothing to read (file truncated?)"
            )
        columns: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for key in ("start_time", "end_time"):
            if key in summary:
                columns["summary_time"].append(summary[key])
        for f in ("join_time", "leave_time"):
            i = fields.index(f)
            for r in body:
                value = clean_cell(r.cells[i]) if i < len(r.cells) else None
                if value:
                    columns[f].append((r.line, value))
        dayfirst, order_note = decide_dayfirst(
            [v for vals in columns.values() for _, v in vals], _language(header.cells)
        )
        times = parse_columns(columns, dayfirst, context.timezone)
        start_line, start_text = summary.get("start_time", (0, None))
        end_line, end_text = summary.get("end_time", (0, None))
        start = times.get(start_line, "summary_time") if start_text else None
        if start_text and start is None:
            raise NotThisFormat(
                f"the Meeting Start Time {start_text!r} is not a date in the file's date format"
            )
        joins = [times.get(line, "join_time") for line, _ in columns.get("join_time", [])]
        _check_start_agrees(start, start_text, joins)
        title = summary.get("meeting_title", (0, None))[1]
        webinar = _webinar(
            title,
            start,
            start_text,
            times.get(end_line, "summary_time") if end_text else None,
            None,
            context.timezone,
            platform_id=summary.get("meeting_id", (0, None))[1],
            day_from=min((j for j in joins if j), default=None),
            part=restart_part(start),
        )
        out = ParsedFile(self.name, PLATFORM, ATTENDANCE, "teams-2021-intermediate", [webinar])
        if order_note:
            out.notes.append(order_note)
        if title is None:
            out.notes.append("no Meeting Title: webinar keyed by date only")
        unknown: set[str] = set()
        read = record_reader(fields, header.cells)
        for row in body:
            out.data_rows += 1
            known, _ = read(row.cells)
            if split_guest(known.get("name"))[0] is None and email_of(known) is None:
                out.rejects.append(RejectRecord(row.line, "no e-mail and no name"))
                continue
            bad = _bad_time(known, times, row.line, ("join_time", "leave_time"))
            if bad:
                out.rejects.append(RejectRecord(row.line, bad))
                continue
            role, ok = role_of(known.get("role"))
            if not ok:
                unknown.add(clean_cell(known.get("role")) or "")
            out.sessions.append(
                _session(
                    row.line, webinar.key, known, role, times, "join_time", "leave_time", "sessions"
                )
            )
        _note_unknown_roles(out, unknown)
        _when_everyone_presents(out)
        return out


# ---------------------------------------------------------------- event logs (2020–21, Live)


@dataclass(slots=True)
class _Event:
    row: Row
    known: dict[str, str | None]
    at: datetime
    is_join: bool


def _pair_events(
    out: ParsedFile,
    events: list[_Event],
    group: str,
    make: Callable[[_Event, _Event | None, datetime], SessionRecord],
    day: date,
    zone: str,
    one_connection: bool = False,
) -> None:
    """Pair each join with the next leave of the same ``group`` key, in time order.

    A leave with no open join is rejected; a join never closed is closed at the
    file's last event (the person was still there when the report was taken, §4.3).
    With ``one_connection`` (a Live Event's session ID names one viewer's
    connection), a second join of an open group is a repeated event, and rejected;
    a person, by contrast, may be connected twice at once (two devices).

    ``day`` is the event's local day (:func:`_event_start`). A session joined on an
    earlier day that did not last into it (it left before it, or never left) is a
    producer's or tester's join (a real Live Event report: a 3-second join ten days
    early), and as a session it made an attendee of someone who never saw the
    event: both its rows are rejected. One joined the evening before that stayed
    into the day is kept.
    """
    last = max(e.at for e in events)
    open_joins: dict[str, list[_Event]] = defaultdict(list)
    paired: list[tuple[_Event, _Event | None]] = []
    for e in sorted(events, key=lambda e: (e.at, not e.is_join, e.row.line)):
        k = e.known.get(group) or ""
        if e.is_join and one_connection and open_joins[k]:
            # A session is one viewer's connection: a second Joined before its Left
            # repeats the first (real reports have them a second apart). As a
            # session of its own it would run to the file's last event.
            out.rejects.append(
                RejectRecord(e.row.line, "a second Joined for a session already joined")
            )
        elif e.is_join:
            open_joins[k].append(e)
        elif open_joins[k]:
            paired.append((open_joins[k].pop(0), e))
        else:
            out.rejects.append(
                RejectRecord(
                    e.row.line, f"Left with no earlier Joined for this {group.replace('_', ' ')}"
                )
            )
    unclosed = [(j, None) for joins in open_joins.values() for j in joins]
    closed_at_last = 0
    for join, leave in sorted([*paired, *unclosed], key=lambda p: p[0].row.line):
        joined = local_day(join.at, zone)
        left = local_day(leave.at, zone) if leave else None
        if joined is not None and joined < day and (left is None or left < day):
            reason = f"joined on {joined}, before the event's day ({day}): a test join"
            out.rejects.extend(RejectRecord(e.row.line, reason) for e in (join, leave) if e)
            continue
        closed_at_last += leave is None
        out.sessions.append(make(join, leave, last))
    if closed_at_last:
        out.notes.append(
            f"{closed_at_last} join(s) never closed by a Left; closed at the "
            f"file's last event ({last.isoformat(sep=' ')} UTC)"
        )


def _event_header(rows: list[Row], need: set[str]) -> int | None:
    for i, row in enumerate(rows[:30]):
        if need <= set(map_headers(row.cells, PLATFORM)):
            return i
    return None


class TeamsEventLog:
    """The original flat attendance list: Joined/Left rows (export-formats.md §4.3).

    The file names neither the meeting nor its organiser: the webinar is keyed
    by the date of its earliest event (title None), and everyone is recorded as
    an attendee, because the organiser cannot be told apart in this layout
    (staff must be removed by name downstream, e.g. from the webinar catalogue).
    """

    name = "teams_attendance_2020"
    platform = PLATFORM

    def detect(self, table: SourceTable) -> float:
        table = retabbed(table)
        if _event_header(table.rows, {"name", "user_action", "timestamp"}) is not None:
            return 0.95
        if _event_header(table.rows, {"name", "user_action"}) is not None:
            return 0.8
        return 0.0

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        rows = _realigned(table)
        h = _event_header(rows, {"name", "user_action"})
        if h is None:
            raise NotThisFormat("no 'Full Name, User Action, Timestamp' header was found")
        header = rows[h]
        fields = map_headers(header.cells, PLATFORM)
        if "timestamp" not in fields:
            raise NotThisFormat("the 'Full Name, User Action' table has no 'Timestamp' column")
        body = [r for r in rows[h + 1 :] if not r.is_blank()]
        if not body:
            raise NotThisFormat(
                "the attendance list has a header but no Joined/Left rows (file truncated?)"
            )
        i = fields.index("timestamp")
        texts = [(r.line, clean_cell(r.cells[i]) if i < len(r.cells) else None) for r in body]
        texts_ok = [(line, t) for line, t in texts if t]
        dayfirst, order_note = decide_dayfirst([t for _, t in texts_ok], _language(header.cells))
        times = parse_columns({"timestamp": texts_ok}, dayfirst, context.timezone)
        out = ParsedFile(self.name, PLATFORM, ATTENDANCE, "teams-2020-flat", [])
        if order_note:
            out.notes.append(order_note)
        out.notes.append(
            "flat attendance list: no meeting title and no roles; everyone is "
            "recorded as attendee (the organiser cannot be identified, §4.3)"
        )
        events: list[_Event] = []
        read = record_reader(fields, header.cells)
        for row in body:
            out.data_rows += 1
            known, _ = read(row.cells)
            name = split_guest(known.get("name"))[0]
            if name is None:
                out.rejects.append(RejectRecord(row.line, "no name"))
                continue
            known["person"] = name_key(name)
            action = _field(known.get("user_action"))
            if action not in ("action_join", "action_leave"):
                out.rejects.append(
                    RejectRecord(
                        row.line,
                        f"User Action {known.get('user_action')!r} is neither Joined nor Left",
                    )
                )
                continue
            at = times.get(row.line, "timestamp")
            if at is None:
                out.rejects.append(
                    RejectRecord(row.line, f"Timestamp {known.get('timestamp')!r} is not a date")
                )
                continue
            events.append(_Event(row, known, at, action == "action_join"))
        if not events:
            raise NotThisFormat("no usable Joined/Left row: every row was rejected")
        first, day, note = _event_start((e.at for e in events), context.timezone, "list")
        webinar = _webinar(None, first, None, None, None, context.timezone)
        out.webinars.append(webinar)
        out.notes.append(note)

        def make(join: _Event, leave: _Event | None, last: datetime) -> SessionRecord:
            end = leave.at if leave else last
            name, guest = split_guest(join.known.get("name"))
            return SessionRecord(
                line=join.row.line,
                webinar_key=webinar.key,
                role=ATTENDEE,
                name=name,
                email=None,
                join_at=join.at,
                leave_at=end,
                join_text=join.known.get("timestamp"),
                leave_text=leave.known.get("timestamp") if leave else None,
                minutes=(end - join.at).total_seconds() / 60,
                is_guest=guest or None,
                section="events",
            )

        _pair_events(out, events, "person", make, day, context.timezone)
        return out


class TeamsLiveEventReport:
    """Live Events / town hall AttendeeReport.csv (export-formats.md §4.4).

    Timestamps are UTC whatever the series zone. Anonymous viewers (empty
    Participant Id, a single space as Full Name) have no identity the pipeline
    can count, so their rows are rejected with a reason.
    """

    name = "teams_live_event"
    platform = PLATFORM
    _NEED = frozenset({"session_id", "action"})

    def detect(self, table: SourceTable) -> float:
        table = retabbed(table)
        h = _event_header(table.rows, set(self._NEED))
        if h is None:
            return 0.0
        fields = set(map_headers(table.rows[h].cells, PLATFORM))
        if "utc_timestamp" in fields:
            return 0.95
        # 'Session Id' and 'Action' alone are generic: ask for a second Live Events column.
        return 0.8 if fields & {"user_agent", "participant_id"} else 0.0

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        rows = _realigned(table)
        h = _event_header(rows, set(self._NEED))
        if h is None:
            raise NotThisFormat("no 'Session Id, ..., Action, Role' header was found")
        header = rows[h]
        fields = map_headers(header.cells, PLATFORM)
        if "utc_timestamp" not in fields:
            raise NotThisFormat("the attendee report has no 'UTC Event Timestamp' column")
        body = [r for r in rows[h + 1 :] if not r.is_blank()]
        if not body:
            raise NotThisFormat(
                "the attendee report has a header but no Joined/Left rows (file truncated?)"
            )
        i = fields.index("utc_timestamp")
        texts = [
            (r.line, c) for r in body if (c := clean_cell(r.cells[i]) if i < len(r.cells) else None)
        ]
        dayfirst = infer_dayfirst([t for _, t in texts])
        # §4.4: MM/DD/YYYY in UTC; the series zone does not apply.
        times = parse_columns(
            {"utc_timestamp": texts}, False if dayfirst is None else dayfirst, "UTC"
        )
        out = ParsedFile(self.name, PLATFORM, ATTENDANCE, "teams-live-event", [])
        out.notes.append("Live Event: timestamps read as UTC; no event title in the report")
        events: list[_Event] = []
        unknown: set[str] = set()
        read = record_reader(fields, header.cells)
        for row in body:
            out.data_rows += 1
            known, _ = read(row.cells)
            if (
                clean_cell(known.get("participant_id")) is None
                and clean_cell(known.get("name")) is None
            ):
                out.rejects.append(RejectRecord(row.line, _ANONYMOUS))
                continue
            if not clean_cell(known.get("session_id")):
                out.rejects.append(RejectRecord(row.line, "no Session Id to pair Joined/Left"))
                continue
            action = _field(known.get("action"))
            if action not in ("action_join", "action_leave"):
                out.rejects.append(
                    RejectRecord(
                        row.line, f"Action {known.get('action')!r} is neither Joined nor Left"
                    )
                )
                continue
            at = times.get(row.line, "utc_timestamp")
            if at is None:
                out.rejects.append(
                    RejectRecord(
                        row.line,
                        f"UTC Event Timestamp {known.get('utc_timestamp')!r} is not a date",
                    )
                )
                continue
            if not role_of(known.get("role"))[1]:
                unknown.add(clean_cell(known.get("role")) or "")
            events.append(_Event(row, known, at, action == "action_join"))
        _note_unknown_roles(out, unknown)
        if not events:
            raise NotThisFormat("no usable Joined/Left row: every row was rejected")
        first, day, note = _event_start((e.at for e in events), context.timezone, "report")
        webinar = _webinar(None, first, None, None, None, context.timezone, read_zone="UTC")
        out.webinars.append(webinar)
        out.notes.append(note)

        def make(join: _Event, leave: _Event | None, last: datetime) -> SessionRecord:
            end = leave.at if leave else last
            name, guest = split_guest(join.known.get("name"))
            return SessionRecord(
                line=join.row.line,
                webinar_key=webinar.key,
                role=role_of(join.known.get("role"))[0],
                name=name,
                email=email_of(join.known),
                join_at=join.at,
                leave_at=end,
                join_text=join.known.get("utc_timestamp"),
                leave_text=leave.known.get("utc_timestamp") if leave else None,
                minutes=(end - join.at).total_seconds() / 60,
                is_guest=guest or None,
                section="events",
            )

        _pair_events(out, events, "session_id", make, day, context.timezone, one_connection=True)
        return out


ADAPTERS = [
    TeamsAttendanceReport(),
    TeamsIntermediateReport(),
    TeamsEventLog(),
    TeamsLiveEventReport(),
]
