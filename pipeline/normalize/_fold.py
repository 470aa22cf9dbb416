"""A faster :func:`pipeline.normalize.text.fold` for the resolvers' hot loops.

The resolvers fold every distinct answer several times (whole, per part, per
pattern check). Most answers are plain ASCII, for which accent stripping is the
identity, so they can skip the per-character Unicode decomposition that makes
``fold`` slow. The result is always exactly ``fold(text)``
(``tests/test_resolve_country.py`` checks this with hypothesis).
"""

from __future__ import annotations

import re

from pipeline.normalize.text import fold

_NON_WORD = re.compile(r"[^0-9a-z]+")


def quick_fold(text: str) -> str:
    """Same as ``fold(text)``; ASCII text takes a shortcut."""
    if text.isascii() and "\ufeff" not in text:
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    return fold(text)
