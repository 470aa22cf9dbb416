"""Reading any export's bytes into rows (pipeline/readers/table.py, export-formats.md §7.2)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.readers import UnreadableFile, read_table
from pipeline.readers.table import decode, sniff_delimiter

ZOOM_LINES = (
    "Name (Original Name),User Email,Join Time\r\n"
    'José Núñez,jnunez@sfp.gob.mx,"Mar 22, 2025 10:02:00"\r\n'
)
TEAMS_LINES = "Full Name\tJoin Time\tRole\r\nAna Pérez\t4/17/23, 7:29:57 PM\tPresenter\r\n"


def cells(data: bytes) -> list[tuple[str, ...]]:
    return [r.cells for r in read_table(data, "f.csv").rows]


def xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- encodings


def test_utf8_without_bom_is_read() -> None:
    t = read_table(ZOOM_LINES.encode("utf-8"), "f.csv")
    assert (t.encoding, t.delimiter, t.container) == ("utf-8", ",", "text")
    assert t.rows[1].cells == ("José Núñez", "jnunez@sfp.gob.mx", "Mar 22, 2025 10:02:00")


def test_utf8_bom_is_stripped_before_the_first_header() -> None:
    t = read_table(b"\xef\xbb\xbf" + ZOOM_LINES.encode("utf-8"), "f.csv")
    assert t.encoding == "utf-8-sig"
    assert t.rows[0].cells[0] == "Name (Original Name)"


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    ],
)
def test_utf16_with_bom_is_read_as_tab_separated(bom: bytes, codec: str, encoding: str) -> None:
    t = read_table(bom + TEAMS_LINES.encode(codec), "f.csv")
    assert (t.encoding, t.delimiter) == (encoding, "\t")
    assert t.rows[0].cells == ("Full Name", "Join Time", "Role")
    assert t.rows[1].cells[0] == "Ana Pérez"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec: str) -> None:
    t = read_table(TEAMS_LINES.encode(codec), "f.csv")
    assert t.encoding == codec
    assert t.rows[1].cells == ("Ana Pérez", "4/17/23, 7:29:57 PM", "Presenter")


def test_a_cp1252_semicolon_file_resaved_by_excel_is_read() -> None:
    data = "Nombre;Correo electrónico;Duración (minutos)\r\nJosé Núñez;j@x.mx;58\r\n".encode(
        "cp1252"
    )
    t = read_table(data, "f.csv")
    assert (t.encoding, t.delimiter) == ("cp1252", ";")
    assert t.rows[0].cells == ("Nombre", "Correo electrónico", "Duración (minutos)")
    assert t.rows[1].cells[0] == "José Núñez"


def test_decode_prefers_utf8_over_cp1252() -> None:
    assert decode("Pérez".encode()) == ("Pérez", "utf-8")


# ---------------------------------------------------------------- delimiters and rows


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed_from_the_rows(delimiter: str) -> None:
    text = delimiter.join(["a", "b", "c"]) + "\n" + delimiter.join(["1", "2", "3"]) + "\n"
    t = read_table(text.encode(), "f.csv")
    assert t.delimiter == delimiter
    assert t.rows[1].cells == ("1", "2", "3")


def test_commas_inside_a_semicolon_file_do_not_fool_the_sniffer() -> None:
    lines = ["Nombre;Fecha;Min", "Pérez, Ana;Mar 22, 2025;5", "Gómez, Juan;Mar 22, 2025;7"]
    assert sniff_delimiter(lines) == ";"


def test_quoted_commas_in_zoom_dates_do_not_fool_the_sniffer() -> None:
    assert read_table(ZOOM_LINES.encode(), "f.csv").delimiter == ","


def test_rows_carry_their_physical_line_even_after_a_multiline_cell() -> None:
    data = b'a,b\n"two\nlines",x\nlast,y\n'
    t = read_table(data, "f.csv")
    assert [r.line for r in t.rows] == [1, 2, 4]
    assert t.rows[1].cells == ("two\nlines", "x")


def test_crlf_and_lf_give_the_same_cells() -> None:
    assert cells(b"a,b\r\n1,2\r\n") == cells(b"a,b\n1,2\n")


def test_trimmed_drops_the_padding_commas_zoom_adds() -> None:
    (row,) = read_table(b"Attendee Report,,,,\n", "f.csv").rows
    assert row.trimmed() == ("Attendee Report",)
    assert row.first() == "Attendee Report"


# ---------------------------------------------------------------- workbooks


def test_a_csv_named_file_that_is_really_xlsx_is_read_as_a_workbook() -> None:
    data = xlsx([["Name", "Join Time", "Minutes"], ["Ana", datetime(2024, 3, 21, 18, 3), 55.0]])
    t = read_table(data, "participants.csv")
    assert (t.container, t.encoding, t.delimiter) == ("xlsx", "xlsx", None)
    assert t.rows[1].cells == ("Ana", "2024-03-21 18:03:00", "55")


def test_an_xlsx_holding_one_whole_csv_line_per_cell_is_split() -> None:
    data = xlsx([["Name,User Email,Duration (Minutes)"], ["Ana,ana@x.org,55"]])
    t = read_table(data, "participants.csv")
    assert (t.container, t.encoding, t.delimiter) == ("xlsx", "xlsx-cells", ",")
    assert t.rows[1].cells == ("Ana", "ana@x.org", "55")
    assert "each cell held a whole CSV line" in t.notes


def test_a_line_held_whole_in_one_quoted_cell_is_split_again() -> None:
    # A CSV saved again from one spreadsheet column quotes each line holding a quote;
    # an uploader of Zoom's Spanish report parses such rows twice (index id 38929558475).
    data = (
        "Asistió,Correo electrónico,Hora para unirse,Tiempo en la sesión (minutos)\r\n"
        '"Sí,ana@example.pe,""mar 22, 2025 10:05:00"",75"\r\n'
    ).encode()
    table = read_table(data, "f.csv")
    assert table.rows[1].cells == ("Sí", "ana@example.pe", "mar 22, 2025 10:05:00", "75")
    assert table.notes == [
        "1 row(s) held a whole line in one quoted cell (a spreadsheet re-save): split"
    ]


def test_a_lone_quoted_cell_that_is_no_line_stays_one_cell() -> None:
    # A quoted date or a 'Surname, Name' alone on a row is one value, not a line.
    assert cells(b'Generated\r\n"May 29, 2012 01:36 PM PDT"\r\n"Doe, Jane"\r\na,b,c\r\n')[1:3] == [
        ("May 29, 2012 01:36 PM PDT",),
        ("Doe, Jane",),
    ]


def test_a_workbook_with_no_data_is_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="workbook with no data"):
        read_table(xlsx([]), "f.xlsx")


# ---------------------------------------------------------------- what is not a table


@pytest.mark.parametrize("data", [b"", b" \r\n\r\n", b"\x00\x00"])
def test_an_empty_file_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableFile, match="the file is empty"):
        read_table(data, "f.csv")


def test_a_file_of_only_a_bom_has_no_rows() -> None:
    with pytest.raises(UnreadableFile, match="has no rows"):
        read_table(b"\xef\xbb\xbf\r\n", "f.csv")


def test_a_binary_file_is_unreadable() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(UnreadableFile, match="binary data"):
        read_table(png, "f.csv")


def test_a_zip_archive_renamed_csv_is_unreadable_with_a_clear_message() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("participants.csv", "Name,Email\nAna,a@x.org\n")
    with pytest.raises(UnreadableFile, match="is a ZIP archive, not an XLSX workbook"):
        read_table(out.getvalue(), "participants.csv")


def test_a_damaged_zip_is_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="archive is damaged"):
        read_table(b"PK\x03\x04" + b"\x00garbage" * 10, "f.csv")


def test_a_damaged_xlsx_is_unreadable() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    with pytest.raises(UnreadableFile, match="damaged XLSX workbook"):
        read_table(out.getvalue(), "f.xlsx")


def test_a_utf16_bom_on_broken_utf16_is_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="byte-order mark but is not valid utf-16"):
        read_table(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00", "f.csv")


def _sniffed_with_every_delimiter(lines: list[str]) -> str:
    """sniff_delimiter as first written, parsing the sample with each delimiter."""
    best, best_score = ",", -1.0
    sample = "\n".join(lines[:200])
    for delim in (",", ";", "\t"):
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delim) if any(r)]
        multi = [w for w in widths if w > 1]
        if not multi:
            continue
        mode, count = Counter(multi).most_common(1)[0]
        score = count + 0.5 * len(multi) + 0.01 * min(mode, 49)
        if score > best_score:
            best, best_score = delim, score
    return best


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet='ab,;\t" \n\r', max_size=12), max_size=8))
def test_a_sample_without_another_delimiter_is_comma_separated_as_parsing_said(lines) -> None:
    """sniff_delimiter skips parsing when only ',' can split; the answer (or the csv error
    the parse raises) must not change."""

    def outcome(sniff):
        try:
            return sniff(lines)
        except csv.Error as exc:
            return repr(exc)

    assert outcome(sniff_delimiter) == outcome(_sniffed_with_every_delimiter)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=" \t\u00a0\u2028\u3000\nab", max_size=4), max_size=5))
def test_a_row_is_blank_when_every_cell_is_whitespace(cells) -> None:
    from pipeline.readers.table import Row

    assert Row(1, tuple(cells)).is_blank() == (not any(c.strip() for c in cells))


def test_a_file_that_stops_inside_its_last_row_names_that_line() -> None:
    cut = b"Name,Email,Minutes\r\nAna,ana@example.org,38\r\nEva,eva@example.org"
    assert read_table(cut).cut_line == 3
    assert read_table(cut + b",45\r\n").cut_line is None  # the row is whole
    assert read_table(b"Name,Email\r\nAna,ana@example.org").cut_line is None  # as wide as above


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["a", ",", "\r", "\n", "\r\n", "\x0b", "\u2028", "é"])).map("".join),
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=1, max_value=8),
)
def test_the_sniffers_lines_are_the_first_lines_of_the_whole_text(text, count, prefix):
    """Lines cut from a prefix of the text, CRLFs split across its end included."""
    from pipeline.readers.table import _first_lines

    assert _first_lines(text, count, prefix) == text.splitlines()[:count]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", ",", '"', "\r", "\n", "\r\n", "\x0c", "\x1e", "\u2028", "é"])
    ).map("".join),
    st.integers(min_value=1, max_value=8),
)
def test_a_text_is_read_in_chunks_into_the_rows_a_string_buffer_gives(text, chunk):
    """Chunks end after a line feed, so no CRLF and no quoted line break is cut."""
    import pipeline.readers.table as table_module

    def rows(lines) -> tuple[list, list]:
        reader = csv.reader(lines)
        try:
            return [(list(r), reader.line_num) for r in reader], []
        except csv.Error as exc:
            return [], [str(exc)]

    whole = rows(io.StringIO(text, newline=""))
    original = table_module._CHUNK
    table_module._CHUNK = chunk
    try:
        chunked = rows(table_module._physical_lines(text))
    finally:
        table_module._CHUNK = original
    assert chunked == whole


def test_a_file_larger_than_a_chunk_reads_as_one_table() -> None:
    from pipeline.readers.table import _CHUNK

    row = 'Ana,ana@example.org,"a cell\r\nover two lines",38\r\n'
    data = ("Name,Email,Note,Minutes\r\n" + row * (2 * _CHUNK // len(row) + 3)).encode()
    table = read_table(data, "large.csv")
    assert len(table.rows) == 1 + 2 * _CHUNK // len(row) + 3
    assert {r.cells for r in table.rows[1:]} == {
        ("Ana", "ana@example.org", "a cell\r\nover two lines", "38")
    }
    assert [r.line for r in table.rows[:3]] == [1, 2, 4]
