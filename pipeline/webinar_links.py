"""Which webinar a report that names no platform ID belongs to.

A webinar's key is its platform, its platform ID and its series-local day
(``webinar_key``); a report without an ID is keyed by its title instead. Some
platforms write the ID in one report and not in the other: Webex's participant
report names the meeting, its registration report the webinar number too. Keyed
apart, one webinar became two, its registrants were counted nowhere and every
attendee was a walk-in. DEFINITIONS.md makes a webinar one occurrence, so a
report without an ID joins the webinar of the same platform, day and title that
has one, when that webinar is unambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline.adapters.base import UNDATED, id_part
from pipeline.normalize.text import fold

# Two webinars of one title on one day (a morning and an evening session) are
# told apart by start time: a report without an ID joins the one starting
# nearest to it, if that is this close and the other is not.
NEAREST_START = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Report:
    """What one active report says of its webinar (a row of ``raw.webinars``)."""

    webinar_key: str
    platform: str
    platform_webinar_id: str | None
    title: str | None
    start_at: datetime | None


@dataclass(frozen=True, slots=True)
class Link:
    from_webinar_id: str  # the key of the reports without an ID
    to_webinar_id: str  # the key of the webinar they describe
    platform_webinar_id: str | None  # that webinar's ID, as its reports write it


def webinar_links(reports: Iterable[Report]) -> list[Link]:
    """Links from title-keyed webinars to the one ID-keyed webinar they are (pure)."""
    without_id: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    identified: dict[tuple[str, str, str], dict[str, list[Report]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for report in reports:
        title, day = fold(report.title), report.webinar_key.rpartition(":")[2]
        if not title or day == UNDATED:
            continue  # nothing to match on
        place = (report.platform, title, day)
        if id_part(report.platform_webinar_id):
            identified[place][report.webinar_key].append(report)
        else:
            without_id[place].append(report)
    links = []
    for place, own in without_id.items():
        candidates = identified.get(place)
        if not candidates:
            continue
        target = _only_or_nearest(own, candidates)
        if target is not None:
            ident = next((r.platform_webinar_id for r in candidates[target]), None)
            links.append(Link(own[0].webinar_key, target, ident))
    return sorted(links, key=lambda link: link.from_webinar_id)


def _only_or_nearest(own: list[Report], candidates: dict[str, list[Report]]) -> str | None:
    if len(candidates) == 1:
        return next(iter(candidates))
    start = _earliest(own)
    if start is None:
        return None
    gaps = sorted(
        (abs(first - start), key)
        for key, reports in candidates.items()
        if (first := _earliest(reports)) is not None
    )
    if not gaps or gaps[0][0] > NEAREST_START:
        return None
    if len(gaps) > 1 and gaps[1][0] <= NEAREST_START:
        return None  # two sessions start near it: no telling which
    return gaps[0][1]


def _earliest(reports: list[Report]) -> datetime | None:
    starts = [r.start_at for r in reports if r.start_at is not None]
    return min(starts) if starts else None
