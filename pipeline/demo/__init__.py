"""A deterministic demo webinar series in the platforms' real export formats.

``generate_series(out_dir)`` writes ~63 webinars (Zoom attendee and
registration reports, a catalogue) with the mess real exports have, plus a
manifest of ground-truth figures computed from the generator's own model. It
is the pipeline's demo, its end-to-end test data and, with ``scale=100``, its
benchmark.

Layout: ``model.py`` (the series, platform-neutral), one writer per platform
(``zoom.py``), ``catalogue.py``, ``truth.py`` (figures per DEFINITIONS.md),
``generate.py`` (puts them together).
"""

from pipeline.demo.generate import MANIFEST_NAME, generate_series
from pipeline.demo.truth import DemoManifest

__all__ = ["MANIFEST_NAME", "DemoManifest", "generate_series"]
