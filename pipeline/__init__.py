"""Participation analytics for peer-learning webinar series.

Platform exports in (``data/raw/``), defined figures in a DuckDB file
(``data/processed/webinars.duckdb``), an offline HTML report out
(``reports/``). Analysts start from :func:`connect` and the mart functions.
"""

from __future__ import annotations

__version__ = "0.1.0"

from pipeline.api import (
    by_country,
    by_country_sector,
    by_language,
    by_region,
    by_sector,
    by_topic,
    connect,
    data_quality,
    frequency,
    growth,
    mart,
    monthly,
    reach,
    retention,
    speakers,
    summary,
    yearly,
)

__all__ = [
    "__version__",
    "by_country",
    "by_country_sector",
    "by_language",
    "by_region",
    "by_sector",
    "by_topic",
    "connect",
    "data_quality",
    "frequency",
    "growth",
    "mart",
    "monthly",
    "reach",
    "retention",
    "speakers",
    "summary",
    "yearly",
]
