"""What every platform adapter produces: the normalised records of one file.

An adapter turns one :class:`~pipeline.readers.SourceTable` into a
:class:`ParsedFile`. Every adapter, whatever the platform, yields the same
records, so everything downstream (the warehouse, the SQL models, the report)
is platform-blind. Times are naive UTC; the original strings travel along so
nothing a platform wrote is lost.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache, lru_cache
from importlib import resources
from itertools import combinations, compress
from typing import Any, ClassVar, Generic, Protocol, TypeVar, overload

from pipeline.normalize.text import clean_cell, fold
from pipeline.normalize.times import (
    SpanOrder,
    infer_dayfirst,
    local_day,
    not_a_date,
    order_by_span,
    parse_tables_utc,
    parse_time_utc,
)
from pipeline.readers.table import Row, SourceTable

# Roles. Speakers and staff are never attendees (DEFINITIONS.md, "Attendee").
ATTENDEE = "attendee"
PANELIST = "panelist"  # Zoom panelist, Teams/Webex presenter, GoTo panelist: speakers
HOST = "host"  # host, co-host, organiser: staff
ROLES = (ATTENDEE, PANELIST, HOST)

ATTENDANCE = "attendance"
REGISTRATION = "registration"


class NotThisFormat(ValueError):
    """The adapter recognised the file but its content is wrong or truncated."""


@dataclass(slots=True)
class WebinarRecord:
    """One webinar occurrence as a file describes it."""

    key: str  # '<platform>:<platform id or title>:<local start date>'
    platform: str
    platform_webinar_id: str | None
    title: str | None
    start_at: datetime | None  # UTC
    duration_minutes: float | None = None
    start_is_actual: bool = True  # False for a scheduled time (registration reports)
    start_text: str | None = None
    timezone: str | None = None  # zone the naive times of the file were read in
    # Which part of the occurrence the report covers, when a platform writes one
    # report per part (Teams: one per restart of the meeting). Reports of the same
    # key and type add up across parts and replace each other within one; None =
    # no parts (or unknown): every report of the key is the same part.
    part: str | None = None


@dataclass(slots=True)
class RegistrationRecord:
    line: int
    webinar_key: str
    email: str | None
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    registered_at: datetime | None = None
    registered_text: str | None = None
    status: str = "approved"  # approved | pending | denied | cancelled
    status_text: str | None = None
    country: str | None = None  # the registrant's own answer, as typed
    organization: str | None = None
    sector: str | None = None  # own answer to a sector / organisation-type question
    job_title: str | None = None
    answers: dict[str, str] = field(default_factory=dict)  # every other question


@dataclass(slots=True)
class SessionRecord:
    """One join session (or, where a platform gives only totals, one person's total)."""

    line: int
    webinar_key: str
    role: str
    name: str | None
    email: str | None
    join_at: datetime | None = None
    leave_at: datetime | None = None
    join_text: str | None = None
    leave_text: str | None = None
    minutes: float | None = None  # as the platform states it for this row
    country: str | None = None  # the platform's own country/region field
    is_guest: bool | None = None
    section: str | None = None  # the file's section the row came from


@dataclass(slots=True)
class RejectRecord:
    line: int
    reason: str


R = TypeVar("R")


class RecordColumns(Sequence[R], Generic[R]):
    """Records of one kind held as one list per field, in the fields' order.

    What a parse worker hands on is columns (:func:`pipeline.columns.to_columns`):
    an adapter that reads its tables a column at a time (Zoom's, two thirds of
    a large series' rows, and GoTo's) builds no object per row, and ``to_columns`` takes
    its lists as they are. Read as a sequence it is the records, each made when
    asked, so tests and small callers see what any other adapter gives.
    """

    __slots__ = ("_length", "columns", "kind")

    def __init__(self, kind: type[R], columns: dict[str, list[Any]]) -> None:
        names = [f.name for f in fields(kind)]  # type: ignore[arg-type]
        if list(columns) != names:
            raise ValueError(f"columns {list(columns)} are not the fields of {kind.__name__}")
        lengths = {len(c) for c in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of {kind.__name__} differ in length: {sorted(lengths)}")
        self.kind = kind
        self.columns = columns
        self._length = lengths.pop() if lengths else 0

    @classmethod
    def empty(cls, kind: type[R]) -> dict[str, list[Any]]:
        """Empty lists for every field of ``kind``, to extend table by table."""
        return {f.name: [] for f in fields(kind)}  # type: ignore[arg-type]

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> list[R]: ...
    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("record index out of range")
        return self.kind(*(column[index] for column in self.columns.values()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RecordColumns({self.kind.__name__}, {self._length} rows)"


def extend_columns(into: dict[str, list[Any]], more: Mapping[str, Sequence[Any]]) -> None:
    """Add a table's record columns to a file's (from :meth:`RecordColumns.empty`)."""
    for name, column in more.items():
        into[name].extend(column)


@dataclass(slots=True)
class ParsedFile:
    adapter: str
    platform: str
    report_type: str  # ATTENDANCE or REGISTRATION: what a re-export replaces
    layout: str
    webinars: list[WebinarRecord]
    # A list of records, or (Zoom, GoTo) the same records as columns: RecordColumns.
    registrations: list[RegistrationRecord] = field(default_factory=list)
    sessions: list[SessionRecord] = field(default_factory=list)
    rejects: list[RejectRecord] = field(default_factory=list)
    generated_at: datetime | None = None  # when the platform wrote the report (UTC)
    notes: list[str] = field(default_factory=list)
    data_rows: int = 0  # rows below a header: people, sessions or events (not preamble)

    @property
    def rows_kept(self) -> int:
        return self.data_rows - len(self.rejects)


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What an adapter may need besides the file: the series' zone for naive times, and
    the days the webinar catalogue gives each platform ID (:func:`catalogue_order`)."""

    timezone: str = "UTC"
    # The series-local days the catalogue lists each platform ID on (a recurring Zoom
    # webinar keeps one ID over several days), as text (:func:`encode_days`): a context
    # goes with every file to a parse worker, and as a dict a thousand webinars cost
    # 1.9 ms a file to pickle. Read with :meth:`days_of`.
    catalogue_days: str = ""

    def days_of(self, ident: str | None) -> frozenset[date]:
        """The days the catalogue lists the platform ID ``ident`` on."""
        if not self.catalogue_days or not ident:
            return frozenset()
        return _decode_days(self.catalogue_days).get(id_part(ident), frozenset())


def encode_days(days: Mapping[str, Iterable[date]]) -> str:
    """``{'82160901253': {date(2022, 3, 25)}}`` -> '82160901253=738239' (day ordinals)."""
    return ";".join(
        f"{ident}={','.join(str(d.toordinal()) for d in sorted(found))}"
        for ident, found in sorted(days.items())
    )


@lru_cache(maxsize=4)
def _decode_days(text: str) -> dict[str, frozenset[date]]:
    """:func:`encode_days` undone, once per worker for a run's one catalogue."""
    out: dict[str, frozenset[date]] = {}
    for item in text.split(";"):
        ident, _, ordinals = item.partition("=")
        out[ident] = frozenset(date.fromordinal(int(o)) for o in ordinals.split(",") if o)
    return out


class Adapter(Protocol):
    """A platform's report reader. One module per platform holds its adapters."""

    name: ClassVar[str]
    platform: ClassVar[str]

    def detect(self, table: SourceTable) -> float:
        """How sure (0–1) this adapter is that ``table`` is its report, from content alone."""
        ...

    def parse(self, table: SourceTable, context: ParseContext) -> ParsedFile: ...


# ---------------------------------------------------------------- header maps


@cache
def header_map(platform: str) -> dict[str, str]:
    """Folded header text -> canonical field, from ``headers/<platform>.csv``.

    Source quirks live in data (STYLE.md): a new layout or language is a new
    row in the CSV, not a new ``if``.
    """
    text = resources.files("pipeline.adapters").joinpath("headers", f"{platform}.csv")
    out: dict[str, str] = {}
    with text.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[fold(row["header"])] = row["field"]
    return out


@cache
def header_languages(platform: str) -> dict[str, frozenset[str]]:
    """Folded header -> the languages it is written in, from ``headers/<platform>.csv``.

    A set, because some headers fold alike across languages ('Meeting-ID').
    """
    text = resources.files("pipeline.adapters").joinpath("headers", f"{platform}.csv")
    out: dict[str, set[str]] = {}
    with text.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            out.setdefault(fold(r["header"]), set()).add(r["language"])
    return {k: frozenset(v) for k, v in out.items()}


# Fields that are registration questions: their header is what the organiser typed on
# the form (a Spanish 'Organización' or 'Cargo' on an English Zoom account), not the
# language of the interface that wrote the report's dates.
_QUESTION_FIELDS = frozenset(
    {"country", "department", "field", "industry", "job_title", "organization", "phone", "sector"}
)


def languages_of(cells: Iterable[str], platform: str) -> set[str]:
    """The languages a file's own header cells are written in.

    A cell English shares with another language ('Email') counts as English
    only, so an English file is never taken for a Spanish one. Registration
    questions do not count (``_QUESTION_FIELDS``): an English report whose
    organiser asked 'Cargo' and 'Organización' was read day-first, its
    03/05/2026 webinar stored as 3 May.
    """
    languages = header_languages(platform)
    fields = header_map(platform)
    out: set[str] = set()
    for cell in cells:
        key = header_key(cell)
        if fields.get(key) in _QUESTION_FIELDS:
            continue
        langs = languages.get(key, frozenset())
        out |= {"en"} if "en" in langs else langs
    return out


# The note a file gets when its header language, not its dates, settled the day/month order.
DAYFIRST_BY_LANGUAGE = (
    "dates could be read either way; read day-first because the headers are not in English"
)


# ... and when the file's semicolons settled it.
DAYFIRST_BY_SEMICOLON = (
    "dates could be read either way; read day-first because the file is separated by "
    "semicolons, as Excel saves it where dates are written day-first"
)


def by_catalogue(dayfirst: bool) -> str:
    """The note of a file whose day/month order the webinar catalogue's date settled."""
    order = "day-first" if dayfirst else "month-first"
    return (
        f"dates could be read either way; read {order} because only so does the "
        f"webinar start on the day the catalogue gives its ID"
    )


def catalogue_order(context: ParseContext, ident: str | None, start: str | None) -> bool | None:
    """The day/month order under which ``start`` falls on a day the catalogue lists
    for the webinar ``ident``; None if both orders do, or neither.

    A report re-saved by Excel in a day-first locale (en-GB) keeps its English
    headers and its commas, and a webinar on the 5th of March has only dates whose
    day is 12 or less: nothing in the file tells 05/03 from 3 May. Staff who keep
    a catalogue have written that webinar's date beside its ID.
    """
    days = context.days_of(ident)
    if not days or not start:
        return None
    fits = set()
    for dayfirst in (True, False):
        if local_day(parse_time_utc(start, context.timezone, dayfirst), context.timezone) in days:
            fits.add(dayfirst)
    return fits.pop() if len(fits) == 1 else None


def by_span(span: SpanOrder) -> str:
    """The note of a file whose day/month order the spread of its dates settled."""
    order = "day-first" if span.dayfirst else "month-first"
    return (
        f"dates could be read either way; read {order} because only so do its "
        f"{span.dates} distinct dates fall within {span.tight_days} days of each other "
        f"(read the other way, {span.loose_days} days apart)"
    )


def settle_day_order(
    values: Sequence[str | None],
    languages: set[str],
    delimiter: str | None = None,
    catalogue: bool | None = None,
) -> tuple[bool | None, str | None]:
    """The day/month order of a file whose time texts are ``values``, settled by its
    header language or its delimiter when its dates cannot.

    First, what the dates show (``infer_dayfirst``). When no day is
    above 12 they show nothing; Spanish, Portuguese, French and German
    interfaces write day-first (export-formats.md §1.5), so a file whose
    headers are in one of them is read day-first, with a note saying so.
    Korean and Japanese interfaces write the year first ('2023/02/15'), which
    says nothing about the day and month of a date written otherwise.

    A file separated by semicolons was saved by Excel in a locale whose list
    separator is ';' (export-formats.md §1.5, §7.2): one with a decimal comma,
    continental Europe or Latin America, which writes dates day-first (or
    year-first) even under the English headers Excel keeps.

    When neither says anything (an en-GB Excel re-save keeps English headers
    and commas), the order under which the webinar starts on the day the
    catalogue lists for its ID (``catalogue``, from :func:`catalogue_order`).
    It comes after them: an interface language and an Excel locale write one
    order always, while a date typed into the catalogue can be wrong, and a
    catalogue entry left unmatched shows up in the report's data quality.

    Last, the order under which the file's dates lie close together, when
    the other order scatters them over months
    (:func:`~pipeline.normalize.times.order_by_span`): an en-GB re-save of a
    webinar with registrations from 1 March reads as January to June
    month-first. Only the file's own dates, so it yields to the catalogue.
    """
    if (dayfirst := infer_dayfirst(values)) is not None:
        return dayfirst, None
    if languages & _DAY_FIRST_LANGUAGES:
        return True, DAYFIRST_BY_LANGUAGE
    if delimiter == ";":
        return True, DAYFIRST_BY_SEMICOLON
    if catalogue is not None:
        return catalogue, by_catalogue(catalogue)
    if (span := order_by_span(values)) is not None:
        return span.dayfirst, by_span(span)
    return None, None


_DAY_FIRST_LANGUAGES = frozenset({"es", "pt", "fr", "de"})


def header_key(cell: str) -> str:
    """A header cell as the header maps key it: folded, a required-field '*' dropped."""
    return fold(cell.rstrip("*"))


def header_field(cell: str, platform: str) -> str | None:
    """The canonical field of one cell (a header, a section marker, a known value)."""
    return header_map(platform).get(header_key(cell))


def map_headers(cells: Sequence[str], platform: str) -> list[str | None]:
    """Canonical field of each header cell (None when unknown).

    A field named twice keeps its first column: Zoom's admin flat table repeats
    'User Email' and 'Duration (Minutes)' (export-formats.md §1.4).
    """
    return list(_map_headers(tuple(cells), platform))


@lru_cache(maxsize=4096)
def _map_headers(cells: tuple[str, ...], platform: str) -> tuple[str | None, ...]:
    """Cached: detectors ask about the same top rows of a file many times.

    Bounded to a few files' worth of rows: the keys are whole rows, and a large
    cache would keep the data rows of every file a worker parsed alive.
    """
    seen: set[str] = set()
    out: list[str | None] = []
    for cell in cells:
        f = header_field(cell, platform)
        if f in seen:
            f = None
        if f:
            seen.add(f)
        out.append(f)
    return tuple(out)


# ASCII unit separator: joins a row's cells for the screen below. A cell holding one
# would split in two, so such a row is never screened out.
_SEPARATOR = "\x1f"
# What fold keeps of ASCII text, as bytes.translate arguments: letters (lower-cased) and
# digits. Everything else ASCII but the separator is deleted; UTF-8 bytes of non-ASCII
# characters (>= 0x80) are kept, so a non-ASCII cell never spells an ASCII header.
_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_NOT_KEPT = bytes(b for b in range(128) if not chr(b).isalnum() and b != 0x1F)


@cache
def _spellings(platform: str, fields: frozenset[str]) -> frozenset[bytes]:
    """The folded headers naming ``fields``, spaces removed: 'email address' -> b'emailaddress'."""
    return frozenset(
        k.replace(" ", "").encode() for k, f in header_map(platform).items() if f in fields
    )


def may_name(cells: Sequence[str], platform: str, fields: frozenset[str]) -> bool:
    """False when no cell of ``cells`` can be a ``platform`` header naming one of ``fields``.

    A screen for data rows, which adapters look up cell by cell only to learn
    that they are not headers or section markers (GoTo's table split: 35 -> 21
    us a row). For ASCII text, ``fold`` keeps exactly the letters and digits,
    lower-cased, so an ASCII cell can name a header only if its letters and
    digits spell that header's: one translate of the joined row tells. Non-ASCII
    cells (accents, NFKD compatibility forms) are looked up as ``map_headers``
    does. True means "perhaps": the caller then maps the row.
    """
    joined = _SEPARATOR.join(cells)
    if joined.count(_SEPARATOR) != len(cells) - 1:
        return True
    if not joined.isascii() and any(
        header_field(c, platform) in fields for c in cells if not c.isascii()
    ):
        return True
    spelled = joined.encode().translate(_LOWER, _NOT_KEPT).split(b"\x1f")
    return not _spellings(platform, fields).isdisjoint(spelled)


Record = tuple[dict[str, str | None], dict[str, str]]


def record_from(
    cells: Sequence[str], fields: Sequence[str | None], headers: Sequence[str]
) -> Record:
    """Split a data row into its canonical fields and the unmapped answers.

    Unmapped columns (custom registration questions, engagement counters) are
    kept as header -> value so nothing the registrant typed is lost.
    """
    return record_reader(fields, headers)(cells)


def record_reader(
    fields: Sequence[str | None], headers: Sequence[str]
) -> Callable[[Sequence[str]], Record]:
    """:func:`record_from` for the rows of one table, planned once for all of them.

    Adapters read thousands of rows under one header, and finding the plan
    again for every row (hashing the whole header and its fields) made splitting
    a Zoom registrant row 4.7 us instead of 3.4.
    """
    return _record_reader(tuple(fields), tuple(headers))


@lru_cache(maxsize=1024)
def _record_reader(
    fields: tuple[str | None, ...], headers: tuple[str, ...]
) -> Callable[[Sequence[str]], Record]:
    mapped, unmapped = _row_plan(fields, headers)
    # A row that reaches the last mapped column (nearly every row) skips asking, cell by
    # cell, whether it does: 2.3 -> 2.1 us a Zoom attendee row. (Picking the cells with
    # one itemgetter and pairing them by zip was slower: 2.5.)
    width = max((i for i, _ in mapped), default=-1) + 1

    def read(cells: Sequence[str]) -> Record:
        n = len(cells)
        if n >= width:
            known = {f: cells[i].strip() or None for i, f in mapped}
        else:
            known = {f: (cells[i].strip() or None) if i < n else None for i, f in mapped}
        if not unmapped:
            return known, {}
        extra = {h: v for i, h in unmapped if i < n and (v := cells[i].strip())}
        return known, extra

    return read


@dataclass(slots=True)
class TableColumns:
    """A table's rows a column at a time (:func:`table_columns`)."""

    lines: list[int]
    known: dict[str, Sequence[str]]  # field -> its cells as written ('' where a row has none)
    answers: list[dict[str, str]] | None  # each row's named questions; None: no questions
    times: dict[str, list[str | None]]  # each time field the table has -> its cells cleaned

    def cells(self, field: str) -> Sequence[str]:
        """The field's cells, or '' for every row when the table has no such column."""
        column = self.known.get(field)
        return column if column is not None else ("",) * len(self.lines)

    def answer(self, index: int) -> dict[str, str]:
        """The questions row ``index`` answered (a new dict each call when there are none)."""
        return self.answers[index] if self.answers is not None else {}

    def texts(self, field: str) -> list[str | None]:
        """A time column's cells cleaned; None for every row when the table has none."""
        texts = self.times.get(field)
        return texts if texts is not None else [None] * len(self.lines)

    def read_times(
        self, field: str, parsed: Mapping[str, list[datetime | None]]
    ) -> tuple[list[str | None], list[datetime | None]]:
        """A time column's cleaned texts and its times as ``parsed`` (the table's own, from
        :func:`~pipeline.normalize.times.parse_tables_utc`) read them; None where blank,
        and for every row when the table has no such column."""
        read = parsed.get(field)
        return self.texts(field), read if read is not None else [None] * len(self.lines)


def bad_times(
    times: Mapping[str, tuple[Sequence[str | None], Sequence[datetime | None]]],
    labels: Mapping[str, str],
) -> dict[int, str]:
    """Why a row's first time cell (in the order of ``times``, from
    :meth:`TableColumns.read_times`) that holds text but no time is not a date, by row."""
    bad: dict[int, str] = {}
    for name, (texts, read) in times.items():
        for k in compress(range(len(texts)), texts):
            if read[k] is None and k not in bad:
                bad[k] = not_a_date(labels[name], texts[k])
    return bad


def table_times(
    columns: Sequence[TableColumns],
    also: Iterable[str | None],
    languages: set[str],
    delimiter: str | None,
    catalogue: bool | None,
    zone: str,
) -> tuple[list[dict[str, list[datetime | None]]], bool | None, str | None]:
    """Every time cell of a file whose tables are read by columns, in UTC, table by
    table (:func:`~pipeline.normalize.times.parse_tables_utc`, for
    :meth:`TableColumns.read_times`); the file's day/month order; and the note
    saying what settled it when its dates did not.

    The order is settled once per file (:func:`settle_day_order`), from the
    tables' time cells and the ``also`` times its preamble writes (start,
    report date), by its header ``languages``, its delimiter, or the order
    under which its start falls on the catalogue's day (``catalogue``).
    """
    every = [v for c in columns for texts in c.times.values() for v in texts if v]
    every += filter(None, also)
    dayfirst, note = settle_day_order(every, languages, delimiter, catalogue)
    return parse_tables_utc([c.times for c in columns], zone, dayfirst), dayfirst, note


T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def map_distinct(function: Callable[[K], T], column: Sequence[K]) -> list[T]:
    """``[function(v) for v in column]``, calling ``function`` once per distinct value.

    For the columns of few distinct cells (statuses, countries, 'Yes', durations)
    that adapters read a column at a time. ``function`` must be pure.
    """
    done = {value: function(value) for value in set(column)}
    return list(map(done.__getitem__, column))


def table_columns(
    fields: Sequence[str | None],
    headers: Sequence[str],
    rows: Sequence[Row],
    time_fields: Iterable[str] = (),
) -> TableColumns:
    """:func:`record_reader` for a whole table at once: each field's cells as a column.

    A cell a short row lacks is '' (what ``record_from`` reads as None, as it
    reads a blank cell). The cells are as written, unstripped: every cleaner
    (``clean_cell``, ``fold``, the time and duration parsers) strips them. The
    answers are each row's named questions with their stripped non-blank
    values, as ``record_from`` gives them, or None when the table has none.
    Splitting a table this way is one transpose in C instead of a dict per row:
    adapters that read their rows a column at a time build no object per row.
    The ``time_fields`` the table has are cleaned once (``clean_cell``), for the
    time parsers, the checks and the records alike.
    """
    mapped, unmapped = _row_plan(tuple(fields), tuple(headers))
    width = max((i for i, _ in (*mapped, *unmapped)), default=-1) + 1
    cells: Sequence[Sequence[str]] = [r.cells for r in rows]
    if cells and min(map(len, cells)) < width:
        cells = [c if len(c) >= width else (*c, *("",) * (width - len(c))) for c in cells]
    # Rows longer than the widest column are cut to the shortest row: no column is lost.
    by_index: list[Sequence[str]] = list(zip(*cells, strict=False)) if cells and width else []
    if not by_index:
        by_index = [("",) * len(cells)] * width
    known = {f: by_index[i] for i, f in mapped}
    lines = [r.line for r in rows]
    times = {f: list(map(clean_cell, known[f])) for f in time_fields if f in known}
    if not unmapped:
        return TableColumns(lines, known, None, times)
    answers = [{h: v for i, h in unmapped if (v := c[i].strip())} for c in cells]
    return TableColumns(lines, known, answers, times)


@lru_cache(maxsize=1024)
def _row_plan(
    fields: tuple[str | None, ...], headers: tuple[str, ...]
) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
    """Which columns are fields and which are named questions, worked out once per table."""
    mapped, unmapped = [], []
    for i, header in enumerate(headers):
        f = fields[i]
        if f:
            mapped.append((i, f))
        elif header.strip():
            unmapped.append((i, header.strip()))
    return tuple(mapped), tuple(unmapped)


def webinar_key(platform: str, ident: str | None, title: str | None, local_day: date | None) -> str:
    """Identity of an occurrence: platform, platform id (or title), series-local date.

    Zoom reuses one webinar ID for every occurrence of a recurring webinar
    (DEFINITIONS.md, "Webinar"), so the date is part of the key.
    """
    ident_part = id_part(ident) or fold(title) or "untitled"
    day = local_day.isoformat() if local_day else UNDATED
    return f"{platform}:{ident_part}:{day}"


UNDATED = "undated"  # the day part of a key whose report states no date


def id_part(ident: str | None) -> str:
    """The platform ID's letters and digits, as a key holds them; '' keys by title."""
    return "".join(ch for ch in (ident or "") if ch.isalnum())


# ---------------------------------------------------------------- shared value rules

# Folded as the cells are (fold decomposes Hangul): Korean and Japanese as Zoom writes them.
_YES = frozenset(map(fold, ("yes", "y", "si", "sim", "oui", "true", "1", "x", "ja", "예", "はい")))
_NO = frozenset(
    map(fold, ("no", "n", "nao", "non", "false", "0", "nein", "아니요", "아니오", "いいえ"))
)
_STATUS_WORDS = {
    "approved": "approved",
    "aprobado": "approved",
    "aprobada": "approved",
    "registered": "approved",
    "registrado": "approved",
    "registrada": "approved",
    "accepted": "approved",
    "aceptado": "approved",
    "confirmed": "approved",
    "confirmado": "approved",
    "aprovado": "approved",
    "approuve": "approved",
    "inscrit": "approved",
    "approuvee": "approved",
    "aprovada": "approved",
    "registriert": "approved",
    "genehmigt": "approved",
    # Webex's German registration list (help.webex.com/de-de/article/n8zdflf).
    "akzeptiert": "approved",
    "angemeldet": "approved",
    "inscrito": "approved",
    "attending": "approved",
    "checked in": "approved",
    "pending": "pending",
    "pendiente": "pending",
    "pendente": "pending",
    "en attente": "pending",
    "ausstehend": "pending",
    "waitlisted": "pending",
    "waiting": "pending",
    "denied": "denied",
    "rejected": "denied",
    "declined": "denied",
    "denegado": "denied",
    "rechazado": "denied",
    "negado": "denied",
    "refuse": "denied",
    "refusee": "denied",
    "rechazada": "denied",
    "denegada": "denied",
    "rejeitado": "denied",
    "rejeitada": "denied",
    "recusado": "denied",
    "recusada": "denied",
    "abgelehnt": "denied",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "cancelado": "cancelled",
    "cancelada": "cancelled",
    "annule": "cancelled",
    "annulee": "cancelled",
    "storniert": "cancelled",
    "abgesagt": "cancelled",
    "not attending": "cancelled",
    "refunded": "cancelled",
    # Italian and Japanese interfaces (Teams webinars show '登録済み' for registered).
    "approvato": "approved",
    "approvata": "approved",
    "registrato": "approved",
    "registrata": "approved",
    "confermato": "approved",
    "confermata": "approved",
    "in attesa": "pending",
    "rifiutato": "denied",
    "rifiutata": "denied",
    "annullato": "cancelled",
    "annullata": "cancelled",
    "登録済み": "approved",
    "承認済み": "approved",
    "保留中": "pending",
    "拒否": "denied",
    "拒否済み": "denied",
    "キャンセル": "cancelled",
    "キャンセル済み": "cancelled",
}
# Keyed as fold() keys a cell, which decomposes kana as it does Hangul (as _YES and _NO).
_STATUS = {fold(word): status for word, status in _STATUS_WORDS.items()}


# Memoised, as registration_status below: a report repeats a handful of words ('Yes',
# 'No', '--', 'approved') in every row, and folding each again cost 0.2-0.3 us a call.
@lru_cache(maxsize=1024)
def yes_no(text: str | None) -> bool | None:
    f = fold(text)
    if f in _YES:
        return True
    if f in _NO:
        return False
    return None


@lru_cache(maxsize=1024)
def registration_status(text: str | None) -> str:
    """Canonical approval status; an unknown word counts as not approved ('pending').

    A status that begins with a cancelling or refusing word is that, whoever did
    it: Zoom writes 'cancelled by self' (real 2026 reports), which was pending.
    """
    f = fold(text)
    if not f:
        return "approved"
    status = _STATUS.get(f)
    if status is None:
        status = _STATUS.get(f.split(" ", 1)[0])
        if status not in ("cancelled", "denied"):
            status = "pending"
    return status


def full_name(first: str | None, last: str | None) -> str:
    """'First Last', either one alone, or ''.

    ``" ".join(p for p in (first, last) if p)``, spelled out: a generator and a
    join for every row cost 0.8 us instead of 0.2.
    """
    if first and last:
        return f"{first} {last}"
    return first or last or ""


def original_name(text: str | None, shared: frozenset[str] = frozenset()) -> str | None:
    """Zoom's 'Display (Original Name)': the original (registration) name, else the text.

    ``shared`` (from :func:`shared_brackets`) holds the folded bracket texts that
    follow different people's names in the same file: an organisation, not a name.
    """
    if text is None:
        return None
    value = text.strip()
    parts = split_bracket(value)
    if parts is None:
        return value or None
    display, inner = parts
    if _PRONOUNS.fullmatch(inner):  # 'Jane Doe (she/her)': the name is outside
        return display or None
    if shared and fold(inner) in shared:  # 'Maria Lopez (Ministerio de Hacienda)'
        return display or None
    if _NOT_A_NAME.search(inner):  # 'Bill's Notetaker (Otter.ai)': no original name
        return value
    if inner and fold(inner) not in {"guest", "invitado", "invitada", "invite", "convidado"}:
        return inner
    return display or None


def split_bracket(text: str) -> tuple[str, str] | None:
    """'Display (inner)' as its two stripped parts; None when the text ends in no bracket.

    Zoom writes a renamed person 'New Name (Original Name)' and the newer
    meeting block's host 'Name (email)'; people add pronouns or an organisation so.
    """
    value = text.strip()
    if not value.endswith(")") or " (" not in value:
        return None
    display, _, inner = value[:-1].rpartition(" (")
    return display.strip(), inner.strip()


def shared_brackets(texts: Iterable[str | None]) -> frozenset[str]:
    """Bracket texts that follow the names of different people in one file (folded).

    People write their organisation after their name ('Maria Lopez (Ministerio de
    Hacienda)'), which :func:`original_name` would take for the name Zoom had
    before a rename: three guests without e-mail from one ministry became one
    attendee. A rename keeps a word of the name ('Ana (Ana Pérez)', 'Ana P. (Ana
    Pérez)'), so only displays with no word in common make the text shared.
    """
    displays: dict[str, set[frozenset[str]]] = {}
    for text in texts:
        parts = split_bracket(text) if text else None
        if parts is not None and (words := frozenset(fold(parts[0]).split())):
            displays.setdefault(fold(parts[1]), set()).add(words)
    return frozenset(
        inner
        for inner, names in displays.items()
        if len(names) > 1 and any(not a & b for a, b in combinations(names, 2))
    )


# In brackets after a display name, what is no person's name: an address, a domain, digits.
_NOT_A_NAME = re.compile(r"[@\d]|\.\w")
# Pronouns people add to their display name: 'she/her', 'They / Them', 'ella/ela'.
_PRONOUNS = re.compile(r"[^\W\d_]+(?:\s*/\s*[^\W\d_]+)+")


@cache
def _question_patterns() -> tuple[tuple[str, object], ...]:
    text = resources.files("pipeline.adapters").joinpath("headers", "questions.csv")
    with text.open(encoding="utf-8", newline="") as handle:
        return tuple((r["field"], re.compile(r["pattern"])) for r in csv.DictReader(handle))


def question_field(header: str) -> str | None:
    """The canonical field a custom registration question asks for, if any.

    Registration forms ask 'Country', 'País de residencia', 'Type of organisation',
    '¿En qué institución trabaja?': matched by keyword on the folded question text.
    """
    folded = fold(header)
    for f, pattern in _question_patterns():
        if pattern.search(folded):  # type: ignore[attr-defined]
            return f or None  # '' : a question that is no field (kept among the answers)
    return None
