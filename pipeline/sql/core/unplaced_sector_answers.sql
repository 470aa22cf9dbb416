-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- The rows behind audit.unresolved_sectors: each registration whose sector the
-- resolver could not place ('unknown' or 'other') and staff have not decided,
-- with its person and the answer (else the organisation) to review. Picked
-- here, before anything is joined to them (left to itself the planner joined
-- every registration row to its person before filtering), and apart from the
-- audit model so that the large row tables can be let go before the marts.
with final as materialized (
    select r.person_id, coalesce(t.sector, t.organization) as answer,
           case when t.sector is not null then 'sector answer' else 'organisation' end as field,
           r.resolved_sector as resolved_to
    from core.registration_people r
    join raw.registrations t on t.file_id = r.file_id and t.line_number = r.line_number
    where r.resolved_sector in ('unknown', 'other') and not r.sector_overridden
      and coalesce(t.sector, t.organization) is not null
)

select * from final
