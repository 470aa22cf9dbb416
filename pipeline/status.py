"""`status`: what is loaded, what was rejected, and what needs a staff decision."""

from __future__ import annotations

import duckdb
from rich.console import Console
from rich.table import Table

_MAX_ROWS = 30


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def _has(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def print_status(con: duckdb.DuckDBPyConnection, out: Console) -> None:
    files = con.execute(
        """
        select f.path, f.adapter, strftime(f.loaded_at, '%Y-%m-%d %H:%M') as loaded_at,
               f.rows_kept, f.rows_rejected,
               case when exists (select 1 from audit.active_reports a where a.file_id = f.file_id)
                    then 'active' else 'replaced by a newer export' end as state
        from audit.files f order by f.file_id
        """
    ).fetchall()
    t = _table(
        f"Files loaded ({len(files)})",
        ["file", "adapter", "loaded at (UTC)", "rows kept", "rejected", "state"],
    )
    for row in files:
        t.add_row(*(str(v) for v in row))
    out.print(t)

    bad = con.execute("select path, reason from audit.unreadable_files order by path").fetchall()
    if bad:
        t = _table(
            f"Files that could not be read at the last ingest ({len(bad)})", ["file", "reason"]
        )
        for row in bad:
            t.add_row(*row)
        out.print(t)

    rejected = con.execute(
        """
        select f.path, r.line_number, r.reason from audit.rejected_rows r
        join audit.files f using (file_id)
        where exists (select 1 from audit.active_reports a where a.file_id = f.file_id)
        order by f.path, r.line_number
        """
    ).fetchall()
    if rejected:
        t = _table(f"Rejected rows in active files ({len(rejected)})", ["file", "line", "reason"])
        for path, line, reason in rejected[:_MAX_ROWS]:
            t.add_row(path, str(line), reason)
        if len(rejected) > _MAX_ROWS:
            t.add_row("…", "", f"{len(rejected) - _MAX_ROWS} more in audit.rejected_rows")
        out.print(t)

    if not _has(con, "core", "webinars"):
        out.print("No figures yet: run `python -m pipeline transform`.")
        return
    webinars = con.execute(
        """
        select strftime(timezone(p.timezone, w.start_at at time zone 'UTC'), '%Y-%m-%d %H:%M'),
               w.title, w.platform, w.language,
               case when not w.has_attendance and w.in_catalogue then 'catalogue only: no export'
                    when not w.in_catalogue then 'not in the catalogue'
                    when not w.in_period then 'after the as-of date'
                    else '' end
        from core.webinars w cross join staging.params p
        order by w.start_at nulls last
        """
    ).fetchall()
    t = _table(
        f"Webinars ({len(webinars)})",
        ["start (series time)", "title", "platform", "language", "note"],
    )
    for row in webinars:
        t.add_row(*(str(v) if v is not None else "" for v in row))
    out.print(t)

    for kind, name in (("country", "unresolved_countries"), ("sector", "unresolved_sectors")):
        if not _has(con, "audit", name):
            continue
        rows = con.execute(
            f"select answer, people, people_still_unknown from audit.{name}"
        ).fetchall()
        if not rows:
            continue
        t = _table(
            f"{kind.capitalize()} answers the resolver could not place ({len(rows)}): decide "
            f"them in data/raw/overrides.csv (kind,answer,value)",
            ["answer", "people", "still unknown"],
        )
        for answer, people, unknown in rows[:_MAX_ROWS]:
            t.add_row(answer, str(people), str(unknown))
        out.print(t)

    shares = con.execute(
        """
        select s.series, s.participants,
               (select sum(participants) from marts.participants_by_country c
                 where c.series = s.series and c.country_iso3 is null),
               (select sum(participants) from marts.participants_by_sector t
                 where t.series = s.series and t.sector = 'unknown')
        from marts.series_summary s
        """
    ).fetchall()
    for series, participants, no_country, no_sector in shares:
        if participants:
            out.print(
                f"{series}: unknown country for {no_country or 0} of {participants} "
                f"participants ({100 * (no_country or 0) / participants:.1f}%), unknown "
                f"sector for {no_sector or 0} ({100 * (no_sector or 0) / participants:.1f}%)"
            )
