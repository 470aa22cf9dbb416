-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- One row per person per webinar with any registration record. A registrant
-- is a person whose registration is approved (DEFINITIONS.md, "Registrant").
with final as (
    select
        r.person_id,
        r.webinar_id,
        bool_or(r.is_approved) as is_registrant,
        min(r.registered_at) as registered_at
    from core.registration_people r
    group by r.person_id, r.webinar_id
)

select * from final
