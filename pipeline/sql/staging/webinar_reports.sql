-- One row per webinar described by an active report (the newest export of
-- each type for each webinar and part; older re-exports are kept in raw but
-- unused). A restarted Teams meeting has a row per part: core.webinars joins them.
-- A report that names no platform ID counts under the webinar it was linked to
-- (staging.webinar_links, pipeline/webinar_links.py), and carries its ID.
select
    coalesce(l.to_webinar_id, w.webinar_key) as webinar_id,
    w.platform,
    coalesce(l.platform_webinar_id, w.platform_webinar_id) as platform_webinar_id,
    w.title,
    w.start_at,
    w.duration_minutes,
    w.start_is_actual,
    w.timezone,
    f.report_type,
    f.file_id,
    cast(timezone(w.timezone, w.start_at at time zone 'UTC') as date) as local_date
from raw.webinars w
join audit.active_reports a on a.file_id = w.file_id and a.webinar_key = w.webinar_key
join audit.files f on f.file_id = w.file_id
left join staging.webinar_links l on l.from_webinar_id = w.webinar_key
