-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each person's sector: the most recent known value as of the as-of date
-- (DEFINITIONS.md, "Sector"); 'unknown' is no value. The answer, organisation,
-- e-mail domain and job title of one registration are resolved together; a
-- session row's e-mail domain counts too (a walk-in has nothing else), below a
-- registration of the same webinar.
with facts as (
    select p.person_id, w.start_at, 1 as priority, r.resolved_sector as sector
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    join core.webinars w on w.webinar_id = r.webinar_id
    where w.in_period and r.resolved_sector <> 'unknown'
    union all
    select p.person_id, w.start_at, 1, c.sector
    from (
        select s.file_id, s.entry_id, s.speaker_no,
               staging.sector_of(sa, so, sd, null::struct(sector varchar)) as sector
        from raw.catalogue_speakers s
        left join staging.email_keys e on e.email = s.email
        left join staging.sector_parts sa on sa.field = 'answer' and sa.value = s.sector
        left join staging.sector_parts so
          on so.field = 'organization' and so.value = s.organization
        left join staging.sector_parts sd on sd.field = 'domain' and sd.value = e.email_domain
    ) c
    join core.person_rows p
      on p.source = 'catalogue' and p.file_id = c.file_id and p.entry_id = c.entry_id
     and p.line_number = c.speaker_no
    join core.webinars w on w.webinar_id = p.webinar_id
    where w.in_period and c.sector <> 'unknown'
    union all
    select p.person_id, w.start_at, 2, s.domain_sector
    from staging.sessions s
    join core.person_rows p
      on p.source = 'session' and p.file_id = s.file_id and p.line_number = s.line_number
    join core.webinars w on w.webinar_id = s.webinar_id
    where w.in_period and s.domain_sector is not null
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
