-- One row per person seen in the period's webinars, with their country and
-- sector as of the as-of date. Holds no name or e-mail: person_id is a hash.
with seen as (
    select distinct p.person_id, p.has_email
    from (
        select webinar_id, person_id, has_email from core.registration_people
        union all
        select webinar_id, person_id, has_email from core.session_people
        union all
        select webinar_id, person_id, has_email from core.catalogue_people
    ) p
    join core.webinars w on w.webinar_id = p.webinar_id
    where w.in_period
),

final as (
    select
        s.person_id,
        s.has_email,
        t.country_iso3,
        coalesce(t.sector, 'unknown') as sector
    from seen s
    left join core.person_traits t using (person_id)
)

select * from final
