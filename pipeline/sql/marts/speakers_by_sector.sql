-- Speakers and their appearances per sector of their organisation.
select series, sector, count(*) as speakers, sum(appearances) as appearances
from marts.speakers
group by all
order by series, speakers desc, sector
