-- Which catalogue entry describes which exported webinar.
-- Same series-local date required; then the platform ID, else the closest
-- title. Each entry and each webinar is matched at most once, best score first.
with exported as (
    select distinct on (webinar_id) webinar_id, platform_webinar_id, title, local_date
    from staging.webinar_reports
    order by webinar_id, report_type = 'attendance' desc, file_id desc
),

candidates as (
    select
        c.file_id,
        c.entry_id,
        e.webinar_id,
        (case
            when c.platform_id is not null
             and regexp_replace(c.platform_id, '[^0-9A-Za-z]', '', 'g')
               = regexp_replace(coalesce(e.platform_webinar_id, ''), '[^0-9A-Za-z]', '', 'g')
            then 2 else 0 end)
        + jaro_winkler_similarity(lower(strip_accents(coalesce(c.title, ''))),
                                  lower(strip_accents(coalesce(e.title, '')))) as score,
        count(*) over (partition by c.file_id, c.entry_id) as same_day_exports
    from staging.catalogue_entries c
    join exported e on e.local_date = c.webinar_date
),

plausible as (
    -- one export that day is that webinar; several need an ID or a similar title
    select * from candidates where same_day_exports = 1 or score >= 0.75
),

ranked as (
    select
        *,
        row_number() over (partition by file_id, entry_id order by score desc, webinar_id)
            as entry_rank,
        row_number() over (partition by webinar_id order by score desc, file_id desc, entry_id)
            as webinar_rank
    from plausible
),

final as (
    select file_id, entry_id, webinar_id, score
    from ranked
    where entry_rank = 1 and webinar_rank = 1
)

select * from final
