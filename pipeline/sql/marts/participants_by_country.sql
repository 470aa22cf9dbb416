-- Contract table (DEFINITIONS.md): participants per country; NULL = unknown,
-- counted in totals and shown as its own bar, never counted as a country.
with participants as (
    select distinct series, person_id, country_iso3 from core.attendees
),

final as (
    select
        p.series,
        p.country_iso3,
        coalesce(n.country_name, 'Unknown') as country_name,
        count(*) as participants
    from participants p
    left join staging.country_names n using (country_iso3)
    group by all
)

select * from final order by series, participants desc, country_name
