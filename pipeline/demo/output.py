"""What every platform writer shares: where files go, what they are called, what was written.

Exports land in ``exports/<YYYY-MM>/``, the month staff downloaded them, the
way a programme team's monthly drop folder looks. File names imitate real
downloads and staff renames; they are deliberately not a reliable key (the
pipeline recognises files by content), and two downloads with the same name in
one folder get the browser's " (1)" suffix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline.demo.model import APPROVED, Registration, WebinarDetail

EXPORTS_DIR = "exports"
ATTENDANCE = "attendance"
REGISTRATION = "registration"


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

    def reject(self, lines: Iterable[tuple[int, str]]) -> WrittenFile:
        """Record rows a reader must reject, as (1-based physical line, reason)."""
        self.rejected.extend({"file": self.path, "line": n, "reason": why} for n, why in lines)
        return self


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


_UNSAFE = re.compile(r"[^0-9A-Za-zÀ-ÿ -]+")


def title_slug(title: str, limit: int = 40) -> str:
    """A title as staff shorten it for a file name: no quotes, colons or slashes."""
    return " ".join(_UNSAFE.sub(" ", title).split())[:limit].strip()


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


def first_registrations(detail: WebinarDetail) -> list[Registration]:
    """Each approved registrant once, in registration order (how the platforms list them)."""
    seen: set[int] = set()
    first: list[Registration] = []
    for reg in detail.registrations:
        if reg.status == APPROVED and reg.person is not None and reg.person.pid not in seen:
            seen.add(reg.person.pid)
            first.append(reg)
    return first
