"""The analysts' notebooks run top to bottom, are stored clean, and read well in review.

Each notebook is executed with a real Jupyter kernel on a freshly built demo
database, as an analyst would run it (STYLE.md: notebooks are executed as
tests). They are stored without outputs, and each ``.ipynb`` is paired with a
jupytext ``.py`` holding the same cells, which is what a reviewer reads.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

import pipeline
from pipeline.api import ENV_DB

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
IPYNBS = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT_S = 120
DEMO_TIMEOUT_S = 600


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A freshly built demo database, which every notebook reads via $WEBINAR_PIPELINE_DB.

    nbclient's kernel is a child process and inherits this process's environment.
    """
    root = tmp_path_factory.mktemp("notebooks_demo")
    db = root / "webinars.duckdb"
    folders = ["--raw", str(root / "raw"), "--db", str(db), "--reports", str(root / "reports")]
    built = subprocess.run(
        [sys.executable, "-m", "pipeline", "demo", *folders],
        capture_output=True,
        text=True,
        timeout=DEMO_TIMEOUT_S,
    )
    assert built.returncode == 0, (
        f"the demo build failed:\n{built.stdout[-2000:]}{built.stderr[-4000:]}"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_DB, str(db))
        yield db


def execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run every cell in a python3 kernel started in notebooks/; raises on any cell's error."""
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT_S,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    return client.execute()


def printed(notebook: nbformat.NotebookNode) -> str:
    return "".join(
        output.get("text", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    )


def test_there_are_the_four_analyst_notebooks() -> None:
    assert _ids(IPYNBS) == [
        "01_overview",
        "02_countries_and_sectors",
        "03_retention_and_cohorts",
        "04_one_webinar",
    ]


@pytest.mark.parametrize("path", IPYNBS, ids=_ids(IPYNBS))
def test_every_notebook_runs_top_to_bottom_on_the_demo_database(path: Path, demo_db: Path) -> None:
    notebook = execute(nbformat.read(path, as_version=4))
    assert f"Database: {demo_db.resolve()}" in printed(notebook)


def test_one_webinar_runs_for_an_older_webinar_given_as_parameter(demo_db: Path) -> None:
    reach = pipeline.reach(demo_db).sort_values("Start (UTC)")
    older = reach["Webinar ID"].iloc[len(reach) // 3]
    notebook = nbformat.read(NOTEBOOKS / "04_one_webinar.ipynb", as_version=4)
    (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    parameters.source = f"WEBINAR_ID = {older!r}"

    text = printed(execute(notebook))

    assert f"Webinar: {older} " in text
    assert older != reach["Webinar ID"].iloc[-1]


@pytest.mark.parametrize("path", IPYNBS, ids=_ids(IPYNBS))
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    dirty = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; clear them before committing"


@pytest.mark.parametrize("path", IPYNBS, ids=_ids(IPYNBS))
def test_each_notebook_and_its_paired_py_hold_the_same_cells(path: Path) -> None:
    script = path.with_suffix(".py")
    assert script.exists(), f"{path.name} has no paired {script.name} (jupytext --sync)"
    stored, paired = jupytext.read(path), jupytext.read(script)
    assert stored.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"
    assert [(c.cell_type, c.source) for c in stored.cells] == [
        (c.cell_type, c.source) for c in paired.cells
    ], f"{path.name} and {script.name} differ: run `jupytext --sync {path}`"
