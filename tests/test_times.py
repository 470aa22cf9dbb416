"""Timestamps and durations as the platforms write them (export-formats.md §7.4)."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.times import (
    _candidates,
    _strptime,
    choose_format,
    infer_dayfirst,
    not_a_date,
    order_by_span,
    parse_duration_minutes,
    parse_tables_utc,
    parse_time_utc,
    parse_times_utc,
)

NY = "America/New_York"


@pytest.mark.parametrize(
    "text, utc",
    [
        ("Mar 22, 2025 19:13:27", datetime(2025, 3, 22, 23, 13, 27)),  # Zoom join time
        ("Mar 22, 2025 7:13 PM", datetime(2025, 3, 22, 23, 13)),  # Zoom start time
        ("03/22/2025 07:13:27 PM", datetime(2025, 3, 22, 23, 13, 27)),
        ("2024-03-21 18:18:42", datetime(2024, 3, 21, 22, 18, 42)),  # Zoom meetings 2024
        ("15/08/2022 01:27", datetime(2022, 8, 15, 5, 27)),  # Zoom admin, day-first
        ("4/17/23, 7:29:57 PM", datetime(2023, 4, 17, 23, 29, 57)),  # Teams en-US
        ("14/11/22, 09:29:07", datetime(2022, 11, 14, 14, 29, 7)),  # Teams en-GB
        ("06.10.26, 18:01:00", datetime(2026, 10, 6, 22, 1)),  # Teams de
        ("May 16, 2012 10:49 AM EDT", datetime(2012, 5, 16, 14, 49)),  # GoTo: zone wins
        ("2024/05/01 2:03:04 PM GMT-5", datetime(2024, 5, 1, 19, 3, 4)),  # Google Forms
        ("22 mar. 2025 19:13:27", datetime(2025, 3, 22, 23, 13, 27)),  # Spanish month
        ("22/03/2025 7:13 p. m.", datetime(2025, 3, 22, 23, 13)),  # Spanish a. m./p. m.
    ],
)
def test_every_format_seen_in_real_exports_is_read_in_the_series_zone(text, utc):
    assert parse_times_utc([text], NY)[0] == [utc]


def test_one_day_first_value_makes_the_whole_file_day_first():
    values = ["03/04/2025 10:00", "05/04/2025 10:00", "22/04/2025 10:00"]
    assert infer_dayfirst(values) is True
    utc, fmt = parse_times_utc(values, "UTC", dayfirst=infer_dayfirst(values))
    assert fmt.dayfirst is True
    assert [d.month for d in utc] == [4, 4, 4]


def test_an_undecided_file_reads_month_first_the_platforms_default():
    assert parse_times_utc(["03/04/2025 10:00"], "UTC")[0] == [datetime(2025, 3, 4, 10, 0)]


def test_a_file_mixing_both_orders_is_not_guessed():
    assert infer_dayfirst(["13/01/2025 10:00", "01/13/2025 10:00"]) is None


def test_a_dotted_date_is_day_first_whatever_its_numbers():
    assert infer_dayfirst(["05.03.2025 10:00", "06.03.2025"]) is True
    assert infer_dayfirst(["05/03/2025 10:00"]) is None


def test_excels_hash_marks_do_not_decide_a_files_format():
    fmt = choose_format(["Mar 22, 2025 19:13:27", "##########", "Mar 23, 2025 08:00:00"])
    assert fmt is not None and fmt.pattern == "%b %d, %Y %H:%M:%S"


def test_in_the_autumn_hour_that_occurs_twice_the_first_is_taken():
    (utc,), _ = parse_times_utc(["2024-11-03 01:30:00"], NY)
    assert utc == datetime(2024, 11, 3, 5, 30)  # EDT, not EST


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("282", 282),
        ("58.53", 58.53),
        ("13m 26s", 13 + 26 / 60),
        ("1h 2m 3s", 62.05),
        ("59s", 59 / 60),
        ("1 hr 20 min", 80),
        ("1 day 2 hours", 1560),
        ("20 min", 20),
        ("59 Min. 0 Sek.", 59),
        ("1 Stunde 5 Minuten", 65),  # German written out
        ("2 Stunden 30 Sekunden", 120.5),
        ("1 Tag 1 Minute", 1441),
        ("1h20m", 80),  # no spaces: each unit still counts
        ("2h5m30s", 125.5),
        ("01:20:05", 80 + 5 / 60),
        ("1 時間 2 分 34 秒", 62 + 34 / 60),  # Japanese Teams (public code index id 12785033542)
        ("30 分 0 秒", 30),
        ("1 時間 5 秒", 60 + 5 / 60),
        # A unit it does not know (Polish Teams' 'godz.', hours, per a public reader of
        # real reports, index id 45145286848) makes no duration, not the 5 minutes it knows.
        ("1 godz. 5 min 3 sek.", None),
        ("--", None),
        ("", None),
    ],
)
def test_durations_in_every_platforms_wording(text, minutes):
    got = parse_duration_minutes(text)
    assert got == (pytest.approx(minutes) if minutes is not None else None)


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2049, 12, 31)),
    st.sampled_from(_candidates(None) + _candidates(True)),
    st.sampled_from(
        [
            lambda t: t,
            str.lower,
            str.upper,
            lambda t: t.replace("0", "", 1),
            lambda t: t + "x",
            lambda t: t.replace("1", "7", 1),
        ]
    ),
)
def test_the_fast_parser_agrees_with_strptime(moment, fmt, mutate):
    text = mutate(moment.replace(microsecond=0).strftime(fmt.pattern))
    try:
        expected = datetime.strptime(text, fmt.pattern)
    except ValueError:
        expected = None
    assert _strptime(text, fmt.pattern) == expected


_TIMESTAMPISH = st.text(
    alphabet=st.sampled_from(list("0123456789/-.:, APMTZGUCaepmJanFebMarDicEneAgo\t")),
    max_size=28,
)
_DATES = st.builds(
    lambda d, fmt: d.strftime(fmt),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1)),
    st.sampled_from(
        [
            "%b %d, %Y %H:%M:%S",
            "%b %-d, %Y %-I:%M %p",
            "%m/%d/%Y %I:%M:%S %p",
            "%d/%m/%Y %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%d.%m.%y",
            "%Y-%m-%dT%H:%M:%S",
        ]
    ),
)


_SUFFIXES = st.sampled_from(
    ["EDT", "EST", "PDT", "CET", "CEST", "UTC", "GMT", "AM", "PM", "XYZ", "SET", "Mar", "edt", "Z"]
)
_SPELLED_LIKE_TEAMS_OR_GOTO = st.one_of(
    _DATES.map(lambda t: t.replace(" ", ", ", 1)),  # Teams: '4/17/23, 7:29:57 PM'
    st.builds(lambda t, z: f"{t} {z}", _DATES, _SUFFIXES),  # GoTo: '... 10:49 AM EDT'
    st.builds(lambda t, z: f"{t}, {z}", _DATES, _SUFFIXES),
    st.builds(lambda t, z: f"{t.replace(' ', ', ', 1)} {z}", _DATES, _SUFFIXES),
)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_TIMESTAMPISH, _DATES, _SPELLED_LIKE_TEAMS_OR_GOTO))
def test_the_fast_path_of_clean_timestamp_changes_nothing(text):
    """Spellings that skip cleaning (canonical, Teams' comma, GoTo's zone) must come out
    exactly as cleaning and splitting the zone would give them."""
    from pipeline.normalize.times import clean_timestamp, prepared, split_zone

    assert prepared(text) == split_zone(clean_timestamp(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.none(), _DATES, _TIMESTAMPISH), max_size=12),
    st.sampled_from([None, True, False]),
)
def test_parsing_a_column_at_once_equals_parsing_it_cell_by_cell(values, dayfirst):
    """``parse_times_utc`` parses each distinct value once, through the fast path where it
    applies; the result must be that of cleaning and parsing every cell on its own."""
    from pipeline.normalize.times import clean_timestamp, split_zone, to_utc

    fmt = choose_format(values, dayfirst)
    expected = []
    for value in values:
        if fmt is None or value is None or not value.strip():
            expected.append(None)
            continue
        text, offset = split_zone(clean_timestamp(value))
        local = _strptime(text, fmt.pattern)
        expected.append(None if local is None else to_utc([local], NY, [offset])[0])
    assert parse_times_utc(values, NY, dayfirst) == (expected, fmt)


@pytest.mark.parametrize(
    "values, first",
    [
        (["05.03.2025 10:00", "01.03.2025 08:00"], datetime(2025, 3, 5, 15, 0)),
        (["05.03.25 10:00"], datetime(2025, 3, 5, 15, 0)),
        # the one dotted month-first value anyone could mean: its 22 settles it
        (["03.22.2025 10:00"], datetime(2025, 3, 22, 14, 0)),
    ],
)
def test_dotted_dates_are_day_first_unless_they_cannot_be(values, first):
    """No locale writes mm.dd.yyyy: a German Excel re-save of a US export is day-first."""
    utc, _ = parse_times_utc(values, NY)
    assert utc[0] == first


@pytest.mark.parametrize(
    "text, utc",
    [
        ("2025-03-22T10:02:00Z", datetime(2025, 3, 22, 10, 2)),
        ("2025-03-22T10:02:00+02:00", datetime(2025, 3, 22, 8, 2)),
        ("2025-03-22 10:02-0530", datetime(2025, 3, 22, 15, 32)),
        ("Mar 22, 2025 10:02 AM UYT", datetime(2025, 3, 22, 13, 2)),  # Montevideo
        ("Mar 22, 2025 10:02 AM SGT", datetime(2025, 3, 22, 2, 2)),  # Singapore
        ("Mar 22, 2025 10:02 AM NZDT", datetime(2025, 3, 21, 21, 2)),
        ("Mar 22, 2025 10:02 AM MSK", datetime(2025, 3, 22, 7, 2)),
    ],
)
def test_a_stated_zone_or_offset_wins_over_the_series_zone(text, utc):
    assert parse_time_utc(text, NY) == utc


def test_a_dashed_day_first_date_is_not_taken_for_a_utc_offset():
    assert parse_time_utc("22-03-2025", NY) == datetime(2025, 3, 22, 4, 0)


def test_an_unknown_zone_abbreviation_is_named_in_the_reason():
    reason = not_a_date("the webinar start time", "Mar 22, 2025 10:00 AM XYT")
    assert "'XYT'" in reason and "zone_abbreviations.csv" in reason
    assert not_a_date("Join Time", "##########") == "Join Time '##########' is not a date"
    assert "zone" not in not_a_date("Join Time", "10:00 AM")
    assert not_a_date("meeting Start Time", None) == "meeting Start Time None is not a date"


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from(_candidates(None) + _candidates(True)),
    st.sampled_from(
        [
            lambda t: t,
            str.upper,
            lambda t: t.replace("0", "", 1),
            lambda t: t.replace("1", "3", 1),
            lambda t: t.replace("2", "٢"),  # an Arabic-Indic digit: \d and int() take it
            lambda t: t.replace("PM", "pm").replace("AM", "Am"),
            lambda t: t.replace("May", "Mayo").replace("Jun", "June"),
        ]
    ),
)
def test_a_patterns_own_reader_agrees_with_the_general_one(moment, fmt, mutate):
    """``_reader`` looks a pattern's directives up once; the answers must be ``_read_any``'s."""
    from pipeline.normalize.times import _compiled, _read_any, _reader

    text = mutate(moment.strftime(fmt.pattern))
    assert _reader(fmt.pattern)(text) == _read_any(text, _compiled(fmt.pattern))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            _DATES,
            _TIMESTAMPISH,
            _DATES.map(lambda t: t + "\n" + t),  # a newline inside a value
            st.sampled_from(["", " ", "03/22/2025", "Mar 22, 2025 10:02 AM"]),
        ),
        max_size=10,
    )
)
def test_a_column_is_prepared_as_each_of_its_values_would_be(values):
    """``_prepare`` checks a whole column of canonical values with one regex."""
    from pipeline.normalize.times import _prepare, prepared

    expected = {v: prepared(v) for v in values if v is not None and v.strip()}
    got = _prepare(values)
    assert list(got.items()) == list(expected.items())


def test_a_section_in_its_own_format_is_read_in_it_and_garbage_stays_unread():
    hosts = {"join": ["Mar 28, 2020 08:07:27", None, "Mar 28, 2020 09:39:09"]}
    others = {"join": ["Mar 28, 2020 2:20 PM", "##########", None]}
    assert parse_tables_utc([hosts, others], "UTC", None) == [
        {"join": [datetime(2020, 3, 28, 8, 7, 27), None, datetime(2020, 3, 28, 9, 39, 9)]},
        {"join": [datetime(2020, 3, 28, 14, 20), None, None]},
    ]


def test_a_column_only_one_table_has_is_still_read_again_alone():
    """A file of several tables re-reads a table's unread cells whether or not the
    other tables have the column: here the registration column's one format (the
    nine 24-hour cells) leaves the tenth, a 12-hour cell, for a second reading."""
    registered = [f"Mar 2{k}, 2020 08:0{k}:00" for k in range(9)] + ["Mar 28, 2020 2:20 PM"]
    parsed = parse_tables_utc(
        [{"join": ["Mar 28, 2020 08:07:27"]}, {"reg": registered}], "UTC", None
    )
    assert parsed[1]["reg"][-1] == datetime(2020, 3, 28, 14, 20)
    assert None not in parsed[1]["reg"]


_CLOCK_FORMATS = [
    "%b %d, %Y %H:%M:%S",  # Zoom
    "%m/%d/%Y %I:%M:%S %p",
    "%d/%m/%Y %H:%M",
    "%b %d, %Y %I:%M %p",  # GoTo, with its zone
    "%Y-%m-%d %H:%M:%S",
    "%b %d, %Y",  # no clock: read value by value
]
# Hours where the zones below change their offset (New York's gap and repeated hour,
# Lord Howe's half-hour changes) and at the ends of the years a time can be shifted in.
_EDGE_HOURS = [
    datetime(2025, 3, 9, 2),
    datetime(2025, 11, 2, 1),
    datetime(2025, 4, 6, 1),
    datetime(2025, 10, 5, 2),
    datetime(1, 1, 1, 0),
    datetime(1, 1, 8, 0),
    datetime(9999, 12, 24, 23),
    datetime(9999, 12, 31, 23),
]
_ODD_CLOCKS = st.sampled_from(
    [
        lambda t: t,
        lambda t: t[:-2] + "60" if t[-3] == ":" else t,  # seconds (or minutes) out of range
        lambda t: t.replace(":0", ":", 1),  # a one-digit minute
        lambda t: t.replace(" ", "  ", 1),
        lambda t: t + "x",
    ]
)


def _written(moment: datetime, fmt: str) -> str:
    """``moment`` in ``fmt``, its year in four digits whatever it is (strftime's is not)."""
    return moment.strftime(fmt.replace("%Y", f"{moment.year:04d}"))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1)),
        st.sampled_from(_EDGE_HOURS),
    ).map(lambda d: d.replace(minute=0, second=0, microsecond=0)),
    st.lists(st.tuples(st.integers(0, 3599), _ODD_CLOCKS), min_size=1, max_size=15),
    st.sampled_from(_CLOCK_FORMATS),
    st.sampled_from(["", " EDT", " GMT+5:30"]),
    st.sampled_from(["America/New_York", "Australia/Lord_Howe", "UTC"]),
)
def test_a_column_read_an_hour_at_a_time_equals_reading_every_cell(hour, cells, fmt, suffix, zone):
    """``parse_times_utc`` reads the hour of a column's values once and adds each
    value's minutes and seconds; every value must come out as read on its own,
    in hours where the zone changes its offset and at the ends of the calendar too."""
    from pipeline.normalize.times import clean_timestamp, split_zone, to_utc

    values = [odd(_written(hour + timedelta(seconds=s), fmt)) + suffix for s, odd in cells]
    fmt_chosen = choose_format(values)
    expected = []
    for value in values:
        text, offset = split_zone(clean_timestamp(value))
        local = _strptime(text, fmt_chosen.pattern) if fmt_chosen else None
        expected.append(None if local is None else to_utc([local], zone, [offset])[0])
    assert parse_times_utc(values, zone) == (expected, fmt_chosen)


def test_an_hour_in_which_the_zone_changes_its_offset_reads_each_value_at_its_own():
    """Lord Howe Island moves its clocks half an hour, from 02:00 to 02:30: within
    that hour 02:10 is read at +10:30 (as a time in a gap is) and 02:45 at +11."""
    values = ["Oct 05, 2025 02:10:00", "Oct 05, 2025 02:45:00"]
    utc, _ = parse_times_utc(values, "Australia/Lord_Howe")
    assert utc == [datetime(2025, 10, 4, 15, 40), datetime(2025, 10, 4, 15, 45)]


def test_an_hour_at_the_end_of_the_calendar_is_read_value_by_value():
    """A time too late to be shifted by a zone is no time (see _SAFE_MAX), in an hour
    read at once or not."""
    values = ["Dec 24, 9999 23:59:59", "Dec 25, 9999 00:30:00"]
    assert parse_times_utc(values, "UTC")[0] == [datetime(9999, 12, 24, 23, 59, 59), None]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            _DATES,
            _TIMESTAMPISH,
            st.sampled_from(["##########", "22/03/2025 10:00", "03/22/2025 10:00", "x\n1"]),
            _DATES.map(lambda t: "no date\n" + t),  # a line break inside a value
        ),
        max_size=12,
    ),
    st.sampled_from([None, True, False]),
)
def test_choosing_a_format_from_the_joined_column_equals_checking_each_value(texts, dayfirst):
    """``_choose`` asks the joined column whether any value lacks a digit or settles the
    day/month order; it must choose what asking every value chooses."""
    import re

    from pipeline.normalize.times import _DECISIVE, _choose

    def one_by_one(texts):
        cleaned = [t for t in dict.fromkeys(texts) if re.search(r"\d", t)]
        if not cleaned:
            return None
        picked = cleaned if len(cleaned) <= 60 else cleaned[:: max(1, len(cleaned) // 60)]
        picked = [t for t in cleaned if _DECISIVE.match(t)][:20] + picked
        candidates = _candidates(dayfirst)
        for fmt in candidates:
            if all(_strptime(t, fmt.pattern) for t in picked):
                return fmt
        hits = {
            fmt: sum(_strptime(t, fmt.pattern) is not None for t in picked) for fmt in candidates
        }
        best = max(candidates, key=lambda fmt: hits[fmt])  # the first of the most hits
        return best if hits[best] and hits[best] >= 0.9 * len(picked) else None

    assert _choose(texts, dayfirst) == one_by_one(texts)


def test_a_value_that_settles_the_order_counts_though_the_sample_passes_it_by():
    """A long column is read on a sample of its values, but a date whose day is above
    12 is always in it: one '13/01' among 300 ambiguous dates makes the column day-first."""
    days = [(d, m) for m in range(1, 13) for d in range(1, 13)] * 2
    values = [f"{d:02d}/{m:02d}/2025 10:{k % 60:02d}" for k, (d, m) in enumerate(days)]
    values.insert(151, "13/01/2025 10:00")
    assert choose_format(values).pattern == "%d/%m/%Y %H:%M"


@pytest.mark.parametrize(
    "fmt, step",
    [
        ("%b %d, %Y %H:%M:%S", 1),  # Zoom
        ("%m/%d/%Y %I:%M:%S %p", 1),  # Webex, Teams
        ("%b %d, %Y %I:%M %p", 60),  # GoTo, Zoom's start times
    ],
)
def test_a_column_of_one_hour_reads_that_hour_once(monkeypatch, fmt, step):
    """The shortcut is taken: the join times of one hour (3,600, or 60 written to the
    minute) read one hour, no cell alone, on a 24-hour clock and a 12-hour one."""
    from pipeline.normalize import times

    hours, cells = [], []
    monkeypatch.setattr(times, "_hour_utc", _spy(times._hour_utc, hours))
    monkeypatch.setattr(times, "_utc", _spy(times._utc, cells))
    start = datetime(2022, 5, 16, 16)
    seconds = range(0, 3600, step)
    values = [_written(start + timedelta(seconds=s), fmt) for s in seconds]
    utc, _ = parse_times_utc(values, NY)
    assert utc == [start + timedelta(hours=4, seconds=s) for s in seconds]
    assert len(hours) == 1
    assert cells == []


def _spy(function, calls):
    def spied(*args):
        calls.append(args)
        return function(*args)

    return spied


def _zone_rows() -> list[dict[str, str]]:
    path = resources.files("pipeline.normalize").joinpath("data", "zone_abbreviations.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _zone_rows(), ids=lambda row: row["abbreviation"])
def test_every_listed_zone_abbreviation_reads_at_its_offset(row):
    # GoTo's spelling: 'Mar 22, 2025 10:00 AM GST' is 06:00 UTC.
    hours = float(row["hours_east_of_utc"])
    utc = datetime(2025, 3, 22, 10, 0) - timedelta(hours=hours)
    assert parse_time_utc(f"Mar 22, 2025 10:00 AM {row['abbreviation']}", NY) == utc


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            _DATES,
            _TIMESTAMPISH,
            st.text(alphabet=" \n\t13/.-٢2", max_size=12),
            _DATES.map(lambda t: "\n" + t),  # a date after a line break inside the value
            st.sampled_from(
                ["", " ", "13/01/2025", "01/13/2025", "05.03.25", "13-01-2025", "01-13-25"]
            ),
        ),
        max_size=8,
    )
)
def test_the_day_order_of_a_file_is_that_of_its_values_one_by_one(values):
    """``infer_dayfirst``'s shortcuts (one search of the joined text, each distinct value
    once) never change the answer of reading every value in turn (``day_order_of``)."""
    from pipeline.normalize.times import day_order_of

    assert infer_dayfirst(values) == day_order_of(values)


_TIMESTAMP_LISTS = st.lists(
    st.one_of(
        st.none(),
        _DATES,
        _TIMESTAMPISH,
        st.text(alphabet=" \n\t13/.-٢2", max_size=14),
        st.builds(
            lambda d, m, y, rest: f"{d}/{m}/{y}{rest}",
            st.integers(1, 12).map(lambda n: f"{n:02d}"),
            st.integers(1, 12).map(str),
            st.sampled_from(["25", "2025", "20251", "1999", "2024", "2019"]),
            st.sampled_from(["", " 10:00", "0", "\n01/02/2025"]),
        ),
    ),
    max_size=10,
)


@settings(max_examples=500, deadline=None)
@given(_TIMESTAMP_LISTS)
def test_the_spread_of_a_files_dates_is_that_of_its_values_one_by_one(values):
    """``order_by_span`` matches each distinct date once, not each timestamp; the
    dates and spreads it finds must be those of matching every value in full."""
    from pipeline.normalize.times import NUMERIC_DATE

    pairs = set()
    for v in filter(None, values):
        if m := NUMERIC_DATE.match(v):
            year = int(m.group(4))
            pairs.add((int(m.group(1)), int(m.group(3)), year + 2000 if year < 100 else year))
    spreads = {}
    for dayfirst in (True, False):
        try:
            days = [date(y, b, a) if dayfirst else date(y, a, b) for a, b, y in pairs]
        except ValueError:  # a day above 12, or a year 0
            break
        spreads[dayfirst] = (max(days) - min(days)).days if days else 0
    got = order_by_span(values)
    if got is not None:
        assert got.dates == len(pairs)
        assert (got.tight_days, got.loose_days) == (
            spreads[got.dayfirst],
            spreads[not got.dayfirst],
        )
    elif len(pairs) >= 3 and len(spreads) == 2:
        tight, loose = sorted(spreads.values())
        assert loose < 28 or loose < 4 * tight or tight == loose


@pytest.mark.parametrize(
    "values, dayfirst, tight, loose",
    [
        # An en-GB re-save: registered 1-2 March, held 5 March, reported 6 March.
        (["01/03/2025 11:27", "02/03/2025 08:00", "05/03/2025 10:00", "06/03/2025"], True, 5, 151),
        # A US report of 1-6 December reads Jan-Jun day-first.
        (["12/01/2025 5:42 PM", "12/02/2025", "12/05/2025 11:00 AM", "12/06/25"], False, 5, 151),
        # Registrations over two months with no day above 12 scatter all the same.
        (["02/10/2024", "03/02/2024", "03/05/2024", "03/05/2024 10:00"], False, 24, 242),
    ],
)
def test_the_order_that_keeps_a_files_dates_close_together_is_its_order(
    values, dayfirst, tight, loose
):
    span = order_by_span(values)
    assert span is not None
    assert (span.dayfirst, span.tight_days, span.loose_days) == (dayfirst, tight, loose)


@pytest.mark.parametrize(
    "values",
    [
        ["05/03/2025 10:00", "05/03/2025 11:30"],  # one day: either order keeps it together
        ["01/03/2025", "05/03/2025"],  # two dates are too few to judge by
        ["01/02/2025", "02/03/2025", "03/04/2025"],  # a month apart either way: no verdict
        ["13/03/2025", "01/03/2025", "02/03/2025"],  # a day above 12: the dates show it
        ["Mar 1, 2025", "Mar 2, 2025", "Mar 5, 2025"],  # no numeric date
        [None, "", "--"],
    ],
)
def test_dates_that_lie_alike_both_ways_settle_no_order(values):
    assert order_by_span(values) is None


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)),
    st.lists(st.integers(min_value=0, max_value=20), min_size=2, max_size=12),
)
def test_a_webinars_dates_are_never_read_scattered(start, offsets):
    """Dates a few weeks apart, written either way, are never settled in the wrong order.

    Only the other order, or no verdict, can come back from the dates of three
    weeks; the one coincidence the rule cannot see through (several dates on the
    same day of different months) needs months between them.
    """
    days = [start + timedelta(days=o) for o in [0, *offsets]]
    for dayfirst in (True, False):
        text = [d.strftime("%d/%m/%Y" if dayfirst else "%m/%d/%Y") for d in days]
        span = order_by_span(text)
        assert span is None or span.dayfirst is dayfirst
