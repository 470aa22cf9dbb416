-- Contract table (DEFINITIONS.md): one row per series.
with webinars as (
    select series, count(*) as webinars, min(start_at) as first_webinar_at,
           max(start_at) as last_webinar_at
    from core.webinars
    where in_period and has_attendance
    group by series
),

participants as (
    select series, count(distinct person_id) as participants,
           count(distinct country_iso3) as countries
    from core.attendees
    group by series
),

registered as (
    select distinct w.series, r.person_id
    from core.registrations r
    join core.webinars w on w.webinar_id = r.webinar_id
    where r.is_registrant and w.in_period and w.has_attendance
),

registered_only as (
    select g.series, count(*) as registered_only
    from registered g
    anti join core.attendees a on a.series = g.series and a.person_id = g.person_id
    group by g.series
),

speakers as (
    select series, count(distinct person_id) as speakers from core.speakers group by series
),

final as (
    select
        w.series,
        w.webinars,
        coalesce(p.participants, 0) as participants,
        coalesce(o.registered_only, 0) as registered_only,
        coalesce(p.countries, 0) as countries,
        coalesce(s.speakers, 0) as speakers,
        w.first_webinar_at,
        w.last_webinar_at
    from webinars w
    left join participants p using (series)
    left join registered_only o using (series)
    left join speakers s using (series)
)

select * from final order by series
