-- One row per attendee per counted webinar: webinars in the period that have
-- an attendance report. New = the person's first webinar of the series in the
-- audience (a past panelist is new at their first audience webinar).
with counted as (
    select * from core.webinars where in_period and has_attendance
),

rows as (
    select
        a.person_id,
        a.webinar_id,
        w.series,
        w.start_at,
        w.start_local,
        w.language,
        w.topic,
        a.minutes_attended,
        coalesce(r.is_registrant, false) as is_registrant,
        p.country_iso3,
        p.sector
    from core.attendance a
    join counted w on w.webinar_id = a.webinar_id
    left join core.registrations r on r.person_id = a.person_id and r.webinar_id = a.webinar_id
    left join core.persons p on p.person_id = a.person_id
),

final as (
    select
        *,
        row_number() over (partition by series, person_id order by start_at, webinar_id)
            as attendance_number,
        row_number() over (partition by series, person_id order by start_at, webinar_id) = 1
            as is_new
    from rows
)

select * from final
