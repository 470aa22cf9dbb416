"""Render the leadership report from the marts and write it.

Every figure comes from a mart (the report computes nothing); every value is
escaped by the template (Jinja2 autoescape), because titles and answers come
from what people typed. Plotly's library and the map outlines are embedded
once, charts get fixed ids, and nothing in the body depends on the wall
clock, so two runs on the same data write byte-identical files that open
from disk with no network.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape
from markdown_it import MarkdownIt
from plotly.offline import get_plotlyjs

from pipeline import __version__
from pipeline.report import charts, data
from pipeline.report.data import (
    DEFAULT_SMALL_CELL,
    LANGUAGE_LABELS,
    SECTOR_LABELS,
    SECTOR_ORDER,
)

TOP_COUNTRIES = 15


@dataclass(frozen=True, slots=True)
class SeriesView:
    data: data.SeriesData
    charts: dict[str, charts.Chart | list[charts.Chart]]
    country_sector: list[tuple[str, list[str]]]
    sectors_present: list[str]


def suppress(value: int, threshold: int) -> str:
    """A count for a cross-tabulation cell, hidden as '<k' when 0 < value < k."""
    if value == 0:
        return "–"
    return f"<{threshold}" if value < threshold else f"{value:,}"


def _country_sector(s: data.SeriesData, threshold: int) -> tuple[list, list[str]]:
    present = [x for x in SECTOR_ORDER if any(r[2] == x for r in s.country_sector)]
    cells: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for iso3, name, sector, n in s.country_sector:
        key = iso3 or ""
        names[key] = name
        cells.setdefault(key, {})[sector] = n
    order = [r[0] or "" for r in s.countries][:TOP_COUNTRIES]
    table = [
        (names[k], [suppress(cells[k].get(x, 0), threshold) for x in present])
        for k in order
        if k in cells
    ]
    return table, present


def _view(s: data.SeriesData, index: int, threshold: int) -> SeriesView:
    prefix = f"s{index}"
    built: dict[str, charts.Chart | list[charts.Chart]] = {
        "growth": charts.growth(s.growth, prefix),
        "reach": charts.reach(s.reach, s.headline, prefix),
        "map": charts.world_map(s.countries, prefix),
        "sectors": charts.sectors(s.sectors, prefix),
        "sectors_years": charts.sectors_over_time(s.sectors_by_year, prefix),
        "frequency": charts.frequency(s.frequency, s.headline.repeat_share, prefix),
        "cohorts": charts.cohorts(s.cohorts, prefix),
        "languages": charts.categories(s.languages, prefix, "language", LANGUAGE_LABELS),
        "topics": charts.categories(s.topics, prefix, "topic", {}),
        "speakers": charts.speakers_by_sector(s.speakers_by_sector, prefix),
    }
    table, present = _country_sector(s, threshold)
    return SeriesView(s, built, table, present)


def _definitions() -> str:
    text = resources.files("pipeline").joinpath("DEFINITIONS.md").read_text(encoding="utf-8")
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return md.render(text)


def _geo_assets() -> str:
    """The map outlines, for ``window.PlotlyGeoAssets`` (Plotly fetches them otherwise)."""
    raw = (
        resources.files("pipeline.report")
        .joinpath("assets", "world_50m.json")
        .read_text(encoding="utf-8")
    )
    return json.dumps(json.loads(raw), separators=(",", ":")).replace("</", "<\\/")


def render(
    con: duckdb.DuckDBPyConnection, small_cell: int = DEFAULT_SMALL_CELL
) -> tuple[str, date | None, list[charts.Chart]]:
    env = Environment(
        loader=PackageLoader("pipeline.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v: "–" if v is None else f"{v:,}"
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0%}"
    env.filters["sector"] = lambda v: SECTOR_LABELS.get(v, v)
    env.filters["language"] = lambda v: LANGUAGE_LABELS.get(v, v) if v else "—"
    env.filters["previous_month"] = lambda d: (d - timedelta(days=1)).strftime("%B %Y")
    env.filters["day"] = charts.day_label
    env.filters["month"] = charts.month_label
    env.filters["change"] = lambda now, before: (
        "no change since last month" if now == before else f"{now - before:+,} since last month"
    )
    as_of = data.as_of_date(con)
    views = [_view(s, i, small_cell) for i, s in enumerate(data.series(con))]
    html = env.get_template("report.html.j2").render(
        series=views,
        quality=data.quality(con),
        as_of=as_of,
        version=__version__,
        plotly_js=get_plotlyjs(),
        geo_assets=_geo_assets(),
        definitions=_definitions(),
        small_cell=small_cell,
        sector_order=SECTOR_ORDER,
    )
    every = [
        c
        for v in views
        for item in v.charts.values()
        for c in (item if isinstance(item, list) else [item])
    ]
    return html, as_of, every


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a full disk never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide the report from colleagues
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_leftovers(reports_dir: Path) -> None:
    """Delete half-written reports a killed earlier run left in ``reports_dir``.

    ``_atomic_write`` cleans up after any exception, but SIGKILL or a power cut runs no
    cleanup. Runs on one database are serialised by its lock, so a leftover is never a
    file another live run is still writing.
    """
    if reports_dir.is_dir():
        for leftover in reports_dir.glob(".*.html.*.tmp"):
            leftover.unlink(missing_ok=True)


class PngUnavailable(RuntimeError):
    """Static images need the optional 'kaleido' package and a Chromium it can drive."""


def write_report(
    con: duckdb.DuckDBPyConnection,
    reports_dir: Path,
    small_cell: int = DEFAULT_SMALL_CELL,
    png: bool = False,
) -> list[Path]:
    """Write ``<YYYY-MM>.html`` (the as-of month) and ``latest.html``; return their paths.

    With ``png``, also each chart as ``<YYYY-MM>-png/<chart id>.png`` for slides.
    """
    remove_leftovers(Path(reports_dir))
    html, as_of, every = render(con, small_cell)
    month = as_of.strftime("%Y-%m") if as_of else "no-data"
    written = []
    for name in (f"{month}.html", "latest.html"):
        path = Path(reports_dir) / name
        _atomic_write(path, html)
        written.append(path)
    if png:
        written += write_pngs(every, Path(reports_dir) / f"{month}-png")
    return written


def write_pngs(every: list[charts.Chart], folder: Path) -> list[Path]:
    try:
        import kaleido  # noqa: F401
        import plotly.graph_objects as go
    except ImportError:
        raise PngUnavailable(
            "PNG export needs the optional 'kaleido' package: pip install 'webinar-pipeline[png]'"
        ) from None
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for chart in every:
        path = folder / f"{chart.chart_id}.png"
        fig = go.Figure(chart.figure)
        try:
            fig.write_image(path, width=1200, height=fig.layout.height or 400, scale=2)
        except Exception as exc:  # kaleido raises its own errors when no browser can start
            raise PngUnavailable(f"PNG export is not possible on this machine: {exc}") from None
        out.append(path)
    return out
