"""Rebuild staging, core and marts from the raw tables, all or nothing.

Each model is one ``.sql`` file under ``pipeline/sql/<layer>/`` holding a
single SELECT; its table is ``<layer>.<file stem>``. The runner reads which
other models a file mentions and runs them in dependency order, so adding a
model is adding a file. (dbt-duckdb was weighed: it would bring a project
layout, Jinja and a second CLI for what is ~40 models with no macros beyond
two; a runner of a few dozen lines keeps `pip install` small and errors local.)

Before the SQL runs, the distinct country and sector answers are resolved in
Python, once per distinct input, into lookup tables the models join on: the
resolvers are Python (pycountry, rapidfuzz), the figures are SQL.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from graphlib import TopologicalSorter
from importlib import resources
from pathlib import Path
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
from pipeline.webinar_links import Report, webinar_links

LAYERS = ("staging", "core", "marts", "audit")
_REFERENCE = re.compile(r"\b(staging|core|marts|audit)\.([a-z_][a-z0-9_]*)\b")


@dataclass(frozen=True, slots=True)
class Model:
    name: str  # '<layer>.<stem>'
    sql: str
    depends_on: frozenset[str]
    # Intermediate models only other models read ('-- materialized: temporary' in
    # the file) never reach the database file: writing them cost half of a large
    # transform. The others are kept once every model has been built.
    temporary: bool = False
    # A view ('-- materialized: view', always temporary) is never built at all:
    # its query runs inside each model reading it. For a cheap step over large
    # rows that several models read (a join to a small table), a copy of the
    # rows cost more than doing the step again in each reader.
    view: bool = False

    @property
    def relation(self) -> str:
        """What its scratch copy is in DuckDB: 'view' or 'table'."""
        return "view" if self.view else "table"

    def reads(self, models: dict[str, Model]) -> set[str]:
        """The models whose tables this one's query scans, through any views it reads."""
        tables: set[str] = set()
        for name in self.depends_on & models.keys():
            tables.add(name)
            if models[name].view:
                tables |= models[name].reads(models)
        return tables


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
            view = _VIEW.search(sql) is not None
            temporary = view or _TEMPORARY.search(sql) is not None
            models[name] = Model(name, sql, frozenset(refs - {name}), temporary, view)
    return models


_TEMPORARY = re.compile(r"^--\s*materialized:\s*temporary\b", re.MULTILINE)
_VIEW = re.compile(r"^--\s*materialized:\s*view\b", re.MULTILINE)


def scratch_table(name: str) -> str:
    """The temporary table a model (or lookup) is built in: 'core.persons' -> 'core__persons'."""
    return name.replace(".", "__")


def _bound(sql: str, built: Collection[str]) -> str:
    """``sql`` with references to the tables this transform builds pointed at its copies."""

    def table(match: re.Match[str]) -> str:
        name = match.group(0)
        return scratch_table(name) if name in built else name

    return _REFERENCE.sub(table, sql)


def model_order(models: dict[str, Model]) -> list[str]:
    """Dependency order that lets intermediate tables go as early as it can.

    References to tables that are not models (lookups) are inputs. Of the models
    ready to run, the next is the one that is the last reader of the most
    intermediate models (they are dropped once it is built), then the one
    reading the most of them: the large row tables are consumed while they are
    needed rather than kept in memory while the marts are built. A model
    reading a view reads the view's tables.
    """
    needs = {n: {d for d in m.depends_on if d in models} for n, m in models.items()}
    TopologicalSorter(needs).prepare()  # raises CycleError, naming the cycle
    scans = _scans(models)
    read_by: dict[str, set[str]] = {n: set() for n in models}
    for name, tables in scans.items():
        for table in tables:
            read_by[table].add(name)
    unread = {n: len(r) for n, r in read_by.items()}  # readers not built yet
    dependents = {n: {r for r, d in needs.items() if n in d} for n in models}
    waiting = {n: set(d) for n, d in needs.items()}
    ready = {n for n, d in waiting.items() if not d}
    order: list[str] = []

    def priority(name: str) -> tuple[bool, int, int, str]:
        intermediates = [t for t in scans[name] if models[t].temporary and not models[t].view]
        frees = sum(1 for t in intermediates if unread[t] == 1)
        return (not models[name].temporary, -frees, -len(intermediates), name)

    while ready:
        name = min(ready, key=priority)
        ready.remove(name)
        order.append(name)
        for table in scans[name]:
            unread[table] -= 1
        for reader in dependents[name]:
            waiting[reader].discard(name)
            if not waiting[reader]:
                ready.add(reader)
    return order


def _scans(models: dict[str, Model]) -> dict[str, set[str]]:
    """What building each model reads: nothing for a view, whose readers read its tables."""
    return {n: set() if m.view else m.reads(models) for n, m in models.items()}


def as_of_cutoff(as_of: date | None, zone: str) -> datetime | None:
    """End of the as-of day in the series' zone, as naive UTC."""
    if as_of is None:
        return None
    local_end = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=ZoneInfo(zone))
    return local_end.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def fingerprint(con: duckdb.DuckDBPyConnection, *parts: object) -> str:
    """What the figures depend on: the active files, the settings given, the pipeline's code."""
    from pipeline import __version__

    files = con.execute(
        "select list(file_id order by file_id) from "
        "(select distinct file_id from audit.active_reports)"
    ).fetchone()[0]
    text = repr((files, __version__, code_digest(), *parts))
    return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def code_digest() -> str:
    """A digest of the installed package's files: its SQL, Python, templates and data.

    With the version alone, an upgrade that changed a figure without a new
    version number left the old figures in place until new exports arrived
    (`run` finds nothing new and rebuilds nothing). Hashing the ~120 files
    takes a few hundredths of a second.
    """
    return files_digest(Path(__file__).parent)


def files_digest(root: Path) -> str:
    """Every file under ``root`` (names and bytes), compiled Python left out."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


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
    """Rebuild every model; all or nothing. Returns the models run, in order.

    Every model is built in a temporary table first, outside any transaction,
    and an intermediate one is dropped as soon as the last model reading it is
    built; then one transaction replaces the kept tables with their new copies.
    (DuckDB frees a dropped table's memory only when its transaction ends:
    built in one transaction, the intermediates of a 100x series, 1.8 GB, all
    stayed to the end and spilled to disk past the memory cap.) A transform
    that fails or is killed before that last step leaves the database as it was.
    """
    models = load_models()
    order = model_order(models)
    built = frozenset(models) | _LOOKUPS
    zone = current_timezone(con)
    disabled = con.execute("select current_setting('disabled_optimizers')").fetchone()[0]
    _disable_optimizers(con)
    try:
        _macros(con)
        con.execute(
            f"create or replace temporary table {scratch_table('staging.params')} as "
            "select ?::timestamp as as_of_at, ?::date as as_of_date, ?::varchar as timezone",
            [as_of_cutoff(as_of, zone), as_of, zone],
        )
        early = [name for name in order if name in _BEFORE_LOOKUPS]
        for name in early:
            _build(con, name, models, built, on_model)
        _lookups(con, built)
        last_read_by = _last_readers(models, order)
        for name in order:
            if name not in early:
                _build(con, name, models, built, on_model)
            for finished in last_read_by.get(name, ()):
                con.execute(f"drop {models[finished].relation} {scratch_table(finished)}")
        _keep(con, models, built)
    finally:
        for name in [*built, "staging_world_bank_csv"]:
            relation = models[name].relation if name in models else "table"
            with contextlib.suppress(duckdb.Error):
                con.execute(f"drop {relation} if exists temp.main.{scratch_table(name)}")
        con.execute("set disabled_optimizers = ?", [disabled])
    return order


# Tables the transform builds besides the models, kept with them: the run's
# settings and what the Python resolvers decided (see _lookups).
_LOOKUPS = frozenset(
    {
        "staging.params",
        "staging.webinar_links",
        "staging.country_lookup",
        "staging.country_names",
        "staging.sector_parts",
    }
)


def _last_readers(models: dict[str, Model], order: Sequence[str]) -> dict[str, list[str]]:
    """For each model, the intermediate models nothing built after it reads."""
    scans = _scans(models)
    last: dict[str, str] = {}
    for name in order:  # a later reader overwrites an earlier one
        for table in scans[name]:
            if models[table].temporary:
                last[table] = name
    readers: dict[str, list[str]] = {}
    for dependency, reader in last.items():
        readers.setdefault(reader, []).append(dependency)
    return readers


# Tables earlier versions kept in the file that no model builds any more: one
# row per combination of the four sector fields; every source row keyed to its
# person (now the views core.registration_people, core.session_people and
# core.catalogue_people);
# each person's country and sector (now found with the people, core.persons).
_RETIRED = ("staging.sector_lookup", "core.person_rows", "core.person_traits")


def _keep(con: duckdb.DuckDBPyConnection, models: dict[str, Model], built: Collection[str]) -> None:
    """Replace the kept tables with their new copies, in one transaction."""
    kept = sorted(name for name in built if name not in models or not models[name].temporary)
    con.execute("begin")
    try:
        for name in kept:
            con.execute(f"create or replace table {name} as select * from {scratch_table(name)}")
        for name in sorted(set(models) - set(kept)):
            # an earlier version kept intermediate models in the file: drop those copies
            con.execute(f"drop table if exists {name}")
        for name in _RETIRED:
            con.execute(f"drop table if exists {name}")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


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
    built: Collection[str],
    on_model: Callable[[str], None] | None,
) -> None:
    if on_model:
        on_model(name)
    model = models[name]
    sql = _bound(model.sql, built)
    try:
        con.execute(f"create or replace temporary {model.relation} {scratch_table(name)} as\n{sql}")
    except duckdb.Error as exc:
        raise RuntimeError(f"model {name} failed: {exc}") from exc


def _macros(con: duckdb.DuckDBPyConnection) -> None:
    # One script: DuckDB splits its statements itself, ';' inside strings and comments too.
    con.execute(resources.files("pipeline").joinpath("sql", "macros.sql").read_text("utf-8"))


# ---------------------------------------------------------------- lookups


def _overrides(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, str | None]:
    rows = con.execute(
        "select o.answer, o.value from raw.overrides o join audit.active_reports a "
        "on a.file_id = o.file_id where o.kind = ? order by o.file_id, o.line_number",
        [kind],
    ).fetchall()
    return {fold(answer): value for answer, value in rows}


def _webinar_links(con: duckdb.DuckDBPyConnection) -> None:
    """``staging.webinar_links``: reports without a platform ID linked to their webinar."""
    reports = con.execute(
        """
        select distinct w.webinar_key, w.platform, w.platform_webinar_id, w.title, w.start_at
        from raw.webinars w
        join audit.active_reports a on a.file_id = w.file_id and a.webinar_key = w.webinar_key
        """
    ).fetchall()
    links = webinar_links(Report(*row) for row in reports)
    _create_table(
        con,
        scratch_table("staging.webinar_links"),
        [
            ("from_webinar_id", "varchar"),
            ("to_webinar_id", "varchar"),
            ("platform_webinar_id", "varchar"),
        ],
        [(k.from_webinar_id, k.to_webinar_id, k.platform_webinar_id) for k in links],
    )


def _lookups(con: duckdb.DuckDBPyConnection, built: Collection[str]) -> None:
    """Resolve each distinct answer once (overrides win over every rule); link webinars."""
    _webinar_links(con)
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
        scratch_table("staging.country_lookup"),
        [("answer", "varchar"), ("country_iso3", "varchar"), ("resolved_by", "varchar")],
        rows,
    )
    iso3 = sorted({r[1] for r in rows if r[1]})
    _create_table(
        con,
        scratch_table("staging.country_names"),
        [("country_iso3", "varchar"), ("country_name", "varchar")],
        [(c, country_name(c)) for c in iso3],
    )

    _create_table(
        con,
        scratch_table("staging.sector_parts"),
        [
            ("field", "varchar"),
            ("value", "varchar"),
            ("sector", "varchar"),
            ("overridden", "boolean"),
            ("answered", "boolean"),
        ],
        _sector_parts(con, built, _overrides(con, "sector")),
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
    )


def _create_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[object]],
) -> None:
    """Create temporary table ``name`` (columns as (name, SQL type)) holding ``rows``.

    One list parameter per column, unnested side by side: the lookups are a few
    thousand rows, and building them as pandas frames made ``transform``
    import pandas (1.2 s) for nothing else.
    """
    values = [list(v) for v in zip(*rows, strict=True)] if rows else [[] for _ in columns]
    select = ", ".join(f"unnest(?::{sql_type}[]) as {column}" for column, sql_type in columns)
    con.execute(f"create or replace temporary table {name} as select {select}", values)


def _sector_parts(
    con: duckdb.DuckDBPyConnection, built: Collection[str], overrides: dict[str, str | None]
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
            built,
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
