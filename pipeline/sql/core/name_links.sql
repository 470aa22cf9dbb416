-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- For a name that some row without an e-mail carries, the e-mail of the one
-- person with that name in the same webinar (DEFINITIONS.md, "Person"). Only
-- these names need a link (checking every name of every webinar was once the
-- costliest step of the transform), so the table is small, and each row finds
-- its person by one join to it (core.registration_people, core.session_people,
-- core.catalogue_people) instead of a table of every row keyed to its person.
with rows as (
    select webinar_id, email_person_id, name_key from staging.registrations
    union all
    select webinar_id, email_person_id, name_key from staging.sessions
    union all
    select webinar_id, email_person_id, name_key from core.catalogue_speaker_rows
),

unlinked_names as (
    select distinct webinar_id, name_key
    from rows
    where email_person_id is null and name_key is not null
),

final as (
    select r.webinar_id, r.name_key, min(r.email_person_id) as email_person_id
    from rows r
    semi join unlinked_names u on u.webinar_id = r.webinar_id and u.name_key = r.name_key
    where r.email_person_id is not null
    group by r.webinar_id, r.name_key
    having count(distinct r.email_person_id) = 1
)

select * from final
