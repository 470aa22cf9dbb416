-- The review loop: country answers the resolver placed nowhere, with how many
-- people gave each and how many of them are still unknown. Staff decide them
-- in overrides.csv; overridden answers drop off this list.
with final as (
    select
        a.answer,
        count(distinct a.person_id) as people,
        count(distinct a.person_id) filter (where c.country_iso3 is null) as people_still_unknown
    from core.unplaced_country_answers a
    join core.persons c on c.person_id = a.person_id
    group by a.answer
)

select * from final order by people desc, answer
