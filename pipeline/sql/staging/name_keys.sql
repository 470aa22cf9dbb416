-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each distinct name text once, with its matching key (macros.sql, name_key):
-- names repeat far more than rows, so the key is computed once per spelling.
-- A registration's name is its full name, else first and last joined.
select name_text, staging.name_key(name_text) as name_key
from (
    select coalesce(name, concat_ws(' ', first_name, last_name)) as name_text
    from raw.registrations
    union
    select name from raw.sessions
    union
    select name from raw.catalogue_speakers
)
where name_text is not null
