"""The SQL marts equal a plain-Python reference of DEFINITIONS.md, and keep their invariants.

``tests/reference.py`` computes the five contract marts (and the speakers'
audiences) from the parsed records with loops and sets, written from
DEFINITIONS.md and not from the SQL.
Hypothesis builds small random series (``ParsedFile`` s built directly, no
CSV), loads them with ``load_parsed``, runs ``transform`` and compares every
mart with the reference, row for row. The invariants below must hold on any
data: they are checked on the random series and on the hand-made fixture
series of tests/test_end_to_end.py.

The series are built so that no figure depends on a tie-break DEFINITIONS.md
does not give: each person has one platform country per webinar and one
registration answer per webinar (see :func:`harmonise`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.adapters.base import (
    ATTENDANCE,
    ATTENDEE,
    HOST,
    PANELIST,
    REGISTRATION,
    ParsedFile,
    RegistrationRecord,
    SessionRecord,
    WebinarRecord,
)
from pipeline.readers.table import SourceTable
from tests import reference
from tests.conftest import query
from tests.reference import Marts, Row

# The transform needs the country and sector resolvers of pipeline.normalize.
transform_module = pytest.importorskip(
    "pipeline.transform", reason="pipeline.normalize resolvers not available yet"
)
ingest_module = pytest.importorskip("pipeline.ingest")
warehouse_module = pytest.importorskip("pipeline.warehouse")

FIXTURES = Path(__file__).parent / "fixtures"
ZONE = "UTC"  # no catalogue: times are read, and as-of days end, in UTC
PLATFORM_ID = "81234567890"  # Zoom reuses one ID for every occurrence of a series

# ---------------------------------------------------------------- the contract columns

REACH_COLUMNS = (
    "webinar_id",
    "series",
    "title",
    "start_at",
    "language",
    "platform",
    "registrants",
    "attendees",
    "registered_attendees",
    "walk_ins",
    "attendance_rate",
    "avg_minutes",
    "countries",
    "new_attendees",
    "returning_attendees",
)
SUMMARY_COLUMNS = (
    "series",
    "webinars",
    "participants",
    "registered_only",
    "countries",
    "speakers",
    "first_webinar_at",
    "last_webinar_at",
)
GROWTH_COLUMNS = (
    "series",
    "webinar_id",
    "start_at",
    "attendees",
    "cumulative_participants",
    "cumulative_countries",
    "cumulative_webinars",
)


def read_marts(con: duckdb.DuckDBPyConnection) -> Marts:
    """The five contract marts and the speakers' audiences, in the reference's order and shape."""

    def rows(sql: str) -> list[Row]:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    return {
        "webinar_reach": rows(
            f"select {', '.join(REACH_COLUMNS)} from marts.webinar_reach "
            "order by start_at, webinar_id"
        ),
        "series_summary": rows(
            f"select {', '.join(SUMMARY_COLUMNS)} from marts.series_summary order by series"
        ),
        "participants_by_country": rows(
            "select series, country_iso3, participants from marts.participants_by_country "
            "order by series, coalesce(country_iso3, '')"
        ),
        "participants_by_sector": rows(
            "select series, sector, participants from marts.participants_by_sector "
            "order by series, sector"
        ),
        "series_growth": rows(
            f"select {', '.join(GROWTH_COLUMNS)} from marts.series_growth "
            "order by series, cumulative_webinars"
        ),
        "speakers": rows(
            "select appearances, total_attendees, distinct_audience from marts.speakers "
            "order by appearances, total_attendees, distinct_audience"
        ),
    }


def build_marts(files: list[ParsedFile], folder: Path, as_of: date | None = None) -> Marts:
    """Load ``files`` into a fresh warehouse in ``folder`` with ``load_parsed``; transform; read."""
    con = warehouse_module.open_db(folder / "webinars.duckdb")
    try:
        for number, parsed in enumerate(files, start=1):
            path = folder / f"export-{number}.csv"  # load_parsed records its size and mtime
            path.write_bytes(b"x")
            table = SourceTable(path.name, [], "utf-8", ",", "text")
            ingest_module.load_parsed(con, path, f"digest-{number}", table, parsed)
        transform_module.transform(con, as_of=as_of)
        return read_marts(con)
    finally:
        con.close()


def marts_of(files: list[ParsedFile], as_of: date | None = None) -> Marts:
    with tempfile.TemporaryDirectory(prefix="marts-reference-") as folder:
        return build_marts(files, Path(folder), as_of)


# ---------------------------------------------------------------- building series


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    email: str


# Free-mail domains say nothing about a sector (DEFINITIONS.md, Sector 5), so a
# person's sector comes from their answer alone. Two Ana Pérez with different
# addresses make a name shared by two e-mailed people.
POOL = (
    Person("Ana", "Pérez", "Ana.Perez@gmail.com"),
    Person("Ana", "Perez", "aperez@yahoo.com"),
    Person("José", "Núñez", "jose.nunez@gmail.com"),
    Person("Wanjiru", "Kamau", "wkamau@yahoo.com"),
    Person("Marie-Claire", "Dubois", "mc.dubois@hotmail.com"),
    Person("Li", "Wei", "li.wei@gmail.com"),
    Person("Tom", "O'Brien", "tobrien@outlook.com"),
    Person("Fatima", "Zahra", "fzahra@gmail.com"),
)
# Guest names in Latin script only: names in other scripts are a known
# disagreement (test_a_guest_without_email_named_in_another_script_is_an_attendee).
GUEST_NAMES = ("Dial-in User", "Invitado Especial", "iPhone")
COUNTRIES = ("MEX", "KEN", "FRA", "BRA")
SECTOR_ANSWERS = ("Government", "NGO", "University", "Private company", "Journalist", "Other", None)
STATUSES = ("approved", "approved", "denied", "pending", "cancelled")
ROLE_CHOICES = (ATTENDEE, ATTENDEE, ATTENDEE, PANELIST, HOST)
FIRST_DAY = datetime(2024, 1, 1, 12, 0)


@dataclass(slots=True)
class Series:
    files: list[ParsedFile]
    as_of: date | None = None


def webinar_key(start: datetime) -> str:
    return f"zoom:{PLATFORM_ID}:{start.date().isoformat()}"


def attendance_file(
    start: datetime, duration: float | None, sessions: list[SessionRecord]
) -> ParsedFile:
    webinar = WebinarRecord(
        webinar_key(start),
        "zoom",
        PLATFORM_ID,
        f"Webinar of {start:%d %b}",
        start,
        duration,
        start_is_actual=True,
    )
    return ParsedFile(
        "zoom_attendee",
        "zoom",
        ATTENDANCE,
        "test",
        [webinar],
        sessions=sessions,
        data_rows=len(sessions),
    )


def registration_file(
    start: datetime,
    scheduled: datetime,
    duration: float | None,
    registrations: list[RegistrationRecord],
) -> ParsedFile:
    webinar = WebinarRecord(
        webinar_key(start),
        "zoom",
        PLATFORM_ID,
        f"Webinar of {start:%d %b}",
        scheduled,
        duration,
        start_is_actual=False,
    )
    return ParsedFile(
        "zoom_registration",
        "zoom",
        REGISTRATION,
        "test",
        [webinar],
        registrations=registrations,
        data_rows=len(registrations),
    )


def session(
    key: str,
    line: int,
    role: str,
    name: str | None,
    email: str | None,
    join_at: datetime,
    leave_at: datetime,
    country: str | None = None,
) -> SessionRecord:
    return SessionRecord(line, key, role, name, email, join_at, leave_at, country=country)


def registration(
    key: str,
    line: int,
    email: str | None,
    name: str,
    status: str = "approved",
    country: str | None = None,
    sector: str | None = None,
) -> RegistrationRecord:
    return RegistrationRecord(
        line, key, email, name=name, status=status, country=country, sector=sector
    )


def email_variants(email: str) -> st.SearchStrategy[str]:
    """The same address as platforms and people write it (DEFINITIONS.md, Person 1)."""
    return st.sampled_from((email, email.lower(), email.upper(), f"  {email} ", f"{email}\t"))


def name_variants(person: Person) -> st.SearchStrategy[str]:
    """The same name with case, accents, punctuation, spacing and word order changed."""
    plain = reference.name_key(f"{person.first} {person.last}") or ""
    return st.sampled_from(
        (
            f"{person.first} {person.last}",
            f"{person.last}, {person.first}",
            f"{person.first} {person.last}".upper(),
            f" {person.first}  {person.last} ",
            plain,
            plain.title(),
        )
    )


def spans() -> st.SearchStrategy[tuple[int, int]]:
    """(minutes after the start, length in minutes): early joins and late leaves included."""
    return st.tuples(st.integers(-20, 100), st.integers(0, 70))


@st.composite
def series(draw: st.DrawFn) -> Series:
    """1–6 webinars with an attendance report, maybe one with only registrations."""
    attended = draw(st.integers(1, 6))
    registration_only = draw(st.integers(0, 1))
    days = draw(
        st.lists(
            st.integers(0, 700),
            min_size=attended + registration_only,
            max_size=attended + registration_only,
            unique=True,
        )
    )
    files: list[ParsedFile] = []
    starts: list[datetime] = []
    for number, day in enumerate(days):
        has_attendance = number < attended
        start = FIRST_DAY + timedelta(days=day, minutes=draw(st.integers(0, 8 * 60)))
        starts.append(start)
        key = webinar_key(start)
        duration = draw(st.sampled_from((30, 60, 90, None)))
        sessions: list[SessionRecord] = []
        registrations: list[RegistrationRecord] = []

        def add_sessions(
            role: str,
            name: str | None,
            email_of: Callable[[int], str | None],
            country: str | None,
            *,
            key: str = key,
            start: datetime = start,
            sessions: list[SessionRecord] = sessions,
        ) -> None:
            for n, (offset, length) in enumerate(draw(st.lists(spans(), min_size=1, max_size=3))):
                join_at = start + timedelta(minutes=offset)
                sessions.append(
                    session(
                        key,
                        len(sessions) + 1,
                        role,
                        name,
                        email_of(n),
                        join_at,
                        join_at + timedelta(minutes=length),
                        country,
                    )
                )

        for index in draw(st.lists(st.integers(0, len(POOL) - 1), unique=True, max_size=len(POOL))):
            person = POOL[index]
            statuses = draw(st.lists(st.sampled_from(STATUSES), max_size=2))
            answer_country = draw(st.none() | st.sampled_from(COUNTRIES))
            sector = draw(st.sampled_from(SECTOR_ANSWERS))
            for status in statuses:  # a second row: registered twice, another status
                # Now and then a form without the e-mail: the person is known by name.
                email = draw(st.sampled_from((True, True, True, False)))
                registrations.append(
                    registration(
                        key,
                        len(registrations) + 1,
                        draw(email_variants(person.email)) if email else None,
                        draw(name_variants(person)),
                        status,
                        answer_country,
                        sector,
                    )
                )
            if not has_attendance or (statuses and not draw(st.booleans())):
                continue  # a no-show
            role = draw(st.sampled_from(ROLE_CHOICES))
            platform_country = draw(st.none() | st.sampled_from(COUNTRIES))
            # An audience join: with the e-mail, by name only (dial-in, guest), or both.
            joins_by = (
                "email" if role != ATTENDEE else draw(st.sampled_from(("email", "name", "both")))
            )
            emails = [draw(email_variants(person.email)) for _ in range(3)]

            def email_of(
                n: int, joins_by: str = joins_by, emails: list[str] = emails
            ) -> str | None:
                return emails[n] if joins_by == "email" or (joins_by == "both" and n == 0) else None

            add_sessions(role, draw(name_variants(person)), email_of, platform_country)
            if role != ATTENDEE and draw(st.booleans()):
                # A speaker or host also in the audience list: still not an attendee.
                add_sessions(
                    ATTENDEE,
                    draw(name_variants(person)),
                    lambda n, e=emails[0]: e,
                    platform_country,
                )

        if has_attendance:
            for guest in draw(st.lists(st.sampled_from(GUEST_NAMES), max_size=2)):
                add_sessions(
                    ATTENDEE, guest, lambda n: None, draw(st.none() | st.sampled_from(COUNTRIES))
                )
            files.append(attendance_file(start, duration, sessions))
        # Without a registration report, everyone in the audience is a walk-in.
        if not has_attendance or draw(st.sampled_from((True, True, False))):
            scheduled = start - timedelta(minutes=draw(st.integers(0, 15)))
            files.append(registration_file(start, scheduled, duration, registrations))
    as_of = draw(st.none() | st.none() | st.sampled_from([s.date() for s in starts]))
    harmonise(files)
    return Series(files, as_of)


def harmonise(files: list[ParsedFile]) -> None:
    """One platform country and one registration answer per person per webinar.

    DEFINITIONS.md gives no tie-break between two different values of the same
    source in the same webinar (a person's two devices reporting two
    countries), so the generated data never has one: every row of a person in
    a webinar takes the values of that person's first row of the same kind.
    """
    first: dict[tuple[str, str | None, str], SessionRecord | RegistrationRecord] = {}
    for row in reference.person_rows(files):
        kind = type(row.record).__name__
        chosen = first.setdefault((row.webinar_id, row.person, kind), row.record)
        row.record.country = chosen.country
        if isinstance(row.record, RegistrationRecord):
            row.record.sector = chosen.sector


# ---------------------------------------------------------------- the invariants


def participants_by_country_sum_to_the_series_participants(m: Marts) -> None:
    total = sum(r["participants"] for r in m["participants_by_country"])
    assert total == sum(r["participants"] for r in m["series_summary"])


def participants_by_sector_sum_to_the_series_participants(m: Marts) -> None:
    total = sum(r["participants"] for r in m["participants_by_sector"])
    assert total == sum(r["participants"] for r in m["series_summary"])


def attendees_are_registered_attendees_plus_walk_ins(m: Marts) -> None:
    for r in m["webinar_reach"]:
        assert r["attendees"] == r["registered_attendees"] + r["walk_ins"], r


def attendees_are_new_plus_returning(m: Marts) -> None:
    for r in m["webinar_reach"]:
        assert r["attendees"] == r["new_attendees"] + r["returning_attendees"], r


def cumulative_participants_never_decrease_and_end_at_the_series_participants(m: Marts) -> None:
    for summary in m["series_summary"]:
        cumulative = [
            r["cumulative_participants"]
            for r in m["series_growth"]
            if r["series"] == summary["series"]
        ]
        assert cumulative == sorted(cumulative)
        assert cumulative[-1] == summary["participants"]


def cumulative_webinars_count_one_to_n(m: Marts) -> None:
    for summary in m["series_summary"]:
        counts = [
            r["cumulative_webinars"] for r in m["series_growth"] if r["series"] == summary["series"]
        ]
        assert counts == list(range(1, summary["webinars"] + 1))


def attendance_rate_is_a_share_and_null_exactly_without_registrants(m: Marts) -> None:
    for r in m["webinar_reach"]:
        if r["registrants"] == 0:
            assert r["attendance_rate"] is None, r
        else:
            assert r["attendance_rate"] is not None and 0 <= r["attendance_rate"] <= 1, r


def countries_reached_never_exceed_attendees(m: Marts) -> None:
    for r in m["webinar_reach"]:
        assert r["countries"] <= r["attendees"], r


INVARIANTS: tuple[Callable[[Marts], None], ...] = (
    participants_by_country_sum_to_the_series_participants,
    participants_by_sector_sum_to_the_series_participants,
    attendees_are_registered_attendees_plus_walk_ins,
    attendees_are_new_plus_returning,
    cumulative_participants_never_decrease_and_end_at_the_series_participants,
    cumulative_webinars_count_one_to_n,
    attendance_rate_is_a_share_and_null_exactly_without_registrants,
    countries_reached_never_exceed_attendees,
)


# ---------------------------------------------------------------- the mart equals the reference


def check_against_reference(s: Series) -> None:
    expected = reference.marts(s.files, ZONE, s.as_of)
    actual = marts_of(s.files, s.as_of)
    for table, rows in expected.items():
        assert actual[table] == rows, table
    for invariant in INVARIANTS:
        invariant(actual)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series())
def test_every_mart_equals_the_reference_on_random_series(s: Series) -> None:
    check_against_reference(s)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series())
def test_every_mart_equals_the_reference_on_many_random_series(s: Series) -> None:
    check_against_reference(s)


# ---------------------------------------------------------------- invariants on the fixture series


@pytest.fixture(scope="module")
def fixture_series_marts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Marts]:
    """The hand-made series of tests/test_end_to_end.py, read by the real adapters."""
    folder = tmp_path_factory.mktemp("fixture-series")
    raw = folder / "raw"
    shutil.copytree(FIXTURES / "series", raw)
    con = warehouse_module.open_db(folder / "webinars.duckdb")
    try:
        ingest_module.ingest(con, raw)
        transform_module.transform(con)
        yield read_marts(con)
    finally:
        con.close()


@pytest.mark.parametrize("invariant", INVARIANTS, ids=lambda f: f.__name__)
def test_invariant_holds_on_the_fixture_series(
    invariant: Callable[[Marts], None], fixture_series_marts: Marts
) -> None:
    invariant(fixture_series_marts)


# ---------------------------------------------------------------- single rules, by example

START = datetime(2024, 3, 5, 14, 0)
KEY = webinar_key(START)


def minutes(n: int) -> datetime:
    return START + timedelta(minutes=n)


def test_an_attendee_whose_registration_was_denied_is_a_walk_in(tmp_path: Path) -> None:
    # DEFINITIONS.md says walk-ins are "attendees with no registration record";
    # the mart counts attendees who are not approved registrants, so that
    # attendees = registered attendees + walk-ins. A denied registrant who
    # attends is not a registered attendee, hence a walk-in.
    files = [
        attendance_file(
            START,
            60,
            [session(KEY, 1, ATTENDEE, "Ana Pérez", "ana@gmail.com", minutes(0), minutes(30))],
        ),
        registration_file(
            START, START, 60, [registration(KEY, 1, "ana@gmail.com", "Ana Pérez", "denied")]
        ),
    ]
    reach = build_marts(files, tmp_path)["webinar_reach"]
    expected = {
        "registrants": 0,
        "attendees": 1,
        "registered_attendees": 0,
        "walk_ins": 1,
        "attendance_rate": None,
    }
    assert {k: reach[0][k] for k in expected} == expected
    assert reference.marts(files)["webinar_reach"] == reach


def test_a_guest_without_email_is_the_single_emailed_person_of_that_name(tmp_path: Path) -> None:
    files = [
        attendance_file(
            START,
            60,
            [
                session(KEY, 1, ATTENDEE, "PEREZ, ana", None, minutes(0), minutes(20)),
                session(KEY, 2, ATTENDEE, "Ana Perez", " Ana@Gmail.com", minutes(10), minutes(40)),
            ],
        ),
        registration_file(START, START, 60, [registration(KEY, 1, "ana@gmail.com", "Ana Pérez")]),
    ]
    reach = build_marts(files, tmp_path)["webinar_reach"]
    expected = {
        "registrants": 1,
        "attendees": 1,
        "registered_attendees": 1,
        "walk_ins": 0,
        "avg_minutes": 40.0,
    }
    assert {k: reach[0][k] for k in expected} == expected
    assert reference.marts(files)["webinar_reach"] == reach


def test_attendance_rate_is_zero_when_registrants_exist_but_nobody_attended(tmp_path: Path) -> None:
    files = [
        attendance_file(
            START, 60, [session(KEY, 1, HOST, "Host", "host@gmail.com", minutes(0), minutes(60))]
        ),
        registration_file(START, START, 60, [registration(KEY, 1, "ana@gmail.com", "Ana Pérez")]),
    ]
    reach = build_marts(files, tmp_path)["webinar_reach"]
    assert (reach[0]["registrants"], reach[0]["attendees"]) == (1, 0)
    assert reach[0]["attendance_rate"] == 0.0


def test_a_guest_without_email_named_in_another_script_is_an_attendee(tmp_path: Path) -> None:
    files = [
        attendance_file(
            START,
            60,
            [
                session(KEY, 1, ATTENDEE, "Иван Петров", None, minutes(0), minutes(30)),
                session(KEY, 2, ATTENDEE, "李伟", None, minutes(0), minutes(60)),
            ],
        )
    ]
    assert [r["attendees"] for r in reference.marts(files)["webinar_reach"]] == [2]
    actual = build_marts(files, tmp_path)
    assert [r["attendees"] for r in actual["webinar_reach"]] == [2]
    assert [r["participants"] for r in actual["series_summary"]] == [2]


def test_a_speakers_audience_counts_each_person_once_across_their_webinars(tmp_path: Path) -> None:
    # Sofía speaks at both webinars; Ben attends both, so her webinars drew four
    # attendances but three people. Dan speaks at the second only.
    second = START + timedelta(days=7)
    key = webinar_key(second)

    def attendee(webinar: str, line: int, name: str, at: datetime) -> SessionRecord:
        email = f"{name.lower()}@example.org"
        return session(webinar, line, ATTENDEE, name, email, at, at + timedelta(minutes=30))

    files = [
        attendance_file(
            START,
            60,
            [
                session(KEY, 1, PANELIST, "Sofía", "sofia@example.org", START, minutes(60)),
                attendee(KEY, 2, "Ana", START),
                attendee(KEY, 3, "Ben", START),
            ],
        ),
        attendance_file(
            second,
            60,
            [
                session(key, 1, PANELIST, "Sofía", "sofia@example.org", second, second),
                session(key, 2, PANELIST, "Dan", "dan@example.org", second, second),
                attendee(key, 3, "Ben", second),
                attendee(key, 4, "Carla", second),
            ],
        ),
    ]
    expected = [
        {"appearances": 1, "total_attendees": 2, "distinct_audience": 2},
        {"appearances": 2, "total_attendees": 4, "distinct_audience": 3},
    ]
    assert reference.marts(files)["speakers"] == expected
    assert build_marts(files, tmp_path)["speakers"] == expected


def test_minutes_attended_are_the_union_of_intervals_else_the_minutes_rows_state(
    tmp_path: Path,
) -> None:
    def row(line: int, name: str, join: int | None, leave: int | None, stated: float | None):
        at = {n: minutes(n) for n in (join, leave) if n is not None}
        email = f"{name.lower()}@example.org"
        return SessionRecord(
            line, KEY, ATTENDEE, name, email, at.get(join), at.get(leave), minutes=stated
        )

    files = [
        attendance_file(
            START,
            60,
            [
                row(1, "Ana", None, None, 12),  # only durations stated: their sum
                row(2, "Ana", None, None, 20),
                row(3, "Ben", 0, 30, 30),  # an interval wins over a stated duration
                row(4, "Ben", None, None, 50),
                row(5, "Carla", 10, 40, None),  # overlapping intervals count once
                row(6, "Carla", 20, 50, None),
                row(7, "Carla", 55, 55, None),  # no length: adds nothing
                row(8, "Dan", 5, None, 15),  # no leave: what the row states
            ],
        )
    ]
    build_marts(files, tmp_path)
    rows = query(
        tmp_path / "webinars.duckdb",
        "select minutes_attended from core.attendees order by minutes_attended",
    )
    assert [m for (m,) in rows] == [15.0, 30.0, 32.0, 40.0]
