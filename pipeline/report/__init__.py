"""The leadership report: one self-contained HTML file built from the marts only.

``write_report`` is imported on first use: it brings Jinja2 and Plotly, which a
run with nothing new (it only checks the report is there) should not wait for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.report.build import PngUnavailable, write_report

__all__ = ["PngUnavailable", "write_report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipeline.report import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
