-- Catalogue entries of the active catalogue file(s), with the series default.
select
    c.file_id,
    c.entry_id,
    coalesce(c.series, s.name) as series,
    c.title,
    c.webinar_date,
    c.start_time,
    c.platform,
    c.platform_id,
    c.language,
    c.topic,
    c.organisers,
    s.timezone
from raw.catalogue_webinars c
join audit.active_reports a on a.file_id = c.file_id
join raw.catalogue_series s on s.file_id = c.file_id
