"""Read any export's bytes into a :class:`SourceTable` of text rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_DELIMITERS = (",", ";", "\t")
_SNIFF_ROWS = 200
# A cell longer than this is not something a platform writes; csv's own limit
# (128 KiB) would raise mid-file, so raise it and let adapters judge content.
_FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(_FIELD_LIMIT)


class UnreadableFile(ValueError):
    """The bytes are not a table this pipeline can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Row:
    """One source row: its 1-based physical line (or sheet row) and its cells."""

    line: int
    cells: tuple[str, ...]

    def first(self) -> str:
        return self.cells[0].strip() if self.cells else ""

    def is_blank(self) -> bool:
        # Every cell is whitespace exactly when their concatenation is: one join and one
        # strip in C (half the cost of a generator over the cells; asked of every row).
        return not "".join(self.cells).strip()

    def trimmed(self) -> tuple[str, ...]:
        """The cells without the trailing empty ones that Zoom and GoTo pad rows with."""
        end = len(self.cells)
        while end and not self.cells[end - 1].strip():
            end -= 1
        return self.cells[:end]


@dataclass(frozen=True, slots=True, weakref_slot=True)
class SourceTable:
    """A file read as rows of text, with how it was read.

    Weakly referable, so that what remembers a table for a moment (the Teams
    adapter's last re-split) never keeps a parsed file's rows alive.
    """

    name: str
    rows: list[Row]
    encoding: str
    delimiter: str | None
    container: str  # 'text' or 'xlsx'
    notes: list[str] = field(default_factory=list)
    # The line of a last row the file stops inside (a download cut short), else None.
    cut_line: int | None = None

    def non_blank(self) -> list[Row]:
        return [r for r in self.rows if not r.is_blank()]


def read_table(data: bytes, name: str = "<bytes>") -> SourceTable:
    """Decode a whole file's bytes into rows; UnreadableFile if it is not a table."""
    if not data.strip(b" \t\r\n\x00"):
        raise UnreadableFile("the file is empty")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _read_legacy_excel(data, name)
    text, encoding = decode(data)
    return _read_text(text, name, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes by BOM, then UTF-16 without BOM, then UTF-8, then cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableFile(
                    f"starts with a {encoding} byte-order mark but is not "
                    f"valid {encoding} (byte {exc.start})"
                ) from None
    sample = data[:4096]
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(sample) >= 4 and sample.count(b"\x00") >= len(sample) // 3:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            raise UnreadableFile("looks like binary data, not a text export") from None
    if b"\x00" in sample:
        raise UnreadableFile("looks like binary data, not a text export")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 1000):
        raise UnreadableFile("is neither UTF-8, UTF-16 nor Windows-1252 text")
    return text, "cp1252"


def sniff_delimiter(lines: list[str]) -> str:
    """Pick the delimiter whose split gives the most rows of the most common width.

    Counting whole parsed rows (not characters) keeps commas inside quoted Zoom
    dates and inside unquoted names of a semicolon file from fooling the choice.
    """
    best, best_score = ",", -1.0
    sample = "\n".join(lines[:_SNIFF_ROWS])
    # When no other delimiter occurs, only the default (',') can split a row, and it wins
    # either way: parsing the sample (a fifth of reading a 1,000-row export) cannot change
    # the answer. Not with a NUL, a bare CR or a field over csv's limit: that parse raises.
    if (
        not any(d in sample for d in _DELIMITERS if d != best)
        and "\x00" not in sample
        and "\r" not in sample
        and len(sample) <= _FIELD_LIMIT
    ):
        return best
    for delim in _DELIMITERS:
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim) if any(r)]
        multi = [w for w in widths if w > 1]
        if not multi:
            continue
        mode, count = Counter(multi).most_common(1)[0]
        # The width only breaks ties: capped below the 0.5 of one more row, or a single
        # line holding a megabyte of tabs made a comma file tab-separated, one row of a
        # million cells (found by tests/test_fuzz_readers.py).
        score = count + 0.5 * len(multi) + 0.01 * min(mode, 49)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_text(text: str, name: str, encoding: str) -> SourceTable:
    if "\x00" in text:
        raise UnreadableFile("contains NUL characters: binary data, not a text export")
    # UTF-16 exports (Teams, Webex admin) are tab-delimited (export-formats.md §7.2);
    # counting would pick ',' in an unpadded Teams file whose quoted dates hold commas.
    if encoding.startswith("utf-16") and "\t" in text[:4096]:
        delimiter = "\t"
    else:
        delimiter = sniff_delimiter(_first_lines(text, _SNIFF_ROWS))
    rows: list[Row] = []
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            rows.append(Row(start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnreadableFile(f"is not valid delimited text near line {start}: {exc}") from None
    if not any(not r.is_blank() for r in rows):
        raise UnreadableFile("has no rows")
    rows, unwrapped = _unwrap_lines(rows, delimiter)
    notes = (
        [f"{unwrapped} row(s) held a whole line in one quoted cell (a spreadsheet re-save): split"]
        if unwrapped
        else []
    )
    return SourceTable(
        name, rows, encoding, delimiter, "text", notes, cut_line=_cut_line(text, rows)
    )


# Line breaks of str.splitlines that a CSV reader does not break lines at.
_OTHER_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_CHUNK = 1 << 20


def _physical_lines(text: str) -> Iterator[str]:
    """The text's lines with their ends, as ``io.StringIO(text, newline="")`` reads them.

    A StringIO holds four bytes a character: a 200 MB export took 0.8 GiB more
    than its text while it was read. These lines come from one megabyte of the
    text at a time, each chunk ending after a '\n', so no line end is split
    and only a chunk's lines are held. ``splitlines`` also breaks at form feeds,
    record separators and the like, which a CSV cell may hold; a text with any
    is read through StringIO as before.
    """
    if any(mark in text for mark in _OTHER_BREAKS):
        yield from io.StringIO(text, newline="")
        return
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + _CHUNK)
        end = size if end < 0 else end + 1
        yield from text[start:end].splitlines(keepends=True)
        start = end


def _first_lines(text: str, count: int, prefix: int = 1 << 16) -> list[str]:
    """``text.splitlines()[:count]``, splitting only as much of the text as they need.

    The sniffer reads the first rows; splitting a whole large export into lines
    for it was ~7% of reading one. Every line of a prefix's split but its last
    (which the prefix may cut, or end with the CR of a CRLF) is the whole text's.
    ``prefix`` is the first prefix's length, quadrupled until it holds enough lines.
    """
    size = prefix
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > count:
            return lines[:count]
        size *= 4
    return text.splitlines()[:count]


def _unwrap_lines(rows: list[Row], delimiter: str) -> tuple[list[Row], int]:
    """Split again the rows that hold a whole delimited line in one quoted cell.

    A CSV opened in a spreadsheet as one column and saved again quotes each line
    that holds a quote, doubling the quotes inside: Zoom's quoted dates
    ('"mar 22, 2025 10:02:00"') make every attended row one cell, while the
    headers stay split. A public uploader of Zoom's Spanish attendee report
    parses such rows twice (public code index id 38929558475); read once, the
    row is an attendee with no e-mail and no name. Only a lone cell that splits
    into three or more is taken for a line: a quoted date or 'Doe, Jane' alone
    on a row stays one cell.
    """
    out: list[Row] = []
    count = 0
    for row in rows:
        if len(row.cells) == 1 and row.cells[0].count(delimiter) >= 2:
            try:
                cells = next(csv.reader([row.cells[0]], delimiter=delimiter), [])
            except csv.Error:
                cells = []
            if len(cells) >= 3:
                out.append(Row(row.line, tuple(cells)))
                count += 1
                continue
        out.append(row)
    return out, count


def _cut_line(text: str, rows: list[Row]) -> int | None:
    """The last row's line when the file stops inside it, else None.

    Every platform ends each row with a line break. A file that ends without
    one, on a row with fewer cells than the row above it, was cut off mid-row
    (an interrupted download): that row's last cell is a fragment ('4' of
    '45' minutes) and the cells after it are missing.
    """
    if text.endswith(("\n", "\r")):
        return None
    filled = [r for r in rows[-3:] if not r.is_blank()]
    if len(filled) < 2 or filled[-1] is not rows[-1]:
        return None
    last, above = filled[-1], filled[-2]
    return last.line if len(last.cells) < len(above.cells) else None


def _cell_text(value: object) -> str:
    """Spreadsheet values back to the text a CSV download would have held."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, name: str) -> SourceTable:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, NotImplementedError, ValueError) as exc:
        # A damaged central directory does not always raise BadZipFile: zipfile raises
        # NotImplementedError for an impossible 'zip file version' and UnicodeDecodeError
        # (a ValueError) for a name flagged UTF-8 that is not (found by
        # tests/test_fuzz_readers.py flipping bytes of a real workbook).
        raise UnreadableFile(
            f"starts like a ZIP/XLSX file but the archive is damaged ({exc})"
        ) from None
    if not any(n.startswith("xl/") for n in names):
        raise UnreadableFile("is a ZIP archive, not an XLSX workbook or a CSV export")
    return _read_workbook(data, name, "xlsx")


def _read_legacy_excel(data: bytes, name: str) -> SourceTable:
    return _read_workbook(data, name, "xls")


def _read_workbook(data: bytes, name: str, kind: str) -> SourceTable:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            (s, workbook.get_sheet_by_name(s).to_python(skip_empty_area=False))
            for s in workbook.sheet_names
        ]
    except Exception as exc:  # calamine raises its own untyped errors on damaged files
        raise UnreadableFile(f"is a damaged {kind.upper()} workbook ({exc})") from None
    sheets = [(s, rows) for s, rows in sheets if any(any(str(c).strip() for c in r) for r in rows)]
    if not sheets:
        raise UnreadableFile(f"is an {kind.upper()} workbook with no data")
    sheet_name, values = sheets[0]
    notes = [f"read sheet '{sheet_name}'"]
    if len(sheets) > 1:
        notes.append(f"ignored {len(sheets) - 1} other non-empty sheet(s)")
    rows = [Row(i, tuple(_cell_text(v) for v in r)) for i, r in enumerate(values, start=1)]
    one_cell = [r for r in rows if len(r.trimmed()) == 1]
    if rows and len(one_cell) == len([r for r in rows if not r.is_blank()]):
        # A CSV pasted into a workbook: one whole line per cell (export-formats.md §1.5).
        text = "\n".join(r.trimmed()[0] if r.trimmed() else "" for r in rows)
        if any(d in text for d in _DELIMITERS):
            table = _read_text(text, name, "xlsx-cells")
            return SourceTable(
                name,
                table.rows,
                "xlsx-cells",
                table.delimiter,
                kind,
                [*notes, "each cell held a whole CSV line"],
            )
    return SourceTable(name, rows, kind, None, kind, notes)
