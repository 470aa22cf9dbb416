"""What the report shows, read from the marts (the report computes no figure).

Each function reads one or two marts and returns plain rows for the charts
and tables. Dates are shown in the series' time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

SECTOR_LABELS = {
    "government": "Government",
    "civil_society": "Civil society",
    "private_sector": "Private sector",
    "international_organization": "International organisations",
    "academia": "Academia",
    "media": "Media",
    "other": "Other",
    "unknown": "Unknown",
}
SECTOR_ORDER = list(SECTOR_LABELS)
# Cells (country × sector) with fewer people are shown as '<N': small enough to
# point at a person. Here, not in build.py, so the CLI can name it without Plotly.
DEFAULT_SMALL_CELL = 3
LANGUAGE_LABELS = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "pt": "Portuguese",
    "ar": "Arabic",
    "ru": "Russian",
    "zh": "Chinese",
}


def local(column: str) -> str:
    """SQL for a UTC timestamp column as a series-local date."""
    return (
        f"cast(timezone((select timezone from staging.params), {column} at time zone 'UTC')"
        " as date)"
    )


@dataclass(slots=True)
class Headline:
    webinars: int
    participants: int
    countries: int
    speakers: int
    sectors: int
    previous: dict[str, int]
    as_of_month: date | None
    attendances: int = 0
    returning_share: float | None = None
    mean_attendance_rate: float | None = None
    repeat_share: float = 0.0


@dataclass(slots=True)
class SeriesData:
    name: str
    headline: Headline
    registered_only: int
    first_webinar: date | None
    last_webinar: date | None
    growth: list[tuple] = field(default_factory=list)
    reach: list[dict] = field(default_factory=list)
    countries: list[tuple] = field(default_factory=list)
    regions: list[tuple] = field(default_factory=list)
    sectors: list[tuple] = field(default_factory=list)
    sectors_by_year: list[tuple] = field(default_factory=list)
    country_sector: list[tuple] = field(default_factory=list)
    frequency: list[tuple] = field(default_factory=list)
    cohorts: list[tuple] = field(default_factory=list)
    languages: list[tuple] = field(default_factory=list)
    topics: list[tuple] = field(default_factory=list)
    speakers: list[tuple] = field(default_factory=list)
    speakers_by_sector: list[tuple] = field(default_factory=list)
    monthly: list[tuple] = field(default_factory=list)


@dataclass(slots=True)
class Quality:
    files_by_adapter: list[tuple]
    files_replaced: int
    rejections: list[tuple]
    webinars: list[tuple]
    catalogue_only: list[tuple]
    not_in_catalogue: list[tuple]
    registration_only: list[tuple]
    unresolved_countries: tuple[int, int]  # (distinct answers, people)
    unresolved_sectors: tuple[int, int]
    unknown_country: list[tuple]  # (series, unknown, participants)
    unknown_sector: list[tuple]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def as_of_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The data's as-of date: --as-of when given, else the last counted webinar's day."""
    row = con.execute(
        f"select coalesce(p.as_of_date, (select max({local('start_at')}) "
        "from marts.webinar_reach)) from staging.params p"
    ).fetchone()
    return row[0] if row else None


def series(con: duckdb.DuckDBPyConnection) -> list[SeriesData]:
    out = []
    for name, webinars, participants, registered_only, countries, speakers, first, last in _rows(
        con,
        f"""select series, webinars, participants, registered_only, countries, speakers,
                            {local("first_webinar_at")}, {local("last_webinar_at")}
                     from marts.series_summary order by series""",
    ):
        head = _rows(
            con,
            """select sectors, as_of_month, webinars_prev_month,
                                    participants_prev_month, countries_prev_month,
                                    speakers_prev_month, sectors_prev_month, attendances,
                                    returning_share, mean_attendance_rate, repeat_share
                             from marts.headline where series = ?""",
            [name],
        )
        row = head[0] if head else (0, None, 0, 0, 0, 0, 0, 0, None, None, 0.0)
        sectors, month, *prev = row[:7]
        attendances, returning_share, mean_rate, repeat_share = row[7:]
        previous = dict(
            zip(["webinars", "participants", "countries", "speakers", "sectors"], prev, strict=True)
        )
        s = SeriesData(
            name,
            Headline(
                webinars,
                participants,
                countries,
                speakers,
                sectors,
                previous,
                month,
                attendances or 0,
                returning_share,
                mean_rate,
                repeat_share or 0.0,
            ),
            registered_only,
            first,
            last,
        )
        p = [name]
        s.growth = _rows(
            con,
            f"""select {local("start_at")}, cumulative_participants,
                                         cumulative_countries, cumulative_webinars, attendees
                                  from marts.series_growth where series = ?
                                  order by cumulative_webinars""",
            p,
        )
        s.reach = _dicts(
            con,
            f"""select {local("start_at")} as day, title, language, platform,
                                         registrants, attendees, registered_attendees, walk_ins,
                                         attendance_rate, avg_minutes, countries,
                                         new_attendees, returning_attendees
                                  from marts.webinar_reach where series = ?
                                  order by start_at, webinar_id""",
            p,
        )
        s.countries = _rows(
            con,
            """select country_iso3, country_name, participants
                                    from marts.participants_by_country where series = ?
                                    order by participants desc, country_name""",
            p,
        )
        s.regions = _rows(
            con,
            """select coalesce(region, 'Unknown'), sum(participants)
                                  from marts.participants_by_region where series = ?
                                  group by all order by 2 desc, 1""",
            p,
        )
        s.sectors = _rows(
            con,
            """select sector, participants from marts.participants_by_sector
                                  where series = ?""",
            p,
        )
        s.sectors_by_year = _rows(
            con,
            """select year, sector, participants
                                          from marts.sectors_by_year where series = ?
                                          order by year, sector""",
            p,
        )
        s.country_sector = _rows(
            con,
            """select country_iso3, country_name, sector, participants
                                         from marts.participants_by_country_sector
                                         where series = ?""",
            p,
        )
        s.frequency = _rows(
            con,
            """select webinars_attended, participants, share
                                    from marts.attendance_frequency where series = ?
                                    order by webinars_attended""",
            p,
        )
        s.cohorts = _rows(
            con,
            """select cohort_month, cohort_size, return_rate_3m,
                                         return_rate_6m, return_rate_12m
                                  from marts.cohort_retention where series = ?
                                  order by cohort_month""",
            p,
        )
        s.languages = _rows(
            con,
            """select language, webinars, attendances, avg_attendees,
                                           participants
                                    from marts.by_language where series = ?""",
            p,
        )
        s.topics = _rows(
            con,
            """select topic, webinars, attendances, avg_attendees, participants
                                 from marts.by_topic where series = ?""",
            p,
        )
        s.speakers = _rows(
            con,
            """select organization, sector, country_name, appearances,
                                          total_attendees, distinct_audience
                                   from marts.speakers where series = ?
                                   order by appearances desc, total_attendees desc,
                                            organization nulls last""",
            p,
        )
        s.speakers_by_sector = _rows(
            con,
            """select sector, speakers, appearances
                                             from marts.speakers_by_sector where series = ?""",
            p,
        )
        s.monthly = _rows(
            con,
            """select month, webinars, attendees, new_participants, countries
                                  from marts.monthly where series = ? order by month""",
            p,
        )
        out.append(s)
    return out


def quality(con: duckdb.DuckDBPyConnection) -> Quality:
    def count_answers(table: str) -> tuple[int, int]:
        row = con.execute(
            f"select count(*), coalesce(sum(people), 0) from audit.{table}"
        ).fetchone()
        return (row[0], row[1]) if row else (0, 0)

    return Quality(
        files_by_adapter=_rows(
            con,
            """select adapter, count(*), sum(rows_read), sum(rows_kept),
                                              sum(rows_rejected)
                                       from marts.data_quality_files where is_active
                                       group by adapter order by adapter""",
        ),
        files_replaced=_rows(
            con, "select count(*) from marts.data_quality_files where not is_active"
        )[0][0],
        rejections=_rows(
            con, "select adapter, reason, rows_rejected from marts.rejections_by_reason"
        ),
        webinars=_rows(
            con,
            f"""select {local("start_at")}, title, rows_read, rows_rejected,
                                       unknown_country_share, unknown_sector_share,
                                       session_rows_without_email
                                from marts.data_quality_webinars where has_attendance
                                order by start_at""",
        ),
        catalogue_only=_rows(
            con,
            f"""select {local("start_at")}, title
                                      from marts.data_quality_webinars
                                      where in_catalogue and not has_attendance
                                        and registrations_without_attendance_report = 0
                                      order by start_at""",
        ),
        not_in_catalogue=_rows(
            con,
            f"""select {local("start_at")}, title, platform
                                        from marts.data_quality_webinars
                                        where not in_catalogue order by start_at""",
        ),
        registration_only=_rows(
            con,
            f"""select {local("start_at")}, title,
                                                registrations_without_attendance_report
                                         from marts.data_quality_webinars
                                         where registrations_without_attendance_report > 0
                                         order by start_at""",
        ),
        unresolved_countries=count_answers("unresolved_countries"),
        unresolved_sectors=count_answers("unresolved_sectors"),
        unknown_country=_rows(
            con,
            """select series, coalesce(sum(participants) filter
                                              (where country_iso3 is null), 0),
                                             sum(participants)
                                      from marts.participants_by_country group by series""",
        ),
        unknown_sector=_rows(
            con,
            """select series, coalesce(sum(participants) filter
                                             (where sector = 'unknown'), 0), sum(participants)
                                     from marts.participants_by_sector group by series""",
        ),
    )
