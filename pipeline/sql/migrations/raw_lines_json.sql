-- raw.lines.cells was a VARCHAR[] in databases made before 2026-11-23: the same
-- strings as a JSON array now (a DuckDB list column cost four times as much
-- to load).
alter table raw.lines alter cells type json using to_json(cells);
