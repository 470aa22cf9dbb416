"""GoTo Webinar Attendee and Registrant reports, as the pipeline's GoTo adapter reads real ones.

The shape follows export-formats.md §2 (the 2012 attendee report pasted
publicly) and ``tests/fixtures/goto/make_fixtures.py``:

* a title row with 'GoToWebinar' in its fourth cell, then labels and their
  values on alternating rows with an empty spacer column between them
  ('Webinar Name,,Webinar ID' / '"<title>",,512-345-678'), every row padded
  with commas to the table width, UTF-8 without a byte-order mark, CRLF;
* 'Session Details', then the table: an EMPTY column right after 'Attended',
  'Interest Rating', trailing spaces in 'Actual Duration (minutes) ' and
  'In Session Duration* (minutes) ', decimal minutes ('58.53'), times to the
  minute with a zone abbreviation ('Mar 22, 2025 10:02 AM EDT');
* the registration form's fields after the times: GoTo's standard 'Country',
  'Organization' and 'Job Title' and the series' own sector question;
* registrants who never joined are 'Attended' = 'No' rows with no times;
  panelists and organisers in their own sections (as in the fixture: the
  current layout is unverified, §2 "low" confidence);
* one row per join, each repeating the registration (the adapter's
  'sessions' layout);
* some reports downloaded as Excel workbooks ('reports download as Excel or
  CSV', §2): the same rows, times as text, counts and minutes as numbers
  (``xlsx.py``).

Spanish downloads translate the labels into the words ``headers/goto.csv``
knows and write day-first dates ('16/03/2021 10:49 EDT').
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.demo import vocab, xlsx
from pipeline.demo.model import (
    APPROVED,
    SERIES_TIMEZONE,
    Appearance,
    Attendance,
    Webinar,
    WebinarDetail,
)
from pipeline.demo.output import (
    ATTENDANCE,
    NO_NAME_ATTENDEE,
    NO_NAME_REGISTRATION,
    REGISTRATION,
    UNREADABLE_JOIN_LEAVE,
    UNREADABLE_TIME,
    OffsetClock,
    PlannedFile,
    WrittenFile,
    cells,
    file_bytes,
    first_registrations,
    report_language,
    save_export,
    title_slug,
    us_date,
)
from pipeline.demo.platforms import GOTO

PLATFORM = GOTO
ATTENDEE_REPORT = "goto_attendee_report"
REGISTRANT_REPORT = "goto_registrant_report"
LAYOUT = "goto_sessions"

Cell = xlsx.Cell


@dataclass(frozen=True, slots=True)
class _Words:
    """Labels of one interface language (quirks as data)."""

    attendee_title: str
    registrant_title: str
    generated: str
    general: str
    name_id: tuple[str, str]
    actual: tuple[str, str]
    scheduled: tuple[str, str]
    clicks: tuple[str, str] | None  # labels headers/goto.csv has no translation for
    total_attended: str
    total_registrants: str
    sessions: str
    panelists: str
    organizers: str
    registrants: str
    table: tuple[str, ...]  # Attended .. In Session Duration* (minutes)
    tail: tuple[str, str]  # Unsubscribed, Questions Asked by Attendee
    form: tuple[str, str, str]  # Country, Organization, Job Title
    registrant_table: tuple[str, ...]  # First Name .. Status
    yes: str
    no: str
    statuses: dict[str, str]


_WORDS = {
    "en": _Words(
        attendee_title="Attendee Report",
        registrant_title="Registrant Report",
        generated="Generated",
        general="General Information",
        name_id=("Webinar Name", "Webinar ID"),
        actual=("Actual Start Date/Time", "Actual Duration (minutes) "),
        scheduled=("Scheduled Start Date/Time", "Scheduled Duration (minutes)"),
        clicks=("Clicked Registration Link", "Opened Invitation"),
        total_attended="Total Attended",
        total_registrants="Total Registrants",
        sessions="Session Details",
        panelists="Panelist Details",
        organizers="Organizer Details",
        registrants="Registrants",
        table=(
            "Attended", "", "Interest Rating", "First Name", "Last Name", "Email",
            "Registration Date", "Join Time", "Leave Time", "In Session Duration* (minutes) ",
        ),
        tail=("Unsubscribed", "Questions Asked by Attendee"),
        form=("Country", "Organization", "Job Title"),
        registrant_table=("First Name", "Last Name", "Email", "Registration Date", "Status"),
        yes="Yes",
        no="No",
        statuses={"approved": "Registered", "cancelled": "Cancelled", "denied": "Denied",
                  "pending": "Waiting"},
    ),
    "es": _Words(
        attendee_title="Informe de asistentes",
        registrant_title="Informe de registrados",
        generated="Generado",
        general="Información general",
        name_id=("Nombre del webinar", "ID del webinar"),
        actual=("Fecha/hora de inicio real", "Duración real (minutos)"),
        scheduled=("Fecha/hora de inicio programada", "Duración programada (minutos)"),
        clicks=None,
        total_attended="Total de asistentes",
        total_registrants="Total de registrados",
        sessions="Detalles de la sesión",
        panelists="Detalles de los panelistas",
        organizers="Detalles del organizador",
        registrants="Registrados",
        table=(
            "Asistió", "", "Índice de interés", "Nombre", "Apellido", "Correo electrónico",
            "Fecha de registro", "Hora de entrada", "Hora de salida",
            "Duración en la sesión (minutos)",
        ),
        tail=("Canceló la suscripción", "Preguntas del asistente"),
        form=("País", "Organización", "Cargo"),
        registrant_table=("Nombre", "Apellido", "Correo electrónico", "Fecha de registro",
                          "Estado"),
        yes="Sí",
        no="No",
        statuses={"approved": "Registrado", "cancelled": "Cancelado", "denied": "Denegado",
                  "pending": "Pendiente"},
    ),
}  # fmt: skip


@cache
def _zone() -> ZoneInfo:
    return ZoneInfo(SERIES_TIMEZONE)


def _render(language: str) -> Callable[[datetime], str]:
    """GoTo times: to the minute, with the zone's abbreviation (GoTo writes 'EDT')."""

    def english(moment: datetime) -> str:
        hour = moment.hour % 12 or 12
        ampm = "AM" if moment.hour < 12 else "PM"
        zone = _zone().tzname(moment)
        return f"{us_date(moment)} {hour:02d}:{moment.minute:02d} {ampm} {zone}"

    def spanish(moment: datetime) -> str:
        zone = _zone().tzname(moment)
        return f"{moment.day:02d}/{moment.month:02d}/{moment.year} {moment:%H:%M} {zone}"

    return spanish if language == "es" else english


def _minutes(join: int, leave: int) -> float:
    """GoTo's decimal minutes ('58.53'): from the real seconds, though times show minutes."""
    return round((leave - join) / 60, 2)


def _interest(att: Attendance, length: int) -> int:
    """GoTo's 1-100 interest rating; here simply the share of the webinar attended."""
    seconds = sum(leave - join for join, leave in att.sessions)
    return max(1, min(100, 15 + round(85 * seconds / max(1, length))))


class _Rows:
    """Rows of cells, padded to the table width when written (GoTo pads every row)."""

    def __init__(self) -> None:
        self.rows: list[list[Cell]] = []

    def add(self, *values: Cell) -> int:
        self.rows.append(list(values))
        return len(self.rows)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def to_csv(rows: list[list[Cell]]) -> bytes:
    """Comma-separated, every row padded with empty cells to the widest, CRLF, no BOM."""
    pad = [""] * max(len(row) for row in rows)
    return file_bytes([cells([_text(v) for v in row] + pad[len(row) :]) for row in rows])


def _questions(webinar: Webinar, words: _Words) -> tuple[str, str, str, str]:
    """GoTo's standard fields in the download's language; the sector question as asked."""
    country, organization, job_title = words.form
    return (country, organization, vocab.QUESTIONS[webinar.language][2], job_title)


def _preamble(rows: _Rows, words: _Words, title: str, webinar: Webinar, generated: str) -> None:
    rows.add(title, None, None, "GoToWebinar")
    rows.add(words.generated)
    rows.add(generated)
    rows.add(words.general)
    rows.add(words.name_id[0], None, words.name_id[1])
    rows.add(webinar.title, None, webinar.platform_id)


def attendee_report(
    detail: WebinarDetail, language: str
) -> tuple[list[list[Cell]], dict[str, int], list[tuple[int, str]]]:
    """(rows, data rows per section, rejected rows as (line, reason))."""
    webinar = detail.webinar
    words = _WORDS[language]
    render = _render(language)
    clock = OffsetClock(webinar.actual_start, render)
    registered_at = OffsetClock(webinar.start, render)
    length = webinar.actual_minutes * 60
    questions = _questions(webinar, words)
    header = [*words.table, *questions, *words.tail]
    no_answers: list[Cell] = [None] * len(questions)
    rows = _Rows()
    counts = {"attendee": 0, "panelist": 0, "organizer": 0}
    rejected: list[tuple[int, str]] = []

    first_registration = first_registrations(detail)
    audience = [a for a in detail.attendances if a.person is not None]
    _preamble(rows, words, words.attendee_title, webinar, render(webinar.attendee_report_at))
    rows.add(words.actual[0], None, words.actual[1])
    rows.add(render(webinar.actual_start), None, webinar.actual_minutes)
    if words.clicks:
        rows.add(words.clicks[0], None, words.clicks[1])
        rows.add(len(first_registration) * 3, None, len(first_registration) * 2)
    rows.add(words.total_attended)
    rows.add(len(audience))
    rows.add(words.sessions)
    rows.add(*header)

    attended: dict[int, Attendance] = {
        a.person.pid: a for a in detail.attendances if a.person is not None and a.registration
    }
    yes, no = words.yes, words.no
    for reg in first_registration:
        assert reg.person is not None
        who: list[Cell] = [reg.first, reg.last, reg.email, registered_at(reg.at)]
        answers: list[Cell] = [reg.answers[0], reg.answers[1], reg.answers[2], reg.answers[3]]
        att = attended.get(reg.person.pid)
        if att is None:
            rows.add(no, None, None, *who, None, None, None, *answers, no, None)
            counts["attendee"] += 1
            continue
        rating = _interest(att, length)
        for join, leave in att.sessions:
            rows.add(
                yes, None, rating, *who, clock(join), clock(leave), _minutes(join, leave),
                *answers, no, None,
            )  # fmt: skip
        counts["attendee"] += len(att.sessions)
        for _ in range(att.garbage_rows):
            join, leave = att.sessions[-1]
            line = rows.add(
                yes, None, rating, *who, UNREADABLE_TIME, UNREADABLE_TIME,
                _minutes(join, leave), *answers, no, None,
            )  # fmt: skip
            counts["attendee"] += 1
            rejected.append((line, UNREADABLE_JOIN_LEAVE))
    for att in detail.attendances:
        if att.registration is not None:
            continue
        person = att.person
        first, last = (person.first, person.last) if person else (None, None)
        rating = _interest(att, length)
        for join, leave in att.sessions:
            line = rows.add(
                yes, None, rating, first, last, att.email or None, None, clock(join),
                clock(leave), _minutes(join, leave), *no_answers, no, None,
            )  # fmt: skip
            counts["attendee"] += 1
            if person is None:
                rejected.append((line, NO_NAME_ATTENDEE))

    def staff(section: str, key: str, people: Sequence[Appearance]) -> None:
        rows.add(section)
        rows.add(*header)
        for p in people:
            first, _, last = p.name.partition(" ")
            for join, leave in p.sessions:
                rows.add(
                    yes, None, None, first, last, p.email, None, clock(join), clock(leave),
                    _minutes(join, leave), *no_answers, None, None,
                )  # fmt: skip
                counts[key] += 1

    staff(words.panelists, "panelist", detail.panelists)
    staff(words.organizers, "organizer", detail.hosts)
    return rows.rows, counts, rejected


def registrant_report(
    detail: WebinarDetail, language: str
) -> tuple[list[list[Cell]], int, list[tuple[int, str]]]:
    """(rows, data rows, rejected rows as (line, reason))."""
    webinar = detail.webinar
    words = _WORDS[language]
    render = _render(language)
    registered_at = OffsetClock(webinar.start, render)
    rows = _Rows()
    rejected: list[tuple[int, str]] = []
    approved = sum(1 for r in detail.registrations if r.status == APPROVED)
    _preamble(rows, words, words.registrant_title, webinar, render(webinar.registration_report_at))
    rows.add(words.scheduled[0], None, words.scheduled[1])
    rows.add(render(webinar.start), None, webinar.scheduled_minutes)
    rows.add(words.total_registrants)
    rows.add(approved)
    rows.add(words.registrants)
    rows.add(*words.registrant_table, *_questions(webinar, words))
    for reg in detail.registrations:
        line = rows.add(
            reg.first or None, reg.last or None, reg.email or None, registered_at(reg.at),
            words.statuses[reg.status], *(a or None for a in reg.answers),
        )  # fmt: skip
        if reg.person is None:
            rejected.append((line, NO_NAME_REGISTRATION))
    return rows.rows, len(detail.registrations), rejected


def planned_files(webinar: Webinar, seed: int) -> list[PlannedFile]:
    """Both reports, as downloaded: CSV, or now and then an Excel workbook."""
    rng = random.Random(f"{seed}/goto-files/{webinar.index}")
    slug = title_slug(webinar.title)
    digits = webinar.platform_id.replace("-", "")
    attendee_ext = "xlsx" if rng.random() < 0.35 else "csv"
    registrant_ext = "xlsx" if rng.random() < 0.2 else "csv"
    attendee = (
        f"{slug} - Attendee Report.{attendee_ext}"
        if rng.random() < 0.6
        else f"attendee_report_{digits}.{attendee_ext}"
    )
    registrant = (
        f"{slug} - Registrant Report.{registrant_ext}"
        if rng.random() < 0.6
        else f"registrants_{digits}.{registrant_ext}"
    )
    return [
        PlannedFile(ATTENDEE_REPORT, attendee, webinar.attendee_report_at),
        PlannedFile(REGISTRANT_REPORT, registrant, webinar.registration_report_at),
    ]


def _download(
    rows: list[list[Cell]], path: str, sheet: str, stamped: datetime
) -> tuple[bytes, str]:
    """A report's bytes and layout: an Excel workbook or a CSV, as its file name says."""
    if path.endswith(".xlsx"):
        return xlsx.workbook(rows, sheet, stamped), f"{LAYOUT}_xlsx"
    return to_csv(rows), f"{LAYOUT}_csv"


def write_webinar(detail: WebinarDetail, out_dir: Path, paths: dict[str, str]) -> list[WrittenFile]:
    """Write one webinar's reports to ``paths`` (kind -> relative path); say what was written."""
    webinar = detail.webinar
    language = report_language(detail, registration=False)
    rows, counts, rejected = attendee_report(detail, language)
    path = paths[ATTENDEE_REPORT]
    data, layout = _download(rows, path, "Attendee Report", webinar.attendee_report_at)
    attendee = save_export(
        out_dir, path, data, webinar,
        kind=ATTENDEE_REPORT, layout=layout, report_type=ATTENDANCE, language=language,
        rows=counts, rejected=rejected,
    )  # fmt: skip

    reg_language = report_language(detail, registration=True)
    rows, registrations, rejected = registrant_report(detail, reg_language)
    path = paths[REGISTRANT_REPORT]
    data, layout = _download(rows, path, "Registrant Report", webinar.registration_report_at)
    registrant = save_export(
        out_dir, path, data, webinar,
        kind=REGISTRANT_REPORT, layout=layout, report_type=REGISTRATION, language=reg_language,
        rows=registrations, rejected=rejected,
    )  # fmt: skip
    return [attendee, registrant]
