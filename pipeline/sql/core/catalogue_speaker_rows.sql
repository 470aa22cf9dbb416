-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- The catalogue's speakers of each webinar it describes (matched to an export
-- or catalogue-only), with the identity keys the staging rows of exports
-- carry. Keyed here rather than through staging.email_keys: they are few, and
-- that table is let go once the staging rows are built.
select
    s.file_id,
    s.entry_id,
    s.speaker_no,
    w.webinar_id,
    staging.email_person_id(staging.clean_email(s.email)) as email_person_id,
    staging.name_key(s.name) as name_key,
    staging.email_domain(s.email) as email_domain,
    s.organization,
    s.sector,
    s.country
from raw.catalogue_speakers s
join core.webinars w on w.catalogue_file_id = s.file_id and w.catalogue_entry_id = s.entry_id
