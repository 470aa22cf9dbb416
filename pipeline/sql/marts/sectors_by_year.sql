-- Participants per sector and calendar year (series time): distinct people
-- who attended at least one webinar that year, by their (as-of) sector.
with final as (
    select series, year(start_local) as year, sector, count(distinct person_id) as participants
    from core.attendees
    group by all
)

select * from final order by series, year, participants desc, sector
