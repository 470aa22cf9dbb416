-- The review loop for sectors: the answer (else the organisation) of people
-- whose sector the resolver could not place: 'unknown' (nothing usable) or
-- 'other' (an answer that fits no sector, which staff may know better), with
-- how many people gave each and how many of them are still unplaced.
-- (materialized: the few rows to list are found first; left to itself the
-- planner joined every registration row to its person before filtering)
with answers as materialized (
    select p.person_id, coalesce(r.sector, r.organization) as answer,
           case when r.sector is not null then 'sector answer' else 'organisation' end as field,
           r.resolved_sector as resolved_to
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    where r.resolved_sector in ('unknown', 'other') and not r.sector_overridden
      and coalesce(r.sector, r.organization) is not null
),

final as (
    select
        a.answer,
        any_value(a.field) as field,
        min(a.resolved_to) as resolved_to,
        count(distinct a.person_id) as people,
        count(distinct a.person_id) filter (where c.sector in ('unknown', 'other'))
            as people_still_unknown
    from answers a
    join core.persons c on c.person_id = a.person_id
    group by a.answer
)

select * from final order by people desc, answer
