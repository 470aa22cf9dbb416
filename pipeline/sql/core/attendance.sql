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
        -- a missing time stays missing: greatest and least skip NULLs, and read a
        -- row stating only its duration as the whole webinar
        case when w.start_is_actual and w.start_at is not null and s.join_at is not null
             then greatest(s.join_at, w.start_at) else s.join_at end as join_at,
        case when w.start_is_actual and w.end_at is not null and s.leave_at is not null
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
-- join, so before this one). One window instead of two and a grouping. Rows
-- without both times stay, to be counted by the duration they state; a row
-- with both times but no length (joined and left in the same minute of an
-- Excel re-save, or clipped away outside the webinar) adds nothing: minutes
-- are the union of the intervals (DEFINITIONS.md), whatever the row states.
intervals as (
    select
        *,
        coalesce(max(leave_at) filter (where is_interval) over (
            partition by person_id, webinar_id order by join_at, leave_at
            rows between unbounded preceding and 1 preceding), join_at) as reached_before
    from (
        select *, join_at is not null and leave_at is not null and leave_at > join_at
                      as is_interval
        from sessions
    )
),

-- one row per person and webinar: the union of their intervals, else the sum
-- of the durations their rows state, else 0
final as (
    select
        person_id,
        webinar_id,
        coalesce(
            -- whole microseconds, summed exactly, in minutes
            sum(greatest(epoch_us(leave_at) - epoch_us(greatest(join_at, reached_before)), 0))
                filter (where is_interval) / 60e6,
            sum(minutes) filter (where join_at is null or leave_at is null),
            0
        ) as minutes_attended,
        min(join_at) filter (where is_interval) as first_join_at
    from intervals
    group by person_id, webinar_id
)

select * from final
