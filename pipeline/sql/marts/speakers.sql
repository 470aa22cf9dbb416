-- One row per speaker (no name or e-mail: speaker_id is a hash): appearances,
-- organisation, sector and country, and the audience their webinars drew.
with appearances as (
    select s.series, s.person_id, s.webinar_id, coalesce(r.attendees, 0) as attendees
    from core.speakers s
    left join marts.webinar_reach r using (webinar_id)
),

audience as (
    select a.series, a.person_id as speaker_id, count(distinct t.person_id) as distinct_audience
    from appearances a
    join core.attendees t on t.webinar_id = a.webinar_id
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
        coalesce(any_value(d.distinct_audience), 0) as distinct_audience
    from appearances a
    left join core.speaker_organisations o using (person_id)
    left join core.persons p using (person_id)
    left join staging.country_names n on n.country_iso3 = p.country_iso3
    left join audience d on d.series = a.series and d.speaker_id = a.person_id
    group by a.series, a.person_id, o.organization, p.sector,
             p.country_iso3, n.country_name
)

select * from final order by series, appearances desc, total_attendees desc, speaker_id
