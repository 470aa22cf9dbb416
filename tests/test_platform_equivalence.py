"""One webinar, exported by five platforms, gives the same figures through `run`.

tests/fixtures/zoom/attendee_2025.csv is the reference (see tests/test_end_to_end.py):
host, panelist Ana Pérez, Juan Gómez (registered, re-joined, e-mail case/space differ,
Colombia), Mary Smith (registered, Attended = No), a walk-in from Kenya, and two rows
the adapter rejects. Run alone, in America/New_York, it gives by hand:

  webinar_reach:   registrants 2 (Juan, Mary), attendees 2 (Juan, walk-in),
                   registered attendees 1, walk-ins 1, rate 1/2,
                   avg minutes (88 + 10) / 2 = 49, countries 2 (COL, KEN), new 2, returning 0
  series_summary:  webinars 1, participants 2, registered-only 1 (Mary), countries 2,
                   speakers 1 (Ana)
  participants_by_country: Colombia 1, Kenya 1

Other helpers wrote "twins" of that webinar in the other platforms' layouts (each
folder's make_fixtures.py says what the twin keeps). Each twin is run alone (with its
registration twin where the platform splits the two reports) and compared with the Zoom
figures: equal where the layout carries the facts; where it cannot, the test asserts the
documented difference, with the platform limitation and the export-formats.md section
(/work/shared/export-formats.md) named beside it. A difference that is declared must also
be a real difference, so a gap that disappears makes the test fail and gets re-examined.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import FIXTURES, query

ZONE = "America/New_York"
ZOOM_FILES = ("zoom/attendee_2025.csv",)

REACH = (
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
SUMMARY = ("webinars", "participants", "registered_only", "countries", "speakers")


# ---------------------------------------------------------------- running `run`


@dataclass(frozen=True)
class Run:
    output: str
    db: Path


def run(root: Path, files: tuple[str, ...]) -> Run:
    """Copy ``files`` (relative to tests/fixtures) into root/raw and run the real command."""
    raw = root / "raw"
    raw.mkdir(parents=True)
    for name in files:
        shutil.copy2(FIXTURES / name, raw)
    db = root / "processed" / "webinars.duckdb"
    args = ["run", "--raw", str(raw), "--db", str(db), "--reports", str(root / "reports")]
    result = CliRunner().invoke(app, [*args, "--timezone", ZONE])
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    return Run(result.output, db)


def reach(db: Path) -> dict[str, dict[str, object]]:
    columns = ", ".join(REACH)
    rows = query(db, f"select webinar_id, title, start_at, {columns} from marts.webinar_reach")
    return {r[0]: dict(zip(("title", "start_at", *REACH), r[1:], strict=True)) for r in rows}


def only_reach(db: Path) -> dict[str, object]:
    (row,) = reach(db).values()
    return row


def summary(db: Path) -> dict[str, object]:
    (row,) = query(db, f"select {', '.join(SUMMARY)} from marts.series_summary")
    return dict(zip(SUMMARY, row, strict=True))


def by_country(db: Path) -> list[tuple]:
    return query(
        db,
        """select country_iso3, country_name, participants
           from marts.participants_by_country order by country_iso3 nulls last""",
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """``exported(files)``: the run of those files, made once per module."""
    cache: dict[tuple[str, ...], Run] = {}

    def _exported(files: tuple[str, ...]) -> Run:
        if files not in cache:
            done = run(tmp_path_factory.mktemp("export"), files)
            for name in files:
                assert re.search(rf"^loaded \S*/{re.escape(Path(name).name)} ", done.output, re.M)
            assert "could not read" not in done.output, done.output
            cache[files] = done
        return cache[files]

    return _exported


@pytest.fixture(scope="module")
def zoom(exported) -> Run:
    return exported(ZOOM_FILES)


def test_the_zoom_fixture_alone_gives_the_hand_counted_figures(zoom: Run) -> None:
    figures = only_reach(zoom.db)
    # 10:00 in New York on 22 March 2025 is EDT, 14:00 UTC.
    assert figures.pop("start_at").isoformat() == "2025-03-22T14:00:00"
    assert figures == {
        "title": "Open contracting, local level",
        "registrants": 2,
        "attendees": 2,
        "registered_attendees": 1,
        "walk_ins": 1,
        "attendance_rate": 0.5,
        "avg_minutes": 49.0,
        "countries": 2,
        "new_attendees": 2,
        "returning_attendees": 0,
    }
    assert summary(zoom.db) == {
        "webinars": 1,
        "participants": 2,
        "registered_only": 1,
        "countries": 2,
        "speakers": 1,
    }
    assert by_country(zoom.db) == [("COL", "Colombia", 1), ("KEN", "Kenya", 1)]


# ---------------------------------------------------------------- the twins


@dataclass(frozen=True)
class Twin:
    """A twin's files and the figures its layout cannot carry (everything else is equal)."""

    files: tuple[str, ...]
    reach: dict[str, object] = field(default_factory=dict)
    summary: dict[str, object] = field(default_factory=dict)
    by_country: list[tuple] | None = None  # None: the same rows as Zoom


TWINS: dict[str, Twin] = {
    "teams": Twin(
        files=("teams/webinar_2025_zoom_twin.csv",),
        reach={
            # Teams lists only people who joined (§4.1 "2. Participants"; no stand-alone
            # registrant export, §4.5): Mary Smith, registered and never there, is absent,
            # so the one registrant is Juan, who came.
            "registrants": 1,
            "attendance_rate": 1.0,
            # The Teams attendance report has no country column (§4.1 header list), and
            # its registration columns (§4.5) are name, e-mail, time and status only.
            "countries": 0,
        },
        summary={
            "registered_only": 0,  # Mary is not in a Teams report (§4.1, §4.5)
            "countries": 0,  # no country column in Teams (§4.1)
        },
        # No country column in Teams (§4.1): both participants are "Unknown".
        by_country=[(None, "Unknown", 2)],
    ),
    # GoTo keeps registration, Attended = No, country and roles (§2). Its times are
    # minute-precision (§2 "Dates"), which moves only panelist Ana's join (09:55:10 →
    # 09:55): she is a speaker, so no figure compared here changes.
    "goto": Twin(files=("goto/attendee_2025.csv", "goto/registrant_2025.csv")),
    # The attendee report alone carries the registrations (Registration Date, Attended = No);
    # the registrant report only adds cancelled/denied/waiting people, who are not registrants.
    "goto_attendee_report_alone": Twin(files=("goto/attendee_2025.csv",)),
    "webex": Twin(
        files=("webex/attendance_2025.csv", "webex/registration_2025.csv"),
        # Webex attendance has no country column (§3: name, e-mail, connection type, join
        # and leave only); only the registration report has 'Country/Region'. Juan's
        # Colombia comes from it; the walk-in (Kenya in Zoom) never registered.
        reach={"countries": 1},
        summary={"countries": 1},  # same §3 limitation: the walk-in's country is unknown
        by_country=[("COL", "Colombia", 1), (None, "Unknown", 1)],
    ),
    # The attendance columns one public parser reads name no meeting number (§3); the
    # registration report names it. The two reports are still one webinar (linked by
    # platform, day and title: pipeline/webinar_links.py), with the webex twin's gaps.
    "webex_attendance_without_number": Twin(
        files=("webex/attendance_no_number.csv", "webex/registration_2025.csv"),
        reach={"countries": 1},  # as the webex twin (§3 no country column)
        summary={"countries": 1},
        by_country=[("COL", "Colombia", 1), (None, "Unknown", 1)],
    ),
    "zoom_meetings": Twin(
        files=("zoom_meetings/participants_81234567890.csv",),
        reach={
            # The participants export (§1.4) has no registration data at all.
            "registrants": 0,
            "registered_attendees": 0,
            "attendance_rate": None,
            # §1.4 has no role column: only the meeting block's 'User Email' (the host) is
            # known as staff, so panelist Ana counts as an attendee; and with no
            # registration data every attendee is a walk-in and new.
            "attendees": 3,
            "walk_ins": 3,
            "new_attendees": 3,
            # Ana's 09:55:10–11:30 is clipped to the webinar's 10:00–11:30 = 90 minutes:
            # (90 + 88 + 10) / 3 = 62.7 (§1.4 no roles, as above).
            "avg_minutes": 62.7,
            # §1.4 participant headers have no country column.
            "countries": 0,
        },
        summary={
            "participants": 3,  # Ana is an attendee here (§1.4 no role column)
            "registered_only": 0,  # no registration data, Mary is absent (§1.4)
            "countries": 0,  # no country column (§1.4)
            "speakers": 0,  # Ana is not known as a panelist (§1.4 no role column)
        },
        by_country=[(None, "Unknown", 3)],  # no country column (§1.4)
    ),
}


def expected(zoom_figures: dict[str, object], gaps: dict[str, object]) -> dict[str, object]:
    """Zoom's figures with the twin's documented gaps, each checked to be a real difference."""
    for column, value in gaps.items():
        assert zoom_figures[column] != value, f"{column}: declared a gap but Zoom gives {value!r}"
    return {**zoom_figures, **gaps}


@pytest.mark.parametrize("platform", sorted(TWINS))
def test_the_same_webinar_exported_by_another_platform_gives_the_same_reach_as_zoom(
    platform: str, exported, zoom: Run
) -> None:
    twin = TWINS[platform]
    got = {k: v for k, v in only_reach(exported(twin.files).db).items() if k in REACH}
    want = expected({k: v for k, v in only_reach(zoom.db).items() if k in REACH}, twin.reach)
    assert got == want


@pytest.mark.parametrize("platform", sorted(TWINS))
def test_the_same_webinar_exported_by_another_platform_gives_the_same_series_summary_as_zoom(
    platform: str, exported, zoom: Run
) -> None:
    twin = TWINS[platform]
    assert summary(exported(twin.files).db) == expected(summary(zoom.db), twin.summary)


@pytest.mark.parametrize("platform", sorted(TWINS))
def test_the_same_webinar_exported_by_another_platform_gives_the_same_countries_as_zoom(
    platform: str, exported, zoom: Run
) -> None:
    twin = TWINS[platform]
    got = by_country(exported(twin.files).db)
    if twin.by_country is None:
        assert got == by_country(zoom.db)
    else:
        assert by_country(zoom.db) != twin.by_country  # a declared gap is a real difference
        assert got == twin.by_country
    # Whatever the platform knows of countries, every participant is counted once.
    assert sum(n for *_, n in got) == summary(exported(twin.files).db)["participants"]


@pytest.mark.parametrize("platform", sorted(TWINS))
def test_the_same_webinar_exported_by_another_platform_has_zooms_title_and_utc_start(
    platform: str, exported, zoom: Run
) -> None:
    got = only_reach(exported(TWINS[platform].files).db)
    want = only_reach(zoom.db)
    assert (got["title"], got["start_at"]) == (want["title"], want["start_at"])


# ---------------------------------------------------------------- broken files next to good ones


@dataclass(frozen=True)
class Broken:
    """A platform's good export(s) and its truncated/wrong fixtures with what `run` must say."""

    good: tuple[str, ...]
    unreadable: dict[str, str]  # file name -> what `run` must say is wrong with it
    cut_rows: dict[str, str] = field(default_factory=dict)  # loaded, cut rows rejected


BROKEN: dict[str, Broken] = {
    "zoom": Broken(
        good=ZOOM_FILES,
        unreadable={
            "attendee_truncated.csv": "the metadata header has no values row (file truncated?)",
            "attendee_no_sections.csv": (
                "no 'Host/Panelist/Attendee Details' section was found (file truncated?)"
            ),
        },
    ),
    "teams": Broken(
        good=TWINS["teams"].files,
        unreadable={
            "truncated_summary_only.csv": (
                "'1. Summary' is not followed by a '2. Participants' section (file truncated?)"
            ),
            "truncated_participants_header_only.csv": (
                "the '2. Participants' header has no rows and there is no '1. Summary'"
            ),
            "wrong_participants_no_header.csv": (
                "line 7: the '2. Participants' section has no header row"
            ),
            "truncated_intermediate.csv": (
                "'Meeting Summary' is not followed by a 'Full Name, Join Time, Leave Time...'"
            ),
            "wrong_intermediate_no_leave_time.csv": (
                "'Meeting Summary' is not followed by a 'Full Name, Join Time, Leave Time...'"
            ),
            "truncated_flat.csv": "has a header but no Joined/Left rows (file truncated?)",
            "wrong_flat_no_timestamp.csv": "table has no 'Timestamp' column",
            "truncated_live_event.csv": "has a header but no Joined/Left rows (file truncated?)",
            "wrong_live_event_no_timestamp.csv": "has no 'UTC Event Timestamp' column",
        },
    ),
    "goto": Broken(
        good=TWINS["goto"].files,
        unreadable={
            "truncated_attendee.csv": (
                "ends before its table (file truncated?); labels without values: "
                "actual_start, actual_duration"
            ),
            "truncated_registrant.csv": (
                "the 'Registrants' section ends before its header row (file truncated?)"
            ),
            # A Performance Report is deliberately not claimed by the GoTo adapters
            # (test_adapter_goto.py), so `run` says only that it is not an attendance export.
            "wrong_performance.csv": "is not an export this pipeline recognises",
        },
    ),
    "webex": Broken(
        good=TWINS["webex"].files,
        unreadable={
            "truncated_attendance.csv": (
                "has its header row (line 1) but no rows below it (file truncated?)"
            ),
            "truncated_registration.csv": (
                "has its header row (line 5) but no rows below it (file truncated?)"
            ),
            # A usage summary is deliberately not claimed (test_adapter_webex.py).
            "wrong_usage_report.csv": "is not an export this pipeline recognises",
        },
    ),
    "zoom_meetings": Broken(
        good=TWINS["zoom_meetings"].files,
        unreadable={
            "truncated_block_header_only.csv": (
                "the meeting block (Meeting ID, Topic, Start Time...) has no values row"
            ),
            "truncated_after_block.csv": (
                "the meeting block is not followed by a participant table"
            ),
            "wrong_after_block.csv": (
                "line 3: expected the participant header (Name (Original Name), User Email, "
                "Join Time...) after the meeting block, found 'Poll Report'"
            ),
        },
        # Cut mid-row: the whole rows before the cut are kept, the cut row rejected.
        cut_rows={"truncated_mid_row.csv": "1 row kept, 1 rejected"},
    ),
}


@pytest.mark.parametrize("platform", sorted(BROKEN))
def test_a_truncated_or_wrong_file_of_the_platform_is_named_and_explained_and_the_good_one_loads(
    platform: str, tmp_path: Path, exported
) -> None:
    case = BROKEN[platform]
    folder = Path(case.good[0]).parent
    extra = tuple(str(folder / name) for name in (*case.unreadable, *case.cut_rows))
    done = run(tmp_path, (*case.good, *extra))  # exit code 0 is asserted inside

    for name, what in case.unreadable.items():
        lines = [
            line
            for line in done.output.splitlines()
            if re.match(rf"could not read \S*/{re.escape(name)}: ", line)
        ]
        assert len(lines) == 1, f"{name} not reported:\n{done.output}"
        assert what in lines[0], lines[0]
    assert f"{len(case.unreadable)} could not be read" in done.output
    for name, what in case.cut_rows.items():
        assert re.search(rf"^loaded \S*/{re.escape(name)} \(.*{re.escape(what)}", done.output, re.M)

    for name in case.good:
        assert re.search(rf"^loaded \S*/{re.escape(Path(name).name)} ", done.output, re.M)
    # The good export's webinar has exactly the figures it has when run alone.
    alone = reach(exported(case.good).db)
    assert {k: reach(done.db)[k] for k in alone} == alone
