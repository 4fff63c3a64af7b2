"""The link stage imports only down the flow (ingest -> extract -> link -> query -> export):
graph.link never loads the query or export stages, nor the CLI that composes them."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {m for m in out.split() if m.startswith("graph")}


def test_the_link_stage_loads_no_later_stage():
    mods = sorted(p.stem for p in (ROOT / "graph" / "link").glob("*.py") if p.stem != "__init__")
    assert {"pipeline", "load", "cache", "store", "assemble", "lean"} <= set(mods)
    loaded = _loaded_after("import graph.link\n" + "\n".join(f"import graph.link.{m}" for m in mods)
                           + "\nfrom graph.link.assemble import Assembler\nAssembler()")
    assert "graph.link.pipeline" in loaded and "graph.extract.agencies" in loaded
    later = {m for m in loaded if m.split(".")[1:2] in (["query"], ["export"], ["cli"])}
    assert later == set()


def test_building_and_loading_the_lean_view_load_no_later_stage(tmp_path):
    store = tmp_path / "s.sqlite"
    loaded = _loaded_after(
        "from graph.link import build_from_records, load_graph\n"
        "from graph.models import Header, Record\n"
        f"build_from_records([Record(source='a.txt', document=Header(symbol='1/KH-UBND'))], {str(store)!r})\n"
        f"G = load_graph({str(store)!r}, full=False)\n"
        "assert G.number_of_nodes() == 1 and not G.has_index")
    assert "graph.link.lean" in loaded
    assert {m for m in loaded if m.split(".")[1:2] in (["query"], ["export"], ["cli"])} == set()


def test_the_cli_composes_build_and_the_html_view():
    loaded = _loaded_after("from graph.cli import make_parser\nmake_parser()")
    assert {"graph.cli.build", "graph.cli.extract"} <= loaded
    assert "graph.extract.cli" not in loaded and "graph.link.cli" not in loaded
