"""`policygraph import` of RDF that policygraph did not write: refused with one line naming
the file and the problem, never a traceback (blank nodes, OWL and SHACL files)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _import(path, tmp_path):
    return subprocess.run([sys.executable, "-m", "graph", "import", str(path), "-o",
                           str(tmp_path / "out.pickle")], capture_output=True, text=True,
                          cwd=ROOT)


@pytest.mark.parametrize("name,text", [
    ("blank.nt", "<http://a.example/s> <http://a.example/p> _:b .\n"),
    ("blank-subject.ttl", "_:x <http://a.example/p> \"v\" .\n"),
])
def test_foreign_rdf_with_blank_nodes_is_refused_clearly(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    r = _import(f, tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert name in r.stderr and "not policygraph RDF" in r.stderr
    assert not (tmp_path / "out.pickle").exists()


def test_the_shapes_file_is_refused_clearly(tmp_path):
    r = _import(os.path.join(ROOT, "ontology", "shapes.ttl"), tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert "shapes.ttl" in r.stderr and "not policygraph RDF" in r.stderr


def test_blank_nodes_read_as_blank_names():
    from graph.export.rdf.importer import read_triples
    (t,) = read_triples(b"_:x <http://a.example/p> _:y .", "ttl")
    assert t[0].startswith("_:") and str(t[2]).startswith("_:")


@pytest.mark.parametrize("name", ["empty.ttl", "empty.nt", "comments.ttl"])
def test_a_file_without_triples_is_refused(tmp_path, name):
    f = tmp_path / name
    f.write_text("# nothing here\n" if name.startswith("comments") else "", encoding="utf-8")
    r = _import(f, tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert name in r.stderr and "no RDF triples" in r.stderr
    assert not (tmp_path / "out.pickle").exists()
