-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each person's sector: the most recent known value as of the as-of date
-- (DEFINITIONS.md, "Sector"); 'unknown' is no value. The answer, organisation,
-- e-mail domain and job title of one registration are resolved together; a
-- session row's e-mail domain counts too (a walk-in has nothing else), below a
-- registration of the same webinar.
with facts as (
    select p.person_id, w.start_at, 1 as priority, l.sector
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    join staging.sector_lookup l
      on l.sector_key = staging.sector_key(r.sector, r.organization, r.email_domain, r.job_title)
    join core.webinars w on w.webinar_id = r.webinar_id
    where w.in_period and l.sector <> 'unknown'
    union all
    select p.person_id, w.start_at, 1, l.sector
    from raw.catalogue_speakers s
    join core.person_rows p
      on p.source = 'catalogue' and p.file_id = s.file_id and p.entry_id = s.entry_id
     and p.line_number = s.speaker_no
    left join staging.email_keys e on e.email = s.email
    join staging.sector_lookup l
      on l.sector_key = staging.sector_key(s.sector, s.organization, e.email_domain, null)
    join core.webinars w on w.webinar_id = p.webinar_id
    where w.in_period and l.sector <> 'unknown'
    union all
    select p.person_id, w.start_at, 2, l.sector
    from staging.sessions s
    join core.person_rows p
      on p.source = 'session' and p.file_id = s.file_id and p.line_number = s.line_number
    join staging.sector_lookup l
      on l.sector_key = staging.sector_key(null, null, s.email_domain, null)
    join core.webinars w on w.webinar_id = s.webinar_id
    where w.in_period and l.sector <> 'unknown'
),

final as (
    -- the value itself breaks a remaining tie, so the result never depends on row order
    select person_id,
           arg_max(sector, {'at': epoch(start_at), 'priority': -priority, 'value': sector})
               as sector
    from facts
    group by person_id
)

select * from final
