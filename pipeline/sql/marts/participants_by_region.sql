-- Participants per World Bank region and income group; NULL = unknown country
-- (or, for income group, an economy the World Bank does not classify).
with participants as (
    select distinct a.series, a.person_id, a.country_iso3
    from core.attendees a
),

final as (
    select
        p.series,
        wb.region,
        wb.income_group,
        count(*) as participants,
        count(distinct p.country_iso3) as countries
    from participants p
    left join staging.world_bank_classification wb using (country_iso3)
    group by all
)

select * from final order by series, region nulls last, income_group nulls last
