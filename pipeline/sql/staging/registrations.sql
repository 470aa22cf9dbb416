-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Registration rows of active reports, with identity keys and the sector
-- their answers resolve to (staging.sector_parts, macros.sql sector_of). The
-- answers' own text stays in raw.registrations: the few models that show it
-- join back on (file_id, line_number), and at 100x carrying it cost 130 MB.
select
    r.file_id,
    r.line_number,
    coalesce(l.to_webinar_id, r.webinar_key) as webinar_id,  -- staging.webinar_links
    e.email_person_id,  -- the person its e-mail names (staging.email_keys)
    n.name_key,
    r.status = 'approved' as is_approved,
    r.registered_at,
    r.country,
    staging.sector_of(sa, so, sd, st) as resolved_sector,
    staging.sector_overridden(sa, so) as sector_overridden
from raw.registrations r
join audit.active_reports a on a.file_id = r.file_id and a.webinar_key = r.webinar_key
left join staging.webinar_links l on l.from_webinar_id = r.webinar_key
left join staging.email_keys e on e.email = r.email
left join staging.name_keys n
    on n.name_text = coalesce(r.name, concat_ws(' ', r.first_name, r.last_name))
left join staging.sector_parts sa on sa.field = 'answer' and sa.value = r.sector
left join staging.sector_parts so on so.field = 'organization' and so.value = r.organization
left join staging.sector_parts sd on sd.field = 'domain' and sd.value = e.email_domain
left join staging.sector_parts st on st.field = 'title' and st.value = r.job_title
