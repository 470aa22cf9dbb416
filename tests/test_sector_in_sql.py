"""The transform gives every registrant the sector ``resolve_sector`` gives their answers.

The transform resolves each distinct answer, organisation, e-mail domain and
job title alone (``staging.sector_parts``) and combines them in SQL
(``staging.sector_of`` in macros.sql), because a large series has hundreds of
thousands of combinations of a few thousand texts. These tests pin that
combination to the Python resolver and to the overrides, for every
combination of fields that name a sector, name none, are placeholders, or were
decided by staff.
"""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from pipeline.adapters.base import REGISTRATION, ParsedFile, RegistrationRecord, WebinarRecord
from pipeline.ingest import _load_overrides, load_parsed
from pipeline.normalize import resolve_sector
from pipeline.normalize.text import fold
from pipeline.readers.table import SourceTable
from pipeline.transform import transform
from pipeline.warehouse import open_db

ANSWERS = (None, "Gobierno local", "Other", "N/A", "Retired", "Mexico", "Cooperativa de base")
ORGANIZATIONS = (None, "Universidad de Chile", "Acme", "n/a", "Cooperativa de base", "Banco X")
DOMAINS = ("gmail.com", "hacienda.gob.mx", "un.org", "example.com")
TITLES = (None, "Periodista", "Manager")
# kind,answer,value as staff write them; an empty value is "definitely unknown"
OVERRIDES = "kind,answer,value\nsector,cooperativa de base,civil_society\nsector,Banco X,\n"
DECIDED = {"cooperativa de base": "civil_society", "banco x": None}


def expected(answer: str | None, organization: str | None, email: str, title: str | None) -> str:
    """An override of the answer, else of the organisation, wins over every rule."""
    for text in (answer, organization):
        if text is not None and fold(text) in DECIDED:
            return DECIDED[fold(text)] or "unknown"
    return resolve_sector(answer, organization, email, title)


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """Every combination of fields, one registrant each: expected and computed sectors."""
    combos = list(itertools.product(ANSWERS, ORGANIZATIONS, DOMAINS, TITLES))
    key = "zoom:81234567890:2024-03-05"
    registrations = []
    want = {}
    for line, (answer, organization, domain, title) in enumerate(combos, start=2):
        email = f"person{line}@{domain}"
        registrations.append(
            RegistrationRecord(
                line,
                key,
                email,
                name=f"Person {line}",
                sector=answer,
                organization=organization,
                job_title=title,
            )
        )
        want[email] = expected(answer, organization, email, title)
    parsed = ParsedFile(
        "test",
        "zoom",
        REGISTRATION,
        "test",
        [WebinarRecord(key, "zoom", "81234567890", "Open data", datetime(2024, 3, 5, 15))],
        registrations=registrations,
        data_rows=len(registrations),
    )
    folder = tmp_path_factory.mktemp("sectors")
    con = open_db(folder / "w.duckdb")
    export, overrides = folder / "registrations.csv", folder / "overrides.csv"
    export.write_text("(parsed above)", encoding="utf-8")
    overrides.write_text(OVERRIDES, encoding="utf-8")
    load_parsed(con, export, "digest", SourceTable(export.name, [], "utf-8", ",", "text"), parsed)
    _load_overrides(con, overrides, OVERRIDES.encode(), "overrides-digest")
    transform(con)
    got = dict(
        con.execute(
            "select e.email, p.sector from core.persons p "
            "join (select unnest(?::varchar[]) as email) e "
            "on p.person_id = md5('email:' || e.email)[:16]",
            [list(want)],
        ).fetchall()
    )
    con.close()
    return want, got


def test_every_registrant_is_placed_as_the_python_resolver_places_them(people):
    want, got = people
    assert got.keys() == want.keys()
    wrong = {email: (got[email], want[email]) for email in want if got[email] != want[email]}
    assert wrong == {}


def test_the_combinations_cover_every_way_a_sector_is_decided(people):
    """Otherwise the test above could pass with one rule never exercised."""
    want, _ = people
    assert set(want.values()) >= {
        "government",  # answer, and a .gob.mx domain
        "academia",  # organisation
        "international_organization",  # un.org
        "media",  # job title
        "civil_society",  # override
        "other",  # an answer that fits no sector
        "unknown",  # nothing usable, or an empty override
    }
