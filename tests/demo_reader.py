"""A small reader of the demo's exports, written for the generator's tests only.

It shares no code with the pipeline's readers and adapters (and none with the
generator's writers), so when a recount from the files disagrees with the
manifest the fault is in the generator, not in the code the demo tests.
Each platform's file becomes one :class:`Report`: who was there in which
role, who registered, and which country texts the file shows for a person.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

# Spanish downloads, word for word into English (values included: 'Sí', 'aprobado').
_ES = {
    # Zoom
    "Informe de asistentes": "Attendee Report",
    "Informe de registro": "Registration Report",
    "Detalles del anfitrión": "Host Details",
    "Detalles del panelista": "Panelist Details",
    "Detalles del asistente": "Attendee Details",
    "Otros asistentes": "Other Attended",
    "Asistió": "Attended",
    "Nombre de usuario (nombre original)": "User Name (Original Name)",
    "Nombre": "First Name",
    "Apellido": "Last Name",
    "Correo electrónico": "Email",
    "Hora de registro": "Registration Time",
    "Estado de aprobación": "Approval Status",
    "Hora para unirse": "Join Time",
    "Hora para salir": "Leave Time",
    "Nombre del país/región": "Country/Region Name",
    "Tema": "Topic",
    "ID del seminario web": "Webinar ID",
    "Hora de inicio real": "Actual Start Time",
    "Hora de inicio programada": "Scheduled Start Time",
    "Sí": "Yes",
    "aprobado": "approved",
    "cancelado": "cancelled",
    "denegado": "denied",
    "pendiente": "pending",
    # GoTo
    "Informe de registrados": "Registrant Report",
    "ID del webinar": "Webinar ID",
    "Fecha/hora de inicio real": "Actual Start Date/Time",
    "Fecha/hora de inicio programada": "Scheduled Start Date/Time",
    "Detalles de la sesión": "Session Details",
    "Detalles de los panelistas": "Panelist Details",
    "Detalles del organizador": "Organizer Details",
    "Registrados": "Registrants",
    "Fecha de registro": "Registration Date",
    "Hora de entrada": "Join Time",
    "Hora de salida": "Leave Time",
    "Estado": "Status",
    "Registrado": "Registered",
    "País": "Country",
    # Teams
    "1. Resumen": "1. Summary",
    "2. Participantes": "2. Participants",
    "3. Actividades en la reunión": "3. In-Meeting Activities",
    "Título de la reunión": "Meeting title",
    "Hora de inicio": "Start time",
    "Rol": "Role",
    "Organizador": "Organizer",
    "Moderador": "Presenter",
    "Asistente": "Attendee",
    "Id. de participante (UPN)": "Participant ID (UPN)",
    "Correo electrónico de registro": "Registration Email",
    "Estado del registro": "Registration Status",
    # Webex
    "Nombre de la reunión": "Meeting Name",
    "Número de reunión": "Meeting Number",
    "Hora de inicio de la reunión": "Meeting Start Time",
    "Nombre de la sesión": "Session Name",
    "Nombre para mostrar": "Display Name",
    "Correo electrónico del asistente": "Attendee Email",
    "Anfitrión": "Host",
    "Panelista": "Panelist",
    "Aprobado": "Approved",
    "Nombre del seminario web": "Webinar Name",
    "Número del seminario web": "Webinar Number",
    "Hora de inicio del seminario web": "Webinar Start Time",
    "País/región": "Country/Region",
}
_ES_TEAMS = {**_ES, "Nombre": "Name"}  # Teams' 'Nombre' is the display name, not a first name
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@dataclass
class Person:
    """One attendance row's person (one row per session, so people repeat)."""

    role: str  # host | panelist | attendee
    attended: bool
    email: str
    name: str
    readable: bool = True  # False: '##########' times or a breakout room
    countries: list[str] = field(default_factory=list)


@dataclass
class Report:
    path: str
    platform: str
    kind: str  # attendance | registration
    language: str
    key: str  # '<platform id>|<series-local date>'; Teams: '|<date>' until read_all()
    title: str
    data_rows: int = 0
    people: list[Person] = field(default_factory=list)
    registrations: list[tuple[str, str, str]] = field(default_factory=list)  # email, status, cty


def _en(cells: list[str], spanish: bool, words: dict[str, str] = _ES) -> list[str]:
    return [words.get(c, c) for c in cells] if spanish else cells


def rows_of(path: Path) -> list[list[str]]:
    """Every row of any export (CSV, UTF-16 TSV, XLSX), as text, one per physical line."""
    raw = path.read_bytes()
    if raw.startswith(b"PK"):
        sheet = load_workbook(io.BytesIO(raw), read_only=True).active
        out = []
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            out.append([c[:-2] if c.endswith(".0") else c for c in cells])
        width = max(len(r) for r in out)
        return [r + [""] * (width - len(r)) for r in out]  # a sheet's rows end at their data
    if raw.startswith(b"\xff\xfe"):
        return list(csv.reader(io.StringIO(raw[2:].decode("utf-16-le"), newline=""), "excel-tab"))
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _day(text: str, spanish: bool) -> date:
    """The date of any of the demo's date texts (month words, M/D/Y or D/M/Y numbers)."""
    text = text.strip().strip('"')
    word = text.split(" ")[0]
    if word in _MONTHS:  # 'Mar 5, 2024 10:00 AM' (Zoom, GoTo)
        return datetime.strptime(" ".join(text.split()[:3]), "%b %d, %Y").date()
    first, second, year = text.split(" ")[0].rstrip(",").split("/")
    day, month = (first, second) if spanish else (second, first)
    full = int(year) + (2000 if len(year) == 2 else 0)
    return date(full, int(month), int(day))


def _key(ident: str, day: date) -> str:
    return f"{ident}|{day.isoformat()}"


def _blank(row: list[str]) -> bool:
    return not any(c.strip() for c in row)


# --------------------------------------------------------------------------- Zoom


def _zoom(path: Path, rows: list[list[str]]) -> Report:
    spanish = rows[0][0] in ("Informe de asistentes", "Informe de registro")
    rows = [_en(r, spanish) for r in rows]
    meta = dict(zip(rows[2], rows[3], strict=False))
    attendance = rows[0][0] == "Attendee Report"
    start = meta["Actual Start Time" if attendance else "Scheduled Start Time"]
    report = Report(
        path.as_posix(),
        "zoom",
        "attendance" if attendance else "registration",
        "es" if spanish else "en",
        _key(meta["Webinar ID"], _day(start, spanish)),
        meta["Topic"],
    )
    roles = {
        "Host Details": "host",
        "Panelist Details": "panelist",
        "Attendee Details": "attendee",
        "Other Attended": "attendee",
    }
    role, header = None, None
    for row in rows[4:]:
        first = row[0].strip() if row else ""
        if first in roles:
            role, header = roles[first], None
        elif role is None and first == "First Name":
            role, header = "registrant", row
        elif role and header is None:
            header = row
        elif role and not _blank(row):
            report.data_rows += 1
            cells = dict(zip(header, row, strict=False))
            country = next((v for k, v in cells.items() if k in ("Country", "País")), "")
            if role == "registrant":
                report.registrations.append((cells["Email"], cells["Approval Status"], country))
                continue
            name = cells.get("User Name (Original Name)", "")
            if "(" in name:
                name = name[name.index("(") + 1 : -1]
            report.people.append(
                Person(
                    role,
                    cells["Attended"] == "Yes",
                    cells["Email"],
                    name,
                    not cells["Join Time"].startswith("#"),
                    [country, cells["Country/Region Name"]],
                )
            )
    return report


# --------------------------------------------------------------------------- GoTo


def _goto(path: Path, rows: list[list[str]]) -> Report:
    spanish = rows[0][0] in ("Informe de asistentes", "Informe de registrados")
    rows = [_en(r, spanish) for r in rows]
    attendance = rows[0][0] == "Attendee Report"
    ident = title = start = ""
    for i, row in enumerate(rows[:14]):
        if len(row) > 2 and row[2] == "Webinar ID":
            title, ident = rows[i + 1][0], rows[i + 1][2]
        if row[0] in ("Actual Start Date/Time", "Scheduled Start Date/Time"):
            start = rows[i + 1][0]
    report = Report(
        path.as_posix(),
        "goto",
        "attendance" if attendance else "registration",
        "es" if spanish else "en",
        _key(ident, _day(start, spanish)),
        title,
    )
    roles = {
        "Session Details": "attendee",
        "Panelist Details": "panelist",
        "Organizer Details": "host",
        "Registrants": "registrant",
    }
    role, header = None, None
    for row in rows:
        if _blank(row):
            continue
        if row[0] in roles and _blank(row[1:]):
            role, header = roles[row[0]], None
        elif role and header is None:
            header = row
        elif role:
            report.data_rows += 1
            cells = dict(zip(header, row, strict=False))
            if role == "registrant":
                report.registrations.append((cells["Email"], cells["Status"], cells["Country"]))
                continue
            report.people.append(
                Person(
                    role,
                    cells["Attended"] == "Yes",
                    cells["Email"],
                    f"{cells['First Name']} {cells['Last Name']}".strip(),
                    not cells["Join Time"].startswith("#"),
                    [cells["Country"]],
                )
            )
            if role == "attendee" and cells["Registration Date"]:
                report.registrations.append((cells["Email"], "Registered", cells["Country"]))
    return report


# --------------------------------------------------------------------------- Teams


def _teams(path: Path, rows: list[list[str]]) -> Report:
    spanish = rows[0][0] == "1. Resumen"
    rows = [_en(r, spanish, _ES_TEAMS) for r in rows]
    summary = {r[0]: r[1] for r in rows[1:10] if len(r) > 1}
    report = Report(
        path.as_posix(),
        "teams",
        "attendance",
        "es" if spanish else "en",
        _key("", _day(summary["Start time"], spanish)),
        summary["Meeting title"],
    )
    roles = {"Organizer": "host", "Presenter": "panelist", "Attendee": "attendee"}
    section, header = None, None
    for row in rows:
        if _blank(row):
            continue
        if row[0] in ("1. Summary", "2. Participants", "3. In-Meeting Activities"):
            section, header = row[0], None
        elif section != "1. Summary" and header is None:
            header = row
        elif section == "2. Participants":
            report.data_rows += 1
            cells = dict(zip(header, row, strict=False))
            email = cells.get("Email") or cells.get("Participant ID (UPN)", "")
            name = cells["Name"]
            if name.endswith(")"):  # ' (Guest)' / ' (Invitado)'
                name = name[: name.rindex(" (")]
            report.people.append(Person(roles[cells["Role"]], True, email, name))
            if cells.get("Registration Status"):
                report.registrations.append((cells["Registration Email"], "Registered", ""))
        elif section == "3. In-Meeting Activities":
            report.data_rows += 1
    return report


# --------------------------------------------------------------------------- Webex


def _webex(path: Path, rows: list[list[str]]) -> Report:
    spanish = rows[0][0] in ("Nombre de la reunión", "Nombre del seminario web")
    rows = [_en(r, spanish) for r in rows]
    if rows[0][0] == "Meeting Name":  # the attendance export: one row per join
        header = rows[0]
        first = dict(zip(header, rows[1], strict=False))
        report = Report(
            path.as_posix(),
            "webex",
            "attendance",
            "es" if spanish else "en",
            _key(first["Meeting Number"], _day(first["Meeting Start Time"], spanish)),
            first["Meeting Name"],
        )
        roles = {"Host": "host", "Panelist": "panelist", "Attendee": "attendee"}
        for row in rows[1:]:
            report.data_rows += 1
            cells = dict(zip(header, row, strict=False))
            main = cells["Session Name"] == cells["Meeting Name"]
            readable = main and not cells["Join Time"].startswith("#")
            report.people.append(
                Person(
                    roles[cells["Role"]],
                    True,
                    cells["Attendee Email"],
                    cells["Display Name"],
                    readable,
                )
            )
        return report
    if rows[0][0] == "Webinar Name" and len(rows[0]) > 2:  # admin export: webinar on each row
        header, body = rows[0], rows[1:]
        first = dict(zip(header, body[0], strict=False))
        meta = {k: first[k] for k in ("Webinar Name", "Webinar Number", "Webinar Start Time")}
    else:  # host export: 'Label,value' rows, a blank row, then the table
        meta = {r[0]: r[1] for r in rows[:3]}
        header, body = rows[4], rows[5:]
    report = Report(
        path.as_posix(),
        "webex",
        "registration",
        "es" if spanish else "en",
        _key(meta["Webinar Number"], _day(meta["Webinar Start Time"], spanish)),
        meta["Webinar Name"],
    )
    for row in body:
        report.data_rows += 1
        cells = dict(zip(header, row, strict=False))
        report.registrations.append(
            (cells["Email"], cells["Approval Status"], cells["Country/Region"])
        )
    return report


def read(path: Path) -> Report:
    """One export of any platform, recognised by its first cells."""
    rows = rows_of(path)
    first = rows[0]
    if len(first) > 3 and first[3] == "GoToWebinar":
        return _goto(path, rows)
    if first[0] in ("1. Summary", "1. Resumen"):
        return _teams(path, rows)
    if first[0] in (
        "Attendee Report",
        "Registration Report",
        "Informe de asistentes",
        "Informe de registro",
    ):
        return _zoom(path, rows)
    return _webex(path, rows)


def read_all(out_dir: Path, teams_keys: dict[tuple[str, str], str]) -> dict[str, Report]:
    """Every export of a demo folder: relative path -> report.

    A Teams report shows no meeting ID; ``teams_keys`` maps (title, date) to
    the manifest's key (the ID staff copied into the catalogue).
    """
    out = {}
    for path in sorted((out_dir / "exports").rglob("*")):
        if not path.is_file():
            continue
        report = read(path)
        if report.platform == "teams":
            report.key = teams_keys[(report.title, report.key.split("|")[1])]
        out[path.relative_to(out_dir).as_posix()] = report
    return out
