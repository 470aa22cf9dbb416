"""Rebuild staging, core and marts from the raw tables, in one transaction.

Each model is one ``.sql`` file under ``pipeline/sql/<layer>/`` holding a
single SELECT; its table is ``<layer>.<file stem>``. The runner reads which
other models a file mentions and runs them in dependency order, so adding a
model is adding a file. (dbt-duckdb was weighed: it would bring a project
layout, Jinja and a second CLI for what is ~30 models with no macros beyond
two; a 60-line runner keeps `pip install` small and errors local.)

Before the SQL runs, the distinct country and sector answers are resolved in
Python, once per distinct input, into lookup tables the models join on: the
resolvers are Python (pycountry, rapidfuzz), the figures are SQL.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from graphlib import TopologicalSorter
from importlib import resources
from zoneinfo import ZoneInfo

import duckdb

from pipeline.ingest import current_timezone
from pipeline.normalize import country_name, resolve_country
from pipeline.normalize.sector import (
    answer_sector,
    domain_sector,
    organization_sector,
    title_sector,
)
from pipeline.normalize.text import fold

LAYERS = ("staging", "core", "marts", "audit")
_REFERENCE = re.compile(r"\b(staging|core|marts|audit)\.([a-z_][a-z0-9_]*)\b")


@dataclass(frozen=True, slots=True)
class Model:
    name: str  # '<layer>.<stem>'
    sql: str
    depends_on: frozenset[str]
    # Intermediate models only other models read ('-- materialized: temporary' in
    # the file) are built as temporary tables: in memory, spilled when large, never
    # written to the database file. Writing them cost half of a large transform.
    temporary: bool = False

    @property
    def table(self) -> str:
        """Where the model's rows live: its own name, or a temporary table."""
        return self.name.replace(".", "__") if self.temporary else self.name


def load_models() -> dict[str, Model]:
    root = resources.files("pipeline").joinpath("sql")
    models: dict[str, Model] = {}
    for layer in LAYERS:
        folder = root.joinpath(layer)
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            if not f.name.endswith(".sql"):
                continue
            name = f"{layer}.{f.name[:-4]}"
            sql = f.read_text(encoding="utf-8")
            code = re.sub(r"--[^\n]*", "", sql)
            refs = {f"{m.group(1)}.{m.group(2)}" for m in _REFERENCE.finditer(code)}
            temporary = _TEMPORARY.search(sql) is not None
            models[name] = Model(name, sql, frozenset(refs - {name}), temporary)
    return models


_TEMPORARY = re.compile(r"^--\s*materialized:\s*temporary\b", re.MULTILINE)


def _bound(sql: str, models: dict[str, Model]) -> str:
    """``sql`` with references to temporary models pointed at their temporary tables."""

    def table(match: re.Match[str]) -> str:
        model = models.get(match.group(0))
        return model.table if model else match.group(0)

    return _REFERENCE.sub(table, sql)


def model_order(models: dict[str, Model]) -> list[str]:
    """Dependency order; references to tables that are not models (lookups) are inputs."""
    graph = {n: {d for d in m.depends_on if d in models} for n, m in models.items()}
    return list(TopologicalSorter(graph).static_order())


def as_of_cutoff(as_of: date | None, zone: str) -> datetime | None:
    """End of the as-of day in the series' zone, as naive UTC."""
    if as_of is None:
        return None
    local_end = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=ZoneInfo(zone))
    return local_end.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def fingerprint(con: duckdb.DuckDBPyConnection, *parts: object) -> str:
    """What the figures depend on: the active files, the settings given, the pipeline version."""
    import hashlib

    from pipeline import __version__

    files = con.execute(
        "select list(file_id order by file_id) from "
        "(select distinct file_id from audit.active_reports)"
    ).fetchone()[0]
    text = repr((files, __version__, *parts))
    return hashlib.sha256(text.encode()).hexdigest()


def is_up_to_date(con: duckdb.DuckDBPyConnection, state: str) -> bool:
    row = con.execute("select fingerprint from audit.last_build").fetchone()
    return row is not None and row[0] == state


def mark_built(con: duckdb.DuckDBPyConnection, state: str) -> None:
    con.execute("delete from audit.last_build")
    con.execute("insert into audit.last_build values (?, now()::timestamp)", [state])


def transform(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date | None = None,
    on_model: Callable[[str], None] | None = None,
) -> list[str]:
    """Rebuild every model; all or nothing. Returns the models run, in order."""
    models = load_models()
    order = model_order(models)
    zone = current_timezone(con)
    disabled = con.execute("select current_setting('disabled_optimizers')").fetchone()[0]
    _disable_optimizers(con)
    con.execute("begin")
    try:
        con.execute(
            "create or replace table staging.params as "
            "select ?::timestamp as as_of_at, ?::date as as_of_date, ?::varchar as timezone",
            [as_of_cutoff(as_of, zone), as_of, zone],
        )
        _macros(con)
        early = [name for name in order if name in _BEFORE_LOOKUPS]
        for name in early:
            _build(con, name, models, on_model)
        _lookups(con, models)
        for name in order:
            if name not in early:
                _build(con, name, models, on_model)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.execute("set disabled_optimizers = ?", [disabled])
    return order


# DuckDB 2.0 pre-aggregates both sides of a join when a GROUP BY follows it. The
# models join registration and session rows to their person one to one, so
# that doubles the work: at 100x it made core.registrations and the models of
# each person's country and sector take 4-6 s each instead of 1.5-3 s (the
# whole transform 64 s -> 50 s, side by side). The figures are the same either way.
_DISABLED_OPTIMIZERS = "partial_aggregate_pushdown"


def _disable_optimizers(con: duckdb.DuckDBPyConnection) -> None:
    """Turn off ``_DISABLED_OPTIMIZERS``; a DuckDB too old to have them needs nothing."""
    with contextlib.suppress(duckdb.Error):
        con.execute(f"set disabled_optimizers = '{_DISABLED_OPTIMIZERS}'")


# Models the Python lookups read, built before them (they read raw tables only).
_BEFORE_LOOKUPS = frozenset({"staging.email_keys"})


def _build(
    con: duckdb.DuckDBPyConnection,
    name: str,
    models: dict[str, Model],
    on_model: Callable[[str], None] | None,
) -> None:
    if on_model:
        on_model(name)
    model = models[name]
    kind = "temporary table" if model.temporary else "table"
    try:
        if model.temporary:
            # An earlier version kept it in the file: drop that stale copy.
            con.execute(f"drop table if exists {name}")
        con.execute(f"create or replace {kind} {model.table} as\n{_bound(model.sql, models)}")
    except duckdb.Error as exc:
        raise RuntimeError(f"model {name} failed: {exc}") from exc


def _macros(con: duckdb.DuckDBPyConnection) -> None:
    sql = resources.files("pipeline").joinpath("sql", "macros.sql").read_text(encoding="utf-8")
    code = re.sub(r"--[^\n]*", "", sql)  # comments may hold ';' (no '--' inside strings here)
    for statement in (s.strip() for s in code.split(";")):
        if statement:
            con.execute(statement)


# ---------------------------------------------------------------- lookups


def _overrides(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, str | None]:
    rows = con.execute(
        "select o.answer, o.value from raw.overrides o join audit.active_reports a "
        "on a.file_id = o.file_id where o.kind = ? order by o.file_id, o.line_number",
        [kind],
    ).fetchall()
    return {fold(answer): value for answer, value in rows}


def _lookups(con: duckdb.DuckDBPyConnection, models: dict[str, Model]) -> None:
    """Resolve each distinct answer once; overrides win over every rule."""
    country_over = _overrides(con, "country")
    answers = [
        r[0]
        for r in con.execute(
            """
        select distinct country from raw.registrations where country is not null
        union select distinct country from raw.sessions where country is not null
        union select distinct country from raw.catalogue_speakers where country is not null
        """
        ).fetchall()
    ]
    rows = []
    for answer in answers:
        key = fold(answer)
        if key in country_over:
            rows.append((answer, country_over[key], "override"))
        else:
            rows.append((answer, resolve_country(answer), "resolver"))
    _create_table(
        con,
        "staging.country_lookup",
        [("answer", "varchar"), ("country_iso3", "varchar"), ("resolved_by", "varchar")],
        rows,
    )
    iso3 = sorted({r[1] for r in rows if r[1]})
    _create_table(
        con,
        "staging.country_names",
        [("country_iso3", "varchar"), ("country_name", "varchar")],
        [(c, country_name(c)) for c in iso3],
    )

    # Earlier builds kept one row per combination of the four fields instead.
    con.execute("drop table if exists staging.sector_lookup")
    _create_table(
        con,
        "staging.sector_parts",
        [
            ("field", "varchar"),
            ("value", "varchar"),
            ("sector", "varchar"),
            ("overridden", "boolean"),
            ("answered", "boolean"),
        ],
        _sector_parts(con, models, _overrides(con, "sector")),
    )

    classification = resources.files("pipeline").joinpath(
        "normalize", "data", "world_bank_classification.csv"
    )
    with classification.open(encoding="utf-8", newline="") as handle:
        world_bank = list(csv.reader(handle))
    _create_table(
        con,
        "staging_world_bank_csv",
        [(column, "varchar") for column in world_bank[0]],
        world_bank[1:],
        kind="temporary table",  # the source of a model, not one of the database's tables
    )


def _create_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[object]],
    kind: str = "table",
) -> None:
    """Create table ``name`` (columns as (name, SQL type)) holding ``rows``.

    One list parameter per column, unnested side by side: the lookups are a few
    thousand rows, and building them as pandas frames made ``transform``
    import pandas (1.2 s) for nothing else.
    """
    values = [list(v) for v in zip(*rows, strict=True)] if rows else [[] for _ in columns]
    select = ", ".join(f"unnest(?::{sql_type}[]) as {column}" for column, sql_type in columns)
    con.execute(f"create or replace {kind} {name} as select {select}", values)


def _sector_parts(
    con: duckdb.DuckDBPyConnection, models: dict[str, Model], overrides: dict[str, str | None]
) -> list[tuple[str, str, str | None, bool, bool]]:
    """What each distinct answer, organisation, e-mail domain and job title says alone.

    One row per (field, value): the sector that field names (None: nothing),
    whether staff overrode it (an override of the answer, else of the
    organisation, decides the sector whatever the rest says), and whether an
    answer is an answer at all (see ``answer_sector``). The models combine the
    fields with ``staging.sector_of`` (macros.sql).
    """
    inputs = con.execute(
        _bound(
            """
        select 'answer', sector from raw.registrations where sector is not null
        union select 'answer', sector from raw.catalogue_speakers where sector is not null
        union select 'organization', organization from raw.registrations
              where organization is not null
        union select 'organization', organization from raw.catalogue_speakers
              where organization is not null
        union select 'title', job_title from raw.registrations where job_title is not null
        union select 'domain', email_domain from staging.email_keys where email_domain is not null
        """,
            models,
        )
    ).fetchall()
    rows = []
    for field, value in inputs:
        overridden = field in ("answer", "organization") and fold(value) in overrides
        answered = False
        if overridden:
            sector = overrides[fold(value)] or "unknown"
        elif field == "answer":
            sector, answered = answer_sector(value)
        else:
            sector = _SECTOR_OF[field](value)
        rows.append((field, value, sector, overridden, answered))
    return rows


_SECTOR_OF: dict[str, Callable[[str], str | None]] = {
    "organization": organization_sector,
    "domain": domain_sector,
    "title": title_sector,
}
