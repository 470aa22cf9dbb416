"""The webinar catalogue (``catalogue.yaml``) that programme staff keep by hand.

The schema is the one the catalogue reader implements (issue 2): a ``series``
block, then one entry per webinar with title, series-local date, optional
start time / platform / platform ID, language, topic, speakers and organisers.

The YAML is written as text rather than through ``yaml.dump`` so that a
6,300-webinar catalogue takes milliseconds and keeps a stable, readable
order. Every string is a JSON double-quoted scalar (valid YAML), so titles
with colons, quotes or accents, times like ``10:00`` (which YAML 1.1 would
read as a number) and IDs with spaces all survive; dates stay unquoted so a
YAML reader gets ``datetime.date`` values as in the schema's example.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pipeline.demo.model import Series

CATALOGUE_NAME = "catalogue.yaml"


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def catalogue_text(series: Series) -> str:
    """The catalogue of every webinar staff entered (all but the uncatalogued one)."""
    rng = random.Random(f"{series.seed}/catalogue")
    lines = [
        "# Webinar catalogue (demo series: invented people and organisations).",
        "series:",
        f"  name: {_q(series.name)}",
        f"  timezone: {_q(series.timezone)}",
        "webinars:",
    ]
    for webinar in series.webinars:
        if not webinar.in_catalogue:
            continue
        lines.append(f"  - title: {_q(webinar.title)}")
        lines.append(f"    date: {webinar.start.date().isoformat()}")
        if webinar.catalogue_start_time:
            lines.append(f"    start_time: {_q(webinar.start.strftime('%H:%M'))}")
        lines.append(f"    platform: {_q(webinar.platform)}")
        lines.append(f"    platform_id: {_q(webinar.platform_id)}")
        lines.append(f"    language: {_q(webinar.language)}")
        lines.append(f"    topic: {_q(webinar.topic)}")
        lines.append("    speakers:")
        for person in webinar.speakers:
            assert person.email is not None
            # Staff write most countries as ISO alpha-3 codes, some as names.
            country = person.country.iso3 if rng.random() < 0.8 else person.country.zoom_name
            lines.append(f"      - name: {_q(person.name)}")
            lines.append(f"        email: {_q(person.email)}")
            lines.append(f"        organization: {_q(person.organization)}")
            lines.append(f"        sector: {_q(person.sector)}")
            lines.append(f"        country: {_q(country)}")
        lines.append(f"    organisers: [{', '.join(_q(o) for o in webinar.organisers)}]")
    return "\n".join(lines) + "\n"


def write_catalogue(series: Series, out_dir: Path) -> Path:
    path = out_dir / CATALOGUE_NAME
    path.write_text(catalogue_text(series), encoding="utf-8", newline="\n")
    return path
