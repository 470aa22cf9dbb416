-- Monthly figures (series time), every month from the first webinar to the
-- last (or the as-of month) present even when empty, with the previous month
-- and the same month a year earlier beside each, so "this month" compares in
-- one row.
with months as (
    select s.series, cast(m.month as date) as month
    from (
        select series,
               min(date_trunc('month', start_local)) as first_month,
               greatest(max(date_trunc('month', start_local)),
                        coalesce((select date_trunc('month', as_of_date) from staging.params),
                                 max(date_trunc('month', start_local)))) as last_month
        from core.attendees group by series
    ) s,
    lateral (select unnest(range(s.first_month, s.last_month + interval 1 month,
                                 interval 1 month)) as month) m
),

webinars as (
    select series, cast(date_trunc('month', w.start_local) as date) as month,
           count(*) as webinars, sum(r.attendees) as attendances
    from marts.webinar_reach r
    join core.webinars w using (webinar_id, series)
    group by all
),

people as (
    select series, cast(date_trunc('month', start_local) as date) as month,
           count(distinct person_id) as attendees,
           -- a person is new on one row of the series only
           count(*) filter (where is_new) as new_participants,
           count(distinct country_iso3) as countries
    from core.attendees
    group by all
),

filled as (
    select
        m.series,
        m.month,
        coalesce(w.webinars, 0) as webinars,
        coalesce(w.attendances, 0) as attendances,
        coalesce(p.attendees, 0) as attendees,
        coalesce(p.new_participants, 0) as new_participants,
        coalesce(p.countries, 0) as countries
    from months m
    left join webinars w using (series, month)
    left join people p using (series, month)
),

final as (
    select
        *,
        cast(sum(new_participants) over (partition by series order by month) as bigint)
            as cumulative_participants,
        lag(webinars) over by_month as prev_month_webinars,
        lag(attendees) over by_month as prev_month_attendees,
        lag(new_participants) over by_month as prev_month_new_participants,
        lag(countries) over by_month as prev_month_countries,
        lag(webinars, 12) over by_month as year_ago_webinars,
        lag(attendees, 12) over by_month as year_ago_attendees,
        lag(new_participants, 12) over by_month as year_ago_new_participants,
        lag(countries, 12) over by_month as year_ago_countries
    from filled
    window by_month as (partition by series order by month)
)

select * from final order by series, month
