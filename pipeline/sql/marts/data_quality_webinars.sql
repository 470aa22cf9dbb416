-- Data quality per webinar: rows rejected in its active files, unknown
-- country and sector shares among its attendees, rows without e-mail, and
-- registrations for webinars with no attendance report (not counted anywhere).
with files as (
    select coalesce(l.to_webinar_id, a.webinar_key) as webinar_id,
           sum(f.rows_rejected) as rows_rejected, sum(f.rows_read) as rows_read
    from audit.active_reports a
    join audit.files f using (file_id)
    left join staging.webinar_links l on l.from_webinar_id = a.webinar_key
    group by all
),

attendees as (
    select webinar_id, count(*) as attendees,
           count(*) filter (where country_iso3 is null) as unknown_country,
           count(*) filter (where sector = 'unknown') as unknown_sector
    from core.attendees
    group by webinar_id
),

final as (
    select
        w.webinar_id,
        w.series,
        w.title,
        w.start_at,
        w.platform,
        w.has_attendance,
        w.in_catalogue,
        coalesce(f.rows_read, 0) as rows_read,
        coalesce(f.rows_rejected, 0) as rows_rejected,
        coalesce(a.attendees, 0) as attendees,
        a.unknown_country / nullif(a.attendees, 0) as unknown_country_share,
        a.unknown_sector / nullif(a.attendees, 0) as unknown_sector_share,
        coalesce(n.session_rows_without_email, 0) as session_rows_without_email,
        coalesce(n.registration_rows_without_email, 0) as registration_rows_without_email,
        case when not w.has_attendance then coalesce(n.registration_rows, 0) else 0 end
            as registrations_without_attendance_report
    from core.webinars w
    left join files f using (webinar_id)
    left join attendees a using (webinar_id)
    left join core.webinar_rows n using (webinar_id)
    where w.in_period
)

select * from final order by start_at, webinar_id
