-- Databases made before report parts existed: raw.webinars gains its part
-- column (NULL for the files already loaded: no part, as they were read).
-- audit.active_reports needs a new primary key, which DuckDB cannot alter in
-- place: pipeline/warehouse.py rebuilds it with migrations/active_reports_part.sql.
alter table raw.webinars add column if not exists part varchar;
