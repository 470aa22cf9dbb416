"""The demo series as data: who exists, which webinar they registered for or attended.

This module knows nothing about any platform's file format. It builds the
series in two steps so that a 100x series stays fast and small in memory:

1. :func:`build_series` plans everything that spans webinars (the schedule,
   every person, each person's registrations and attendances, the speakers)
   from one ``random.Random(seed)``;
2. :func:`materialize` turns one planned webinar into its rows (registration
   times, typed answers, join/leave sessions, panelists, unreadable rows) with
   a generator seeded from ``(seed, webinar)``, so each webinar can be built,
   written and forgotten on its own, in any order, with the same result.

Platform writers (``zoom.py``...) render a :class:`WebinarDetail`;
``truth.py`` computes the ground-truth figures from the same objects, never
from the written files.
"""

from __future__ import annotations

import bisect
import csv
import functools
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import resources
from itertools import accumulate
from typing import TypeVar

from pipeline.demo import vocab
from pipeline.demo.platforms import GOTO, TEAMS, WEBEX, ZOOM

SERIES_NAME = "Open Government Peer Learning Series"
SERIES_TIMEZONE = "America/New_York"
FIRST_DAY = date(2021, 3, 1)
LAST_DAY = date(2025, 2, 20)

# Platform eras, as a real series drifts: the programme began on the GoTo Webinar
# account it already had, moved to Zoom for most of its life, ran one stretch on a
# partner's Webex licence, and now and then let a partner host an episode on Teams.
GOTO_UNTIL = date(2021, 9, 1)
WEBEX_FROM, WEBEX_UNTIL = date(2024, 7, 1), date(2024, 11, 1)
# Share of the Zoom-era episodes (not 2022's recurring Zoom webinars) a partner hosts
# on Teams, by language: a Latin American network hosts Spanish episodes most often.
TEAMS_SHARE = {"en": 0.07, "es": 0.2}
SPANISH_DOWNLOADS = 0.7  # Spanish episodes whose exports a Spanish-speaking team downloads

# Profiles: how a person's sector can be told from what they leave in the data.
TYPED, ORG, DOMAIN, TITLE, UNKNOWN, OTHER = "typed", "org", "domain", "title", "unknown", "other"
_PROFILE_WEIGHTS = {TYPED: 62, ORG: 12, DOMAIN: 8, TITLE: 3, UNKNOWN: 9, OTHER: 6}

AUDIENCE, SPEAKER, GUEST, REGISTERED_ONLY, GHOST = (
    "audience",
    "speaker",
    "guest",
    "registered_only",
    "ghost",
)
APPROVED = "approved"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Country:
    """A true country and the ways people and Zoom write it."""

    iso3: str
    zoom_name: str  # what Zoom's geolocation writes in Country/Region Name
    es_name: str
    name_group: str  # which name pool its people are drawn from
    lean: str  # "es" if its people mostly follow the Spanish webinars
    weight: float
    tld: str  # country-code top-level domain, for work addresses that name no sector
    gov_suffix: str  # e-mail suffix that names government by itself, or ""
    acad_suffix: str  # e-mail suffix that names academia by itself, or ""
    forms: tuple[str, ...]  # resolvable spellings: English, Spanish, aliases


def load_countries() -> tuple[Country, ...]:
    """Read ``data/countries.csv``: the demo's 126 true countries and their spellings."""
    text = resources.files("pipeline.demo").joinpath("data/countries.csv").read_text("utf-8")
    out = []
    for row in csv.DictReader(text.splitlines()):
        aliases = [a for a in row["aliases"].split("|") if a]
        forms = tuple(dict.fromkeys([row["zoom_name"], row["es_name"], *aliases]))
        out.append(
            Country(
                iso3=row["iso3"],
                zoom_name=row["zoom_name"],
                es_name=row["es_name"],
                name_group=row["name_group"],
                lean=row["lean"],
                weight=float(row["weight"]),
                tld=row["tld"],
                gov_suffix=row["gov_suffix"],
                acad_suffix=row["acad_suffix"],
                forms=forms,
            )
        )
    return tuple(out)


@dataclass(slots=True, eq=False)
class Person:
    """One human of the series, with what they tend to type.

    ``email`` is the identity key of DEFINITIONS.md (trimmed, lower case); the
    rows carry other spellings of it. Name-only guests have ``email=None`` and
    a name no one else has.
    """

    pid: int
    role: str
    first: str
    last: str
    email: str | None
    email_form: str  # how this person usually types their address
    country: Country
    country_answer: str  # how this person usually answers "Country"
    junk_country: bool  # answers "N/A", "Latin America"... instead of a country
    hides_location: bool  # Zoom's geolocation never finds them
    sector: str  # true sector
    profile: str  # TYPED, ORG, DOMAIN, TITLE, UNKNOWN or OTHER
    organization: str
    org_implies: bool
    job_title: str
    lang: str  # language they type answers in
    domain_implies: bool  # the e-mail domain alone names the sector

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}".strip()


@dataclass(slots=True)
class Webinar:
    """One live occurrence, with its plan (who registers, who attends)."""

    index: int  # position in start order
    start: datetime  # scheduled, series-local, naive
    actual_start: datetime
    scheduled_minutes: int
    actual_minutes: int
    language: str
    topic: str
    title: str
    platform_id: str
    host: tuple[str, str]
    organisers: tuple[str, ...]
    asks_phone: bool
    attendee_report_at: datetime  # when staff downloaded the attendee report
    registration_report_at: datetime
    has_export: bool = True
    in_catalogue: bool = True
    catalogue_start_time: bool = True  # False: the catalogue entry omits start_time
    platform: str = ZOOM
    download_language: str = "en"  # interface language of whoever downloaded the exports
    speakers: list[Person] = field(default_factory=list)
    absent_speakers: set[int] = field(default_factory=set)  # pids missing from the panel
    attendees: list[tuple[int, bool]] = field(default_factory=list)  # (pid, registered)
    no_shows: list[int] = field(default_factory=list)
    ghosts: list[tuple[int, str]] = field(default_factory=list)  # (pid, non-approved status)
    duplicate_registrations: list[int] = field(default_factory=list)
    garbage_rows: int = 0  # extra attendee rows whose times Excel shows as ##########
    anonymous_rows: int = 0  # attendee rows with neither name nor e-mail
    anonymous_registrations: int = 0
    other_attended: bool = False  # walk-ins land in Zoom's "Other Attended" section
    breakout_rows: int = 0  # Webex: attendees who also spent a while in a breakout room

    @property
    def end(self) -> datetime:
        return self.actual_start + timedelta(minutes=self.actual_minutes)

    @property
    def key(self) -> str:
        """Manifest key: platform ID plus series-local date (IDs recur)."""
        return f"{self.platform_id}|{self.start.date().isoformat()}"


@dataclass(slots=True)
class Registration:
    """One row of a registration report (and, if approved, of the attendee report)."""

    person: Person | None  # None: an unreadable row with neither name nor e-mail
    at: int  # seconds from the scheduled start (negative: before it)
    status: str
    email: str  # as typed
    first: str
    last: str
    phone: str
    answers: tuple[str, str, str, str]  # country, organisation, sector, job title
    country_resolves: bool
    sector_evidence: int  # 0 nothing, 1 says "Other", 2 names the true sector


@dataclass(slots=True)
class Attendance:
    """A person's audience presence at one webinar: one or more join sessions."""

    person: Person | None  # None: a row with neither name nor e-mail
    registration: Registration | None  # None: a walk-in
    sessions: list[tuple[int, int]]  # (join, leave) in seconds from the actual start
    display_name: str
    email: str
    zoom_country: str
    is_guest: bool
    garbage_rows: int = 0
    breakout: tuple[int, int] | None = None  # Webex: a stretch of the first session in a room


@dataclass(slots=True)
class Appearance:
    """A host or panelist presence (never an attendee)."""

    person: Person | None  # None for hosts (staff accounts)
    name: str
    email: str
    sessions: list[tuple[int, int]]
    zoom_country: str
    is_guest: bool


@dataclass(slots=True)
class WebinarDetail:
    """Everything one webinar's exports contain, platform-neutral."""

    webinar: Webinar
    registrations: list[Registration]  # every status, sorted by time
    attendances: list[Attendance]  # audience, registered first then walk-ins
    panelists: list[Appearance]
    hosts: list[Appearance]


@dataclass(slots=True)
class Series:
    """The planned series: the input of writers and of the ground truth."""

    name: str
    timezone: str
    seed: int
    scale: float
    countries: tuple[Country, ...]
    persons: list[Person]
    webinars: list[Webinar]

    @property
    def exported(self) -> list[Webinar]:
        return [w for w in self.webinars if w.has_export]


# --- helpers -----------------------------------------------------------------


@functools.cache
def ascii_fold(text: str) -> str:
    """'Pérez' -> 'perez', for e-mail local parts."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


@functools.cache
def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _scribble(rng: random.Random, text: str) -> str:
    """A careless spelling of an answer: case, accents or a stray space."""
    r = rng.random()
    if r < 0.35:
        return text.lower()
    if r < 0.5:
        return text.upper()
    if r < 0.75:
        return _strip_accents(text)
    return text + " "


def name_key(name: str) -> str:
    """Same idea as DEFINITIONS.md's name matching: case, accents, order ignored."""
    return " ".join(sorted(_strip_accents(name).lower().split()))


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    """``rng.choice`` without its overhead (hot path: millions of calls at scale 100)."""
    return seq[int(rng.random() * len(seq))]


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` without its overhead; ``low <= n <= high``."""
    return low + int(rng.random() * (high - low + 1))


class _WeightedPicker:
    """Draw indices with fixed weights (``bisect`` on cumulative weights)."""

    def __init__(self, weights: list[float]) -> None:
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> int:
        return bisect.bisect_right(self.cum, rng.random() * self.total)


# --- people ------------------------------------------------------------------


class _People:
    """Makes persons: names, unique e-mails, sector profile and typing habits."""

    def __init__(self, rng: random.Random, countries: tuple[Country, ...]) -> None:
        self.rng = rng
        self.countries = countries
        self.country_picker = _WeightedPicker([c.weight for c in countries])
        self.persons: list[Person] = []
        self.emails: set[str] = set()
        self.email_suffix: dict[str, int] = {}
        self.orgs = {
            (sector, lang): (orgs, tuple(o for o in orgs if o.implies))
            for sector, by_lang in vocab.ORGANIZATIONS.items()
            for lang, orgs in by_lang.items()
        }
        self.guest_keys: set[str] = set()
        self.audience_sectors = list(vocab.AUDIENCE_SECTOR_WEIGHTS)
        self.audience_sector_picker = _WeightedPicker(list(vocab.AUDIENCE_SECTOR_WEIGHTS.values()))
        self.speaker_sectors = list(vocab.SPEAKER_SECTOR_WEIGHTS)
        self.speaker_sector_picker = _WeightedPicker(list(vocab.SPEAKER_SECTOR_WEIGHTS.values()))
        self.profiles = list(_PROFILE_WEIGHTS)
        self.profile_picker = _WeightedPicker(list(_PROFILE_WEIGHTS.values()))

    def _name(self, group: str) -> tuple[str, str]:
        rng = self.rng
        first = pick(rng, vocab.FIRST_NAMES[group])
        last = pick(rng, vocab.LAST_NAMES[group])
        if group == "es" and rng.random() < 0.3:
            last = f"{last} {pick(rng, vocab.LAST_NAMES[group])}"
        return first, last

    def _unique_email(self, first: str, last: str, domain: str) -> str:
        rng = self.rng
        f, surname = ascii_fold(first), ascii_fold(last.split()[0])
        style = rng.random()
        if style < 0.5:
            local = f"{f}.{surname}"
        elif style < 0.7:
            local = f"{f[:1]}{surname}"
        elif style < 0.85:
            local = f"{f}_{surname}"
        else:
            local = f"{f}.{surname}{between(rng, 1, 99)}"
        email = f"{local}@{domain}"
        if email in self.emails:
            # Homonyms get the next free number, as mail providers suggest.
            base = email
            n = self.email_suffix.get(base, 1)
            while email in self.emails:
                n += 1
                email = f"{local}{n}@{domain}"
            self.email_suffix[base] = n
        self.emails.add(email)
        return email

    def _email_form(self, email: str) -> str:
        """The spelling a person habitually types; identity is still ``email``."""
        local, _, domain = email.partition("@")
        r = self.rng.random()
        if r < 0.65:
            return email
        cap_local = ".".join(p[:1].upper() + p[1:] for p in local.split("."))
        if r < 0.9:
            return f"{cap_local}@{domain}"
        if r < 0.95:
            return f"{local}@{domain.upper()}"
        labels = [p.capitalize() if len(p) > 2 else p.upper() for p in domain.split(".")]
        return f"{cap_local}@{'.'.join(labels)}"

    def _country_answer(self, country: Country, lang: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.2 and len(country.forms) > 2:
            answer = pick(rng, country.forms[2:])
        elif (r < 0.8) == (lang == "es"):
            answer = country.es_name
        else:
            answer = country.zoom_name
        if rng.random() < 0.25:
            answer = _scribble(rng, answer)
        return answer

    def new(
        self,
        role: str,
        *,
        sector: str | None = None,
        profile: str | None = None,
        country: Country | None = None,
    ) -> Person:
        """A new person. Speakers are always TYPED with a work organisation."""
        rng = self.rng
        if country is None:
            country = self.countries[self.country_picker.pick(rng)]
        if sector is None:
            if role == SPEAKER:
                sector = self.speaker_sectors[self.speaker_sector_picker.pick(rng)]
            else:
                sector = self.audience_sectors[self.audience_sector_picker.pick(rng)]
        if profile is None:
            profile = TYPED if role == SPEAKER else self.profiles[self.profile_picker.pick(rng)]
        group = country.name_group
        lang = "es" if country.lean == "es" else "en"
        org_lang = _ORG_LANGUAGE.get(group, "en")
        first, last = self._name(group)

        orgs, implying = self.orgs[sector, org_lang]
        org = pick(rng, implying if profile == ORG or role == SPEAKER else orgs)

        # The e-mail domain: implying only where the profile or the sector allows it.
        implying_domain = ""
        if sector == "government" and country.gov_suffix:
            implying_domain = f"{org.slug}.{country.gov_suffix}"
        elif sector == "academia" and country.acad_suffix:
            implying_domain = f"{org.slug}.{country.acad_suffix}"
        elif sector == "international_organization":
            implying_domain = _IO_DOMAIN.get(org.slug, "")
        if profile == DOMAIN and not implying_domain:
            profile = TYPED
        if profile == TITLE and sector not in vocab.SECTOR_TITLES:
            profile = TYPED
        # A work address that names no sector by itself (answer or organisation decide).
        if sector in ("government", "academia"):
            work_domain = f"{org.slug}.{country.tld}"
        elif sector == "civil_society":
            work_domain = f"{org.slug}.org"
        elif sector in ("private_sector", "media"):
            work_domain = f"{org.slug}.com"
        else:
            work_domain = ""  # other international bodies: only the known domains above
        freemail = pick(rng, vocab.FREEMAIL_DOMAINS)
        if profile == DOMAIN:
            domain = implying_domain
        elif profile in (UNKNOWN, OTHER, TITLE):
            domain = freemail
        elif rng.random() < (0.9 if role == SPEAKER else 0.55):
            domain = implying_domain or work_domain or freemail
        else:
            domain = freemail
        email = self._unique_email(first, last, domain)

        shows_org = profile in (TYPED, ORG)
        organization = org.name if shows_org else pick(rng, vocab.BLANK_ANSWERS)
        if profile == TITLE:
            job_title = pick(rng, vocab.SECTOR_TITLES[sector][lang])
        else:
            job_title = pick(rng, vocab.GENERIC_TITLES[lang])

        person = Person(
            pid=len(self.persons),
            role=role,
            first=first,
            last=last,
            email=email,
            email_form=self._email_form(email),
            country=country,
            country_answer=self._country_answer(country, lang),
            junk_country=role != SPEAKER and rng.random() < 0.03,
            hides_location=rng.random() < 0.07,
            sector=sector,
            profile=profile,
            organization=organization,
            org_implies=org.implies and organization == org.name,
            job_title=job_title,
            lang=lang,
            domain_implies=domain == implying_domain or vocab.domain_names_sector(domain),
        )
        self.persons.append(person)
        return person

    def guest(self) -> Person:
        """A name-only guest (no e-mail): a three-word name nobody else has."""
        rng = self.rng
        country = self.countries[self.country_picker.pick(rng)]
        while True:
            first, last = self._name(country.name_group)
            first = f"{first} {pick(rng, vocab.MIDDLE_NAMES)}"
            key = name_key(f"{first} {last}")
            if len(key.split()) >= 3 and key not in self.guest_keys:
                break
        self.guest_keys.add(key)
        person = Person(
            pid=len(self.persons),
            role=GUEST,
            first=first,
            last=last,
            email=None,
            email_form="",
            country=country,
            country_answer="",
            junk_country=True,
            hides_location=rng.random() < 0.3,
            sector="unknown",
            profile=UNKNOWN,
            organization="",
            org_implies=False,
            job_title="",
            lang="es" if country.lean == "es" else "en",
            domain_implies=False,
        )
        self.persons.append(person)
        return person


_ORG_LANGUAGE = {"es": "es", "pt": "pt", "fr": "fr"}  # name pool -> organisation list
_IO_DOMAIN = {
    "worldbank": "worldbank.org",
    "bancomundial": "worldbank.org",
    "banquemondiale": "worldbank.org",
    "iadb": "iadb.org",
    "bid": "iadb.org",
    "undp": "undp.org",
    "pnud": "undp.org",
    "oecd": "oecd.org",
    "ocde": "oecd.org",
}


# --- schedule ----------------------------------------------------------------


def _schedule(rng: random.Random, n: int) -> list[datetime]:
    """``n`` scheduled starts between March 2021 and February 2025, weekdays only.

    A default-sized series is roughly monthly, Tuesday to Thursday at 9:00 or
    10:00. A scaled-up series packs several webinars a day into hourly slots;
    starts never coincide, so start order is well defined. Slots are an hour
    apart because a Teams report starts when the organiser opens the meeting
    (up to 40 minutes early): an hour keeps the pipeline's start order (which
    decides who is a new attendee) equal to the schedule's.
    """
    span = (LAST_DAY - FIRST_DAY).days
    step = span / n
    dense = step < 4
    starts: list[datetime] = []
    taken: dict[date, set[tuple[int, int]]] = {}
    slots = [(h, 0) for h in range(8, 20)]
    previous = FIRST_DAY - timedelta(days=1)
    for i in range(n):
        offset = i * step + (rng.uniform(0, step * 0.5) if not dense else 0)
        day = FIRST_DAY + timedelta(days=int(offset))
        if not dense:
            day = max(day, previous + timedelta(days=1))
            while day.weekday() not in (1, 2, 3):
                day += timedelta(days=1)
            previous = day
            starts.append(datetime(day.year, day.month, day.day, pick(rng, (9, 10))))
            continue
        while True:
            while day.weekday() > 4:
                day += timedelta(days=1)
            used = taken.setdefault(day, set())
            free = [s for s in slots if s not in used]
            if free:
                break
            day += timedelta(days=1)
        hour, minute = pick(rng, free)
        used.add((hour, minute))
        starts.append(datetime(day.year, day.month, day.day, hour, minute))
    starts.sort()
    return starts


# The ID each platform shows, as (lowest, highest, digit groups, separator): Zoom
# '812 3456 7890', GoTo '512-345-678', Webex '2634 123 4567', Teams '245 678 901 234'
# (Teams' exports never show it; staff copy it into the catalogue).
_ID_SHAPES: dict[str, tuple[int, int, tuple[int, ...], str]] = {
    ZOOM: (81_000_000_000, 99_999_999_999, (3, 4, 4), " "),
    GOTO: (100_000_000, 999_999_999, (3, 3, 3), "-"),
    WEBEX: (23_000_000_000, 26_999_999_999, (4, 3, 4), " "),
    TEAMS: (200_000_000_000, 299_999_999_999, (3, 3, 3, 3), " "),
}


def _platform_id(rng: random.Random, platform: str, used: set[str]) -> str:
    """A webinar ID of ``platform``'s shape that no other webinar of the series has."""
    low, high, groups, sep = _ID_SHAPES[platform]
    while True:
        digits = str(between(rng, low, high))
        if digits not in used:
            used.add(digits)
            parts, i = [], 0
            for g in groups:
                parts.append(digits[i : i + g])
                i += g
            return sep.join(parts)


def _era_platform(day: date) -> str:
    """The platform the series ran on at a date (a Teams episode is decided apart)."""
    if day < GOTO_UNTIL:
        return GOTO
    if WEBEX_FROM <= day < WEBEX_UNTIL:
        return WEBEX
    return ZOOM


def _title(rng: random.Random, language: str, topic: tuple[str, str, str]) -> str:
    if language == "es":
        stem = topic[2]
        template = pick(rng, vocab.ES_TITLE_TEMPLATES)
        place = pick(rng, vocab.ES_PLACES)
    else:
        stem = topic[1]
        template = pick(rng, vocab.EN_TITLE_TEMPLATES)
        place = pick(rng, vocab.EN_PLACES)
    return template.format(stem=stem, stem_lower=stem[:1].lower() + stem[1:], place=place)


# --- the plan ----------------------------------------------------------------


def _geometric(rng: random.Random, mean: float) -> int:
    """Number of failures before a success, with the given mean (>= 0)."""
    p = 1.0 / (1.0 + mean)
    return int(math.log(1.0 - rng.random()) / math.log(1.0 - p))


def build_series(
    seed: int = 2021, webinars: int = 63, participants: int = 4700, scale: float = 1.0
) -> Series:
    """Plan the whole series: schedule, people, registrations and attendances.

    The number of participants (persons who attend at least one webinar in the
    audience) is exactly ``round(participants * scale)``: each is created with
    the number of webinars they will attend, so the headline figure is a
    parameter, not an accident of the random draw.
    """
    rng = random.Random(seed)
    n_web = max(4, round(webinars * scale))
    n_part = max(30, round(participants * scale))
    countries = load_countries()
    people = _People(rng, countries)

    # Schedule and webinar metadata.
    used_ids: set[str] = set()
    plan: list[Webinar] = []
    recurring_id, recurring_count = "", 0
    recurring_days: set[date] = set()
    titles_by_day: dict[date, set[str]] = {}
    for index, start in enumerate(_schedule(rng, n_web)):
        language = "es" if rng.random() < 1 / 3 else "en"
        topic = pick(rng, vocab.TOPICS)
        title = _title(rng, language, topic)
        # Titles are unique within a day: a Teams export carries no ID, so the
        # pipeline keys it (and matches its catalogue entry) by title and date.
        same_day = titles_by_day.setdefault(start.date(), set())
        while title in same_day:
            topic = pick(rng, vocab.TOPICS)
            title = _title(rng, language, topic)
        same_day.add(title)
        platform = _era_platform(start.date())
        # In 2022 staff ran the English sessions as recurring Zoom webinars:
        # every five occurrences share one webinar ID (DEFINITIONS.md splits
        # them by start time).
        recurring = platform == ZOOM and start.year == 2022 and language == "en"
        if (
            platform == ZOOM
            and not recurring
            # The uncatalogued webinar stays on Zoom: a Teams export shows no ID, and
            # without a catalogue entry nothing would name it.
            and index != n_web // 2
            and rng.random() < TEAMS_SHARE[language]
        ):
            platform = TEAMS  # a partner hosts this episode on its own Teams
        if recurring:
            # A scaled-up series has several English sessions a day; one ID never
            # holds two occurrences of one day (the pipeline keys an occurrence by
            # ID and series-local date, so they would merge).
            if recurring_count % 5 == 0 or start.date() in recurring_days:
                recurring_id = _platform_id(rng, ZOOM, used_ids)
                recurring_count, recurring_days = 0, set()
            recurring_count += 1
            recurring_days.add(start.date())
            platform_id = recurring_id
        else:
            platform_id = _platform_id(rng, platform, used_ids)
        scheduled = pick(rng, (60, 60, 90))
        actual_start = start + timedelta(minutes=pick(rng, (0, 0, 1, 2, 3, 4)))
        actual_minutes = scheduled + between(rng, -8, 12)
        # Staff download the reports the same day or up to a month later.
        downloaded = actual_start + timedelta(
            minutes=actual_minutes,
            days=pick(rng, (0, 1, 1, 2, 3, 7, 14, 30)),
            hours=between(rng, 0, 5),
        )
        if platform == TEAMS:
            host = vocab.PARTNER_HOSTS[language]
        elif language == "es" and rng.random() < 0.8:
            host = vocab.HOSTS[2]
        else:
            host = vocab.HOSTS[rng.randrange(2)]
        # The Latin America team and Spanish-speaking partners download in Spanish.
        spanish_team = host in (vocab.HOSTS[2], vocab.PARTNER_HOSTS["es"])
        download_language = "es" if spanish_team and rng.random() < SPANISH_DOWNLOADS else "en"
        organisers = vocab.ORGANISERS_DEFAULT
        if rng.random() < 0.2:
            organisers = (*organisers, pick(rng, vocab.ORGANISERS_EXTRA))
        plan.append(
            Webinar(
                index=index,
                start=start,
                actual_start=actual_start,
                scheduled_minutes=scheduled,
                actual_minutes=actual_minutes,
                language=language,
                topic=topic[0],
                title=title,
                platform_id=platform_id,
                host=host,
                organisers=organisers,
                asks_phone=start.year >= 2023,
                attendee_report_at=downloaded,
                registration_report_at=downloaded - timedelta(minutes=between(rng, 1, 90)),
                catalogue_start_time=rng.random() > 0.1,
                platform=platform,
                download_language=download_language,
            )
        )
    # A title with a comma and quotes, so quoting in every writer is exercised.
    special = plan[min(2, n_web - 1)]
    special.title = (
        'Más allá de "abierto por defecto": datos, contratos y ciudadanía'
        if special.language == "es"
        else 'Beyond "open by default": data, contracts and citizens'
    )
    # Staff have not downloaded the newest webinar's exports yet; an extra
    # session mid-series was never entered in the catalogue.
    plan[-1].has_export = False
    plan[n_web // 2].in_catalogue = False
    exported = [w for w in plan if w.has_export]

    _plan_speakers(rng, people, plan)
    _plan_audience(rng, people, exported, n_part)
    _plan_mess(rng, exported)

    return Series(
        name=SERIES_NAME,
        timezone=SERIES_TIMEZONE,
        seed=seed,
        scale=scale,
        countries=countries,
        persons=people.persons,
        webinars=plan,
    )


def _plan_speakers(rng: random.Random, people: _People, plan: list[Webinar]) -> None:
    """About 2.2 distinct speakers per webinar, 3-4 per panel, some on several panels."""
    sizes = [pick(rng, (3, 4)) for _ in plan]
    total = sum(sizes)
    n_speakers = min(total, max(3, round(len(plan) * 140 / 63)))
    es_slots = sum(s for s, w in zip(sizes, plan, strict=True) if w.language == "es")
    n_es = round(n_speakers * es_slots / total)
    speakers: list[Person] = []
    es_countries = [c for c in people.countries if c.lean == "es"]
    es_picker = _WeightedPicker([c.weight for c in es_countries])
    for i in range(n_speakers):
        country = es_countries[es_picker.pick(rng)] if i < n_es else None
        speakers.append(people.new(SPEAKER, country=country))
    # Each speaker gets one slot; the extra slots go to popular speakers (Zipf-like).
    counts = [1] * n_speakers
    popularity = _WeightedPicker([1.0 / (rank + 1) ** 0.9 for rank in range(n_speakers)])
    for _ in range(total - n_speakers):
        counts[popularity.pick(rng)] += 1
    pools: dict[str, list[Person]] = {"es": [], "en": []}
    for person, count in zip(speakers, counts, strict=True):
        pools[person.lang].extend([person] * count)
    for pool in pools.values():
        rng.shuffle(pool)

    for webinar, size in zip(plan, sizes, strict=True):
        panel: list[Person] = []
        for _ in range(size):
            home = webinar.language
            away = "en" if home == "es" else "es"
            order = (away, home) if rng.random() < 0.15 else (home, away)
            chosen = None
            for lang in order:
                pool = pools[lang]
                for j in range(len(pool) - 1, -1, -1):
                    if pool[j] not in panel:
                        chosen = pool.pop(j)
                        break
                if chosen:
                    break
            if chosen is None:  # only duplicates left: invite someone else instead
                chosen = pick(rng, [s for s in speakers if s not in panel])
            panel.append(chosen)
        webinar.speakers = panel
        if webinar.in_catalogue and webinar.has_export:
            # A speaker listed in the catalogue who did not make it to the panel.
            webinar.absent_speakers = {s.pid for s in panel if rng.random() < 0.04}


def _plan_audience(
    rng: random.Random, people: _People, exported: list[Webinar], n_part: int
) -> None:
    """Who attends, who registers and does not come, who is refused."""
    n = len(exported)
    # Growth: later webinars draw more people (x2.2 from first to last).
    growth = [max(0.3, 1.0 + 1.2 * i / max(1, n - 1) + rng.gauss(0, 0.06)) for i in range(n)]
    es_lean = _WeightedPicker(
        [g * (2.2 if w.language == "es" else 1.0) for g, w in zip(growth, exported, strict=True)]
    )
    en_lean = _WeightedPicker(
        [g * (0.25 if w.language == "es" else 1.0) for g, w in zip(growth, exported, strict=True)]
    )
    attending: list[set[int]] = [set() for _ in exported]  # pids per webinar
    registered: list[set[int]] = [set() for _ in exported]
    speaking: list[set[int]] = [{s.pid for s in w.speakers} for w in exported]

    def choose(person: Person, k: int, banned: set[int]) -> list[int]:
        picker = es_lean if person.lang == "es" else en_lean
        k = min(k, n - len(banned))
        chosen: set[int] = set()
        tries = 0
        while len(chosen) < k and tries < 20 * k + 50:
            i = picker.pick(rng)
            if i not in banned:
                chosen.add(i)
            tries += 1
        if len(chosen) < k:  # tiny series: fill in order
            for i in range(n):
                if len(chosen) >= k:
                    break
                if i not in banned:
                    chosen.add(i)
        return sorted(chosen)

    n_guests = max(1, round(n_part * 0.003))
    speakers = [p for p in people.persons if p.role == SPEAKER]
    n_speaker_audience = min(round(len(speakers) * 0.3), n_part - n_guests)
    audience: list[Person] = rng.sample(speakers, n_speaker_audience)
    while len(audience) < n_part - n_guests:
        audience.append(people.new(AUDIENCE))

    panels_of: dict[int, set[int]] = {}
    for i, pids in enumerate(speaking):
        for pid in pids:
            panels_of.setdefault(pid, set()).add(i)
    participants: list[Person] = []
    no_panels: set[int] = set()
    for person in audience:
        banned = panels_of.get(person.pid, no_panels)
        k = 1 if rng.random() < 0.70 else 2 + _geometric(rng, 2.8)
        picks = choose(person, k, banned)
        if not picks:
            continue
        participants.append(person)
        for i in picks:
            walk_in = person.role != SPEAKER and rng.random() < 0.05
            exported[i].attendees.append((person.pid, not walk_in))
            attending[i].add(person.pid)
            if not walk_in:
                registered[i].add(person.pid)
    for _ in range(n_guests):
        guest = people.guest()
        picker = es_lean if guest.lang == "es" else en_lean
        i = picker.pick(rng)
        exported[i].attendees.append((guest.pid, False))
        attending[i].add(guest.pid)

    # No-shows: each webinar's attendance rate is drawn between 45% and 65%;
    # a third of the empty seats belong to people who attend other webinars.
    registered_only: list[Person] = []
    for i, webinar in enumerate(exported):
        registered_attendees = len(registered[i])
        rate = rng.uniform(0.45, 0.65)
        empty = round(registered_attendees * (1 - rate) / rate)
        for _ in range(empty):
            pid = None
            if rng.random() < 0.35:
                for _try in range(8):
                    candidate = pick(rng, participants)
                    if (
                        candidate.pid not in attending[i]
                        and candidate.pid not in registered[i]
                        and candidate.pid not in speaking[i]
                    ):
                        pid = candidate.pid
                        break
            if pid is None and registered_only and rng.random() < 0.25:
                for _try in range(4):
                    candidate = pick(rng, registered_only)
                    if candidate.pid not in registered[i]:
                        pid = candidate.pid
                        break
            if pid is None:
                newcomer = people.new(REGISTERED_ONLY)
                registered_only.append(newcomer)
                pid = newcomer.pid
            registered[i].add(pid)
            webinar.no_shows.append(pid)
        # Refused, cancelled or pending registrations come from people who
        # never appear otherwise: they are not registrants (DEFINITIONS.md).
        n_ghosts = round((registered_attendees + empty) * rng.uniform(0.01, 0.04))
        for _ in range(n_ghosts):
            ghost = people.new(GHOST)
            status = pick(rng, ("cancelled", "cancelled", "denied", "pending"))
            webinar.ghosts.append((ghost.pid, status))
        # Someone registers twice (the second time with other capitals).
        approved = [pid for pid, reg in webinar.attendees if reg] + webinar.no_shows
        webinar.duplicate_registrations = [pid for pid in approved if rng.random() < 0.004]


def _sample(rng: random.Random, pool: list[Webinar], k: int) -> list[Webinar]:
    return rng.sample(pool, min(len(pool), k))


def _plan_mess(rng: random.Random, exported: list[Webinar]) -> None:
    """Unreadable rows, Zoom's "Other Attended" section and Webex breakout rooms.

    Each kind of mess goes only where its platform produces it: Excel's
    '##########' needs a time column a person has several rows in (not Teams'
    one-row-per-person participants list, whose registration it would take
    away); Teams lists no one without a name or an e-mail; "Other Attended" is
    a Zoom section; breakout rooms are Webex sessions of their own (§3).
    """
    n = len(exported)
    with_attendees = [
        w for w in exported if w.platform != TEAMS and any(reg for _, reg in w.attendees)
    ]
    for w in _sample(rng, with_attendees, max(1, round(n * 0.07))):
        w.garbage_rows = 1
    not_teams = [w for w in exported if w.platform != TEAMS]
    for w in _sample(rng, not_teams, max(1, round(n * 0.03))):
        w.anonymous_rows = 1
    for w in _sample(rng, not_teams, max(1, round(n * 0.02))):
        w.anonymous_registrations = 1
    with_walk_ins = [
        w for w in exported if w.platform == ZOOM and any(not reg for _, reg in w.attendees)
    ]
    for w in _sample(rng, with_walk_ins, max(1, round(n * 0.1))):
        w.other_attended = True
    webex = [w for w in exported if w.platform == WEBEX]
    for w in _sample(rng, webex, (len(webex) + 1) // 2):
        w.breakout_rows = between(rng, 1, 3)


# --- one webinar's rows ----------------------------------------------------------


def _typed_email(rng: random.Random, person: Person) -> str:
    """The address as typed this time: usually the habit, sometimes other capitals
    or a stray space. Trimmed and lower-cased it is always ``person.email``."""
    assert person.email is not None
    r = rng.random()
    if r < 0.85:
        form = person.email_form
    elif r < 0.93:
        local, _, domain = person.email.partition("@")
        form = f"{local.capitalize()}@{domain.upper()}"
    else:
        form = person.email
    if rng.random() < 0.04:
        form = form + " " if rng.random() < 0.7 else " " + form
    return form


def _sector_answer(rng: random.Random, person: Person, language: str) -> tuple[str, int]:
    """(answer, evidence) for the sector question, per the person's profile."""
    if person.profile == TYPED:
        lang = person.lang if rng.random() < 0.8 else language
        answer = pick(rng, vocab.SECTOR_ANSWERS[person.sector][lang])
        if rng.random() < 0.1:
            answer = _scribble(rng, answer)
        return answer, 2
    if person.profile == OTHER:
        return pick(rng, vocab.OTHER_ANSWERS), 1
    return pick(rng, vocab.BLANK_ANSWERS), 2 if person.profile in (ORG, TITLE) else 0


def _registration(
    rng: random.Random, person: Person, webinar: Webinar, at: int, status: str
) -> Registration:
    if person.junk_country or (person.role != SPEAKER and rng.random() < 0.02):
        country = pick(rng, vocab.JUNK_COUNTRY_ANSWERS)
        resolves = False
    else:
        country = person.country_answer
        if rng.random() < 0.2:
            country = _scribble(rng, pick(rng, person.country.forms))
        resolves = True
    sector, evidence = _sector_answer(rng, person, webinar.language)
    first, last = person.first, person.last
    if rng.random() < 0.03:
        first, last = first.lower(), last.lower()
    phone = ""
    if webinar.asks_phone and rng.random() < 0.6:
        phone = f"{between(rng, 10, 999)} {between(rng, 100, 999)} {between(rng, 1000, 9999)}"
    return Registration(
        person=person,
        at=at,
        status=status,
        email=_typed_email(rng, person),
        first=first,
        last=last,
        phone=phone,
        answers=(country, person.organization, sector, person.job_title),
        country_resolves=resolves,
        sector_evidence=evidence,
    )


def _registration_time(rng: random.Random) -> int:
    """Seconds before the scheduled start: most register in the last week or two."""
    hours = 0.2 + rng.expovariate(1 / 150)
    return -int(min(hours, 24 * 45) * 3600)


def _sessions(rng: random.Random, length: int) -> list[tuple[int, int]]:
    """Join/leave seconds for one attendee: re-joins, two devices, quick drops."""
    if rng.random() < 0.8:
        join = int(abs(rng.gauss(100, 240)))
    else:
        join = between(rng, 0, int(length * 0.5))
    join = min(join, length - 120)
    if rng.random() < 0.62:
        leave = length - between(rng, 0, 40)
    else:
        leave = between(rng, join + 30, length - 30) if join + 30 < length - 30 else length
    sessions = [(join, leave)]
    r = rng.random()
    if r < 0.14 and leave - join > 900:
        # dropped and re-joined once or twice
        cuts = sorted(rng.sample(range(join + 120, leave - 120), 2 if rng.random() < 0.3 else 1))
        sessions = []
        start = join
        for cut in cuts:
            if cut > start + 30:
                sessions.append((start, cut))
                start = cut + between(rng, 20, 400)
        if start < leave - 30:
            sessions.append((start, leave))
        else:
            sessions[-1] = (sessions[-1][0], leave)
    elif r < 0.17 and leave - join > 600:
        # second device, overlapping the first
        other_join = between(rng, join + 60, join + (leave - join) // 2)
        sessions.append(
            (other_join, min(length - between(rng, 0, 40), leave + between(rng, 0, 300)))
        )
    elif r < 0.20 and join > 120:
        # a sub-minute first attempt (Zoom shows 1 minute)
        quick = between(rng, 0, join - 100)
        sessions.insert(0, (quick, quick + between(rng, 10, 55)))
    return sessions


def _zoom_country(rng: random.Random, person: Person) -> str:
    if person.hides_location or rng.random() < 0.07:
        return ""
    return person.country.zoom_name


def materialize(series: Series, webinar: Webinar) -> WebinarDetail:
    """Rows of one webinar, from a generator seeded by (series seed, webinar)."""
    rng = random.Random(f"{series.seed}/webinar/{webinar.index}")
    persons = series.persons
    length = webinar.actual_minutes * 60
    registrations: list[Registration] = []
    by_pid: dict[int, Registration] = {}

    def register(pid: int, status: str) -> Registration:
        reg = _registration(rng, persons[pid], webinar, _registration_time(rng), status)
        registrations.append(reg)
        return reg

    attendances: list[Attendance] = []
    walk_ins: list[Attendance] = []
    for pid, is_registered in webinar.attendees:
        person = persons[pid]
        reg = register(pid, APPROVED) if is_registered else None
        if reg:
            by_pid[pid] = reg
        display = person.name
        if person.email is not None and rng.random() < 0.04:
            display = f"{person.first} {person.last[:1]}. ({person.name})"
        att = Attendance(
            person=person,
            registration=reg,
            sessions=_sessions(rng, length),
            display_name=display,
            email="" if person.email is None else _typed_email(rng, person),
            zoom_country=_zoom_country(rng, person),
            is_guest=rng.random() < 0.8,
        )
        if reg:
            att.email = reg.email  # Zoom shows the registration's address
        (attendances if reg else walk_ins).append(att)
    for pid in webinar.no_shows:
        by_pid[pid] = register(pid, APPROVED)
    for pid in webinar.duplicate_registrations:
        first = by_pid[pid]
        dup = _registration(rng, persons[pid], webinar, first.at, APPROVED)
        dup.at = min(0, first.at + between(rng, 120, 36000))
        dup.answers = first.answers
        dup.country_resolves = first.country_resolves
        dup.sector_evidence = first.sector_evidence
        registrations.append(dup)
    for pid, status in webinar.ghosts:
        register(pid, status)
    for _ in range(webinar.anonymous_registrations):
        registrations.append(
            Registration(
                person=None,
                at=_registration_time(rng),
                status=APPROVED,
                email="",
                first="",
                last="",
                phone="",
                answers=(pick(rng, vocab.JUNK_COUNTRY_ANSWERS), "", "", ""),
                country_resolves=False,
                sector_evidence=0,
            )
        )
    registrations.sort(key=lambda r: r.at)

    if webinar.garbage_rows:
        candidates = [a for a in attendances if a.person is not None]
        for att in rng.sample(candidates, min(len(candidates), webinar.garbage_rows)):
            att.garbage_rows = 1
    if webinar.breakout_rows:
        candidates = [a for a in attendances if a.sessions[0][1] - a.sessions[0][0] > 900]
        for att in rng.sample(candidates, min(len(candidates), webinar.breakout_rows)):
            join, leave = att.sessions[0]
            enter = between(rng, join + 120, leave - 600)
            att.breakout = (enter, enter + between(rng, 300, 480))
    for _ in range(webinar.anonymous_rows):
        walk_ins.append(
            Attendance(
                person=None,
                registration=None,
                sessions=_sessions(rng, length),
                display_name="",
                email="",
                zoom_country=pick(rng, ("", "", series.countries[0].zoom_name)),
                is_guest=True,
            )
        )
    attendances.sort(key=lambda a: a.registration.at if a.registration else 0)
    walk_ins.sort(key=lambda a: a.sessions[0][0])

    real_end = length - between(rng, 5, 50)
    panelists = []
    for person in webinar.speakers:
        if person.pid in webinar.absent_speakers:
            continue
        join = -between(rng, 600, 1800)
        sessions = [(join, real_end)]
        if rng.random() < 0.15:
            cut = between(rng, 0, length // 2)
            sessions = [(join, cut), (cut + between(rng, 30, 200), real_end)]
        email = person.email_form if rng.random() < 0.7 else person.email or ""
        panelists.append(
            Appearance(
                person=person,
                name=person.name,
                email=email,
                sessions=sessions,
                zoom_country=_zoom_country(rng, person),
                is_guest=rng.random() < 0.6,
            )
        )
    host_name, host_email = webinar.host
    hosts = [
        Appearance(
            person=None,
            name=host_name,
            email=host_email,
            sessions=[(-between(rng, 900, 2400), real_end + between(rng, 0, 4))],
            zoom_country="United States",
            is_guest=False,
        )
    ]
    return WebinarDetail(
        webinar=webinar,
        registrations=registrations,
        attendances=attendances + walk_ins,
        panelists=panelists,
        hosts=hosts,
    )
