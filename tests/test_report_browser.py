"""The report in a real browser: headless Chromium, every network request blocked.

Needs Debian's `chromium` (installed by `make test`, see the Makefile's
`browser` target). Without it the test is skipped with the reason shown by
pytest -ra; it never passes silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.test_end_to_end import build

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    build(root)
    return root / "reports" / "latest.html"


def open_offline(report: Path, screenshot: Path | None = None) -> dict:
    """Open the report from disk with the network blocked; collect what went wrong."""
    if CHROMIUM is None:
        pytest.skip(
            "headless Chromium not installed (apt-get install chromium; `make test` installs it)"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    blocked: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})

        def route(r):  # type: ignore[no-untyped-def]
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None,
        )
        page.goto(report.as_uri(), wait_until="load")
        page.wait_for_timeout(1500)  # Plotly draws asynchronously (the map after its outlines)
        drawn = page.evaluate("""() => Array.from(document.querySelectorAll('.plot')).map(d => ({
            id: d.id,
            svg: d.querySelectorAll('.main-svg').length,
            marks: d.querySelectorAll('.trace path, .point path, .bars path, .scatterlayer path')
                    .length,
            countries: d.querySelectorAll('.choroplethlocation').length,
            drawnCountries: Array.from(d.querySelectorAll('.choroplethlocation'))
                    .filter(p => (p.getAttribute('d') || '').length > 20).length
        }))""")
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=False)
        browser.close()
    return {"blocked": blocked, "errors": errors, "drawn": drawn}


def test_the_report_opens_offline_with_no_request_no_error_and_every_chart_drawn(report, tmp_path):
    shot = Path(os.environ.get("REPORT_SCREENSHOT", tmp_path / "report.png"))
    seen = open_offline(report, shot)
    assert seen["blocked"] == [], "the report tried to reach the network"
    assert seen["errors"] == []
    assert len(seen["drawn"]) >= 10
    for chart in seen["drawn"]:
        assert chart["svg"] > 0, f"{chart['id']} drew nothing"
        if chart["id"].endswith("-map"):
            # the four participants' countries, drawn from the embedded outlines
            assert chart["drawnCountries"] == 4, chart
        else:
            assert chart["marks"] > 0, f"{chart['id']} has no marks"
    assert shot.stat().st_size > 10_000
