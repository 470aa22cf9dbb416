-- One row per speaker per webinar in the period: panelists and presenters in
-- the exports, and speakers named in the catalogue (DEFINITIONS.md,
-- "speakers") -- including those of a catalogued webinar whose exports are not
-- loaded yet, since the definition names catalogue speakers outright.
select r.person_id, r.webinar_id, w.series, w.start_at, w.has_attendance
from core.roles r
join core.webinars w on w.webinar_id = r.webinar_id
where r.is_speaker and w.in_period and (w.has_attendance or w.in_catalogue)
