"""Write a whole demo series to a folder: exports, catalogue and ground-truth manifest."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

from pipeline.demo import zoom
from pipeline.demo.catalogue import CATALOGUE_NAME, write_catalogue
from pipeline.demo.model import build_series, materialize
from pipeline.demo.output import EXPORTS_DIR, FileNamer, WrittenFile
from pipeline.demo.truth import DemoManifest, GroundTruth

MANIFEST_NAME = "demo_manifest.json"

# One writer per platform; a webinar's ``platform`` picks its writer.
WRITERS = {zoom.PLATFORM: zoom.write_webinar}


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
    exports = out_dir / EXPORTS_DIR
    present = {p for p in out_dir.rglob("*") if p.is_file()}
    strangers = sorted(present - ours)
    if strangers:
        raise FileExistsError(f"{out_dir} holds files the demo did not write: {strangers[:3]}")
    if exports.exists():
        shutil.rmtree(exports)
    for path in (manifest, out_dir / CATALOGUE_NAME):
        path.unlink(missing_ok=True)


def generate_series(
    out_dir: Path,
    *,
    seed: int = 2021,
    webinars: int = 63,
    participants: int = 4700,
    scale: float = 1.0,
) -> DemoManifest:
    """Write a realistic webinar series into ``out_dir`` and return its ground truth.

    The same arguments always give byte-identical files. ``scale`` multiplies
    ``webinars`` and ``participants`` (scale=100: ~6,300 webinars, 470,000
    participants, over a million attendance rows) for benchmarks. The figures
    in the returned manifest come from the generator's own model, following
    DEFINITIONS.md, never from reading the files back.
    """
    out_dir = Path(out_dir)
    _clear_previous(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    series = build_series(seed, webinars, participants, scale)
    truth = GroundTruth(series)
    namer = FileNamer(out_dir)
    written: list[WrittenFile] = []
    exported = series.exported
    duplicate_of = exported[len(exported) // 3].key
    duplicates: list[dict[str, str]] = []
    for webinar in exported:
        detail = materialize(series, webinar)
        files = WRITERS[webinar.platform](detail, namer, seed)
        written.extend(files)
        truth.add(detail)
        if webinar.key == duplicate_of:
            # Monthly drops repeat files: the same attendee report downloaded
            # again next month under another name (export-formats.md §7.7).
            original = zoom.attendee_report_path(files)
            digits = webinar.platform_id.replace(" ", "")
            generated = detail.report_generated
            next_month = datetime(generated.year + generated.month // 12, generated.month % 12 + 1, 3)
            target, relative = namer.path(next_month, f"{digits}_Attendee_Report.csv")
            target.write_bytes((out_dir / original).read_bytes())
            duplicates.append({"file": relative, "duplicate_of": original})
    write_catalogue(series, out_dir)
    rejected = [row for f in written for row in f.rejected]
    manifest = truth.manifest(
        attendance_rows=sum(f.data_rows for f in written if f.kind.endswith("attendee_report")),
        registration_rows=sum(
            f.data_rows for f in written if f.kind.endswith("registration_report")
        ),
        rejected_rows=rejected,
        files=[f.summary() for f in written]
        + [{"path": d["file"], "kind": "duplicate", "duplicate_of": d["duplicate_of"]}
           for d in duplicates],
        duplicate_files=duplicates,
        catalogue=CATALOGUE_NAME,
    )
    manifest.write(out_dir / MANIFEST_NAME)
    return manifest
