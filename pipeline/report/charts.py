"""Plotly charts for the report: pure functions from mart rows to HTML fragments.

Charts are Plotly.js figure specs written as plain dicts: Plotly.js draws
them from JSON, and skipping plotly.py's figure validation makes the report
seconds faster (a ``go.Figure`` is built from the spec only for ``--png``).

Reproducible and safe by construction: each chart gets a fixed element id;
the figure JSON is written with sorted keys and ``</`` escaped so no text can
close the script element; and text that came from an export (titles, topics,
organisations) is HTML-escaped before Plotly sees it, since Plotly renders a
subset of HTML tags in labels.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pipeline.report.data import LANGUAGE_LABELS, SECTOR_LABELS, SECTOR_ORDER, Headline

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
UNKNOWN_GREY = "#999999"
SECTOR_COLOURS = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(SECTOR_ORDER[:-1])}
SECTOR_COLOURS["unknown"] = UNKNOWN_GREY
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
_AXIS = {
    "gridcolor": "#e5e8ef",
    "zerolinecolor": "#c8ccd4",
    "linecolor": "#c8ccd4",
    "automargin": True,
}

Figure = dict[str, Any]  # {"data": [...traces], "layout": {...}}


@dataclass(frozen=True, slots=True)
class Chart:
    chart_id: str
    title: str
    html: str
    figure: Figure


def plain(text: object) -> str:
    """Text from an export, made inert for Plotly's label renderer."""
    return html.escape(str(text), quote=False) if text is not None else ""


def figure(traces: list[dict], title: str, height: int = 380, **layout: Any) -> Figure:
    """A figure spec in the report's style (white, light grid, Okabe–Ito colours)."""
    base: dict[str, Any] = {
        "title": {"text": plain(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        "height": height,
        "font": {"size": 13, "color": "#1a1a1a"},
        "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
        "colorway": PALETTE,
        "legend": {"orientation": "h", "y": -0.2},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"font": {"size": 13}},
        "xaxis": dict(_AXIS),
        "yaxis": dict(_AXIS),
    }
    for key, value in layout.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return {"data": traces, "layout": base}


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dumps(value: object) -> str:
    return json.dumps(
        value, separators=(",", ":"), sort_keys=True, default=_json_default, ensure_ascii=False
    )


def render(fig: Figure, chart_id: str, title: str) -> Chart:
    """The chart as a div and a script that draws it, with a fixed id."""
    script = (
        f'Plotly.newPlot("{chart_id}",{_dumps(fig["data"])},{_dumps(fig["layout"])},'
        f"{_dumps(CONFIG)});"
    )
    script = script.replace("</", "<\\/").replace("<!--", "<\\!--")
    div = (
        f'<div id="{chart_id}" class="plot" role="img" aria-label="{html.escape(title)}">'
        f"</div><script>{script}</script>"
    )
    return Chart(chart_id, title, div, fig)


def growth(rows: list[tuple], prefix: str) -> Chart:
    days = [r[0] for r in rows]
    last = rows[-1] if rows else (None, 0, 0, 0, 0)
    title = f"{last[1]:,} people from {last[2]:,} countries reached over {last[3]:,} webinars"
    traces = [
        {
            "type": "scatter",
            "x": days,
            "y": [r[1] for r in rows],
            "yaxis": "y",
            "name": "Participants (cumulative)",
            "mode": "lines+markers",
            "line": {"color": PALETTE[0], "width": 3},
        },
        {
            "type": "scatter",
            "x": days,
            "y": [r[2] for r in rows],
            "yaxis": "y2",
            "name": "Countries (cumulative)",
            "mode": "lines",
            "line": {"color": PALETTE[1], "width": 3},
        },
        {
            "type": "scatter",
            "x": days,
            "y": [r[3] for r in rows],
            "yaxis": "y2",
            "name": "Webinars (cumulative)",
            "mode": "lines",
            "line": {"color": PALETTE[2], "width": 3, "dash": "dot"},
        },
    ]
    fig = figure(
        traces,
        title,
        height=460,
        xaxis={"type": "date"},
        yaxis={"domain": [0.45, 1], "title": {"text": "Participants"}},
        yaxis2={**_AXIS, "domain": [0, 0.37], "title": {"text": "Countries, webinars"}},
    )
    return render(fig, f"{prefix}-growth", title)


def day_label(day: date | None) -> str:
    """A webinar's day on the charts and in the tables: 'undated' when no export stated
    its start (a Teams report without its summary)."""
    return day.isoformat() if day is not None else "undated"


def month_label(month: date | None) -> str:
    """A month's label, 'undated' for the month of webinars no export dated."""
    return month.strftime("%Y-%m") if month is not None else "undated"


def reach(rows: list[dict], head: Headline, prefix: str) -> list[Chart]:
    # One bar per webinar on a category axis: on a time axis, bars a day wide
    # vanish across a four-year series. Figures in titles come from marts.headline.
    days = [day_label(r["day"]) for r in rows]
    total = head.attendances
    best = max(rows, key=lambda r: r["attendees"]) if rows else None
    title = (
        f"{total:,} attendances over {len(rows)} webinars; the largest drew {best['attendees']:,}"
        if best
        else "No webinar yet"
    )
    traces: list[dict] = []
    for i, lang in enumerate(sorted({r["language"] or "" for r in rows})):
        chosen = [r for r in rows if (r["language"] or "") == lang]
        label = LANGUAGE_LABELS.get(lang, lang.upper() if lang else "language not catalogued")
        traces.append(
            {
                "type": "bar",
                "x": [day_label(r["day"]) for r in chosen],
                "y": [r["attendees"] for r in chosen],
                "name": f"Attendees, {label}",
                "marker": {"color": PALETTE[i % len(PALETTE)]},
                "customdata": [[plain(r["title"]), r["registrants"]] for r in chosen],
                "hovertemplate": "%{x}<br>%{customdata[0]}<br>%{y:,} attendees of "
                "%{customdata[1]:,} registrants<extra></extra>",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": days,
            "y": [r["registrants"] for r in rows],
            "name": "Registrants",
            "mode": "markers",
            "text": [plain(r["title"]) for r in rows],
            "marker": {
                "symbol": "line-ew-open",
                "size": 12,
                "color": "#000000",
                "line": {"width": 2},
            },
            "hovertemplate": "%{text}<br>%{y:,} registrants<extra></extra>",
        }
    )
    first = render(
        figure(
            traces,
            title,
            barmode="overlay",
            bargap=0.15,
            yaxis={"title": {"text": "People"}},
            xaxis={"type": "category", "categoryorder": "array", "categoryarray": days},
        ),
        f"{prefix}-reach",
        title,
    )

    share = head.returning_share or 0
    title2 = f"{share:.0%} of attendances were by people who had attended before"
    second = render(
        figure(
            [
                {
                    "type": "bar",
                    "x": days,
                    "y": [r["new_attendees"] for r in rows],
                    "name": "New",
                    "marker": {"color": PALETTE[0]},
                },
                {
                    "type": "bar",
                    "x": days,
                    "y": [r["returning_attendees"] for r in rows],
                    "name": "Returning",
                    "marker": {"color": PALETTE[1]},
                },
            ],
            title2,
            barmode="stack",
            yaxis={"title": {"text": "Attendees"}},
            xaxis={"type": "category"},
        ),
        f"{prefix}-new-returning",
        title2,
    )

    # A webinar whose export stated no start has no place on a time axis.
    rates = [r for r in rows if r["attendance_rate"] is not None and r["day"] is not None]
    mean_rate = head.mean_attendance_rate
    title3 = (
        # a mean over webinars (each webinar counts once), not a pooled share of all
        # registrants: say so, since the two differ when webinar sizes do
        f"A webinar's attendance rate averaged {mean_rate:.0%}"
        if mean_rate is not None
        else "No registration data"
    )
    third = render(
        figure(
            [
                {
                    "type": "scatter",
                    "x": [r["day"].isoformat() for r in rates],
                    "y": [r["attendance_rate"] for r in rates],
                    "mode": "markers",
                    "marker": {"color": PALETTE[2], "size": 8},
                    "text": [plain(r["title"]) for r in rates],
                    "hovertemplate": "%{text}<br>%{y:.0%}<extra></extra>",
                    "name": "Attendance rate",
                }
            ],
            title3,
            height=320,
            xaxis={"type": "category"},
            yaxis={"tickformat": ".0%", "range": [0, 1.05], "title": {"text": "Attendance rate"}},
        ),
        f"{prefix}-attendance-rate",
        title3,
    )
    return [first, second, third]


def world_map(rows: list[tuple], prefix: str) -> Chart:
    known = [r for r in rows if r[0] is not None]
    top = known[0] if known else None
    title = (
        f"Participants from {len(known):,} countries; most from {top[1]} ({top[2]:,})"
        if top
        else "No participant's country is known yet"
    )
    trace = {
        "type": "choropleth",
        "locations": [r[0] for r in known],
        "z": [r[2] for r in known],
        "text": [plain(r[1]) for r in known],
        "locationmode": "ISO-3",
        # light to dark: more participants, darker (Plotly.js's named "Blues" runs the
        # other way, palest for the largest count)
        "colorscale": [[0, "#deebf7"], [0.35, "#9ecae1"], [0.7, "#4292c6"], [1, "#08306b"]],
        "marker": {"line": {"color": "#ffffff", "width": 0.4}},
        "colorbar": {"title": {"text": "Participants"}},
        "hovertemplate": "%{text}: %{z:,}<extra></extra>",
    }
    fig = figure(
        [trace],
        title,
        height=460,
        margin={"l": 0, "r": 0, "t": 50, "b": 0},
        geo={
            "resolution": 50,
            "showcountries": True,
            "countrycolor": "#cccccc",
            "showcoastlines": False,
            "showframe": False,
            "showland": True,
            "landcolor": "#f2f2f2",
            "projection": {"type": "natural earth"},
        },
    )
    return render(fig, f"{prefix}-map", title)


def _horizontal_bars(
    labels: list[str], values: list[int], colours: list[str], title: str, axis: str, height: int
) -> Figure:
    return figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": values,
                "marker": {"color": colours},
                "hovertemplate": "%{y}: %{x:,}<extra></extra>",
            }
        ],
        title,
        height=height,
        yaxis={"autorange": "reversed"},
        xaxis={"title": {"text": axis}},
    )


def sectors(rows: list[tuple], prefix: str) -> Chart:
    counts = dict(rows)
    order = [s for s in SECTOR_ORDER if s in counts]
    known = {s: n for s, n in counts.items() if s != "unknown"}
    lead = max(known, key=lambda s: known[s]) if known else None
    total = sum(counts.values())
    title = (
        f"{SECTOR_LABELS[lead]} is the largest sector: {known[lead] / total:.0%} of participants"
        if lead
        else "No participant's sector is known yet"
    )
    fig = _horizontal_bars(
        [SECTOR_LABELS.get(s, s) for s in order],
        [counts[s] for s in order],
        [SECTOR_COLOURS.get(s, PALETTE[0]) for s in order],
        title,
        "Participants",
        340,
    )
    return render(fig, f"{prefix}-sectors", title)


def sectors_over_time(rows: list[tuple], prefix: str) -> Chart:
    years = sorted({r[0] for r in rows})
    totals = {y: sum(r[2] for r in rows if r[0] == y) for y in years}
    traces = []
    for sector in SECTOR_ORDER:
        values = {r[0]: r[2] for r in rows if r[1] == sector}
        if values:
            traces.append(
                {
                    "type": "bar",
                    "x": [str(y) for y in years],
                    "y": [values.get(y, 0) / totals[y] if totals[y] else 0 for y in years],
                    "name": SECTOR_LABELS[sector],
                    "marker": {"color": SECTOR_COLOURS[sector]},
                    "hovertemplate": "%{x}: %{y:.0%}<extra>" + SECTOR_LABELS[sector] + "</extra>",
                }
            )
    title = "Sector mix of each year's participants"
    fig = figure(
        traces,
        title,
        barmode="stack",
        xaxis={"type": "category"},
        yaxis={"tickformat": ".0%", "title": {"text": "Share"}},
    )
    return render(fig, f"{prefix}-sectors-years", title)


def frequency(rows: list[tuple], repeat_share: float, prefix: str) -> Chart:
    title = f"{repeat_share:.0%} of participants attended more than one webinar"
    fig = figure(
        [
            {
                "type": "bar",
                "x": [str(r[0]) for r in rows],
                "y": [r[1] for r in rows],
                "marker": {"color": PALETTE[0]},
                "hovertemplate": "%{x} webinar(s): %{y:,} people<extra></extra>",
            }
        ],
        title,
        height=320,
        xaxis={"type": "category", "title": {"text": "Webinars attended"}},
        yaxis={"title": {"text": "Participants"}},
    )
    return render(fig, f"{prefix}-frequency", title)


def cohorts(rows: list[tuple], prefix: str) -> Chart:
    labels = [month_label(r[0]) for r in rows]
    traces = [
        {
            "type": "scatter",
            "x": labels,
            "y": [r[idx] for r in rows],
            "name": name,
            "mode": "lines+markers",
            "line": {"color": PALETTE[i]},
            "hovertemplate": "%{x}: %{y:.0%}<extra>" + name + "</extra>",
        }
        for i, (name, idx) in enumerate(
            (("within 3 months", 2), ("within 6 months", 3), ("within 12 months", 4))
        )
    ]
    title = (
        "Share of each month's newcomers who came back within 3, 6 and 12 months"
        if any(r[2] is not None for r in rows)
        else "Too early to measure how many newcomers return"
    )
    fig = figure(
        traces,
        title,
        height=340,
        xaxis={"type": "category", "title": {"text": "Month of first webinar"}},
        yaxis={"tickformat": ".0%", "title": {"text": "Returned"}},
    )
    return render(fig, f"{prefix}-cohorts", title)


def categories(rows: list[tuple], prefix: str, name: str, labels: dict[str, str]) -> Chart:
    names = [labels.get(r[0], r[0]) if r[0] else "Not catalogued" for r in rows]
    top = max(rows, key=lambda r: r[3]) if rows else None
    if top:
        top_name = labels.get(top[0], top[0]) if top[0] else "Not catalogued"
        title = f"{top_name} webinars drew the most attendees on average ({top[3]:,.0f})"
    else:
        title = f"No {name} data"
    fig = figure(
        [
            {
                "type": "bar",
                "x": [plain(n) for n in names],
                "y": [r[3] for r in rows],
                "marker": {"color": PALETTE[0]},
                "customdata": [[r[1]] for r in rows],
                "hovertemplate": "%{x}: %{y:,.0f} attendees on average over "
                "%{customdata[0]} webinars<extra></extra>",
            }
        ],
        title,
        height=320,
        xaxis={"type": "category"},
        yaxis={"title": {"text": "Average attendees per webinar"}},
    )
    return render(fig, f"{prefix}-{name}", title)


def speakers_by_sector(rows: list[tuple], prefix: str) -> Chart:
    counts = {r[0]: r[1] for r in rows}
    order = [s for s in SECTOR_ORDER if s in counts]
    lead = max(counts, key=lambda s: counts[s]) if counts else None
    title = (
        f"Most speakers came from {SECTOR_LABELS.get(lead, lead).lower()} "
        f"({counts[lead]:,} of {sum(counts.values()):,})"
        if lead
        else "No speakers yet"
    )
    fig = _horizontal_bars(
        [SECTOR_LABELS.get(s, s) for s in order],
        [counts[s] for s in order],
        [SECTOR_COLOURS.get(s, PALETTE[0]) for s in order],
        title,
        "Speakers",
        300,
    )
    return render(fig, f"{prefix}-speakers", title)
