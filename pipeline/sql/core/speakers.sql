-- One row per speaker per counted webinar: panelists and presenters in the
-- exports, and speakers named in the catalogue (DEFINITIONS.md, "speakers").
select r.person_id, r.webinar_id, w.series, w.start_at
from core.roles r
join core.webinars w on w.webinar_id = r.webinar_id
where r.is_speaker and w.in_period and w.has_attendance
