-- Identity rules of DEFINITIONS.md ("Person"), written once and used by every model.

-- The e-mail without spaces (no-break and zero-width ones too) or angle
-- brackets, lower-cased, less a 'mailto:' prefix and the quotes, brackets or
-- punctuation around it, or the address inside 'Name <address>' (of a text
-- holding one '@': two addresses are not one person); NULL when
-- what is left is not an address, or is one under a name RFC 2606 reserves,
-- where no mailbox exists (Webex's guest stand-ins,
-- '<uuid>@guest.webex.localhost'). pipeline/normalize/text.py's normalize_email
-- is the same rule; tests/test_identity_keys.py holds the two together.
-- (A plain expression, not a subquery: a subquery macro becomes a correlated
-- subquery wherever it is used, and joins on it stop being hash joins.)
create or replace macro staging.email_candidate(e) as
    regexp_replace(
        regexp_replace(
            lower(regexp_replace(
                coalesce(
                    case when length(e) - length(replace(e, '@', '')) = 1
                         then nullif(regexp_extract(e, '<([^<>]*@[^<>]*)>', 1), '') end,
                    e),
                '[ \t\n\r\f\x{000B}\x{00A0}\x{200B}\x{200C}\x{200D}\x{2060}\x{FEFF}<>]', '', 'g')),
            '^["''(\[{]+|["'')\]}.,;:]+$', '', 'g'),
        '^mailto:', '');

create or replace macro staging.clean_email(e) as
    case when regexp_full_match(staging.email_candidate(e), '[^@]+@[^@]+\.[^@]+')
              and not ends_with(staging.email_candidate(e), '.localhost')
              and not ends_with(staging.email_candidate(e), '.invalid')
         then staging.email_candidate(e) end;

-- The domain of a clean e-mail; of any e-mail text.
create or replace macro staging.key_domain(email_key) as
    nullif(split_part(email_key, '@', 2), '');

create or replace macro staging.email_domain(e) as staging.key_domain(staging.clean_email(e));

-- A name for matching within one webinar: case, accents, punctuation, extra
-- spaces and word order ignored; a '(Guest)' suffix dropped. Letters of every
-- script count ('Иван Петров', '李伟'), not only a to z.
create or replace macro staging.name_key(s) as nullif(
    array_to_string(
        list_sort(string_split(
            trim(regexp_replace(
                lower(strip_accents(regexp_replace(trim(s),
                    '\s*\((guest|invitado|invitada|invité|invitée|invitee|convidado)\)\s*$',
                    '', 'i'))),
                '[^\p{L}\p{N}]+', ' ', 'g')),
            ' ')),
        ' '),
    '');

-- A person's id (DEFINITIONS.md, "Person"): the first 16 hex digits of the md5
-- of their key, 'email:' and the clean e-mail, else 'name:', the webinar and the
-- name key. No name or e-mail is kept beside it.
create or replace macro staging.email_person_id(email_key) as
    md5('email:' || email_key)[:16];

create or replace macro staging.name_person_id(webinar_id, name_key) as
    md5('name:' || webinar_id || ':' || name_key)[:16];

-- The person a source row names: its own e-mail's; for a row without one, the
-- e-mail of the one person with the same name in the same webinar (the row's
-- core.name_links match); otherwise its name within the webinar. NULL for a
-- row with neither e-mail nor name.
create or replace macro staging.person_id(own_email_person_id, linked_email_person_id,
                                          webinar_id, name_key) as
    coalesce(own_email_person_id, linked_email_person_id,
             staging.name_person_id(webinar_id, name_key));

-- A person's sector from one registration (DEFINITIONS.md, "Sector"): each
-- argument is that field's row of staging.sector_parts (what the field says
-- alone; NULL when the field is empty). An override of the answer, else of the
-- organisation, decides; otherwise the first field that names a sector, in the
-- order answer, organisation, e-mail domain, job title; else 'other' after an
-- answer that fits no sector, else 'unknown'. The same order as
-- pipeline.normalize.sector.combine_sectors.
create or replace macro staging.sector_of(answer, organization, domain, title) as
    case
        when answer.overridden then answer.sector
        when organization.overridden then organization.sector
        else coalesce(answer.sector, organization.sector, domain.sector, title.sector,
                      case when answer.answered then 'other' else 'unknown' end)
    end;

-- Whether staff decided the sector of that registration (overrides.csv).
create or replace macro staging.sector_overridden(answer, organization) as
    coalesce(answer.overridden, false) or coalesce(organization.overridden, false);
