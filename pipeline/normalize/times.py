"""Timestamps and durations as the platforms write them.

No platform writes a UTC offset on join/leave times (Zoom and Teams use the
downloader's profile zone), the format follows the downloader's locale, and a
day-first file is indistinguishable from a month-first one cell by cell. So
the format is chosen once per file, from all of that file's values
(export-formats.md §7.4), and then applied to every cell; the zone is applied
afterwards by :func:`to_utc`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache, partial
from importlib import resources
from itertools import islice, repeat
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

# Month names and AM/PM markers of the languages the platforms localise into,
# mapped to the English forms strptime understands. Keys are lower-case,
# accent-free and without a trailing dot.
_MONTHS = {
    # es
    "ene": "Jan",
    "enero": "Jan",
    "febrero": "Feb",
    "marzo": "Mar",
    "abr": "Apr",
    "abril": "Apr",
    "mayo": "May",
    "junio": "Jun",
    "julio": "Jul",
    "ago": "Aug",
    "agosto": "Aug",
    "sept": "Sep",
    "septiembre": "Sep",
    "setiembre": "Sep",
    "octubre": "Oct",
    "noviembre": "Nov",
    "dic": "Dec",
    "diciembre": "Dec",
    # pt
    "fev": "Feb",
    "fevereiro": "Feb",
    "janeiro": "Jan",
    "marco": "Mar",
    "maio": "May",
    "junho": "Jun",
    "julho": "Jul",
    "set": "Sep",
    "setembro": "Sep",
    "out": "Oct",
    "outubro": "Oct",
    "novembro": "Nov",
    "dez": "Dec",
    "dezembro": "Dec",
    # fr
    "janv": "Jan",
    "janvier": "Jan",
    "fevr": "Feb",
    "fevrier": "Feb",
    "mars": "Mar",
    "avr": "Apr",
    "avril": "Apr",
    "mai": "May",
    "juin": "Jun",
    "juil": "Jul",
    "juillet": "Jul",
    "aout": "Aug",
    "septembre": "Sep",
    "octobre": "Oct",
    "decembre": "Dec",
    # en long forms strptime's %b does not take
    "january": "Jan",
    "february": "Feb",
    "march": "Mar",
    "april": "Apr",
    "june": "Jun",
    "july": "Jul",
    "august": "Aug",
    "september": "Sep",
    "october": "Oct",
    "november": "Nov",
    "december": "Dec",
}
_MONTH_WORD = re.compile(r"(?<![A-Za-zÀ-ÿ])([A-Za-zÀ-ÿ]{3,10})\.?(?![A-Za-zÀ-ÿ])")
_AMPM = re.compile(r"\b([ap])\.?\s?m\.?(?=\s|$)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


# Zone suffixes: GoTo writes abbreviations ("EDT"), Google Forms "GMT-5". The
# abbreviations are data (data/zone_abbreviations.csv): one that is missing makes
# every time of a file unreadable, and the error names it (unknown_zone).
def _zone_abbreviations() -> dict[str, float]:
    text = resources.files("pipeline.normalize").joinpath("data", "zone_abbreviations.csv")
    with text.open(encoding="utf-8", newline="") as handle:
        return {r["abbreviation"]: float(r["hours_east_of_utc"]) for r in csv.DictReader(handle)}


_ZONE_ABBREVIATIONS = _zone_abbreviations()
_ZONE_SUFFIX = re.compile(
    r"\s*(?:\(?(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\)?|\b([A-Z]{1,5})"
    # ISO 8601: '10:02:00Z', '10:02:00+02:00' (only after a time, never a date's '-2025')
    r"|(?<=\d:\d\d)(?:(Z)|([+-])(\d{2}):?(\d{2})))\s*$"
)

_TIME_FORMATS = (
    "%H:%M:%S",
    "%H:%M",
    "%I:%M:%S %p",
    "%I:%M %p",
)
_DATE_FORMATS_MONTH_FIRST = ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y")
# No locale writes month-first with dots: '05.03.2025' (German, Russian, Excel
# re-saved in a European locale...) is day-first whatever the file's other cues.
# The dotted month-first form is kept only as the last resort, for '03.22.2025'.
_DATE_FORMATS_DOTTED_MONTH_FIRST = ("%m.%d.%Y",)
_DATE_FORMATS_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d.%m.%y")
_DATE_FORMATS_UNAMBIGUOUS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %b %Y",
    "%d %b, %Y",
    "%d-%b-%Y",
    "%d de %b de %Y",
    "%d %b. %Y",
    "%B %d, %Y",
)


@dataclass(frozen=True, slots=True)
class TimeFormat:
    """A strptime format chosen for a whole file, plus how it was chosen."""

    pattern: str
    dayfirst: bool | None  # None when the format is not a day/month-order one


# Timestamps already in canonical spelling, with no zone: the spellings most cells of
# most exports use. Cleaning them is a no-op, so they skip the substitutions below
# (``test_the_fast_path_of_clean_timestamp_changes_nothing`` keeps the two in step).
_CANONICAL = re.compile(
    r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4})"
    r"(?: \d{1,2}:\d{2}(?::\d{2})?(?: [AP]M)?)?"
)


# Two more spellings whose cleaning is known without doing it (same test): Teams' comma
# after a numeric date ('4/17/23, 7:29:57 PM': cleaning drops the comma), and GoTo's
# zone abbreviation after a canonical time ('May 16, 2012 10:49 AM EDT': cleaning
# changes nothing, split_zone takes the zone off). Cleaning their every cell was ~5% of
# parsing the sample of the series, Teams' and GoTo's a third of theirs.
_COMMA_AFTER_DATE = re.compile(
    r"([0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}), ([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: [AP]M)?)"
)
_ZONE_AFTER = re.compile(rf"({_CANONICAL.pattern}) ([A-Z]{{2,5}})")


def prepared(text: str) -> tuple[str, float | None]:
    """``split_zone(clean_timestamp(text))``, without the regex work when it is a no-op."""
    if _CANONICAL.fullmatch(text):
        return text, None
    if match := _COMMA_AFTER_DATE.fullmatch(text):
        return f"{match[1]} {match[2]}", None
    if (
        (match := _ZONE_AFTER.fullmatch(text))
        and (zone := match[2]) in _ZONE_ABBREVIATIONS
        and zone.lower() not in _MONTHS  # clean_timestamp would translate it as a month
    ):
        return match[1], _ZONE_ABBREVIATIONS[zone]
    return split_zone(clean_timestamp(text))


@lru_cache(maxsize=65536)
def clean_timestamp(text: str) -> str:
    """Canonical spelling: English month abbreviations, 'AM'/'PM', single spaces.

    Also removes the comma Teams puts between date and time ('4/17/23, 7:29:57 PM')
    only when it follows a numeric date, so 'Mar 22, 2025' keeps its comma.
    """
    text = _SPACES.sub(" ", text.strip())

    def month(match: re.Match[str]) -> str:
        word = match.group(1)
        key = word.lower().translate(str.maketrans("áéíóúûç", "aeiouuc"))
        return _MONTHS.get(key, word)

    text = _AMPM.sub(lambda m: m.group(1).upper() + "M", text)
    text = _MONTH_WORD.sub(month, text)
    text = re.sub(r"^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}),\s*", r"\1 ", text)
    text = re.sub(r"(\d)T(\d)", r"\1 \2", text)
    return text


@lru_cache(maxsize=65536)
def split_zone(text: str) -> tuple[str, float | None]:
    """Split a trailing zone ('EDT', 'GMT-5', 'UTC') off a timestamp; hours east of UTC."""
    match = _ZONE_SUFFIX.search(text)
    if not match:
        return text, None
    if match.group(5):
        return text[: match.start()].strip(), 0.0
    if match.group(6):
        hours = int(match.group(7)) + int(match.group(8)) / 60
        return text[: match.start()].strip(), -hours if match.group(6) == "-" else hours
    if match.group(4):
        abbreviation = match.group(4)
        if abbreviation not in _ZONE_ABBREVIATIONS:
            return text, None
        return text[: match.start()].strip(), float(_ZONE_ABBREVIATIONS[abbreviation])
    sign = -1 if match.group(1) == "-" else 1
    hours = int(match.group(2)) + int(match.group(3) or 0) / 60
    return text[: match.start()].strip(), sign * hours


_NOT_ZONES = frozenset({"AM", "PM"})


def unknown_zone(text: str | None) -> str | None:
    """The trailing zone abbreviation of ``text`` when the pipeline does not know it."""
    if not text:
        return None
    match = _ZONE_SUFFIX.search(text.strip())
    if not match or not match.group(4):
        return None
    abbreviation = match.group(4)
    if abbreviation in _ZONE_ABBREVIATIONS or abbreviation in _NOT_ZONES or len(abbreviation) < 2:
        return None
    return abbreviation if _HAS_DIGIT.search(text[: match.start()]) else None


def not_a_date(label: str, text: str | None) -> str:
    """Why a time cell could not be read, naming an unknown zone when that is the cause."""
    zone = unknown_zone(text)
    if zone:
        return (
            f"{label} {text!r} ends in the time zone {zone!r}, which the pipeline does not "
            "know (add it to pipeline/normalize/data/zone_abbreviations.csv)"
        )
    return f"{label} {text!r} is not a date"


@cache  # built once: _choose asks for every time column of every file
def _candidates(dayfirst: bool | None) -> tuple[TimeFormat, ...]:
    ordered: list[tuple[tuple[str, ...], bool | None]] = [(_DATE_FORMATS_UNAMBIGUOUS, None)]
    if dayfirst:
        ordered += [(_DATE_FORMATS_DAY_FIRST, True), (_DATE_FORMATS_MONTH_FIRST, False)]
    else:
        ordered += [(_DATE_FORMATS_MONTH_FIRST, False), (_DATE_FORMATS_DAY_FIRST, True)]
    ordered.append((_DATE_FORMATS_DOTTED_MONTH_FIRST, False))
    out = []
    for dates, order in ordered:
        for d in dates:
            out.extend(TimeFormat(f"{d} {t}", order) for t in _TIME_FORMATS)
            out.append(TimeFormat(d, order))
    return tuple(out)


_DIRECTIVES = {
    "%Y": r"(?P<Y>\d{4})",
    "%y": r"(?P<y>\d{2})",
    "%m": r"(?P<m>\d{1,2})",
    "%d": r"(?P<d>\d{1,2})",
    "%H": r"(?P<H>\d{1,2})",
    "%I": r"(?P<I>\d{1,2})",
    "%M": r"(?P<M>\d{1,2})",
    "%S": r"(?P<S>\d{1,2})",
    "%p": r"(?P<p>[AaPp][Mm])",
    "%b": r"(?P<b>[A-Za-z]{3})",
    "%B": r"(?P<B>[A-Za-z]{3,9})",
}
_MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
# Looked up before converting, in :func:`_reader`: the numbers a timestamp's day, month,
# hour, minute and second are written with ('7', '07', '59'), and the month names as
# the platforms write them ('Mar'). int() and lower() of each field were a third of
# reading a timestamp. A text not listed is converted as before.
_SMALL_NUMBER = {str(i): i for i in range(100)} | {f"{i:02d}": i for i in range(10)}
_TITLED_MONTH = {m.title(): i for m, i in _MONTH_NUMBER.items()}


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    """A strptime pattern as a regex: the same formats, without strptime's per-call locale work.

    Only the directives the candidate formats use are supported; the values
    are validated by the datetime constructor in :func:`_strptime`.
    """
    out, i = [], 0
    while i < len(pattern):
        directive = pattern[i : i + 2]
        if directive in _DIRECTIVES:
            out.append(_DIRECTIVES[directive])
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out), re.IGNORECASE)  # strptime matches literals in any case


def _strptime(text: str, pattern: str) -> datetime | None:
    """``datetime.strptime(text, pattern)`` for our formats, or None when it does not fit."""
    return _reader(pattern)(text)


# The shapes of the candidate formats: a date with a year, a month and a day, and
# optionally a time on a 24-hour or a 12-hour clock.
_DATE_SHAPES = [frozenset({year, month, "d"}) for year in "Yy" for month in "mbB"]
_TIME_SHAPES = [frozenset(t) for t in ("", "HM", "HMS", "IMp", "IMSp")]
_SHAPES = frozenset(d | t for d in _DATE_SHAPES for t in _TIME_SHAPES)


@lru_cache(maxsize=256)
def _reader(pattern: str) -> Callable[[str], datetime | None]:
    """:func:`_strptime` for one pattern, with the pattern's directives looked up once.

    A column is read with one pattern, and asking for every cell which
    directives it has (``groupdict`` and a dozen lookups) was half the cost of
    reading a timestamp (2.6 -> 1.2 us). Same checks, in the same cases, as
    :func:`_read_any`, which reads patterns of any other shape.
    """
    compiled = _compiled(pattern)
    at = {name: number - 1 for name, number in compiled.groupindex.items()}
    if frozenset(at) not in _SHAPES:
        return partial(_read_any, compiled=compiled)
    fullmatch = compiled.fullmatch
    year_at, two_digit_year = at.get("Y", at.get("y")), "y" in at
    month_at, name_at, full_name = at.get("m"), at.get("b", at.get("B")), "B" in at
    day_at, minute_at, second_at = at["d"], at.get("M"), at.get("S")
    hour_at, twelve_hour, pm_at = at.get("H", at.get("I")), "I" in at, at.get("p")
    number = _SMALL_NUMBER.get  # 'number(x) or int(x)' is int(x); a 0 is converted again

    def read(text: str) -> datetime | None:
        match = fullmatch(text)
        if match is None:
            return None
        g = match.groups()
        try:
            year = int(g[year_at])
            if two_digit_year:
                year += 2000 if year < 69 else 1900
            if name_at is None:
                month = number(g[month_at]) or int(g[month_at])
            else:
                name = g[name_at]
                month = _TITLED_MONTH.get(name) or _MONTH_NUMBER.get(name[:3].lower())
                if month is None or (
                    full_name
                    and len(name) > 3
                    and not any(full.startswith(name.lower()) for full in _FULL_MONTHS)
                ):
                    return None
            hour = 0
            if hour_at is not None:
                hour = number(g[hour_at]) or int(g[hour_at])
                if twelve_hour:
                    if not 1 <= hour <= 12:
                        return None
                    hour = hour % 12 + (12 if g[pm_at].lower() == "pm" else 0)
            minute = 0 if minute_at is None else number(g[minute_at]) or int(g[minute_at])
            second = 0 if second_at is None else number(g[second_at]) or int(g[second_at])
            day = number(g[day_at]) or int(g[day_at])
            return datetime(year, month, day, hour, minute, second)
        except (ValueError, TypeError):
            return None

    return read


def _read_any(text: str, compiled: re.Pattern[str]) -> datetime | None:
    """:func:`_strptime` for a pattern of any shape the directives can spell."""
    match = compiled.fullmatch(text)
    if match is None:
        return None
    g = match.groupdict()
    try:
        if g.get("Y"):
            year = int(g["Y"])
        elif g.get("y"):
            year = 2000 + int(g["y"]) if int(g["y"]) < 69 else 1900 + int(g["y"])
        else:
            return None
        month_name = g.get("b") or g.get("B")
        month = _MONTH_NUMBER.get(month_name[:3].lower()) if month_name else int(g["m"])
        if month is None:
            return None
        if (
            month_name
            and g.get("B")
            and len(month_name) > 3
            and not any(full.startswith(month_name.lower()) for full in _FULL_MONTHS)
        ):
            return None
        hour = int(g["H"]) if g.get("H") else 0
        if g.get("I"):
            hour = int(g["I"])
            if not 1 <= hour <= 12:
                return None
            pm = (g.get("p") or "").lower() == "pm"
            hour = hour % 12 + (12 if pm else 0)
        return datetime(year, month, int(g["d"]), hour, int(g.get("M") or 0), int(g.get("S") or 0))
    except (ValueError, TypeError):
        return None


_FULL_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _parses(pattern: str, text: str) -> bool:
    return _strptime(text, pattern) is not None


def choose_format(
    values: Iterable[str | None], dayfirst: bool | None = None, sample: int = 60
) -> TimeFormat | None:
    """The first format that reads every sampled value of a file.

    Formats are tried unambiguous first, then in the preferred day/month order
    (``dayfirst``; month-first when None, the platforms' US default). Because a
    format must read *all* values, one '22/03/2025' in a file makes the whole
    file day-first. Returns None when no single format reads them all.
    """
    return _choose([c for c, _ in _prepare(values).values()], dayfirst, sample)


# _CANONICAL over a whole column: its distinct values joined by newlines, which no
# canonical value holds.
_CANONICAL_COLUMN = re.compile(rf"(?:{_CANONICAL.pattern})(?:\n(?:{_CANONICAL.pattern}))*")


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A column's distinct non-blank values, cleaned and split from their zones once."""

    raws: list[str]  # each distinct value as written
    texts: list[str]  # cleaned (the raws themselves when canonical)
    offsets: list[float | None] | None  # each value's own zone; None: none has one
    # When every value is canonical: "\n" and the distinct values joined by "\n" (each
    # has a digit, and no value holds a line break), which _choose searches as it is.
    joined: str | None


def _prepared_column(values: Iterable[str | None]) -> _Prepared:
    """Each distinct non-blank value, cleaned and split from its zone once.

    When every value is already canonical (most columns of most exports), one
    regex over the joined column says so: checking value by value was ~8% of
    parsing the sample of the series. Such a column is handed on as it is:
    no copy of its values, no offsets, and its joined text for ``_choose``.
    """
    distinct = [v for v in dict.fromkeys(values) if v is not None and v.strip()]
    column = "\n".join(distinct)
    if column.count("\n") == len(distinct) - 1 and _CANONICAL_COLUMN.fullmatch(column):
        return _Prepared(distinct, distinct, None, "\n" + column if distinct else None)
    pairs = list(map(prepared, distinct))
    return _Prepared(distinct, [t for t, _ in pairs], [o for _, o in pairs], None)


def _prepare(values: Iterable[str | None]) -> dict[str, tuple[str, float | None]]:
    """:func:`_prepared_column` as value -> (cleaned text, its zone's offset)."""
    column = _prepared_column(values)
    offsets = column.offsets if column.offsets is not None else repeat(None)
    return dict(zip(column.raws, zip(column.texts, offsets, strict=False), strict=True))


_HAS_DIGIT = re.compile(r"\d")
# A numeric date whose first or second number is above 12 settles the day/month order.
_DECISIVE = re.compile(
    r"\d{1,2}[/.-](?:1[3-9]|2\d|3[01])[/.-]|(?:1[3-9]|2\d|3[01])[/.-]\d{1,2}[/.-]"
)
_DECISIVE_AFTER_BREAK = re.compile(f"\n(?:{_DECISIVE.pattern})")
# A line of a column's joined values (the first is empty: the text starts with a break).
_NO_DIGIT_LINE = re.compile(r"\n[^\d\n]*(?=\n|\Z)")


def _choose(
    texts: Iterable[str], dayfirst: bool | None, sample: int = 60, joined: str | None = None
) -> TimeFormat | None:
    """:func:`choose_format` on values already cleaned and split from their zone.

    ``joined``: the texts are a canonical column's, as :class:`_Prepared` joins them.
    """
    # '##########' (Excel's too-narrow column) says nothing about format.
    if joined is not None:
        cleaned = texts if isinstance(texts, list) else list(texts)
    else:
        cleaned = list(dict.fromkeys(texts))
        joined = "\n" + "\n".join(cleaned)
        # Each value checked alone only when the joined text shows a line without a digit
        # or a decisive date after a line break (a value's own line break can fake either):
        # matching every value of a column was ~5% of parsing a Zoom attendee report.
        if _NO_DIGIT_LINE.search(joined):
            cleaned = list(filter(_HAS_DIGIT.search, cleaned))
    if not cleaned:
        return None
    # Sample evenly, but always include values that settle the day/month order.
    picked = cleaned if len(cleaned) <= sample else cleaned[:: max(1, len(cleaned) // sample)]
    decisive = (
        list(islice(filter(_DECISIVE.match, cleaned), 20))
        if _DECISIVE_AFTER_BREAK.search(joined)
        else []
    )
    picked = decisive + picked
    candidates = _candidates(dayfirst)
    for fmt in candidates:
        # Most formats fail on the first value: probe it before reading the sample.
        if _parses(fmt.pattern, picked[0]) and all(_parses(fmt.pattern, c) for c in picked):
            return fmt
    # A few garbage cells ('12/##/2025') must not make a whole file unreadable:
    # accept the format that reads nearly everything; those cells are rejected later.
    best: TimeFormat | None = None
    best_hits = 0
    for fmt in candidates:
        hits = sum(_parses(fmt.pattern, c) for c in picked)
        if hits > best_hits:
            best, best_hits = fmt, hits
    if best is not None and best_hits >= 0.9 * len(picked):
        return best
    return None


# No platform writes a date in year 1 or 9999, but a damaged cell can ('0001-01-01
# 00:00:00', '12/31/9999 23:59 GMT-5'): shifting such a value by a zone offset, here or
# when an adapter takes its local date, raises OverflowError (found by
# tests/test_fuzz_readers.py). Such a cell is unreadable like any other non-date: to_utc
# gives None and the adapter rejects its row. A week of margin covers every offset a
# cell can state (at most 99:99 hours) plus the downstream shift into the series' zone.
_SAFE_MIN = datetime.min + timedelta(days=7)
_SAFE_MAX = datetime.max - timedelta(days=7)


def to_utc(
    local: Sequence[datetime | None], zone: str, offsets: Sequence[float | None] | None = None
) -> list[datetime | None]:
    """Local wall-clock times to naive UTC.

    An explicit offset on the value wins; otherwise ``zone`` (IANA) applies.
    In the autumn hour that occurs twice, the first occurrence is taken.
    """
    tz = ZoneInfo(zone)
    if offsets is None:
        return [_utc(value, None, tz) for value in local]
    return [_utc(value, offset, tz) for value, offset in zip(local, offsets, strict=True)]


def _utc(value: datetime | None, offset: float | None, tz: ZoneInfo) -> datetime | None:
    if value is None or not _SAFE_MIN <= value <= _SAFE_MAX:
        return None  # unreadable, or year 1 or 9999: see _SAFE_MIN
    if offset is not None:
        return value - timedelta(hours=offset)
    # The zone's own utcoffset of the naive value: what value.replace(tzinfo=tz).utcoffset()
    # gives (fold 0: the first of a repeated hour), without building an aware copy first.
    utc = tz.utcoffset(value)
    return value - utc if utc is not None else value


def parse_times_utc(
    values: Sequence[str | None], zone: str, dayfirst: bool | None = None
) -> tuple[list[datetime | None], TimeFormat | None]:
    """Choose one format for ``values``, parse them and convert to naive UTC.

    Every value is read with the one format :func:`choose_format` picks for the
    column (its own zone, if it states one, wins over ``zone``). Each distinct
    value is cleaned and parsed once: a large export repeats the same minute
    many times, and this is the costliest step of parsing one.
    """
    column = _prepared_column(values)
    fmt = _choose(column.texts, dayfirst, joined=column.joined)
    if fmt is None:
        return [None] * len(values), None
    read = _read_utc(column.texts, column.offsets, fmt.pattern, ZoneInfo(zone))
    done = dict(zip(column.raws, read, strict=True))
    # None and blank values are no key of done: they come out None.
    return list(map(done.get, values)), fmt


_UNEVEN = object()  # an hour whose values :func:`_hour_utc` cannot convert alike
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class _Clock:
    """The minutes (and seconds) that end a pattern, which alone differ between the
    values of one hour (:func:`_clock`)."""

    on_the_hour: str  # ':00:00' or ':00', as the values write them
    past: dict[str, timedelta]  # each two-digit ':MM:SS' (':MM') -> what it adds to the hour
    last: timedelta  # the hour's last value: 59:59 (or 59) past it
    after: int = 0  # characters after them: 3 for ' PM'


_MINUTES_SECONDS = _Clock(
    ":00:00",
    {f":{m:02d}:{s:02d}": timedelta(minutes=m, seconds=s) for m in range(60) for s in range(60)},
    timedelta(minutes=59, seconds=59),
)
_MINUTES = _Clock(
    ":00", {f":{m:02d}": timedelta(minutes=m) for m in range(60)}, timedelta(minutes=59)
)
_CLOCK_ENDS = {
    "%H:%M:%S": _MINUTES_SECONDS,
    "%I:%M:%S %p": replace(_MINUTES_SECONDS, after=len(" PM")),
    "%H:%M": _MINUTES,
    "%I:%M %p": replace(_MINUTES, after=len(" PM")),
}


@cache
def _clock(pattern: str) -> _Clock | None:
    """The minutes and seconds at the end of ``pattern``; None when it ends otherwise."""
    return next((c for end, c in _CLOCK_ENDS.items() if pattern.endswith(end)), None)


def _read_utc(
    texts: list[str], offsets: list[float | None] | None, pattern: str, tz: ZoneInfo
) -> list[datetime | None]:
    """Each text read with ``pattern`` and converted to UTC at its offset (None: the
    zone's), as ``_utc(_reader(pattern)(text), offset, tz)`` reads it, for less.

    Join and leave times are nearly all distinct, but a webinar's fall within a
    few hours: where the pattern ends with the clock's minutes (and seconds),
    a value is its hour's time plus them. The hour ('May 16, 2022 16:00:00') is
    read and converted once, and each value is one lookup and one addition.
    Reading each value in full was a quarter of parsing a Zoom attendee report.
    The regex that reads a value treats every digit alike, so a value reads
    exactly when its hour does; a value whose minutes are not two digits below
    60, or whose hour :func:`_hour_utc` cannot convert as one, is read in full.
    """
    read = _reader(pattern)
    zones = offsets if offsets is not None else repeat(None)  # zipped with strict=False
    clock = _clock(pattern)
    if clock is None:
        return [_utc(read(text), offset, tz) for text, offset in zip(texts, zones, strict=False)]
    on_the_hour, past, after = clock.on_the_hour, clock.past, clock.after
    width = len(on_the_hour)
    hours: dict[tuple[str, float | None], Any] = {}
    out: list[datetime | None] = []
    for text, offset in zip(texts, zones, strict=False):
        end = len(text) - after
        delta = past.get(text[end - width : end])
        if delta is None:
            out.append(_utc(read(text), offset, tz))
            continue
        key = (text[: end - width] + on_the_hour + text[end:], offset)
        base = hours.get(key, _UNSEEN)
        if base is _UNSEEN:
            base = hours[key] = _hour_utc(read(key[0]), offset, tz, clock.last)
        if base is _UNEVEN:
            out.append(_utc(read(text), offset, tz))
        else:
            out.append(None if base is None else base + delta)
    return out


def _hour_utc(
    local: datetime | None, offset: float | None, tz: ZoneInfo, last: timedelta
) -> datetime | object | None:
    """The UTC of the hour ``local`` starts, when each of its values is that plus its
    minutes and seconds; None when it is no time; else _UNEVEN (the value is read alone).

    Uneven: the zone changes its offset within the hour (a :30 change of daylight
    time), or the hour reaches past the years :func:`_utc` converts.
    """
    if local is None:
        return None
    if local < _SAFE_MIN or local > _SAFE_MAX - last:
        return _UNEVEN
    if offset is not None:
        return local - timedelta(hours=offset)
    first = tz.utcoffset(local)
    if first != tz.utcoffset(local + last):
        return _UNEVEN
    return local - first if first is not None else local


_DURATION_PARTS = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(d|days?|dias?|días?|jours?|tage?|"
    r"h|hrs?|hours?|horas?|heures?|std\.?|stunden?|"
    # not followed by a letter (rather than \b), so '1h20m' reads as 1 h and 20 min
    r"m|mins?|minutes?|minutos?|minuten|min\.?|"
    r"s|secs?|seconds?|segundos?|secondes?|sekunden?|sek\.?|seg\.?|"
    # Japanese Teams: '1 時間 2 分 34 秒' (public code index id 12785033542)
    r"時間|分|秒)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_UNIT_MINUTES = {"d": 1440, "h": 60, "m": 1, "s": 1 / 60, "時": 60, "分": 1, "秒": 1 / 60}


# Memoised: a report repeats its durations ('45m 12s'), and reading one in words (a
# failed float(), then regexes) was ~6% of parsing a Teams report.
@lru_cache(maxsize=16384)
def parse_duration_minutes(text: str | None) -> float | None:
    """Minutes from any duration the platforms write.

    '282' and '58.53' (Zoom, GoTo: minutes), '13m 26s' / '1h 2m 3s' (Teams),
    '1 hr 20 min' / '1 day 2 hours' (Webex), '59 Min. 0 Sek.' (German Teams),
    '1 Stunde 5 Minuten' (German written out),
    '1 時間 2 分 34 秒' (Japanese Teams), '01:20:05' (h:mm:ss). None when the text
    holds no duration, or a number with a unit it does not know.
    """
    if text is None:
        return None
    value = text.strip().lower()
    if not value or value in {"--", "-", "n/a"}:
        return None
    number = value.replace(",", ".")
    try:
        minutes = float(number)
    except ValueError:
        pass
    else:
        return minutes if minutes >= 0 else None
    clock = re.fullmatch(r"(\d+):(\d{1,2})(?::(\d{1,2}))?", value)
    if clock:
        h, m, s = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        return h * 60 + m + s / 60 if clock.group(3) is not None else h * 60 + m
    if re.search(r"\d", _DURATION_PARTS.sub(" ", value)):
        # A number with a unit this reader does not know (Polish Teams' '1 godz. 5 min'):
        # adding up only the known parts would give 5 minutes for an hour and five.
        return None
    total = 0.0
    found = False
    for amount, unit in _DURATION_PARTS.findall(value):
        key = unit[0].lower()
        if unit.lower().startswith(("min", "mi")):
            key = "m"
        elif unit.lower().startswith(("seg", "sec", "sek")):
            key = "s"
        elif unit.lower().startswith(("std", "stu", "heu", "hor", "hr", "hou")):
            key = "h"
        elif unit.lower().startswith(("dí", "di", "da", "jo", "ta")):
            key = "d"
        total += float(amount.replace(",", ".")) * _UNIT_MINUTES[key]
        found = True
    return total if found else None


# A numeric date's first number, separator and second number (what settles day/month
# order), and its year (which order_by_span needs to measure spreads).
NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})[/.-](\d{2,4})")
# The same after a line break: found in the values, each after a line break, wherever it
# begins a value (and perhaps elsewhere, which only sends them to the full check). A
# literal first character lets the regex skip from break to break.
_NUMERIC_DATE_AFTER_BREAK = re.compile("\n" + NUMERIC_DATE.pattern.removeprefix("^"))


def infer_dayfirst(values: Iterable[str | None]) -> bool | None:
    """Day/month order of a whole file: True, False, or None when nothing settles it.

    A first number above 12 proves day-first, a second one above 12 month-first.
    So does a dotted date ('05.03.2025'): only day-first locales (German,
    Russian, Turkish...) write dots. A file that holds both is inconsistent
    and gets None (each column then finds its own format, and unreadable
    cells are rejected).
    """
    # The answer depends on which dates occur, not how often: each once (_distinct_dates).
    return day_order_of(_distinct_dates(values))


# NUMERIC_DATE reads at most this many characters after the leading spaces: two digits,
# a separator, two digits, a separator and four digits.
_NUMERIC_DATE_WIDTH = 10


def _distinct_dates(values: Iterable[str | None]) -> dict[str, None]:
    """The non-blank values cut to what NUMERIC_DATE can read of them, each once;
    none when no value begins with a numeric date.

    Most files write no numeric date at all ('Mar 22, 2025 10:02:00'), which their
    joined text shows with one search (matching value by value was ~5% of parsing
    a Zoom attendee report). A report's timestamps are nearly all distinct but
    fall on a few dates: matching each timestamp was ~6% of parsing a Webex
    registration report.
    """
    present = list(filter(None, values))
    if not _NUMERIC_DATE_AFTER_BREAK.search("\n" + "\n".join(present)):
        return {}
    return dict.fromkeys(v.lstrip()[:_NUMERIC_DATE_WIDTH] for v in present)


def day_order_of(values: Iterable[str | None]) -> bool | None:
    """:func:`infer_dayfirst`'s answer from each value in turn, with no shortcut."""
    day_first = month_first = False
    for v in values:
        if not v:
            continue
        m = NUMERIC_DATE.match(v)
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(3))
        day_first |= a > 12 or m.group(2) == "."
        month_first |= b > 12
        if day_first and month_first:
            return None
    if day_first:
        return True
    if month_first:
        return False
    return None


# How much closer together one order must put a file's dates than the other, and how far
# apart the other must put them, for their spread to settle the order (order_by_span).
_SPAN_RATIO = 4
_SPAN_LOOSE_DAYS = 28
_SPAN_MIN_DATES = 3


@dataclass(frozen=True, slots=True)
class SpanOrder:
    """The order under which a file's dates lie closest together, and the spreads."""

    dayfirst: bool
    dates: int  # distinct dates
    tight_days: int  # their spread under that order
    loose_days: int  # and under the other


def order_by_span(values: Iterable[str | None]) -> SpanOrder | None:
    """The day/month order under which a file's ambiguous numeric dates lie close together.

    One webinar's report holds dates a few days or weeks apart: registrations,
    the start, the joins, the day the report was made. When every day is 12 or
    less the file reads either way, and read in the wrong order those dates
    scatter over months: '01/03 .. 05/03 .. 06/03' (1–6 March) is January to
    June month-first. Only a decisive difference counts (the other order at
    least four times as spread and over four weeks, three distinct dates or
    more): dates that all fall on the same day of different months read the
    other way as one week, and only a coincidence of several dates makes that.
    """
    pairs: set[tuple[int, int, int]] = set()
    for v in _distinct_dates(values):
        if m := NUMERIC_DATE.match(v):
            year = int(m.group(4))
            pairs.add((int(m.group(1)), int(m.group(3)), year + 2000 if year < 100 else year))
    if len(pairs) < _SPAN_MIN_DATES:
        return None
    spans = {}
    for dayfirst in (True, False):
        try:
            days = [date(y, b, a) if dayfirst else date(y, a, b) for a, b, y in pairs]
        except ValueError:  # a day above 12 (the dates show their order) or no date at all
            return None
        spans[dayfirst] = (max(days) - min(days)).days
    dayfirst = spans[True] < spans[False]
    tight, loose = spans[dayfirst], spans[not dayfirst]
    if loose < _SPAN_LOOSE_DAYS or loose < _SPAN_RATIO * tight:
        return None
    return SpanOrder(dayfirst, len(pairs), tight, loose)


def local_day(utc: datetime | None, zone: str) -> date | None:
    """The series-local day of a naive UTC time: the day a webinar is listed under."""
    if utc is None:
        return None
    return utc.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(zone)).date()


def parse_time_utc(text: str | None, zone: str, dayfirst: bool | None = None) -> datetime | None:
    """One timestamp (a report's start or generated time) to naive UTC; None if unreadable."""
    return parse_times_utc([text], zone, dayfirst)[0][0] if text else None


TimeColumns = dict[str, list[tuple[int, str]]]  # column -> (line, text) of its non-blank cells


def parse_columns_utc(
    columns: TimeColumns, zone: str, dayfirst: bool | None
) -> dict[tuple[int, str], datetime | None]:
    """Every time column of a file, as ``{(line, column): UTC}``: one format per column."""
    parsed: dict[tuple[int, str], datetime | None] = {}
    for column, cells in columns.items():
        utc, _ = parse_times_utc(list(map(itemgetter(1), cells)), zone, dayfirst)
        # Keyed in C, without a Python step per cell: utc has one value per cell.
        keys = zip(map(itemgetter(0), cells), repeat(column))
        parsed.update(zip(keys, utc))  # noqa: B905
    return parsed


TimeTable = Mapping[str, Sequence[str | None]]  # column -> each row's cell, None when blank


def parse_tables_utc(
    tables: Sequence[TimeTable], zone: str, dayfirst: bool | None
) -> list[dict[str, list[datetime | None]]]:
    """The time columns of a file of several tables with the same columns, in UTC,
    row by row: for each table, each of its columns' times (None where blank or unread).

    Each column is read with one format across the tables. The cells of a
    table that this format cannot read are then read again with a format
    chosen for them alone: a Zoom webinar report of 2020 writes its 'Other
    Attended' section as 'Mar 28, 2020 2:20 PM' below sections written as
    'Mar 28, 2020 08:07:27'. Read as one column, the few odd rows were
    rejected as "not a date", or, in a small webinar where they were more
    than a tenth of the times, every row was. Cells no format reads stay None.
    """
    out: list[dict[str, list[datetime | None]]] = [{} for _ in tables]
    for column in dict.fromkeys(name for table in tables for name in table):
        parts = [(i, table[column]) for i, table in enumerate(tables) if column in table]
        utc, _ = parse_times_utc([v for _, cells in parts for v in cells], zone, dayfirst)
        start = 0
        for i, cells in parts:
            read = utc[start : start + len(cells)]
            start += len(cells)
            if len(tables) > 1 and read.count(None) > cells.count(None) + cells.count(""):
                # a cell holds text but no time
                pairs = enumerate(zip(cells, read, strict=True))
                unread = [k for k, (text, u) in pairs if text and u is None]
                again, _ = parse_times_utc([cells[k] for k in unread], zone, dayfirst)
                for k, u in zip(unread, again, strict=True):
                    read[k] = u
            out[i][column] = read
    return out
