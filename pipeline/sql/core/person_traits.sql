-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each person's country and sector: of each, the most recent known value as of
-- the as-of date (DEFINITIONS.md, "Country" and "Sector"). Within one webinar
-- the person's own answers beat what the platform says (its country field, the
-- e-mail domain of a session row); across webinars the latest webinar wins.
-- 'unknown' is no value. Both come from the same rows, so one pass finds both.
with facts as (
    select r.person_id, w.start_at, 1 as priority, l.country_iso3,
           nullif(r.resolved_sector, 'unknown') as sector
    from core.registration_people r
    join core.webinars w on w.webinar_id = r.webinar_id
    left join staging.country_lookup l on l.answer = r.country
    where w.in_period
    union all
    -- catalogue speakers: their answers, resolved as a registration's are
    select s.person_id, w.start_at, 1, l.country_iso3,
           nullif(staging.sector_of(sa, so, sd, null::struct(sector varchar)), 'unknown')
    from core.catalogue_people s
    join core.webinars w on w.webinar_id = s.webinar_id
    left join staging.country_lookup l on l.answer = s.country
    left join staging.sector_parts sa on sa.field = 'answer' and sa.value = s.sector
    left join staging.sector_parts so on so.field = 'organization' and so.value = s.organization
    left join staging.sector_parts sd on sd.field = 'domain' and sd.value = s.email_domain
    where w.in_period
    union all
    -- a session row: the platform's country field, and the e-mail domain (a
    -- walk-in has nothing else)
    select s.person_id, w.start_at, 2, l.country_iso3, s.domain_sector
    from core.session_people s
    join core.webinars w on w.webinar_id = s.webinar_id
    left join staging.country_lookup l on l.answer = s.country
    where w.in_period
),

final as (
    -- the value itself breaks a remaining tie (two devices, two countries, one
    -- webinar), so the result never depends on row order
    select
        person_id,
        arg_max(country_iso3, {'at': epoch(start_at), 'priority': -priority,
                               'value': country_iso3})
            filter (where country_iso3 is not null) as country_iso3,
        arg_max(sector, {'at': epoch(start_at), 'priority': -priority, 'value': sector})
            filter (where sector is not null) as sector
    from facts
    where country_iso3 is not null or sector is not null
    group by person_id
)

select * from final
