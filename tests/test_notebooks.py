"""The analysts' notebooks run top to bottom, are stored clean, and read well in review.

Each notebook is executed with a real Jupyter kernel on a freshly built demo
database, as an analyst would run it (STYLE.md: notebooks are executed as
tests), and what it shows holds no participant's name or e-mail. They are
stored without outputs, and each ``.ipynb`` is paired with a jupytext ``.py``
holding the same cells, which is what a reviewer reads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

import pipeline
from pipeline.api import ENV_DB
from tests.conftest import query

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


@pytest.fixture(scope="module")
def executed(demo_db: Path) -> Callable[[Path], nbformat.NotebookNode]:
    """``executed(path)``: the notebook run on the demo database, once per module."""
    cache: dict[Path, nbformat.NotebookNode] = {}

    def _executed(path: Path) -> nbformat.NotebookNode:
        if path not in cache:
            cache[path] = execute(nbformat.read(path, as_version=4))
        return cache[path]

    return _executed


def printed(notebook: nbformat.NotebookNode) -> str:
    return "".join(
        output.get("text", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    )


def shown(notebook: nbformat.NotebookNode) -> str:
    """Everything the notebook printed or displayed (tables, charts' data), lower-cased.

    Left out: JavaScript, which only offline_maps() sends (the map outlines, 1 MB).
    """
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            for mime, value in output.get("data", {}).items():
                if mime != "application/javascript":
                    texts.append(
                        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    )
    return "\n".join(texts).lower()


def test_there_are_the_four_analyst_notebooks() -> None:
    assert _ids(IPYNBS) == [
        "01_overview",
        "02_countries_and_sectors",
        "03_retention_and_cohorts",
        "04_one_webinar",
    ]


@pytest.fixture(scope="module")
def demo_people(demo_db: Path) -> tuple[set[str], set[str]]:
    """Every e-mail address and full name the demo's exports and catalogue hold."""
    emails = query(
        demo_db,
        """select email from raw.sessions union select email from raw.registrations
           union select email from raw.catalogue_speakers""",
    )
    names = query(
        demo_db,
        """select name from raw.sessions union select name from raw.registrations
           union select concat_ws(' ', first_name, last_name) from raw.registrations
           union select name from raw.catalogue_speakers""",
    )
    # Full names only: a lone first name ('Ana') is also a word in a title.
    return (
        {e.strip().lower() for (e,) in emails if e and "@" in e},
        {n.strip().lower() for (n,) in names if n and len(n.split()) >= 2},
    )


@pytest.mark.parametrize("path", IPYNBS, ids=_ids(IPYNBS))
def test_every_notebook_runs_top_to_bottom_on_the_demo_database(
    path: Path, demo_db: Path, executed
) -> None:
    assert f"Database: {demo_db.resolve()}" in printed(executed(path))


@pytest.mark.parametrize("path", IPYNBS, ids=_ids(IPYNBS))
def test_no_notebook_shows_a_participants_name_or_email(path: Path, executed, demo_people) -> None:
    emails, names = demo_people
    assert len(emails) > 1000 and len(names) > 1000  # the demo holds people to look for
    text = shown(executed(path))
    assert [e for e in sorted(emails) if e in text] == []
    assert [n for n in sorted(names) if n in text] == []


def test_one_webinar_runs_for_an_older_webinar_given_as_parameter(demo_db: Path) -> None:
    reach = pipeline.reach(demo_db).sort_values("Start (UTC)")
    older = reach["Webinar ID"].iloc[len(reach) // 3]
    assert older != reach["Webinar ID"].iloc[-1]  # not the notebook's default
    notebook = nbformat.read(NOTEBOOKS / "04_one_webinar.ipynb", as_version=4)
    (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    parameters.source = f"WEBINAR_ID = {older!r}"

    text = printed(execute(notebook))

    assert f"Webinar: {older} " in text


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
