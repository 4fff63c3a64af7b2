"""The two engines of `export` write the same triples, literal for literal, from a store (the
build's times included: rdflib must not rewrite a lexical form)."""
from __future__ import annotations

from graph.cli import main
from graph_util import samples_store


def test_both_engines_write_the_same_lines_from_a_store(tmp_path):
    store = samples_store(tmp_path)
    lines = {}
    for engine in ("rdflib", "oxigraph"):
        out = tmp_path / f"{engine}.nt"
        assert main(["export", "--store", str(store), "-o", str(out), "--engine", engine]) == 0
        lines[engine] = sorted(out.read_text(encoding="utf-8").splitlines())
    assert any("startedAtTime" in x and 'Z"^^' in x for x in lines["oxigraph"])
    assert lines["rdflib"] == lines["oxigraph"]
