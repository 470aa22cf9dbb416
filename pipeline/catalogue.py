"""The webinar catalogue: what staff know that no export says.

Staff keep one YAML file in ``data/raw/`` listing each webinar as its event
page does (title, date, language, topic, speakers and their organisations,
organisers). YAML rather than CSV because a webinar has a list of speakers.
The file is recognised by its content (a top-level ``webinars:`` list), and
its ``series:`` block sets the series name and the time zone in which the
exports' naive times are read. Format: README.md, "The webinar catalogue".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from pipeline.adapters.base import NotThisFormat

DEFAULT_SERIES = "Webinar series"
DEFAULT_TIMEZONE = "UTC"


@dataclass(slots=True)
class Speaker:
    name: str | None
    email: str | None = None
    organization: str | None = None
    sector: str | None = None
    country: str | None = None


@dataclass(slots=True)
class CatalogueEntry:
    entry_id: int
    title: str | None
    date: dt.date
    series: str | None = None
    start_time: str | None = None
    platform: str | None = None
    platform_id: str | None = None
    language: str | None = None
    topic: str | None = None
    speakers: list[Speaker] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Catalogue:
    series_name: str
    timezone: str
    entries: list[CatalogueEntry]


def looks_like_yaml_config(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b"series:", b"webinars:", b"#", b"---")) or b"\nwebinars:" in head


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# libyaml's loader, when PyYAML was built with it: the pure-Python one took ten
# seconds on a thousand-webinar catalogue, before any export could load.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_catalogue(data: bytes) -> Catalogue:
    """Read and validate a catalogue; NotThisFormat with the entry and field at fault."""
    try:
        doc = yaml.load(data.decode("utf-8-sig"), Loader=_SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise NotThisFormat(f"is not valid YAML ({exc})".replace("\n", " ")) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("webinars"), list):
        raise NotThisFormat("is YAML but not a webinar catalogue (no top-level 'webinars:' list)")
    series = doc.get("series") or {}
    if not isinstance(series, dict):
        raise NotThisFormat("'series:' must be a mapping with 'name' and 'timezone'")
    series_name = _text(series.get("name")) or DEFAULT_SERIES
    timezone = _text(series.get("timezone")) or DEFAULT_TIMEZONE
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise NotThisFormat(
            f"series timezone {timezone!r} is not an IANA time zone (e.g. America/New_York)"
        ) from None
    entries = []
    for i, item in enumerate(doc["webinars"], start=1):
        where = f"webinar #{i}"
        if not isinstance(item, dict):
            raise NotThisFormat(f"{where} is not a mapping of fields")
        raw_date = item.get("date")
        if isinstance(raw_date, dt.datetime):
            raw_date = raw_date.date()
        if isinstance(raw_date, str):
            try:
                raw_date = dt.date.fromisoformat(raw_date.strip())
            except ValueError:
                raw_date = None
        if not isinstance(raw_date, dt.date):
            raise NotThisFormat(f"{where} ({item.get('title')!r}): 'date' must be YYYY-MM-DD")
        speakers = []
        for s in item.get("speakers") or []:
            if isinstance(s, str):
                s = {"name": s}
            if not isinstance(s, dict):
                raise NotThisFormat(f"{where}: each speaker must be a name or a mapping")
            sector = _text(s.get("sector"))
            speakers.append(
                Speaker(
                    _text(s.get("name")),
                    _text(s.get("email")),
                    _text(s.get("organization") or s.get("organisation")),
                    sector,
                    _text(s.get("country")),
                )
            )
        organisers = item.get("organisers") or item.get("organizers") or []
        if isinstance(organisers, str):
            organisers = [organisers]
        language = _text(item.get("language"))
        entries.append(
            CatalogueEntry(
                entry_id=i,
                title=_text(item.get("title")),
                date=raw_date,
                series=_text(item.get("series")),
                start_time=_text(item.get("start_time")),
                platform=(_text(item.get("platform")) or "").lower() or None,
                platform_id=_text(item.get("platform_id")),
                language=language.lower() if language else None,
                topic=_text(item.get("topic")),
                speakers=speakers,
                organisers=[str(o) for o in organisers],
            )
        )
    return Catalogue(series_name, timezone, entries)
