-- The review loop: country answers the resolver placed nowhere, with how many
-- people gave each and how many of them are still unknown. Staff decide them
-- in overrides.csv; overridden answers drop off this list.
with unplaced as (
    select answer from staging.country_lookup
    where country_iso3 is null and resolved_by = 'resolver'
),

-- (the rows giving such an answer are picked before anything is joined to them:
-- they are few, and the planner had joined every session row to its person first)
answers as materialized (
    select p.person_id, r.country as answer
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    where r.country in (select answer from unplaced)
    union
    select p.person_id, s.country
    from staging.sessions s
    join core.person_rows p
      on p.source = 'session' and p.file_id = s.file_id and p.line_number = s.line_number
    where s.country in (select answer from unplaced)
),

final as (
    select
        a.answer,
        count(distinct a.person_id) as people,
        count(distinct a.person_id) filter (where c.country_iso3 is null) as people_still_unknown
    from answers a
    join core.persons c on c.person_id = a.person_id
    group by a.answer
)

select * from final order by people desc, answer
