-- Rejected rows in active files, by kind of reason. Quoted cell values are
-- masked so what a person typed never reaches a mart.
with rejected as (
    select f.adapter, regexp_replace(r.reason, '''[^'']*''', '''…''', 'g') as reason
    from audit.rejected_rows r
    join audit.files f using (file_id)
    where exists (select 1 from audit.active_reports a where a.file_id = f.file_id)
),

final as (
    select adapter, reason, count(*) as rows_rejected
    from rejected
    group by all
)

select * from final order by rows_rejected desc, adapter, reason
