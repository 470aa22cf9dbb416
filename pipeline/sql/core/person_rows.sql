-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Every source row that names a person, with that person's identity
-- (DEFINITIONS.md, "Person"): the clean e-mail; for a row without one, the
-- e-mail of the one person with the same normalised name in the same webinar;
-- otherwise that name within that webinar, never merged across webinars.
with rows as not materialized (
    select 'registration' as source, file_id, line_number, null::integer as entry_id,
           webinar_id, email_person_id, name_key
    from staging.registrations
    union all
    select 'session', file_id, line_number, null, webinar_id, email_person_id, name_key
    from staging.sessions
    union all
    -- catalogue speakers, of matched webinars and of catalogue-only ones alike
    -- (keyed here, not through staging.email_keys: they are few, and so that
    -- table can be let go once the staging rows are built)
    select 'catalogue', s.file_id, s.speaker_no, s.entry_id, w.webinar_id,
           staging.email_person_id(staging.clean_email(s.email)), staging.name_key(s.name)
    from raw.catalogue_speakers s
    join core.webinars w on w.catalogue_file_id = s.file_id and w.catalogue_entry_id = s.entry_id
),

-- only the names that some row without an e-mail carries need a link: checking
-- every name of every webinar was the costliest step of the transform
unlinked_names as (
    select distinct webinar_id, name_key
    from rows
    where email_person_id is null and name_key is not null
),

name_links as (
    select r.webinar_id, r.name_key, min(r.email_person_id) as email_person_id
    from rows r
    semi join unlinked_names u on u.webinar_id = r.webinar_id and u.name_key = r.name_key
    where r.email_person_id is not null
    group by r.webinar_id, r.name_key
    having count(distinct r.email_person_id) = 1
),

-- A person's id (macros.sql): of their e-mail, hashed once per address in
-- staging.email_keys, else of their name within the webinar.
keyed as (
    select
        r.*,
        coalesce(r.email_person_id, l.email_person_id) as email_person,
        coalesce(
            r.email_person_id,
            l.email_person_id,
            staging.name_person_id(r.webinar_id, r.name_key)  -- null without a name
        ) as person_id
    from rows r
    left join name_links l
        on r.email_person_id is null and l.webinar_id = r.webinar_id and l.name_key = r.name_key
),

-- Only what later models read: at 100x this table has 4.6 million rows, and
-- carrying the keys' text (e-mails, names) along made it spill to disk. Nor
-- does it carry the webinar (its text was a third of the table): a row is
-- found again by (source, file_id, line_number), a catalogue row's webinar by
-- its catalogue entry (matched to one webinar at most, core.catalogue_matches).
final as (
    select
        -- an enum: one byte a row instead of sixteen, and compared as fast
        k.source::enum('registration', 'session', 'catalogue') as source,
        k.file_id, k.line_number, k.entry_id,
        k.person_id,
        k.email_person is not null as has_email,  -- the person is known by an e-mail
        k.email_person_id is not null as row_has_email,  -- this row gives one itself
        coalesce(w.in_period, false) as in_period  -- its webinar is in the period
    from keyed k
    left join core.webinars w on w.webinar_id = k.webinar_id
    where k.person_id is not null
)

select * from final
