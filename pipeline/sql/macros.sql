-- Identity rules of DEFINITIONS.md ("Person"), written once and used by every model.

-- The e-mail trimmed and lower-cased; a 'mailto:' prefix, inner spaces and
-- angle brackets dropped; NULL when what is left is not an address.
create or replace macro staging.clean_email(e) as (
    with c as (
        select lower(regexp_replace(regexp_replace(trim(e), '^mailto:', '', 'i'),
                                    '[\s<>]', '', 'g')) as v
    )
    select case when regexp_full_match(v, '[^@]+@[^@]+\.[^@]+') then v end from c
);

create or replace macro staging.email_domain(e) as
    nullif(split_part(staging.clean_email(e), '@', 2), '');

-- A name for matching within one webinar: case, accents, punctuation, extra
-- spaces and word order ignored; a '(Guest)' suffix dropped.
create or replace macro staging.name_key(s) as nullif(
    array_to_string(
        list_sort(string_split(
            trim(regexp_replace(
                lower(strip_accents(regexp_replace(trim(s),
                    '\s*\((guest|invitado|invitada|invité|invitée|invitee|convidado)\)\s*$',
                    '', 'i'))),
                '[^a-z0-9]+', ' ', 'g')),
            ' ')),
        ' '),
    '');
