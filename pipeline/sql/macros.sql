-- Identity rules of DEFINITIONS.md ("Person"), written once and used by every model.

-- The e-mail trimmed and lower-cased; a 'mailto:' prefix, inner spaces and
-- angle brackets dropped; NULL when what is left is not an address.
-- (A plain expression, not a subquery: a subquery macro becomes a correlated
-- subquery wherever it is used, and joins on it stop being hash joins.)
create or replace macro staging.email_candidate(e) as
    lower(regexp_replace(regexp_replace(trim(e), '^mailto:', '', 'i'), '[\s<>]', '', 'g'));

create or replace macro staging.clean_email(e) as
    case when regexp_full_match(staging.email_candidate(e), '[^@]+@[^@]+\.[^@]+')
         then staging.email_candidate(e) end;

create or replace macro staging.email_domain(e) as
    nullif(split_part(staging.clean_email(e), '@', 2), '');

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

-- One equality key for the four inputs a sector is resolved from (NULLs
-- included), so models join the sector lookup with a hash join rather than
-- four IS NOT DISTINCT FROM conditions (a nested loop).
create or replace macro staging.sector_key(answer, organization, domain, title) as
    concat_ws(chr(31), coalesce(answer, chr(0)), coalesce(organization, chr(0)),
              coalesce(domain, chr(0)), coalesce(title, chr(0)));
