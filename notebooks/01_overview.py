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
# # Overview: how many people the series reaches, and how it grows
#
# Answers: the headline figures (webinars, participants, countries, speakers);
# how many people each webinar reached; how participants and countries have
# accumulated over the series; and how this month compares with the previous
# month and with the same month a year earlier.
#
# **How to run.** From the project root, `make jupyter` opens JupyterLab on this
# folder; then *Run → Run All Cells* (README, "For analysts"). The database is
# chosen by `pipeline.notebook.database()`: `$WEBINAR_PIPELINE_DB` if set, else
# the staff's `data/processed/webinars.duckdb`, else the demo series (built on
# first use, about half a minute). Every figure comes from a mart, defined once
# in `pipeline/DEFINITIONS.md`; this notebook only reads and draws them.

# %%
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import pipeline
from pipeline.notebook import database, describe
from pipeline.report.charts import PALETTE

px.defaults.template = "plotly_white"
px.defaults.color_discrete_sequence = PALETTE

db = database()
print(describe(db))

# %% [markdown]
# ## Headline figures
#
# One row per series (`marts.series_summary`). A deployment may hold several
# series; this notebook looks at one, `SERIES` (by default the first): set it
# to another name from this table to look at that one.

# %%
summary = pipeline.summary(db)
SERIES = summary["Series"].iloc[0]
summary.set_index("Series").T

# %% [markdown]
# ## Reach per webinar
#
# `marts.webinar_reach`: registrants, attendees (= reach), attendance rate
# (registered attendees ÷ registrants), walk-ins, countries, new and returning
# attendees. Only webinars with a loaded attendance report count.

# %%
reach = pipeline.mart("webinar_reach", db, series=SERIES)
reach[
    [
        "Start (UTC)", "Title", "Language", "Registrants", "Attendees",
        "Attendance rate", "Walk-ins", "Average minutes", "Countries",
    ]
].tail(10).style.format({"Attendance rate": "{:.0%}", "Start (UTC)": "{:%Y-%m-%d}"}, na_rep="–")

# %%
fig = px.bar(
    reach,
    x="Start (UTC)",
    y="Attendees",
    color="Language",
    hover_data=["Title", "Registrants", "Countries"],
    title=f"Attendees per webinar — {SERIES}",
)
fig.show()

# %% [markdown]
# ## Growth over the series
#
# `marts.series_growth`: distinct participants and countries from the first
# webinar up to and including each webinar (DEFINITIONS.md, "cumulative
# participants"). Participants on the left axis, countries on the right.

# %%
growth = pipeline.mart("series_growth", db, series=SERIES)
fig = make_subplots(specs=[[{"secondary_y": True}]])
fig.add_trace(
    go.Scatter(
        x=growth["Start (UTC)"], y=growth["Cumulative participants"],
        name="Participants", mode="lines+markers", line={"color": PALETTE[0]},
    ),
    secondary_y=False,
)
fig.add_trace(
    go.Scatter(
        x=growth["Start (UTC)"], y=growth["Cumulative countries"],
        name="Countries", mode="lines+markers", line={"color": PALETTE[1]},
    ),
    secondary_y=True,
)
fig.update_layout(template="plotly_white", title=f"Cumulative participants and countries — {SERIES}")
fig.update_yaxes(title_text="Participants", rangemode="tozero", secondary_y=False)
fig.update_yaxes(title_text="Countries", rangemode="tozero", secondary_y=True)
fig.show()

# %% [markdown]
# ## This month, the previous month, a year earlier
#
# `marts.monthly` has one row per month in the series' time zone, empty months
# included, with the previous month's and the year-earlier figures beside each
# (`prev_month_*`, `year_ago_*`). "This month" is the last month of the data:
# the month of the as-of date, which may not be over yet. *Attendees* here are
# distinct people attending that month; *new participants* attended the series
# for the first time that month.

# %%
monthly = pipeline.mart("monthly", db, series=SERIES)
this = monthly.iloc[-1]
measures = {
    "Webinars": "webinars",
    "Attendees": "attendees",
    "New participants": "new_participants",
    "Countries": "countries",
}
comparison = pd.DataFrame(
    {
        f"This month ({this['Month']:%b %Y})": [this[label] for label in measures],
        "Previous month": [this[f"prev_month_{column}"] for column in measures.values()],
        "A year earlier": [this[f"year_ago_{column}"] for column in measures.values()],
    },
    index=list(measures),
)
comparison

# %%
fig = go.Figure()
fig.add_bar(x=monthly["Month"], y=monthly["Attendees"], name="Attendees", marker_color=PALETTE[0])
fig.add_scatter(
    x=monthly["Month"], y=monthly["year_ago_attendees"], name="Same month a year earlier",
    mode="lines", line={"color": PALETTE[3], "dash": "dot"},
)
fig.update_layout(
    template="plotly_white", title=f"Distinct attendees per month — {SERIES}",
    yaxis_title="Attendees", legend={"orientation": "h", "y": -0.2},
)
fig.show()
