"""The model runner: dependency order, temporary intermediates, what stays in the file."""

from __future__ import annotations

import duckdb

from pipeline.transform import _bound, load_models, model_order
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
    assert {"staging.registrations", "core.person_rows", "staging.email_keys"} <= temporary
    assert not temporary & KEPT
    assert not any(name.startswith(("marts.", "audit.")) for name in temporary)


def test_references_to_temporary_models_point_at_their_temporary_tables():
    models = load_models()
    sql = "select * from staging.registrations r join core.webinars w using (webinar_id)"
    assert _bound(sql, models) == (
        "select * from staging__registrations r join core.webinars w using (webinar_id)"
    )


def test_the_database_file_keeps_marts_and_analyst_tables_but_no_intermediates(add, cli, db):
    add(*ALL)
    cli("run")
    tables = {
        f"{s}.{t}" for s, t in query(db, "select schema_name, table_name from duckdb_tables()")
    }
    assert tables >= KEPT
    assert "marts.webinar_reach" in tables
    assert not {"staging.registrations", "core.person_rows", "staging.email_keys"} & tables


def test_a_database_built_before_temporary_models_loses_its_stale_copies(add, cli, db):
    add(*ALL)
    cli("run")
    con = duckdb.connect(str(db))
    con.execute("create table core.person_rows as select 1 as stale")
    con.close()
    cli("transform")
    tables = {t for (t,) in query(db, "select table_name from duckdb_tables()")}
    assert "person_rows" not in tables


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
