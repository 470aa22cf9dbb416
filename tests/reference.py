"""The five contract marts and speakers' audiences in plain Python, from DEFINITIONS.md alone.

This is a second, independent implementation of the figures, written from the
definitions and not from the SQL, so that the two can be checked against each
other on generated series (tests/test_marts_reference.py). It is deliberately
slow and obvious: loops and sets, no cleverness.

Input: the :class:`~pipeline.adapters.base.ParsedFile` s of a series (an
attendance file per webinar, optionally a registration file per webinar; a
later file of the same type for the same webinar replaces an earlier one, as
a re-export does) and the series' zone. There is no catalogue: every webinar
belongs to one series, ``"Webinar series"``, with no language.

Country texts are expected to be ISO alpha-3 codes already (the resolver maps
them to themselves); sector answers go through the real
:func:`pipeline.normalize.resolve_sector`, since resolution is tested
elsewhere and what is checked here are the figures.

Choices DEFINITIONS.md leaves open, made here and written down:

* walk-ins are ``attendees - registered_attendees``: attendees who are not
  approved registrants. DEFINITIONS.md says "attendees with no registration
  record", which would leave an attendee whose registration was denied or is
  pending in neither group; the mart counts them as walk-ins so that
  ``attendees = registered_attendees + walk_ins`` holds.
* A person's country and sector are their latest known values over every
  webinar of the period that has any report, a webinar with only a
  registration report included ("the most recent known value, as of the
  data's as-of date"); and every registration row, whatever its status, is the
  person's own answer.
* ``registered_only`` counts approved registrants of counted webinars (those
  with an attendance report) who attended none of them.
* Data this reference cannot decide without a tie-break rule (one person, one
  webinar, two different country answers of the same source) raises
  :class:`Ambiguous`; the generator never produces it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    PANELIST,
    REGISTRATION,
    ParsedFile,
    RegistrationRecord,
    SessionRecord,
    WebinarRecord,
)

SERIES = "Webinar series"
UNKNOWN_SECTOR = "unknown"

Row = dict[str, Any]
Marts = dict[str, list[Row]]


class Ambiguous(ValueError):
    """The data needs a tie-break DEFINITIONS.md does not give."""


# ---------------------------------------------------------------- identity


def email_key(text: str | None) -> str | None:
    """DEFINITIONS.md, "Person" 1: the address trimmed and lower-cased."""
    if text is None:
        return None
    return text.strip().lower() or None


def name_key(text: str | None) -> str | None:
    """DEFINITIONS.md, "Person" 2: case, accents, punctuation, spaces and word order ignored.

    Letters and digits of any script are the name ('Иван Петров' is a name);
    everything else separates words.
    """
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return " ".join(sorted(words)) or None


def _registration_name(r: RegistrationRecord) -> str | None:
    if r.name is not None:
        return r.name
    parts = [p for p in (r.first_name, r.last_name) if p is not None]
    return " ".join(parts) if parts else None


@dataclass(slots=True)
class PersonRow:
    """One source row that names a person, with the person it names."""

    webinar_id: str
    record: RegistrationRecord | SessionRecord
    email: str | None
    name: str | None
    person: str | None = None  # 'email:<address>' or 'name:<webinar>:<name>'; None: nobody


def active_files(files: Sequence[ParsedFile]) -> dict[tuple[str, str], ParsedFile]:
    """(webinar key, report type) -> the file in force: the last one given replaces earlier ones."""
    active: dict[tuple[str, str], ParsedFile] = {}
    for parsed in files:
        for w in parsed.webinars:
            active[(w.key, parsed.report_type)] = parsed
    return active


def person_rows(files: Sequence[ParsedFile]) -> list[PersonRow]:
    """Every registration and session row of the active files, with its person.

    A row with an e-mail is that address's person. A row without one is, within
    its webinar, the person of the single e-mail that rows of that webinar give
    together with the same name; with no such address, or several, it is a
    person of its own for that webinar only.
    """
    rows: list[PersonRow] = []
    for (key, _), parsed in active_files(files).items():
        for r in parsed.registrations:
            if r.webinar_key == key:
                rows.append(PersonRow(key, r, email_key(r.email), name_key(_registration_name(r))))
        for s in parsed.sessions:
            if s.webinar_key == key:
                rows.append(PersonRow(key, s, email_key(s.email), name_key(s.name)))

    emails_by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.email and row.name:
            emails_by_name[(row.webinar_id, row.name)].add(row.email)
    for row in rows:
        if row.email:
            row.person = f"email:{row.email}"
        elif row.name:
            linked = emails_by_name.get((row.webinar_id, row.name), set())
            if len(linked) == 1:
                row.person = f"email:{next(iter(linked))}"
            else:
                row.person = f"name:{row.webinar_id}:{row.name}"
    return [row for row in rows if row.person is not None]


# ---------------------------------------------------------------- webinars and minutes


@dataclass(frozen=True, slots=True)
class Webinar:
    webinar_id: str
    title: str | None
    platform: str
    start_at: datetime | None
    end_at: datetime | None  # known only from an actual start and a duration
    start_is_actual: bool
    has_attendance: bool


def webinars(files: Sequence[ParsedFile]) -> dict[str, Webinar]:
    """Every webinar with an active report; the attendance report describes it best."""
    active = active_files(files)
    out: dict[str, Webinar] = {}
    for key in sorted({k for k, _ in active}):
        parsed = active.get((key, ATTENDANCE)) or active[(key, REGISTRATION)]
        record: WebinarRecord = next(w for w in parsed.webinars if w.key == key)
        end_at = None
        if record.start_at is not None and record.duration_minutes is not None:
            end_at = record.start_at + timedelta(minutes=record.duration_minutes)
        out[key] = Webinar(
            key,
            record.title,
            record.platform,
            record.start_at,
            end_at,
            record.start_is_actual,
            (key, ATTENDANCE) in active,
        )
    return out


def minutes_attended(sessions: Iterable[SessionRecord], webinar: Webinar) -> float:
    """DEFINITIONS.md, "Minutes attended": the union of the join/leave intervals, clipped."""
    intervals: list[tuple[datetime, datetime]] = []
    for s in sessions:
        if s.join_at is None or s.leave_at is None:
            continue
        join, leave = s.join_at, s.leave_at
        if webinar.start_is_actual and webinar.start_at is not None:
            join = max(join, webinar.start_at)
        if webinar.start_is_actual and webinar.end_at is not None:
            leave = min(leave, webinar.end_at)
        if leave > join:
            intervals.append((join, leave))
    total = timedelta(0)
    current: tuple[datetime, datetime] | None = None
    for join, leave in sorted(intervals):
        if current is None or join > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (join, leave)
        else:
            current = (current[0], max(current[1], leave))
    if current is not None:
        total += current[1] - current[0]
    return total.total_seconds() / 60


def round_like_the_mart(value: float | None) -> float | None:
    """One decimal, half away from zero on the value times ten, as DuckDB's round(x, 1)."""
    if value is None:
        return None
    tenfold = Decimal(value * 10).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(tenfold) / 10


def period_cutoff(as_of: date | None, zone: str) -> datetime | None:
    """The end of the as-of day in the series' zone, naive UTC; None: no cut-off."""
    if as_of is None:
        return None
    end = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=ZoneInfo(zone))
    return end.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


# ---------------------------------------------------------------- country and sector


def _latest(facts: Iterable[tuple[tuple, str]], what: str, person: str) -> str | None:
    """The value with the greatest rank; two different values with the top rank are ambiguous."""
    best: tuple | None = None
    values: set[str] = set()
    for rank, value in facts:
        if best is None or rank > best:
            best, values = rank, {value}
        elif rank == best:
            values.add(value)
    if len(values) > 1:
        raise Ambiguous(f"{person}: {what} {sorted(values)} at the same rank {best}")
    return next(iter(values)) if values else None


def person_countries(rows: Sequence[PersonRow], period: dict[str, Webinar]) -> dict[str, str]:
    """Each person's country: from the latest webinar that knows one; there, own answer first."""
    facts: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for row in rows:
        webinar = period.get(row.webinar_id)
        if webinar is None or row.record.country is None:
            continue
        own_answer = isinstance(row.record, RegistrationRecord)
        # The texts are ISO alpha-3 codes, which resolve to themselves.
        facts[row.person].append(((webinar.start_at, own_answer), row.record.country))
    out = {}
    for person, person_facts in facts.items():
        value = _latest(person_facts, "country", person)
        if value is not None:
            out[person] = value
    return out


def person_sectors(rows: Sequence[PersonRow], period: dict[str, Webinar]) -> dict[str, str]:
    """Each person's sector: the latest registration that says one ('unknown' says none)."""
    from pipeline.normalize import resolve_sector

    facts: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for row in rows:
        webinar = period.get(row.webinar_id)
        if webinar is None or not isinstance(row.record, RegistrationRecord):
            continue
        r = row.record
        sector = resolve_sector(r.sector, r.organization, row.email, r.job_title)
        if sector != UNKNOWN_SECTOR:
            facts[row.person].append(((webinar.start_at,), sector))
    out = {}
    for person, person_facts in facts.items():
        value = _latest(person_facts, "sector", person)
        if value is not None:
            out[person] = value
    return out


# ---------------------------------------------------------------- the marts


def marts(files: Sequence[ParsedFile], zone: str = "UTC", as_of: date | None = None) -> Marts:
    """The five contract marts of DEFINITIONS.md for ``files``, and speakers' audiences.

    Rows are in a canonical order: webinars and growth by start time (then
    id), countries by code (unknown first), sectors by code.
    """
    cutoff = period_cutoff(as_of, zone)
    every = webinars(files)
    period = {
        k: w
        for k, w in every.items()
        if w.start_at is not None and (cutoff is None or w.start_at < cutoff)
    }
    counted = sorted(
        (w for w in period.values() if w.has_attendance), key=lambda w: (w.start_at, w.webinar_id)
    )
    rows = person_rows(files)
    country = person_countries(rows, period)
    sector = person_sectors(rows, period)

    reach: list[Row] = []
    growth: list[Row] = []
    participants: set[str] = set()
    registrants_anywhere: set[str] = set()
    speakers: set[str] = set()
    audiences: dict[str, list[set[str]]] = defaultdict(list)  # each speaker's webinars' attendees
    for position, webinar in enumerate(counted, start=1):
        here = [r for r in rows if r.webinar_id == webinar.webinar_id]
        sessions = [r for r in here if isinstance(r.record, SessionRecord)]
        roles: dict[str, set[str]] = defaultdict(set)
        for r in sessions:
            roles[r.person].add(r.record.role)
        # Speakers and staff are never attendees, even with an audience row too.
        attendees = sorted(p for p, rs in roles.items() if rs == {ATTENDEE})
        panelists = {p for p, rs in roles.items() if PANELIST in rs}
        speakers |= panelists
        for p in panelists:
            audiences[p].append(set(attendees))
        registrants = {
            r.person
            for r in here
            if isinstance(r.record, RegistrationRecord) and r.record.status == "approved"
        }
        registrants_anywhere |= registrants

        minutes = [
            minutes_attended((r.record for r in sessions if r.person == p), webinar)
            for p in attendees
        ]
        registered_attendees = sum(1 for p in attendees if p in registrants)
        new = sum(1 for p in attendees if p not in participants)
        participants |= set(attendees)
        reach.append(
            {
                "webinar_id": webinar.webinar_id,
                "series": SERIES,
                "title": webinar.title,
                "start_at": webinar.start_at,
                "language": None,
                "platform": webinar.platform,
                "registrants": len(registrants),
                "attendees": len(attendees),
                "registered_attendees": registered_attendees,
                "walk_ins": len(attendees) - registered_attendees,
                "attendance_rate": registered_attendees / len(registrants) if registrants else None,
                "avg_minutes": round_like_the_mart(
                    sum(minutes) / len(minutes) if minutes else None
                ),
                "countries": len({country[p] for p in attendees if p in country}),
                "new_attendees": new,
                "returning_attendees": len(attendees) - new,
            }
        )
        growth.append(
            {
                "series": SERIES,
                "webinar_id": webinar.webinar_id,
                "start_at": webinar.start_at,
                "attendees": len(attendees),
                "cumulative_participants": len(participants),
                "cumulative_countries": len({country[p] for p in participants if p in country}),
                "cumulative_webinars": position,
            }
        )

    if not counted:
        return {
            "webinar_reach": [],
            "series_summary": [],
            "participants_by_country": [],
            "participants_by_sector": [],
            "series_growth": [],
            "speakers": [],
        }

    summary = {
        "series": SERIES,
        "webinars": len(counted),
        "participants": len(participants),
        "registered_only": len(registrants_anywhere - participants),
        "countries": len({country[p] for p in participants if p in country}),
        "speakers": len(speakers),
        "first_webinar_at": counted[0].start_at,
        "last_webinar_at": counted[-1].start_at,
    }
    by_country = Counter(country.get(p) for p in participants)
    by_sector = Counter(sector.get(p, UNKNOWN_SECTOR) for p in participants)
    return {
        "webinar_reach": reach,
        "series_summary": [summary],
        "participants_by_country": [
            {"series": SERIES, "country_iso3": c, "participants": n}
            for c, n in sorted(by_country.items(), key=lambda item: item[0] or "")
        ],
        "participants_by_sector": [
            {"series": SERIES, "sector": s, "participants": n} for s, n in sorted(by_sector.items())
        ],
        "series_growth": growth,
        # speaker ids are hashes: the rows are compared in order of their figures
        "speakers": sorted(
            (
                {
                    "appearances": len(seen),
                    "total_attendees": sum(map(len, seen)),
                    "distinct_audience": len(set().union(*seen)),
                }
                for seen in audiences.values()
            ),
            key=lambda row: tuple(row.values()),
        ),
    }
