-- Contract table (DEFINITIONS.md): one row per webinar counted in the period.
with webinars as (
    select * from core.webinars where in_period and has_attendance
),

registrants as (
    -- core.registrations has one row per person per webinar: no distinct needed
    select webinar_id, count(*) as registrants
    from core.registrations
    where is_registrant
    group by webinar_id
),

attendees as (
    select
        webinar_id,
        count(*) as attendees,
        count(*) filter (where is_registrant) as registered_attendees,
        count(*) filter (where not is_registrant) as walk_ins,
        -- summed as decimals: a sum of doubles depends on row order, and round(, 1)
        -- of a mean sitting on .x5 flipped between two builds of the same data
        avg(minutes_attended::decimal(18, 6))::double as avg_minutes,
        count(distinct country_iso3) as countries,
        count(*) filter (where is_new) as new_attendees,
        count(*) filter (where not is_new) as returning_attendees
    from core.attendees
    group by webinar_id
),

final as (
    select
        w.webinar_id,
        w.series,
        w.title,
        w.start_at,
        w.language,
        w.platform,
        coalesce(r.registrants, 0) as registrants,
        coalesce(a.attendees, 0) as attendees,
        coalesce(a.registered_attendees, 0) as registered_attendees,
        coalesce(a.walk_ins, 0) as walk_ins,
        case when coalesce(r.registrants, 0) > 0
             then coalesce(a.registered_attendees, 0) / r.registrants end as attendance_rate,
        round(a.avg_minutes, 1) as avg_minutes,
        coalesce(a.countries, 0) as countries,
        coalesce(a.new_attendees, 0) as new_attendees,
        coalesce(a.returning_attendees, 0) as returning_attendees
    from webinars w
    left join registrants r using (webinar_id)
    left join attendees a using (webinar_id)
)

select * from final order by series, start_at, webinar_id
