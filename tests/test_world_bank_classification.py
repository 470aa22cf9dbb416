"""The World Bank country classification shipped as package data (FY2025, effective 2024-07-01)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from importlib import resources

import pycountry
import pytest

REGIONS = {
    "East Asia & Pacific",
    "Europe & Central Asia",
    "Latin America & Caribbean",
    "Middle East & North Africa",
    "North America",
    "South Asia",
    "Sub-Saharan Africa",
}
INCOME_GROUPS = {"Low income", "Lower middle income", "Upper middle income", "High income"}
# World Bank codes that are not ISO 3166-1 alpha-3: Kosovo and the Channel Islands.
NON_ISO_CODES = {"XKX", "CHI"}
# Economies the World Bank left unclassified by income in FY2025.
UNCLASSIFIED = {"VEN"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    text = (
        resources.files("pipeline")
        .joinpath("normalize", "data", "world_bank_classification.csv")
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def by_code(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["country_iso3"]: row for row in rows}


def test_columns(rows: list[dict[str, str]]) -> None:
    assert list(rows[0]) == ["country_iso3", "economy", "region", "income_group"]


def test_covers_every_classified_economy(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 215


def test_codes_are_unique(rows: list[dict[str, str]]) -> None:
    duplicates = [code for code, n in Counter(r["country_iso3"] for r in rows).items() if n > 1]
    assert duplicates == []


def test_codes_are_iso3_or_world_bank_specials(rows: list[dict[str, str]]) -> None:
    invalid = [
        r["country_iso3"]
        for r in rows
        if r["country_iso3"] not in NON_ISO_CODES
        and pycountry.countries.get(alpha_3=r["country_iso3"]) is None
    ]
    assert invalid == []


def test_every_row_names_its_economy(rows: list[dict[str, str]]) -> None:
    assert [r["country_iso3"] for r in rows if not r["economy"].strip()] == []


def test_regions_are_the_seven_world_bank_regions(rows: list[dict[str, str]]) -> None:
    assert {r["region"] for r in rows} == REGIONS


def test_income_groups_are_the_four_groups_or_empty_for_unclassified(
    rows: list[dict[str, str]],
) -> None:
    for r in rows:
        if r["country_iso3"] in UNCLASSIFIED:
            assert r["income_group"] == "", r
        else:
            assert r["income_group"] in INCOME_GROUPS, r
    assert {r["income_group"] for r in rows} == INCOME_GROUPS | {""}


@pytest.mark.parametrize(
    ("code", "income_group", "region"),
    [
        ("USA", "High income", "North America"),
        ("MEX", "Upper middle income", "Latin America & Caribbean"),
        ("KEN", "Lower middle income", "Sub-Saharan Africa"),
        ("IND", "Lower middle income", "South Asia"),
        ("AFG", "Low income", "South Asia"),
        ("FRA", "High income", "Europe & Central Asia"),
        ("EGY", "Lower middle income", "Middle East & North Africa"),
        ("IDN", "Upper middle income", "East Asia & Pacific"),
        ("TWN", "High income", "East Asia & Pacific"),
        ("XKX", "Upper middle income", "Europe & Central Asia"),
        ("CHI", "High income", "Europe & Central Asia"),
        ("VEN", "", "Latin America & Caribbean"),
    ],
)
def test_spot_checks(
    by_code: dict[str, dict[str, str]], code: str, income_group: str, region: str
) -> None:
    row = by_code[code]
    assert (row["income_group"], row["region"]) == (income_group, region)
