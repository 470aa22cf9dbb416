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
# # One webinar: its reach, its audience, its data quality
#
# Answers, for one webinar: how many registered and attended, how that compares
# with the rest of the series, which countries and sectors its audience came
# from, how long people stayed, and whether its exports had problems.
#
# **How to run.** From the project root, `make jupyter` opens JupyterLab on this
# folder (README, "For analysts"). Set `WEBINAR_ID` in the next cell to a
# webinar ID from `pipeline.reach()` (e.g. `"zoom:97116765004:2024-11-26"`), or
# leave it `None` for the most recent webinar, then *Run → Run All Cells*. The
# cell is tagged `parameters`, so papermill-style tools can set it too. The
# database is chosen by `pipeline.notebook.database()`: `$WEBINAR_PIPELINE_DB`
# if set, else the staff's `data/processed/webinars.duckdb`, else the demo
# series (built on first use).

# %% tags=["parameters"]
WEBINAR_ID = None

# %%
import plotly.express as px

import pipeline
from pipeline.notebook import database, describe
from pipeline.report.charts import PALETTE, SECTOR_COLOURS
from pipeline.report.data import SECTOR_LABELS

px.defaults.template = "plotly_white"
px.defaults.color_discrete_sequence = PALETTE
SECTOR_COLOURS_BY_LABEL = {SECTOR_LABELS[code]: colour for code, colour in SECTOR_COLOURS.items()}

db = database()
print(describe(db))

reach = pipeline.reach(db)
if WEBINAR_ID is None:
    WEBINAR_ID = reach.sort_values("Start (UTC)")["Webinar ID"].iloc[-1]
if WEBINAR_ID not in set(reach["Webinar ID"]):
    raise ValueError(
        f"{WEBINAR_ID!r} is not a counted webinar (one with an attendance report, on or "
        "before the as-of date); see pipeline.reach() for the IDs"
    )
webinar = reach.set_index("Webinar ID").loc[WEBINAR_ID]
SERIES = webinar["Series"]
print(f"Webinar: {WEBINAR_ID} — {webinar['Title']} ({webinar['Start (UTC)']:%Y-%m-%d %H:%M} UTC)")

# %% [markdown]
# ## Its reach
#
# The webinar's row of `marts.webinar_reach` (definitions in DEFINITIONS.md),
# and where it stands among the series' webinars.

# %%
webinar.to_frame(WEBINAR_ID)

# %%
series_reach = reach[reach["Series"] == SERIES].sort_values("Start (UTC)")
ranks = series_reach.set_index("Webinar ID")["Attendees"].rank(ascending=False, method="min")
rank = int(ranks[WEBINAR_ID])
print(
    f"{webinar['Attendees']:,} attendees: rank {rank} of {len(series_reach)} webinars "
    f"(median {series_reach['Attendees'].median():,.0f})"
)
fig = px.bar(
    series_reach,
    x="Start (UTC)",
    y="Attendees",
    hover_data=["Title"],
    color=series_reach["Webinar ID"].eq(WEBINAR_ID).map({True: "This webinar", False: "Others"}),
    color_discrete_map={"This webinar": PALETTE[3], "Others": "#c8ccd4"},
    labels={"color": ""},
    title=f"Attendees per webinar — {SERIES}",
)
fig.show()

# %% [markdown]
# ## Its audience by country and sector
#
# The marts count participants per *series*; there is no mart of one webinar's
# audience by country or sector. So this section **explores** `core.attendees`
# (one row per attendee per counted webinar: a hashed person ID, the person's
# country and sector, minutes attended; no names or e-mails) and aggregates it
# in SQL. It does not re-define a headline figure: the webinar's attendees and
# countries are the reach row above, and the check below confirms these counts
# add up to it. Country and sector are the person's most recent known values.

# %%
with pipeline.connect(db) as con:
    by_country = con.execute(
        """
        select coalesce(n.country_name, 'Unknown') as "Country",
               a.country_iso3 as "ISO3",
               count(*) as "Attendees"
        from core.attendees a
        left join staging.country_names n using (country_iso3)
        where a.webinar_id = ?
        group by all
        order by "Attendees" desc, "Country"
        """,
        [WEBINAR_ID],
    ).df()
    by_sector = con.execute(
        """
        select sector, count(*) as "Attendees"
        from core.attendees
        where webinar_id = ?
        group by sector
        """,
        [WEBINAR_ID],
    ).df()
    minutes = con.execute(
        'select minutes_attended as "Minutes attended" from core.attendees where webinar_id = ?',
        [WEBINAR_ID],
    ).df()

assert by_country["Attendees"].sum() == webinar["Attendees"], "audience does not add up to reach"
assert by_country["ISO3"].notna().sum() == webinar["Countries"], "countries differ from reach"
print(f"{webinar['Attendees']:,} attendees from {webinar['Countries']} countries (matches the reach row)")

# %%
TOP = 15
fig = px.bar(
    by_country.head(TOP).iloc[::-1],
    x="Attendees",
    y="Country",
    orientation="h",
    title=f"Top {TOP} countries in the audience",
)
fig.update_layout(height=480)
fig.show()

# %%
by_sector["Sector"] = by_sector["sector"].map(SECTOR_LABELS)
fig = px.bar(
    by_sector,
    x="Sector",
    y="Attendees",
    color="Sector",
    color_discrete_map=SECTOR_COLOURS_BY_LABEL,
    category_orders={"Sector": list(SECTOR_LABELS.values())},
    title="The audience by sector",
)
fig.update_layout(showlegend=False)
fig.show()

# %%
fig = px.histogram(
    minutes,
    x="Minutes attended",
    nbins=30,
    title=f"How long attendees stayed (average {webinar['Average minutes']} minutes)",
)
fig.update_layout(yaxis_title="Attendees")
fig.show()

# %% [markdown]
# ## Its data quality
#
# The webinar's row of `marts.data_quality_webinars`: rows read and rejected in
# its exports, the share of attendees with unknown country or sector, and rows
# without an e-mail (matched by name within the webinar only). `python -m
# pipeline status` lists rejected rows with file, line and reason.

# %%
quality = pipeline.data_quality(db)
quality[quality["webinar_id"] == WEBINAR_ID].T
