"""Write a whole demo series to a folder: exports, catalogue and ground-truth manifest."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType

from pipeline.demo import goto, teams, webex, zoom
from pipeline.demo.catalogue import CATALOGUE_NAME, write_catalogue
from pipeline.demo.model import Series, Webinar, build_series, materialize
from pipeline.demo.output import ATTENDANCE, EXPORTS_DIR, REGISTRATION, FileNamer, WrittenFile
from pipeline.demo.truth import DemoManifest, GroundTruth, WebinarFacts, facts_of

MANIFEST_NAME = "demo_manifest.json"

# One writer module per platform (planned_files + write_webinar); a webinar's
# ``platform`` picks its writer.
WRITERS: dict[str, ModuleType] = {m.PLATFORM: m for m in (zoom, goto, teams, webex)}

# Below this many webinars, worker processes cost more than they save.
_PARALLEL_FROM = 300

# Set in the parent before forking: workers inherit the planned series.
_SHARED: tuple[Series, Path] | None = None


def _clear_previous(out_dir: Path) -> None:
    """Remove a previous demo written into ``out_dir``, and nothing else.

    Stale exports would be ingested with the new ones, so regeneration must
    start clean; but a folder that holds anything the demo did not write is
    refused rather than emptied.
    """
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return
    manifest = out_dir / MANIFEST_NAME
    if not manifest.is_file():
        raise FileExistsError(f"{out_dir} is not empty and holds no {MANIFEST_NAME}")
    listed = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    ours = {out_dir / f["path"] for f in listed} | {manifest, out_dir / CATALOGUE_NAME}
    present = {p for p in out_dir.rglob("*") if p.is_file()}
    strangers = sorted(present - ours)
    if strangers:
        raise FileExistsError(f"{out_dir} holds files the demo did not write: {strangers[:3]}")
    shutil.rmtree(out_dir / EXPORTS_DIR, ignore_errors=True)
    for path in (manifest, out_dir / CATALOGUE_NAME):
        path.unlink(missing_ok=True)


def _usable_cpus() -> int:
    """CPUs this process may run on (a container may allow fewer than the host has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _repeated(exported: list[Webinar]) -> Webinar | None:
    """The Zoom webinar, a third into the series, whose attendee report is downloaded twice."""
    third = len(exported) // 3
    on_zoom = [w for w in exported[third:] + exported[:third] if w.platform == zoom.PLATFORM]
    return on_zoom[0] if on_zoom else None


def _write_one(item: tuple[int, dict[str, str]]) -> tuple[WebinarFacts, list[WrittenFile]]:
    """Materialise, write and summarise one webinar (in the parent or a worker)."""
    assert _SHARED is not None
    series, out_dir = _SHARED
    index, paths = item
    webinar = series.webinars[index]
    detail = materialize(series, webinar)
    written = WRITERS[webinar.platform].write_webinar(detail, out_dir, paths)
    return facts_of(detail), written


def _results(
    items: list[tuple[int, dict[str, str]]], workers: int
) -> Iterator[tuple[WebinarFacts, list[WrittenFile]]]:
    """Results in start order; in forked workers when that pays off.

    Every webinar has its own seeded generator and its file names are fixed
    before any worker starts, so the bytes do not depend on ``workers``.
    """
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_write_one, items, chunksize=8)
    else:
        yield from map(_write_one, items)


def generate_series(
    out_dir: Path,
    *,
    seed: int = 2021,
    webinars: int = 63,
    participants: int = 4700,
    scale: float = 1.0,
    workers: int | None = None,
) -> DemoManifest:
    """Write a realistic webinar series into ``out_dir`` and return its ground truth.

    The same arguments always give byte-identical files. ``scale`` multiplies
    ``webinars`` and ``participants`` (scale=100: ~6,300 webinars, 470,000
    participants, about two million attendance rows) for benchmarks. The
    figures in the returned manifest come from the generator's own model,
    following DEFINITIONS.md, never from reading the files back.

    ``workers``: processes that write webinars in parallel; by default one per
    CPU for large series and none for small ones. It never changes the output.
    """
    global _SHARED
    out_dir = Path(out_dir)
    _clear_previous(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Millions of small objects and no reference cycles: the cyclic collector
    # would only rescan them again and again (it doubled the 100x run time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        series = build_series(seed, webinars, participants, scale)
        exported = series.exported
        if workers is None:
            workers = min(_usable_cpus(), 8) if len(exported) >= _PARALLEL_FROM else 1

        namer = FileNamer(out_dir)
        items: list[tuple[int, dict[str, str]]] = []
        for webinar in exported:
            planned = WRITERS[webinar.platform].planned_files(webinar, seed)
            items.append(
                (webinar.index, {f.kind: namer.assign(f.downloaded, f.name) for f in planned})
            )
        # Monthly drops repeat files: one Zoom attendee report is downloaded again
        # the next month under another name (export-formats.md §7.7).
        repeated = _repeated(exported)
        duplicate_path = ""
        if repeated is not None:
            when = repeated.attendee_report_at
            next_month = datetime(when.year + when.month // 12, when.month % 12 + 1, 3)
            digits = repeated.platform_id.replace(" ", "")
            duplicate_path = namer.assign(next_month, f"{digits}_Attendee_Report.csv")

        truth = GroundTruth(series)
        written: list[WrittenFile] = []
        _SHARED = (series, out_dir)
        try:
            for facts, files in _results(items, workers):
                truth.add(facts)
                written.extend(files)
        finally:
            _SHARED = None
    finally:
        if gc_was_enabled:
            gc.enable()

    duplicates = []
    if repeated is not None:
        original = next(
            f.path
            for f in written
            if f.webinar_key == repeated.key and f.kind == zoom.ATTENDEE_REPORT
        )
        (out_dir / duplicate_path).write_bytes((out_dir / original).read_bytes())
        duplicates.append({"file": duplicate_path, "duplicate_of": original})

    write_catalogue(series, out_dir)
    manifest = truth.manifest(
        attendance_rows=sum(f.data_rows for f in written if f.report_type == ATTENDANCE),
        registration_rows=sum(f.data_rows for f in written if f.report_type == REGISTRATION),
        rejected_rows=[row for f in written for row in f.rejected],
        files=[f.summary() for f in written]
        + [
            {"path": d["file"], "kind": "duplicate", "duplicate_of": d["duplicate_of"]}
            for d in duplicates
        ],
        duplicate_files=duplicates,
        catalogue=CATALOGUE_NAME,
    )
    manifest.write(out_dir / MANIFEST_NAME)
    return manifest
