-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each person's role in each webinar. Speakers (panelists, presenters, and
-- catalogue speakers) and staff (hosts, organisers) are never attendees
-- (DEFINITIONS.md, "Attendee"), even when they also have an audience row.
with session_roles as (
    select p.person_id, s.webinar_id, s.role
    from staging.sessions s
    join core.person_rows p
      on p.source = 'session' and p.file_id = s.file_id and p.line_number = s.line_number
),

catalogue_speakers as (
    select p.person_id, w.webinar_id, 'panelist' as role
    from core.person_rows p
    join core.webinars w on w.catalogue_file_id = p.file_id and w.catalogue_entry_id = p.entry_id
    where p.source = 'catalogue'
),

all_roles as (
    select * from session_roles union all select * from catalogue_speakers
),

final as (
    select
        person_id,
        webinar_id,
        bool_or(role = 'panelist') as is_speaker,
        bool_or(role = 'host') as is_staff,
        bool_or(role = 'attendee') and not bool_or(role in ('panelist', 'host')) as is_attendee
    from all_roles
    group by person_id, webinar_id
)

select * from final
