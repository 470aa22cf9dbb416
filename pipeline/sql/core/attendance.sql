-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- One row per attendee per webinar (audience role only), with minutes
-- attended: the length of the union of the person's join/leave intervals,
-- re-joins and overlapping devices merged, clipped to the webinar's actual
-- start and end where known (DEFINITIONS.md, "Minutes attended"). A person
-- whose rows carry only a stated duration (no times) gets the sum of those.
with person_sessions as materialized (
    -- each audience row with its person, before anything else is joined: joined
    -- to core.roles first, the planner matched every row of a person with every
    -- webinar of theirs (6 million rows at 100x for 1.2 million sessions)
    select s.person_id, s.webinar_id, s.join_at, s.leave_at, s.minutes
    from core.session_people s
    where s.role = 'attendee'
),

sessions as (
    select
        s.person_id,
        s.webinar_id,
        case when w.start_is_actual and w.start_at is not null
             then greatest(s.join_at, w.start_at) else s.join_at end as join_at,
        case when w.start_is_actual and w.end_at is not null
             then least(s.leave_at, w.end_at) else s.leave_at end as leave_at,
        s.minutes
    from person_sessions s
    join core.webinars w on w.webinar_id = s.webinar_id
    join core.roles r on r.person_id = s.person_id and r.webinar_id = s.webinar_id
    where r.is_attendee
),

-- The union of a person's intervals, without merging them first: taken in
-- order of joining, each interval adds only what lies beyond the latest leave
-- of those before it (every gap between earlier intervals ends at an earlier
-- join, so before this one). One window instead of two and a grouping.
intervals as (
    select
        person_id,
        webinar_id,
        join_at,
        leave_at,
        coalesce(max(leave_at) over (
            partition by person_id, webinar_id order by join_at, leave_at
            rows between unbounded preceding and 1 preceding), join_at) as reached_before
    from sessions
    where join_at is not null and leave_at is not null and leave_at > join_at
),

interval_minutes as (
    select person_id, webinar_id,
           -- whole microseconds, summed exactly, in minutes
           sum(greatest(epoch_us(leave_at) - epoch_us(greatest(join_at, reached_before)), 0))
               / 60e6 as minutes,
           min(join_at) as first_join_at
    from intervals
    group by person_id, webinar_id
),

stated_minutes as (
    select person_id, webinar_id, sum(minutes) as minutes
    from sessions
    where join_at is null or leave_at is null
    group by person_id, webinar_id
),

people as (
    select distinct person_id, webinar_id from sessions
),

final as (
    select
        p.person_id,
        p.webinar_id,
        coalesce(i.minutes, s.minutes, 0) as minutes_attended,
        i.first_join_at
    from people p
    left join interval_minutes i using (person_id, webinar_id)
    left join stated_minutes s using (person_id, webinar_id)
)

select * from final
