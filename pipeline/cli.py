"""The command line: one command a month for staff, smaller ones for the curious.

``python -m pipeline run`` ingests what is new in ``data/raw/``, rebuilds the
figures and writes the report. Exit code 0 on success, 1 with a one-line
reason on failure. A run where some files could not be read still succeeds,
and lists each such file with its reason.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline import __version__
from pipeline.ingest import FileOutcome, IngestResult, discover, ingest
from pipeline.report.data import DEFAULT_SMALL_CELL
from pipeline.warehouse import DEFAULT_DB, DatabaseBusy, open_db

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Participation analytics for webinar series: exports in, figures and an "
    "offline report out.",
)
# Piped output (CI logs, cron mail) gets wide lines instead of rich's 80 columns.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("pipeline")

DEMO_RAW = Path("data/demo/raw")
DEMO_DB = Path("data/demo/webinars.duckdb")
DEMO_REPORTS = Path("data/demo/reports")

RawOpt = Annotated[Path, typer.Option("--raw", help="Folder of platform exports.")]
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
ReportsOpt = Annotated[Path, typer.Option("--reports", help="Folder the HTML report goes to.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Compute as if only webinars up to this date (YYYY-MM-DD) "
        "existed, e.g. to regenerate last month's report.",
    ),
]
TzOpt = Annotated[
    str | None,
    typer.Option(
        "--timezone",
        help="IANA zone the exports' times are in; overrides the catalogue's series timezone.",
    ),
]


SmallCellOpt = Annotated[
    int,
    typer.Option(
        "--small-cell",
        min=1,
        help="Country × sector cells with fewer people than this are shown as '<N' in the report.",
    ),
]


class Failure(Exception):
    """A reason to stop, said in one line."""


def _interactive() -> bool:
    return err.is_terminal


@contextmanager
def _database(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        con = open_db(path, read_only=read_only)
    except DatabaseBusy as exc:
        raise Failure(str(exc)) from None
    except FileNotFoundError as exc:
        raise Failure(str(exc)) from None
    try:
        yield con
    finally:
        con.close()


def _parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Failure(f"--as-of must be a date like 2025-03-31, not {value!r}") from None


# ---------------------------------------------------------------- steps


def _do_ingest(con: duckdb.DuckDBPyConnection, raw: Path, timezone: str | None) -> IngestResult:
    try:
        paths = discover(raw)
    except FileNotFoundError as exc:
        raise Failure(str(exc)) from None
    total = len(paths)
    if _interactive():
        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} files"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=total)
            counted: set[Path] = set()

            def tick(outcome: FileOutcome) -> None:
                # A stored file was counted when it was parsed, before its group's commit.
                if outcome.path not in counted:
                    counted.add(outcome.path)
                    bar.advance(task)
                if outcome.status == "loaded":
                    bar.console.print(
                        f"  loaded  {outcome.path}  ({outcome.adapter}: {outcome.detail})"
                    )

            result = ingest(con, raw, timezone=timezone, progress=tick, paths=paths)
    else:

        def line(outcome: FileOutcome) -> None:
            if outcome.status == "loaded":
                err.print(f"loaded {outcome.path} ({outcome.adapter}: {outcome.detail})")

        result = ingest(con, raw, timezone=timezone, progress=line, paths=paths)
    if total == 0:
        out.print(
            f"ingest: {raw} holds no exports yet: save the platforms' registration and "
            "attendance reports there (README, 'Monthly use'), or try `make demo`"
        )
    loaded = result.with_status("loaded")
    skipped = result.with_status("skipped")
    bad = result.with_status("unreadable")
    out.print(
        f"ingest: {len(loaded)} new file(s) loaded, {len(skipped)} already loaded, "
        f"{len(bad)} could not be read (times read in {result.timezone})"
    )
    rejected = sum(o.rows_rejected for o in loaded)
    if rejected:
        out.print(
            f"ingest: {rejected} row(s) rejected in the new files; "
            "`status` lists them with file, line and reason"
        )
    for o in bad:
        out.print(f"[yellow]could not read[/yellow] {o.path}: {o.detail}")
    return result


def _do_transform(con: duckdb.DuckDBPyConnection, as_of: date | None) -> None:
    from pipeline.transform import transform

    started = time.perf_counter()
    try:
        models = transform(con, as_of=as_of)
    except RuntimeError as exc:
        raise Failure(f"transform failed, figures unchanged: {exc}") from None
    from pipeline.review import write_review

    review = _review_path(con)
    rows = write_review(con, review) if review is not None else 0
    out.print(
        f"transform: {len(models)} models rebuilt in {time.perf_counter() - started:.1f}s"
        + (f" (as of {as_of})" if as_of else "")
    )
    if rows:
        out.print(
            f"review: {rows} answer(s) the resolvers could not place; decide them in {review} "
            "and copy the rows into overrides.csv in the raw folder"
        )


def _review_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    """review.csv beside the database file (None for an in-memory database)."""
    row = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    return Path(row[0]).parent / "review.csv" if row and row[0] else None


def _do_report(
    con: duckdb.DuckDBPyConnection, reports: Path, small_cell: int = 3, png: bool = False
) -> list[Path]:
    from pipeline.report import PngUnavailable, write_report

    try:
        written = write_report(con, reports, small_cell=small_cell, png=png)
    except OSError as exc:
        raise Failure(f"could not write the report to {reports}: {exc.strerror or exc}") from None
    except PngUnavailable as exc:
        raise Failure(f"the HTML report was written, but {exc}") from None
    for path in written:
        out.print(f"report: {path}")
    return written


def _summary(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select series, webinars, participants, countries, speakers, "
        "registered_only from marts.series_summary"
    ).fetchall()
    for series, webinars, participants, countries, speakers, registered_only in rows:
        out.print(
            f"[bold]{series}[/bold]: {webinars} webinars, {participants} participants "
            f"from {countries} countries, {speakers} speakers, {registered_only} "
            "registered but never attended"
        )


def _record_run(
    con: duckdb.DuckDBPyConnection,
    command: str,
    started: float,
    result: IngestResult | None,
    as_of: date | None,
) -> None:
    from datetime import UTC, datetime, timedelta

    finished = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    begun = finished - timedelta(seconds=round(time.perf_counter() - started))
    counts = (None, None, None)
    if result is not None:
        counts = tuple(len(result.with_status(s)) for s in ("loaded", "skipped", "unreadable"))
    con.execute(
        "insert into audit.runs values (nextval('audit.run_id_seq'), ?, ?, ?, ?, ?, ?, ?, 'ok')",
        [command, begun, finished, *counts, as_of],
    )


# ---------------------------------------------------------------- commands


def _guard(fn):  # type: ignore[no-untyped-def]
    """Turn expected failures into one line on stderr and exit code 1."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except Failure as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err.print(
                "[red]error:[/red] interrupted; each file loads in its own transaction, "
                "so run again to finish"
            )
            raise typer.Exit(130) from None

    return wrapper


@app.command()
@_guard
def run(
    raw: RawOpt = Path("data/raw"),
    db: DbOpt = DEFAULT_DB,
    reports: ReportsOpt = Path("reports"),
    as_of: AsOfOpt = None,
    timezone: TzOpt = None,
    small_cell: SmallCellOpt = DEFAULT_SMALL_CELL,
) -> None:
    """Ingest what is new, rebuild the figures, write the report (the monthly command)."""
    from pipeline.transform import fingerprint, is_up_to_date, mark_built

    started = time.perf_counter()
    cutoff = _parse_as_of(as_of)
    with _database(db) as con:
        result = _do_ingest(con, raw, timezone)
        state = fingerprint(con, cutoff, small_cell, str(reports.resolve()))
        if is_up_to_date(con, state) and _reports_exist(con, reports):
            from pipeline.report.build import remove_leftovers

            remove_leftovers(reports)
            out.print("nothing new: the figures and the report are up to date")
        else:
            _do_transform(con, cutoff)
            _do_report(con, reports, small_cell)
            mark_built(con, state)
        _summary(con)
        _record_run(con, "run", started, result, cutoff)
    out.print(f"done in {time.perf_counter() - started:.1f}s")


def _reports_exist(con: duckdb.DuckDBPyConnection, reports: Path) -> bool:
    if not _has_marts(con):
        return False
    from pipeline.report.data import as_of_date

    as_of = as_of_date(con)
    month = as_of.strftime("%Y-%m") if as_of else "no-data"
    return all((reports / name).exists() for name in (f"{month}.html", "latest.html"))


@app.command("ingest")
@_guard
def ingest_cmd(
    raw: RawOpt = Path("data/raw"), db: DbOpt = DEFAULT_DB, timezone: TzOpt = None
) -> None:
    """Load new exports into the database (no figures, no report)."""
    started = time.perf_counter()
    with _database(db) as con:
        result = _do_ingest(con, raw, timezone)
        _record_run(con, "ingest", started, result, None)


@app.command("transform")
@_guard
def transform_cmd(db: DbOpt = DEFAULT_DB, as_of: AsOfOpt = None) -> None:
    """Rebuild staging, core and marts from what is loaded."""
    started = time.perf_counter()
    cutoff = _parse_as_of(as_of)
    with _database(db) as con:
        _do_transform(con, cutoff)
        _summary(con)
        _record_run(con, "transform", started, None, cutoff)


@app.command("report")
@_guard
def report_cmd(
    db: DbOpt = DEFAULT_DB,
    reports: ReportsOpt = Path("reports"),
    small_cell: SmallCellOpt = DEFAULT_SMALL_CELL,
    png: Annotated[
        bool, typer.Option("--png", help="Also write each chart as PNG for slides (needs kaleido).")
    ] = False,
) -> None:
    """Write the HTML report from the figures last computed."""
    with _database(db) as con:
        if not _has_marts(con):
            raise Failure("no figures yet: run `python -m pipeline transform` first")
        _do_report(con, reports, small_cell, png)


def _has_marts(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where "
            "table_schema = 'marts' and table_name = 'series_summary'"
        ).fetchone()[0]
    )


@app.command()
@_guard
def status(db: DbOpt = DEFAULT_DB) -> None:
    """What is loaded: files, webinars, rejected rows and answers that need a decision."""
    from pipeline.status import print_status

    with _database(db, read_only=True) as con:
        print_status(con, out)


@app.command()
@_guard
def demo(
    raw: RawOpt = DEMO_RAW,
    db: DbOpt = DEMO_DB,
    reports: ReportsOpt = DEMO_REPORTS,
    seed: Annotated[int, typer.Option(help="Seed of the generated series.")] = 2021,
    as_of: AsOfOpt = None,
    small_cell: SmallCellOpt = DEFAULT_SMALL_CELL,
) -> None:
    """Generate the demo series into --raw (apart from real data) and run on it."""
    from pipeline.demo import generate_series

    started = time.perf_counter()
    if raw.resolve() == Path("data/raw").resolve():
        raise Failure(
            "the demo writes generated exports into --raw; give it a folder other "
            "than data/raw, which holds your real exports"
        )
    manifest = generate_series(raw, seed=seed)
    out.print(
        f"demo: wrote the demo series to {raw} ({manifest.webinars} webinars, "
        f"{manifest.participants} participants, {manifest.countries} countries, "
        f"{manifest.speakers} speakers, by the generator's own count)"
    )
    from pipeline.transform import fingerprint, mark_built

    cutoff = _parse_as_of(as_of)
    with _database(db) as con:
        result = _do_ingest(con, raw, None)
        _do_transform(con, cutoff)
        _do_report(con, reports, small_cell)
        # as `run` does: a `run` on the demo's folders then has nothing to rebuild
        mark_built(con, fingerprint(con, cutoff, small_cell, str(reports.resolve())))
        _summary(con)
        _record_run(con, "demo", started, result, cutoff)
    out.print(f"done in {time.perf_counter() - started:.1f}s")


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if version:
        out.print(__version__)
        raise typer.Exit(0)


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
