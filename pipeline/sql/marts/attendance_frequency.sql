-- How many webinars each participant attended: the distribution.
with per_person as (
    select series, person_id, count(*) as webinars_attended
    from core.attendees
    group by series, person_id
),

final as (
    select
        series,
        webinars_attended,
        count(*) as participants,
        count(*) / sum(count(*)) over (partition by series) as share
    from per_person
    group by series, webinars_attended
)

select * from final order by series, webinars_attended
