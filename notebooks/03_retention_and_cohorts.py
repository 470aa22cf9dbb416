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
# # Do people come back? Frequency, cohorts, new and returning
#
# Answers: how many webinars participants attend; what share of each month's
# newcomers came back within 3, 6 and 12 months; how many of each webinar's
# attendees were new or returning; and how two years compare.
#
# **How to run.** From the project root, `make jupyter` opens JupyterLab on this
# folder; then *Run → Run All Cells* (README, "For analysts"). The database is
# chosen by `pipeline.notebook.database()`: `$WEBINAR_PIPELINE_DB` if set, else
# the staff's `data/processed/webinars.duckdb`, else the demo series (built on
# first use). Every figure is read from a mart; definitions are in
# `pipeline/DEFINITIONS.md` and the README's data dictionary.

# %%
import plotly.express as px

import pipeline
from pipeline.notebook import database, describe
from pipeline.report.charts import PALETTE
from pipeline.report.data import SECTOR_LABELS

px.defaults.template = "plotly_white"
px.defaults.color_discrete_sequence = PALETTE

db = database()
print(describe(db))
SERIES = pipeline.summary(db)["Series"].iloc[0]  # one series; set another name to change
print(f"Series: {SERIES}")

# %% [markdown]
# ## How many webinars do participants attend?
#
# `marts.attendance_frequency`: participants by the number of webinars of the
# series they attended, and their share of all participants.

# %%
frequency = pipeline.mart("attendance_frequency", db, series=SERIES)
fig = px.bar(
    frequency,
    x="Webinars attended",
    y="Participants",
    hover_data={"Share": ":.1%"},
    title=f"Participants by number of webinars attended — {SERIES}",
)
fig.show()
frequency.head(10).style.format({"Share": "{:.1%}"})

# %% [markdown]
# ## Cohorts: who came back within 3, 6 and 12 months
#
# `marts.cohort_retention`: a cohort is the people whose first webinar of the
# series fell in a given month. Its return rate within N months = people who
# attended another webinar within N months of their first ÷ people whose
# N-month window has ended by the as-of date. Recent cohorts have no rate yet
# for the longer windows (blank), rather than a misleading zero.

# %%
retention = pipeline.mart("cohort_retention", db, series=SERIES)
windows = ["Returned within 3 months", "Returned within 6 months", "Returned within 12 months"]
fig = px.line(
    retention,
    x="Cohort month",
    y=windows,
    markers=True,
    labels={"value": "Return rate", "variable": ""},
    title=f"Share of each month's newcomers who came back — {SERIES}",
)
fig.update_yaxes(tickformat=".0%", rangemode="tozero")
fig.update_layout(legend={"orientation": "h", "y": -0.2})
fig.show()

# %%
heat = retention.set_index(retention["Cohort month"].dt.strftime("%Y-%m"))[windows]
heat.columns = ["3 months", "6 months", "12 months"]
fig = px.imshow(
    heat,
    text_auto=".0%",
    aspect="auto",
    color_continuous_scale="Blues",
    labels={"color": "Return rate", "x": "Returned within", "y": "Cohort (first webinar)"},
    title="Return rates by cohort",
)
fig.update_layout(height=max(400, 18 * len(heat)), coloraxis_colorbar_tickformat=".0%")
fig.show()

# %% [markdown]
# ## New and returning attendees per webinar
#
# `marts.webinar_reach`: a webinar's attendees are *new* at their first
# webinar of the series (in the audience), *returning* otherwise.

# %%
reach = pipeline.mart("webinar_reach", db, series=SERIES)
fig = px.bar(
    reach,
    x="Start (UTC)",
    y=["New attendees", "Returning attendees"],
    hover_data=["Title"],
    labels={"value": "Attendees", "variable": ""},
    title=f"New and returning attendees per webinar — {SERIES}",
)
fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.2})
fig.show()

# %% [markdown]
# ## Comparing two years
#
# By default the two most recent *complete* calendar years (series time); set
# `YEARS` to any two. Every figure is a row of `marts.yearly` (webinars,
# attendances, participants who attended that year, new participants, and the
# return rates of the year's monthly cohorts); this section only puts two rows
# side by side. The last year's 12-month rate is often blank: those windows
# have not ended.

# %%
monthly = pipeline.mart("monthly", db, series=SERIES)
months_per_year = monthly.groupby(monthly["Month"].dt.year)["Month"].count()
as_of_year = monthly["Month"].max().year
complete = [year for year, months in months_per_year.items() if months == 12 and year < as_of_year]
YEARS = tuple(complete[-2:]) if len(complete) >= 2 else tuple(months_per_year.index[-2:])
print(f"Comparing {' and '.join(map(str, YEARS))}")

# %%
yearly = pipeline.mart("yearly", db, series=SERIES).set_index("Year")
COUNTS = [
    "Webinars",
    "Attendances",
    "Average attendees per webinar",
    "Participants",
    "New participants",
]
RATES = [f"Return rate within {n} months" for n in (3, 6, 12)]

year_counts = yearly.reindex(list(YEARS))[COUNTS].T
year_counts["Change"] = year_counts[YEARS[-1]] / year_counts[YEARS[0]] - 1
year_counts.style.format("{:,.0f}", subset=list(YEARS)).format("{:+.0%}", subset=["Change"])

# %%
year_rates = yearly.reindex(list(YEARS))[RATES].T.astype(float)
year_rates["Change (points)"] = (year_rates[YEARS[-1]] - year_rates[YEARS[0]]) * 100
year_rates.style.format("{:.1%}", subset=list(YEARS), na_rep="–").format(
    "{:+.1f}", subset=["Change (points)"], na_rep="–"
)

# %%
with pipeline.connect(db) as con:
    sectors_by_year = con.execute(
        "select year, sector, participants from marts.sectors_by_year where series = ?", [SERIES]
    ).df()

# %%
by_sector_years = sectors_by_year[sectors_by_year["year"].isin(YEARS)].copy()
by_sector_years["year"] = by_sector_years["year"].astype(str)
by_sector_years["sector"] = by_sector_years["sector"].map(SECTOR_LABELS)
fig = px.bar(
    by_sector_years,
    x="sector",
    y="participants",
    color="year",
    barmode="group",
    category_orders={"sector": list(SECTOR_LABELS.values())},
    labels={"sector": "Sector", "participants": "Participants", "year": "Year"},
    title=f"Participants by sector, {YEARS[0]} vs {YEARS[-1]} — {SERIES}",
)
fig.show()
