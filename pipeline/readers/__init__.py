"""Turn a file's bytes into rows of text cells, whatever the platform wrote.

Encoding, delimiter and container (CSV text or an XLSX workbook, whatever the
file's extension) are decided from the bytes, never from the file name: Teams
and Webex write UTF-16 tab-separated files named ``.csv``; Excel re-saves a
Spanish user's CSV as cp1252 with semicolons; some ``.csv`` downloads are
really XLSX (export-formats.md §7.2).
"""

from pipeline.readers.table import SourceTable, UnreadableFile, read_table

__all__ = ["SourceTable", "UnreadableFile", "read_table"]
