"""Text folding shared by header matching, name matching and the resolvers.

Registrants and platforms disagree on case, accents, spacing and punctuation
("Correo electrónico", "correo  electronico*", "E-mail"). Every comparison of
human text in the pipeline goes through :func:`fold`, so "the same words"
means the same thing everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")  # letters and digits of every script are kept
_PLACEHOLDERS = frozenset({"", "-", "--", "—", "n/a", "na", "null", "none", "nan"})
# clean_cell's shortcuts rely on both.
assert max(map(len, _PLACEHOLDERS)) <= 4
assert not any(p.startswith("=") for p in _PLACEHOLDERS)


def strip_accents(text: str) -> str:
    """Remove combining marks: 'México' -> 'Mexico', 'São Tomé' -> 'Sao Tome'."""
    if text.isascii():
        return text  # nothing to decompose; skips a per-character loop on huge cells
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str | None) -> str:
    """Lower-case, accent-free, punctuation-free, single-spaced form of ``text``.

    'Correo Electrónico*' -> 'correo electronico'; 'Time in Session (minutes)'
    -> 'time in session minutes'. Returns '' for None.
    """
    if text is None:
        return ""
    return _fold(str(text))


# Memoised because every adapter's detect() folds the same header cells again: a
# 1 MB cell (folded in ~0.5 s) was folded ~50 times per file, turning one damaged
# export into a minute-long "hang" (found by tests/test_fuzz_readers.py). Bounded,
# so at most a few thousand recent texts are kept alive.
@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    text = strip_accents(text.replace("\ufeff", "")).lower()
    text = text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe")
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text)).strip()


def clean_cell(value: str | None, placeholders: frozenset[str] = _PLACEHOLDERS) -> str | None:
    """A cell as text, with the platforms' placeholders ('--', '', ' ') as None.

    A cell written as an Excel text formula, ``="2025-03-22 10:00:00"``, is the
    text inside it: Webex writes its participant reports' times that way so
    that Excel shows them as typed (three public parsers of those reports strip
    the wrapper), and spreadsheet users keep IDs and phone numbers so.
    """
    if value is None:
        return None
    if value.__class__ is not str:
        value = str(value)
    if "\ufeff" in value:
        value = value.replace("\ufeff", "")
    value = value.strip()
    # Called on every cell of every export (a dozen times a row). Only short values can
    # be placeholders, and only one that begins with '=' a formula: most cells are
    # neither, and return here (a quarter of the function's cost).
    if len(value) > 4:
        if value[0] != "=":
            return value
    elif value.lower() in placeholders:
        return None  # no placeholder begins with '=': unwrapping would not change it
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        value = value[2:-1].replace('""', '"').strip()
        if len(value) <= 4 and value.lower() in placeholders:
            return None
    return value


# Placeholders of a name cell: no word. 'Na' (a Korean surname), 'Nan' (a given name) and
# 'Null' (a surname) are people's names, which clean_cell's spreadsheet words would erase.
_NAME_PLACEHOLDERS = frozenset({"", "-", "--", "—", "n/a"})
assert _NAME_PLACEHOLDERS <= _PLACEHOLDERS


def clean_name(value: str | None) -> str | None:
    """:func:`clean_cell` for a first or last name: only punctuation and 'N/A' are no name."""
    return clean_cell(value, _NAME_PLACEHOLDERS)


# Memoised: the Teams adapter normalises each row's addresses several times (finding
# the e-mail, then the person's keys), ~5% of parsing a Teams report.
@lru_cache(maxsize=16384)
def normalize_email(value: str | None) -> str | None:
    """Identity key of DEFINITIONS.md: the address trimmed and lower-cased.

    Also takes the address out of 'Ana Pérez <ana@gob.mx>', and drops a
    'mailto:' prefix, angle brackets, spaces (no-break and zero-width ones too)
    and quotes, brackets or sentence punctuation around the address
    ('"ana@gob.mx".'), which appear when an address was pasted from a mail
    client, a web page or a document: none can be part of it, and kept they
    would make the same person two. Anything that is not
    'something@something.something' is not an address and gives None, nor is
    one under a reserved name no mailbox can have ('.localhost', '.invalid').
    The SQL macro ``staging.clean_email`` (pipeline/sql/macros.sql) is the same
    rule for the figures: tests/test_identity_keys.py holds the two together.
    """
    value = clean_cell(value)
    if value is None:
        return None
    # 'Name <address>' is that address; 'Ana <a@x.org>, Bob <b@y.org>' is two, and no key.
    if value.count("@") == 1 and (inside := _IN_ANGLE_BRACKETS.search(value)) is not None:
        value = inside.group(1)
    value = _AROUND_ADDRESS.sub("", _NOT_IN_ADDRESS.sub("", value).lower())
    if value.startswith("mailto:"):
        value = value[7:]
    if not _ADDRESS.fullmatch(value) or value.endswith(_RESERVED_DOMAINS):
        return None
    return value


# Each pattern has its twin in staging.email_candidate (pipeline/sql/macros.sql).
_IN_ANGLE_BRACKETS = re.compile(r"<([^<>]*@[^<>]*)>")
# ASCII white space, no-break and zero-width spaces, the byte-order mark, brackets.
_NOT_IN_ADDRESS = re.compile("[ \t\n\r\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff<>]")
_AROUND_ADDRESS = re.compile(r"^[\"'(\[{]+|[\"')\]}.,;:]+$")
_ADDRESS = re.compile(r"[^@]+@[^@]+\.[^@]+")
# Top-level names RFC 2606 reserves: no mailbox exists under them.
_RESERVED_DOMAINS = (".localhost", ".invalid")


# Compiled once: re.sub with a pattern string looks it up in re's cache on every call.
_GUEST_SUFFIX = re.compile(
    r"\s*\((guest|invitado|invitada|invite|invitee|convidado)\)\s*$", re.IGNORECASE
)


def name_key(name: str | None) -> str | None:
    """Normalised name for matching people without e-mail within one webinar.

    Case, accents, punctuation, extra spaces and word order are ignored, per
    DEFINITIONS.md: 'Pérez, Ana' and 'ana  perez' give the same key. A Zoom
    'Renamed (Original Name)' or a Teams 'Name (Guest)' suffix is dropped first.
    """
    name = clean_cell(name)
    if name is None:
        return None
    name = _GUEST_SUFFIX.sub("", name)
    words = sorted(fold(name).split())
    return " ".join(words) or None
