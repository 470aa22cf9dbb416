"""Platform adapters, found by content.

Every module in this package that defines ``ADAPTERS`` (a list of adapter
instances) is registered: adding a platform is adding one module and its
header map (see CONTRIBUTING.md).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from pipeline.adapters.base import Adapter
from pipeline.readers.table import SourceTable

MIN_CONFIDENCE = 0.5


@cache
def registry() -> tuple[Adapter, ...]:
    found: list[Adapter] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_") or module.name == "base":
            continue
        mod = importlib.import_module(f"{__name__}.{module.name}")
        found.extend(getattr(mod, "ADAPTERS", ()))
    return tuple(found)


def detect(table: SourceTable) -> Adapter | None:
    """The adapter most confident that ``table`` is its report, or None."""
    best: Adapter | None = None
    best_score = MIN_CONFIDENCE
    for adapter in registry():
        score = adapter.detect(table)
        if score > best_score:
            best, best_score = adapter, score
    return best
