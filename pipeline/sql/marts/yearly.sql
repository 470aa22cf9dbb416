-- Figures per calendar year (series time), one row per year with a webinar, so
-- two years compare in one table: webinars, attendances and their average per
-- webinar, participants (distinct people who attended that year), new
-- participants (whose first webinar fell that year), and the return rates of
-- the year's monthly cohorts: people who returned ÷ people eligible, each
-- summed over the cohorts (marts.cohort_retention defines both).
with webinars as (
    select series, year(w.start_local) as year,
           count(*) as webinars, sum(r.attendees) as attendances
    from marts.webinar_reach r
    join core.webinars w using (webinar_id, series)
    group by all
),

people as (
    select series, year(start_local) as year,
           count(distinct person_id) as participants,
           -- a person is new on one row of the series only
           count(*) filter (where is_new) as new_participants
    from core.attendees
    group by all
),

cohorts as (
    select series, year(cohort_month) as year,
           sum(eligible_3m) as eligible_3m, sum(returned_3m) as returned_3m,
           sum(eligible_6m) as eligible_6m, sum(returned_6m) as returned_6m,
           sum(eligible_12m) as eligible_12m, sum(returned_12m) as returned_12m
    from marts.cohort_retention
    group by all
),

final as (
    select
        w.series,
        w.year,
        w.webinars,
        w.attendances,
        round(w.attendances / w.webinars, 1) as avg_attendees,
        coalesce(p.participants, 0) as participants,
        coalesce(p.new_participants, 0) as new_participants,
        cast(coalesce(c.eligible_3m, 0) as bigint) as eligible_3m,
        cast(coalesce(c.returned_3m, 0) as bigint) as returned_3m,
        cast(coalesce(c.eligible_6m, 0) as bigint) as eligible_6m,
        cast(coalesce(c.returned_6m, 0) as bigint) as returned_6m,
        cast(coalesce(c.eligible_12m, 0) as bigint) as eligible_12m,
        cast(coalesce(c.returned_12m, 0) as bigint) as returned_12m,
        c.returned_3m / nullif(c.eligible_3m, 0) as return_rate_3m,
        c.returned_6m / nullif(c.eligible_6m, 0) as return_rate_6m,
        c.returned_12m / nullif(c.eligible_12m, 0) as return_rate_12m
    from webinars w
    left join people p using (series, year)
    left join cohorts c using (series, year)
)

select * from final order by series, year
