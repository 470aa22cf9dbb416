"""No personal data in the report: not one e-mail or name from any fixture (issue 6.4)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.readers import UnreadableFile, read_table
from tests.conftest import FIXTURES

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NAME_HEADERS = re.compile(r"name|nombre|nome|nom\b|first|last|apellido", re.IGNORECASE)
NOT_A_PERSON = re.compile(
    r"country|pa[ií]s|region|topic|title|meeting|reuni|webinar|event|session|sesi|sess|"
    r"organi|company|empresa|source|sitzung",
    re.IGNORECASE,
)
HEADER_WORDS = re.compile(r"join time|leave time|time in session.*", re.IGNORECASE)
# Folders whose fixtures the pipeline reads with the adapters the registry knows.
FOLDERS = ("series", "zoom", "teams", "goto", "webex", "zoom_meetings")


def personal_data(path: Path) -> tuple[set[str], set[str]]:
    """E-mail addresses and person names (cells under a name-like header) in a fixture."""
    try:
        table = read_table(path.read_bytes(), path.name)
    except UnreadableFile:
        return set(), set()
    emails: set[str] = set()
    names: set[str] = set()
    header: list[str] = []
    for row in table.rows:
        cells = [c.strip() for c in row.cells]
        emails.update(m.lower() for c in cells for m in EMAIL.findall(c))
        if any(NAME_HEADERS.search(c) for c in cells) and any(
            "mail" in c.lower() or HEADER_WORDS.fullmatch(c) for c in cells
        ):
            header = cells  # a section without e-mails ('Other Attended') has a header too
            continue
        for title, value in zip(header, cells, strict=False):
            if (
                NAME_HEADERS.search(title)
                and not NOT_A_PERSON.search(title)
                and "mail" not in title.lower()
                and len(value.split()) >= 2
                and not any(ch.isdigit() or ch == "#" for ch in value)
            ):
                names.add(value)  # full names: a lone 'Walk' or 'Time' is also a word
    return emails, names


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> tuple[str, set[str], set[str]]:
    root = tmp_path_factory.mktemp("privacy")
    raw = root / "raw"
    emails: set[str] = set()
    names: set[str] = set()
    for folder in FOLDERS:
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix.lower() in (".csv", ".xlsx", ".txt", ".yaml"):
                target = raw / folder / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                found_emails, found_names = personal_data(path)
                emails |= found_emails
                names |= found_names
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--raw",
            str(raw),
            "--db",
            str(root / "w.duckdb"),
            "--reports",
            str(root / "reports"),
            "--timezone",
            "America/New_York",
        ],
    )
    assert result.exit_code == 0, result.output
    html = (root / "reports" / "latest.html").read_text(encoding="utf-8")
    # Leave out the two embedded libraries (Plotly.js, the map outlines): their code
    # holds words such as 'isSmith'; everything the report says is outside them.
    body = re.sub(
        r"<script>(?:/\*\*|window\.PlotlyGeoAssets).*?</script>", "", html, count=2, flags=re.S
    )
    assert len(body) < len(html) / 4
    return body, emails, names


def test_the_fixtures_hold_personal_data_to_look_for(everything):
    _, emails, names = everything
    assert len(emails) > 20 and len(names) > 20


def test_no_fixture_email_appears_in_the_report(everything):
    html, emails, _ = everything
    lowered = html.lower()
    assert [e for e in emails if e in lowered] == []


def test_no_fixture_name_appears_in_the_report(everything):
    html, _, names = everything
    found = [n for n in sorted(names) if re.search(r"\b" + re.escape(n) + r"\b", html)]
    assert found == []


def test_png_export_writes_images_or_says_plainly_why_it_cannot(tmp_path):
    """`report --png` where the machine allows it; otherwise one clear line, HTML kept."""
    import importlib.util

    from tests.test_end_to_end import build

    db = build(tmp_path)
    reports = tmp_path / "png-reports"
    result = CliRunner().invoke(
        app, ["report", "--db", str(db), "--reports", str(reports), "--png"]
    )
    assert (reports / "latest.html").exists()
    if importlib.util.find_spec("kaleido") is None:
        assert result.exit_code == 1
        assert "PNG export needs the optional 'kaleido' package" in result.output
    elif result.exit_code == 0:
        assert len(list((reports / "2025-03-png").glob("*.png"))) >= 10
    else:
        assert "PNG export is not possible on this machine" in result.output
