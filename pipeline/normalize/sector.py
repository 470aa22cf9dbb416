"""Sector resolution: a registrant's answers -> one sector code of DEFINITIONS.md.

DEFINITIONS.md ("Sector") fixes the order: the registrant's own answer, then
the organisation name, then the e-mail domain, then (last resort) the job
title, and ``other`` only when the registrant answered something that fits no
sector and nothing else says more. Everything the rules need to *know* (what
'OSC', 'Prefeitura', 'S.A. de C.V.', '.gouv.fr' or 'Concejal' mean) lives in
``data/``, so staff can extend it without touching code:

- ``sector_answers.csv``: words people answer a sector question with;
- ``organization_patterns.csv``: words and names inside organisation names;
- ``job_titles.csv``: titles that imply a sector by themselves (rule 3);
- ``email_domains.csv`` and ``freemail_domains.csv``: domain suffixes;
- ``null_answers.csv``: placeholders that count as no answer (rule 1).

Which match wins differs by field, because the fields are written differently:

- an own answer names sectors in order of preference, so the first one named
  wins (rule 4: 'Academia / Civil society' is academia);
- an organisation name is a name: the longest phrase recognised wins ('World
  Bank' over 'Bank', 'Consejo Nacional de Investigaciones' over 'Consejo
  Nacional'); a proper name ('Petrobras') outranks a descriptive word, which
  outranks a legal form ('S.A.'); a company's name inside another kind of
  body gives way to it ('Fundación Telefónica' is civil society); remaining
  ties go to the more specific sector (``_PRECEDENCE``);
- a job title: the longest phrase wins ('freelance journalist' is media); a
  title no phrase fits may name its employer ('Consultor del BID'), and only
  then do the organisation files' names and capitalised acronyms count.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import cache, lru_cache
from importlib import resources
from operator import itemgetter

from pipeline.normalize._fold import quick_fold
from pipeline.normalize.country import is_place_name
from pipeline.normalize.text import clean_cell, normalize_email

__all__ = [
    "SECTORS",
    "answer_sector",
    "combine_sectors",
    "domain_sector",
    "organization_sector",
    "resolve_sector",
    "title_sector",
]

SECTORS: tuple[str, ...] = (
    "government",
    "civil_society",
    "private_sector",
    "international_organization",
    "academia",
    "media",
    "other",
    "unknown",
)
"""Every code :func:`resolve_sector` can return, in the order DEFINITIONS.md lists them."""

# Ties between an organisation's phrases of equal length go to the sector that
# is more specific about what the organisation *is*: 'Asociación de
# Municipalidades' is an association of governments, 'Universidad ...
# Fundación' a university.
_PRECEDENCE = (
    "international_organization",
    "government",
    "academia",
    "civil_society",
    "media",
    "private_sector",
)

# Connector words dropped before matching, so 'Ministerio de Hacienda' and
# 'Ministerio Hacienda' or 'Sin fines de lucro' and 'sin fines lucro' meet.
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
        "los",
        "las",
        "a",
        "o",
        "for",
        "para",
        "pour",
        "por",
        "in",
        "en",
        "em",
        "to",
        "au",
        "aux",
        "at",
        "on",
        "with",
        "con",
        "avec",
    ]
)
_SEPARATORS = re.compile(r"[,;/\\|()\[\]{}:+\n\t–—]|\s-+\s")
_MODES = frozenset({"word", "exact", "start", "end", "acronym", "legal"})
# How much a phrase of an organisation name says about what the organisation
# is. Words of the answer file ('legislativo', 'educación superior') name a
# sector, not a kind of organisation: in 'Fundación Directorio Legislativo' or
# 'Ministerio de Educación Superior' the descriptor decides. A topic says
# nothing at all (see ``_without_topics``).
# 'company': a state-owned company's name (Petrobras, Banco do Brasil), ranked as a
# name unless the organisation is another kind of body (_classify_organization).
_KIND_RANK = {"name": 3, "company": 3, "descriptor": 2, "answer": 1, "legal": 0}
_TOPIC = "topic"


@dataclass(frozen=True)
class _Pattern:
    """One row of a pattern file, ready to match."""

    tokens: tuple[str, ...]
    sector: str
    match: str
    kind: str
    raw: str

    def accepts(self, text: str, tokens: tuple[str, ...], start: int, ends: set[int]) -> bool:
        """Whether a token match at ``start`` satisfies this pattern's match mode."""
        end = start + len(self.tokens)
        if self.match == "exact":
            # The whole text, articles included: 'The Citizen' is a newspaper,
            # 'Citizen' an answer that fits no sector.
            return quick_fold(text) == quick_fold(self.raw)
        if self.match == "start":
            return start == 0
        if self.match == "end":
            return end == len(tokens)
        if self.match == "legal":
            # A legal form closes the name or one of its parts: 'Acme S.A.',
            # 'Acme S.A. (Colombia)'.
            return end in ends
        if self.match == "acronym":
            # Capitals only: 'UN Women' but not 'un proyecto', 'WHO' but not 'who'.
            return _acronym_regex(self.raw).search(text) is not None
        return True


@dataclass(frozen=True)
class _Match:
    start: int
    pattern: _Pattern

    @property
    def length(self) -> int:
        return len(self.pattern.tokens)


@cache
def _acronym_regex(raw: str) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z])" + re.escape(raw.strip()) + r"(?![A-Za-z])")


def _raw_tokens(text: str) -> list[str]:
    """Folded words with dotted abbreviations joined: 'S.A. de C.V.' -> sa de cv."""
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
    return [token for token in tokens if token not in _STOPWORDS]


def _read_csv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a package data file, cells stripped; blank and '#' lines skipped."""
    path = resources.files("pipeline.normalize").joinpath("data", name)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            cleaned = {k: (v or "").strip() for k, v in row.items() if k}
            if any(cleaned.values()):
                yield cleaned


def _load_patterns(name: str, default_kind: str = "descriptor") -> list[_Pattern]:
    patterns = []
    for row in _read_csv(name):
        sector, match = row["sector"], row.get("match") or "word"
        kind = "legal" if match == "legal" else row.get("kind") or default_kind
        if kind not in (*_KIND_RANK, _TOPIC) or match not in _MODES:
            raise ValueError(f"{name}: bad kind or match in {row}")
        if sector not in SECTORS or (sector == "unknown") != (kind == _TOPIC):
            # A topic, and only a topic, says nothing: its sector is 'unknown'.
            raise ValueError(f"{name}: bad sector in {row}")
        if tokens := tuple(_raw_tokens(row["pattern"])):
            patterns.append(_Pattern(tokens, sector, match, kind, row["pattern"]))
    return patterns


@dataclass(frozen=True)
class _Matcher:
    """Patterns indexed by their token tuple, plus a plural-to-singular map."""

    by_tokens: dict[tuple[str, ...], list[_Pattern]]
    longest: int
    singular: dict[str, str]

    @classmethod
    def build(cls, patterns: list[_Pattern]) -> _Matcher:
        singular = cls._singular(patterns)
        by_tokens: dict[tuple[str, ...], list[_Pattern]] = defaultdict(list)
        for pattern in patterns:
            tokens = tuple(singular.get(token, token) for token in pattern.tokens)
            by_tokens[tokens].append(replace(pattern, tokens=tokens))
        return cls(dict(by_tokens), max(len(t) for t in by_tokens), singular)

    @staticmethod
    def _singular(patterns: list[_Pattern]) -> dict[str, str]:
        """Plural word -> the singular the files list, applied to texts and patterns alike.

        'NGOs', 'Fundaciones', 'Ministries' and 'Universidades' are written in
        the plural as often as the singular the files list. Short acronyms
        pluralise too ('NGOs', 'ONGs', 'OSCs'); longer ones are names, and
        folding a plural onto them misreads words: 'unidos' is not 'UNIDO'.
        A plural that is a pattern by itself keeps its own meaning ('news' is
        not 'new', 'medios' not 'medio'); one that only occurs inside a longer
        pattern ('Municipios' in 'Ciudadanos por Municipios Transparentes') is
        folded in that pattern too, so 'Asociación de Municipios' still meets
        'municipio'. Such a plural needs a stem of three letters or more:
        'US' is no plural of the 'U.' of 'U. de Chile'.
        """
        vocabulary = {token for pattern in patterns for token in pattern.tokens}
        whole = {pattern.tokens[0] for pattern in patterns if len(pattern.tokens) == 1}
        words = {
            token
            for pattern in patterns
            if not (pattern.raw.isupper() and len(pattern.raw) > 3)
            for token in pattern.tokens
        }
        singular: dict[str, str] = {}
        # Shorter stems first, so a plural two stems could give is folded onto the
        # shorter one, the same on every run: 'sociales' -> 'social', not 'sociale'.
        for token in sorted(words, key=lambda word: (len(word), word)):
            plurals = [token + "s", token + "es"]
            if token.endswith("y"):
                plurals.append(token[:-1] + "ies")
            for plural in plurals:
                if plural in whole or (plural in vocabulary and len(token) < 3):
                    continue
                singular.setdefault(plural, token)
        return singular

    def find(self, text: str) -> list[_Match]:
        """Every pattern occurrence in ``text`` (overlaps included)."""
        tokens: list[str] = []
        ends: set[int] = set()
        for part in _SEPARATORS.split(text):
            tokens.extend(self.singular.get(token, token) for token in _raw_tokens(part))
            ends.add(len(tokens))
        words = tuple(tokens)
        matches = []
        for start in range(len(words)):
            for length in range(1, min(self.longest, len(words) - start) + 1):
                for pattern in self.by_tokens.get(words[start : start + length], ()):
                    if pattern.accepts(text, words, start, ends):
                        matches.append(_Match(start, pattern))
        return matches


@lru_cache(maxsize=1)
def _matchers() -> dict[str, _Matcher]:
    """One matcher per field: answers, organisations, titles.

    An own answer may name an organisation type ('Prefeitura', 'Embassy'), and
    an organisation field may hold a sector word ('Freelance', 'NGO'), so those
    two fields see both files. Job titles see only their own file (rule 3), except
    for an employer a title names (:func:`_organization_in_title`).
    """
    answers = _load_patterns("sector_answers.csv", default_kind="answer")
    organizations = _load_patterns("organization_patterns.csv")
    return {
        "answer": _Matcher.build(answers + organizations),
        "organization": _Matcher.build(organizations + answers),
        "title": _Matcher.build(_load_patterns("job_titles.csv")),
    }


def _organization_rank(match: _Match) -> tuple[int, int, int, int]:
    return (
        _KIND_RANK[match.pattern.kind],
        match.length,
        -_PRECEDENCE.index(match.pattern.sector),
        -match.start,
    )


def _without_topics(matches: list[_Match]) -> list[_Match]:
    """The matches, less topics and everything inside a topic.

    A topic ('Gobierno abierto', 'Open government', 'Poder judicial abierto')
    is what the series is about, not a sector: 'Gobierno Abierto A.C.' is an
    asociación civil and 'Fundación Poder Judicial Abierto' a foundation.
    A longer phrase holding the topic still counts ('Open Government
    Partnership').
    """
    spans = [(m.start, m.start + m.length) for m in matches if m.pattern.kind == _TOPIC]
    if not spans:
        return matches
    return [
        m
        for m in matches
        if m.pattern.kind != _TOPIC
        and not any(start <= m.start and m.start + m.length <= end for start, end in spans)
    ]


@lru_cache(maxsize=100_000)
def _classify_answer(answer: str) -> str | None:
    """Sector named by an own answer; the first one named wins (rule 4)."""
    matches = _without_topics(_matchers()["answer"].find(answer))
    if not matches:
        return None
    best = min(
        matches,
        key=lambda m: (m.start, -m.length, _PRECEDENCE.index(m.pattern.sector)),
    )
    return best.pattern.sector


def _is_company(pattern: _Pattern) -> bool:
    """A company's proper name: a private one, or a state-owned one (kind 'company')."""
    return pattern.kind == "company" or (
        pattern.kind == "name" and pattern.sector == "private_sector"
    )


@lru_cache(maxsize=100_000)
def _classify_organization(organization: str) -> str | None:
    """Sector of an organisation name: longest phrase, then rank (module docstring)."""
    matches = _without_topics(_matchers()["organization"].find(organization))
    if not matches:
        return None
    companies = [(m.start, m.start + m.length) for m in matches if _is_company(m.pattern)]
    if companies and any(
        m.pattern.kind == "descriptor"
        and m.pattern.sector != "private_sector"
        and not any(start <= m.start < end for start, end in companies)
        for m in matches
    ):
        # A company's name inside another kind of body does not make it a company
        # ('Fundación Telefónica', 'Microsoft Research'), nor a state-owned one's
        # government ('Fundação Banco do Brasil'). A word of the company's own name
        # ('Banco' in 'Banco do Brasil') is no other kind of body.
        matches = [m for m in matches if not _is_company(m.pattern)]
    return max(matches, key=_organization_rank).pattern.sector


@lru_cache(maxsize=100_000)
def _classify_title(title: str) -> str | None:
    """Sector implied by a job title alone (rule 3), longest phrase first.

    A phrase of kind ``topic`` says nothing, nor do the words inside it: a
    'Goodwill Ambassador' is not a diplomat.
    """
    found = _matchers()["title"].find(title)
    matches = _without_topics(found)
    if not matches:
        return None if found else _organization_in_title(title)
    return max(matches, key=lambda m: (m.length, -m.start)).pattern.sector


def _organization_in_title(title: str) -> str | None:
    """The sector of an organisation a job title names: 'Oficial de programas del PNUD',
    'World Bank consultant', 'Directora ejecutiva de ONG'.

    Only proper names and acronyms written in capitals count. A title's other
    words are the job, not the employer: a 'Head of Research' works anywhere,
    and 'Consultant' alone says nothing (test_resolve_sector.py).
    """
    matches = [
        m
        for m in _without_topics(_matchers()["organization"].find(title))
        if m.pattern.kind in ("name", "company")
        or (m.pattern.raw.isupper() and _acronym_regex(m.pattern.raw).search(title))
    ]
    if not matches:
        return None
    return max(matches, key=_organization_rank).pattern.sector


@dataclass(frozen=True)
class _DomainRule:
    labels: tuple[str, ...]
    sector: str

    @property
    def specificity(self) -> tuple[int, int]:
        """More labels, then more literal characters: 'usaid.gov' beats 'gov'."""
        literal = sum(len(label.replace("*", "").replace("?", "")) for label in self.labels)
        return len(self.labels), literal

    def matches(self, labels: tuple[str, ...]) -> bool:
        if len(labels) < len(self.labels):
            return False
        tail = labels[len(labels) - len(self.labels) :]
        return all(
            fnmatchcase(label, pattern) for label, pattern in zip(tail, self.labels, strict=True)
        )


@lru_cache(maxsize=1)
def _domain_rules() -> tuple[list[_DomainRule], list[tuple[str, ...]]]:
    """Domain rules, most specific first, and the free-mail patterns."""
    rules = []
    for row in _read_csv("email_domains.csv"):
        if row["sector"] not in SECTORS:
            raise ValueError(f"email_domains.csv: bad sector in {row}")
        labels = tuple(row["suffix"].lower().strip(".").split("."))
        rules.append(_DomainRule(labels, row["sector"]))
    rules.sort(key=lambda rule: rule.specificity, reverse=True)
    freemail = [
        tuple(row["domain"].lower().split(".")) for row in _read_csv("freemail_domains.csv")
    ]
    return rules, freemail


def _is_freemail(labels: tuple[str, ...], freemail: list[tuple[str, ...]]) -> bool:
    """'gmail.*' matches gmail.com and hotmail.co.uk-style public suffixes; else a suffix."""
    for pattern in freemail:
        if pattern[-1] == "*":
            name = pattern[:-1]
            for i in range(len(labels) - len(name) + 1):
                suffix = labels[i + len(name) :]
                if (
                    labels[i : i + len(name)] == name
                    and 1 <= len(suffix) <= 2
                    and all(len(label) <= 3 for label in suffix)
                ):
                    return True
        elif labels[len(labels) - len(pattern) :] == pattern:
            return True
    return False


@lru_cache(maxsize=100_000)
def _classify_domain(domain: str) -> str | None:
    """Sector of an e-mail domain; free mail says nothing (rule 5)."""
    _, freemail = _domain_rules()
    labels = tuple(domain.split("."))
    if _is_freemail(labels, freemail):
        return None
    literal, wild = _rules_by_last_label()
    candidates = sorted(literal.get(labels[-1], []) + wild, key=itemgetter(0))
    for _, rule in candidates:
        if rule.matches(labels):
            return rule.sector
    return None


@lru_cache(maxsize=1)
def _rules_by_last_label() -> tuple[dict[str, list[tuple[int, _DomainRule]]], list]:
    """The domain rules keyed by their last label, keeping their order.

    A rule whose last label is literal ('gov') can only match a domain ending
    in that label, so a domain is tried against those and the wildcard rules
    only: a large series has thousands of domains, and trying every rule with
    fnmatch on each was most of the time spent resolving sectors.
    """
    rules, _ = _domain_rules()
    literal: dict[str, list[tuple[int, _DomainRule]]] = {}
    wild: list[tuple[int, _DomainRule]] = []
    for i, rule in enumerate(rules):
        last = rule.labels[-1]
        if any(ch in last for ch in "*?[]"):
            wild.append((i, rule))
        else:
            literal.setdefault(last, []).append((i, rule))
    return literal, wild


@lru_cache(maxsize=1)
def _null_answers() -> frozenset[str]:
    return frozenset(quick_fold(row["text"]) for row in _read_csv("null_answers.csv"))


@lru_cache(maxsize=100_000)
def _says_something(text: str | None, place_is_null: bool = False) -> str | None:
    """``text`` cleaned, or None if it is a placeholder (rule 1).

    With ``place_is_null`` a country or city name is no answer either (rule 1
    says so of the own answer; in the other fields no pattern matches a
    country name anyway, so the check would only cost time).
    """
    text = clean_cell(text)
    if text is None:
        return None
    folded = quick_fold(text)
    if not any(ch.isalpha() for ch in folded) or folded in _null_answers():
        return None
    if place_is_null and is_place_name(text):
        return None
    return text


@lru_cache(maxsize=100_000)
def resolve_sector(
    self_reported: str | None,
    organization: str | None,
    email: str | None,
    job_title: str | None,
) -> str:
    """Sector code (one of :data:`SECTORS`) of one registrant, per DEFINITIONS.md.

    Tried in order: the own answer ('Gobierno local', 'Other: think tank'),
    the organisation ('Prefeitura de São Paulo'), the e-mail domain
    ('x@hacienda.gob.mx'), then a job title that implies a sector ('Concejal').
    An own answer that is 'Other' or fits no sector ('Retired', 'Health') does
    not stop the search, but turns the final 'unknown' into 'other'.
    Placeholders and country names count as no answer at all.
    """
    address = normalize_email(email)
    return combine_sectors(
        answer_sector(self_reported),
        organization_sector(organization),
        domain_sector(address.rpartition("@")[2]) if address is not None else None,
        title_sector(job_title),
    )


# Each field alone, for the transform: a large series has a few hundred
# answers, organisations and titles and a few thousand domains, but hundreds
# of thousands of combinations of them. Resolving the fields one by one and
# combining them in SQL (macros.sql, ``staging.resolved_sector``, the same
# order as :func:`combine_sectors`) resolves each text once.


def answer_sector(text: str | None) -> tuple[str | None, bool]:
    """The sector an own answer names, and whether it is an answer at all.

    An answer that names no sector ('Retired') is still an answer: with
    nothing else to go on, the registrant is 'other', not 'unknown'.
    """
    answer = _says_something(text, place_is_null=True)
    if answer is None:
        return None, False
    # A role typed where a sector was asked ('Juez', 'Doctoranda', 'Corresponsal')
    # names the sector a job title with those words implies (rule 3's list).
    return _classify_answer(answer) or _classify_title(answer), True


def organization_sector(text: str | None) -> str | None:
    """The sector an organisation name implies, if any."""
    org = _says_something(text)
    return _classify_organization(org) if org is not None else None


def domain_sector(domain: str | None) -> str | None:
    """The sector an e-mail domain implies ('hacienda.gob.mx'); free mail says nothing."""
    address = normalize_email(f"someone@{domain}") if domain else None
    return _classify_domain(address.rpartition("@")[2]) if address is not None else None


def title_sector(text: str | None) -> str | None:
    """The sector a job title implies by itself ('Concejal'), if any."""
    title = _says_something(text)
    return _classify_title(title) if title is not None else None


def combine_sectors(
    answer: tuple[str | None, bool],
    organization: str | None,
    domain: str | None,
    title: str | None,
) -> str:
    """The first field that names a sector; else 'other' after an answer, else 'unknown'."""
    sector, answered = answer
    for found in (sector, organization, domain, title):
        if found is not None:
            return found
    return "other" if answered else "unknown"
