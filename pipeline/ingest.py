"""Load what is new in the raw folder into the warehouse.

The rules staff rely on (README, "Monthly use"):

* a file is identified by its content hash: a file already loaded is skipped,
  wherever it sits and whatever it is called;
* a file that is not new is not even read: its path, size and mtime match the
  last run's (git's index trick), so a re-run with nothing new is quick;
* each file loads in one transaction: it is entirely in, or entirely out;
* a re-exported report for the same webinar replaces the earlier one of the
  same type (the newer report-generated time wins) instead of adding to it;
  the reports of a webinar's parts (a Teams meeting restarted) add up, each
  part's re-exports replacing each other;
* a file that cannot be used is listed with its reason, left untouched, and
  the run goes on.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pipeline import __version__
from pipeline.adapters import detect
from pipeline.adapters.base import (
    NotThisFormat,
    ParseContext,
    ParsedFile,
    RecordColumns,
    RejectRecord,
    SessionRecord,
    encode_days,
    id_part,
)
from pipeline.adapters.generic import (
    Mapping,
    MappingError,
    adapter_for,
    is_mapping_file,
    load_mappings,
)
from pipeline.catalogue import Catalogue, looks_like_yaml_config, parse_catalogue
from pipeline.columns import FileColumns, joined, to_columns
from pipeline.overrides import looks_like_overrides, parse_overrides
from pipeline.readers import SourceTable, UnreadableFile, read_table
from pipeline.warehouse import execute_with_frame

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

CATALOGUE = "catalogue"
OVERRIDES = "overrides"
_IGNORED_NAMES = {
    "readme.md",
    "readme.txt",
    ".gitkeep",
    "demo_manifest.json",
    "thumbs.db",
    ".ds_store",
    "desktop.ini",
}


@dataclass(slots=True)
class FileOutcome:
    path: Path
    # loaded | skipped | unreadable; and, to ``progress`` only, parsed: read and
    # waiting to be stored with its group (a group of a large first run takes
    # seconds to fill), so a progress bar moves as files are read.
    status: str
    detail: str = ""
    adapter: str | None = None
    rows_kept: int = 0
    rows_rejected: int = 0


@dataclass(slots=True)
class IngestResult:
    outcomes: list[FileOutcome] = field(default_factory=list)
    timezone: str = "UTC"

    def with_status(self, status: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]


Progress = Callable[[FileOutcome], None]


def discover(raw_dir: Path) -> list[Path]:
    """Files under ``raw_dir`` in a stable order, hidden files and READMEs aside.

    Walks with ``os.scandir``, whose entries know whether they are files without
    another system call: a re-run with nothing new is mostly this walk, over
    every file of the history.
    """
    if not raw_dir.exists():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    found: list[Path] = []
    folders = [str(raw_dir)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.startswith((".", "~$")):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file() and entry.name.lower() not in _IGNORED_NAMES:
                    found.append(Path(entry.path))
    return sorted(found)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Snapshot:
    """What the warehouse already knows about files, read once per run."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.stats = {
            r[0]: (r[1], r[2], r[3])
            for r in con.execute(
                "select path, size_bytes, mtime_ns, content_hash from audit.file_stats"
            ).fetchall()
        }
        self.hashes = {r[0] for r in con.execute("select content_hash from audit.files").fetchall()}


def ingest(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    *,
    timezone: str | None = None,
    progress: Progress | None = None,
    paths: list[Path] | None = None,
) -> IngestResult:
    """Load every new file of ``raw_dir``; see the module docstring for the rules.

    ``paths``: what :func:`discover` gave for ``raw_dir``, when the caller has it.
    """
    raw_dir = Path(raw_dir)
    if paths is None:
        paths = discover(raw_dir)
    snapshot = _Snapshot(con)
    result = IngestResult()
    unreadable: list[tuple[str, str | None, str]] = []
    stats_seen: list[tuple[str, int, int, str]] = []

    def report(outcome: FileOutcome) -> None:
        result.outcomes.append(outcome)
        if progress:
            progress(outcome)

    # Mapping files (generic adapter) are configuration, read every run, never loaded.
    mapping_errors: list[tuple[Path, str]] = []
    mappings = load_mappings(raw_dir, mapping_errors)
    for path, message in mapping_errors:
        unreadable.append((str(path), None, message))
        report(FileOutcome(path, "unreadable", f"mapping file: {message}"))

    # Pass 1: which files are new. Bytes are hashed and dropped (exports are read
    # again when parsed), so memory holds one file at a time, not the history.
    configs: list[tuple[Path, bytes, str]] = []
    exports: list[tuple[Path, str]] = []
    for path in paths:
        if is_mapping_file(path):
            continue
        st = path.stat()
        key = str(path)
        cached = snapshot.stats.get(key)
        if (
            cached
            and cached[0] == st.st_size
            and cached[1] == st.st_mtime_ns
            and cached[2] in snapshot.hashes
        ):
            report(FileOutcome(path, "skipped", "already loaded"))
            continue
        data = path.read_bytes()
        digest = content_hash(data)
        if digest in snapshot.hashes:
            stats_seen.append((key, st.st_size, st.st_mtime_ns, digest))
            report(FileOutcome(path, "skipped", "same content as a file already loaded"))
            continue
        if (
            path.suffix.lower() in (".yaml", ".yml")
            or looks_like_yaml_config(data)
            or looks_like_overrides(data)
        ):
            configs.append((path, data, digest))
        else:
            exports.append((path, digest))

    # Configuration first: the catalogue sets the zone the exports' times are read in.
    for path, data, digest in configs:
        if looks_like_overrides(data):
            outcome = _load_overrides(con, path, data, digest)
        else:
            outcome = _load_config_yaml(con, path, data, digest)
        _settle(outcome, path, digest, snapshot, stats_seen, unreadable)
        report(outcome)

    zone = timezone or current_timezone(con)
    result.timezone = zone
    context = ParseContext(timezone=zone, catalogue_days=catalogue_days(con))
    # Pass 2: parse in worker processes (CPU-bound), load here, one file at a
    # time and in file order, each in its own transaction.
    jobs = [(path, context, mappings) for path, _ in exports]
    with _load_settings(con, bool(jobs)):
        batch = _Batch(con)
        for (path, digest), parsed in zip(exports, _parse_all(jobs), strict=True):
            if digest in snapshot.hashes or digest in batch.digests:  # same bytes twice
                _remember(path, digest, stats_seen)  # or the next run hashes it again
                report(FileOutcome(path, "skipped", "same content as a file already loaded"))
                continue
            if isinstance(parsed, str):
                outcome = FileOutcome(path, "unreadable", parsed)
                _settle(outcome, path, digest, snapshot, stats_seen, unreadable)
                report(outcome)
                continue
            batch.add(path, digest, parsed)
            if progress:
                progress(FileOutcome(path, "parsed", "", parsed.adapter))
            if batch.full():
                _flush(batch, snapshot, stats_seen, unreadable, report)
        _flush(batch, snapshot, stats_seen, unreadable, report)
        _record_run_state(con, unreadable, stats_seen)
    return result


@contextmanager
def _load_settings(con: duckdb.DuckDBPyConnection, loading: bool) -> Iterator[None]:
    """DuckDB settings for storing many parsed files; the defaults again before the checkpoint.

    Its write-ahead log grows while files load, then one checkpoint follows.
    DuckDB checkpoints whenever its log passes 16 MB: on a large first run that
    was at nearly every group commit, a quarter of the run's time (README,
    "Performance"). A killed run's log is replayed when the database is next
    opened, so nothing committed is lost. The checkpoint after the load keeps a
    large log from being replayed by the next run, which should take a second.

    DuckDB works on one thread while files load: the parse workers already keep
    every core busy, and its own threads only added the cost of splitting each
    insert between them (about a fifth of the parent's CPU time; README,
    "Performance"). The final checkpoint, with nothing else running, gets them
    all back.
    """
    if not loading:
        yield
        return
    con.execute(f"set checkpoint_threshold = '{_CHECKPOINT_EVERY}'")
    con.execute("set threads = 1")
    try:
        yield
    finally:
        con.execute("reset checkpoint_threshold")
        con.execute("reset threads")
    con.execute("checkpoint")


def _remember(path: Path, digest: str, stats_seen: list) -> None:
    """Note the path's size and mtime, so the next run skips it without reading it."""
    st = path.stat()
    stats_seen.append((str(path), st.st_size, st.st_mtime_ns, digest))


def _settle(
    outcome: FileOutcome,
    path: Path,
    digest: str,
    snapshot: _Snapshot,
    stats_seen: list,
    unreadable: list,
) -> None:
    """Remember a loaded file (so the same bytes are not loaded twice) or its failure."""
    if outcome.status == "loaded":
        snapshot.hashes.add(digest)
        _remember(path, digest, stats_seen)
    else:
        unreadable.append((str(path), digest, outcome.detail))


def current_timezone(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute(
        "select s.timezone from raw.catalogue_series s join audit.active_reports a "
        "on a.file_id = s.file_id order by s.file_id desc limit 1"
    ).fetchone()
    return row[0] if row else "UTC"


def catalogue_days(con: duckdb.DuckDBPyConnection) -> str:
    """The days the active catalogue lists each platform ID on (``encode_days``).

    Handed to the parsers, which settle a file's day/month order by it when the
    file's own dates cannot (``adapters.base.catalogue_order``).
    """
    days: dict[str, set[date]] = {}
    for ident, day in con.execute(
        "select c.platform_id, c.webinar_date from raw.catalogue_webinars c "
        "join audit.active_reports a on a.file_id = c.file_id "
        "where c.platform_id is not null and c.webinar_date is not null"
    ).fetchall():
        if key := id_part(ident):
            days.setdefault(key, set()).add(day)
    return encode_days(days)


def _record_run_state(
    con: duckdb.DuckDBPyConnection, unreadable: Iterable[tuple], stats_seen: Iterable[tuple]
) -> None:
    now = _now()
    con.execute("begin")
    try:
        con.execute("delete from audit.unreadable_files")
        # Every run, a run with nothing new included: executemany, so as not to import pandas.
        if unreadable:
            con.executemany(
                "insert into audit.unreadable_files values (?, ?, ?, ?)",
                [(p, h, r, now) for p, h, r in unreadable],
            )
        if stats_seen:
            import pandas as pd

            frame = pd.DataFrame(list(stats_seen), columns=["path", "size", "mtime", "hash"])
            execute_with_frame(
                con, "delete from audit.file_stats where path in (select path from frame)", frame
            )
            execute_with_frame(con, "insert into audit.file_stats select * from frame", frame)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


# ---------------------------------------------------------------- exports


def parse_export(
    data: bytes,
    name: str,
    context: ParseContext,
    path: Path | None = None,
    mappings: list[Mapping] | tuple[()] = (),
) -> tuple[SourceTable, ParsedFile]:
    """Bytes to records, or UnreadableFile / NotThisFormat saying why not.

    A mapping staff wrote for this file (generic adapter) is tried before
    content detection.
    """
    whole = read_table(data, name)
    cut = whole.cut_line
    # A row the file stops inside is left out of parsing (see _reject_cut_row), not of raw.lines.
    table = whole if cut is None else replace(whole, rows=whole.rows[:-1])
    adapter = adapter_for(path, table, mappings) if path is not None and mappings else None
    if adapter is None:
        adapter = detect(table)
    if adapter is None:
        raise NotThisFormat(
            "is not an export this pipeline recognises (Zoom, Teams, GoTo, "
            "Webex, or a file described by a mapping); left untouched"
        )
    try:
        parsed = adapter.parse(table, context)
    except NotThisFormat as exc:
        raise NotThisFormat(f"looks like a {adapter.name} report but {exc}") from None
    if not parsed.webinars:
        raise NotThisFormat(f"looks like a {adapter.name} report but names no webinar")
    if cut is not None:
        _reject_cut_row(parsed, cut)
    _reject_backwards_sessions(parsed)
    return whole, parsed


def _reject_backwards_sessions(parsed: ParsedFile) -> None:
    """Reject a session that leaves before it joins, whatever the platform.

    No export writes one, but a hand-edited file can ('12:12 AM' for '12:12
    PM'), and as a session it would count an attendee with a negative interval.
    Adapters repair the cases they know (a clock-only leave past midnight); what
    is left is no session. A registration read from the same row stays.
    """
    if isinstance(parsed.sessions, RecordColumns):
        # Asked of every row: over the adapter's columns, not a record made for each.
        joins, leaves = parsed.sessions.columns["join_at"], parsed.sessions.columns["leave_at"]
        pairs = zip(joins, leaves, strict=True)
        if not any(j is not None and v is not None and v < j for j, v in pairs):
            return
    kept: list[SessionRecord] = []
    backwards: list[SessionRecord] = []
    for s in parsed.sessions:
        goes_back = s.join_at is not None and s.leave_at is not None and s.leave_at < s.join_at
        (backwards if goes_back else kept).append(s)
    if not backwards:
        return
    parsed.sessions = kept
    parsed.rejects.extend(
        RejectRecord(
            s.line,
            f"leaves ({s.leave_text or s.leave_at}) before it joins "
            f"({s.join_text or s.join_at}): not a session",
        )
        for s in backwards
    )


def _reject_cut_row(parsed: ParsedFile, line: int) -> None:
    """Reject the row the file stops inside, and say that the file is cut short.

    Its last cell is a fragment ('4' of '45' minutes, '02/03/2' of a date), so
    the adapter never sees it: a fragment of a date even misled the choice of
    the whole column's format. Rows after it are missing, which only a new
    download mends.
    """
    parsed.data_rows += 1
    parsed.rejects.append(
        RejectRecord(line, "the file stops inside this row, so its last cells are missing")
    )
    parsed.notes.append(
        f"the file stops in the middle of line {line}: the download was probably cut "
        "short and later rows are missing; download the report again"
    )


Parsed = FileColumns | str  # the file's rows, or why it is unusable
ParseJob = tuple[Path, ParseContext, list[Mapping]]
_WORKERS_ENV = "WEBINAR_PIPELINE_WORKERS"
_CHECKPOINT_EVERY = "256MB"
# A young collection per 50,000 new objects rather than 700: see _tune_collector.
_YOUNG_COLLECTION_EVERY = 50_000


def parse_job(job: ParseJob) -> Parsed:
    """Read and parse one export into columns (cheap to send back from a worker).

    A reason string instead of an exception: workers pickle what they return.
    """
    path, context, mappings = job
    try:
        data = path.read_bytes()
        return to_columns(*parse_export(data, path.name, context, path, mappings))
    except (UnreadableFile, NotThisFormat, MappingError) as exc:
        return str(exc)
    except OSError as exc:
        return f"could not be read ({exc.strerror or exc})"
    except Exception as exc:  # one bad file must not stop the month's run
        log.exception("unexpected error reading %s", path)
        return f"could not be read ({type(exc).__name__}: {exc})"


def _workers(jobs: int) -> int:
    configured = os.environ.get(_WORKERS_ENV)
    if configured and configured.isdigit():
        return max(1, int(configured))
    return 1 if jobs < 4 else min(os.cpu_count() or 1, 4)


def _start_worker() -> None:
    """Worker initializer: die with the run, and keep the collector off the parent's heap."""
    _die_with_parent()
    _tune_collector()


def _die_with_parent() -> None:
    """End this worker when the run that forked it is killed.

    A run killed with SIGKILL cannot stop its pool, and forked workers hold
    each other's pipes open, so they would wait forever. Linux can send them a
    signal when the parent dies; elsewhere this does nothing.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _tune_collector() -> None:
    """Spare a parse worker most of Python's cycle collections.

    A forked worker inherits every object of the parent (modules, caches, the
    country and sector indexes), and each full collection walked them all
    again while parsing builds a few objects per cell. Freezing moves what was
    inherited out of the collector's sight (the use the gc docs give for
    freeze before work in a forked child) and a larger first threshold makes
    the young collections rarer. Cycles are still collected, so memory stays
    bounded. On the 1,932-file benchmark this took ~5% off the workers' CPU
    time (README, "Performance").
    """
    gc.freeze()
    gc.set_threshold(_YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


def _parse_all(jobs: list[ParseJob]) -> Iterator[Parsed]:
    """Parsed files in job order, from a small process pool with a bounded window.

    Files are parsed ahead of the loader up to a budget of their size (see
    :func:`_room_ahead`), so memory stays that of a few dozen megabytes of
    exports however long the history. Workers are forked: they only parse, and
    never touch the parent's database connection.
    """
    workers = _workers(len(jobs))
    if workers == 1:
        yield from map(parse_job, jobs)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker
    ) as pool:
        pending: deque[tuple[Future[Parsed], int]] = deque()
        ahead = 0  # bytes of the files in pending
        for job in jobs:
            while not _room_ahead(len(pending), ahead, workers):
                future, size = pending.popleft()
                ahead -= size
                yield future.result()
            size = _job_size(job)
            pending.append((pool.submit(parse_job, job), size))
            ahead += size
        while pending:  # popped, so that a stored file's columns are not kept alive
            future, _ = pending.popleft()
            yield future.result()


# How far the workers may parse ahead of the loader. The loader stops taking
# parsed files while it stores and commits a group (a million source rows, 3 s
# on a large first run); with a window of a few files the workers ran dry in
# that time and a core stood idle. 48 MiB of exports parse to a few hundred
# megabytes of columns at most. The file count only bounds a window of tiny
# exports: at 64, a series of 275 KB exports had 17 MiB ahead, a second of
# parsing, and the workers waited for the loader (README, "Performance").
_AHEAD_FILES = 512
_AHEAD_BYTES = 48 * 2**20


def _room_ahead(files: int, size: int, workers: int) -> bool:
    """Whether one more file may be handed to the workers (pure).

    Always one per worker, so a file larger than the budget still parses with
    the others busy; beyond that, files until either budget is reached.
    """
    return files < workers or (files < _AHEAD_FILES and size < _AHEAD_BYTES)


def _job_size(job: ParseJob) -> int:
    """The export's size in bytes; 0 when it cannot be seen (its worker says why)."""
    try:
        return job[0].stat().st_size
    except OSError:
        return 0


class _Batch:
    """Parsed files waiting to be committed together.

    A commit costs a disk flush (~30 ms here), so files are committed in
    groups. Each file is still entirely in or entirely out: a group commits
    whole, and if storing any file of it fails the group is rolled back and its
    files are stored again one per transaction, so a bad file loses only itself.

    Groups are large: DuckDB writes the rows of a large insert to the database
    file as they come, compressed once, while a small one (fewer rows than a
    row group, 122,880) goes to its write-ahead log first and is written again
    at the checkpoint. In groups of 64 files (~100,000 rows) the loader spent
    16 s committing a 1,932-file series; in groups of a million source rows,
    4 s, its CPU 21 -> 15 s, at 0.2 GiB more memory (README, "Performance").
    A group of a few row groups is worst: each commit leaves a part-filled one,
    and 512 small files (~200,000 rows) made the 100x database a quarter larger.
    So groups end at a million rows, and the file count only bounds a group
    of empty exports.
    """

    MAX_FILES = 8192
    MAX_ROWS = 1_000_000

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.items: list[tuple[Path, str, FileColumns]] = []
        self.digests: set[str] = set()
        self.rows = 0

    def add(self, path: Path, digest: str, parsed: FileColumns) -> None:
        self.items.append((path, digest, parsed))
        self.digests.add(digest)
        self.rows += parsed.source_rows

    def full(self) -> bool:
        return len(self.items) >= self.MAX_FILES or self.rows >= self.MAX_ROWS

    def clear(self) -> None:
        self.items, self.digests, self.rows = [], set(), 0


def _flush(
    batch: _Batch,
    snapshot: _Snapshot,
    stats_seen: list,
    unreadable: list,
    report: Callable[[FileOutcome], None],
) -> None:
    if not batch.items:
        return
    con = batch.con
    try:
        con.execute("begin")
        store_many(con, batch.items)
        con.execute("commit")
        outcomes = [_loaded(path, parsed) for path, _, parsed in batch.items]
    except duckdb.Error:
        con.execute("rollback")
        outcomes = [_load_alone(con, path, digest, parsed) for path, digest, parsed in batch.items]
    for (path, digest, _), outcome in zip(batch.items, outcomes, strict=True):
        _settle(outcome, path, digest, snapshot, stats_seen, unreadable)
        report(outcome)
    batch.clear()


def _load_alone(
    con: duckdb.DuckDBPyConnection, path: Path, digest: str, parsed: FileColumns
) -> FileOutcome:
    try:
        _store_alone(con, path, digest, parsed)
    except duckdb.Error as exc:
        return FileOutcome(path, "unreadable", f"could not be stored ({exc})")
    return _loaded(path, parsed)


def _loaded(path: Path, parsed: FileColumns) -> FileOutcome:
    kept = parsed.rows_kept
    detail = f"{kept} row{'' if kept == 1 else 's'} kept, {parsed.rows_rejected} rejected"
    if any(":untitled:" in w.key for w in parsed.webinars):
        detail += (
            "; the file names no meeting title or ID, so another such file of the "
            "same day would replace it"
        )
    return FileOutcome(
        path, "loaded", detail, parsed.adapter, parsed.rows_kept, parsed.rows_rejected
    )


def load_parsed(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    digest: str,
    table: SourceTable,
    parsed: ParsedFile,
) -> int:
    """Store one parsed file in a single transaction and make it the active report."""
    return _store_alone(con, path, digest, to_columns(table, parsed))


def _store_alone(
    con: duckdb.DuckDBPyConnection, path: Path, digest: str, parsed: FileColumns
) -> int:
    con.execute("begin")
    try:
        file_id = store_many(con, [(path, digest, parsed)])[0]
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return file_id


_WEBINAR_COLUMNS = [
    "key",
    "platform",
    "platform_webinar_id",
    "title",
    "start_at",
    "duration_minutes",
    "start_is_actual",
    "start_text",
    "timezone",
    "part",
]


_ROW_TABLES = ("raw.lines", "raw.registrations", "raw.sessions", "audit.rejected_rows")


def store_many(
    con: duckdb.DuckDBPyConnection,
    files: list[tuple[Path, str, FileColumns]],
) -> list[int]:
    """Insert parsed files inside the caller's transaction; return their file_ids.

    One INSERT per table for all the files: each statement costs milliseconds
    of fixed overhead, which per file and per table would dominate a load.
    """
    ids = [
        r[0]
        for r in con.execute(
            "select nextval('audit.file_id_seq') from range(?)", [len(files)]
        ).fetchall()
    ]
    now = _now()
    audit_rows, webinars = [], []
    for file_id, (path, digest, parsed) in zip(ids, files, strict=True):
        st = path.stat()
        audit_rows.append(
            (
                file_id,
                digest,
                str(path),
                st.st_size,
                st.st_mtime_ns,
                parsed.adapter,
                parsed.platform,
                parsed.report_type,
                parsed.layout,
                parsed.encoding,
                parsed.delimiter,
                parsed.generated_at,
                [w.key for w in parsed.webinars],
                parsed.data_rows,
                parsed.rows_kept,
                parsed.rows_rejected,
                parsed.notes,
                now,
                __version__,
            )
        )
        webinars.extend((file_id, *_values(w, _WEBINAR_COLUMNS)) for w in parsed.webinars)
    _insert_rows(con, "audit.files", audit_rows)
    _insert_rows(con, "raw.webinars", webinars)
    for target in _ROW_TABLES:
        _insert_columns(con, target, ids, [parsed.tables[target] for _, _, parsed in files])
    _activate(
        con,
        [
            (w.key, parsed.report_type, w.part or "")
            for _, _, parsed in files
            for w in parsed.webinars
        ],
    )
    return ids


def _insert_columns(
    con: duckdb.DuckDBPyConnection, table: str, file_ids: list[int], parts: list[pa.Table]
) -> None:
    """Append the files' rows of one table, each with its file's id, in one statement."""
    if not any(p.num_rows for p in parts):
        return
    frame = joined(parts, file_ids)
    execute_with_frame(con, f"insert into {table} by name select * from frame", frame)


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Append tuples, in ``table``'s column order, with one statement (none for no rows)."""
    if not rows:
        return
    import pandas as pd  # only when something is loaded: a re-run with nothing new skips it

    frame = pd.DataFrame(rows, dtype=object)
    execute_with_frame(con, f"insert into {table} select * from frame", frame)


def _values(record: object, columns: list[str]) -> tuple:
    return attrgetter(*columns)(record)


def _activate(con: duckdb.DuckDBPyConnection, keys: list[tuple[str, str, str]]) -> None:
    """Make the newest report of each (webinar, report type, part) the active one.

    Newest by the platform's own report-generated time, so an old download
    dropped in late does not replace a fuller, later one; by load order when
    the platform writes no such time. The part ('' when none) keeps the
    reports of a restarted Teams meeting apart: each part has its own active
    report, and the webinar's figures add them up (``WebinarRecord.part``).
    """
    if not keys:
        return
    import pandas as pd

    frame = pd.DataFrame(sorted(set(keys)), columns=["webinar_key", "report_type", "part"])
    execute_with_frame(
        con,
        "delete from audit.active_reports a using frame k "
        "where a.webinar_key = k.webinar_key and a.report_type = k.report_type "
        "and a.part = k.part",
        frame,
    )
    execute_with_frame(
        con,
        """
        insert into audit.active_reports (webinar_key, report_type, part, file_id)
        select webinar_key, report_type, part, file_id
        from (
            select k.webinar_key, k.report_type, k.part, f.file_id,
                   row_number() over (partition by k.webinar_key, k.report_type, k.part
                                      order by f.generated_at desc nulls last,
                                               f.file_id desc) as newest
            from frame k
            join raw.webinars w
              on w.webinar_key = k.webinar_key and coalesce(w.part, '') = k.part
            join audit.files f on f.file_id = w.file_id and f.report_type = k.report_type
        )
        where newest = 1
        """,
        frame,
    )


# ---------------------------------------------------------------- config files


def _config_file_row(
    con: duckdb.DuckDBPyConnection, path: Path, data: bytes, digest: str, adapter: str, rows: int
) -> int:
    st = path.stat()
    file_id = con.execute("select nextval('audit.file_id_seq')").fetchone()[0]
    con.execute(
        "insert into audit.files values (?, ?, ?, ?, ?, ?, null, ?, 'yaml', 'utf-8', null, null, "
        "[?], ?, ?, 0, [], ?, ?)",
        [
            file_id,
            digest,
            str(path),
            st.st_size,
            st.st_mtime_ns,
            adapter,
            adapter,
            f"{adapter}:{path.name}",
            rows,
            rows,
            _now(),
            __version__,
        ],
    )
    # One active catalogue (or overrides file) per file name: editing it replaces it.
    # A configuration file has no parts (part '').
    con.execute(
        "delete from audit.active_reports where webinar_key = ? and report_type = ? and part = ''",
        [f"{adapter}:{path.name}", adapter],
    )
    con.execute(
        "insert into audit.active_reports (webinar_key, report_type, part, file_id) "
        "values (?, ?, '', ?)",
        [f"{adapter}:{path.name}", adapter, file_id],
    )
    return file_id


def _load_config_yaml(
    con: duckdb.DuckDBPyConnection, path: Path, data: bytes, digest: str
) -> FileOutcome:
    try:
        catalogue = parse_catalogue(data)
    except NotThisFormat as exc:
        return FileOutcome(path, "unreadable", str(exc))
    con.execute("begin")
    try:
        file_id = _config_file_row(con, path, data, digest, CATALOGUE, len(catalogue.entries))
        _store_catalogue(con, file_id, catalogue)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return FileOutcome(
        path,
        "loaded",
        f"catalogue of {len(catalogue.entries)} webinars",
        CATALOGUE,
        len(catalogue.entries),
    )


def _store_catalogue(con: duckdb.DuckDBPyConnection, file_id: int, cat: Catalogue) -> None:
    con.execute(
        "insert into raw.catalogue_series values (?, ?, ?)",
        [file_id, cat.series_name, cat.timezone],
    )
    # One statement per table: executemany costs a statement per row, seconds
    # for a catalogue of a thousand webinars.
    _insert_rows(
        con,
        "raw.catalogue_webinars",
        [
            (
                file_id,
                e.entry_id,
                e.series,
                e.title,
                e.date,
                e.start_time,
                e.platform,
                e.platform_id,
                e.language,
                e.topic,
                e.organisers,
            )
            for e in cat.entries
        ],
    )
    speakers = [
        (file_id, e.entry_id, n, s.name, s.email, s.organization, s.sector, s.country)
        for e in cat.entries
        for n, s in enumerate(e.speakers, start=1)
    ]
    _insert_rows(con, "raw.catalogue_speakers", speakers)


def _load_overrides(
    con: duckdb.DuckDBPyConnection, path: Path, data: bytes, digest: str
) -> FileOutcome:
    try:
        rows = parse_overrides(data)
    except NotThisFormat as exc:
        return FileOutcome(path, "unreadable", f"overrides file: {exc}")
    con.execute("begin")
    try:
        file_id = _config_file_row(con, path, data, digest, OVERRIDES, len(rows))
        _insert_rows(con, "raw.overrides", [(file_id, *r) for r in rows])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return FileOutcome(path, "loaded", f"{len(rows)} overrides", OVERRIDES, len(rows))
