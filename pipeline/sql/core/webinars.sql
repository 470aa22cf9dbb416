-- One row per webinar occurrence: every exported webinar, and every catalogue
-- entry no export matched (has_attendance = false, reported, never dropped).
-- A webinar is described by its attendance report(s) when it has any, else by
-- its registration report; an actual start wins over a scheduled one.
with described_by as (
    select distinct on (webinar_id)
        webinar_id, report_type, start_is_actual, platform, platform_webinar_id, title,
        local_date
    from staging.webinar_reports
    order by webinar_id, report_type = 'attendance' desc, start_is_actual desc, file_id desc
),

-- A restarted Teams meeting has one active report per part (README, "What you
-- can rely on"): the webinar runs from the earliest part's start to the latest
-- part's end, so minutes attended in every part fall inside it. The end is
-- known only when every part's is; one report keeps its own stated duration.
spans as (
    select
        r.webinar_id,
        min(r.start_at) as start_at,
        case when count(*) = count(r.end_at) then max(r.end_at) end as end_at,
        case when count(*) = 1 then any_value(r.duration_minutes) end as only_duration
    from (
        select
            *,
            start_at + to_microseconds(cast(duration_minutes * 60e6 as bigint)) as end_at
        from staging.webinar_reports
    ) r
    join described_by d
      on d.webinar_id = r.webinar_id and d.report_type = r.report_type
     and d.start_is_actual is not distinct from r.start_is_actual
    group by r.webinar_id
),

exported as (
    select
        d.webinar_id, d.platform, d.platform_webinar_id, d.title, s.start_at, s.end_at,
        coalesce(s.only_duration, epoch(s.end_at - s.start_at) / 60) as duration_minutes,
        d.start_is_actual, d.local_date
    from described_by d
    join spans s using (webinar_id)
),

has_attendance as (
    select distinct webinar_id from staging.webinar_reports where report_type = 'attendance'
),

default_series as (
    select coalesce(
        (select s.name from raw.catalogue_series s
         join audit.active_reports a on a.file_id = s.file_id
         order by s.file_id desc limit 1),
        'Webinar series') as name
),

from_exports as (
    select
        e.webinar_id,
        coalesce(c.series, (select name from default_series)) as series,
        coalesce(c.title, e.title) as title,
        e.start_at,
        e.end_at,
        e.duration_minutes,
        e.start_is_actual,
        c.language,
        c.topic,
        e.platform,
        e.platform_webinar_id,
        e.local_date,
        h.webinar_id is not null as has_attendance,
        c.entry_id is not null as in_catalogue,
        c.file_id as catalogue_file_id,
        c.entry_id as catalogue_entry_id
    from exported e
    left join has_attendance h on h.webinar_id = e.webinar_id
    left join core.catalogue_matches m on m.webinar_id = e.webinar_id
    left join staging.catalogue_entries c on c.file_id = m.file_id and c.entry_id = m.entry_id
),

catalogue_only as (
    select
        'catalogue:' || c.entry_id || ':' || c.webinar_date as webinar_id,
        c.series,
        c.title,
        cast(timezone('UTC', timezone(c.timezone,
            c.webinar_date + coalesce(try_cast(c.start_time as time), time '00:00'))) as timestamp)
            as start_at,
        null::timestamp as end_at,
        null::double as duration_minutes,
        false as start_is_actual,
        c.language,
        c.topic,
        c.platform,
        c.platform_id as platform_webinar_id,
        c.webinar_date as local_date,
        false as has_attendance,
        true as in_catalogue,
        c.file_id as catalogue_file_id,
        c.entry_id as catalogue_entry_id
    from staging.catalogue_entries c
    anti join core.catalogue_matches m on m.file_id = c.file_id and m.entry_id = c.entry_id
),

final as (
    select
        w.*,
        timezone(p.timezone, w.start_at at time zone 'UTC') as start_local,
        p.as_of_at is null or w.start_at < p.as_of_at as in_period
    from (select * from from_exports union all by name select * from catalogue_only) w
    cross join staging.params p
)

select * from final
