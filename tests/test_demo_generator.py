"""The demo series generator: deterministic, realistic, and its manifest tells the truth.

The figures in the manifest are re-counted here from the written CSV files
with a small reader written for this test (not the pipeline's readers), so a
disagreement points at the generator, not at the code under test elsewhere.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from pipeline.demo import MANIFEST_NAME, DemoManifest, generate_series
from pipeline.demo.model import load_countries

BOM = b"\xef\xbb\xbf"
SMALL = {"seed": 7, "webinars": 12, "participants": 600}


# --- a small independent reader of Zoom webinar reports ------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    return list(csv.reader(io.StringIO(raw[len(BOM) :].decode("utf-8"), newline="")))


def _zoom_date(text: str) -> date:
    """'Mar 5, 2024 10:00 AM' -> date(2024, 3, 5)."""
    return datetime.strptime(" ".join(text.split()[:3]), "%b %d, %Y").date()


def _read_report(path: Path) -> dict:
    """Title, metadata and sections (name -> list of dicts) of one report."""
    rows = _rows(path)
    report = {"title": rows[0][0], "meta": dict(zip(rows[2], rows[3], strict=False))}
    sections: dict[str, list[dict[str, str]]] = {}
    current, header = None, None
    for row in rows[4:]:
        first = row[0].strip() if row else ""
        if first in ("Host Details", "Panelist Details", "Attendee Details", "Other Attended"):
            current, header = first, None
            sections[current] = []
        elif current is None and first == "First Name":  # registration report table
            current, header = "Registrants", row
            sections[current] = []
        elif current and header is None:
            header = row
        elif current and any(cell.strip() for cell in row):
            sections[current].append(dict(zip(header, row, strict=False)))
    report["sections"] = sections
    return report


def _person_key(row: dict[str, str], where: str) -> tuple[str, ...] | None:
    """DEFINITIONS.md identity: e-mail trimmed and lower-cased, else name within the webinar."""
    email = row.get("Email", "").strip().lower()
    if email:
        return ("email", email)
    name = row.get("User Name (Original Name)", "").strip()
    if name:
        return ("name", where, " ".join(sorted(_fold(name).split())))
    return None


def _read_all(out_dir: Path) -> dict[str, dict]:
    """Every export of a demo folder, parsed: relative path -> report."""
    return {
        path.relative_to(out_dir).as_posix(): _read_report(path)
        for path in sorted((out_dir / "exports").rglob("*.csv"))
    }


def _recount(reports: dict[str, dict], manifest: DemoManifest) -> dict:
    """Figures counted from the files alone."""
    duplicates = {d["file"] for d in manifest.duplicate_files}
    attendees: dict[str, set] = defaultdict(set)
    walk_ins: dict[str, set] = defaultdict(set)
    registrants: dict[str, set] = defaultdict(set)
    panelists: set[str] = set()
    attendance_rows = registration_rows = 0
    country_texts: dict[tuple, set[str]] = defaultdict(set)
    for relative, report in reports.items():
        meta = report["meta"]
        if report["title"] == "Attendee Report":
            if relative in duplicates:
                continue
            key = f"{meta['Webinar ID']}|{_zoom_date(meta['Actual Start Time'])}"
            for section, rows in report["sections"].items():
                attendance_rows += len(rows)
                if section == "Panelist Details":
                    panelists.update(r["Email"].strip().lower() for r in rows)
                if section not in ("Attendee Details", "Other Attended"):
                    continue
                for row in rows:
                    person = _person_key(row, key)
                    if row["Attended"] != "Yes" or person is None:
                        continue
                    if row["Join Time"].startswith("#"):
                        continue  # unreadable, and always a re-join of a readable row
                    attendees[key].add(person)
                    if section == "Other Attended" or not row.get("Approval Status"):
                        walk_ins[key].add(person)
                    answer = next((v for k, v in row.items() if k in ("Country", "País")), "")
                    country_texts[person].update({answer, row["Country/Region Name"]})
        else:
            assert report["title"] == "Registration Report"
            key = f"{meta['Webinar ID']}|{_zoom_date(meta['Scheduled Start Time'])}"
            rows = report["sections"]["Registrants"]
            registration_rows += len(rows)
            for row in rows:
                email = row["Email"].strip().lower()
                if email and row["Approval Status"] == "approved":
                    registrants[key].add(email)
                    answer = row.get("Country", row.get("País", ""))
                    country_texts[("email", email)].add(answer)
    return {
        "attendees": attendees,
        "walk_ins": walk_ins,
        "registrants": registrants,
        "panelists": panelists,
        "attendance_rows": attendance_rows,
        "registration_rows": registration_rows,
        "country_texts": country_texts,
    }


def _country_lookup() -> dict[str, str]:
    """Folded spelling -> ISO3, from the generator's own country table."""
    lookup = {}
    for country in load_countries():
        for form in (*country.forms, country.zoom_name):
            lookup[_fold(form)] = country.iso3
    return lookup


# --- fixtures ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    out = tmp_path_factory.mktemp("small")
    return out, generate_series(out, **SMALL)


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    out = tmp_path_factory.mktemp("default")
    return out, generate_series(out)


@pytest.fixture(scope="module")
def small_reports(small) -> dict[str, dict]:
    return _read_all(small[0])


@pytest.fixture(scope="module")
def default_reports(default) -> dict[str, dict]:
    return _read_all(default[0])


def _hashes(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


# --- determinism ---------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(small, tmp_path: Path) -> None:
    out, _ = small
    again = tmp_path / "again"
    generate_series(again, **SMALL)
    assert _hashes(again) == _hashes(out)


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; the bytes must not."""
    tiny = {"seed": 5, "webinars": 5, "participants": 80}
    generate_series(tmp_path / "here", **tiny)
    code = (
        "import sys; from pathlib import Path; from pipeline.demo import generate_series; "
        f"generate_series(Path(sys.argv[1]), **{tiny!r})"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-c", code, str(tmp_path / "there")]
    subprocess.run(command, check=True, env=env, cwd=root)
    assert _hashes(tmp_path / "there") == _hashes(tmp_path / "here")


def test_worker_processes_do_not_change_the_bytes(small, tmp_path: Path) -> None:
    out, _ = small
    parallel = tmp_path / "parallel"
    generate_series(parallel, workers=2, **SMALL)
    assert _hashes(parallel) == _hashes(out)


def test_another_seed_gives_another_series(small, tmp_path: Path) -> None:
    out, _ = small
    other = tmp_path / "other"
    generate_series(other, **{**SMALL, "seed": 8})
    assert _hashes(other) != _hashes(out)


def test_regenerating_into_the_same_folder_replaces_the_old_demo(tmp_path: Path) -> None:
    generate_series(tmp_path, seed=1, webinars=5, participants=80)
    generate_series(tmp_path, seed=2, webinars=5, participants=80)
    manifest = DemoManifest.read(tmp_path / MANIFEST_NAME)
    written = {f["path"] for f in manifest.files}
    on_disk = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "exports").rglob("*.csv")}
    assert on_disk == written
    assert manifest.seed == 2


def test_a_folder_with_foreign_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        generate_series(tmp_path, webinars=5, participants=80)
    assert (tmp_path / "notes.txt").read_text() == "keep me"


# --- the advertised shape ----------------------------------------------------------------


def test_default_series_has_the_advertised_shape(default) -> None:
    _, m = default
    assert 60 <= m.webinars <= 66
    assert abs(m.participants - 4700) <= 0.05 * 4700
    assert m.countries >= 100
    assert abs(m.speakers - 140) <= 10
    assert set(m.languages) == {"en", "es"}
    assert 0.25 <= m.languages["es"] / m.webinars <= 0.42
    assert len(m.catalogue_only_webinars) == 1
    assert len(m.uncatalogued_webinars) == 1
    assert m.first_webinar_date.startswith("2021-03")
    assert m.last_webinar_date < "2025-03-01"
    assert m.series_timezone == "America/New_York"
    registrants = [w["registrants"] for w in m.per_webinar.values()]
    assert min(registrants) >= 120
    assert max(registrants) <= 500
    assert sum(registrants[-10:]) > 1.5 * sum(registrants[:10])  # growth
    rates = [w["attendance_rate"] for w in m.per_webinar.values()]
    assert all(0.44 <= r <= 0.66 for r in rates)
    assert 0.20 <= m.returning_participants / m.participants <= 0.35
    assert set(m.participants_by_sector) >= {
        "government", "civil_society", "private_sector", "international_organization",
        "academia", "media", "other", "unknown",
    }  # fmt: skip
    assert sum(m.participants_by_sector.values()) == m.participants
    assert sum(m.participants_by_country.values()) == m.participants
    assert m.rejected_rows


def test_scale_multiplies_webinars_and_participants(tmp_path: Path) -> None:
    m = generate_series(tmp_path, seed=3, scale=0.2)
    assert m.webinars == round(63 * 0.2) - 1  # one catalogue entry has no exports yet
    assert m.participants == round(4700 * 0.2)


# --- the bytes of the exports ---------------------------------------------------------------


def test_every_export_is_utf8_with_bom_and_crlf(small) -> None:
    out, _ = small
    files = sorted((out / "exports").rglob("*.csv"))
    assert files
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(BOM), path
        assert raw.endswith(b"\r\n")
        assert raw.count(b"\n") == raw.count(b"\r\n"), path


def test_values_are_quoted_only_where_needed(small) -> None:
    out, _ = small
    for path in sorted((out / "exports").rglob("*.csv"))[:6]:
        text = path.read_bytes()[len(BOM) :].decode("utf-8")
        for line in text.split("\r\n")[:-1]:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerows(csv.reader([line]))
            assert buffer.getvalue() == line, (path, line)
        assert re.search(r',"[A-Z][a-z]{2} \d{1,2}, \d{4} \d', text)  # dates are quoted


def test_attendee_reports_carry_the_zoom_sections(small) -> None:
    out, _ = small
    for path in sorted((out / "exports").rglob("*.csv")):
        rows = _rows(path)
        if rows[0][0] != "Attendee Report":
            continue
        firsts = [row[0] if row else "" for row in rows]
        assert rows[1][0] == "Report Generated:"
        assert rows[2][:4] == [
            "Topic",
            "Webinar ID",
            "Actual Start Time",
            "Actual Duration (minutes)",
        ]
        for marker in ("Host Details", "Panelist Details", "Attendee Details"):
            assert marker in firsts, (path, marker)
        header = rows[firsts.index("Attendee Details") + 1]
        assert header.index("Is Guest") < header.index("Country/Region Name")
        assert header[header.index("Is Guest") + 1] in ("Country", "País")
        webinar_id = rows[3][1]
        assert len(webinar_id.replace(" ", "")) == 11
        assert [len(part) for part in webinar_id.split(" ")] == [3, 4, 4]


def test_both_zoom_layouts_are_used_by_date(default) -> None:
    out, _ = default
    layouts: dict[str, set[str]] = defaultdict(set)
    for path in sorted((out / "exports").rglob("*.csv")):
        first_line = path.read_bytes()[len(BOM) :].split(b"\r\n", 1)[0].decode()
        if first_line.startswith("Attendee Report"):
            meta = _rows(path)[3]
            year = _zoom_date(meta[2]).year
            layouts["2021" if first_line == "Attendee Report," else "2025"].add(str(year))
    assert layouts["2021"] and max(layouts["2021"]) <= "2023"
    assert layouts["2025"] and min(layouts["2025"]) >= "2024"
    old = next(
        p
        for p in (out / "exports").rglob("*.csv")
        if p.read_bytes().startswith(BOM + b"Attendee Report,\r\n")
    )
    text = old.read_bytes().decode("utf-8-sig")
    assert "\r\nHost Details,\r\n" in text
    assert '\r\nReport Generated:,"' in text


def test_2025_layout_pads_every_row_to_the_table_width(small) -> None:
    out, _ = small
    padded = 0
    for path in sorted((out / "exports").rglob("*.csv")):
        rows = _rows(path)
        if rows[0][0] in ("Attendee Report", "Registration Report") and len(rows[0]) > 2:
            assert len({len(row) for row in rows}) == 1, path
            padded += 1
    assert padded


def test_no_show_rows_use_double_dashes(small_reports) -> None:
    seen = 0
    for report in small_reports.values():
        for row in report["sections"].get("Attendee Details", []):
            if row["Attended"] == "No":
                assert [row["Join Time"], row["Leave Time"], row["Is Guest"]] == ["--"] * 3
                assert row["Time in Session (minutes)"] == "--"
                seen += 1
    assert seen


# --- the manifest agrees with the files ------------------------------------------------------


def test_manifest_figures_match_a_recount_of_the_files(small, small_reports) -> None:
    _, m = small
    counted = _recount(small_reports, m)
    participants = set().union(*counted["attendees"].values())
    assert len(participants) == m.participants
    assert counted["attendance_rows"] == m.attendance_rows
    assert counted["registration_rows"] == m.registration_rows
    assert set(counted["attendees"]) == set(m.per_webinar)
    for key, expected in m.per_webinar.items():
        assert len(counted["attendees"][key]) == expected["attendees"], key
        assert len(counted["walk_ins"][key]) == expected["walk_ins"], key
        assert len(counted["registrants"][key]) == expected["registrants"], key
    all_registrants = set().union(*counted["registrants"].values())
    attended_emails = {p[1] for p in participants if p[0] == "email"}
    assert len(all_registrants - attended_emails) == m.registered_only


def test_new_attendees_follow_start_order(small, small_reports) -> None:
    _, m = small
    counted = _recount(small_reports, m)
    seen: set = set()
    order = sorted(m.per_webinar, key=lambda k: m.per_webinar[k]["actual_start"])
    for key in order:
        new = counted["attendees"][key] - seen
        assert len(new) == m.per_webinar[key]["new_attendees"], key
        seen |= counted["attendees"][key]


def test_countries_are_the_resolvable_countries_of_participants(default, default_reports) -> None:
    _, m = default
    counted = _recount(default_reports, m)
    lookup = _country_lookup()
    participants = set().union(*counted["attendees"].values())
    known = {}
    for person in participants:
        codes = {lookup[_fold(t)] for t in counted["country_texts"][person] if _fold(t) in lookup}
        assert len(codes) <= 1, (person, codes)  # one person, one country
        if codes:
            known[person] = codes.pop()
    assert len(set(known.values())) == m.countries
    assert len(participants) - len(known) == m.participants_by_country.get("unknown", 0)


def test_speakers_are_panelists_plus_catalogue_speakers(small, small_reports) -> None:
    out, m = small
    counted = _recount(small_reports, m)
    catalogue = yaml.safe_load((out / "catalogue.yaml").read_text(encoding="utf-8"))
    named = {s["email"] for w in catalogue["webinars"] for s in w["speakers"]}
    assert len(counted["panelists"] | named) == m.speakers


def test_rejected_rows_point_at_unreadable_lines(default) -> None:
    out, m = default
    reasons = {r["reason"] for r in m.rejected_rows}
    assert any("##########" in r for r in reasons)
    assert any("neither name nor e-mail" in r for r in reasons)
    for rejected in m.rejected_rows:
        lines = (out / rejected["file"]).read_bytes().decode("utf-8-sig").split("\r\n")
        row = next(csv.reader([lines[rejected["line"] - 1]]))
        if "##########" in rejected["reason"]:
            assert "##########" in row
        else:
            assert row[0] in ("Yes", "") and not any("@" in c for c in row)


def test_manifest_json_round_trips(small) -> None:
    out, m = small
    assert DemoManifest.read(out / MANIFEST_NAME) == m
    assert json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["seed"] == SMALL["seed"]
    assert asdict(m)["notes"]["participants"]


# --- the catalogue -----------------------------------------------------------------------------


def test_catalogue_follows_the_schema(small) -> None:
    out, m = small
    catalogue = yaml.safe_load((out / "catalogue.yaml").read_text(encoding="utf-8"))
    assert catalogue["series"] == {
        "name": "Open Government Peer Learning Series",
        "timezone": "America/New_York",
    }
    entries = catalogue["webinars"]
    keys = {f"{w['platform_id']}|{w['date'].isoformat()}" for w in entries}
    only = {w["key"] for w in m.catalogue_only_webinars}
    missing = {w["key"] for w in m.uncatalogued_webinars}
    assert only <= keys and not (missing & keys)
    assert keys == (set(m.per_webinar) - missing) | only
    for entry in entries:
        assert isinstance(entry["date"], date)
        assert entry["language"] in ("en", "es")
        assert entry["platform"] == "zoom"
        assert "start_time" not in entry or len(entry["start_time"]) == 5
        assert 3 <= len(entry["speakers"]) <= 4
        for speaker in entry["speakers"]:
            assert set(speaker) == {"name", "email", "organization", "sector", "country"}
            assert speaker["email"] == speaker["email"].strip().lower()
        assert entry["organisers"][:2] == ["World Bank", "Open Government Partnership"]


# --- the mess is there ------------------------------------------------------------------------


def test_the_exports_carry_the_advertised_mess(default, default_reports) -> None:
    out, m = default
    emails, countries, sectors, statuses = set(), set(), set(), set()
    has_other_attended = False
    for report in default_reports.values():
        has_other_attended |= "Other Attended" in report["sections"]
        for row in report["sections"].get("Registrants", []):
            emails.add(row["Email"])
            countries.add(row.get("Country", row.get("País")))
            sectors.add(row.get("Sector / type of organization", row.get("Tipo de organización")))
            statuses.add(row["Approval Status"])
    assert any(e != e.strip() for e in emails)  # stray spaces
    assert any(e.strip() != e.strip().lower() for e in emails)  # capitals
    assert {"México", "Mexico"} <= countries
    assert countries & {"EEUU", "USA", "Estados Unidos", "United States"}
    assert countries & {"N/A", "-", "Latin America"}
    assert {"Sociedad civil", "Civil society", ""} <= sectors
    assert statuses == {"approved", "denied", "cancelled", "pending"}
    assert has_other_attended
    assert len(m.duplicate_files) == 1
    dup = m.duplicate_files[0]
    assert (out / dup["file"]).read_bytes() == (out / dup["duplicate_of"]).read_bytes()
