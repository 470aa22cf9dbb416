"""What every platform writer shares: where files go, what they are called, what was written.

Exports land in ``exports/<YYYY-MM>/``, the month staff downloaded them, the
way a programme team's monthly drop folder looks. File names imitate real
downloads and staff renames; they are deliberately not a reliable key (the
pipeline recognises files by content), and two downloads with the same name in
one folder get the browser's " (1)" suffix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

EXPORTS_DIR = "exports"


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
    kind: str  # e.g. "zoom_attendee_report", "zoom_registration_report"
    platform: str
    webinar_key: str
    layout: str
    data_rows: int
    rows_by_section: dict[str, int] = field(default_factory=dict)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "platform": self.platform,
            "webinar_key": self.webinar_key,
            "layout": self.layout,
            "data_rows": self.data_rows,
            "rows_by_section": self.rows_by_section,
        }


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
