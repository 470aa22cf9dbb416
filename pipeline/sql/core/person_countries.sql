-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each person's country: the most recent known value as of the data's as-of
-- date (DEFINITIONS.md, "Country"). Within one webinar the person's own answer
-- beats the platform's country field; across webinars the latest webinar wins.
with facts as (
    select p.person_id, w.start_at, 1 as priority, l.country_iso3
    from staging.registrations r
    join core.person_rows p
      on p.source = 'registration' and p.file_id = r.file_id and p.line_number = r.line_number
    join staging.country_lookup l on l.answer = r.country
    join core.webinars w on w.webinar_id = r.webinar_id
    where w.in_period and l.country_iso3 is not null
    union all
    select p.person_id, w.start_at, 1, l.country_iso3
    from raw.catalogue_speakers s
    join core.person_rows p
      on p.source = 'catalogue' and p.file_id = s.file_id and p.entry_id = s.entry_id
     and p.line_number = s.speaker_no
    join staging.country_lookup l on l.answer = s.country
    join core.webinars w on w.webinar_id = p.webinar_id
    where w.in_period and l.country_iso3 is not null
    union all
    select p.person_id, w.start_at, 2, l.country_iso3
    from staging.sessions s
    join core.person_rows p
      on p.source = 'session' and p.file_id = s.file_id and p.line_number = s.line_number
    join staging.country_lookup l on l.answer = s.country
    join core.webinars w on w.webinar_id = s.webinar_id
    where w.in_period and l.country_iso3 is not null
),

final as (
    -- the value itself breaks a remaining tie (two devices, two countries, one
    -- webinar), so the result never depends on row order
    select person_id,
           arg_max(country_iso3, {'at': epoch(start_at), 'priority': -priority,
                                  'value': country_iso3}) as country_iso3
    from facts
    group by person_id
)

select * from final
