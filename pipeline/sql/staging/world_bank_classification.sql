-- World Bank country classification (region, income group), shipped as data
-- in pipeline/normalize/data/world_bank_classification.csv (dated; see the .md
-- beside it). The transform registers the file as staging_world_bank_csv.
select country_iso3, economy, region, nullif(income_group, '') as income_group
from staging_world_bank_csv
