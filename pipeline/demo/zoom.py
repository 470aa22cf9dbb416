"""Zoom Webinar Attendee and Registration reports, byte for byte as Zoom writes them.

Layouts follow /shared/export-formats.md §1.1 and §1.2:

* UTF-8 with a byte-order mark, comma-delimited, CRLF, quotes only where a
  value needs them (``"Mar 22, 2025 19:13:27"`` has a comma);
* stacked tables: title row, ``Report Generated:``, a metadata header and its
  values, then ``Host Details`` / ``Panelist Details`` / ``Attendee Details``
  (and sometimes ``Other Attended``), each with its own header row;
* two layouts across the series: the 2021-2023 one (title and marker rows
  with exactly one trailing comma, a blank line after the metadata) for
  webinars before 2024, and the March 2025 one (every row padded with commas
  to the table width) from 2024 on;
* ``Attended=No`` rows carry ``--`` for join, leave, minutes and Is Guest;
  one row per join session; custom registration questions sit between
  ``Is Guest`` and ``Country/Region Name`` (2025 sample);
* times are series-local and naive: ``Mon D, YYYY HH:MM:SS`` (24 h) for
  join/leave/registration, ``Mon D, YYYY h:mm AM`` for start and generated.

The registration report's exact shape is the least certain (§1.2 "low to
medium confidence"); this writer uses the same preamble style.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from pipeline.demo import vocab
from pipeline.demo.model import APPROVED, Attendance, Registration, Webinar, WebinarDetail
from pipeline.demo.output import PlannedFile, WrittenFile, title_slug

PLATFORM = "zoom"
LAYOUT_2021 = "zoom_2021"
LAYOUT_2025 = "zoom_2025"
UNREADABLE_TIME = "##########"  # what Excel shows, and saves, for a too-narrow date column

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Header rows per layout: quirks as data (STYLE.md), not as branches.
_ATTENDEE_META = {
    LAYOUT_2021: (
        "Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)",
        "# Registered", "# Cancelled", "Unique Viewers", "Total Users", "Max Concurrent Views",
    ),
    LAYOUT_2025: (
        "Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)",
        "# Registered", "# Cancelled", "Unique Viewers", "Total Users", "Max Concurrent Views",
        "Enable Registration",
    ),
}  # fmt: skip
_REGISTRATION_META = (
    "Topic", "Webinar ID", "Scheduled Start Time", "Scheduled Duration (minutes)", "# Registered",
)  # fmt: skip
_PERSON_COLUMNS = (
    "Attended", "User Name (Original Name)", "Email", "Join Time", "Leave Time",
    "Time in Session (minutes)", "Is Guest", "Country/Region Name",
)  # fmt: skip


def layout_for(detail: WebinarDetail) -> str:
    """Webinars before 2024 come in the 2021-2023 layout, later ones in the 2025 one."""
    return LAYOUT_2021 if detail.webinar.start.year < 2024 else LAYOUT_2025


def _day(moment: datetime) -> str:
    return f"{_MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def clock12(moment: datetime) -> str:
    """'Mar 22, 2025 7:13 PM'."""
    hour = moment.hour % 12 or 12
    return f"{_day(moment)} {hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


class _Clock:
    """'Mar 22, 2025 19:13:27' for 'seconds from a start', memoised per webinar.

    Thousands of rows share a leave time (the end of the webinar) or a day, so
    a per-webinar memo saves most of the formatting at scale 100.
    """

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.base = start.hour * 3600 + start.minute * 60 + start.second
        self.days: dict[int, str] = {0: _day(start) + " "}
        self.memo: dict[int, str] = {}

    def __call__(self, offset: int) -> str:
        text = self.memo.get(offset)
        if text is None:
            days, t = divmod(self.base + offset, 86400)
            prefix = self.days.get(days)
            if prefix is None:
                prefix = self.days[days] = _day(self.start + timedelta(days=days)) + " "
            text = f"{prefix}{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}"
            self.memo[offset] = text
        return text


def _minutes(join: int, leave: int) -> str:
    """Zoom rounds each session up to whole minutes; a 38-second visit shows 1."""
    return str(max(1, -(-(leave - join) // 60)))


def cell(value: str) -> str:
    """One CSV field, quoted only where needed (what ``csv.QUOTE_MINIMAL`` writes).

    Rows are assembled from pre-escaped pieces rather than through
    ``csv.writer``: at scale 100 (~4 million rows) that is several times faster.
    """
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def cells(values: list[str] | tuple[str, ...]) -> str:
    joined = ",".join(values)
    if (
        joined.count(",") == len(values) - 1
        and '"' not in joined
        and "\n" not in joined
        and "\r" not in joined
    ):
        return joined  # the common case: nothing to quote
    return ",".join([cell(v) for v in values])


class _Table:
    """Lines of one CSV file; a line's number is its 1-based physical line."""

    def __init__(self, width: int, padded: bool) -> None:
        self.lines: list[str] = []
        self.width = width
        self.padded = padded

    def add(self, line: str, fields: int) -> int:
        """Append an escaped line of ``fields`` fields, padded with commas in 2025 files."""
        if self.padded and fields < self.width:
            line += "," * (self.width - fields)
        self.lines.append(line)
        return len(self.lines)

    def row(self, values: list[str] | tuple[str, ...]) -> int:
        return self.add(cells(values), len(values))

    def marker(self, text: str) -> int:
        """A title or section row: one trailing comma, or padded (2025)."""
        return self.add(cell(text) if self.padded else cell(text) + ",", 1)

    def blank(self) -> int:
        return self.add("", 1)

    def to_bytes(self) -> bytes:
        return ("\ufeff" + "\r\n".join(self.lines) + "\r\n").encode("utf-8")


def _questions(detail: WebinarDetail) -> tuple[str, ...]:
    return vocab.QUESTIONS[detail.webinar.language]


class _RegistrationCells:
    """A registration's escaped pieces, shared by both reports of a webinar."""

    __slots__ = ("answers", "at", "names", "phone")

    def __init__(self, reg: Registration, has_phone: bool, clock: _Clock) -> None:
        self.names = cells((reg.first, reg.last, reg.email))
        self.at = f'"{clock(reg.at)}"'  # dates always hold a comma
        self.phone = "," + cell(reg.phone) if has_phone else ""
        self.answers = cells(reg.answers)


def _escape_registrations(detail: WebinarDetail) -> dict[int, _RegistrationCells]:
    clock = _Clock(detail.webinar.start)
    has_phone = detail.webinar.asks_phone
    return {id(r): _RegistrationCells(r, has_phone, clock) for r in detail.registrations}


def attendee_report(
    detail: WebinarDetail, layout: str, escaped: dict[int, _RegistrationCells] | None = None
) -> tuple[bytes, dict[str, int], list[tuple[int, str]]]:
    """(bytes, data rows per section, rejected rows as (line, reason))."""
    webinar = detail.webinar
    clock = _Clock(webinar.actual_start)
    has_phone = webinar.asks_phone
    if escaped is None:
        escaped = _escape_registrations(detail)
    questions = _questions(detail)
    attendee_header = [
        "Attended", "User Name (Original Name)", "First Name", "Last Name", "Email",
        *(["Phone"] if has_phone else []), "Registration Time", "Approval Status", "Join Time",
        "Leave Time", "Time in Session (minutes)", "Is Guest", *questions, "Country/Region Name",
    ]  # fmt: skip
    width = len(attendee_header)
    padded = layout == LAYOUT_2025
    table = _Table(width, padded)
    rejected: list[tuple[int, str]] = []
    counts = {"host": 0, "panelist": 0, "attendee": 0, "other_attended": 0}

    seen: set[int] = set()
    first_registration: list[Registration] = []
    for reg in detail.registrations:  # Zoom lists each approved registrant once
        if reg.status == APPROVED and reg.person is not None and reg.person.pid not in seen:
            seen.add(reg.person.pid)
            first_registration.append(reg)
    cancelled = sum(1 for r in detail.registrations if r.status == "cancelled")
    audience = sum(1 for a in detail.attendances if a.person is not None)
    session_rows = sum(len(a.sessions) for a in detail.attendances)

    table.marker("Attendee Report")
    table.row(["Report Generated:", clock12(webinar.attendee_report_at)])
    table.row(_ATTENDEE_META[layout])
    values = [
        webinar.title,
        webinar.platform_id,
        clock12(webinar.actual_start),
        str(webinar.actual_minutes),
        str(len(first_registration)),
        str(cancelled),
        str(audience),
        str(session_rows),
        str(round(audience * 0.82)),
    ]
    if layout == LAYOUT_2025:
        values.append("Yes")
    table.row(values)
    if not padded:
        table.blank()

    def sessions_of(
        name: str, email: str, sessions: list[tuple[int, int]], guest: bool, country: str
    ) -> int:
        """Host/panelist/other-attended rows, one per session."""
        who = f"Yes,{cell(name)},{cell(email)},"
        tail = f",{'Yes' if guest else 'No'},{cell(country)}"
        for join, leave in sessions:
            table.add(f'{who}"{clock(join)}","{clock(leave)}",{_minutes(join, leave)}{tail}', 8)
        return len(sessions)

    table.marker("Host Details")
    table.row(_PERSON_COLUMNS)
    for host in detail.hosts:
        counts["host"] += sessions_of(
            host.name, host.email, host.sessions, host.is_guest, host.zoom_country
        )
    table.marker("Panelist Details")
    table.row(_PERSON_COLUMNS)
    for p in detail.panelists:
        counts["panelist"] += sessions_of(p.name, p.email, p.sessions, p.is_guest, p.zoom_country)

    table.marker("Attendee Details")
    table.row(attendee_header)
    attended: dict[int, Attendance] = {}
    for att in detail.attendances:
        if att.person is not None and att.registration is not None:
            attended[att.person.pid] = att
    no_answers = "," * (len(questions) - 1)
    walk_in_phone = "," if has_phone else ""
    lines = table.lines  # attendee rows are full width: no padding to add
    append = lines.append
    for reg in first_registration:
        assert reg.person is not None
        pieces = escaped[id(reg)]
        registered = f"{pieces.names}{pieces.phone},{pieces.at},{APPROVED}"
        att = attended.get(reg.person.pid)
        if att is None:
            name = cell(f"{reg.first} {reg.last}")
            append(f"No,{name},{registered},--,--,--,--,{pieces.answers},")
            counts["attendee"] += 1
            continue
        head = f"Yes,{cell(att.display_name)},{registered},"
        tail = f",{'Yes' if att.is_guest else 'No'},{pieces.answers},{cell(att.zoom_country)}"
        for join, leave in att.sessions:
            append(f'{head}"{clock(join)}","{clock(leave)}",{_minutes(join, leave)}{tail}')
        counts["attendee"] += len(att.sessions)
        for _ in range(att.garbage_rows):
            join, leave = att.sessions[-1]
            append(f"{head}{UNREADABLE_TIME},{UNREADABLE_TIME},{_minutes(join, leave)}{tail}")
            counts["attendee"] += 1
            rejected.append((len(lines), "unreadable Join Time and Leave Time (##########)"))

    walk_ins = [a for a in detail.attendances if a.registration is None]
    other = [a for a in walk_ins if webinar.other_attended and a.person is not None]
    in_other = {id(a) for a in other}
    for att in walk_ins:
        if id(att) in in_other:
            continue
        # A walk-in has no registration: empty names, Registration Time and Approval Status.
        head = f"Yes,{cell(att.display_name)},,,{cell(att.email)}{walk_in_phone},,,"
        tail = f",{'Yes' if att.is_guest else 'No'},{no_answers},{cell(att.zoom_country)}"
        for join, leave in att.sessions:
            append(f'{head}"{clock(join)}","{clock(leave)}",{_minutes(join, leave)}{tail}')
            counts["attendee"] += 1
            if att.person is None:
                rejected.append((len(lines), "attendee row with neither name nor e-mail"))
    if other:
        table.marker("Other Attended")
        table.row(_PERSON_COLUMNS)
        for att in other:
            counts["other_attended"] += sessions_of(
                att.display_name, att.email, att.sessions, att.is_guest, att.zoom_country
            )
    return table.to_bytes(), counts, rejected


def registration_report(
    detail: WebinarDetail, layout: str, escaped: dict[int, _RegistrationCells] | None = None
) -> tuple[bytes, int, list[tuple[int, str]]]:
    """(bytes, data rows, rejected rows as (line, reason))."""
    webinar = detail.webinar
    has_phone = webinar.asks_phone
    if escaped is None:
        escaped = _escape_registrations(detail)
    header = [
        "First Name", "Last Name", "Email", "Registration Time", "Approval Status",
        *(["Phone"] if has_phone else []), *_questions(detail),
    ]  # fmt: skip
    width = len(header)
    table = _Table(width, layout == LAYOUT_2025)
    rejected: list[tuple[int, str]] = []
    approved = sum(1 for r in detail.registrations if r.status == APPROVED)
    table.marker("Registration Report")
    table.row(["Report Generated:", clock12(webinar.registration_report_at)])
    table.row(_REGISTRATION_META)
    table.row(
        [
            webinar.title,
            webinar.platform_id,
            clock12(webinar.start),
            str(webinar.scheduled_minutes),
            str(approved),
        ]
    )
    table.blank()
    table.row(header)
    append = table.lines.append  # registrant rows are full width: no padding to add
    for reg in detail.registrations:
        pieces = escaped[id(reg)]
        append(f"{pieces.names},{pieces.at},{reg.status}{pieces.phone},{pieces.answers}")
        if reg.person is None:
            rejected.append((len(table.lines), "registration row with neither name nor e-mail"))
    return table.to_bytes(), len(detail.registrations), rejected


ATTENDEE_REPORT = "zoom_attendee_report"
REGISTRATION_REPORT = "zoom_registration_report"


def _attendee_name(rng: random.Random, webinar: Webinar) -> str:
    digits = webinar.platform_id.replace(" ", "")
    day = webinar.start.date().isoformat()
    r = rng.random()
    if r < 0.55:
        return f"{digits}_Attendee_Report.csv"
    if r < 0.65:
        return f"{digits}_Attendee_Report (1).csv"
    if r < 0.8:
        return f"Attendee Report {day}.csv"
    if r < 0.9:
        return "attendee report.csv"
    return f"{day} {title_slug(webinar.title)} - attendees.csv"


def _registration_name(rng: random.Random, webinar: Webinar) -> str:
    digits = webinar.platform_id.replace(" ", "")
    day = webinar.start.date().isoformat()
    r = rng.random()
    if r < 0.5:
        return f"{digits}_Registration_Report.csv"
    if r < 0.75:
        return f"Registration Report {day}.csv"
    if r < 0.88:
        return "registration report.csv"
    return f"{day}_registrants.csv"


def planned_files(webinar: Webinar, seed: int) -> list[PlannedFile]:
    """The two reports of a webinar, named as downloaded or renamed by staff."""
    rng = random.Random(f"{seed}/zoom-files/{webinar.index}")
    return [
        PlannedFile(ATTENDEE_REPORT, _attendee_name(rng, webinar), webinar.attendee_report_at),
        PlannedFile(
            REGISTRATION_REPORT, _registration_name(rng, webinar), webinar.registration_report_at
        ),
    ]


def write_webinar(detail: WebinarDetail, out_dir: Path, paths: dict[str, str]) -> list[WrittenFile]:
    """Write one webinar's reports to ``paths`` (kind -> relative path); say what was written."""
    webinar = detail.webinar
    layout = layout_for(detail)
    escaped = _escape_registrations(detail)

    data, counts, rejected = attendee_report(detail, layout, escaped)
    attendee_path = paths[ATTENDEE_REPORT]
    (out_dir / attendee_path).write_bytes(data)
    data, rows, rejected_registrations = registration_report(detail, layout, escaped)
    registration_path = paths[REGISTRATION_REPORT]
    (out_dir / registration_path).write_bytes(data)
    return [
        WrittenFile(
            path=attendee_path,
            kind=ATTENDEE_REPORT,
            platform=PLATFORM,
            webinar_key=webinar.key,
            layout=layout,
            data_rows=sum(counts.values()),
            rows_by_section=counts,
            rejected=[{"file": attendee_path, "line": n, "reason": why} for n, why in rejected],
        ),
        WrittenFile(
            path=registration_path,
            kind=REGISTRATION_REPORT,
            platform=PLATFORM,
            webinar_key=webinar.key,
            layout=layout,
            data_rows=rows,
            rejected=[
                {"file": registration_path, "line": n, "reason": why}
                for n, why in rejected_registrations
            ],
        ),
    ]
