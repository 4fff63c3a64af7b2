"""The notebooks run from top to bottom (nbclient, this venv's python3 kernel) and show what
they promise; the committed copies carry no outputs."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = ("explore.ipynb", "archive.ipynb")

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def _kernel_name() -> str:
    """A kernel spec that starts *this* interpreter: ipykernel's native `python3` resolves to
    sys.executable when ipykernel is importable here; otherwise install one into sys.prefix."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    ksm = KernelSpecManager()
    try:
        spec = ksm.get_kernel_spec("python3")
    except NoSuchKernel:
        spec = None
    exe = spec.argv[0] if spec else None
    if exe in ("python", "python3", "{python}") or (
            exe and os.path.realpath(exe) == os.path.realpath(sys.executable)):
        return "python3"
    from ipykernel.kernelspec import install
    install(kernel_name="policygraph-venv", display_name="policygraph (venv)",
            prefix=sys.prefix)
    return "policygraph-venv"


def _text(cell) -> str:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif o.get("output_type") in ("execute_result", "display_data"):
            out.append(str(o.get("data", {}).get("text/plain", "")))
            out.append(str(o.get("data", {}).get("text/html", ""))[:2000])
    return "".join(out)


@pytest.fixture(scope="module")
def executed():
    cache = {}

    def run(name: str):
        if name not in cache:
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            client = nbclient.NotebookClient(
                nb, timeout=120, kernel_name=_kernel_name(),
                resources={"metadata": {"path": str(NOTEBOOKS)}})
            client.execute()  # raises CellExecutionError on the first failing cell
            cache[name] = nb
        return cache[name]
    return run


def _all_text(nb) -> str:
    return "\n".join(_text(c) for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebooks_have_no_outputs(name):
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, f"{name} has no code cells"
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert dirty == [], f"{name}: cells {dirty} carry outputs; strip them before committing"


def test_explore_runs_and_shows_the_answers(executed):
    nb = executed("explore.ipynb")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.get("output_type") == "error"]
    assert errors == []
    text = _all_text(nb)
    # the trace reaches Nghị quyết 20 through the Tỉnh ủy plan
    assert "roots: [('20-NQ/TW', '2017-10-25')" in text
    assert "127-KH/TU → 20-NQ/TW" in text
    # impact / coverage tables list the provincial plans with their lag
    assert "60-KH/TU" in text and "Thái Bình" in text and "Quảng Ngãi" in text
    assert "162" in text  # 127-KH/TU came 162 days after 20-NQ/TW
    # overdue at 2020-01-01 lists the occupational-accident task's office
    assert "tasks overdue at 2020-01-01" in text
    assert "Phòng Việc làm - An toàn lao động" in text
    # two plots and the inline HTML view
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 2
    html = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
            if "text/html" in o.get("data", {}) and "<iframe srcdoc=" in o["data"]["text/html"]]
    assert html and "vis" in html[0] and len(html[0]) > 10000


def test_archive_runs_validates_and_queries(executed):
    nb = executed("archive.ipynb")
    text = _all_text(nb)
    assert "wrote policygraph.ttl:" in text and "@prefix" in text
    assert "conforms: True; violations: 0" in text  # SHACL ran and the export is valid
    assert "['impact.rq', 'overdue.rq', 'to_rico.rq', 'trace.rq']" in text
    assert "documents on the way up from the task:" in text and "'20-NQ/TW'" in text
    assert "documents implement 20-NQ/TW" in text
    assert "RiC-O triples" in text and "Record" in text
    assert "round trip: same nodes True · same edges True" in text
