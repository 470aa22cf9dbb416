-- Participants per country and sector (NULL country = unknown). Small cells
-- are suppressed where people read them (the report), not here.
with participants as (
    select distinct series, person_id, country_iso3, sector from core.attendees
),

final as (
    select
        p.series,
        p.country_iso3,
        coalesce(n.country_name, 'Unknown') as country_name,
        p.sector,
        count(*) as participants
    from participants p
    left join staging.country_names n using (country_iso3)
    group by all
)

select * from final order by series, participants desc, country_name, sector
