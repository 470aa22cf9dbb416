"""The model runner: dependency order, temporary intermediates, what stays in the file."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from pipeline.transform import Model, _bound, _last_readers, load_models, model_order
from tests.conftest import query
from tests.test_end_to_end import ALL

# Read outside the transform: by the report, status, notebooks or analysts.
KEPT = {
    "core.webinars",
    "core.attendees",
    "core.persons",
    "core.speakers",
    "staging.params",
    "staging.country_names",
    "staging.world_bank_classification",
}


def test_models_run_after_every_model_they_read():
    models = load_models()
    order = model_order(models)
    position = {name: i for i, name in enumerate(order)}
    for name, model in models.items():
        for dependency in model.depends_on & models.keys():
            assert position[dependency] < position[name], (dependency, name)


def test_intermediate_models_are_temporary_and_nothing_read_outside_is():
    models = load_models()
    temporary = {name for name, m in models.items() if m.temporary}
    assert {"staging.registrations", "core.name_links", "staging.email_keys"} <= temporary
    assert {"core.registration_people", "core.session_people"} <= temporary
    assert not temporary & KEPT
    assert not any(name.startswith(("marts.", "audit.")) for name in temporary)


def _model(name: str, *reads: str, temporary: bool = True, view: bool = False) -> Model:
    return Model(name, "select 1", frozenset(reads), temporary, view)


def test_a_table_a_view_reads_is_let_go_only_after_the_views_last_reader():
    """A view is run inside each model reading it, so they all read its tables."""
    models = {
        m.name: m
        for m in [
            _model("staging.rows"),
            _model("core.links", "staging.rows"),
            _model("core.row_people", "staging.rows", "core.links", view=True),
            _model("core.early", "staging.rows"),
            _model("core.per_person", "core.row_people"),
            _model("marts.figures", "core.per_person", temporary=False),
            _model("marts.rows_seen", "core.row_people", temporary=False),
        ]
    }
    order = model_order(models)
    dropped_after = {t: reader for reader, ts in _last_readers(models, order).items() for t in ts}
    position = {name: i for i, name in enumerate(order)}
    for table in ("staging.rows", "core.links", "core.row_people"):
        assert position[dropped_after[table]] >= position["core.per_person"], table
        assert position[dropped_after[table]] >= position["marts.rows_seen"], table
    assert "marts.figures" not in dropped_after


def test_references_to_what_the_transform_builds_point_at_its_copies_being_built():
    models = load_models()
    built = set(models) | {"staging.country_lookup"}
    sql = (
        "select * from staging.registrations r join core.webinars w using (webinar_id) "
        "join staging.country_lookup l on l.answer = r.country join raw.sessions s using (file_id)"
    )
    assert _bound(sql, built) == (
        "select * from staging__registrations r join core__webinars w using (webinar_id) "
        "join staging__country_lookup l on l.answer = r.country join raw.sessions s using (file_id)"
    )


def _temporary_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    sql = "select view_name from duckdb_views() where temporary and not internal"
    return [name for (name,) in con.execute(sql).fetchall()]


def test_intermediate_tables_are_let_go_before_the_figures_are_built(add, cli, db):
    """DuckDB frees a dropped table's memory only when its transaction ends.

    Built in one transaction, every intermediate table stayed in memory to the
    end, and at 100x spilled to disk past the memory cap (transform.py).
    """
    from pipeline.transform import transform
    from pipeline.warehouse import open_db

    add(*ALL)
    cli("ingest")
    con = open_db(db)
    alive: dict[str, set[str]] = {}

    def tables_now(model: str) -> None:
        rows = con.execute("select table_name from duckdb_tables() where temporary").fetchall()
        alive[model] = {name for (name,) in rows}
        alive[model] |= {f"view {name}" for name in _temporary_views(con)}

    transform(con, on_model=tables_now)
    row_tables = {"staging__registrations", "staging__sessions", "core__name_links"}
    assert row_tables <= alive["core.persons"]  # they exist while read...
    # (rows keyed to their person are a view over them, never a copy)
    assert "view core__registration_people" in alive["core.persons"]
    assert not any("core__registration_people" in alive[m] for m in alive)
    # ...and are gone before the audience and every figure drawn from it is built
    later = ["core.attendees"] + [
        name for name, model in load_models().items() if "core.attendees" in model.depends_on
    ]
    assert len(later) > 10
    for name in later:
        assert not row_tables & alive[name], name
    leftover = con.execute("select table_name from duckdb_tables() where temporary").fetchall()
    assert leftover == []
    assert _temporary_views(con) == []
    con.close()


def test_a_failed_transform_leaves_no_tables_behind_and_the_figures_as_they_were(add, cli, db):
    from pipeline.transform import transform
    from pipeline.warehouse import open_db

    add(*ALL)
    cli("run")
    before = query(db, "select * from marts.series_summary")
    con = open_db(db)

    def fail_at_a_mart(model: str) -> None:
        if model == "marts.webinar_reach":
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError, match="killed"):
        transform(con, as_of=date(2000, 1, 1), on_model=fail_at_a_mart)
    assert con.execute("select table_name from duckdb_tables() where temporary").fetchall() == []
    assert _temporary_views(con) == []
    con.close()
    assert query(db, "select * from marts.series_summary") == before


def test_the_database_file_keeps_marts_and_analyst_tables_but_no_intermediates(add, cli, db):
    add(*ALL)
    cli("run")
    tables = {
        f"{s}.{t}" for s, t in query(db, "select schema_name, table_name from duckdb_tables()")
    }
    assert tables >= KEPT
    assert "marts.webinar_reach" in tables
    assert not {"staging.registrations", "core.registration_people", "staging.email_keys"} & tables


@pytest.mark.parametrize(
    "stale",
    [
        "core.name_links",  # an intermediate model, kept in the file by early versions
        "core.person_rows",  # a retired model (every row keyed to its person)
    ],
)
def test_a_database_built_by_an_earlier_version_loses_its_stale_tables(add, cli, db, stale):
    add(*ALL)
    cli("run")
    con = duckdb.connect(str(db))
    con.execute(f"create table {stale} as select 1 as stale")
    con.close()
    cli("transform")
    tables = query(db, "select schema_name || '.' || table_name from duckdb_tables()")
    assert (stale,) not in tables


def test_the_transform_leaves_the_connections_optimizer_settings_as_it_found_them(add, cli, db):
    """It turns one DuckDB optimizer off for its own queries only (transform.py says why)."""
    from pipeline.transform import transform
    from pipeline.warehouse import open_db

    add(*ALL)
    cli("ingest")
    con = open_db(db)
    con.execute("set disabled_optimizers = 'top_n'")
    during = set()

    def setting_now(model: str) -> None:
        during.add(con.execute("select current_setting('disabled_optimizers')").fetchone()[0])

    transform(con, on_model=setting_now)
    assert during == {"partial_aggregate_pushdown"}
    assert con.execute("select current_setting('disabled_optimizers')").fetchone() == ("top_n",)
    con.close()


def test_the_transform_command_does_not_import_pandas(add, cli, db):
    """Importing it took 1.2 s of every `transform`; the lookups are built without it."""
    import subprocess
    import sys

    add(*ALL)
    cli("ingest")
    code = (
        "import sys; from pipeline.cli import app\n"
        f"try: app(['transform', '--db', {str(db)!r}])\n"
        "except SystemExit as exit: assert not exit.code, exit.code\n"
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stdout + out.stderr


def test_a_run_after_the_pipelines_code_changed_rebuilds_the_figures(add, cli, monkeypatch):
    """An upgrade that changes a figure must not wait for new exports to show it."""
    import pipeline.transform

    add(*ALL)
    cli("run")
    assert "nothing new" in cli("run").output
    monkeypatch.setattr(pipeline.transform, "code_digest", lambda: "the next version's code")
    rebuilt = cli("run").output
    assert "nothing new" not in rebuilt
    assert "models rebuilt" in rebuilt
    assert "nothing new" in cli("run").output


def test_the_code_digest_changes_with_any_file_of_the_package_but_not_compiled_python(tmp_path):
    import shutil
    from pathlib import Path

    import pipeline.transform
    from pipeline.transform import files_digest

    package = tmp_path / "pipeline"
    shutil.copytree(Path(pipeline.transform.__file__).parent / "sql", package / "sql")
    before = files_digest(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "transform.cpython-311.pyc").write_bytes(b"compiled")
    assert files_digest(package) == before
    model = package / "sql" / "core" / "persons.sql"
    model.write_text(model.read_text() + "\n-- a comment", encoding="utf-8")
    assert files_digest(package) != before
