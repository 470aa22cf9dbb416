"""The e-mail identity key (DEFINITIONS.md, "Person"), written twice: in SQL for the
figures (pipeline/sql/macros.sql) and in Python for the adapters' own matching
(pipeline/normalize/text.py). The two must agree on every address."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.text import normalize_email

MACROS = Path(__file__).parents[1] / "pipeline" / "sql" / "macros.sql"

CASES = {
    "Ana.Perez@Hacienda.gob.MX ": "ana.perez@hacienda.gob.mx",
    "mailto:<juan@minhacienda.gov.co>": "juan@minhacienda.gov.co",
    "\tMAILTO: pat@think.org": "pat@think.org",
    "no-at-sign.example.org": None,
    "two@at@signs.org": None,
    "nodot@localhost": None,
    # Names RFC 2606 reserves hold no mailbox: Webex's guest stand-ins and test data.
    "44ec4568-b9a0-4653-acd2-4569aaaa0001@guest.webex.localhost": None,
    "someone@example.invalid": None,
    "real@localhost.org": "real@localhost.org",
    # Pasted from a mail client, a web page or a document: the address alone.
    "Ana Pérez <Ana.Perez@gob.mx>": "ana.perez@gob.mx",
    '"ana.perez@gob.mx".': "ana.perez@gob.mx",
    "(ana.perez@gob.mx);": "ana.perez@gob.mx",
    "ana.perez@gob.mx\u00a0": "ana.perez@gob.mx",
    "ana.perez\u200b@gob.mx": "ana.perez@gob.mx",
    "ana.perez@gob.mx.": "ana.perez@gob.mx",
    # Two addresses are not one: no key, rather than the wrong person.
    "ana@gob.mx; ana@gmail.com": None,
    "Ana <ana@gob.mx>, Bob <bob@x.org>": None,
    "ana@gob.mx <bob@x.org>": None,
}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema staging")
    con.execute(MACROS.read_text(encoding="utf-8"))
    return con


@pytest.mark.parametrize(("text", "key"), CASES.items())
def test_python_and_sql_give_an_address_the_same_key(con, text, key) -> None:
    assert normalize_email(text) == key
    assert con.execute("select staging.clean_email(?)", [text]).fetchone()[0] == key


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "aB9._-+@<> :\t\n\r\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff\"'()[]{},;MAILTOmailto"
            )
        ),
        max_size=30,
    )
)
def test_any_text_of_address_characters_gets_the_same_key_in_python_and_sql(con, text) -> None:
    assert (
        normalize_email(text) == con.execute("select staging.clean_email(?)", [text]).fetchone()[0]
    )
