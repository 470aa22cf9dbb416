-- Registration rows of active reports, with identity keys.
select
    r.file_id,
    r.line_number,
    r.webinar_key as webinar_id,
    staging.clean_email(r.email) as email_key,
    staging.name_key(coalesce(r.name, concat_ws(' ', r.first_name, r.last_name))) as name_key,
    r.status = 'approved' as is_approved,
    r.registered_at,
    r.country,
    r.organization,
    r.sector,
    r.job_title,
    staging.email_domain(r.email) as email_domain
from raw.registrations r
join audit.active_reports a on a.file_id = r.file_id and a.webinar_key = r.webinar_key
