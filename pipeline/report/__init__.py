"""The leadership report: one self-contained HTML file built from the marts only."""

from pipeline.report.build import write_report

__all__ = ["write_report"]
