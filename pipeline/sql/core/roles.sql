-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each person's role in each webinar. Speakers (panelists, presenters, and
-- catalogue speakers) and staff (hosts, organisers) are never attendees
-- (DEFINITIONS.md, "Attendee"), even when they also have an audience row.
with session_roles as (
    select s.person_id, s.webinar_id, s.role
    from core.session_people s
),

catalogue_speakers as (
    select person_id, webinar_id, 'panelist' as role
    from core.catalogue_people
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
