-- The review loop for sectors: the answer (else the organisation) of people
-- whose sector could not be resolved, with how many people gave each.
with answers as (
    select p.person_id, coalesce(r.sector, r.organization) as answer,
           case when r.sector is not null then 'sector answer' else 'organisation' end as field
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    join staging.sector_lookup l
      on l.sector_key = staging.sector_key(r.sector, r.organization, r.email_domain, r.job_title)
    where l.sector = 'unknown' and l.resolved_by = 'resolver'
      and coalesce(r.sector, r.organization) is not null
),

final as (
    select
        a.answer,
        any_value(a.field) as field,
        count(distinct a.person_id) as people,
        count(distinct a.person_id) filter (where c.sector = 'unknown') as people_still_unknown
    from answers a
    join core.persons c on c.person_id = a.person_id
    group by a.answer
)

select * from final order by people desc, answer
