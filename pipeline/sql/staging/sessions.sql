-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Join sessions of active reports, with identity keys and the sector their
-- e-mail domain implies (all a walk-in's row has to go on).
select
    s.file_id,
    s.line_number,
    coalesce(l.to_webinar_id, s.webinar_key) as webinar_id,  -- staging.webinar_links
    s.role,
    e.email_person_id,  -- the person its e-mail names (staging.email_keys)
    d.sector as domain_sector,
    n.name_key,
    s.join_at,
    s.leave_at,
    s.minutes,
    s.country
from raw.sessions s
join audit.active_reports a on a.file_id = s.file_id and a.webinar_key = s.webinar_key
left join staging.webinar_links l on l.from_webinar_id = s.webinar_key
left join staging.email_keys e on e.email = s.email
left join staging.name_keys n on n.name_text = s.name
left join staging.sector_parts d on d.field = 'domain' and d.value = e.email_domain
