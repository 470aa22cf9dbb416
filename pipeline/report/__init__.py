"""The leadership report: one self-contained HTML file built from the marts only."""

from pipeline.report.build import PngUnavailable, write_report

__all__ = ["PngUnavailable", "write_report"]
