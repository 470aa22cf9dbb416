-- materialized: temporary (read only by other models; see pipeline/transform.py)
-- Each distinct e-mail text once, with its domain and the id of the person it
-- names, both from its clean form (macros.sql, clean_email). Rows join this
-- instead of calling the regex macros and md5 themselves: a large series has
-- four rows per address, and the macros were a third of the transform.
select
    email,
    staging.key_domain(email_key) as email_domain,
    staging.email_person_id(email_key) as email_person_id
from (
    select email, staging.clean_email(email) as email_key
    from (
        select email from raw.registrations where email is not null
        union
        select email from raw.sessions where email is not null
        union
        select email from raw.catalogue_speakers where email is not null
    )
)
