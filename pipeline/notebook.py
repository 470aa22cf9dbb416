"""Which database a notebook reads: chosen here, once, for every notebook.

The notebooks under ``notebooks/`` start with ``db = database()`` and pass ``db``
to the analyst API (``pipeline.summary(db)`` ...). Keeping the choice in one
function means a notebook opened on a fresh clone shows the demo series, the
same notebook on the staff's machine shows the real one, and a test (or an
analyst comparing two builds) points every notebook elsewhere with one
environment variable, without editing a cell. ::

    from pipeline.notebook import database, describe
    db = database()
    print(describe())
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

from pipeline.api import ENV_DB, connect
from pipeline.cli import DEMO_DB
from pipeline.warehouse import DEFAULT_DB


def _is_project_root(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "pipeline").is_dir()


def project_root() -> Path:
    """The folder holding ``pyproject.toml`` and ``pipeline/``.

    Jupyter starts a kernel in the notebook's folder (``notebooks/``), while the
    pipeline's default paths (``data/processed/...``) are relative to the
    project root, so the root is found by walking up from the working directory;
    failing that (a notebook copied elsewhere), from this module's own file,
    which sits in the project with an editable install.
    """
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        if _is_project_root(folder):
            return folder
    here = Path(__file__).resolve().parent.parent
    if _is_project_root(here):
        return here
    raise FileNotFoundError(
        f"cannot find the project root (a folder with pyproject.toml and pipeline/) above {cwd}; "
        f"set {ENV_DB} to the database to read"
    )


def _build_demo(root: Path) -> None:
    # The same code path as `python -m pipeline demo` (README, "Quick start"), run in
    # the project root so its default folders (data/demo/...) land where they always do.
    print("No database yet: building the demo series (python -m pipeline demo, ~30 s)...")
    subprocess.run(
        [sys.executable, "-m", "pipeline", "demo"],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _explicit() -> Path | None:
    value = os.environ.get(ENV_DB)
    if not value:
        return None
    path = Path(value).expanduser()
    return (path if path.is_absolute() else project_root() / path).resolve()


def database() -> Path:
    """The database notebooks read, in order of preference.

    1. ``$WEBINAR_PIPELINE_DB`` when set: an explicit choice always wins (tests,
       a copy of last month's build). A relative path is taken from the project
       root, where ``make jupyter`` is typed, not from ``notebooks/``, where
       the kernel runs;
    2. the staff's real database, ``data/processed/webinars.duckdb``, when it
       exists: on the staff's machine the notebooks show the real series;
    3. otherwise the demo database, ``data/demo/webinars.duckdb``, built first
       when missing, so the notebooks run on a fresh clone without real data.
    """
    explicit = _explicit()
    if explicit is not None:
        return explicit
    root = project_root()
    real = root / DEFAULT_DB
    if real.exists():
        return real
    demo = root / DEMO_DB
    if not demo.exists():
        _build_demo(root)
    return demo


def describe(db: str | Path | None = None) -> str:
    """One line saying which database is read, and as of which date.

    Printed at the top of every notebook, because a chart of the demo series
    looks exactly like one of the real series: the reader must see which it is.
    """
    from pipeline.report.data import as_of_date

    path = Path(db).resolve() if db is not None else database()
    if path == _explicit():
        kind = f"chosen by ${ENV_DB}"
    elif path == (project_root() / DEMO_DB).resolve():
        kind = "the demo series: generated, not real participants"
    elif path == (project_root() / DEFAULT_DB).resolve():
        kind = "the staff's database"
    else:
        kind = "given explicitly"
    with connect(path) as con:
        as_of = as_of_date(con)
    when = as_of.isoformat() if as_of else "unknown (no webinar counted yet)"
    return f"Database: {path} ({kind}); data as of {when}."


def offline_maps() -> None:
    """Give Plotly's maps their outlines from the package, not from the network.

    Plotly.js fetches the world outlines from its CDN when a map is drawn,
    unless ``window.PlotlyGeoAssets`` already holds them (STYLE.md, sharp
    edges); the report embeds them for the same reason. Run this once before
    the first map and draw maps with ``resolution=50`` (the file shipped is
    ``world_50m``). Outside a browser front end (nbclient, a terminal) the
    JavaScript is simply not run.
    """
    from IPython.display import Javascript, display

    outlines = (
        resources.files("pipeline.report").joinpath("assets", "world_50m.json").read_text("utf-8")
    )
    display(
        Javascript(
            "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
            "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};\n"
            f"window.PlotlyGeoAssets.topojson['world_50m'] = {outlines};"
        )
    )
