-- The report's headline figures, one row per series: as of the data's as-of
-- date, and as they stood at the end of the previous month (figures over the
-- webinars before the as-of month began), so the report shows the change.
-- Sectors = distinct sectors among participants other than 'other' and
-- 'unknown'. Previous-month countries and sectors use each person's current
-- (as-of) country and sector.
with as_of_month as (
    select
        series,
        cast(date_trunc('month', coalesce((select as_of_date from staging.params),
                                          max(cast(start_local as date)))) as date) as month
    from core.attendees
    group by series
),

-- the figures over the webinars before the as-of month, in one pass
previous as (
    select
        m.series,
        count(distinct b.webinar_id) as webinars,
        count(distinct b.person_id) as participants,
        count(distinct b.country_iso3) as countries,
        count(distinct b.sector) filter (where b.sector not in ('other', 'unknown')) as sectors
    from as_of_month m
    left join core.attendees b on b.series = m.series and b.start_local < m.month
    group by m.series
),

previous_speakers as (
    select m.series, count(distinct s.person_id) as speakers
    from as_of_month m
    left join (
        select s.series, s.person_id, w.start_local
        from core.speakers s
        join core.webinars w using (webinar_id)
    ) s on s.series = m.series and s.start_local < m.month
    group by m.series
),

sectors as (
    select series,
           count(distinct sector) filter (where sector not in ('other', 'unknown')) as sectors
    from core.attendees
    group by series
),

now as (
    select s.series, s.webinars, s.participants, s.countries, s.speakers,
           coalesce(t.sectors, 0) as sectors
    from marts.series_summary s
    left join sectors t using (series)
),

-- Facts the report's chart titles state, computed here so the report computes nothing.
facts as (
    select
        series,
        sum(attendees) as attendances,
        sum(returning_attendees) / nullif(sum(attendees), 0) as returning_share,
        avg(attendance_rate) as mean_attendance_rate
    from marts.webinar_reach
    group by series
),

repeat as (
    select series, sum(share) filter (where webinars_attended > 1) as repeat_share
    from marts.attendance_frequency
    group by series
),

final as (
    select
        n.series,
        m.month as as_of_month,
        n.webinars, n.participants, n.countries, n.speakers, n.sectors,
        p.webinars as webinars_prev_month,
        p.participants as participants_prev_month,
        p.countries as countries_prev_month,
        ps.speakers as speakers_prev_month,
        p.sectors as sectors_prev_month,
        f.attendances,
        f.returning_share,
        f.mean_attendance_rate,
        coalesce(r.repeat_share, 0) as repeat_share
    from now n
    join as_of_month m using (series)
    join previous p using (series)
    join previous_speakers ps using (series)
    left join facts f using (series)
    left join repeat r using (series)
)

select * from final order by series
