-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each speaker's organisation: the one the catalogue gives, else the one they
-- last registered with. A model of its own, not part of marts.speakers, so
-- that the large row tables it reads can be let go before the marts are built.
with catalogued as (
    select p.person_id, arg_max(c.organization, c.file_id * 100000 + c.entry_id) as organization
    from core.person_rows p
    join raw.catalogue_speakers c
      on p.source = 'catalogue' and c.file_id = p.file_id and c.entry_id = p.entry_id
     and c.speaker_no = p.line_number
    where c.organization is not null
    group by p.person_id
),

registered as (
    -- speakers only: most registrants are not, and this ran over all of them
    select p.person_id, arg_max(t.organization, r.registered_at) as organization
    from staging.registrations r
    join raw.registrations t on t.file_id = r.file_id and t.line_number = r.line_number
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    where t.organization is not null
      and p.person_id in (select person_id from core.roles where is_speaker)
    group by p.person_id
),

final as (
    select person_id, coalesce(c.organization, r.organization) as organization
    from catalogued c
    full join registered r using (person_id)
)

select * from final
