-- Retention by cohort: people whose first webinar of the series was in month
-- M (series time), and how many attended again within 3, 6 and 12 months of
-- that first webinar. Only people whose whole window lies within the data
-- (up to the as-of date) are eligible for a window, so recent cohorts are not
-- shown as "not returning" before they had the chance.
with data_end as (
    select coalesce(p.as_of_at, (select max(start_at) from core.attendees)) as end_at
    from staging.params p
),

firsts as (
    select series, person_id, start_at as first_at,
           cast(date_trunc('month', start_local) as date) as cohort_month
    from core.attendees
    where is_new
),

next_visit as (
    select f.series, f.person_id, min(a.start_at) as next_at
    from firsts f
    join core.attendees a on a.series = f.series and a.person_id = f.person_id
     and a.start_at > f.first_at
    group by f.series, f.person_id
),

people as (
    select
        f.*,
        n.next_at,
        f.first_at + interval 3 month <= d.end_at as eligible_3m,
        f.first_at + interval 6 month <= d.end_at as eligible_6m,
        f.first_at + interval 12 month <= d.end_at as eligible_12m
    from firsts f
    left join next_visit n using (series, person_id)
    cross join data_end d
),

final as (
    select
        series,
        cohort_month,
        count(*) as cohort_size,
        count(*) filter (where eligible_3m) as eligible_3m,
        count(*) filter (where eligible_3m and next_at <= first_at + interval 3 month)
            as returned_3m,
        count(*) filter (where eligible_6m) as eligible_6m,
        count(*) filter (where eligible_6m and next_at <= first_at + interval 6 month)
            as returned_6m,
        count(*) filter (where eligible_12m) as eligible_12m,
        count(*) filter (where eligible_12m and next_at <= first_at + interval 12 month)
            as returned_12m
    from people
    group by series, cohort_month
)

select
    *,
    returned_3m / nullif(eligible_3m, 0) as return_rate_3m,
    returned_6m / nullif(eligible_6m, 0) as return_rate_6m,
    returned_12m / nullif(eligible_12m, 0) as return_rate_12m
from final
order by series, cohort_month
