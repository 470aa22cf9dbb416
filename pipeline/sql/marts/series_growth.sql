-- Contract table (DEFINITIONS.md): cumulative figures after each webinar, in
-- start-time order.
with webinars as (
    select
        webinar_id, series, start_at, attendees,
        row_number() over (partition by series order by start_at, webinar_id) as position
    from marts.webinar_reach
),

first_seen as (
    -- the position of each participant's first webinar
    select a.series, a.person_id, min(w.position) as position, any_value(a.country_iso3)
        as country_iso3
    from core.attendees a
    join webinars w using (webinar_id)
    group by a.series, a.person_id
),

new_people as (
    select series, position, count(*) as new_participants
    from first_seen group by all
),

country_first as (
    select series, country_iso3, min(position) as position
    from first_seen where country_iso3 is not null group by all
),

new_countries as (
    select series, position, count(*) as new_countries from country_first group by all
),

final as (
    select
        w.series,
        w.webinar_id,
        w.start_at,
        w.attendees,
        cast(sum(coalesce(p.new_participants, 0)) over running as bigint)
            as cumulative_participants,
        cast(sum(coalesce(c.new_countries, 0)) over running as bigint) as cumulative_countries,
        w.position as cumulative_webinars
    from webinars w
    left join new_people p using (series, position)
    left join new_countries c using (series, position)
    window running as (partition by w.series order by w.position rows unbounded preceding)
)

select * from final order by series, cumulative_webinars
