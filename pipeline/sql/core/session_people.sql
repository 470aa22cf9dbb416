-- materialized: view (run inside each model reading it; see pipeline/transform.py)
-- Join sessions (staging.sessions) with the person each names (macros.sql,
-- staging.person_id); rows naming no one are left out. has_email: the person
-- is known by an e-mail, the row's own or a linked one. A view: a copy of
-- millions of rows cost more than the join to core.name_links, which is small.
select
    r.*,
    staging.person_id(r.email_person_id, l.email_person_id, r.webinar_id, r.name_key)
        as person_id,
    coalesce(r.email_person_id, l.email_person_id) is not null as has_email
from staging.sessions r
left join core.name_links l on l.webinar_id = r.webinar_id and l.name_key = r.name_key
where r.email_person_id is not null or r.name_key is not null
