"""The analysts' entry point: the warehouse as DuckDB connections and DataFrames.

Every function reads one mart (the figures are computed once, in SQL) and
renames its columns for reading; ``connect()`` gives the raw tables. ::

    import pipeline
    pipeline.summary()                 # one row per series
    pipeline.reach().head()            # per-webinar reach
    pipeline.by_country(db="data/demo/webinars.duckdb")
    con = pipeline.connect(); con.sql("select * from marts.monthly").df()
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # pandas is imported by DuckDB's .df() when a frame is asked for
    import pandas as pd

from pipeline.warehouse import DEFAULT_DB, open_db

ENV_DB = "WEBINAR_PIPELINE_DB"

# mart -> {column: readable label}; columns not listed keep their names.
LABELS: dict[str, dict[str, str]] = {
    "series_summary": {
        "series": "Series",
        "webinars": "Webinars",
        "participants": "Participants",
        "registered_only": "Registered, never attended",
        "countries": "Countries",
        "speakers": "Speakers",
        "first_webinar_at": "First webinar (UTC)",
        "last_webinar_at": "Last webinar (UTC)",
    },
    "webinar_reach": {
        "webinar_id": "Webinar ID",
        "series": "Series",
        "title": "Title",
        "start_at": "Start (UTC)",
        "language": "Language",
        "platform": "Platform",
        "registrants": "Registrants",
        "attendees": "Attendees",
        "registered_attendees": "Registered attendees",
        "walk_ins": "Walk-ins",
        "attendance_rate": "Attendance rate",
        "avg_minutes": "Average minutes",
        "countries": "Countries",
        "new_attendees": "New attendees",
        "returning_attendees": "Returning attendees",
    },
    "participants_by_country": {
        "series": "Series",
        "country_iso3": "ISO3",
        "country_name": "Country",
        "participants": "Participants",
    },
    "participants_by_sector": {
        "series": "Series",
        "sector": "Sector",
        "participants": "Participants",
    },
    "participants_by_country_sector": {
        "series": "Series",
        "country_iso3": "ISO3",
        "country_name": "Country",
        "sector": "Sector",
        "participants": "Participants",
    },
    "participants_by_region": {
        "series": "Series",
        "region": "Region",
        "income_group": "Income group",
        "participants": "Participants",
        "countries": "Countries",
    },
    "series_growth": {
        "series": "Series",
        "webinar_id": "Webinar ID",
        "start_at": "Start (UTC)",
        "attendees": "Attendees",
        "cumulative_participants": "Cumulative participants",
        "cumulative_countries": "Cumulative countries",
        "cumulative_webinars": "Cumulative webinars",
    },
    "attendance_frequency": {
        "series": "Series",
        "webinars_attended": "Webinars attended",
        "participants": "Participants",
        "share": "Share",
    },
    "cohort_retention": {
        "series": "Series",
        "cohort_month": "Cohort month",
        "cohort_size": "Cohort size",
        "return_rate_3m": "Returned within 3 months",
        "return_rate_6m": "Returned within 6 months",
        "return_rate_12m": "Returned within 12 months",
    },
    "monthly": {
        "series": "Series",
        "month": "Month",
        "webinars": "Webinars",
        "attendances": "Attendances",
        "attendees": "Attendees",
        "new_participants": "New participants",
        "countries": "Countries",
        "cumulative_participants": "Cumulative participants",
    },
    "yearly": {
        "series": "Series",
        "year": "Year",
        "webinars": "Webinars",
        "attendances": "Attendances",
        "avg_attendees": "Average attendees per webinar",
        "participants": "Participants",
        "new_participants": "New participants",
        "return_rate_3m": "Return rate within 3 months",
        "return_rate_6m": "Return rate within 6 months",
        "return_rate_12m": "Return rate within 12 months",
    },
    "by_language": {
        "series": "Series",
        "language": "Language",
        "webinars": "Webinars",
        "attendances": "Attendances",
        "avg_attendees": "Average attendees",
        "participants": "Participants",
        "registrations": "Registrations",
    },
    "by_topic": {
        "series": "Series",
        "topic": "Topic",
        "webinars": "Webinars",
        "attendances": "Attendances",
        "avg_attendees": "Average attendees",
        "participants": "Participants",
        "registrations": "Registrations",
    },
    "speakers": {
        "series": "Series",
        "speaker_id": "Speaker ID",
        "appearances": "Appearances",
        "organization": "Organisation",
        "sector": "Sector",
        "country_name": "Country",
        "total_attendees": "Total attendees",
        "distinct_audience": "Distinct audience",
    },
    "data_quality_webinars": {},
    "data_quality_files": {},
}


def default_db() -> Path:
    """The database analysts mean by default: $WEBINAR_PIPELINE_DB, else the staff's one."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


def connect(db: str | Path | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse (read-only by default, so a notebook never writes)."""
    return open_db(Path(db) if db is not None else default_db(), read_only=read_only)


def mart(
    name: str, db: str | Path | None = None, *, readable: bool = True, series: str | None = None
) -> pd.DataFrame:
    """A mart as a DataFrame, optionally for one series, with readable column names."""
    if name not in LABELS:
        raise KeyError(f"unknown mart {name!r}; marts: {', '.join(sorted(LABELS))}")
    with connect(db) as con:
        sql = f"select * from marts.{name}"
        frame = (
            con.execute(sql + " where series = ?", [series]) if series else con.execute(sql)
        ).df()
    return frame.rename(columns=LABELS[name]) if readable else frame


def summary(db: str | Path | None = None) -> pd.DataFrame:
    """Headline figures, one row per series (``marts.series_summary``)."""
    return mart("series_summary", db)


def reach(db: str | Path | None = None) -> pd.DataFrame:
    """Per-webinar reach (``marts.webinar_reach``)."""
    return mart("webinar_reach", db)


def growth(db: str | Path | None = None) -> pd.DataFrame:
    """Cumulative participants, countries and webinars (``marts.series_growth``)."""
    return mart("series_growth", db)


def by_country(db: str | Path | None = None) -> pd.DataFrame:
    """Participants per country; ISO3 empty = unknown (``marts.participants_by_country``)."""
    return mart("participants_by_country", db)


def by_sector(db: str | Path | None = None) -> pd.DataFrame:
    """Participants per sector (``marts.participants_by_sector``)."""
    return mart("participants_by_sector", db)


def by_country_sector(db: str | Path | None = None) -> pd.DataFrame:
    """Participants per country and sector (``marts.participants_by_country_sector``)."""
    return mart("participants_by_country_sector", db)


def by_region(db: str | Path | None = None) -> pd.DataFrame:
    """Participants per World Bank region and income group (``marts.participants_by_region``)."""
    return mart("participants_by_region", db)


def frequency(db: str | Path | None = None) -> pd.DataFrame:
    """How many webinars participants attended (``marts.attendance_frequency``)."""
    return mart("attendance_frequency", db)


def retention(db: str | Path | None = None) -> pd.DataFrame:
    """Cohort return rates at 3, 6 and 12 months (``marts.cohort_retention``)."""
    return mart("cohort_retention", db)


def monthly(db: str | Path | None = None) -> pd.DataFrame:
    """Monthly figures with previous month and year-ago columns (``marts.monthly``)."""
    return mart("monthly", db)


def yearly(db: str | Path | None = None) -> pd.DataFrame:
    """Figures per calendar year, with the year's cohort return rates (``marts.yearly``)."""
    return mart("yearly", db)


def by_language(db: str | Path | None = None) -> pd.DataFrame:
    """Reach per webinar language (``marts.by_language``)."""
    return mart("by_language", db)


def by_topic(db: str | Path | None = None) -> pd.DataFrame:
    """Reach per topic (``marts.by_topic``)."""
    return mart("by_topic", db)


def speakers(db: str | Path | None = None) -> pd.DataFrame:
    """Speakers: appearances, organisation, sector, country, audience (``marts.speakers``)."""
    return mart("speakers", db)


def data_quality(db: str | Path | None = None) -> pd.DataFrame:
    """Per-webinar data quality (``marts.data_quality_webinars``)."""
    return mart("data_quality_webinars", db)
