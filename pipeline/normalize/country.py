"""Country resolution: what registrants typed -> ISO 3166-1 alpha-3 (``XKX`` for Kosovo).

DEFINITIONS.md ("Country") asks for English, Spanish, French and Portuguese
names, ISO codes, common abbreviations, missing accents and small typos, and
the habit of answering with a city. Its governing principle is that a wrong
country is worse than an unknown one, so every step below prefers ``None`` to a
guess:

1. The whole answer, folded (case, accents, punctuation, connector words and
   dotted abbreviations ignored), is looked up in one index built from
   pycountry's names and translations plus the curated files in
   ``data/``: ``country_aliases.csv`` (abbreviations, historic and native
   names, demonyms, regions of a country), ``cities.csv`` and
   ``country_rejects.csv`` (regions, placeholders and ambiguous names).
   Names in non-Latin scripts ('Україна', 'مصر', '日本') come from
   pycountry's translations too, as ambiguous as their English counterpart.
2. An ISO code is accepted only when it *is* the whole answer (case
   ignored): inside a longer answer 'in', 'de' and 'es' are words, and in
   'Boston, MA' or 'Recife/PE' two letters are a US or Brazilian state
   (``state_codes.csv``: such a code allows only its countries, and a town
   named like a foreign city is the state's town: 'Paris, TX' and 'Albany,
   NY' are the United States, 'Athens, GA' (Georgia, Goa or Gabon) is
   unknown, never Greece; a state written out, ``state_names.csv``, does
   the same: 'Moscow, Idaho'). Alone,
   'IN' is India, but 'NO' and 'NA' are refusals and 'LA' is Laos or Los
   Angeles (``country_rejects.csv``). An upper-case alpha-3 code always
   resolves to itself, so stored codes round-trip.
3. Otherwise the answer is split at punctuation ('Lima - Peru',
   'Nairobi (Kenya)') and each part is looked up whole, then scanned for the
   longest known names inside it ('I live in Kenya'), then, if it is long
   enough and named no country, fuzzy-matched against country names (never
   cities) to absorb a typo; beside a name found, a one- or two-letter word
   is a code the typo may not replace ('Salvador ba' is no 'Salvadoreña').
   A qualifier next to a name that would make it another country ('S.
   Sudan', 'N. Ireland') makes the answer unsure.
4. Everything found must agree: two countries ('Spain/France') give ``None``;
   an ambiguous name ('Congo', 'Santiago', 'Korea') resolves only when
   something else in the answer picks one of its candidates
   ('Santiago, Chile'); regions ('Latin America', 'East Africa') say nothing.

The index is built once per process and each distinct string is resolved once
(``functools.lru_cache``), because the pipeline resolves every distinct answer
on every run.
"""

from __future__ import annotations

import csv
import gettext
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from pipeline.normalize._fold import quick_fold
from pipeline.normalize.text import clean_cell

__all__ = ["KOSOVO", "country_name", "is_place_name", "resolve_country"]

KOSOVO = "XKX"
"""Kosovo has no ISO 3166-1 entry; XKX is the code the EU, IMF and World Bank use."""

# pycountry ships translations of its own names; pt_BR adds Brazilian spellings
# ('Vietnã', 'Quênia') to the European Portuguese ones ('Vietname', 'Quénia').
# German and Italian go beyond DEFINITIONS.md's four languages: participants from
# 100+ countries type their own name for their country ('Kolumbien', 'Paesi Bassi');
# a name two languages give two countries becomes ambiguous, as any shared name does.
_TRANSLATIONS = ("es", "fr", "pt", "pt_BR", "de", "it")
# Registrants also write their country in their own script ('Россия', 'مصر', '日本').
# Only names with no Latin letter are taken from these languages, so they can never
# collide with a name typed in Latin letters; two of them naming two countries
# become ambiguous as any shared name does. They are never fuzzy-matched.
_SCRIPT_TRANSLATIONS = (
    *("ar", "fa", "ur", "ps", "ckb", "he"),  # Arabic and Hebrew scripts
    *("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg"),  # Cyrillic
    *("el", "ka", "hy", "am", "ti"),  # Greek, Georgian, Armenian, Ethiopic
    *("hi", "mr", "ne", "bn", "pa", "gu", "ta", "te", "kn", "ml", "si"),  # South Asian
    *("th", "lo", "km", "my"),  # South-East Asian
    *("zh_CN", "zh_TW", "zh_HK", "ja", "ko"),  # Chinese, Japanese, Korean
)
_LATIN = re.compile(r"[a-z]")

# Connector words dropped from every key, so 'Trinidad & Tobago', 'Trinidad and
# Tobago' and 'Trinidad y Tobago' meet, and 'Republic of the Congo' meets
# 'Republic of Congo'. 'el' is kept: 'El Salvador' is not 'Salvador' (Brazil).
_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "y",
        "e",
        "et",
        "de",
        "del",
        "da",
        "do",
        "das",
        "dos",
        "des",
        "du",
        "d",
        "l",
        "la",
        "le",
        "les",
        "las",
        "los",
    ]
)
# Words written many ways, reduced to one token on both sides of every lookup:
# 'Slovak Rep.' meets 'Slovak Republic', 'Russian Fed.' meets 'Russian
# Federation', 'St Lucia' meets 'Saint Lucia' and 'Santa Lucía'.
_CANONICAL = {
    **dict.fromkeys(("republic", "republica", "republique", "rep", "repub"), "rep"),
    **dict.fromkeys(("democratic", "democratica", "democratique", "dem"), "dem"),
    **dict.fromkeys(("federation", "federacion", "federacao", "fed"), "fed"),
    **dict.fromkeys(
        ("saint", "sainte", "sint", "st", "ste", "san", "santa", "santo", "sao", "sto"), "st"
    ),
}

# Punctuation that separates the parts of one answer ('Lima, Perú',
# 'Peru / Lima', 'Nairobi (Kenya)', 'Quito - Ecuador'). A hyphen inside a name
# ('Guinea-Bissau', 'Congo-Kinshasa') is not a separator; one between spaces is.
_SEPARATORS = re.compile(r"[,;/\\|()\[\]{}:+\n\t–—«»\"“”]|\s-+\s|^-+\s|\s-+$")
# 'Salvador-BA', 'Recife-PE': a state code after a hyphen (the hyphen inside a name,
# 'Guinea-Bissau', is no separator). Read as 'Salvador, BA' when the code is a state's.
# Written as a word ('Salvador-Ba'), it only picks among the countries of the town
# or ambiguous name before it, never overrides them ('Abidjan-Sp' stays Côte d'Ivoire).
_STATE_AFTER_HYPHEN = re.compile(r"\s*-\s*([A-Z][A-Za-z])\s*$")
_EMAIL_OR_URL = re.compile(r"@|https?://|www\.|\.(?:com|org|net)\b", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]{2,3}")
# A subdivision's flag: a black flag, then tag letters spelling its ISO 3166-2 code
# ('gbsct' for Scotland), then a cancel tag. The first two letters are its country's.
_SUBDIVISION_FLAG = re.compile(
    "\U0001f3f4([\U000e0061-\U000e007a]{2})[\U000e0030-\U000e0039\U000e0061-\U000e007a]{1,4}\U000e007f"
)

# Fuzzy matching only for parts of at least this many characters, with one edit
# below _TWO_EDITS_FROM characters and two from there on, against country names
# only (never cities: 'Genova' is not Geneva, 'Aymara' is not Asmara) and keeping
# the first letter (typists rarely miss it; 'Siberia' is not Liberia). 'Mexcio',
# 'Colmbia' and 'Phillipines' resolve. A five-letter string resolves only by two
# neighbouring letters swapped ('Keyna', 'Itlay') or one letter left out ('Mexic'):
# one letter changed would turn names and words into countries ('Susan' -> Sudan).
# Shorter strings never do ('Mail' is not Mali).
_FUZZY_MIN_LENGTH = 6
_TWO_EDITS_FROM = 10

# Qualifiers that can turn one country's name into another's ('S. Sudan',
# 'N. Ireland', 'Eq. Guinea'), with the words an abbreviation may stand for. A
# qualifier we could not match next to a country name makes the answer unsure
# only if qualifier + name is itself a different entry of the index; 'Northern
# Uganda' and 'Western Kenya' stay Uganda and Kenya.
_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "s": ("south", "southern", "sur", "sud", "sul"),
    "sth": ("south", "southern"),
    "n": ("north", "northern", "norte", "nord"),
    "nth": ("north", "northern"),
    "w": ("west", "western", "occidental", "ouest"),
    "eq": ("equatorial", "ecuatorial", "equatoriale"),
    "ecuat": ("ecuatorial",),
    "equat": ("equatorial", "equatoriale"),
}
# A qualifier in one language may stand next to a name in another ('Sud Sudan',
# 'Nueva Guinea', 'Guinea Equatorial'), so each word stands for its whole group:
# 'sud' + 'sudan' is checked as 'south sudan' too.
for _group in [
    ("north", "northern", "norte", "nord"),
    ("south", "southern", "sur", "sud", "sul"),
    ("east", "eastern", "est", "este", "leste", "oriental"),
    ("west", "western", "oeste", "ouest", "occidental", "ocidental"),
    ("equatorial", "ecuatorial", "equatoriale"),
    ("new", "nueva", "nuevo", "nouvelle", "nouveau", "nova", "novo"),
    ("british", "britanica", "britanico", "britannique"),
    ("french", "francesa", "frances", "francaise", "francais"),
    ("upper",),
    ("lower",),
    ("american", "americana", "americaine"),
    ("dutch",),
]:
    for _word in _group:
        _QUALIFIERS.setdefault(_word, _group)

Hit = str | frozenset[str]
"""An index value: one alpha-3 code, or the candidates of an ambiguous name
(empty for a region or placeholder, which names no country at all)."""


@lru_cache(maxsize=200_000)
def _key_tokens(text: str, canonical: bool = True) -> tuple[str, ...]:
    """Comparison tokens of ``text``: folded, abbreviations joined, connectors dropped.

    'U.S.A.' -> ('usa',), 'EE. UU.' -> ('ee', 'uu'), 'St. Lucia' -> ('st', 'lucia'),
    "Côte d'Ivoire" -> ('cote', 'ivoire'). Runs of two or more single letters
    are joined so dotted abbreviations match their undotted form.
    """
    tokens: list[str] = []
    run: list[str] = []
    for token in [*quick_fold(text).split(), ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if run:
            tokens.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if token:
            tokens.append(token)
    kept = [token for token in tokens if token not in _STOPWORDS]
    return tuple(_CANONICAL.get(token, token) for token in kept) if canonical else tuple(kept)


def _read_csv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a package data file, cells stripped; blank and '#' lines skipped."""
    path = resources.files("pipeline.normalize").joinpath("data", name)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            cleaned = {k: (v or "").strip() for k, v in row.items() if k}
            if any(cleaned.values()):
                yield cleaned


def _name_variants(name: str) -> set[str]:
    """A catalogue name and the forms people type for it.

    'Korea, Republic of' -> itself, 'Korea' and 'Republic of Korea';
    'Holy See (Vatican City State)' -> itself and 'Holy See'.
    """
    variants = {name}
    base = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    variants.add(base)
    for comma in (", ", "، "):  # the Arabic comma in Arabic and Persian names
        if comma in base:
            head, _, tail = base.partition(comma)
            variants.add(head)
            variants.add(f"{tail} {head}")
    return variants


def _catalogue_names() -> Iterator[tuple[str, str]]:
    """(name, alpha-3) for every official, short and common name in every language."""
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for language in _TRANSLATIONS
    ]
    for country in pycountry.countries:
        names = {
            getattr(country, field, None) for field in ("name", "official_name", "common_name")
        }
        names.discard(None)
        every = set(names)
        for translation in translations:
            every.update(translation.gettext(name) for name in names)
        for name in every:
            for variant in _name_variants(name):
                yield variant, country.alpha_3


def _script_names() -> Iterator[tuple[str, str, str]]:
    """(name, alpha-3, English counterpart) for the names in non-Latin scripts.

    The counterpart is the English name (or, for the head of 'Корея, Республика',
    the English head 'Korea') the name translates: a translation of a name two
    countries share ('Congo', which Chinese writes '刚果' for the Republic of the
    Congo alone) must be as ambiguous as the English.
    """
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for language in _SCRIPT_TRANSLATIONS
    ]
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            if (english := getattr(country, field, None)) is None:
                continue
            english_head = english.partition(", ")[0]
            for translation in translations:
                translated = translation.gettext(english)
                heads = {translated.partition(comma)[0] for comma in (", ", "، ")}
                for variant in _name_variants(translated):
                    if not _LATIN.search(quick_fold(variant)):
                        counterpart = english_head if variant in heads - {translated} else english
                        yield variant, country.alpha_3, counterpart


def _split_candidates(cell: str) -> frozenset[str]:
    return frozenset(code.strip().upper() for code in cell.split("|") if code.strip())


@dataclass(frozen=True)
class _Index:
    """Everything resolution looks up, built once from pycountry and the data files."""

    names: dict[tuple[str, ...], Hit]
    country_keys: frozenset[tuple[str, ...]]
    not_places: frozenset[tuple[str, ...]]
    alpha2: dict[str, str]
    alpha3: frozenset[str]
    state_codes: dict[str, frozenset[str]]
    province_codes: dict[str, frozenset[str]]
    state_names: dict[tuple[str, ...], frozenset[str]]
    code_rejects: dict[str, frozenset[str]]
    sovereign: dict[str, str]
    longest: int
    by_start: dict[tuple[str, int], list[str]]
    by_text: dict[str, Hit]


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Build the name index in three layers, later layers overriding earlier ones.

    1. Catalogue names (all languages) and cities. Two countries sharing a key
       ('Congo', 'Korea', 'Virgin Islands') make it ambiguous automatically;
       then ``state_names.csv``, where no catalogue name has the key already
       ('Idaho' is added, 'Georgia' stays the country).
    2. ``country_aliases.csv``: curated, so it overrides the catalogue (and
       fixes its mistakes, such as a pt_BR name given to two countries).
    3. ``country_rejects.csv``: regions, placeholders and ambiguous names, which
       must never resolve on their own whatever the layers below say. Rows of
       kind ``code`` stop a bare alpha-2 code ('LA': Laos or Los Angeles).

    Keys that name countries (every layer but cities) are remembered apart:
    only they are fuzzy-matched and only they are checked for qualifiers.
    Besides the index, the states' names and codes (``state_codes.csv``) map
    to the countries each allows beside a town (see :func:`resolve_country`).
    """
    merged: dict[tuple[str, ...], set[str]] = defaultdict(set)
    country_keys: set[tuple[str, ...]] = set()
    spellings: set[str] = set()  # country names as written, for fuzzy matching
    for name, iso3 in _catalogue_names():
        if tokens := _key_tokens(name):
            merged[tokens].add(iso3)
            country_keys.add(tokens)
            spellings.add(name)
    for row in _read_csv("cities.csv"):
        if tokens := _key_tokens(row["city"]):
            merged[tokens].add(row["iso3"].upper())
    names: dict[tuple[str, ...], Hit] = {
        tokens: next(iter(codes)) if len(codes) == 1 else frozenset(codes)
        for tokens, codes in merged.items()
    }
    # A state's name is its country alone ('Idaho'), unless it is a country's name
    # too ('Georgia'): then it is that country alone and either beside other parts.
    state_names: dict[tuple[str, ...], frozenset[str]] = {}
    for row in _read_csv("state_names.csv"):
        tokens, iso3 = _key_tokens(row["name"]), row["iso3"].upper()
        other = names.get(tokens) if tokens in country_keys else None
        state_names[tokens] = frozenset({iso3, other} if isinstance(other, str) else {iso3})
        if other is None:
            names[tokens] = iso3
            country_keys.add(tokens)
            spellings.add(row["name"])
    for row in _read_csv("country_aliases.csv"):
        if tokens := _key_tokens(row["alias"]):
            names[tokens] = row["iso3"].upper()
            country_keys.add(tokens)
            spellings.add(row["alias"])
    code_rejects: dict[str, frozenset[str]] = {}
    not_places: set[tuple[str, ...]] = set()
    for row in _read_csv("country_rejects.csv"):
        candidates = _split_candidates(row["candidates"])
        if row["kind"] == "code":
            code_rejects[row["text"].upper()] = candidates
        elif tokens := _key_tokens(row["text"]):
            names[tokens] = candidates
            country_keys.add(tokens)
            spellings.add(row["text"])
            if row["kind"] in ("placeholder", "language"):
                not_places.add(tokens)
    # Names in other scripts last: they cannot meet a name written in Latin letters,
    # and each allows every country its English counterpart allows.
    script: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, iso3, english in _script_names():
        if not (tokens := _key_tokens(name)):
            continue
        hit = names.get(_key_tokens(english), iso3)
        if hit != frozenset():  # the English names no country: a region, a placeholder
            script[tokens].update([iso3, hit] if isinstance(hit, str) else hit)
    for tokens, codes in script.items():
        if tokens not in names:
            names[tokens] = next(iter(codes)) if len(codes) == 1 else frozenset(codes)
            country_keys.add(tokens)

    alpha2 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    alpha2["XK"] = KOSOVO
    alpha3 = frozenset(country.alpha_3 for country in pycountry.countries) | {KOSOVO}
    # A state's code allows its countries, the country it is the alpha-2 code of,
    # and whatever the same letters name ('DF': Brazil's or Mexico's Distrito Federal).
    states: dict[str, set[str]] = defaultdict(set)
    provinces: dict[str, set[str]] = defaultdict(set)
    for row in _read_csv("state_codes.csv"):
        kind = provinces if row["kind"] == "province" else states
        kind[row["code"].upper()].add(row["iso3"].upper())
    for code, countries in states.items():
        if code in alpha2:
            countries.add(alpha2[code])
        named = names.get(_key_tokens(code))
        countries.update([named] if isinstance(named, str) else named or ())

    by_start: dict[tuple[str, int], list[str]] = defaultdict(list)
    by_text: dict[str, Hit] = {}
    for spelling in spellings:
        text = " ".join(_key_tokens(spelling, canonical=False))
        if text and text not in by_text:
            by_text[text] = names[_key_tokens(spelling)]
            if len(text) >= _FUZZY_MIN_LENGTH - 2:
                by_start[text[0], len(text)].append(text)
    return _Index(
        names=names,
        country_keys=frozenset(country_keys),
        not_places=frozenset(not_places),
        alpha2=alpha2,
        alpha3=alpha3,
        state_codes={code: frozenset(countries) for code, countries in states.items()},
        province_codes={code: frozenset(countries) for code, countries in provinces.items()},
        state_names=state_names,
        code_rejects=code_rejects,
        sovereign={row["iso3"]: row["sovereign_iso3"] for row in _read_csv("territories.csv")},
        longest=max(len(tokens) for tokens in names),
        by_start=dict(by_start),
        by_text=by_text,
    )


# Short names that are no word in the series' languages: they count inside any text,
# so 'Nigerian living in UK' names two countries (unknown), not only Nigeria.
_UNMISTAKABLE = frozenset({"uk", "uae", "drc", "rdc"})

_UNSURE: Hit = frozenset({"?"})
"""A hit that allows no country: the answer names one only with a qualifier we
could not match ('S. Sudan'), so any country we picked might be the wrong one."""


def _scan(tokens: tuple[str, ...], index: _Index) -> list[Hit]:
    """Known names inside a longer text, longest match first, left to right.

    'i live in kenya' -> ['KEN']; 'ciudad del cabo sudafrica' -> ['ZAF', 'ZAF'];
    'papua new guinea' -> ['PNG'] (not Guinea). Unknown words are skipped,
    except a qualifier that would make the name another entry:
    's sudan' -> ['SDN', _UNSURE] because 'south sudan' is South Sudan. A state
    named like a country beside another name allows both: 'georgia usa' -> [GEO|USA, 'USA'].
    """
    hits: list[Hit] = []
    matched = [False] * len(tokens)
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    start = 0
    while start < len(tokens):
        for length in range(min(index.longest, len(tokens) - start), 0, -1):
            key = tokens[start : start + length]
            hit = index.names.get(key)
            if hit is not None:
                hits.append(hit)
                spans.append((start, start + length, key))
                matched[start : start + length] = [True] * length
                start += length
                break
        else:
            start += 1
    if not all(done or token.isdigit() for done, token in zip(matched, tokens, strict=True)):
        # A short name ('us', 'nz', 'nyc') counts inside a longer part only if
        # everything else in that part was recognised too ('UK & Ireland'), or is
        # a number ('+1 USA'): in 'contact us' or 'nz b' it is more likely a word or noise.
        short = {
            i
            for i, (_, _, key) in enumerate(spans)
            if len(key) == 1 and len(key[0]) <= 3 and key[0] not in _UNMISTAKABLE
        }
        hits = [hit for i, hit in enumerate(hits) if i not in short]
        spans = [span for i, span in enumerate(spans) if i not in short]
    if len(spans) > 1:
        # As in parts of their own (state_names.csv): 'Georgia USA', 'Atlanta Georgia'.
        hits = [
            index.state_names.get(key, hit) for hit, (_, _, key) in zip(hits, spans, strict=True)
        ]
    for begin, end, key in spans:
        if key not in index.country_keys or index.names[key] == frozenset():
            continue
        for position, before in ((begin - 1, True), (end, False)):
            if (
                0 <= position < len(tokens)
                and not matched[position]
                and _changes_country(tokens[position], key, before, index)
            ):
                hits.append(_UNSURE)
    return hits


def _changes_country(word: str, key: tuple[str, ...], before: bool, index: _Index) -> bool:
    """Whether ``word`` next to ``key`` could name a different entry ('s' + 'sudan')."""
    for qualifier in _QUALIFIERS.get(word, ()):
        qualified = (qualifier, *key) if before else (*key, qualifier)
        other = index.names.get(qualified)
        if other is not None and other != index.names[key]:
            return True
    return False


def _countries(hits: Iterable[Hit]) -> set[str]:
    """Every country the hits allow."""
    return {code for hit in hits for code in ([hit] if isinstance(hit, str) else hit)}


def _is_ambiguous(hit: Hit) -> bool:
    """Whether a hit is a name two or more countries share ('Congo', 'Santiago')."""
    return isinstance(hit, frozenset) and len(hit) > 1


def _names_no_country(hits: list[Hit]) -> bool:
    """True if the hits name no definite country (only regions or ambiguous names)."""
    return not any(isinstance(hit, str) or hit == _UNSURE for hit in hits)


def _keeps_short_words(text: str, choice: str) -> bool:
    """Whether ``choice`` has the words of ``text``, its one- and two-letter words at
    most with their letters swapped: 'congo dr' -> 'congo rd', not 'salvador ba' ->
    'salvadorena' nor 'virgin islands fr' -> 'virgin islands us'."""
    words, choice_words = text.split(), choice.split()
    return len(words) == len(choice_words) and all(
        len(word) > 2 or sorted(word) == sorted(other)
        for word, other in zip(words, choice_words, strict=True)
    )


def _fuzzy(text: str, index: _Index, keeps: Callable[[str, str], bool] | None = None) -> Hit | None:
    """The one indexed name within a small edit distance of ``text``, if unique.

    OSA distance counts a transposition as one edit ('Mexcio'). Ties between
    names of different countries ('Nigera': Nigeria or Niger) give None. Only
    names ``keeps(text, name)`` allows are considered, if it is given.
    """
    if len(text) < _FUZZY_MIN_LENGTH - 1 or any(ch.isdigit() for ch in text):
        return None
    if len(text) < _FUZZY_MIN_LENGTH:
        return _slip(text, index, keeps)
    edits = 1 if len(text) < _TWO_EDITS_FROM else 2
    choices = [
        choice
        for length in range(len(text) - edits, len(text) + edits + 1)
        for choice in index.by_start.get((text[0], length), ())
        if keeps is None or keeps(text, choice)
    ]
    matches = process.extract(text, choices, scorer=OSA.distance, score_cutoff=edits, limit=None)
    if not matches:
        return None
    best = min(distance for _, distance, _ in matches)
    hits = {index.by_text[choice] for choice, distance, _ in matches if distance == best}
    return hits.pop() if len(hits) == 1 else None


def _slip(text: str, index: _Index, keeps: Callable[[str, str], bool] | None = None) -> Hit | None:
    """:func:`_fuzzy` for a five-letter string, if unique: two letters swapped, one
    left out, or a four-letter name's last letter doubled ('Togoo', 'Peruu').

    Only the last letter: a letter doubled inside a four-letter name makes names
    ('Benni', 'Cinna', 'Gazza'), and any other added letter words ('Malik', 'Ganas').
    """
    same = index.by_start.get((text[0], len(text)), [])
    longer = index.by_start.get((text[0], len(text) + 1), [])
    shorter = index.by_start.get((text[0], len(text) - 1), [])
    hits = {
        index.by_text[choice]
        for choice in [*same, *longer]
        if OSA.distance(text, choice) == 1
        # Equal lengths: a swap is two edits without transpositions, a changed letter one.
        and (len(choice) > len(text) or Levenshtein.distance(text, choice) == 2)
        and (keeps is None or keeps(text, choice))
    }
    if text[-1] == text[-2] and text[:-1] in shorter and (keeps is None or keeps(text, text[:-1])):
        hits.add(index.by_text[text[:-1]])
    return hits.pop() if len(hits) == 1 else None


def _flags(text: str) -> list[str]:
    """Alpha-3 codes of flag emoji ('🇨🇴' -> 'COL'): two regional-indicator letters,
    or a subdivision's tag sequence (Scotland's flag -> 'GBR')."""
    letters = [chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in text if 0x1F1E6 <= ord(ch) <= 0x1F1FF]
    codes = ["".join(letters[i : i + 2]) for i in range(0, len(letters) - 1, 2)]
    codes += [
        "".join(chr(ord(ch) - 0xE0000) for ch in match[1]).upper()
        for match in _SUBDIVISION_FLAG.finditer(text)
    ]
    index = _index()
    return [index.alpha2[code] for code in codes if code in index.alpha2]


def _agree(hits: Iterable[Hit]) -> str | None:
    """The single country all hits allow, or None.

    Definite countries must all be the same, and each ambiguous name must allow
    it ('Kinshasa, Congo' -> COD). With no definite country, ambiguous names
    resolve only if together they allow exactly one ('Santiago, CL' once the
    tie-breaking code is added; 'Congo' alone stays None). Regions (empty
    candidate sets) say nothing; an unsure hit vetoes everything. A territory
    and its sovereign (``territories.csv``) agree on the territory.
    """
    definite: set[str] = set()
    ambiguous: list[frozenset[str]] = []
    for hit in hits:
        if hit == _UNSURE:
            return None
        if isinstance(hit, str):
            definite.add(hit)
        elif len(hit) == 1:
            definite.update(hit)
        elif hit:
            ambiguous.append(hit)
    if len(definite) == 2:
        # A territory named with its sovereign ('Puerto Rico, USA', 'Réunion
        # (France)') is the territory, which ISO 3166-1 codes on its own.
        sovereign = _index().sovereign
        territories = [code for code in definite if sovereign.get(code) in definite]
        if len(territories) == 1:
            definite = set(territories)
    if len(definite) > 1:
        return None
    if definite:
        (country,) = definite
        return country if all(country in candidates for candidates in ambiguous) else None
    if not ambiguous:
        return None
    allowed = frozenset.intersection(*ambiguous)
    return next(iter(allowed)) if len(allowed) == 1 else None


@lru_cache(maxsize=100_000)
def resolve_country(text: str | None) -> str | None:
    """ISO 3166-1 alpha-3 code of a free-text country answer, or None if unknown.

    'Mexico City, Mexico' -> 'MEX'; 'EE. UU.' -> 'USA'; 'Costa de Marfil' ->
    'CIV'; 'Colmbia' -> 'COL'; 'Kosovo' -> 'XKX'; 'Congo', 'Latin America',
    'Spain/France', 'N/A' -> None. An upper-case alpha-3 code always resolves
    to itself ('AUS' is Australia even though 'Aus' alone is ambiguous), so
    callers can round-trip stored codes.
    """
    text = clean_cell(text)
    if text is None or _EMAIL_OR_URL.search(text):
        return None
    index = _index()
    stripped = text.strip(" .!?\"'«»()[]")
    if _CODE.fullmatch(stripped) and stripped.isupper() and stripped in index.alpha3:
        return stripped
    flags = _flags(text)
    whole = _key_tokens(text)
    if not flags and whole in index.names:
        return _agree([index.names[whole]])
    if not flags and _CODE.fullmatch(stripped):
        code = stripped.upper()
        if code in index.code_rejects:
            return _agree([index.code_rejects[code]])
        if code in index.alpha3:
            return code
        return index.alpha2.get(code)

    suffix = _STATE_AFTER_HYPHEN.search(text)
    if suffix and (allows := index.state_codes.get(code := suffix[1].upper())):
        head = _key_tokens(text[: suffix.start()])
        # Written as a word, the code is only a state's, not also a country's
        # ('Yugoslavia-Ba' is not Bosnia and Herzegovina, BA).
        states_only = allows - {index.alpha2.get(code)}
        if suffix[1].isupper():
            text = f"{text[: suffix.start()]}, {suffix[1]}"
        elif (
            not flags
            and (hit := index.names.get(head)) is not None
            and (head not in index.country_keys or _is_ambiguous(hit))
            and not states_only.isdisjoint(_countries([hit]))
        ):
            return _agree([hit, states_only])  # 'Salvador-Ba'
    hits: list[Hit] = list(flags)
    codes: list[str] = []  # alpha-3 codes given as parts of their own ('Lima, PER')
    unplaced = False  # whether a part is no place's name, only words to scan
    tie_breakers: set[str] = set()
    states: set[str] = set()  # the countries the state codes of the answer allow
    provinces: set[str] = set()  # other countries whose province codes they also are
    towns: list[int] = []  # which hits are a city's name, not a country's
    for part in _SEPARATORS.split(text):
        code = part.strip(" .")
        tokens = _key_tokens(part)
        # 'Boston, MA', 'Recife/PE', 'Moscow, Idaho': a state, by its code (checked
        # first: 'DE' and 'LA' fold to no token) or its name, allows its countries,
        # so 'Athens, GA' (Georgia, USA) is not Greece and 'Albany, NY' is the USA.
        allows = index.state_codes.get(code) or index.state_names.get(tokens)
        if allows:
            hits.append(allows)
            states |= allows
            provinces |= index.province_codes.get(code, frozenset())
            continue
        if not tokens:
            continue
        if all(token in _QUALIFIERS for token in tokens):
            # 'Sudan, South': the qualifier sits in a part of its own.
            hits.append(_UNSURE)
            continue
        if tokens in index.names:
            if tokens not in index.country_keys:
                towns.append(len(hits))
            hits.append(index.names[tokens])
            continue
        if _CODE.fullmatch(code) and code.isupper():
            if len(code) == 3 and code in index.alpha3:
                # An upper-case alpha-3 code as its own part: 'Lima, PER'. Beside words
                # that name no place it is their acronym: 'Partido Acción Nacional (PAN)',
                # 'Comunidad Andina (CAN)' (see below).
                codes.append(code)
                continue
            if code in index.alpha2:
                # Any other alpha-2 code only breaks a tie ('San José, CR'): after
                # a city it may be a state of a country state_codes.csv lacks.
                tie_breakers.add(index.alpha2[code])
                continue
        found = _scan(tokens, index)
        unplaced = True
        if _names_no_country(found):
            # Nothing, a region or an ambiguous name found ('Sout Africa' holds
            # 'Africa', 'Dominican Repulic' holds 'Dominican'): the part may be
            # one country's name with a typo. Beside a name found, a word of one or
            # two letters is a code, not a misspelt word: the typo may swap its
            # letters ('Congo DR'), never replace them ('Salvador ba' is no
            # 'Salvadoreña', 'Virgin Islands fr' no 'Virgin Islands US').
            spelled = " ".join(_key_tokens(part, canonical=False))
            keeps = _keeps_short_words if found else None
            if (fuzzy := _fuzzy(spelled, index, keeps)) is not None:
                found.append(fuzzy)
        hits.extend(found)
    if not unplaced:
        hits.extend(codes)
    if states:
        # A town named like a city of a country its state code does not allow is
        # that state's town: 'Paris, TX', 'London, ON', 'Panama City, FL'. Not
        # when the code is also a province of the town's country: 'Milano (MI)'
        # (Milan's province or Michigan) and 'Florence, AL' stay unknown.
        allowed = states | provinces
        hits = [
            hit
            for i, hit in enumerate(hits)
            if i not in towns or not allowed.isdisjoint(_countries([hit]))
        ]
    country = _agree(hits)
    ambiguous = any(map(_is_ambiguous, hits))
    if country is None and tie_breakers and ambiguous and _names_no_country(hits):
        country = _agree([*hits, frozenset(tie_breakers)])
    return country


def is_place_name(text: str | None) -> bool:
    """Whether the whole answer is the name of a country or city (not a code or region).

    The sector rules (DEFINITIONS.md, rule 1) count a country name given as a
    sector as no answer at all. Only the whole answer counts: 'Gobierno de
    Chile' names a country but is not one. Codes ('CAF') and regions ('Unión
    Europea', 'Monde') are left out because the same letters name
    organisations; placeholders and languages are not places.
    """
    text = clean_cell(text)
    if text is None:
        return False
    tokens = _key_tokens(text)
    index = _index()
    hit = index.names.get(tokens)
    return hit is not None and hit != frozenset() and tokens not in index.not_places


@lru_cache(maxsize=1)
def _display_names() -> dict[str, str]:
    names = {
        country.alpha_3: getattr(country, "common_name", None) or country.name
        for country in pycountry.countries
    }
    names.update({row["iso3"].upper(): row["name"] for row in _read_csv("country_names.csv")})
    return names


def country_name(iso3: str) -> str:
    """English common name for display: 'BOL' -> 'Bolivia', 'XKX' -> 'Kosovo'.

    pycountry's ``name`` is the ISO short name ('Bolivia, Plurinational State
    of'), which reads badly on a chart; ``common_name`` and
    ``data/country_names.csv`` give the names readers expect. Raises KeyError
    for a code that is not a country, which is a bug upstream, not missing data.
    """
    return _display_names()[iso3.strip().upper()]
