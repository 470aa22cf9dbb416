"""Exports no platform adapter knows, read through a mapping file staff write.

Eventbrite, Google Forms, Adobe Connect or a partner's spreadsheet have no
stable layout worth an adapter each (export-formats.md §5: Connect has no
header evidence at all, Eventbrite's headers follow the locale, every Forms
column is the question text verbatim and renames when the question is edited).
So the knowledge lives in data, as STYLE.md asks: a YAML mapping placed next
to the export in ``data/raw/`` says which file(s) it describes, which webinar
they belong to, and which header holds which canonical field::

    # data/raw/2023-05/eventbrite.mapping.yaml  (or several in one mappings.yaml)
    name: eventbrite-2023-05
    files: ["eventbrite_*.csv"]          # glob, relative to this file's folder
    match_headers: ["Order #", "Attendee Status"]   # optional: recognise by content
    kind: registration                   # or: attendance
    webinar: {title: "Open budgets", date: 2023-05-16, start_time: "10:00",
              platform: zoom, platform_id: "845 0000 1111"}
    # or, when one file covers several webinars:
    # webinar_column: "Event Name"
    # webinar_date_column: "Event Date"   (optional)
    # webinars: {"Event name as written": {title: ..., date: ...}}   (optional)
    timezone: America/New_York           # zone of the file's naive times
    date_order: month_first              # or day_first; else decided from the data
    header_row: 1                        # 1-based; else found from the columns
    columns: {email: Email, first_name: First Name, last_name: Last Name,
              registered_at: Order Date, status: Attendee Status}
    status_values: {"Checked In": approved}
    role_values: {"Presenter": panelist}

The file name is used here and nowhere else in the pipeline, because staff
tie the mapping to it explicitly. Since an adapter's ``detect()`` sees only
the table, this module is not in the content registry (it defines no
``ADAPTERS``): the ingest step calls :func:`load_mappings` once per run and
:func:`adapter_for` for each file *before* content detection.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    HOST,
    PANELIST,
    REGISTRATION,
    ROLES,
    NotThisFormat,
    ParseContext,
    ParsedFile,
    RegistrationRecord,
    RejectRecord,
    SessionRecord,
    WebinarRecord,
    question_field,
    registration_status,
    webinar_key,
)
from pipeline.normalize.text import clean_cell, clean_name, fold
from pipeline.normalize.times import (
    infer_dayfirst,
    local_day,
    parse_duration_minutes,
    parse_times_utc,
    to_utc,
)
from pipeline.readers.table import Row, SourceTable

MAPPING_GLOBS = ("*.mapping.yaml", "*.mapping.yml", "mappings.yaml", "mappings.yml")
FIELDS = (
    "email",
    "name",
    "first_name",
    "last_name",
    "country",
    "organization",
    "sector",
    "job_title",
    "join_time",
    "leave_time",
    "duration",
    "registered_at",
    "status",
    "role",
)
_REGISTRATION_ONLY = frozenset({"registered_at", "status"})
_ATTENDANCE_ONLY = frozenset({"join_time", "leave_time", "duration", "role"})
_TIME_FIELDS = ("join_time", "leave_time", "registered_at")
_KEYS = frozenset(
    {
        "name",
        "files",
        "match_headers",
        "kind",
        "platform",
        "webinar",
        "webinar_column",
        "webinar_date_column",
        "webinars",
        "columns",
        "timezone",
        "date_order",
        "role_values",
        "status_values",
        "header_row",
    }
)
_WEBINAR_KEYS = frozenset(
    {"title", "date", "start_time", "platform_id", "platform", "duration_minutes"}
)
_STATUSES = ("approved", "pending", "denied", "cancelled")
_HEADER_SEARCH_ROWS = 30
# Role words seen across platforms; a mapping's role_values come first.
_ROLE_WORDS = {
    "host": HOST,
    "co host": HOST,
    "cohost": HOST,
    "organizer": HOST,
    "organiser": HOST,
    "moderator": HOST,
    "anfitrion": HOST,
    "organizador": HOST,
    "moderador": HOST,
    "panelist": PANELIST,
    "presenter": PANELIST,
    "speaker": PANELIST,
    "panelista": PANELIST,
    "ponente": PANELIST,
    "presentador": PANELIST,
    "expositor": PANELIST,
    "attendee": ATTENDEE,
    "participant": ATTENDEE,
    "participante": ATTENDEE,
    "asistente": ATTENDEE,
    "viewer": ATTENDEE,
    "guest": ATTENDEE,
    "invitado": ATTENDEE,
}


class MappingError(ValueError):
    """A mapping file is wrong; the message names the file, the mapping and the key."""


@dataclass(frozen=True, slots=True)
class WebinarSpec:
    """Which webinar a file (or a value of its webinar column) belongs to."""

    title: str | None = None
    date: date | None = None
    start_time: time | None = None
    platform_id: str | None = None
    platform: str | None = None
    duration_minutes: float | None = None


@dataclass(frozen=True, slots=True)
class Mapping:
    """One validated mapping: how to read one kind of staff-supplied export."""

    name: str
    source: Path  # the YAML file it came from
    kind: str  # REGISTRATION or ATTENDANCE
    columns: dict[str, str]  # canonical field -> header text
    files: tuple[str, ...] = ()
    match_headers: tuple[str, ...] = ()
    platform: str = "other"
    webinar: WebinarSpec | None = None
    webinar_column: str | None = None
    webinar_date_column: str | None = None
    webinars: dict[str, WebinarSpec] = field(default_factory=dict)  # folded value -> spec
    timezone: str | None = None
    dayfirst: bool | None = None
    role_values: dict[str, str] = field(default_factory=dict)  # folded value -> role
    status_values: dict[str, str] = field(default_factory=dict)  # folded value -> status
    header_row: int | None = None  # 1-based

    @property
    def base_dir(self) -> Path:
        return self.source.parent

    @property
    def label(self) -> str:
        return f"mapping '{self.name}' ({self.source.name})"

    def required_headers(self) -> list[str]:
        extra = [h for h in (self.webinar_column, self.webinar_date_column) if h]
        return [*self.columns.values(), *extra]

    def covers(self, path: Path) -> bool:
        """Is ``path`` inside the folder tree this mapping sits in?"""
        try:
            path.resolve().relative_to(self.base_dir.resolve())
        except ValueError:
            return False
        return True

    def matches_file(self, path: Path) -> bool:
        """Does one of the ``files`` globs name ``path`` (case-insensitively)?"""
        if not self.files or not self.covers(path):
            return False
        rel = path.resolve().relative_to(self.base_dir.resolve()).as_posix().lower()
        return any(
            fnmatch.fnmatchcase(path.name.lower(), g.lower()) or fnmatch.fnmatchcase(rel, g.lower())
            for g in self.files
        )

    def matches_headers(self, path: Path, table: SourceTable) -> bool:
        """Do the ``match_headers`` all appear in one header row of ``table``?"""
        if not self.match_headers or not self.covers(path):
            return False
        wanted = {fold(h) for h in self.match_headers}
        return any(wanted <= {fold(c) for c in r.cells} for r in _candidate_rows(self, table))


# ---------------------------------------------------------------- loading and validation


def load_mappings(raw_dir: Path, errors: list[tuple[Path, str]] | None = None) -> list[Mapping]:
    """Every mapping under ``raw_dir`` (recursively), validated.

    Files: ``*.mapping.yaml`` / ``*.mapping.yml`` (one mapping, or several) and
    ``mappings.yaml`` / ``mappings.yml`` (usually several). A file may hold one
    mapping, a list of them, a ``mappings:`` list, or several YAML documents.
    Hidden folders are skipped, as the ingest skips them.

    A wrong mapping raises MappingError; or, when ``errors`` is given, the
    faulty file is left out and ``(path, message)`` appended, so one bad
    mapping does not stop a monthly run.
    """
    raw_dir = Path(raw_dir)
    paths = sorted(
        {
            p
            for g in MAPPING_GLOBS
            for p in raw_dir.rglob(g)
            if p.is_file() and not any(x.startswith(".") for x in p.relative_to(raw_dir).parts)
        }
    )
    out: list[Mapping] = []
    names: dict[str, Path] = {}
    for path in paths:
        try:
            found = parse_mapping_file(path)
            for m in found:
                if m.name in names:
                    raise MappingError(
                        f"{m.source}: mapping name '{m.name}' is also used in "
                        f"{names[m.name]}; names must be unique"
                    )
        except MappingError as exc:
            if errors is None:
                raise
            errors.append((path, str(exc)))
            continue
        names.update({m.name: m.source for m in found})
        out.extend(found)
    return out


def is_mapping_file(path: Path) -> bool:
    """True for the YAML files :func:`load_mappings` reads: ingest must not treat them as data."""
    return any(fnmatch.fnmatchcase(path.name.lower(), g) for g in MAPPING_GLOBS)


def parse_mapping_file(path: Path) -> list[Mapping]:
    """The mappings of one YAML file."""
    try:
        docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
    except yaml.YAMLError as exc:
        raise MappingError(f"{path}: not valid YAML: {exc}") from None
    items: list[Any] = []
    for doc in docs:
        if isinstance(doc, dict) and set(doc) == {"mappings"}:
            doc = doc["mappings"]
        items.extend(doc if isinstance(doc, list) else [doc])
    if not items:
        raise MappingError(f"{path}: holds no mapping")
    stem = path.name.split(".")[0]
    out = []
    for i, item in enumerate(items, start=1):
        default = stem if len(items) == 1 else f"{stem}-{i}"
        out.append(_validate(item, path, default))
    return out


def _fail(path: Path, name: str, message: str) -> MappingError:
    return MappingError(f"{path}: mapping '{name}': {message}")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _strings(value: Any, path: Path, name: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise _fail(path, name, f"'{key}' must be a list of texts")
    return tuple(str(v) for v in value)


def _date(value: Any, path: Path, name: str, key: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise _fail(
            path, name, f"'{key}' must be a date written YYYY-MM-DD, not {value!r}"
        ) from None


def _time(value: Any, path: Path, name: str, key: str) -> time | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 10:00 as the base-60 number 600.
        hours, minutes = divmod(value, 60)
        if hours < 24:
            return time(hours, minutes)
    try:
        return time.fromisoformat(str(value).strip().zfill(5))
    except ValueError:
        raise _fail(path, name, f"'{key}' must be a time written HH:MM, not {value!r}") from None


def _webinar_spec(value: Any, path: Path, name: str, key: str) -> WebinarSpec:
    if not isinstance(value, dict):
        raise _fail(path, name, f"'{key}' must be a mapping of {sorted(_WEBINAR_KEYS)}")
    unknown = set(value) - _WEBINAR_KEYS
    if unknown:
        raise _fail(
            path,
            name,
            f"unknown key(s) {sorted(map(str, unknown))} in '{key}'; "
            f"known: {sorted(_WEBINAR_KEYS)}",
        )
    spec = WebinarSpec(
        title=_text(value.get("title")),
        date=_date(value.get("date"), path, name, f"{key}.date"),
        start_time=_time(value.get("start_time"), path, name, f"{key}.start_time"),
        platform_id=_text(value.get("platform_id")),
        platform=_text(value.get("platform")),
        duration_minutes=parse_duration_minutes(_text(value.get("duration_minutes"))),
    )
    if spec.title is None and spec.platform_id is None:
        raise _fail(path, name, f"'{key}' needs a 'title' or a 'platform_id'")
    return spec


def _value_map(
    value: Any, allowed: Sequence[str], path: Path, name: str, key: str
) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(path, name, f"'{key}' must map values to one of {list(allowed)}")
    out = {}
    for raw, canonical in value.items():
        if str(canonical) not in allowed:
            raise _fail(
                path,
                name,
                f"'{key}': {raw!r} maps to {canonical!r}, which is not one of {list(allowed)}",
            )
        out[fold(str(raw))] = str(canonical)
    return out


def _validate(item: Any, path: Path, default_name: str) -> Mapping:
    """Check one mapping and build it; every error says what to write instead."""
    if not isinstance(item, dict):
        raise MappingError(
            f"{path}: a mapping must be a YAML mapping (key: value), not {type(item).__name__}"
        )
    name = _text(item.get("name")) or default_name
    unknown = set(item) - _KEYS
    if unknown:
        raise _fail(
            path, name, f"unknown key(s) {sorted(map(str, unknown))}; known: {sorted(_KEYS)}"
        )
    kind = item.get("kind")
    if kind not in (REGISTRATION, ATTENDANCE):
        raise _fail(path, name, f"'kind' must be 'registration' or 'attendance', not {kind!r}")
    columns_raw = item.get("columns")
    if not isinstance(columns_raw, dict) or not columns_raw:
        raise _fail(path, name, "'columns' must map canonical fields to header texts")
    bad = [str(k) for k in columns_raw if k not in FIELDS]
    if bad:
        raise _fail(path, name, f"unknown field(s) {bad} in 'columns'; known: {list(FIELDS)}")
    columns = {k: _text(v) for k, v in columns_raw.items()}
    empty = [k for k, v in columns.items() if v is None]
    if empty:
        raise _fail(path, name, f"'columns': field(s) {empty} name no header")
    if not {"email", "name", "first_name", "last_name"} & columns.keys():
        raise _fail(
            path,
            name,
            "'columns' must name the e-mail column ('email') or a name "
            "column ('name', or 'first_name'/'last_name'): without them "
            "no person can be identified",
        )
    wrong_kind = (_ATTENDANCE_ONLY if kind == REGISTRATION else _REGISTRATION_ONLY) & columns.keys()
    if wrong_kind:
        raise _fail(path, name, f"field(s) {sorted(wrong_kind)} do not apply to kind: {kind}")
    files = _strings(item.get("files"), path, name, "files")
    match_headers = _strings(item.get("match_headers"), path, name, "match_headers")
    if not files and not match_headers:
        raise _fail(
            path,
            name,
            "say which files it applies to: 'files' (globs) and/or "
            "'match_headers' (header texts the file must contain)",
        )
    webinar = item.get("webinar")
    webinar_column = _text(item.get("webinar_column"))
    if (webinar is None) == (webinar_column is None):
        raise _fail(
            path,
            name,
            "say which webinar the file belongs to: either 'webinar' "
            "(one webinar) or 'webinar_column' (a column naming it)",
        )
    spec = _webinar_spec(webinar, path, name, "webinar") if webinar is not None else None
    webinars_raw = item.get("webinars") or {}
    if webinars_raw and webinar_column is None:
        raise _fail(path, name, "'webinars' only applies with 'webinar_column'")
    if not isinstance(webinars_raw, dict):
        raise _fail(path, name, "'webinars' must map column values to webinar descriptions")
    webinars = {
        fold(str(k)): _webinar_spec(v, path, name, f"webinars[{k!r}]")
        for k, v in webinars_raw.items()
    }
    if spec is not None and spec.date is None and "join_time" not in columns:
        raise _fail(
            path,
            name,
            "'webinar.date' is required: the file has no join times to date the webinar by",
        )
    timezone = _text(item.get("timezone"))
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise _fail(
                path,
                name,
                f"'timezone' {timezone!r} is not an IANA zone such as 'America/Mexico_City'",
            ) from None
    order = item.get("date_order")
    if order not in (None, "day_first", "month_first"):
        raise _fail(path, name, f"'date_order' must be day_first or month_first, not {order!r}")
    header_row = item.get("header_row")
    if header_row is not None and (
        not isinstance(header_row, int) or header_row < 1 or isinstance(header_row, bool)
    ):
        raise _fail(path, name, f"'header_row' must be a row number from 1, not {header_row!r}")
    return Mapping(
        name=name,
        source=path,
        kind=kind,
        columns=columns,  # type: ignore[arg-type]
        files=files,
        match_headers=match_headers,
        platform=_text(item.get("platform")) or (spec.platform if spec else None) or "other",
        webinar=spec,
        webinar_column=webinar_column,
        webinar_date_column=_text(item.get("webinar_date_column")),
        webinars=webinars,
        timezone=timezone,
        dayfirst=None if order is None else order == "day_first",
        role_values=_value_map(item.get("role_values"), ROLES, path, name, "role_values"),
        status_values=_value_map(item.get("status_values"), _STATUSES, path, name, "status_values"),
        header_row=header_row,
    )


# ---------------------------------------------------------------- choosing a mapping


def adapter_for(
    path: Path, table: SourceTable, mappings: Iterable[Mapping]
) -> GenericAdapter | None:
    """The generic adapter for ``path`` if a mapping claims it, else None.

    A ``files`` glob wins over ``match_headers``: staff named the file. A file
    named by a glob gets the adapter even when its headers are wrong, so that
    parse() can say which header is missing. Two mappings claiming one file at
    the same level is a MappingError: staff must make them distinct.
    """
    mappings = list(mappings)
    for tier in (
        [m for m in mappings if m.matches_file(path)],
        [m for m in mappings if m.matches_headers(path, table)],
    ):
        if len(tier) > 1:
            names = ", ".join(m.label for m in tier)
            raise MappingError(f"{path.name} is claimed by several mappings: {names}")
        if tier:
            return GenericAdapter(tier[0])
    return None


def _candidate_rows(mapping: Mapping, table: SourceTable) -> list[Row]:
    if mapping.header_row is not None:
        i = mapping.header_row - 1
        return table.rows[i : i + 1]
    return [r for r in table.rows[:_HEADER_SEARCH_ROWS] if not r.is_blank()]


# ---------------------------------------------------------------- parsing


@dataclass(slots=True)
class _Group:
    """The rows of one webinar of the file."""

    label: str
    spec: WebinarSpec
    rows: list[Row] = field(default_factory=list)
    day: date | None = None
    key: str = ""
    first_join: datetime | None = None  # UTC; the start when staff gave no start_time


class GenericAdapter:
    """Reads one table as its mapping says. Built by :func:`adapter_for`, not registered."""

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self.name = f"generic:{mapping.name}"
        self.platform = mapping.platform

    def detect(self, table: SourceTable) -> float:
        """0.99 when the mapping's headers are all in one row of ``table``, else 0."""
        try:
            self._header(table)
        except NotThisFormat:
            return 0.0
        return 0.99

    def _header(self, table: SourceTable) -> tuple[int, dict[str, int]]:
        """Index of the header row and the column of each required header text."""
        m = self.mapping
        wanted = m.required_headers()
        best: tuple[int, list[str]] | None = None
        rows = _candidate_rows(m, table)
        if not rows:
            raise NotThisFormat(
                f"{m.label}: the file has no row {m.header_row} (header_row) or no rows at all"
            )
        for row in rows:
            folded = [fold(c.rstrip("*")) for c in row.cells]
            index: dict[str, int] = {}
            for header in wanted:
                f = fold(header.rstrip("*"))
                if f in folded:
                    index[header] = folded.index(f)
            missing = [h for h in wanted if h not in index]
            if not missing:
                return table.rows.index(row), index
            if best is None or len(missing) < len(best[1]):
                best = (row.line, missing)
        assert best is not None
        line, missing = best
        where = (
            f"row {m.header_row} (header_row)"
            if m.header_row
            else f"the first {_HEADER_SEARCH_ROWS} rows (closest: line {line})"
        )
        listed = ", ".join(repr(h) for h in missing)
        raise NotThisFormat(
            f"{m.label}: header {listed} not found in {where}; fix the "
            f"mapping's 'columns' or check the export"
        )

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile:
        m = self.mapping
        h, index = self._header(table)
        header = table.rows[h]
        col = {f: index[text] for f, text in m.columns.items()}
        # Unmapped columns: registration questions matched by keyword, else raw answers.
        used = set(index.values())
        for i, cell in enumerate(header.cells):
            if i in used or not cell.strip():
                continue
            q = question_field(cell) if m.kind == REGISTRATION else None
            if q and q not in col:
                col[q] = i
                used.add(i)
        answer_cols = [
            (i, c.strip()) for i, c in enumerate(header.cells) if i not in used and c.strip()
        ]
        body = [r for r in table.rows[h + 1 :] if not r.is_blank()]
        zone = m.timezone or context.timezone

        def cell(row: Row, f: str, clean: Callable[[str], str | None] = clean_cell) -> str | None:
            i = col.get(f)
            return clean(row.cells[i]) if i is not None and i < len(row.cells) else None

        # One day/month order per file (export-formats.md §7.4), one format per column.
        texts = {f: [t for r in body if (t := cell(r, f))] for f in _TIME_FIELDS}
        wd_col = index.get(m.webinar_date_column) if m.webinar_date_column else None
        if wd_col is not None:
            texts["webinar_date"] = [t for r in body if (t := clean_cell(_at(r, wd_col)))]
        dayfirst = m.dayfirst
        if dayfirst is None:
            dayfirst = infer_dayfirst(v for vs in texts.values() for v in vs)
        parsed: dict[tuple[str, str], datetime | None] = {}
        for f, values in texts.items():
            unique = list(dict.fromkeys(values))
            for text, value in zip(unique, parse_times_utc(unique, zone, dayfirst)[0], strict=True):
                parsed[(f, text)] = value

        out = ParsedFile(
            "generic",
            m.platform,
            m.kind,
            f"generic:{m.name}",
            [],
            data_rows=len(body),
            notes=[f"read with {m.label}, header on line {header.line}"],
        )
        groups = self._groups(body, index, out)
        for g in groups.values():
            self._date_group(g, wd_col, parsed, cell, zone, out)
        out.webinars.extend(self._record(g, zone) for g in groups.values())
        by_line = {r.line: g for g in groups.values() for r in g.rows}
        leave_note = False
        for row in body:
            g = by_line.get(row.line)
            if g is None:
                continue  # rejected while grouping
            email = cell(row, "email")
            first, last = cell(row, "first_name", clean_name), cell(row, "last_name", clean_name)
            name = cell(row, "name") or " ".join(p for p in (first, last) if p) or None
            if email is None and name is None:
                out.rejects.append(RejectRecord(row.line, "no e-mail and no name"))
                continue
            bad = next(
                (
                    f"{m.columns[f]} {cell(row, f)!r} is not a date"
                    for f in _TIME_FIELDS
                    if cell(row, f) and parsed.get((f, cell(row, f) or "")) is None
                ),
                None,
            )
            if bad:
                out.rejects.append(RejectRecord(row.line, bad))
                continue
            answers = {
                header_text: value
                for i, header_text in answer_cols
                if (value := clean_cell(_at(row, i)))
            }
            if m.kind == REGISTRATION:
                status_text = cell(row, "status")
                out.registrations.append(
                    RegistrationRecord(
                        line=row.line,
                        webinar_key=g.key,
                        email=email,
                        first_name=first,
                        last_name=last,
                        name=name,
                        registered_at=parsed.get(
                            ("registered_at", cell(row, "registered_at") or "")
                        ),
                        registered_text=cell(row, "registered_at"),
                        status=m.status_values.get(fold(status_text))
                        or registration_status(status_text),
                        status_text=status_text,
                        country=cell(row, "country"),
                        organization=cell(row, "organization"),
                        sector=cell(row, "sector"),
                        job_title=cell(row, "job_title"),
                        answers=answers,
                    )
                )
                continue
            role_text = cell(row, "role")
            role = m.role_values.get(fold(role_text)) or _ROLE_WORDS.get(fold(role_text))
            if role_text is None:
                role = ATTENDEE
            if role is None:
                out.rejects.append(
                    RejectRecord(
                        row.line,
                        f"role {role_text!r} is unknown: add it to the mapping's "
                        f"role_values (attendee, panelist or host)",
                    )
                )
                continue
            join_text, leave_text = cell(row, "join_time"), cell(row, "leave_time")
            join_at = parsed.get(("join_time", join_text or ""))
            leave_at = parsed.get(("leave_time", leave_text or ""))
            minutes = parse_duration_minutes(cell(row, "duration"))
            if leave_at is None and join_at is not None and minutes is not None:
                leave_at = join_at + timedelta(minutes=minutes)
                leave_note = True
            out.sessions.append(
                SessionRecord(
                    line=row.line,
                    webinar_key=g.key,
                    role=role,
                    name=name,
                    email=email,
                    join_at=join_at,
                    leave_at=leave_at,
                    join_text=join_text,
                    leave_text=leave_text,
                    minutes=minutes,
                    country=cell(row, "country"),
                    section=m.name,
                )
            )
        if leave_note:
            out.notes.append("rows without a leave time were given join time + duration")
        if not body:
            out.notes.append("the file lists no rows below its header")
        return out

    def _groups(self, body: list[Row], index: dict[str, int], out: ParsedFile) -> dict[str, _Group]:
        """Rows by webinar: the mapping's one webinar, or the webinar column's values."""
        m = self.mapping
        if m.webinar is not None:
            return {"": _Group("", m.webinar, list(body))}
        groups: dict[str, _Group] = {}
        assert m.webinar_column is not None
        wc = index[m.webinar_column]
        for row in body:
            value = clean_cell(_at(row, wc))
            if value is None:
                out.rejects.append(
                    RejectRecord(row.line, f"no webinar in column {m.webinar_column!r}")
                )
                continue
            label = fold(value)
            if label not in groups:
                spec = m.webinars.get(label) or WebinarSpec(title=value)
                groups[label] = _Group(value, spec)
            groups[label].rows.append(row)
        return groups

    def _date_group(
        self,
        g: _Group,
        wd_col: int | None,
        parsed: dict[tuple[str, str], datetime | None],
        cell: Any,
        zone: str,
        out: ParsedFile,
    ) -> None:
        """The webinar's series-local date: the mapping's, its date column's, or first join."""
        m = self.mapping
        day = g.spec.date
        if day is None and wd_col is not None:
            found = [
                parsed.get(("webinar_date", t)) for r in g.rows if (t := clean_cell(_at(r, wd_col)))
            ]
            day = next((local_day(d, zone) for d in found if d is not None), None)
        if day is None:
            joins = [
                j
                for r in g.rows
                if (j := parsed.get(("join_time", cell(r, "join_time") or ""))) is not None
            ]
            if joins:
                g.first_join = min(joins)
                day = local_day(g.first_join, zone)
                out.notes.append(
                    f"webinar {g.spec.title or g.spec.platform_id!r} dated by its "
                    f"earliest join ({day})"
                )
        if day is None:
            raise NotThisFormat(
                f"{m.label}: cannot date webinar "
                f"{g.spec.title or g.spec.platform_id!r}: give it a 'date' in "
                f"the mapping (or map 'join_time' / 'webinar_date_column')"
            )
        g.day = day
        platform = g.spec.platform or m.platform
        g.key = webinar_key(platform, g.spec.platform_id, g.spec.title, day)

    def _record(self, g: _Group, zone: str) -> WebinarRecord:
        spec = g.spec
        start_at = g.first_join
        if spec.start_time is not None and g.day is not None:
            start_at = to_utc([datetime.combine(g.day, spec.start_time)], zone)[0]
        return WebinarRecord(
            key=g.key,
            platform=spec.platform or self.mapping.platform,
            platform_webinar_id=spec.platform_id,
            title=spec.title,
            start_at=start_at,
            duration_minutes=spec.duration_minutes,
            start_is_actual=False,  # a time staff wrote down, not one a platform measured
            start_text=(f"{g.day} {spec.start_time}" if spec.start_time else str(g.day)),
            timezone=zone,
        )


def _at(row: Row, i: int) -> str:
    return row.cells[i] if i < len(row.cells) else ""
