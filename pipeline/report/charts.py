"""Plotly charts for the report: pure functions from mart rows to HTML fragments.

Reproducible and safe by construction: each chart gets a fixed element id;
the figure JSON is written by us (not ``fig.to_html``) with ``</`` escaped so
no text can close the script element; and text that came from an export
(titles, topics, organisations) is HTML-escaped before Plotly sees it, since
Plotly renders a subset of HTML tags in labels.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from pipeline.report.data import LANGUAGE_LABELS, SECTOR_LABELS, SECTOR_ORDER

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


@dataclass(frozen=True, slots=True)
class Chart:
    chart_id: str
    title: str
    html: str
    figure: go.Figure


def plain(text: object) -> str:
    """Text from an export, made inert for Plotly's label renderer."""
    return html.escape(str(text), quote=False) if text is not None else ""


def _layout(fig: go.Figure, title: str, height: int = 380) -> None:
    fig.update_layout(
        title={"text": plain(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        template="plotly_white",
        height=height,
        font={"size": 13, "color": "#1a1a1a"},
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        colorway=PALETTE,
        legend={"orientation": "h", "y": -0.18},
    )


def render(fig: go.Figure, chart_id: str, title: str) -> Chart:
    """The chart as a div and a script that draws it, with a fixed id."""
    spec = json.loads(pio.to_json(fig, validate=False))
    data = json.dumps(spec.get("data", []), separators=(",", ":"), sort_keys=True)
    layout = json.dumps(spec.get("layout", {}), separators=(",", ":"), sort_keys=True)
    config = json.dumps(CONFIG, separators=(",", ":"), sort_keys=True)
    script = f'Plotly.newPlot("{chart_id}",{data},{layout},{config});'
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
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.6, 0.4]
    )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[r[1] for r in rows],
            name="Participants (cumulative)",
            mode="lines+markers",
            line={"color": PALETTE[0], "width": 3},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[r[2] for r in rows],
            name="Countries (cumulative)",
            mode="lines",
            line={"color": PALETTE[1], "width": 3},
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[r[3] for r in rows],
            name="Webinars (cumulative)",
            mode="lines",
            line={"color": PALETTE[2], "width": 3, "dash": "dot"},
        ),
        row=2,
        col=1,
    )
    _layout(fig, title, height=460)
    return render(fig, f"{prefix}-growth", title)


def reach(rows: list[dict], prefix: str) -> list[Chart]:
    # One bar per webinar on a category axis: on a time axis, bars a day wide
    # vanish across a four-year series.
    days = [r["day"].isoformat() for r in rows]
    titles = [plain(r["title"]) for r in rows]
    total = sum(r["attendees"] for r in rows)
    best = max(rows, key=lambda r: r["attendees"]) if rows else None
    title = (
        f"{total:,} attendances over {len(rows)} webinars; the largest drew {best['attendees']:,}"
        if best
        else "No webinar yet"
    )
    fig = go.Figure()
    languages = sorted({r["language"] or "" for r in rows})
    for i, lang in enumerate(languages):
        chosen = [r for r in rows if (r["language"] or "") == lang]
        label = LANGUAGE_LABELS.get(lang, lang.upper() if lang else "language not catalogued")
        fig.add_trace(
            go.Bar(
                x=[r["day"].isoformat() for r in chosen],
                y=[r["attendees"] for r in chosen],
                name=f"Attendees, {label}",
                marker_color=PALETTE[i % len(PALETTE)],
                customdata=[[plain(r["title"]), r["registrants"]] for r in chosen],
                hovertemplate="%{x}<br>%{customdata[0]}<br>%{y:,} attendees of "
                "%{customdata[1]:,} registrants<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[r["registrants"] for r in rows],
            name="Registrants",
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 12, "color": "#000000", "line": {"width": 2}},
            text=titles,
            hovertemplate="%{text}<br>%{y:,} registrants<extra></extra>",
        )
    )
    fig.update_layout(
        barmode="overlay",
        bargap=0.15,
        yaxis_title="People",
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": days},
    )
    _layout(fig, title)
    first = render(fig, f"{prefix}-reach", title)

    new = sum(r["new_attendees"] for r in rows)
    returning = sum(r["returning_attendees"] for r in rows)
    share = returning / (new + returning) if new + returning else 0
    title2 = f"{share:.0%} of attendances were by people who had attended before"
    fig2 = go.Figure(
        [
            go.Bar(
                x=days, y=[r["new_attendees"] for r in rows], name="New", marker_color=PALETTE[0]
            ),
            go.Bar(
                x=days,
                y=[r["returning_attendees"] for r in rows],
                name="Returning",
                marker_color=PALETTE[1],
            ),
        ]
    )
    fig2.update_layout(barmode="stack", yaxis_title="Attendees", xaxis={"type": "category"})
    _layout(fig2, title2)
    rates = [r for r in rows if r["attendance_rate"] is not None]
    mean_rate = sum(r["attendance_rate"] for r in rates) / len(rates) if rates else None
    title3 = (
        f"On average {mean_rate:.0%} of registrants attended"
        if mean_rate is not None
        else "No registration data"
    )
    fig3 = go.Figure(
        go.Scatter(
            x=[r["day"].isoformat() for r in rates],
            y=[r["attendance_rate"] for r in rates],
            mode="markers",
            marker={"color": PALETTE[2], "size": 8},
            text=[plain(r["title"]) for r in rates],
            hovertemplate="%{text}<br>%{y:.0%}<extra></extra>",
            name="Attendance rate",
        )
    )
    fig3.update_layout(
        yaxis={"tickformat": ".0%", "range": [0, 1.05], "title": "Attendance rate"},
        xaxis={"type": "category"},
    )
    _layout(fig3, title3, height=320)
    return [
        first,
        render(fig2, f"{prefix}-new-returning", title2),
        render(fig3, f"{prefix}-attendance-rate", title3),
    ]


def world_map(rows: list[tuple], prefix: str) -> Chart:
    known = [r for r in rows if r[0] is not None]
    top = known[0] if known else None
    title = (
        f"Participants from {len(known):,} countries; most from {top[1]} ({top[2]:,})"
        if top
        else "No participant's country is known yet"
    )
    fig = go.Figure(
        go.Choropleth(
            locations=[r[0] for r in known],
            z=[r[2] for r in known],
            text=[plain(r[1]) for r in known],
            locationmode="ISO-3",
            colorscale="Blues",
            marker_line_color="#ffffff",
            marker_line_width=0.4,
            colorbar={"title": {"text": "Participants"}},
            hovertemplate="%{text}: %{z:,}<extra></extra>",
        )
    )
    fig.update_geos(
        resolution=50,
        showcountries=True,
        countrycolor="#cccccc",
        showcoastlines=False,
        showframe=False,
        projection_type="natural earth",
        landcolor="#f2f2f2",
        showland=True,
    )
    _layout(fig, title, height=460)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 50, "b": 0})
    return render(fig, f"{prefix}-map", title)


def sectors(rows: list[tuple], prefix: str) -> Chart:
    counts = dict(rows)
    order = [s for s in SECTOR_ORDER if s in counts]
    known = {s: n for s, n in counts.items() if s != "unknown"}
    lead = max(known, key=known.get) if known else None
    total = sum(counts.values())
    title = (
        f"{SECTOR_LABELS[lead]} is the largest sector: {known[lead] / total:.0%} of participants"
        if lead
        else "No participant's sector is known yet"
    )
    fig = go.Figure(
        go.Bar(
            y=[SECTOR_LABELS.get(s, s) for s in order],
            x=[counts[s] for s in order],
            orientation="h",
            marker_color=[SECTOR_COLOURS.get(s, PALETTE[0]) for s in order],
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis_title="Participants")
    _layout(fig, title, height=340)
    return render(fig, f"{prefix}-sectors", title)


def sectors_over_time(rows: list[tuple], prefix: str) -> Chart:
    years = sorted({r[0] for r in rows})
    totals = {y: sum(r[2] for r in rows if r[0] == y) for y in years}
    fig = go.Figure()
    for sector in SECTOR_ORDER:
        values = {r[0]: r[2] for r in rows if r[1] == sector}
        if not values:
            continue
        fig.add_trace(
            go.Bar(
                x=[str(y) for y in years],
                y=[values.get(y, 0) / totals[y] if totals[y] else 0 for y in years],
                name=SECTOR_LABELS[sector],
                marker_color=SECTOR_COLOURS[sector],
                hovertemplate="%{x}: %{y:.0%}<extra>" + SECTOR_LABELS[sector] + "</extra>",
            )
        )
    title = "Sector mix of each year's participants"
    fig.update_layout(barmode="stack", yaxis={"tickformat": ".0%", "title": "Share"})
    _layout(fig, title)
    return render(fig, f"{prefix}-sectors-years", title)


def frequency(rows: list[tuple], prefix: str) -> Chart:
    once = next((r[2] for r in rows if r[0] == 1), 0)
    title = f"{1 - once:.0%} of participants attended more than one webinar"
    fig = go.Figure(
        go.Bar(
            x=[str(r[0]) for r in rows],
            y=[r[1] for r in rows],
            marker_color=PALETTE[0],
            hovertemplate="%{x} webinar(s): %{y:,} people<extra></extra>",
        )
    )
    fig.update_layout(xaxis_title="Webinars attended", yaxis_title="Participants")
    _layout(fig, title, height=320)
    return render(fig, f"{prefix}-frequency", title)


def cohorts(rows: list[tuple], prefix: str) -> Chart:
    labels = [r[0].strftime("%Y-%m") for r in rows]
    fig = go.Figure()
    for i, (name, idx) in enumerate(
        (("within 3 months", 2), ("within 6 months", 3), ("within 12 months", 4))
    ):
        fig.add_trace(
            go.Scatter(
                x=labels,
                y=[r[idx] for r in rows],
                name=name,
                mode="lines+markers",
                line={"color": PALETTE[i]},
                hovertemplate="%{x}: %{y:.0%}<extra>" + name + "</extra>",
            )
        )
    rates = [r[4] for r in rows if r[4] is not None]
    title = (
        f"Typically {sorted(rates)[len(rates) // 2]:.0%} of a month's newcomers came back "
        "within a year"
        if rates
        else "Too early to measure 12-month return"
    )
    fig.update_layout(
        yaxis={"tickformat": ".0%", "title": "Returned"}, xaxis_title="Month of first webinar"
    )
    _layout(fig, title, height=340)
    return render(fig, f"{prefix}-cohorts", title)


def categories(rows: list[tuple], prefix: str, name: str, labels: dict[str, str]) -> Chart:
    names = [labels.get(r[0], r[0]) if r[0] else "Not catalogued" for r in rows]
    top = max(rows, key=lambda r: r[3]) if rows else None
    title = (
        f"{plain(labels.get(top[0], top[0]) if top[0] else 'Not catalogued')} webinars drew "
        f"the most attendees on average ({top[3]:,.0f})"
        if top
        else f"No {name} data"
    )
    fig = go.Figure(
        go.Bar(
            x=[plain(n) for n in names],
            y=[r[3] for r in rows],
            marker_color=PALETTE[0],
            customdata=[[r[1]] for r in rows],
            hovertemplate="%{x}: %{y:,.0f} attendees on average over "
            "%{customdata[0]} webinars<extra></extra>",
        )
    )
    fig.update_layout(yaxis_title="Average attendees per webinar")
    _layout(fig, title, height=320)
    return render(fig, f"{prefix}-{name}", title)


def speakers_by_sector(rows: list[tuple], prefix: str) -> Chart:
    counts = {r[0]: r[1] for r in rows}
    order = [s for s in SECTOR_ORDER if s in counts]
    lead = max(counts, key=counts.get) if counts else None
    title = (
        f"Most speakers came from {SECTOR_LABELS.get(lead, lead).lower()} "
        f"({counts[lead]:,} of {sum(counts.values()):,})"
        if lead
        else "No speakers yet"
    )
    fig = go.Figure(
        go.Bar(
            y=[SECTOR_LABELS.get(s, s) for s in order],
            x=[counts[s] for s in order],
            orientation="h",
            marker_color=[SECTOR_COLOURS.get(s, PALETTE[0]) for s in order],
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis_title="Speakers")
    _layout(fig, title, height=300)
    return render(fig, f"{prefix}-speakers", title)
