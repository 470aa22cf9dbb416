-- Join sessions of active reports, with identity keys.
select
    s.file_id,
    s.line_number,
    s.webinar_key as webinar_id,
    s.role,
    staging.clean_email(s.email) as email_key,
    staging.name_key(s.name) as name_key,
    s.join_at,
    s.leave_at,
    s.minutes,
    s.country,
    s.section
from raw.sessions s
join audit.active_reports a on a.file_id = s.file_id and a.webinar_key = s.webinar_key
