"""The README's first command: `demo` computes what the generator says it wrote.

The generator (pipeline/demo) keeps its own ground truth, computed from its
model of the series and DEFINITIONS.md, never by running the pipeline. Every
headline and per-webinar figure of the pipeline must equal it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.demo import MANIFEST_NAME
from tests.conftest import query


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("demo")
    raw, db, reports = root / "raw", root / "webinars.duckdb", root / "reports"
    result = CliRunner().invoke(
        app, ["demo", "--raw", str(raw), "--db", str(db), "--reports", str(reports)]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((raw / MANIFEST_NAME).read_text(encoding="utf-8"))
    return db, manifest


def test_headline_figures_equal_the_generators_ground_truth(demo):
    db, truth = demo
    (row,) = query(
        db,
        "select series, webinars, participants, registered_only, countries, "
        "speakers from marts.series_summary",
    )
    assert row == (
        truth["series"],
        truth["webinars"],
        truth["participants"],
        truth["registered_only"],
        truth["countries"],
        truth["speakers"],
    )


def test_the_demo_has_the_advertised_shape(demo):
    _, truth = demo
    assert 60 <= truth["webinars"] <= 66
    assert 4_400 <= truth["participants"] <= 5_000
    assert truth["countries"] > 100
    assert set(truth["languages"]) == {"en", "es"}


def test_every_webinars_reach_equals_the_ground_truth(demo):
    db, truth = demo
    rows = query(
        db,
        """
        select coalesce(w.platform_webinar_id, c.platform_id)
                   || '|' || strftime(w.local_date, '%Y-%m-%d'),
               r.registrants, r.attendees, r.registered_attendees, r.walk_ins, r.new_attendees,
               r.returning_attendees, r.countries, r.avg_minutes, r.attendance_rate
        from marts.webinar_reach r join core.webinars w using (webinar_id)
        -- a Teams export shows no meeting ID: the catalogue entry it matched has it
        left join staging.catalogue_entries c
          on c.file_id = w.catalogue_file_id and c.entry_id = w.catalogue_entry_id""",
    )
    got = {r[0]: r[1:] for r in rows}
    assert set(got) == set(truth["per_webinar"])
    for key, expected in truth["per_webinar"].items():
        reg, att, reg_att, walk, new, ret, countries, minutes, rate = got[key]
        assert (reg, att, reg_att, walk, new, ret, countries) == (
            expected["registrants"],
            expected["attendees"],
            expected["registered_attendees"],
            expected["walk_ins"],
            expected["new_attendees"],
            expected["returning_attendees"],
            expected["countries"],
        ), key
        assert minutes == pytest.approx(expected["avg_minutes"], abs=0.051), key
        assert rate == pytest.approx(expected["attendance_rate"], abs=0.0001), key


def test_participants_by_sector_and_country_equal_the_ground_truth(demo):
    db, truth = demo
    sectors = dict(query(db, "select sector, participants from marts.participants_by_sector"))
    assert sectors == truth["participants_by_sector"]
    countries = {
        (c or "unknown"): n
        for c, n in query(
            db, "select country_iso3, participants from marts.participants_by_country"
        )
    }
    expected = {(c or "unknown"): n for c, n in truth["participants_by_country"].items()}
    assert countries == expected


def test_the_unreadable_rows_the_generator_planted_are_rejected_with_file_and_line(demo):
    db, truth = demo
    rows = query(
        db,
        """select f.path, r.line_number from audit.rejected_rows r
                        join audit.files f using (file_id)""",
    )
    got = {(Path(p).as_posix().split("/raw/", 1)[1], line) for p, line in rows}
    assert got == {(r["file"], r["line"]) for r in truth["rejected_rows"]}


def test_the_catalogue_gaps_are_reported_not_dropped(demo):
    db, truth = demo
    catalogue_only = query(
        db, "select title from core.webinars where in_catalogue and not has_attendance"
    )
    assert [t for (t,) in catalogue_only] == [w["title"] for w in truth["catalogue_only_webinars"]]
    uncatalogued = query(db, "select count(*) from core.webinars where not in_catalogue")
    assert uncatalogued == [(len(truth["uncatalogued_webinars"]),)]


# Which adapter must read each kind of file the generator writes (audit.files.adapter).
ADAPTER_OF_KIND = {
    "zoom_attendee_report": "zoom_webinar_attendee",
    "zoom_registration_report": "zoom_webinar_registration",
    "goto_attendee_report": "goto_webinar_attendee",
    "goto_registrant_report": "goto_webinar_registrant",
    "teams_attendance_report": "teams_attendance_report",
    "webex_attendance_report": "webex_attendance",
    "webex_registration_report": "webex_registration",
    "webex_registration_admin_export": "webex_registration",
}


def _loaded(db: Path) -> dict[str, tuple]:
    """audit.files by path relative to the raw folder: adapter, platform, layout, rows read."""
    rows = query(
        db,
        "select path, adapter, platform, layout, encoding, rows_read from audit.files "
        "where report_type <> 'catalogue'",
    )
    return {Path(p).as_posix().split("/raw/", 1)[1]: rest for p, *rest in rows}


def test_the_demo_spans_four_platforms_and_both_download_languages(demo):
    _, truth = demo
    files = [f for f in truth["files"] if f["kind"] != "duplicate"]
    assert {f["platform"] for f in files} == {"zoom", "goto", "teams", "webex"}
    assert set(truth["platforms"]) == {"zoom", "goto", "teams", "webex"}
    for platform in ("zoom", "goto", "teams", "webex"):
        languages = {f["language"] for f in files if f["platform"] == platform}
        assert languages == {"en", "es"}, platform


def test_every_export_is_read_by_its_own_platforms_adapter(demo):
    db, truth = demo
    loaded = _loaded(db)
    files = [f for f in truth["files"] if f["kind"] != "duplicate"]
    assert {f["path"] for f in files} == set(loaded)  # every file loaded, none unreadable
    for f in files:
        adapter, platform, _layout, _encoding, rows_read = loaded[f["path"]]
        assert adapter == ADAPTER_OF_KIND[f["kind"]], f["path"]
        assert platform == f["platform"], f["path"]
        assert rows_read == f["data_rows"], f["path"]
    assert query(db, "select count(*) from audit.unreadable_files") == [(0,)]
    # The variants are there and read as such: GoTo's Excel downloads, Teams' UTF-16
    # and Webex's Site Administration export (UTF-16, TAB-separated).
    encodings = {(loaded[f["path"]][0], loaded[f["path"]][3]) for f in files}
    assert ("goto_webinar_attendee", "xlsx") in encodings
    assert ("teams_attendance_report", "utf-16-le") in encodings
    layouts = {loaded[f["path"]][2] for f in files}
    assert {"webex-registration-admin", "webex-registration-host", "teams-2022-webinar"} <= layouts


def test_a_run_on_the_demos_folders_afterwards_has_nothing_to_rebuild(demo):
    db, _ = demo
    raw, reports = db.parent / "raw", db.parent / "reports"
    result = CliRunner().invoke(
        app, ["run", "--raw", str(raw), "--db", str(db), "--reports", str(reports)]
    )
    assert result.exit_code == 0, result.output
    assert "nothing new: the figures and the report are up to date" in result.output
