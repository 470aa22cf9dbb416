-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- The rows behind audit.unresolved_countries: each person who gave a country
-- answer the resolver placed nowhere, with that answer. Picked here, before
-- anything else is joined to them (they are few; left to itself the planner
-- joined every session row to its person first), and apart from the audit
-- model so that the large row tables can be let go before the marts are built.
with unplaced as (
    select answer from staging.country_lookup
    where country_iso3 is null and resolved_by = 'resolver'
),

final as materialized (
    select r.person_id, r.country as answer
    from core.registration_people r
    where r.country in (select answer from unplaced)
    union
    select s.person_id, s.country
    from core.session_people s
    where s.country in (select answer from unplaced)
)

select * from final
