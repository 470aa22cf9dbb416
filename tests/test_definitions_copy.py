"""The report's definitions are the programme's: the shipped copy matches the source."""

from __future__ import annotations

from pathlib import Path

import pytest

SHIPPED = Path(__file__).parents[1] / "pipeline" / "DEFINITIONS.md"
SOURCE = Path(__file__).parents[2] / "shared" / "DEFINITIONS.md"


def test_the_shipped_definitions_equal_the_shared_source_of_truth():
    if not SOURCE.exists():
        pytest.skip(f"no shared definitions beside the checkout ({SOURCE})")
    assert SHIPPED.read_text(encoding="utf-8") == SOURCE.read_text(encoding="utf-8"), (
        "pipeline/DEFINITIONS.md differs from shared/DEFINITIONS.md: copy it and add a "
        "README changelog entry if a figure's meaning changed"
    )
