"""A parsed file as columns (pipeline/columns.py): the raw lines keep every cell exactly."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.columns import _json_list

_CELL = st.one_of(
    st.text(max_size=12),
    st.text(alphabet='ab "\\\n\t\x00\x1f\x7fé\u2028', max_size=8),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CELL, max_size=6).map(tuple))
def test_a_rows_cells_are_kept_as_the_json_array_json_dumps_writes(cells) -> None:
    assert _json_list(cells) == json.dumps(list(cells), ensure_ascii=False, separators=(",", ":"))
    assert json.loads(_json_list(cells)) == list(cells)
