-- Rebuild audit.active_reports of a database made before report parts existed,
-- with the part in its primary key. DuckDB cannot alter a primary key, so the
-- table is copied into the new shape, dropped and replaced. Every existing
-- row keeps its file and gets part '' (no part: how it was activated).
-- pipeline/warehouse.py runs this in one transaction, only when the table has
-- no part column.
create table audit.active_reports_with_part (
    webinar_key  varchar not null,
    report_type  varchar not null,
    part         varchar not null default '',
    file_id      integer not null,
    primary key (webinar_key, report_type, part)
);

insert into audit.active_reports_with_part (webinar_key, report_type, part, file_id)
select webinar_key, report_type, '', file_id
from audit.active_reports;

drop table audit.active_reports;

alter table audit.active_reports_with_part rename to active_reports;
