-- Reach by webinar language (from the catalogue; NULL = not catalogued).
with webinars as (
    select series, language, count(*) as webinars, sum(attendees) as attendances,
           sum(registrants) as registrations
    from marts.webinar_reach
    group by all
),

people as (
    select series, language, count(distinct person_id) as participants
    from core.attendees
    group by all
),

final as (
    select
        w.series,
        w.language,
        w.webinars,
        w.attendances,
        round(w.attendances / w.webinars, 1) as avg_attendees,
        coalesce(p.participants, 0) as participants,
        w.registrations
    from webinars w
    left join people p on p.series = w.series and p.language is not distinct from w.language
)

select * from final order by series, webinars desc, language
