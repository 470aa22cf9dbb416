-- One row per speaker (no name or e-mail: speaker_id is a hash): appearances,
-- organisation, sector and country, and the audience their webinars drew.
with appearances as (
    select s.series, s.person_id, s.webinar_id, coalesce(r.attendees, 0) as attendees
    from core.speakers s
    left join marts.webinar_reach r using (webinar_id)
),

organisations as (
    -- the organisation the catalogue gives, else the one they registered with
    select p.person_id, arg_max(c.organization, c.file_id * 100000 + c.entry_id) as organization
    from core.person_rows p
    join raw.catalogue_speakers c
      on p.source = 'catalogue' and c.file_id = p.file_id and c.entry_id = p.entry_id
     and c.speaker_no = p.line_number
    where c.organization is not null
    group by p.person_id
),

registered_organisations as (
    -- speakers only: most registrants are not, and this ran over all of them
    select p.person_id, arg_max(r.organization, r.registered_at) as organization
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    where r.organization is not null
      and p.person_id in (select person_id from core.speakers)
    group by p.person_id
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
        coalesce(o.organization, ro.organization) as organization,
        p.sector,
        p.country_iso3,
        coalesce(n.country_name, 'Unknown') as country_name,
        sum(a.attendees) as total_attendees,
        coalesce(any_value(d.distinct_audience), 0) as distinct_audience
    from appearances a
    left join organisations o using (person_id)
    left join registered_organisations ro using (person_id)
    left join core.persons p using (person_id)
    left join staging.country_names n on n.country_iso3 = p.country_iso3
    left join audience d on d.series = a.series and d.speaker_id = a.person_id
    group by a.series, a.person_id, o.organization, ro.organization, p.sector,
             p.country_iso3, n.country_name
)

select * from final order by series, appearances desc, total_attendees desc, speaker_id
