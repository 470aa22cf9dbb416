"""Microsoft Teams webinar attendance reports (2022+ sectioned layout), as Teams writes them.

The one export of a partner-hosted Teams episode, after export-formats.md
§4.1 (the April 2023 en-US webinar sample) and ``tests/fixtures/teams``:

* UTF-16 LE with a byte-order mark, TAB-separated although named ``.csv``,
  CRLF; English downloads pad every row with tabs to the 12 columns of the
  participants table, as the sample does;
* ``1. Summary`` (title, registration counts, start and end, duration),
  ``2. Participants`` (one row per person: first join, last leave, total
  time, e-mail, UPN, role, and for a webinar the registration columns) and
  ``3. In-Meeting Activities`` (one row per join session);
* dates as the downloader's locale writes them, quoted because of their
  comma: en-US ``"4/17/23, 7:29:57 PM"``, Spanish ``"17/4/23, 19:29:57"``;
  durations as text (``1h 13m 26s``; Spanish ``1 h 13 min 26 s``);
* roles ``Organizer`` (the partner's account), ``Presenter`` (the panel),
  ``Attendee``; guests without an account are ``Name (Guest)`` with no
  e-mail and no UPN;
* the summary's start is when the organiser opened the meeting (the sample's
  'Start time' is the organiser's first join), its end the last leave.

What the report does not have (and ``platforms.TRAITS`` tells the truth):
registrants who never joined, cancelled registrations, the registration
form's answers and any country.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipeline.demo.model import APPROVED, Registration, Webinar, WebinarDetail
from pipeline.demo.output import (
    ATTENDANCE,
    OffsetClock,
    PlannedFile,
    WrittenFile,
    cells,
    file_bytes,
    save_export,
    title_slug,
)
from pipeline.demo.platforms import TEAMS

PLATFORM = TEAMS
ATTENDANCE_REPORT = "teams_attendance_report"
LAYOUT = "teams_2022_webinar"
_WIDTH = 12  # the participants table's columns: English rows are padded to it


@dataclass(frozen=True, slots=True)
class _Words:
    """Labels of one interface language (quirks as data; headers/teams.csv knows them)."""

    summary: str
    title: str
    page_views: str
    registered: str
    cancelled: str
    attended: str
    start: str
    end: str
    duration: str
    average: str
    participants: str
    participant_columns: tuple[str, ...]
    activities: str
    activity_columns: tuple[str, ...]
    organizer: str
    presenter: str
    attendee: str
    guest: str
    registered_status: str
    hms: tuple[str, str, str]  # hour, minute and second units of a duration
    report_name: str


_WORDS = {
    "en": _Words(
        summary="1. Summary",
        title="Meeting title",
        page_views="Registration page views",
        registered="Registered participants",
        cancelled="Canceled registrations",
        attended="Attended participants",
        start="Start time",
        end="End time",
        duration="Meeting duration",
        average="Average attendance time",
        participants="2. Participants",
        participant_columns=(
            "Name", "First Join", "Last Leave", "In-Meeting Duration", "Email",
            "Participant ID (UPN)", "Role", "Registration First Name", "Registration Last Name",
            "Registration Email", "Registration Time", "Registration Status",
        ),
        activities="3. In-Meeting Activities",
        activity_columns=("Name", "Join Time", "Leave Time", "Duration", "Email", "Role"),
        organizer="Organizer",
        presenter="Presenter",
        attendee="Attendee",
        guest="Guest",
        registered_status="Registered",
        hms=("h", "m", "s"),
        report_name="Attendance report",
    ),
    "es": _Words(
        summary="1. Resumen",
        title="Título de la reunión",
        page_views="Vistas de la página de registro",
        registered="Participantes registrados",
        cancelled="Registros cancelados",
        attended="Participantes que asistieron",
        start="Hora de inicio",
        end="Hora de finalización",
        duration="Duración de la reunión",
        average="Tiempo medio de asistencia",
        participants="2. Participantes",
        participant_columns=(
            "Nombre", "Primera unión", "Última salida", "Duración en la reunión",
            "Correo electrónico", "Id. de participante (UPN)", "Rol", "Nombre de registro",
            "Apellido de registro", "Correo electrónico de registro", "Hora de registro",
            "Estado del registro",
        ),
        activities="3. Actividades en la reunión",
        activity_columns=(
            "Nombre", "Hora de unión", "Hora de salida", "Duración", "Correo electrónico", "Rol",
        ),
        organizer="Organizador",
        presenter="Moderador",
        attendee="Asistente",
        guest="Invitado",
        registered_status="Registrado",
        hms=(" h", " min", " s"),
        report_name="Informe de asistencia",
    ),
}  # fmt: skip


def _english_time(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    ampm = "AM" if moment.hour < 12 else "PM"
    return (
        f'"{moment.month}/{moment.day}/{moment.year % 100:02d}, '
        f'{hour}:{moment.minute:02d}:{moment.second:02d} {ampm}"'
    )


def _spanish_time(moment: datetime) -> str:
    return f'"{moment.day}/{moment.month}/{moment.year % 100:02d}, {moment:%H:%M:%S}"'


def _duration(seconds: int, units: tuple[str, str, str]) -> str:
    """'1h 13m 26s', '55m', '59s' (zero parts left out, as in the sample)."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{n}{u}" for n, u in zip((hours, minutes, secs), units, strict=True) if n]
    return " ".join(parts) or f"0{units[2]}"


@dataclass(slots=True)
class _Person:
    """One row of '2. Participants' and that person's sessions.

    Its Participant ID (UPN) is the account's e-mail: a guest has neither.
    """

    name: str
    email: str
    role: str
    sessions: list[tuple[int, int]]
    registration: Registration | None = None


def _people(detail: WebinarDetail, words: _Words) -> list[_Person]:
    """Organiser, presenters, then the audience in the order they registered."""
    people = [_Person(h.name, h.email, words.organizer, h.sessions) for h in detail.hosts]
    for p in detail.panelists:
        people.append(_Person(p.name, p.email, words.presenter, p.sessions))
    for att in detail.attendances:
        person = att.person
        assert person is not None, "Teams lists no one without a name or an e-mail"
        if person.email is None:  # no account: a guest, known by name only
            people.append(
                _Person(f"{person.name} ({words.guest})", "", words.attendee, att.sessions)
            )
            continue
        people.append(
            _Person(person.name, att.email, words.attendee, att.sessions, att.registration)
        )
    return people


def attendance_report(detail: WebinarDetail, language: str) -> tuple[bytes, dict[str, int]]:
    """(UTF-16 bytes, data rows per section)."""
    webinar = detail.webinar
    words = _WORDS[language]
    render = _spanish_time if language == "es" else _english_time
    clock = OffsetClock(webinar.actual_start, render)
    registered_at = OffsetClock(webinar.start, render)
    people = _people(detail, words)
    first = min(s[0] for p in people for s in p.sessions)
    last = max(s[1] for p in people for s in p.sessions)
    attended_seconds = [sum(b - a for a, b in p.sessions) for p in people]
    approved = {r.person.pid for r in detail.registrations if r.status == APPROVED and r.person}
    cancelled = sum(1 for r in detail.registrations if r.status == "cancelled")
    lines: list[str] = []
    pad = language == "en"

    def row(values: list[str]) -> None:
        """A TAB row of plain values, padded with tabs in English downloads."""
        line = cells(values, "\t")
        if pad and len(values) < _WIDTH:
            line += "\t" * (_WIDTH - len(values))
        lines.append(line)

    def summary(label: str, value: str, quoted: bool = False) -> None:
        lines.append(
            cells([label], "\t")
            + "\t"
            + (value if quoted else cells([value], "\t"))
            + ("\t" * (_WIDTH - 2) if pad else "")
        )

    row([words.summary])
    summary(words.title, webinar.title)
    summary(words.page_views, str(len(approved) * 3 + cancelled))
    summary(words.registered, str(len(approved)))
    summary(words.cancelled, str(cancelled))
    summary(words.attended, str(len(people)))
    summary(words.start, clock(first), quoted=True)
    summary(words.end, clock(last), quoted=True)
    summary(words.duration, _duration(last - first, words.hms))
    summary(words.average, _duration(sum(attended_seconds) // len(people), words.hms))
    row([""])
    row([words.participants])
    row(list(words.participant_columns))
    for person, seconds in zip(people, attended_seconds, strict=True):
        joined = clock(min(s[0] for s in person.sessions))
        left = clock(max(s[1] for s in person.sessions))
        duration = _duration(seconds, words.hms)
        head = "\t".join(
            [cells([person.name], "\t"), joined, left,
             cells([duration, person.email, person.email, person.role], "\t")]
        )  # fmt: skip
        reg = person.registration
        if reg is not None:
            tail = "\t" + "\t".join(
                [cells([reg.first, reg.last, reg.email], "\t"), registered_at(reg.at),
                 words.registered_status]
            )  # fmt: skip
        else:
            tail = "\t" * 5 if pad else ""  # the Spanish sample stops at the role
        lines.append(head + tail)
    row([""])
    row([words.activities])
    row(list(words.activity_columns))
    sessions = 0
    for person in people:
        name = cells([person.name], "\t")
        tail = cells([person.email, person.role], "\t")
        for join, leave in person.sessions:
            line = "\t".join(
                [name, clock(join), clock(leave), _duration(leave - join, words.hms), tail]
            )
            if pad:
                line += "\t" * (_WIDTH - 6)
            lines.append(line)
            sessions += 1
    data = file_bytes(lines, "utf-16-le", bom=True)
    return data, {"participants": len(people), "activities": sessions}


def planned_files(webinar: Webinar, seed: int) -> list[PlannedFile]:
    """One attendance report, named the way Teams names it (or a staff shortening)."""
    rng = random.Random(f"{seed}/teams-files/{webinar.index}")
    words = _WORDS[webinar.download_language]
    day = webinar.start
    stamp = (
        f"{day.day}-{day.month}-{day.year % 100:02d}"
        if webinar.download_language == "es"
        else f"{day.month}-{day.day}-{day.year % 100:02d}"
    )
    slug = title_slug(webinar.title, 60)
    name = (
        f"{slug} - {words.report_name} {stamp}.csv"
        if rng.random() < 0.8
        else f"meetingAttendanceReport({slug}).csv"
    )
    return [PlannedFile(ATTENDANCE_REPORT, name, webinar.attendee_report_at)]


def write_webinar(detail: WebinarDetail, out_dir: Path, paths: dict[str, str]) -> list[WrittenFile]:
    """Write the webinar's attendance report to ``paths``; say what was written."""
    webinar = detail.webinar
    # Teams reads an ambiguous Spanish date day-first by the download's language,
    # so a Spanish download never needs an English fallback.
    language = webinar.download_language
    data, counts = attendance_report(detail, language)
    attendance = save_export(
        out_dir, paths[ATTENDANCE_REPORT], data, webinar,
        kind=ATTENDANCE_REPORT, layout=LAYOUT, report_type=ATTENDANCE, language=language,
        rows=counts,
    )  # fmt: skip
    return [attendance]
