"""Participation analytics for peer-learning webinar series.

Platform exports in (``data/raw/``), defined figures in a DuckDB file
(``data/processed/webinars.duckdb``), an offline HTML report out
(``reports/``). Analysts start from :func:`connect`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from pipeline.api import connect  # noqa: E402

__all__ = ["__version__", "connect"]
