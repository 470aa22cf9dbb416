"""What every platform writer shares: where files go, what they are called, what was written.

Exports land in ``exports/<YYYY-MM>/``, the month staff downloaded them, the
way a programme team's monthly drop folder looks. File names imitate real
downloads and staff renames; they are deliberately not a reliable key (the
pipeline recognises files by content), and two downloads with the same name in
one folder get the browser's " (1)" suffix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline.demo.model import APPROVED, Registration, Webinar, WebinarDetail

EXPORTS_DIR = "exports"
ATTENDANCE = "attendance"
REGISTRATION = "registration"
UNREADABLE_TIME = "##########"  # what Excel shows, and saves, for a too-narrow date column

# Why a reader must reject a row (the manifest's rejected_rows[].reason).
NO_NAME_REGISTRATION = "registration row with neither name nor e-mail"
NO_NAME_ATTENDEE = "attendee row with neither name nor e-mail"
UNREADABLE_JOIN = f"unreadable Join Time ({UNREADABLE_TIME})"
UNREADABLE_JOIN_LEAVE = f"unreadable Join Time and Leave Time ({UNREADABLE_TIME})"


@dataclass(frozen=True)
class PlannedFile:
    """A file a platform writer will produce for a webinar, before it is named uniquely."""

    kind: str
    name: str  # the name as downloaded or renamed by staff
    downloaded: datetime  # decides the monthly folder


@dataclass
class WrittenFile:
    """One written export and the facts the manifest needs about it."""

    path: str  # relative to the output directory, POSIX separators
    kind: str  # e.g. "zoom_attendee_report", "teams_attendance_report"
    platform: str
    webinar_key: str
    layout: str
    data_rows: int
    report_type: str  # ATTENDANCE or REGISTRATION: which manifest row count it adds to
    language: str = "en"  # interface language of the download (its headers)
    rows_by_section: dict[str, int] = field(default_factory=dict)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "platform": self.platform,
            "webinar_key": self.webinar_key,
            "layout": self.layout,
            "report_type": self.report_type,
            "language": self.language,
            "data_rows": self.data_rows,
            "rows_by_section": self.rows_by_section,
        }


def save_export(
    out_dir: Path,
    path: str,
    data: bytes,
    webinar: Webinar,
    *,
    kind: str,
    layout: str,
    report_type: str,
    language: str,
    rows: int | dict[str, int],
    rejected: Iterable[tuple[int, str]] = (),
) -> WrittenFile:
    """Write one export to ``out_dir / path`` and say what was written.

    ``rows``: the file's data rows, or its data rows per section (attendance
    reports; the manifest lists the sections and their sum). ``rejected``:
    rows a reader must reject, as (1-based physical line, reason).
    """
    (out_dir / path).write_bytes(data)
    if isinstance(rows, dict):
        by_section, data_rows = rows, sum(rows.values())
    else:
        by_section, data_rows = {}, rows
    return WrittenFile(
        path=path,
        kind=kind,
        platform=webinar.platform,
        webinar_key=webinar.key,
        layout=layout,
        data_rows=data_rows,
        report_type=report_type,
        language=language,
        rows_by_section=by_section,
        rejected=[{"file": path, "line": n, "reason": why} for n, why in rejected],
    )


class FileNamer:
    """Hands out unique file names per monthly folder, as a browser would."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.used: dict[str, set[str]] = {}

    def assign(self, downloaded: datetime, name: str) -> str:
        """Relative POSIX path for ``name`` downloaded at ``downloaded``; creates the folder."""
        folder = f"{EXPORTS_DIR}/{downloaded:%Y-%m}"
        used = self.used.setdefault(folder, set())
        stem, dot, ext = name.rpartition(".")
        candidate, n = name, 1
        while candidate.lower() in used:
            candidate = f"{stem} ({n}){dot}{ext}"
            n += 1
        used.add(candidate.lower())
        (self.out_dir / folder).mkdir(parents=True, exist_ok=True)
        return f"{folder}/{candidate}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UNSAFE = re.compile(r"[^0-9A-Za-zÀ-ÿ -]+")


def title_slug(title: str, limit: int = 40) -> str:
    """A title as staff shorten it for a file name: no quotes, colons or slashes."""
    return " ".join(_UNSAFE.sub(" ", title).split())[:limit].strip()


def us_date(moment: datetime) -> str:
    """'Mar 22, 2025': a date as Zoom and GoTo write it in English (``%b`` follows the locale)."""
    return f"{_MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def cell(value: str, delimiter: str = ",") -> str:
    """One delimited field, quoted only where needed (what ``csv.QUOTE_MINIMAL`` writes).

    Rows are assembled from pre-escaped pieces rather than through
    ``csv.writer``: at scale 100 (~4 million rows) that is several times faster.
    """
    if delimiter in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def cells(values: Sequence[str], delimiter: str = ",") -> str:
    """A row of fields; joins without escaping when no field needs it (the common case)."""
    joined = delimiter.join(values)
    if (
        joined.count(delimiter) == len(values) - 1
        and '"' not in joined
        and "\n" not in joined
        and "\r" not in joined
    ):
        return joined
    return delimiter.join([cell(v, delimiter) for v in values])


def file_bytes(lines: Sequence[str], encoding: str = "utf-8", bom: bool = False) -> bytes:
    """Lines ended with CRLF, the last one too (every platform writes them so)."""
    return (("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n").encode(encoding)


class OffsetClock:
    """Text of 'seconds from a start', memoised: many rows share a time (the end)."""

    def __init__(self, start: datetime, render: Callable[[datetime], str]) -> None:
        self.start = start
        self.render = render
        self.memo: dict[int, str] = {}

    def __call__(self, offset: int) -> str:
        text = self.memo.get(offset)
        if text is None:
            text = self.memo[offset] = self.render(self.start + timedelta(seconds=offset))
        return text


def settles_dayfirst(moments: Iterable[datetime]) -> bool:
    """Whether day-first numeric dates of these moments prove their order (a day above 12).

    The Zoom, GoTo and Webex adapters decide day/month order from a file's
    values alone (export-formats.md §7.4); a Spanish download whose every day
    is 12 or less would be read month-first. Writers download such a file in
    English instead (Teams also falls back on the download's language).
    """
    return any(m.day > 12 for m in moments)


def download_language(webinar: Webinar, shown: Iterable[datetime]) -> str:
    """The language a file was downloaded in: its downloader's, but English when a
    Spanish file's dates (``shown``) would not settle their order (:func:`settles_dayfirst`)."""
    if webinar.download_language != "es":
        return "en"
    return "es" if settles_dayfirst(shown) else "en"


def report_language(detail: WebinarDetail, registration: bool) -> str:
    """:func:`download_language` of a Zoom or GoTo report, from the dates it shows.

    Both platforms' reports show when they were generated, the webinar's start
    (scheduled or actual: one day) and the registration time of everyone they
    list: every registration in the registration report, each approved
    registrant once in the attendee report. Join and leave times fall on the
    start's day.
    """
    webinar = detail.webinar
    start = webinar.start

    def shown() -> Iterator[datetime]:  # lazy: most downloads are English, nothing to settle
        if registration:
            yield webinar.registration_report_at
            regs = detail.registrations
        else:
            yield webinar.attendee_report_at
            regs = first_registrations(detail)
        yield start
        for reg in regs:
            yield start + timedelta(seconds=reg.at)

    return download_language(webinar, shown())


def first_registrations(detail: WebinarDetail) -> list[Registration]:
    """Each approved registrant once, in registration order (how the platforms list them)."""
    seen: set[int] = set()
    first: list[Registration] = []
    for reg in detail.registrations:
        if reg.status == APPROVED and reg.person is not None and reg.person.pid not in seen:
            seen.add(reg.person.pid)
            first.append(reg)
    return first
