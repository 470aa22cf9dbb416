-- Contract table (DEFINITIONS.md): participants per sector ('unknown' included).
with participants as (
    select distinct series, person_id, sector from core.attendees
),

final as (
    select series, sector, count(*) as participants
    from participants
    group by all
)

select * from final order by series, participants desc, sector
