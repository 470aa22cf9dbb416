-- One row per webinar described by an active report (the newest export of
-- each type for each webinar and part; older re-exports are kept in raw but
-- unused). A restarted Teams meeting has a row per part: core.webinars joins them.
select
    w.webinar_key as webinar_id,
    w.platform,
    w.platform_webinar_id,
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
