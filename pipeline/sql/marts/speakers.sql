-- One row per speaker (no name or e-mail: speaker_id is a hash): appearances,
-- organisation, sector and country, and the audience their webinars drew.
with appearances as (
    select s.series, s.person_id, s.webinar_id, coalesce(r.attendees, 0) as attendees
    from core.speakers s
    left join marts.webinar_reach r using (webinar_id)
),

-- The distinct people a speaker's webinars drew. A speaker of one webinar drew
-- exactly its attendees (final takes them from marts.webinar_reach); only the
-- others need their webinars' audiences joined and counted, which at 100x was
-- 3.5 million rows.
audience as (
    select a.series, a.person_id as speaker_id, count(distinct t.person_id) as distinct_audience
    from appearances a
    join core.attendees t on t.webinar_id = a.webinar_id
    where (a.series, a.person_id) in (
        select (series, person_id) from appearances group by all having count(*) > 1
    )
    group by all
),

final as (
    select
        a.series,
        a.person_id as speaker_id,
        count(*) as appearances,
        o.organization,
        p.sector,
        p.country_iso3,
        coalesce(n.country_name, 'Unknown') as country_name,
        sum(a.attendees) as total_attendees,
        case when count(*) = 1 then sum(a.attendees)
             else coalesce(any_value(d.distinct_audience), 0) end as distinct_audience
    from appearances a
    left join core.speaker_organisations o using (person_id)
    left join core.persons p using (person_id)
    left join staging.country_names n on n.country_iso3 = p.country_iso3
    left join audience d on d.series = a.series and d.speaker_id = a.person_id
    group by a.series, a.person_id, o.organization, p.sector,
             p.country_iso3, n.country_name
)

select * from final order by series, appearances desc, total_attendees desc, speaker_id
