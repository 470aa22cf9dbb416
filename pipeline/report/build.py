"""Render the report from the marts.

Every figure comes from a mart (the report computes nothing); every value is
escaped by the template (Jinja2 autoescape), because titles and answers come
from what people typed. Plotly's library is embedded once, charts get fixed
ids, and nothing in the body depends on the wall clock, so two runs on the
same data write byte-identical files.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from jinja2 import Environment, PackageLoader, select_autoescape
from plotly.offline import get_plotlyjs

from pipeline import __version__

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
           "#000000"]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    webinars: int
    participants: int
    registered_only: int
    countries: int
    speakers: int
    first_webinar: date | None
    last_webinar: date | None
    growth_chart: str
    growth_rows: list[tuple]


def _local_date(con: duckdb.DuckDBPyConnection, column: str) -> str:
    return f"cast(timezone((select timezone from staging.params), {column} at time zone 'UTC') " \
           "as date)"


def as_of_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The data's as-of date: --as-of when given, else the last counted webinar's day."""
    row = con.execute(
        f"select coalesce(p.as_of_date, (select max({_local_date(con, 'start_at')}) "
        "from marts.webinar_reach)) from staging.params p").fetchone()
    return row[0] if row else None


def _growth_chart(series: str, rows: list[tuple], index: int) -> str:
    dates = [r[0] for r in rows]
    fig = go.Figure(go.Scatter(
        x=dates, y=[r[1] for r in rows], mode="lines+markers",
        line={"color": PALETTE[0], "width": 3}, marker={"size": 5},
        hovertemplate="%{x|%d %b %Y}<br>%{y:,} participants so far<extra></extra>",
        name="Cumulative participants"))
    total = rows[-1][1] if rows else 0
    fig.update_layout(
        title={"text": f"{total:,} people have attended at least one webinar", "x": 0},
        template="plotly_white", height=380, margin={"l": 50, "r": 20, "t": 60, "b": 40},
        xaxis_title=None, yaxis_title="Cumulative participants", font={"size": 14},
    )
    return fig.to_html(full_html=False, include_plotlyjs=False,
                       div_id=f"growth-{index}", config={"displaylogo": False,
                                                          "responsive": True})


def gather(con: duckdb.DuckDBPyConnection) -> list[Series]:
    summary = con.execute(
        f"""
        select series, webinars, participants, registered_only, countries, speakers,
               {_local_date(con, 'first_webinar_at')}, {_local_date(con, 'last_webinar_at')}
        from marts.series_summary order by series
        """).fetchall()
    out = []
    for i, (name, webinars, participants, registered_only, countries, speakers, first,
            last) in enumerate(summary):
        rows = con.execute(
            f"""
            select {_local_date(con, 'start_at')}, cumulative_participants,
                   cumulative_countries, cumulative_webinars, attendees
            from marts.series_growth where series = ? order by cumulative_webinars
            """, [name]).fetchall()
        out.append(Series(name, webinars, participants, registered_only, countries, speakers,
                          first, last, _growth_chart(name, rows, i), rows))
    return out


def render(con: duckdb.DuckDBPyConnection) -> tuple[str, date | None]:
    env = Environment(loader=PackageLoader("pipeline.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    as_of = as_of_date(con)
    html = env.get_template("report.html.j2").render(
        series=gather(con), as_of=as_of, version=__version__, plotly_js=get_plotlyjs(),
    )
    return html, as_of


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a full disk never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report(con: duckdb.DuckDBPyConnection, reports_dir: Path) -> list[Path]:
    """Write ``<YYYY-MM>.html`` (the as-of month) and ``latest.html``; return their paths."""
    html, as_of = render(con)
    month = as_of.strftime("%Y-%m") if as_of else "no-data"
    written = []
    for name in (f"{month}.html", "latest.html"):
        path = Path(reports_dir) / name
        _atomic_write(path, html)
        written.append(path)
    return written
