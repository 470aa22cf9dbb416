"""Fuzzing the readers and adapters (issue 8, item 1).

Every adapter is fed mutated versions of its own fixtures: truncated, bytes
flipped / inserted / deleted, columns dropped or reordered, re-encoded wrongly,
1 MB cells, NUL bytes, random binary, ZIPs renamed .csv, damaged workbooks.
The rule is the same for all of them: :func:`pipeline.ingest.parse_export`
either returns well-formed records or refuses the file with
``UnreadableFile`` / ``NotThisFormat`` and a message saying why. Any other
exception, or a parse slower than the time budget, is a bug.

A second rule goes through the warehouse: ``load_parsed`` stores a file
entirely or, when anything fails midway, not at all.

The default run keeps ``max_examples`` small (the whole file runs in well
under a minute); ``-m slow`` adds the heavy variant. The explicit regression
tests at the end are the minimal inputs of the bugs fuzzing found.
"""

from __future__ import annotations

import csv
import io
import signal
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline.ingest
from pipeline.adapters import registry
from pipeline.adapters.base import (
    ATTENDANCE,
    REGISTRATION,
    ROLES,
    NotThisFormat,
    ParseContext,
    ParsedFile,
)
from pipeline.adapters.generic import load_mappings
from pipeline.adapters.teams import retabbed
from pipeline.ingest import content_hash, load_parsed, parse_export
from pipeline.readers import SourceTable, UnreadableFile, read_table
from pipeline.readers.table import decode
from pipeline.warehouse import open_db

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGALRM"), reason="the per-example time budget needs SIGALRM"
)

FIXTURES = Path(__file__).parent / "fixtures"
PLATFORM_FOLDERS = ("zoom", "zoom_meetings", "teams", "goto", "webex", "generic", "series")
# A zone with DST and a non-zero offset, so local -> UTC really moves times.
CONTEXT = ParseContext(timezone="America/Mexico_City")
MAPPINGS = load_mappings(FIXTURES / "generic")
TIME_BUDGET_SECONDS = 10
ONE_MEGABYTE = 1024 * 1024
# Where files that come from no fixture "sit": inside the generic folder, so the
# mappings' match_headers are tried on them too.
NOWHERE = FIXTURES / "generic" / "export.csv"

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# A 1 MB cell costs ~1 s to parse (a dozen adapters look at it), so that property
# runs fewer examples to keep the default run under a minute.
FAST_HUGE = settings(FAST, max_examples=20)
HEAVY_HUGE = settings(FAST, max_examples=40)
HEAVY = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ---------------------------------------------------------------- the fixtures


@dataclass(frozen=True, slots=True)
class Sample:
    """One fixture file and how the reader reads it (None for files it refuses)."""

    path: Path
    data: bytes
    encoding: str | None  # 'utf-8', 'utf-16-le', 'xlsx'...; None when unreadable
    delimiter: str | None

    @property
    def is_text(self) -> bool:
        return self.encoding is not None and self.encoding != "xlsx"

    @property
    def is_workbook(self) -> bool:
        return self.encoding == "xlsx"

    @property
    def has_bom(self) -> bool:
        return self.data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))

    def text(self) -> str:
        return decode(self.data)[0]

    def rows(self) -> list[list[str]]:
        """The cells of every row, as the reader splits them."""
        if self.is_workbook:
            return [list(r.cells) for r in read_table(self.data, self.path.name).rows]
        reader = csv.reader(io.StringIO(self.text(), newline=""), delimiter=self.delimiter or ",")
        return [list(cells) for cells in reader]

    def __repr__(self) -> str:
        return f"Sample({self.path.parent.name}/{self.path.name})"


def _load_samples() -> list[Sample]:
    out = []
    for folder in PLATFORM_FOLDERS:
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix.lower() not in (".csv", ".xlsx"):
                continue
            data = path.read_bytes()
            try:
                table = read_table(data, path.name)
            except UnreadableFile:
                out.append(Sample(path, data, None, None))
                continue
            encoding = "xlsx" if table.container == "xlsx" else table.encoding
            out.append(Sample(path, data, encoding, table.delimiter))
    return out


SAMPLES = _load_samples()
TEXT_SAMPLES = [s for s in SAMPLES if s.is_text]
EIGHT_BIT_SAMPLES = [s for s in TEXT_SAMPLES if not s.encoding.startswith("utf-16")]  # type: ignore[union-attr]
UTF16_SAMPLES = [s for s in TEXT_SAMPLES if s.encoding.startswith("utf-16")]  # type: ignore[union-attr]
WORKBOOK_SAMPLES = [s for s in SAMPLES if s.is_workbook]
TABLE_SAMPLES = [s for s in SAMPLES if s.is_text or s.is_workbook]


def encode_like(sample: Sample, text: str) -> bytes:
    """``text`` in the sample's own encoding, with its byte-order mark if it had one."""
    encoding = sample.encoding or "utf-8"
    if encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    if encoding.startswith("utf-16"):
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
        return (bom if sample.has_bom else b"") + text.encode(encoding)
    if encoding == "cp1252":
        return text.encode("cp1252", errors="replace")
    return text.encode("utf-8")


def serialise_like(sample: Sample, rows: list[list[str]]) -> bytes:
    """Rows written back in the sample's container, encoding and delimiter."""
    if sample.is_workbook:
        from openpyxl import Workbook

        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sample.delimiter or ",", lineterminator="\r\n").writerows(rows)
    return encode_like(sample, buffer.getvalue())


# ---------------------------------------------------------------- mutants


class Mutant:
    """Bytes to parse, where they would sit, and how they were made (for the report).

    Not a dataclass: hypothesis prints a dataclass field by field, 1 MB included.
    """

    __slots__ = ("data", "how", "path")

    def __init__(self, how: str, path: Path, data: bytes) -> None:
        self.how, self.path, self.data = how, path, data

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def __repr__(self) -> str:
        head = self.data[:300]
        more = f" ... ({len(self.data)} bytes)" if len(self.data) > len(head) else ""
        return f"Mutant({self.how!r}, {self.path.name!r}, {head!r}{more})"


samples = st.sampled_from(SAMPLES)
table_samples = st.sampled_from(TABLE_SAMPLES)

# Bytes that mean something to a reader or an adapter: delimiters, quotes, line
# ends, section titles, dates at the edge of the calendar.
TOKENS = (
    ",",
    ";",
    "\t",
    '"',
    "\r\n",
    "\n",
    "\r",
    "\x00",
    "\ufeff",
    "--",
    "Attendee Details",
    "Host Details",
    "2. Participants",
    "3. In-Meeting Activities",
    "Meeting Summary",
    "Topic,Webinar ID",
    "13/31/2025 25:61:00",
    "0001-01-01 00:00:00",
    "9999-12-31 23:59:59",
    "12/31/9999 11:59:59 PM GMT-12",
    "1/1/1 0:00 GMT+99:99",
    "Joined",
    "Left",
)


@st.composite
def truncated(draw: st.DrawFn, pool: st.SearchStrategy[Sample] = samples) -> Mutant:
    sample = draw(pool)
    cut = draw(st.integers(0, len(sample.data)))
    return Mutant(f"truncated at byte {cut}", sample.path, sample.data[:cut])


@st.composite
def bytes_flipped(draw: st.DrawFn, pool: st.SearchStrategy[Sample] = samples) -> Mutant:
    sample = draw(pool)
    data = bytearray(sample.data)
    edits = draw(
        st.lists(
            st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)), min_size=1, max_size=8
        )
    )
    for at, value in edits:
        data[at] = value
    return Mutant(f"bytes set {edits}", sample.path, bytes(data))


@st.composite
def bytes_inserted(draw: st.DrawFn) -> Mutant:
    sample = draw(samples)
    data = sample.data
    inserts = []
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        if sample.is_text and draw(st.booleans()):
            piece = encode_like(sample, draw(st.sampled_from(TOKENS))).removeprefix(b"\xff\xfe")
            piece = piece.removeprefix(b"\xfe\xff").removeprefix(b"\xef\xbb\xbf")
        else:
            piece = draw(st.binary(min_size=1, max_size=16))
        data = data[:at] + piece + data[at:]
        inserts.append((at, piece))
    return Mutant(f"inserted {inserts}", sample.path, data)


@st.composite
def bytes_deleted(draw: st.DrawFn, pool: st.SearchStrategy[Sample] = samples) -> Mutant:
    sample = draw(pool)
    data = sample.data
    cuts = []
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        length = draw(st.integers(1, 64))
        data = data[:at] + data[at + length :]
        cuts.append((at, length))
    return Mutant(f"deleted (at, length) {cuts}", sample.path, data)


@st.composite
def reshaped(draw: st.DrawFn, pool: st.SearchStrategy[Sample] = table_samples) -> Mutant:
    """Columns dropped or reordered, rows dropped, duplicated or cut short; same encoding."""
    sample = draw(pool)
    rows = sample.rows()
    width = max((len(r) for r in rows), default=1) or 1
    kind = draw(
        st.sampled_from(
            [
                "drop a column",
                "reorder every row's columns",
                "reorder one row's columns",
                "drop rows",
                "duplicate a row",
                "cut one row short",
            ]
        )
    )
    if kind == "drop a column":
        col = draw(st.integers(0, width - 1))
        rows = [r[:col] + r[col + 1 :] for r in rows]
    elif kind == "reorder every row's columns":
        order = draw(st.permutations(range(width)))
        rows = [[r[i] for i in order if i < len(r)] for r in rows]
    elif kind == "reorder one row's columns" and rows:
        i = draw(st.integers(0, len(rows) - 1))
        rows[i] = draw(st.permutations(rows[i]))
    elif kind == "drop rows" and rows:
        gone = set(draw(st.lists(st.integers(0, len(rows) - 1), min_size=1, max_size=4)))
        rows = [r for i, r in enumerate(rows) if i not in gone]
    elif kind == "duplicate a row" and rows:
        i = draw(st.integers(0, len(rows) - 1))
        rows.insert(draw(st.integers(0, len(rows))), list(rows[i]))
    elif kind == "cut one row short" and rows:
        i = draw(st.integers(0, len(rows) - 1))
        rows[i] = rows[i][: draw(st.integers(0, len(rows[i])))]
    return Mutant(kind, sample.path, serialise_like(sample, rows))


# Whole-file re-encodings: what a spreadsheet or a text editor does to an export.
TRANSCODINGS: dict[str, Callable[[str], bytes]] = {
    "as UTF-8": lambda t: t.encode("utf-8"),
    "as UTF-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "as UTF-16-LE with BOM": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "as UTF-16-LE without BOM": lambda t: t.encode("utf-16-le"),
    "as UTF-16-BE without BOM": lambda t: t.encode("utf-16-be"),
    "as Windows-1252": lambda t: t.encode("cp1252", errors="replace"),
    "UTF-8 mis-read as Windows-1252 and saved as UTF-8": lambda t: (
        t.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    ),
    "UTF-8 bytes behind a UTF-16 BOM": lambda t: b"\xff\xfe" + t.encode("utf-8"),
    "UTF-16 bytes behind a UTF-8 BOM": lambda t: b"\xef\xbb\xbf" + t.encode("utf-16-le"),
    "UTF-16-LE bytes behind a UTF-16-BE BOM": lambda t: b"\xfe\xff" + t.encode("utf-16-le"),
    "UTF-16 with one byte dropped": lambda t: (b"\xff\xfe" + t.encode("utf-16-le"))[:-1],
}


@st.composite
def wrongly_encoded(draw: st.DrawFn) -> Mutant:
    sample = draw(st.sampled_from(TEXT_SAMPLES))
    how = draw(st.sampled_from(sorted(TRANSCODINGS)))
    return Mutant(
        f"{sample.encoding} text written {how}", sample.path, TRANSCODINGS[how](sample.text())
    )


@st.composite
def with_a_huge_cell(draw: st.DrawFn) -> Mutant:
    """One cell (header, metadata or data) replaced by a 1 MB run of a short pattern."""
    sample = draw(st.sampled_from(TEXT_SAMPLES))
    rows = sample.rows() or [[""]]
    i = draw(st.integers(0, len(rows) - 1))
    rows[i] = rows[i] or [""]
    j = draw(st.integers(0, len(rows[i]) - 1))
    pattern = draw(st.text(alphabet='a1 /:-,."\t\nAPM()@éñ日\u0301', min_size=1, max_size=6))
    rows[i][j] = (pattern * (ONE_MEGABYTE // len(pattern) + 1))[:ONE_MEGABYTE]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sample.delimiter or ",", lineterminator="\r\n").writerows(rows)
    data = encode_like(sample, buffer.getvalue())
    return Mutant(f"row {i} cell {j} = {pattern!r} * 1 MB", sample.path, data)


@st.composite
def with_nul_bytes(draw: st.DrawFn) -> Mutant:
    sample = draw(st.sampled_from(TEXT_SAMPLES))
    data = sample.data
    at_list = draw(st.lists(st.integers(0, len(data)), min_size=1, max_size=8))
    run = draw(st.sampled_from([b"\x00", b"\x00\x00", b"\x00" * 7]))
    for at in sorted(at_list, reverse=True):
        data = data[:at] + run + data[at:]
    return Mutant(f"{run!r} inserted at {sorted(at_list)}", sample.path, data)


MAGIC = (b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe")


@st.composite
def random_binary(draw: st.DrawFn) -> Mutant:
    prefix = draw(st.sampled_from(MAGIC))
    body = draw(st.binary(max_size=2048))
    return Mutant(f"random bytes after {prefix!r}", NOWHERE, prefix + body)


entry_names = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789_./[]", min_size=1, max_size=20
).filter(lambda n: not n.startswith(("xl/", "/")))


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return out.getvalue()


@st.composite
def zip_named_csv(draw: st.DrawFn) -> Mutant:
    """A ZIP archive (a zipped export, a Word file...) renamed '.csv'."""
    entries = draw(
        st.lists(
            st.tuples(entry_names, st.binary(max_size=512)),
            min_size=1,
            max_size=4,
            unique_by=lambda e: e[0],
        )
    )
    return Mutant(f"zip of {[n for n, _ in entries]}", NOWHERE, _zip(entries))


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


@st.composite
def damaged_workbook(draw: st.DrawFn) -> Mutant:
    """A real workbook with one zip entry dropped, cut, garbled, or its stream corrupted."""
    sample = draw(st.sampled_from(WORKBOOK_SAMPLES))
    entries = _entries(sample.data)
    i = draw(st.integers(0, len(entries) - 1))
    name, content = entries[i]
    kind = draw(st.sampled_from(["drop", "truncate", "flip", "garbage", "empty", "raw stream"]))
    if kind == "raw stream":
        # Flip a byte inside the entry's compressed data, headers intact: a CRC error.
        with zipfile.ZipFile(io.BytesIO(sample.data)) as archive:
            info = archive.getinfo(name)
        local = sample.data[info.header_offset : info.header_offset + 30]
        start = (
            info.header_offset
            + 30
            + int.from_bytes(local[26:28], "little")
            + int.from_bytes(local[28:30], "little")
        )
        at = start + draw(st.integers(0, max(0, info.compress_size - 1)))
        data = bytearray(sample.data)
        data[at] ^= draw(st.integers(1, 255))
        return Mutant(f"{name}: compressed byte {at} flipped", sample.path, bytes(data))
    if kind == "drop":
        del entries[i]
    elif kind == "truncate":
        entries[i] = (name, content[: draw(st.integers(0, max(0, len(content) - 1)))])
    elif kind == "flip":
        garbled = bytearray(content or b"\x00")
        for _ in range(draw(st.integers(1, 8))):
            garbled[draw(st.integers(0, len(garbled) - 1))] = draw(st.integers(0, 255))
        entries[i] = (name, bytes(garbled))
    elif kind == "garbage":
        entries[i] = (name, draw(st.binary(max_size=256)))
    else:
        entries[i] = (name, b"")
    return Mutant(f"{name}: {kind}", sample.path, _zip(entries))


any_mutant = st.one_of(
    truncated(),
    bytes_flipped(),
    bytes_inserted(),
    bytes_deleted(),
    reshaped(),
    wrongly_encoded(),
    with_nul_bytes(),
    random_binary(),
    zip_named_csv(),
    damaged_workbook(),
)


# ---------------------------------------------------------------- the rule


class ParseTimedOut(BaseException):
    """Raised by SIGALRM; a BaseException so no ``except Exception`` in the code swallows it."""


@contextmanager
def time_budget(seconds: int, what: str) -> Iterator[None]:
    """Fail the test when the block runs longer than ``seconds`` (a hang is a bug).

    SIGALRM interrupts Python code only: a loop inside a C extension would be
    reported when it returns, or by pytest's own timeout.
    """

    def on_alarm(signum: int, frame: object) -> None:
        raise ParseTimedOut

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    except ParseTimedOut:
        pytest.fail(f"{what} took longer than {seconds} s: a hang")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def parse(mutant: Mutant) -> tuple[SourceTable, ParsedFile] | Exception:
    """The parse of ``mutant`` within the time budget, or the rejection it raised.

    Any exception other than UnreadableFile / NotThisFormat propagates and fails the test.
    """
    with time_budget(TIME_BUDGET_SECONDS, f"parsing {mutant!r}"):
        try:
            return parse_export(mutant.data, mutant.path.name, CONTEXT, mutant.path, MAPPINGS)
        except (UnreadableFile, NotThisFormat) as exc:
            return exc


def assert_naive_time(value: object, what: str) -> None:
    assert value is None or (isinstance(value, datetime) and value.tzinfo is None), (
        f"{what} is {value!r}: times are naive UTC datetimes or None"
    )


def assert_line(value: object, what: str) -> None:
    assert isinstance(value, int) and not isinstance(value, bool) and value >= 1, (
        f"{what} line {value!r}: lines are ints from 1"
    )


def assert_well_formed(parsed: ParsedFile) -> None:
    """What the warehouse and the SQL models rely on, whatever the file held."""
    assert isinstance(parsed, ParsedFile)
    assert parsed.webinars, "a parsed file names at least one webinar"
    assert parsed.report_type in (ATTENDANCE, REGISTRATION)
    keys = {w.key for w in parsed.webinars}
    for w in parsed.webinars:
        assert isinstance(w.key, str) and w.key
        assert_naive_time(w.start_at, f"webinar {w.key} start")
    assert_naive_time(parsed.generated_at, "generated_at")
    for s in parsed.sessions:
        assert s.webinar_key in keys, f"session line {s.line} names unknown {s.webinar_key}"
        assert s.role in ROLES
        assert_line(s.line, "session")
        assert_naive_time(s.join_at, f"session line {s.line} join")
        assert_naive_time(s.leave_at, f"session line {s.line} leave")
    for r in parsed.registrations:
        assert r.webinar_key in keys, f"registration line {r.line} names unknown {r.webinar_key}"
        assert_line(r.line, "registration")
        assert_naive_time(r.registered_at, f"registration line {r.line}")
    for j in parsed.rejects:
        assert_line(j.line, "reject")
        assert isinstance(j.reason, str) and j.reason.strip()
    assert parsed.data_rows >= len(parsed.rejects), (
        f"{len(parsed.rejects)} rejects out of {parsed.data_rows} data rows"
    )


def assert_parsed_or_rejected(mutant: Mutant) -> ParsedFile | None:
    """The rule of this file: well-formed records, or a refusal that says why."""
    result = parse(mutant)
    if isinstance(result, Exception):
        assert str(result).strip(), f"{type(result).__name__} without a message"
        return None
    _table, parsed = result
    assert_well_formed(parsed)
    return parsed


# ---------------------------------------------------------------- the properties


def test_every_adapter_is_reached_by_an_unmutated_fixture() -> None:
    """Fuzzing a fixture only tests an adapter if the fixture reaches it in the first place."""
    reached = set()
    for sample in SAMPLES:
        parsed = assert_parsed_or_rejected(Mutant("as is", sample.path, sample.data))
        if parsed is not None:
            reached.add(parsed.adapter)
    assert {a.name for a in registry()} | {"generic"} <= reached


@FAST
@given(truncated())
def test_a_file_truncated_at_any_byte_parses_or_is_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(bytes_flipped())
def test_a_file_with_bytes_flipped_parses_or_is_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(bytes_inserted())
def test_a_file_with_bytes_inserted_parses_or_is_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(bytes_deleted())
def test_a_file_with_bytes_deleted_parses_or_is_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(reshaped())
def test_columns_dropped_or_reordered_and_rows_dropped_parse_or_are_rejected(
    mutant: Mutant,
) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(wrongly_encoded())
def test_a_file_in_the_wrong_encoding_parses_or_is_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST_HUGE
@given(with_a_huge_cell())
def test_a_one_megabyte_cell_anywhere_parses_or_is_rejected_in_time(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(with_nul_bytes())
def test_nul_bytes_in_a_text_export_parse_or_are_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(st.sampled_from(EIGHT_BIT_SAMPLES), st.integers(0, 10**6), st.integers(1, 4))
def test_a_nul_byte_in_an_eight_bit_text_export_makes_it_unreadable(
    sample: Sample, where: int, how_many: int
) -> None:
    at = where % (len(sample.data) + 1)
    data = sample.data[:at] + b"\x00" * how_many + sample.data[at:]
    result = parse(Mutant(f"{how_many} NUL at {at}", sample.path, data))
    assert isinstance(result, UnreadableFile), result


@FAST
@given(random_binary())
def test_random_binary_is_rejected_or_parses(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@FAST
@given(zip_named_csv())
def test_a_zip_archive_renamed_csv_is_unreadable(mutant: Mutant) -> None:
    result = parse(mutant)
    assert isinstance(result, UnreadableFile), result
    assert "ZIP" in str(result)


@FAST
@given(damaged_workbook())
def test_an_xlsx_with_a_damaged_zip_entry_parses_or_is_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


EMPTY_FILES = {
    "no bytes": b"",
    "spaces": b"   ",
    "line ends": b"\r\n\r\n\n",
    "NUL bytes": b"\x00\x00\x00\x00",
    "UTF-8 BOM only": b"\xef\xbb\xbf",
    "UTF-16 BOM only": b"\xff\xfe",
    "UTF-16 BOM and a line end": b"\xff\xfe" + "\r\n".encode("utf-16-le"),
    "only delimiters": b",,,\r\n,,\r\n",
    "only tabs": b"\t\t\n\t\n",
    "an empty ZIP": _zip([]),
}


@pytest.mark.parametrize("data", EMPTY_FILES.values(), ids=EMPTY_FILES.keys())
def test_an_empty_file_is_unreadable_with_a_reason(data: bytes) -> None:
    result = parse(Mutant("empty", NOWHERE, data))
    assert isinstance(result, UnreadableFile), result
    assert str(result).strip()


@pytest.mark.slow
@HEAVY
@given(any_mutant)
def test_many_mutants_of_every_kind_parse_or_are_rejected(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


@pytest.mark.slow
@HEAVY_HUGE
@given(with_a_huge_cell())
def test_many_one_megabyte_cells_parse_or_are_rejected_in_time(mutant: Mutant) -> None:
    assert_parsed_or_rejected(mutant)


# ---------------------------------------------------------------- through the warehouse

COUNTED = (
    "audit.files",
    "audit.rejected_rows",
    "raw.lines",
    "raw.webinars",
    "raw.registrations",
    "raw.sessions",
)


class InjectedFault(Exception):
    """A failure planted in the middle of storing a file."""


@dataclass(slots=True)
class Warehouse:
    con: duckdb.DuckDBPyConnection
    folder: Path
    n: int = 0

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED}

    def active(self) -> list[tuple[Any, ...]]:
        return self.con.execute("select * from audit.active_reports order by all").fetchall()

    def file_for(self, mutant: Mutant) -> Path:
        self.n += 1
        path = self.folder / f"{self.n:05d}-{mutant.path.name}"
        path.write_bytes(mutant.data)
        return path


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    folder = tmp_path_factory.mktemp("fuzz-warehouse")
    con = open_db(folder / "webinars.duckdb")
    try:
        yield Warehouse(con, folder)
    finally:
        con.close()


@cache
def parsing_samples() -> list[Sample]:
    """The fixtures that parse as they are: their mild mutants mostly parse too."""
    return [s for s in SAMPLES if not isinstance(parse(Mutant("as is", s.path, s.data)), Exception)]


# Mostly-parsing files, so that most examples reach the warehouse.
parsing = st.deferred(lambda: st.sampled_from(parsing_samples()))
parsing_tables = st.deferred(
    lambda: st.sampled_from([s for s in parsing_samples() if s in TABLE_SAMPLES])
)
mild_mutants = st.one_of(
    parsing.map(lambda s: Mutant("as is", s.path, s.data)),
    truncated(parsing),
    bytes_flipped(parsing),
    bytes_deleted(parsing),
    reshaped(parsing_tables),
)


def check_stored_whole_or_not_at_all(
    warehouse: Warehouse, mutant: Mutant, fail_after: int | None
) -> None:
    """``load_parsed`` with a fault planted after the ``fail_after``-th frame insert."""
    result = parse(mutant)
    if isinstance(result, Exception):
        return  # refused before the warehouse: nothing to store
    table, parsed = result
    path = warehouse.file_for(mutant)
    before, active_before = warehouse.counts(), warehouse.active()
    real = pipeline.ingest.execute_with_frame
    calls = 0

    def faulty(*args: Any, **kwargs: Any) -> None:
        nonlocal calls
        real(*args, **kwargs)  # the rows really go in, inside the transaction...
        calls += 1
        if fail_after is not None and calls >= fail_after:
            raise InjectedFault(f"planted after frame insert {calls}")  # ...then this

    error: BaseException | None = None
    with (
        mock.patch.object(pipeline.ingest, "execute_with_frame", faulty),
        time_budget(TIME_BUDGET_SECONDS, f"storing {mutant!r}"),
    ):
        try:
            load_parsed(warehouse.con, path, content_hash(mutant.data), table, parsed)
        except (InjectedFault, duckdb.Error) as exc:  # duckdb: the same bytes loaded twice
            error = exc
    after = warehouse.counts()
    if error is None:
        assert after == {
            "audit.files": before["audit.files"] + 1,
            "audit.rejected_rows": before["audit.rejected_rows"] + len(parsed.rejects),
            "raw.lines": before["raw.lines"] + len(table.rows),
            "raw.webinars": before["raw.webinars"] + len(parsed.webinars),
            "raw.registrations": before["raw.registrations"] + len(parsed.registrations),
            "raw.sessions": before["raw.sessions"] + len(parsed.sessions),
        }
    else:
        assert after == before, f"{error!r} left part of the file behind"
        assert warehouse.active() == active_before
    # No transaction is left open: the next file can begin its own.
    warehouse.con.execute("begin")
    warehouse.con.execute("rollback")


@FAST
@given(mild_mutants, st.none() | st.integers(1, 6))
def test_a_mutated_file_is_stored_whole_or_not_at_all(
    warehouse: Warehouse, mutant: Mutant, fail_after: int | None
) -> None:
    check_stored_whole_or_not_at_all(warehouse, mutant, fail_after)


@pytest.mark.slow
@HEAVY
@given(any_mutant, st.none() | st.integers(1, 6))
def test_many_mutated_files_are_stored_whole_or_not_at_all(
    warehouse: Warehouse, mutant: Mutant, fail_after: int | None
) -> None:
    check_stored_whole_or_not_at_all(warehouse, mutant, fail_after)


# ---------------------------------------------------------------- regressions found by fuzzing


def _central_directory(data: bytes) -> int:
    return data.index(b"PK\x01\x02")


def test_a_zip_whose_directory_claims_an_unknown_zip_version_is_unreadable() -> None:
    """zipfile raised NotImplementedError('zip file version 16.9'), not BadZipFile."""
    data = bytearray(_zip([("xl/workbook.xml", b"<workbook/>")]))
    data[_central_directory(data) + 6] = 169  # 'version needed to extract': 16.9
    with pytest.raises(UnreadableFile, match="archive is damaged"):
        read_table(bytes(data), "export.xlsx")


def test_a_zip_entry_name_flagged_utf8_but_not_utf8_is_unreadable() -> None:
    """zipfile raised UnicodeDecodeError reading the archive's directory."""
    data = bytearray(_zip([("xl/ab", b"x")]))
    cd = _central_directory(data)
    data[cd + 9] |= 0x08  # general purpose flags, bit 11: names are UTF-8
    data[cd + 46 + 3 : cd + 46 + 5] = b"\xff\xfe"  # 'xl/\xff\xfe' is not UTF-8
    with pytest.raises(UnreadableFile, match="archive is damaged"):
        read_table(bytes(data), "export.xlsx")


def test_teams_keeps_the_comma_split_when_a_quoted_cell_holds_a_line_break() -> None:
    """retabbed() raised csv.Error ('new-line character seen in unquoted field')."""
    data = b'Webinar Name,"Open contracting, \nlocal level\t"\r\nA\tB,C\r\n'
    table = read_table(data, "f.csv")
    assert retabbed(table) is table
    with pytest.raises(NotThisFormat):
        parse_export(data, "f.csv", CONTEXT)


@pytest.mark.parametrize(
    "when", ["0001-01-01 00:00:00", "9999-12-31 23:59:59", "0001-01-01 00:00:00 GMT+5"]
)
def test_a_join_time_in_year_1_or_9999_rejects_its_row_instead_of_overflowing(
    when: str,
) -> None:
    """to_utc raised OverflowError moving such a time by the zone's offset."""
    data = (
        "Meeting Name,Display Name,Attendee Email,Join Time,Leave Time\r\n"
        f"Budget,Ana,ana@example.org,{when},{when}\r\n"
        "Budget,Bo,bo@example.org,2025-03-01 10:00:00,2025-03-01 11:00:00\r\n"
    ).encode()
    _table, parsed = parse_export(data, "f.csv", ParseContext("Asia/Tokyo"))
    assert [(r.line, r.reason) for r in parsed.rejects] == [
        (2, f"Join Time {when!r} is not a date")
    ]
    assert [s.email for s in parsed.sessions] == ["bo@example.org"]
