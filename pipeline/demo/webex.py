"""Webex Webinars attendance and registration reports, as the Webex adapter reads real ones.

export-formats.md §3 has column names but no sample, so the shapes follow
the adapter and ``tests/fixtures/webex/make_fixtures.py``:

* the host's attendance export (CSV, UTF-8, comma, CRLF): 'Meeting Name',
  'Meeting Number', 'Meeting Start Time', 'Meeting End Time', 'Session Name'
  (breakout rooms are sessions of their own), 'Display Name', 'Attendee
  Email', 'Join Time', 'Leave Time', 'Attendance Duration' as text ('1 hr 20
  min'), 'Role' (Host / Panelist / Attendee), 'Connection Type'; one row per
  join, joiners only, no country;
* the host's registration export: 'Label,value' rows naming the webinar,
  then 'First Name', 'Last Name', 'Email', 'Registration Date', 'Approval
  Status', 'Source ID' and the form: Webex's standard 'Country/Region',
  'Company Name', 'Job Title' and the series' own sector question;
* the same registrations exported from Site Administration: "All exports ...
  use the Unicode tab-delimited text (UTF-16LE) format" (§3, Webex help):
  a byte-order mark, TABs, the webinar named on every row.

Spanish downloads use the words ``headers/webex.csv`` knows ('Nombre para
mostrar', 'Duración de la asistencia' = '1 h 20 min', 'Anfitrión') and
day-first dates ('22/03/2025 10:02:00').
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain
from pathlib import Path

from pipeline.demo import vocab
from pipeline.demo.model import Webinar, WebinarDetail
from pipeline.demo.output import (
    ATTENDANCE,
    NO_NAME_ATTENDEE,
    NO_NAME_REGISTRATION,
    REGISTRATION,
    UNREADABLE_JOIN,
    UNREADABLE_TIME,
    OffsetClock,
    PlannedFile,
    WrittenFile,
    cells,
    download_language,
    file_bytes,
    save_export,
    title_slug,
)
from pipeline.demo.platforms import WEBEX

PLATFORM = WEBEX
ATTENDANCE_REPORT = "webex_attendance_report"
REGISTRATION_REPORT = "webex_registration_report"
REGISTRATION_ADMIN = "webex_registration_admin_export"


@dataclass(frozen=True, slots=True)
class _Words:
    """Labels of one interface language (quirks as data)."""

    attendance_columns: tuple[str, ...]
    webinar_labels: tuple[str, str, str]  # name, number, start
    registration_columns: tuple[str, ...]  # First Name .. Source ID
    form: tuple[str, str, str]  # Country/Region, Company Name, Job Title
    roles: dict[str, str]
    statuses: dict[str, str]
    connections: tuple[str, ...]
    breakout: str
    units: tuple[str, str]  # hour and minute words of a duration


_WORDS = {
    "en": _Words(
        attendance_columns=(
            "Meeting Name", "Meeting Number", "Meeting Start Time", "Meeting End Time",
            "Session Name", "Display Name", "Attendee Email", "Join Time", "Leave Time",
            "Attendance Duration", "Role", "Connection Type",
        ),
        webinar_labels=("Webinar Name", "Webinar Number", "Webinar Start Time"),
        registration_columns=(
            "First Name", "Last Name", "Email", "Registration Date", "Approval Status",
            "Source ID",
        ),
        form=("Country/Region", "Company Name", "Job Title"),
        roles={"host": "Host", "panelist": "Panelist", "attendee": "Attendee"},
        statuses={"approved": "Approved", "cancelled": "Cancelled", "denied": "Rejected",
                  "pending": "Pending"},
        connections=("Desktop app", "Web app", "Mobile app", "Desktop app", "Phone"),
        breakout="Breakout session 1",
        units=("hr", "min"),
    ),
    "es": _Words(
        attendance_columns=(
            "Nombre de la reunión", "Número de reunión", "Hora de inicio de la reunión",
            "Hora de finalización de la reunión", "Nombre de la sesión", "Nombre para mostrar",
            "Correo electrónico del asistente", "Hora de entrada", "Hora de salida",
            "Duración de la asistencia", "Rol", "Tipo de conexión",
        ),
        webinar_labels=(
            "Nombre del seminario web", "Número del seminario web",
            "Hora de inicio del seminario web",
        ),
        registration_columns=(
            "Nombre", "Apellido", "Correo electrónico", "Fecha de registro",
            "Estado de aprobación", "ID de origen",
        ),
        form=("País/región", "Nombre de la empresa", "Cargo"),
        roles={"host": "Anfitrión", "panelist": "Panelista", "attendee": "Asistente"},
        statuses={"approved": "Aprobado", "cancelled": "Cancelado", "denied": "Rechazado",
                  "pending": "Pendiente"},
        connections=(
            "Aplicación de escritorio", "Aplicación web", "Aplicación móvil",
            "Aplicación de escritorio", "Teléfono",
        ),
        breakout="Sala 1",
        units=("h", "min"),
    ),
}  # fmt: skip
_SOURCES = ("", "", "", "newsletter", "website", "partner")


def _english_time(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    ampm = "AM" if moment.hour < 12 else "PM"
    return (
        f"{moment.month:02d}/{moment.day:02d}/{moment.year} "
        f"{hour:02d}:{moment.minute:02d}:{moment.second:02d} {ampm}"
    )


def _spanish_time(moment: datetime) -> str:
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year} {moment:%H:%M:%S}"


def _render(language: str) -> Callable[[datetime], str]:
    return _spanish_time if language == "es" else _english_time


def _duration(seconds: int, units: tuple[str, str]) -> str:
    """'1 hr 20 min', '38 min' (Spanish '1 h 20 min'): whole minutes, rounded."""
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} {units[0]} {minutes} {units[1]}" if hours else f"{minutes} {units[1]}"


def report_language(detail: WebinarDetail, registration: bool) -> str:
    """:func:`download_language` from the dates the export shows (Webex writes no
    generated time): the registration export the start and every registration
    time, the attendance export only the webinar's day."""
    webinar = detail.webinar
    start = webinar.start
    shown: Iterable[datetime]
    if registration:  # lazy: most downloads are English, nothing to settle
        shown = chain([start], (start + timedelta(seconds=r.at) for r in detail.registrations))
    else:
        shown = [webinar.actual_start]
    return download_language(webinar, shown)


def attendance_report(
    detail: WebinarDetail, language: str
) -> tuple[bytes, dict[str, int], list[tuple[int, str]]]:
    """(bytes, data rows per role, rejected rows as (line, reason))."""
    webinar = detail.webinar
    words = _WORDS[language]
    render = _render(language)
    clock = OffsetClock(webinar.actual_start, render)
    length = webinar.actual_minutes * 60
    meeting = cells([webinar.title, webinar.platform_id, clock(0), clock(length)])
    main = cells([webinar.title])
    lines = [cells(words.attendance_columns)]
    counts = {"host": 0, "panelist": 0, "attendee": 0, "breakout": 0}
    rejected: list[tuple[int, str]] = []
    connections = words.connections

    def add(
        session: str,
        name: str,
        email: str,
        join: str,
        leave: str,
        seconds: int,
        role: str,
        n: int,
    ) -> int:
        connection = connections[n % len(connections)]
        lines.append(
            f"{meeting},{session},{cells([name, email])},{join},{leave},"
            f"{_duration(seconds, words.units)},{cells([role, connection])}"
        )
        return len(lines)

    n = 0
    for key, people in (("host", detail.hosts), ("panelist", detail.panelists)):
        for p in people:
            for join, leave in p.sessions:
                add(main, p.name, p.email, clock(join), clock(leave), leave - join,
                    words.roles[key], n)  # fmt: skip
                counts[key] += 1
            n += 1
    role = words.roles["attendee"]
    for att in detail.attendances:
        name = att.person.name if att.person is not None else ""
        for join, leave in att.sessions:
            line = add(main, name, att.email, clock(join), clock(leave), leave - join, role, n)
            counts["attendee"] += 1
            if att.person is None:
                rejected.append((line, NO_NAME_ATTENDEE))
        if att.breakout is not None:
            enter, leave = att.breakout
            line = add(
                cells([words.breakout]), name, att.email, clock(enter), clock(leave),
                leave - enter, role, n,
            )  # fmt: skip
            counts["breakout"] += 1
            rejected.append((line, "breakout session: only the main session counts"))
        for _ in range(att.garbage_rows):
            join, leave = att.sessions[-1]
            line = add(main, name, att.email, UNREADABLE_TIME, clock(leave), leave - join, role, n)
            counts["attendee"] += 1
            rejected.append((line, UNREADABLE_JOIN))
        n += 1
    return file_bytes(lines), counts, rejected


def _registration_rows(detail: WebinarDetail, language: str) -> tuple[list[str], list[list[str]]]:
    """The registrant table's header and rows, unescaped."""
    webinar = detail.webinar
    words = _WORDS[language]
    render = _render(language)
    registered_at = OffsetClock(webinar.start, render)
    country, company, job_title = words.form
    header = [*words.registration_columns, country, company, job_title,
              vocab.QUESTIONS[webinar.language][2]]  # fmt: skip
    rows = []
    for i, reg in enumerate(detail.registrations):
        answer_country, organization, sector, title = reg.answers
        rows.append(
            [reg.first, reg.last, reg.email, registered_at(reg.at), words.statuses[reg.status],
             _SOURCES[i % len(_SOURCES)], answer_country, organization, title, sector]
        )  # fmt: skip
    return header, rows


def registration_report(
    detail: WebinarDetail, language: str, admin: bool
) -> tuple[bytes, int, list[tuple[int, str]]]:
    """(bytes, data rows, rejected rows): the host's CSV, or the admin UTF-16 export."""
    webinar = detail.webinar
    words = _WORDS[language]
    render = _render(language)
    header, rows = _registration_rows(detail, language)
    start = render(webinar.start)
    if admin:
        # Site Administration: one flat table, the webinar named on every row.
        meeting = [webinar.title, webinar.platform_id, start]
        lines = [cells([*words.webinar_labels, *header], "\t")]
        above = len(lines)
        lines += [cells([*meeting, *row], "\t") for row in rows]
        data = file_bytes(lines, "utf-16-le", bom=True)
    else:
        name, number, start_label = words.webinar_labels
        lines = [cells([name, webinar.title]), cells([number, webinar.platform_id]),
                 cells([start_label, start]), "", cells(header)]  # fmt: skip
        above = len(lines)
        lines += [cells(row) for row in rows]
        data = file_bytes(lines)
    rejected = [
        (above + n, NO_NAME_REGISTRATION)
        for n, reg in enumerate(detail.registrations, start=1)
        if reg.person is None
    ]
    return data, len(rows), rejected


def planned_files(webinar: Webinar, seed: int) -> list[PlannedFile]:
    """The attendance export and one registration export (host CSV or admin UTF-16)."""
    rng = random.Random(f"{seed}/webex-files/{webinar.index}")
    slug = title_slug(webinar.title)
    digits = webinar.platform_id.replace(" ", "")
    day = webinar.start.date().isoformat()
    attendance = (
        f"{slug}_attendance_report.csv" if rng.random() < 0.6 else f"Attendance_{digits}.csv"
    )
    if rng.random() < 0.5:
        registration = PlannedFile(
            REGISTRATION_ADMIN,
            f"RegistrationReport_{day}.csv",
            webinar.registration_report_at,
        )
    else:
        registration = PlannedFile(
            REGISTRATION_REPORT, f"{slug}_registration_report.csv", webinar.registration_report_at
        )
    return [PlannedFile(ATTENDANCE_REPORT, attendance, webinar.attendee_report_at), registration]


def write_webinar(detail: WebinarDetail, out_dir: Path, paths: dict[str, str]) -> list[WrittenFile]:
    """Write one webinar's exports to ``paths`` (kind -> relative path); say what was written."""
    webinar = detail.webinar
    language = report_language(detail, registration=False)
    data, counts, rejected = attendance_report(detail, language)
    attendance = save_export(
        out_dir, paths[ATTENDANCE_REPORT], data, webinar,
        kind=ATTENDANCE_REPORT, layout="webex_host_attendance", report_type=ATTENDANCE,
        language=language, rows=counts, rejected=rejected,
    )  # fmt: skip

    admin = REGISTRATION_ADMIN in paths
    kind = REGISTRATION_ADMIN if admin else REGISTRATION_REPORT
    reg_language = report_language(detail, registration=True)
    data, rows, rejected = registration_report(detail, reg_language, admin)
    registration = save_export(
        out_dir, paths[kind], data, webinar,
        kind=kind, layout="webex_admin_registration" if admin else "webex_host_registration",
        report_type=REGISTRATION, language=reg_language, rows=rows, rejected=rejected,
    )  # fmt: skip
    return [attendance, registration]
