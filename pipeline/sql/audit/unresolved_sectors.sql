-- The review loop for sectors: the answer (else the organisation) of people
-- whose sector the resolver could not place: 'unknown' (nothing usable) or
-- 'other' (an answer that fits no sector, which staff may know better), with
-- how many people gave each and how many of them are still unplaced.
with final as (
    select
        a.answer,
        any_value(a.field) as field,
        min(a.resolved_to) as resolved_to,
        count(distinct a.person_id) as people,
        count(distinct a.person_id) filter (where c.sector in ('unknown', 'other'))
            as people_still_unknown
    from core.unplaced_sector_answers a
    join core.persons c on c.person_id = a.person_id
    group by a.answer
)

select * from final order by people desc, answer
