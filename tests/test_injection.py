"""What people typed never runs: escaped in HTML, inert in spreadsheets (issue 8.3)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from pipeline.review import render_review, safe_cell

TOPIC = '<script>alert("topic")</script>'
ORG = "</script><script>alert(2)</script>"
TITLE = "<img src=x onerror=alert(1)>"
COUNTRY = '=HYPERLINK("http://evil.example","click")'
SECTOR = "@SUM(1+1)*cmd|' /C calc'!A0"


def hostile_attendee_report() -> bytes:
    """A Zoom 2025-layout attendee report whose typed fields are attacks."""
    rows = [
        ["Attendee Report"],
        ["Report Generated:", "Mar 23, 2025 6:26 PM"],
        ["Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)"],
        [TOPIC, "812 3456 7890", "Mar 22, 2025 10:00 AM", "90"],
        ["Attendee Details"],
        [
            "Attended",
            "User Name (Original Name)",
            "First Name",
            "Last Name",
            "Email",
            "Registration Time",
            "Approval Status",
            "Join Time",
            "Leave Time",
            "Time in Session (minutes)",
            "Is Guest",
            "Organization",
            "Sector",
            "Country",
            "Country/Region Name",
        ],
        [
            "Yes",
            "Eve <b>Hacker</b>",
            "Eve",
            "<b>Hacker</b>",
            "eve@evil.example",
            "Mar 15, 2025 11:27:19",
            "approved",
            "Mar 22, 2025 10:02:00",
            "Mar 22, 2025 10:40:00",
            "38",
            "No",
            ORG,
            SECTOR,
            COUNTRY,
            "",
        ],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([r + [""] * (15 - len(r)) for r in rows])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def db(hostile_folder) -> Path:
    return hostile_folder / "processed" / "webinars.duckdb"


@pytest.fixture(scope="module")
def hostile_run(hostile_folder, db):
    from typer.testing import CliRunner

    from pipeline.cli import app

    raw, reports = hostile_folder / "raw", hostile_folder / "reports"
    raw.mkdir()
    (raw / "attendee.csv").write_bytes(hostile_attendee_report())
    (raw / "catalogue.yaml").write_text(
        "series:\n  name: '<script>alert(\"series\")</script>'\n  timezone: UTC\n"
        f"webinars:\n  - title: '{TITLE}'\n    date: 2025-03-22\n    topic: '{TOPIC}'\n"
        "    language: en\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["run", "--raw", str(raw), "--db", str(db), "--reports", str(reports)]
    )
    assert result.exit_code == 0, result.output
    return (reports / "latest.html").read_text(encoding="utf-8")


def test_text_from_exports_reaches_the_report_only_escaped(hostile_run):
    html = hostile_run
    for attack in (TOPIC, ORG, TITLE, "<b>Hacker</b>", 'alert("series")</script>'):
        assert attack not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the title, shown as text


def test_every_script_element_in_the_report_is_the_pipelines_own(hostile_run):
    scripts = re.findall(r"<script>(.{0,40})", hostile_run, flags=re.S)
    kinds = {s[:15] for s in scripts}
    assert all(
        k.startswith(("/**", "window.Plotly", "Plotly.newPlot", "\n/* Sortable"))
        or k.lstrip().startswith("/*")
        for k in kinds
    ), kinds


def test_chart_data_cannot_close_its_script_element(hostile_run):
    for chunk in re.findall(r"Plotly\.newPlot\((.*?)\);</script>", hostile_run, flags=re.S):
        assert "</" not in chunk


def test_no_personal_data_reaches_the_report(hostile_run):
    assert "eve@evil.example" not in hostile_run
    assert "Hacker" not in hostile_run


def test_the_review_file_neutralises_formulas(hostile_run, db):
    review = (db.parent / "review.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(review)))
    assert rows[0] == ["kind", "answer", "value", "people"]
    answers = [r[1] for r in rows[1:]]
    assert "'" + COUNTRY in answers
    assert all(not a.startswith(("=", "+", "-", "@")) for a in answers)


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_cells_a_spreadsheet_would_evaluate_are_quoted(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Mexico", "ONG", "", "1-2 people", "e-mail"])
def test_ordinary_cells_are_left_alone(cell):
    assert safe_cell(cell) == cell


def test_render_review_writes_overrides_columns_first():
    text = render_review([("country", "=cmd()", 3)])
    assert text.splitlines() == ["kind,answer,value,people", "country,'=cmd(),,3"]


def test_review_file_path_is_beside_the_database(hostile_run, db: Path):
    assert (db.parent / "review.csv").exists()
