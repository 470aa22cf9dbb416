# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Where participants come from, and which sectors they work in
#
# Answers: a world map of participants by country; the top countries; which
# sectors each of the top countries sends; participants by World Bank region
# and income group; and, as a worked example, one region looked at on its own.
#
# **How to run.** From the project root, `make jupyter` opens JupyterLab on this
# folder; then *Run → Run All Cells* (README, "For analysts"). The database is
# chosen by `pipeline.notebook.database()`: `$WEBINAR_PIPELINE_DB` if set, else
# the staff's `data/processed/webinars.duckdb`, else the demo series (built on
# first use). Counts are **participants**: distinct people who attended at
# least one webinar, each counted once with their most recent known country and
# sector (DEFINITIONS.md). "Unknown" is counted in totals but never as a
# country or a sector.

# %%
import plotly.express as px

import pipeline
from pipeline.notebook import database, describe, offline_maps
from pipeline.report.data import DEFAULT_SMALL_CELL
from pipeline.report.charts import PALETTE, SECTOR_COLOURS
from pipeline.report.data import SECTOR_LABELS, SECTOR_ORDER

px.defaults.template = "plotly_white"
px.defaults.color_discrete_sequence = PALETTE
# Every sector chart: the report's colours, in the report's order.
SECTOR_STYLE = {
    "color_discrete_map": {SECTOR_LABELS[code]: colour for code, colour in SECTOR_COLOURS.items()},
    "category_orders": {"Sector": list(SECTOR_LABELS.values())},
}


def participants_map(frame, title, **options):
    """A map of ``frame``'s participants per country (ISO3), drawn without a network."""
    fig = px.choropleth(
        frame,
        locations="ISO3",
        color="Participants",
        hover_name="Country",
        color_continuous_scale="Blues",
        title=title,
        **options,
    )
    # resolution=50: the outlines offline_maps() gives are world_50m
    fig.update_geos(resolution=50, showcountries=True, countrycolor="#cccccc")
    return fig


db = database()
print(describe(db))
summary = pipeline.summary(db).set_index("Series")
SERIES = summary.index[0]  # one series; set another name to change
print(f"Series: {SERIES}")
offline_maps()  # the map's outlines come from the package, not from the network

# %% [markdown]
# ## Participants by country
#
# `marts.participants_by_country`. Participants whose country is unknown have
# an empty ISO3 code: they are left off the map and reported below it. Kosovo
# (`XKX`) has no outline at this map's resolution; it is in `by_country`. The
# number of countries in the title is the series' figure (`marts.series_summary`).

# %%
by_country = pipeline.mart("participants_by_country", db, series=SERIES)
known = by_country[by_country["ISO3"].notna()]
unknown = by_country.loc[by_country["ISO3"].isna(), "Participants"].sum()
countries = summary.loc[SERIES, "Countries"]

fig = participants_map(
    known, f"Participants from {countries} countries — {SERIES}", projection="natural earth"
)
fig.update_geos(showframe=False)
fig.update_layout(margin={"l": 0, "r": 0, "t": 50, "b": 0})
fig.show()
print(f"Participants whose country is unknown: {unknown:,}")

# %% [markdown]
# ## Top countries

# %%
TOP = 15
top = known.head(TOP)  # the mart is ordered by participants, most first
fig = px.bar(
    top.iloc[::-1],
    x="Participants",
    y="Country",
    orientation="h",
    title=f"Top {TOP} countries by participants — {SERIES}",
)
fig.update_layout(height=500)
fig.show()

# %% [markdown]
# ## Sectors, and sectors by country
#
# `marts.participants_by_sector` and `marts.participants_by_country_sector`.
# The heatmap shows the top countries above. The mart does not hide small
# cells; this chart blanks cells under `SMALL_CELL` participants, as the report
# does, since a cell of one or two people can point at a person. Keep that in
# mind before sharing a table from this notebook.

# %%
by_sector = pipeline.mart("participants_by_sector", db, series=SERIES)
by_sector["Sector"] = by_sector["Sector"].map(SECTOR_LABELS)
fig = px.bar(
    by_sector,
    x="Sector",
    y="Participants",
    color="Sector",
    title=f"Participants by sector — {SERIES}",
    **SECTOR_STYLE,
)
fig.update_layout(showlegend=False)
fig.show()

# %%
SMALL_CELL = DEFAULT_SMALL_CELL  # the report's (`--small-cell`)
country_sector = pipeline.mart("participants_by_country_sector", db, series=SERIES)
grid = (
    country_sector[country_sector["ISO3"].isin(top["ISO3"])]
    .pivot_table(index="Country", columns="Sector", values="Participants", aggfunc="sum")
    .reindex(index=top["Country"], columns=SECTOR_ORDER)
    .rename(columns=SECTOR_LABELS)
)
shown = grid.where(grid >= SMALL_CELL)
fig = px.imshow(
    shown,
    text_auto=True,
    aspect="auto",
    color_continuous_scale="Blues",
    labels={"color": "Participants", "x": "", "y": ""},
    title=f"Participants by country and sector, top {TOP} countries (cells under {SMALL_CELL} blank)",
)
fig.update_layout(height=550)
fig.show()

# %% [markdown]
# ## World Bank regions and income groups
#
# `marts.participants_by_region`: the World Bank's classification of each
# participant's country. An empty region means an unknown country; an empty
# income group, an economy the World Bank does not classify (e.g. Venezuela
# since 2021).

# %%
by_region = pipeline.mart("participants_by_region", db, series=SERIES)
by_region["Region"] = by_region["Region"].fillna("Unknown country")
by_region["Income group"] = by_region["Income group"].fillna("Not classified")
income_order = [
    "Low income", "Lower middle income", "Upper middle income", "High income", "Not classified",
]
fig = px.bar(
    by_region,
    x="Participants",
    y="Region",
    color="Income group",
    orientation="h",
    category_orders={"Income group": income_order},
    hover_data=["Countries"],
    title=f"Participants by World Bank region and income group — {SERIES}",
)
fig.update_layout(height=450, yaxis={"categoryorder": "total ascending"})
fig.show()
by_region.pivot_table(
    index="Region", columns="Income group", values="Participants", aggfunc="sum", fill_value=0
).reindex(columns=[g for g in income_order if g in set(by_region["Income group"])])

# %% [markdown]
# ## Worked example: one region
#
# Filtering the marts to one region. `marts.participants_by_country` has no
# region column, so its rows are joined, in SQL, to the same World Bank table
# the region mart uses (`staging.world_bank_classification`). Nothing is
# recounted: each row is the mart's own figure for one country, the region's
# totals are its rows of `marts.participants_by_region`, and the check below
# confirms the countries add up to them. Set `REGION` to any region named above.

# %%
REGION = "Latin America & Caribbean"
in_region = by_region[by_region["Region"] == REGION]
if in_region.empty:
    raise ValueError(f"{REGION!r} has no participants; regions: {sorted(set(by_region['Region']))}")
with pipeline.connect(db) as con:
    region_countries = con.execute(
        """
        select c.country_name as "Country", c.country_iso3 as "ISO3",
               wb.income_group as "Income group", c.participants as "Participants"
        from marts.participants_by_country c
        join staging.world_bank_classification wb using (country_iso3)
        where c.series = ? and wb.region = ?
        order by c.participants desc, c.country_name
        """,
        [SERIES, REGION],
    ).df()
# One row per income group: no country, and so no person, is in two of them.
region_participants, region_country_count = in_region[["Participants", "Countries"]].sum()
assert region_countries["Participants"].sum() == region_participants, "differs from the region mart"
assert len(region_countries) == region_country_count, "countries differ from the region mart"
print(f"{REGION}: {region_country_count} countries; {region_participants:,} participants")
region_countries.head(20)

# %%
fig = participants_map(
    region_countries, f"Participants in {REGION} — {SERIES}", fitbounds="locations"
)
fig.update_geos(visible=False)
fig.show()

# %%
region_sectors = country_sector[country_sector["ISO3"].isin(region_countries["ISO3"])]
fig = px.bar(
    region_sectors.assign(Sector=region_sectors["Sector"].map(SECTOR_LABELS)),
    x="Participants",
    y="Country",
    color="Sector",
    orientation="h",
    title=f"Sectors of participants in {REGION}",
    **SECTOR_STYLE,
)
fig.update_layout(height=600, yaxis={"categoryorder": "total ascending"})
fig.show()
