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

Spanish-interface downloads (§1.5: Zoom translates headers; no Spanish
webinar report was found, so the words are the ones ``headers/zoom.csv``
knows, as in ``tests/fixtures/zoom/asistentes_es.csv``): 'Informe de
asistentes', 'Detalles del asistente', 'Asistió' = 'Sí'/'No', 'aprobado', and
day-first dates ('22/03/2025 19:13:27', profile date format dd/mm/yyyy).

The registration report's exact shape is the least certain (§1.2 "low to
medium confidence"); this writer uses the same preamble style.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pipeline.demo import vocab
from pipeline.demo.model import APPROVED, Attendance, Registration, Webinar, WebinarDetail
from pipeline.demo.output import (
    ATTENDANCE,
    NO_NAME_ATTENDEE,
    NO_NAME_REGISTRATION,
    REGISTRATION,
    UNREADABLE_JOIN_LEAVE,
    UNREADABLE_TIME,
    PlannedFile,
    WrittenFile,
    cell,
    cells,
    file_bytes,
    first_registrations,
    report_language,
    save_export,
    title_slug,
    us_date,
)
from pipeline.demo.platforms import ZOOM

PLATFORM = ZOOM
LAYOUT_2021 = "zoom_2021"
LAYOUT_2025 = "zoom_2025"


@dataclass(frozen=True, slots=True)
class _Words:
    """Every label of the two reports in one interface language (quirks as data)."""

    title_attendee: str
    title_registration: str
    generated: str
    attendee_meta: tuple[str, ...]  # the 2021-2023 metadata header
    attendee_meta_2025: str  # the column the March 2025 layout adds
    registration_meta: tuple[str, ...]
    host: str
    panelist: str
    attendee: str
    other: str
    person_columns: tuple[str, ...]
    attendee_columns: tuple[str, ...]  # Attended .. Approval Status (Phone after Email)
    phone: str
    session_columns: tuple[str, ...]  # Join Time .. Is Guest
    country_name: str
    registration_columns: tuple[str, ...]  # First Name .. Approval Status
    yes: str
    no: str
    statuses: dict[str, str]


_WORDS = {
    "en": _Words(
        title_attendee="Attendee Report",
        title_registration="Registration Report",
        generated="Report Generated:",
        attendee_meta=(
            "Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)",
            "# Registered", "# Cancelled", "Unique Viewers", "Total Users",
            "Max Concurrent Views",
        ),
        attendee_meta_2025="Enable Registration",
        registration_meta=(
            "Topic", "Webinar ID", "Scheduled Start Time", "Scheduled Duration (minutes)",
            "# Registered",
        ),
        host="Host Details",
        panelist="Panelist Details",
        attendee="Attendee Details",
        other="Other Attended",
        person_columns=(
            "Attended", "User Name (Original Name)", "Email", "Join Time", "Leave Time",
            "Time in Session (minutes)", "Is Guest", "Country/Region Name",
        ),
        attendee_columns=(
            "Attended", "User Name (Original Name)", "First Name", "Last Name", "Email",
            "Registration Time", "Approval Status",
        ),
        phone="Phone",
        session_columns=("Join Time", "Leave Time", "Time in Session (minutes)", "Is Guest"),
        country_name="Country/Region Name",
        registration_columns=(
            "First Name", "Last Name", "Email", "Registration Time", "Approval Status",
        ),
        yes="Yes",
        no="No",
        statuses={"approved": "approved", "cancelled": "cancelled", "denied": "denied",
                  "pending": "pending"},
    ),
    "es": _Words(
        title_attendee="Informe de asistentes",
        title_registration="Informe de registro",
        generated="Informe generado:",
        attendee_meta=(
            "Tema", "ID del seminario web", "Hora de inicio real", "Duración real (minutos)",
            "# Registrados", "# Cancelados", "Espectadores únicos", "Total de usuarios",
            "Máximo de vistas simultáneas",
        ),
        attendee_meta_2025="Habilitar registro",
        registration_meta=(
            "Tema", "ID del seminario web", "Hora de inicio programada",
            "Duración programada (minutos)", "# Registrados",
        ),
        host="Detalles del anfitrión",
        panelist="Detalles del panelista",
        attendee="Detalles del asistente",
        other="Otros asistentes",
        person_columns=(
            "Asistió", "Nombre de usuario (nombre original)", "Correo electrónico",
            "Hora para unirse", "Hora para salir", "Tiempo en la sesión (minutos)",
            "Es invitado", "Nombre del país/región",
        ),
        attendee_columns=(
            "Asistió", "Nombre de usuario (nombre original)", "Nombre", "Apellido",
            "Correo electrónico", "Hora de registro", "Estado de aprobación",
        ),
        phone="Teléfono",
        session_columns=(
            "Hora para unirse", "Hora para salir", "Tiempo en la sesión (minutos)", "Es invitado",
        ),
        country_name="Nombre del país/región",
        registration_columns=(
            "Nombre", "Apellido", "Correo electrónico", "Hora de registro",
            "Estado de aprobación",
        ),
        yes="Sí",
        no="No",
        statuses={"approved": "aprobado", "cancelled": "cancelado", "denied": "denegado",
                  "pending": "pendiente"},
    ),
}  # fmt: skip


def layout_for(detail: WebinarDetail) -> str:
    """Webinars before 2024 come in the 2021-2023 layout, later ones in the 2025 one."""
    return LAYOUT_2021 if detail.webinar.start.year < 2024 else LAYOUT_2025


def clock12(moment: datetime) -> str:
    """'Mar 22, 2025 7:13 PM'."""
    hour = moment.hour % 12 or 12
    return f"{us_date(moment)} {hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def _short(moment: datetime, language: str) -> str:
    """Start and generated times: 'Mar 22, 2025 7:13 PM', or '22/03/2025 19:13' in Spanish."""
    if language == "es":
        return f"{moment.day:02d}/{moment.month:02d}/{moment.year} {moment:%H:%M}"
    return clock12(moment)


class _Clock:
    """A CSV field for 'seconds from a start', memoised per webinar.

    English: '"Mar 22, 2025 19:13:27"' (quoted: it holds a comma); Spanish:
    '22/03/2025 19:13:27'. Thousands of rows share a leave time (the end of
    the webinar) or a day, so a per-webinar memo saves most of the formatting
    at scale 100.
    """

    def __init__(self, start: datetime, language: str = "en") -> None:
        self.start = start
        self.spanish = language == "es"
        self.base = start.hour * 3600 + start.minute * 60 + start.second
        self.days: dict[int, str] = {0: self._prefix(start)}
        self.memo: dict[int, str] = {}

    def _prefix(self, moment: datetime) -> str:
        if self.spanish:
            return f"{moment.day:02d}/{moment.month:02d}/{moment.year} "
        return '"' + us_date(moment) + " "

    def __call__(self, offset: int) -> str:
        text = self.memo.get(offset)
        if text is None:
            days, t = divmod(self.base + offset, 86400)
            prefix = self.days.get(days)
            if prefix is None:
                prefix = self.days[days] = self._prefix(self.start + timedelta(days=days))
            text = f"{prefix}{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}"
            if not self.spanish:
                text += '"'
            self.memo[offset] = text
        return text


def _minutes(join: int, leave: int) -> str:
    """Zoom rounds each session up to whole minutes; a 38-second visit shows 1."""
    return str(max(1, -(-(leave - join) // 60)))


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
        return file_bytes(self.lines, bom=True)


def _questions(detail: WebinarDetail) -> tuple[str, ...]:
    return vocab.QUESTIONS[detail.webinar.language]


class _RegistrationCells:
    """A registration's escaped pieces, shared by both reports of a webinar."""

    __slots__ = ("answers", "at", "names", "phone")

    def __init__(self, reg: Registration, has_phone: bool, clock: _Clock) -> None:
        self.names = cells((reg.first, reg.last, reg.email))
        self.at = clock(reg.at)
        self.phone = "," + cell(reg.phone) if has_phone else ""
        self.answers = cells(reg.answers)


def _escape_registrations(
    detail: WebinarDetail, language: str = "en"
) -> dict[int, _RegistrationCells]:
    clock = _Clock(detail.webinar.start, language)
    has_phone = detail.webinar.asks_phone
    return {id(r): _RegistrationCells(r, has_phone, clock) for r in detail.registrations}


def attendee_report(
    detail: WebinarDetail,
    layout: str,
    escaped: dict[int, _RegistrationCells] | None = None,
    language: str = "en",
) -> tuple[bytes, dict[str, int], list[tuple[int, str]]]:
    """(bytes, data rows per section, rejected rows as (line, reason))."""
    webinar = detail.webinar
    words = _WORDS[language]
    clock = _Clock(webinar.actual_start, language)
    has_phone = webinar.asks_phone
    if escaped is None:
        escaped = _escape_registrations(detail, language)
    questions = _questions(detail)
    head = words.attendee_columns
    attendee_header = [
        *head[:5], *([words.phone] if has_phone else []), *head[5:],
        *words.session_columns, *questions, words.country_name,
    ]  # fmt: skip
    width = len(attendee_header)
    padded = layout == LAYOUT_2025
    table = _Table(width, padded)
    rejected: list[tuple[int, str]] = []
    counts = {"host": 0, "panelist": 0, "attendee": 0, "other_attended": 0}
    yes, no = words.yes, words.no
    approved = words.statuses[APPROVED]

    first_registration = first_registrations(detail)
    cancelled = sum(1 for r in detail.registrations if r.status == "cancelled")
    audience = sum(1 for a in detail.attendances if a.person is not None)
    session_rows = sum(len(a.sessions) for a in detail.attendances)

    table.marker(words.title_attendee)
    table.row([words.generated, _short(webinar.attendee_report_at, language)])
    meta = list(words.attendee_meta)
    values = [
        webinar.title,
        webinar.platform_id,
        _short(webinar.actual_start, language),
        str(webinar.actual_minutes),
        str(len(first_registration)),
        str(cancelled),
        str(audience),
        str(session_rows),
        str(round(audience * 0.82)),
    ]
    if layout == LAYOUT_2025:
        meta.append(words.attendee_meta_2025)
        values.append(yes)
    table.row(meta)
    table.row(values)
    if not padded:
        table.blank()

    def sessions_of(
        name: str, email: str, sessions: list[tuple[int, int]], guest: bool, country: str
    ) -> int:
        """Host/panelist/other-attended rows, one per session."""
        who = f"{yes},{cell(name)},{cell(email)},"
        tail = f",{yes if guest else no},{cell(country)}"
        for join, leave in sessions:
            table.add(f"{who}{clock(join)},{clock(leave)},{_minutes(join, leave)}{tail}", 8)
        return len(sessions)

    table.marker(words.host)
    table.row(words.person_columns)
    for host in detail.hosts:
        counts["host"] += sessions_of(
            host.name, host.email, host.sessions, host.is_guest, host.zoom_country
        )
    table.marker(words.panelist)
    table.row(words.person_columns)
    for p in detail.panelists:
        counts["panelist"] += sessions_of(p.name, p.email, p.sessions, p.is_guest, p.zoom_country)

    table.marker(words.attendee)
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
        registered = f"{pieces.names}{pieces.phone},{pieces.at},{approved}"
        att = attended.get(reg.person.pid)
        if att is None:
            name = cell(f"{reg.first} {reg.last}")
            append(f"{no},{name},{registered},--,--,--,--,{pieces.answers},")
            counts["attendee"] += 1
            continue
        head_cells = f"{yes},{cell(att.display_name)},{registered},"
        tail = f",{yes if att.is_guest else no},{pieces.answers},{cell(att.zoom_country)}"
        for join, leave in att.sessions:
            append(f"{head_cells}{clock(join)},{clock(leave)},{_minutes(join, leave)}{tail}")
        counts["attendee"] += len(att.sessions)
        for _ in range(att.garbage_rows):
            join, leave = att.sessions[-1]
            append(f"{head_cells}{UNREADABLE_TIME},{UNREADABLE_TIME},{_minutes(join, leave)}{tail}")
            counts["attendee"] += 1
            rejected.append((len(lines), UNREADABLE_JOIN_LEAVE))

    other: list[Attendance] = []  # walk-ins in the "Other Attended" section, if it is there
    for att in detail.attendances:
        if att.registration is not None:
            continue
        if webinar.other_attended and att.person is not None:
            other.append(att)
            continue
        # A walk-in has no registration: empty names, Registration Time and Approval Status.
        head_cells = f"{yes},{cell(att.display_name)},,,{cell(att.email)}{walk_in_phone},,,"
        tail = f",{yes if att.is_guest else no},{no_answers},{cell(att.zoom_country)}"
        for join, leave in att.sessions:
            append(f"{head_cells}{clock(join)},{clock(leave)},{_minutes(join, leave)}{tail}")
            counts["attendee"] += 1
            if att.person is None:
                rejected.append((len(lines), NO_NAME_ATTENDEE))
    if other:
        table.marker(words.other)
        table.row(words.person_columns)
        for att in other:
            counts["other_attended"] += sessions_of(
                att.display_name, att.email, att.sessions, att.is_guest, att.zoom_country
            )
    return table.to_bytes(), counts, rejected


def registration_report(
    detail: WebinarDetail,
    layout: str,
    escaped: dict[int, _RegistrationCells] | None = None,
    language: str = "en",
) -> tuple[bytes, int, list[tuple[int, str]]]:
    """(bytes, data rows, rejected rows as (line, reason))."""
    webinar = detail.webinar
    words = _WORDS[language]
    has_phone = webinar.asks_phone
    if escaped is None:
        escaped = _escape_registrations(detail, language)
    header = [
        *words.registration_columns, *([words.phone] if has_phone else []), *_questions(detail),
    ]  # fmt: skip
    width = len(header)
    table = _Table(width, layout == LAYOUT_2025)
    rejected: list[tuple[int, str]] = []
    approved = sum(1 for r in detail.registrations if r.status == APPROVED)
    table.marker(words.title_registration)
    table.row([words.generated, _short(webinar.registration_report_at, language)])
    table.row(words.registration_meta)
    table.row(
        [
            webinar.title,
            webinar.platform_id,
            _short(webinar.start, language),
            str(webinar.scheduled_minutes),
            str(approved),
        ]
    )
    table.blank()
    table.row(header)
    append = table.lines.append  # registrant rows are full width: no padding to add
    statuses = words.statuses
    for reg in detail.registrations:
        pieces = escaped[id(reg)]
        append(f"{pieces.names},{pieces.at},{statuses[reg.status]}{pieces.phone},{pieces.answers}")
        if reg.person is None:
            rejected.append((len(table.lines), NO_NAME_REGISTRATION))
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

    language = report_language(detail, registration=False)
    escaped = _escape_registrations(detail, language)
    data, counts, rejected = attendee_report(detail, layout, escaped, language)
    attendee = save_export(
        out_dir, paths[ATTENDEE_REPORT], data, webinar,
        kind=ATTENDEE_REPORT, layout=layout, report_type=ATTENDANCE, language=language,
        rows=counts, rejected=rejected,
    )  # fmt: skip

    reg_language = report_language(detail, registration=True)
    if reg_language != language:
        escaped = _escape_registrations(detail, reg_language)
    data, rows, rejected = registration_report(detail, layout, escaped, reg_language)
    registration = save_export(
        out_dir, paths[REGISTRATION_REPORT], data, webinar,
        kind=REGISTRATION_REPORT, layout=layout, report_type=REGISTRATION, language=reg_language,
        rows=rows, rejected=rejected,
    )  # fmt: skip
    return [attendee, registration]
