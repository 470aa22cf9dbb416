"""The demo series generator: deterministic, realistic, and its manifest tells the truth.

The figures in the manifest are re-counted here from the written files with a
small reader written for these tests (``tests/demo_reader.py``, not the
pipeline's readers), so a disagreement points at the generator, not at the
code under test elsewhere.
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
from collections import defaultdict
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from pipeline.demo import MANIFEST_NAME, DemoManifest, generate_series
from pipeline.demo.model import load_countries
from tests.demo_reader import Report, fold, read_all, rows_of

BOM = b"\xef\xbb\xbf"
SMALL = {"seed": 7, "webinars": 12, "participants": 600}
PLATFORMS = {"zoom", "goto", "teams", "webex"}


def _rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    return list(csv.reader(io.StringIO(raw[len(BOM) :].decode("utf-8"), newline="")))


def _zoom_date(text: str) -> date:
    """'Mar 5, 2024 10:00 AM' -> date(2024, 3, 5)."""
    return datetime.strptime(" ".join(text.split()[:3]), "%b %d, %Y").date()


def _files(manifest: DemoManifest, **where: str) -> list[dict]:
    """The manifest's file entries whose fields equal ``where`` (duplicates excluded)."""
    return [
        f
        for f in manifest.files
        if f["kind"] != "duplicate" and all(f.get(k) == v for k, v in where.items())
    ]


def _person_key(email: str, name: str, where: str) -> tuple[str, ...] | None:
    """DEFINITIONS.md identity: e-mail trimmed and lower-cased, else name within the webinar."""
    if email.strip():
        return ("email", email.strip().lower())
    if name.strip():
        return ("name", where, " ".join(sorted(fold(name).split())))
    return None


def _teams_keys(manifest: DemoManifest) -> dict[tuple[str, str], str]:
    return {(w["title"], w["date"]): key for key, w in manifest.per_webinar.items()}


def _read_all(out_dir: Path, manifest: DemoManifest) -> dict[str, Report]:
    return read_all(out_dir, _teams_keys(manifest))


def _recount(reports: dict[str, Report], manifest: DemoManifest) -> dict:
    """Figures counted from the files alone."""
    duplicates = {d["file"] for d in manifest.duplicate_files}
    attendees: dict[str, set] = defaultdict(set)
    registrants: dict[str, set] = defaultdict(set)
    panelists: set[str] = set()
    attendance_rows = registration_rows = 0
    country_texts: dict[tuple, set[str]] = defaultdict(set)
    for relative, report in reports.items():
        if relative in duplicates:
            continue
        key = report.key
        if report.kind == "attendance":
            attendance_rows += report.data_rows
        else:
            registration_rows += report.data_rows
        for person in report.people:
            if person.role == "panelist":
                panelists.add(person.email.strip().lower())
            who = _person_key(person.email, person.name, key)
            if person.role != "attendee" or not person.attended or who is None:
                continue
            if not person.readable:
                continue  # unreadable, and always a re-join of a readable row
            attendees[key].add(who)
            country_texts[who].update(person.countries)
        for email, status, country in report.registrations:
            email = email.strip().lower()
            if email and fold(status) in ("approved", "registered", "aprobado", "registrado"):
                registrants[key].add(email)
                country_texts[("email", email)].add(country)
    walk_ins = {
        key: {p for p in people if p[0] != "email" or p[1] not in registrants[key]}
        for key, people in attendees.items()
    }
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
        for form in (*country.forms, country.zoom_name, country.iso3):
            lookup[fold(form)] = country.iso3
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
def small_reports(small) -> dict[str, Report]:
    return _read_all(*small)


@pytest.fixture(scope="module")
def default_reports(default) -> dict[str, Report]:
    return _read_all(*default)


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
    exports = (tmp_path / "exports").rglob("*")
    on_disk = {p.relative_to(tmp_path).as_posix() for p in exports if p.is_file()}
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
    listing = [w for w in m.per_webinar.values() if w["platform"] != "teams"]
    registrants = [w["registrants"] for w in listing]
    assert min(registrants) >= 120
    assert max(registrants) <= 500
    assert sum(registrants[-10:]) > 1.5 * sum(registrants[:10])  # growth
    assert all(0.44 <= w["attendance_rate"] <= 0.66 for w in listing)
    # A Teams report lists no one who registered and stayed away (platforms.py).
    teams = [w for w in m.per_webinar.values() if w["platform"] == "teams"]
    assert teams and all(w["attendance_rate"] == 1 for w in teams)
    assert 0.20 <= m.returning_participants / m.participants <= 0.35
    assert set(m.participants_by_sector) >= {
        "government", "civil_society", "private_sector", "international_organization",
        "academia", "media", "other", "unknown",
    }  # fmt: skip
    assert sum(m.participants_by_sector.values()) == m.participants
    assert sum(m.participants_by_country.values()) == m.participants
    assert m.rejected_rows


def test_the_series_moves_across_four_platforms_in_eras(default) -> None:
    _, m = default
    assert set(m.platforms) == PLATFORMS
    assert m.platforms["zoom"] > m.webinars / 2  # Zoom carries most of the series
    by_date = sorted(m.per_webinar.values(), key=lambda w: w["date"])
    assert by_date[0]["platform"] == "goto"  # the series began on GoTo Webinar
    goto = [w["date"] for w in by_date if w["platform"] == "goto"]
    assert max(goto) < min(w["date"] for w in by_date if w["platform"] != "goto")
    webex = [w["date"] for w in by_date if w["platform"] == "webex"]
    assert "2024-06" < min(webex) <= max(webex) < "2024-12"  # one stretch on Webex
    teams = [w for w in by_date if w["platform"] == "teams"]
    assert 1 <= len(teams) < m.webinars / 8  # now and then a partner hosts on Teams
    # The 2022 English episodes stay recurring Zoom webinars: five share one ID.
    recurring = [w for w in by_date if w["date"].startswith("2022") and w["language"] == "en"]
    assert {w["platform"] for w in recurring} == {"zoom"}
    assert len({w["platform_id"] for w in recurring}) == -(-len(recurring) // 5)


def test_every_platform_has_downloads_in_both_languages(default) -> None:
    out, m = default
    for platform in PLATFORMS:
        languages = {f["language"] for f in _files(m, platform=platform)}
        assert languages == {"en", "es"}, platform
    firsts = {}
    for f in _files(m):
        rows = rows_of(out / f["path"])
        firsts.setdefault((f["platform"], f["language"]), set()).add(rows[0][0])
    assert firsts[("zoom", "es")] >= {"Informe de asistentes", "Informe de registro"}
    assert firsts[("zoom", "en")] >= {"Attendee Report", "Registration Report"}
    assert firsts[("teams", "es")] == {"1. Resumen"}
    assert firsts[("teams", "en")] == {"1. Summary"}
    assert "Informe de asistentes" in firsts[("goto", "es")]
    assert "Nombre de la reunión" in firsts[("webex", "es")]


def test_scale_multiplies_webinars_and_participants(tmp_path: Path) -> None:
    m = generate_series(tmp_path, seed=3, scale=0.2)
    assert m.webinars == round(63 * 0.2) - 1  # one catalogue entry has no exports yet
    assert m.participants == round(4700 * 0.2)


# --- the bytes of the exports ---------------------------------------------------------------


def test_every_export_has_its_platforms_encoding_and_line_ends(default) -> None:
    out, m = default
    seen = set()
    for f in _files(m):
        raw = (out / f["path"]).read_bytes()
        kind = f["kind"]
        if raw.startswith(b"PK\x03\x04"):
            assert f["platform"] == "goto" and f["path"].endswith(".xlsx"), f
            seen.add("xlsx")
            continue
        if f["platform"] == "teams" or kind == "webex_registration_admin_export":
            # Teams and Webex's Site Administration: UTF-16 LE with a BOM, TABs (§4.1, §3).
            assert raw.startswith(b"\xff\xfe"), f
            text = raw[2:].decode("utf-16-le")
            assert "\t" in text.split("\r\n", 1)[0] or f["platform"] == "teams"
            # A Spanish Teams title row has no padding; its second row is 'label<TAB>value'.
            assert "\t" in text.split("\r\n", 2)[1], f
            seen.add("utf-16")
        elif f["platform"] == "zoom":
            assert raw.startswith(BOM), f
            text = raw[3:].decode("utf-8")
        else:  # GoTo and Webex host downloads: UTF-8 without a BOM
            assert not raw.startswith(BOM), f
            text = raw.decode("utf-8")
        assert text.endswith("\r\n"), f
        assert text.count("\n") == text.count("\r\n"), f
    assert seen == {"xlsx", "utf-16"}


def test_values_are_quoted_only_where_needed(small) -> None:
    out, m = small
    for f in _files(m, platform="zoom", language="en")[:6]:
        path = out / f["path"]
        text = path.read_bytes()[len(BOM) :].decode("utf-8")
        for line in text.split("\r\n")[:-1]:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerows(csv.reader([line]))
            assert buffer.getvalue() == line, (path, line)
        assert re.search(r',"[A-Z][a-z]{2} \d{1,2}, \d{4} \d', text)  # dates are quoted


def test_every_comma_separated_export_is_quoted_only_where_needed(default) -> None:
    """Both languages and every platform that writes commas (the writers share ``cells``)."""
    out, m = default
    comma_layouts = {
        "zoom_2021", "zoom_2025", "goto_sessions_csv", "webex_host_attendance",
        "webex_host_registration",
    }  # fmt: skip
    checked = set()
    for f in _files(m):
        if f["layout"] not in comma_layouts:
            continue
        text = (out / f["path"]).read_bytes().decode("utf-8-sig")
        for line in text.split("\r\n")[:-1]:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerows(csv.reader([line]))
            assert buffer.getvalue() == line, (f["path"], line)
        checked.add((f["layout"], f["language"]))
    assert checked == {(layout, lang) for layout in comma_layouts for lang in ("en", "es")}


def test_attendee_reports_carry_the_zoom_sections(default) -> None:
    out, m = default
    markers = {
        "en": ("Report Generated:",
               ["Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)"],
               "Host Details", "Panelist Details",
               "Attendee Details", "Is Guest", "Country/Region Name", ("Country", "País")),
        "es": ("Informe generado:",
               ["Tema", "ID del seminario web", "Hora de inicio real", "Duración real (minutos)"],
               "Detalles del anfitrión", "Detalles del panelista",
               "Detalles del asistente", "Es invitado", "Nombre del país/región", ("País",)),
    }  # fmt: skip
    for f in _files(m, kind="zoom_attendee_report"):
        path = out / f["path"]
        rows = _rows(path)
        generated, meta, host, panelist, attendee, guest, country, question = markers[f["language"]]
        firsts = [row[0] if row else "" for row in rows]
        assert rows[1][0] == generated
        assert rows[2][:4] == meta
        for marker in (host, panelist, attendee):
            assert marker in firsts, (path, marker)
        header = rows[firsts.index(attendee) + 1]
        assert header.index(guest) < header.index(country)
        assert header[header.index(guest) + 1] in question
        webinar_id = rows[3][1]
        assert len(webinar_id.replace(" ", "")) == 11
        assert [len(part) for part in webinar_id.split(" ")] == [3, 4, 4]


def test_both_zoom_layouts_are_used_by_date(default) -> None:
    out, m = default
    layouts: dict[str, set[str]] = defaultdict(set)
    for f in _files(m, kind="zoom_attendee_report", language="en"):
        path = out / f["path"]
        first_line = path.read_bytes()[len(BOM) :].split(b"\r\n", 1)[0].decode()
        year = _zoom_date(_rows(path)[3][2]).year
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
    out, m = small
    padded = 0
    for f in _files(m, platform="zoom"):
        rows = _rows(out / f["path"])
        if len(rows[0]) > 2:
            assert len({len(row) for row in rows}) == 1, f
            padded += 1
    assert padded


def test_goto_rows_are_padded_and_keep_the_empty_column_after_attended(default) -> None:
    out, m = default
    for f in _files(m, kind="goto_attendee_report"):
        rows = rows_of(out / f["path"])
        if f["path"].endswith(".csv"):
            assert len({len(row) for row in rows}) == 1, f
        assert rows[0][3] == "GoToWebinar"
        header = next(r for r in rows if r[0] in ("Attended", "Asistió"))
        assert header[1] == ""
        assert re.fullmatch(r"\w{3} \d{1,2}, \d{4} \d\d:\d\d [AP]M E[DS]T|"
                            r"\d\d/\d\d/\d{4} \d\d:\d\d E[DS]T", rows[2][0])  # fmt: skip


def test_no_show_rows_use_double_dashes(small) -> None:
    out, m = small
    sections = {
        "en": ("Attendee Details",
               ("Join Time", "Leave Time", "Time in Session (minutes)", "Is Guest")),
        "es": ("Detalles del asistente",
               ("Hora para unirse", "Hora para salir", "Tiempo en la sesión (minutos)",
                "Es invitado")),
    }  # fmt: skip
    seen = 0
    for f in _files(m, kind="zoom_attendee_report"):
        rows = _rows(out / f["path"])
        marker, dashed = sections[f["language"]]
        at = [row[0] if row else "" for row in rows].index(marker) + 1
        header = rows[at]
        for row in rows[at + 1 :]:
            if row and row[0] == "No" and len(row) > 10:
                assert row.count("--") == 4
                cells = dict(zip(header, row, strict=True))
                assert [cells[c] for c in dashed] == ["--"] * 4, (f["path"], row)
                seen += 1
    assert seen


# --- the manifest agrees with the files ------------------------------------------------------


@pytest.mark.parametrize("which", ["small", "default"])
def test_manifest_figures_match_a_recount_of_the_files(which, request) -> None:
    _, m = request.getfixturevalue(which)
    counted = _recount(request.getfixturevalue(f"{which}_reports"), m)
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
    out, m = default
    counted = _recount(default_reports, m)
    catalogue = yaml.safe_load((out / "catalogue.yaml").read_text(encoding="utf-8"))
    for entry in catalogue["webinars"]:
        for speaker in entry["speakers"]:
            counted["country_texts"][("email", speaker["email"])].add(speaker["country"])
    lookup = _country_lookup()
    participants = set().union(*counted["attendees"].values())
    known = {}
    for person in participants:
        codes = {lookup[fold(t)] for t in counted["country_texts"][person] if fold(t) in lookup}
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
    assert any("breakout" in r for r in reasons)
    platforms = {f["path"]: f["platform"] for f in _files(m)}
    assert {platforms[r["file"]] for r in m.rejected_rows} == {"zoom", "goto", "webex"}
    for rejected in m.rejected_rows:
        row = rows_of(out / rejected["file"])[rejected["line"] - 1]
        if "##########" in rejected["reason"]:
            assert "##########" in row
        elif "breakout" in rejected["reason"]:
            assert any(c in ("Breakout session 1", "Sala 1") for c in row)
        else:
            assert not any("@" in c for c in row)
            # a data row (a registration, join or leave time), not a header, marker or blank
            assert any(re.search(r"\d:\d\d", c) for c in row), (rejected, row)


def test_manifest_json_round_trips(small) -> None:
    out, m = small
    assert DemoManifest.read(out / MANIFEST_NAME) == m
    assert json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["seed"] == SMALL["seed"]
    assert asdict(m)["notes"]["participants"]


# --- the catalogue -----------------------------------------------------------------------------


def test_catalogue_follows_the_schema(default) -> None:
    out, m = default
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
        key = f"{entry['platform_id']}|{entry['date'].isoformat()}"
        assert isinstance(entry["date"], date)
        assert entry["language"] in ("en", "es")
        assert entry["platform"] in PLATFORMS
        if key in m.per_webinar:
            assert entry["platform"] == m.per_webinar[key]["platform"]
        assert "start_time" not in entry or len(entry["start_time"]) == 5
        assert 3 <= len(entry["speakers"]) <= 4
        for speaker in entry["speakers"]:
            assert set(speaker) == {"name", "email", "organization", "sector", "country"}
            assert speaker["email"] == speaker["email"].strip().lower()
        assert entry["organisers"][:2] == ["World Bank", "Open Government Partnership"]


# --- the mess is there ------------------------------------------------------------------------


def test_the_exports_carry_the_advertised_mess(default) -> None:
    out, m = default
    emails, countries, sectors, statuses = set(), set(), set(), set()
    for f in _files(m, kind="zoom_registration_report", language="en"):
        rows = _rows(out / f["path"])
        h = next(i for i, r in enumerate(rows) if r and r[0] == "First Name")
        for row in rows[h + 1 :]:
            cells = dict(zip(rows[h], row, strict=False))
            emails.add(cells["Email"])
            countries.add(cells.get("Country", cells.get("País")))
            sectors.add(
                cells.get("Sector / type of organization", cells.get("Tipo de organización"))
            )
            statuses.add(cells["Approval Status"])
    assert any(e != e.strip() for e in emails)  # stray spaces
    assert any(e.strip() != e.strip().lower() for e in emails)  # capitals
    assert {"México", "Mexico"} <= countries
    assert countries & {"EEUU", "USA", "Estados Unidos", "United States"}
    assert countries & {"N/A", "-", "Latin America"}
    assert {"Sociedad civil", "Civil society", ""} <= sectors
    assert statuses == {"approved", "denied", "cancelled", "pending"}
    other_attended = 0
    for f in _files(m, kind="zoom_attendee_report"):
        firsts = {row[0] for row in _rows(out / f["path"]) if row}
        other_attended += bool(firsts & {"Other Attended", "Otros asistentes"})
    assert other_attended
    assert len(m.duplicate_files) == 1
    dup = m.duplicate_files[0]
    assert (out / dup["file"]).read_bytes() == (out / dup["duplicate_of"]).read_bytes()
