"""A deterministic demo webinar series in the platforms' real export formats.

``generate_series(out_dir)`` writes ~63 webinars with the mess real exports
have, plus a catalogue and a manifest of ground-truth figures computed from the
generator's own model. It is the pipeline's demo, its end-to-end test data and,
with ``scale=100``, its benchmark.

The series drifts across platforms as a real one does (``model.py``): GoTo
Webinar for its first months, Zoom for most of it (2022's English sessions as
recurring Zoom webinars), a stretch on Webex in 2024 and now and then a partner
episode on Teams. Spanish-speaking staff and partners download from a Spanish
interface, so both languages' headers appear on every platform. The ground
truth loses what each platform's exports lose (``platforms.py``): Teams lists
no one who did not attend and no country or form answers, Webex attendance and
GoTo carry no geolocation, GoTo writes times to the minute. A person's country
and sector come from whichever row of theirs shows them (DEFINITIONS.md).

Layout: ``model.py`` (the series, platform-neutral), ``platforms.py`` (what
each platform keeps), one writer per platform (``zoom.py``, ``goto.py``,
``teams.py``, ``webex.py``; ``xlsx.py`` for GoTo's Excel downloads,
``output.py`` for what they share), ``catalogue.py``, ``truth.py`` (figures per
DEFINITIONS.md), ``generate.py`` (puts them together).
"""

from pipeline.demo.generate import MANIFEST_NAME, generate_series
from pipeline.demo.truth import DemoManifest

__all__ = ["MANIFEST_NAME", "DemoManifest", "generate_series"]
