-- Data quality per loaded file, for staff. The file name only (not the
-- folder, which may hold a user's home path).
select
    f.file_id,
    regexp_extract(f.path, '[^/\\]+$') as file_name,
    f.adapter,
    f.platform,
    f.report_type,
    f.layout,
    f.encoding,
    f.rows_read,
    f.rows_kept,
    f.rows_rejected,
    exists (select 1 from audit.active_reports a where a.file_id = f.file_id) as is_active,
    f.generated_at,
    f.loaded_at
from audit.files f
order by f.file_id
