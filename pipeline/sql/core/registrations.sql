-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- One row per person per webinar with any registration record. A registrant
-- is a person whose registration is approved (DEFINITIONS.md, "Registrant").
with final as (
    select
        p.person_id,
        r.webinar_id,
        bool_or(r.is_approved) as is_registrant,
        min(r.registered_at) as registered_at
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    group by p.person_id, r.webinar_id
)

select * from final
