-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Per webinar, the counts of its source rows that data quality reports: rows
-- that name a person without giving an e-mail of their own, and registration
-- rows. Counted here, early, so that the large row tables they come from can
-- be let go before the marts are built.
with registrations as (
    select webinar_id,
           count(*) as registration_rows,
           count(*) filter (where email_person_id is null and name_key is not null)
               as registration_rows_without_email
    from staging.registrations
    group by webinar_id
),

sessions as (
    select webinar_id,
           count(*) filter (where email_person_id is null and name_key is not null)
               as session_rows_without_email
    from staging.sessions
    group by webinar_id
),

final as (
    select
        webinar_id,
        coalesce(s.session_rows_without_email, 0) as session_rows_without_email,
        coalesce(r.registration_rows_without_email, 0) as registration_rows_without_email,
        coalesce(r.registration_rows, 0) as registration_rows
    from sessions s
    full join registrations r using (webinar_id)
)

select * from final
