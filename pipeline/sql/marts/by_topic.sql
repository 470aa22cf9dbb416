-- Reach by topic or theme (from the catalogue; NULL = not catalogued).
with reach as (
    select r.*, w.topic
    from marts.webinar_reach r
    join core.webinars w using (webinar_id)
),

webinars as (
    select series, topic, count(*) as webinars, sum(attendees) as attendances,
           sum(registrants) as registrations
    from reach
    group by all
),

people as (
    select series, topic, count(distinct person_id) as participants
    from core.attendees
    group by all
),

final as (
    select
        w.series,
        w.topic,
        w.webinars,
        w.attendances,
        round(w.attendances / w.webinars, 1) as avg_attendees,
        coalesce(p.participants, 0) as participants,
        w.registrations
    from webinars w
    left join people p on p.series = w.series and p.topic is not distinct from w.topic
)

select * from final order by series, webinars desc, topic
