-- One row per person seen in the period's webinars (any role, registered or
-- not), with their country and sector as of the as-of date. Holds no name or
-- e-mail: person_id is a hash; has_email: they are known by an e-mail.
-- Of country and sector each, the most recent known value (DEFINITIONS.md,
-- "Country" and "Sector"): within one webinar the person's own answers beat
-- what the platform says (its country field, the e-mail domain of a session
-- row); across webinars the latest webinar wins. 'unknown' is no value. One
-- pass over the rows finds the people and both values.
with facts as (
    select r.person_id, r.has_email, w.start_at, 1 as priority, l.country_iso3,
           nullif(r.resolved_sector, 'unknown') as sector
    from core.registration_people r
    join core.webinars w on w.webinar_id = r.webinar_id
    left join staging.country_lookup l on l.answer = r.country
    where w.in_period
    union all
    -- catalogue speakers: their answers, resolved as a registration's are
    select s.person_id, s.has_email, w.start_at, 1, l.country_iso3,
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
    select s.person_id, s.has_email, w.start_at, 2, l.country_iso3, s.domain_sector
    from core.session_people s
    join core.webinars w on w.webinar_id = s.webinar_id
    left join staging.country_lookup l on l.answer = s.country
    where w.in_period
),

final as (
    select
        person_id,
        bool_or(has_email) as has_email,
        arg_max(country_iso3, {'at': epoch(start_at), 'priority': -priority,
                               'value': country_iso3})
            filter (where country_iso3 is not null) as country_iso3,
        coalesce(
            arg_max(sector, {'at': epoch(start_at), 'priority': -priority, 'value': sector})
                filter (where sector is not null),
            'unknown') as sector
    from facts
    group by person_id
)

select * from final
