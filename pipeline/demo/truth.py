"""Ground-truth figures of the demo series, computed from the model, never from files.

Every figure follows DEFINITIONS.md; the choices DEFINITIONS.md leaves open
are written down in :data:`NOTES` and copied into the manifest, so a failing
pipeline test can be traced to a rule rather than to a guess.

The generator keeps each person's data unambiguous so that these figures do
not depend on tie-breaking: a person's resolvable country texts all name the
same country, and their answer, organisation, e-mail domain and job title
never point to different sectors.

The truth sees only what the exports show: each platform loses something
(``platforms.TRAITS``). A Teams report has no no-shows, no form answers and
no country; Webex attendance has no country; GoTo has no geolocation and
writes times to the minute. A person's country and sector then come from
whatever row of theirs, on any platform, does show them (DEFINITIONS.md:
they belong to the person, not to the row).
"""

from __future__ import annotations

import json
from array import array
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.demo.model import APPROVED, Series, WebinarDetail
from pipeline.demo.platforms import TRAITS

NOTES: dict[str, str] = {
    "webinars": (
        "Webinars with attendance data (an attendee report). The catalogue-only "
        "webinar is not counted; it is listed in catalogue_only_webinars. The "
        "uncatalogued webinar is counted: its exports are data."
    ),
    "participants": (
        "Distinct persons who attended at least one webinar in the audience role "
        "(Attendee Details or Other Attended rows with Attended=Yes). Identity is "
        "the trimmed lower-cased e-mail; a row without e-mail is a person of its own, "
        "matched by name within its webinar only (every such guest has a unique name)."
    ),
    "returning_participants": "Participants who attended more than one webinar.",
    "registered_only": (
        "Persons with at least one approved registration and no audience attendance. "
        "Denied, cancelled and pending registrations make nobody a registrant."
    ),
    "countries": (
        "Distinct countries of participants whose country is known: some row of theirs "
        "resolves (a registration answer in a Zoom, GoTo or Webex export, Zoom's "
        "Country/Region Name on any of their rows, or their catalogue entry as a "
        "speaker). Teams exports carry no country, Webex attendance and GoTo none but "
        "the form's answer. All resolvable texts of one person name the same country."
    ),
    "speakers": (
        "Distinct persons in a Panelist Details section or named as speaker in the "
        "catalogue (every catalogue speaker has an e-mail). Hosts are staff. Some "
        "catalogue speakers are missing from their panel and still count."
    ),
    "participants_by_sector": (
        "A participant's sector is their true sector when any row of theirs shows it "
        "(typed answer, organisation, e-mail domain or job title; Teams exports show "
        "only the e-mail), or they are a catalogue speaker (the catalogue states it); "
        "'other' when they only ever answered 'Other' with nothing else to go on; "
        "otherwise 'unknown'."
    ),
    "attendance_rows": (
        "Data rows of all attendance reports, every section (Zoom host, panelist, "
        "attendee Yes and No, other attended; GoTo sessions, panelists, organisers; "
        "Teams participants and in-meeting activities; Webex rows, breakout rooms "
        "included), unreadable rows included; the duplicate file listed in "
        "duplicate_files is not counted twice. Header, marker, metadata and blank rows "
        "are not data rows."
    ),
    "registration_rows": (
        "Data rows of all registration reports, every approval status, duplicate "
        "registrations and unreadable rows included."
    ),
    "rejected_rows": (
        "Rows a reader must reject: lines are 1-based physical lines of the file. "
        "Each unreadable attendee row duplicates a readable session of the same "
        "person, so the figures do not depend on whether it is kept."
    ),
    "per_webinar": (
        "Keyed by '<platform_id>|<series-local date>' (2022 English webinars share a "
        "recurring Zoom ID; a Teams export shows no ID, the catalogue has it). "
        "registrants = distinct approved registrants the exports show (a Teams report "
        "lists no one who did not attend, so its attendance rate is 1); attendees = "
        "distinct audience persons; registered_attendees = attendees with an approved "
        "registration for that webinar; walk_ins = attendees without one; "
        "new_attendees = attendees whose first audience webinar (start order) this is, "
        "a former panelist included; countries = distinct known countries of its "
        "attendees (person-level country); avg_minutes = mean over attendees of the "
        "union of their readable sessions, clipped to [actual start, actual start + "
        "actual duration]; GoTo writes join and leave times to the minute, so its "
        "sessions are cut to the minute first."
    ),
    "platforms": (
        "Exported webinars per platform: GoTo Webinar first, then Zoom, a stretch on "
        "Webex, and partner-hosted episodes on Teams. files[].language is the "
        "interface language of each download (its headers)."
    ),
    "timezone": "All times in the exports and the catalogue are naive series-local times.",
}


@dataclass
class DemoManifest:
    """Ground truth of one generated demo series (also written as demo_manifest.json)."""

    seed: int
    scale: float
    series: str
    series_timezone: str
    webinars: int
    catalogue_only_webinars: list[dict[str, Any]]
    uncatalogued_webinars: list[dict[str, Any]]
    participants: int
    returning_participants: int
    registered_only: int
    countries: int
    speakers: int
    attendance_rows: int
    registration_rows: int
    rejected_rows: list[dict[str, Any]]
    per_webinar: dict[str, dict[str, Any]]
    participants_by_sector: dict[str, int]
    participants_by_country: dict[str, int]
    first_webinar_date: str
    last_webinar_date: str
    languages: dict[str, int]
    platforms: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    duplicate_files: list[dict[str, str]] = field(default_factory=list)
    catalogue: str = "catalogue.yaml"
    notes: dict[str, str] = field(default_factory=lambda: dict(NOTES))

    def to_json(self) -> str:
        """One key per line, long collections one item per line.

        ``json.dumps(indent=...)`` falls back to the pure-Python encoder, which
        took seconds on the 100x manifest; each line here is a compact C dump.
        """

        def dump(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False)

        parts = []
        for key, value in asdict(self).items():
            if isinstance(value, dict) and len(value) > 8:
                items = ",\n".join(f"  {dump(k)}: {dump(v)}" for k, v in value.items())
                parts.append(f"{dump(key)}: {{\n{items}\n }}")
            elif isinstance(value, list) and len(value) > 3:
                items = ",\n".join(f"  {dump(v)}" for v in value)
                parts.append(f"{dump(key)}: [\n{items}\n ]")
            else:
                parts.append(f"{dump(key)}: {dump(value)}")
        return "{\n " + ",\n ".join(parts) + "\n}\n"

    def write(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> DemoManifest:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def _union_seconds(sessions: list[tuple[int, int]], length: int) -> int:
    """Length of the union of intervals, clipped to [0, length] (DEFINITIONS.md)."""
    total = 0
    end_so_far = 0
    for join, leave in sorted(sessions):
        join, leave = max(join, end_so_far, 0), min(leave, length)
        if leave > join:
            total += leave - join
            end_so_far = leave
    return total


@dataclass(slots=True)
class WebinarFacts:
    """What the ground truth needs from one webinar: small, picklable.

    Computed next to the writer (possibly in a worker process) and folded into
    :class:`GroundTruth` in start order.
    """

    index: int
    key: str
    info: dict[str, Any]
    registrants: list[int]  # distinct pids with an approved registration
    attendees: list[int]  # distinct audience pids
    country_rows: list[int]  # pids with a resolvable country text on a row here
    sector_evidence: list[tuple[int, int]]  # (pid, 1 "Other" / 2 true sector)
    panelists: list[int]
    seconds: int  # sum over attendees of their clipped union of sessions


def facts_of(detail: WebinarDetail) -> WebinarFacts:
    """Per-webinar ground truth of one materialised webinar (see NOTES)."""
    webinar = detail.webinar
    traits = TRAITS[webinar.platform]
    registrants: dict[int, None] = {}
    country_rows: list[int] = []
    evidence: list[tuple[int, int]] = []
    joined_registered = {
        a.person.pid for a in detail.attendances if a.person is not None and a.registration
    }
    for reg in detail.registrations:
        person = reg.person
        if person is None or reg.status != APPROVED:
            continue
        if not traits.lists_no_shows and person.pid not in joined_registered:
            continue  # a registrant who never joined is in no export of this platform
        registrants[person.pid] = None
        if not traits.registration_answers:
            continue
        if reg.country_resolves:
            country_rows.append(person.pid)
        if reg.sector_evidence:
            evidence.append((person.pid, reg.sector_evidence))
    attendees: list[int] = []
    seconds = 0
    length = webinar.actual_minutes * 60
    for att in detail.attendances:
        if att.person is None:
            continue
        attendees.append(att.person.pid)
        if att.zoom_country and traits.geolocation:
            country_rows.append(att.person.pid)
        sessions = att.sessions
        if traits.minute_clock:
            sessions = [(join // 60 * 60, leave // 60 * 60) for join, leave in sessions]
        seconds += _union_seconds(sessions, length)
    if len(set(attendees)) != len(attendees):
        raise AssertionError("a person attends one webinar once")
    panelists = []
    for appearance in detail.panelists:
        if appearance.person is not None:
            panelists.append(appearance.person.pid)
            if appearance.zoom_country and traits.geolocation:
                country_rows.append(appearance.person.pid)
    return WebinarFacts(
        index=webinar.index,
        key=webinar.key,
        info={
            "platform": webinar.platform,
            "platform_id": webinar.platform_id,
            "date": webinar.start.date().isoformat(),
            "start_time": webinar.start.strftime("%H:%M"),
            "actual_start": webinar.actual_start.isoformat(sep=" "),
            "actual_minutes": webinar.actual_minutes,
            "title": webinar.title,
            "language": webinar.language,
            "in_catalogue": webinar.in_catalogue,
        },
        registrants=list(registrants),
        attendees=attendees,
        country_rows=country_rows,
        sector_evidence=evidence,
        panelists=panelists,
        seconds=seconds,
    )


class GroundTruth:
    """Accumulates figures webinar by webinar, in start order."""

    def __init__(self, series: Series) -> None:
        n = len(series.persons)
        self.series = series
        self.first_seen = array("i", [-1]) * n  # index of first audience webinar
        self.visits = array("i", [0]) * n  # audience webinars per person
        self.country_known = bytearray(n)
        self.sector_evidence = bytearray(n)
        self.registered = bytearray(n)
        self.is_speaker = bytearray(n)
        self.per_webinar: dict[str, dict[str, Any]] = {}
        self.attendee_pids: dict[str, list[int]] = {}
        self._last_index = -1

    def add(self, facts: WebinarFacts) -> None:
        if facts.index <= self._last_index:
            raise ValueError("webinars must be added in start order")
        self._last_index = facts.index
        for pid in facts.registrants:
            self.registered[pid] = 1
        for pid in facts.country_rows:
            self.country_known[pid] = 1
        for pid, evidence in facts.sector_evidence:
            if evidence > self.sector_evidence[pid]:
                self.sector_evidence[pid] = evidence
        for pid in facts.panelists:
            self.is_speaker[pid] = 1
        registrants = set(facts.registrants)
        attendees = facts.attendees
        new = 0
        for pid in attendees:
            self.visits[pid] += 1
            if self.first_seen[pid] < 0:
                self.first_seen[pid] = facts.index
                new += 1
        walk_ins = sum(1 for pid in attendees if pid not in registrants)
        self.attendee_pids[facts.key] = attendees
        self.per_webinar[facts.key] = {
            **facts.info,
            "registrants": len(registrants),
            "attendees": len(attendees),
            "registered_attendees": len(attendees) - walk_ins,
            "walk_ins": walk_ins,
            "new_attendees": new,
            "returning_attendees": len(attendees) - new,
            "countries": 0,  # filled in by manifest(): person-level, needs all rows
            "avg_minutes": round(facts.seconds / 60 / len(attendees), 4) if attendees else None,
            "attendance_rate": round((len(attendees) - walk_ins) / len(registrants), 4)
            if registrants
            else None,
        }

    def _sector(self, pid: int) -> str:
        person = self.series.persons[pid]
        if self.sector_evidence[pid] == 2 or person.domain_implies:
            return person.sector
        if self.sector_evidence[pid] == 1:
            return "other"
        return "unknown"

    def manifest(self, **extra: Any) -> DemoManifest:
        """The figures, once every exported webinar has been added."""
        series = self.series
        persons = series.persons
        for webinar in series.webinars:
            if webinar.in_catalogue:
                # The catalogue names each speaker with an e-mail, a country and a sector
                # (DEFINITIONS.md: both resolved from the person's own statement).
                for person in webinar.speakers:
                    self.is_speaker[person.pid] = 1
                    self.country_known[person.pid] = 1
                    self.sector_evidence[person.pid] = 2
        participants = [p for p in range(len(persons)) if self.first_seen[p] >= 0]
        by_country: dict[str, int] = {}
        by_sector: dict[str, int] = {}
        for pid in participants:
            iso3 = persons[pid].country.iso3 if self.country_known[pid] else "unknown"
            by_country[iso3] = by_country.get(iso3, 0) + 1
            sector = self._sector(pid)
            by_sector[sector] = by_sector.get(sector, 0) + 1
        for key, pids in self.attendee_pids.items():
            self.per_webinar[key]["countries"] = len(
                {persons[p].country.iso3 for p in pids if self.country_known[p]}
            )
        exported = series.exported
        languages: dict[str, int] = {}
        platforms: dict[str, int] = {}
        for webinar in exported:
            languages[webinar.language] = languages.get(webinar.language, 0) + 1
            platforms[webinar.platform] = platforms.get(webinar.platform, 0) + 1

        def entry(webinar: Any) -> dict[str, Any]:
            return {
                "title": webinar.title,
                "date": webinar.start.date().isoformat(),
                "platform_id": webinar.platform_id,
                "key": webinar.key,
            }

        return DemoManifest(
            seed=series.seed,
            scale=series.scale,
            series=series.name,
            series_timezone=series.timezone,
            webinars=len(exported),
            catalogue_only_webinars=[entry(w) for w in series.webinars if not w.has_export],
            uncatalogued_webinars=[entry(w) for w in exported if not w.in_catalogue],
            participants=len(participants),
            returning_participants=sum(1 for p in participants if self.visits[p] > 1),
            registered_only=sum(
                1 for p in range(len(persons)) if self.registered[p] and self.first_seen[p] < 0
            ),
            countries=len([c for c in by_country if c != "unknown"]),
            speakers=sum(self.is_speaker),
            per_webinar=self.per_webinar,
            participants_by_sector=dict(sorted(by_sector.items())),
            participants_by_country=dict(
                sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))
            ),
            first_webinar_date=exported[0].start.date().isoformat(),
            last_webinar_date=exported[-1].start.date().isoformat(),
            languages=languages,
            platforms=platforms,
            **extra,
        )
