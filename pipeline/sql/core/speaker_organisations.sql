-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each speaker's organisation: the one the catalogue gives, else the one they
-- last registered with. A model of its own, not part of marts.speakers, so
-- that the large row tables it reads can be let go before the marts are built.
with catalogued as (
    select person_id, arg_max(organization, file_id * 100000 + entry_id) as organization
    from core.catalogue_people
    where organization is not null
    group by person_id
),

registered as (
    -- speakers only: most registrants are not, and this ran over all of them
    select r.person_id, arg_max(t.organization, r.registered_at) as organization
    from core.registration_people r
    join raw.registrations t on t.file_id = r.file_id and t.line_number = r.line_number
    where t.organization is not null
      and r.person_id in (select person_id from core.roles where is_speaker)
    group by r.person_id
),

final as (
    select person_id, coalesce(c.organization, r.organization) as organization
    from catalogued c
    full join registered r using (person_id)
)

select * from final
