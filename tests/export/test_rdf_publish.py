"""The vocabulary published under another base (`policygraph ontology --base`), and the base
IRI checked once (`terms.base_problem`), in the CLI and in the Python entry points."""
from __future__ import annotations

import json
import os

import pytest

from graph.export import rdf
from rdf_sample import sample_graph
from graph_util import samples_store

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
BASE = "https://example.org/x/"

build_mod = pytest.importorskip("graph.link")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return samples_store(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def published(store, tmp_path_factory):
    """The samples exported with --base BASE, and the ontology written with the same base."""
    from graph.cli import main

    d = tmp_path_factory.mktemp("published")
    assert main(["export", "--store", str(store), "--base", BASE, "-o", str(d / "pg.ttl")]) == 0
    assert main(["ontology", "--base", BASE, "-o", str(d / "ontology")]) == 0
    return d


def _shacl(data, shapes_path):
    """(conforms, violations) of rdflib graph `data` against a shapes file: the violations
    as a graph of sh:ValidationResults."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = rdflib.Graph()
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        out += results.triples((r, None, None))
    return conforms, out


def test_rebased_shapes_validate_the_rebased_export(published):
    """F5: the shapes written under the export's base conform on it, target its nodes, and
    catch a broken copy; the shipped shapes (default base) target none of its nodes."""
    import rdflib

    data = rdflib.Graph().parse(published / "pg.ttl", format="turtle")
    shapes = published / "ontology" / "shapes.ttl"
    conforms, results = _shacl(data, shapes)
    assert conforms and len(results) == 0
    # the shapes' target classes are the export's classes: each has instances in it
    sg = rdflib.Graph().parse(shapes, format="turtle")
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(c) for c in sg.objects(None, SH.targetClass)}
    vocab = rdf.vocab_root(BASE) + "#"
    ours = {t for t in targets if t.startswith(vocab)}
    core = {vocab + c for c in ("Document", "Task", "Agency", "Assertion", "SourceFile")}
    assert core <= ours
    for t in core:  # (the samples hold no conflict or refused merge: those shapes wait)
        assert next(data.subjects(rdflib.RDF.type, rdflib.URIRef(t)), None) is not None, t
    # a broken copy: a document without its identifier
    doc = next(data.subjects(rdflib.RDF.type, rdflib.URIRef(vocab + "Document")))
    broken = rdflib.Graph()
    for t in data:
        if not (t[0] == doc and t[1] == rdflib.DCTERMS.identifier):
            broken.add(t)
    conforms, results = _shacl(broken, shapes)
    assert conforms is False
    found = {(results.value(r, SH.focusNode), results.value(r, SH.resultPath))
             for r in results.subjects(SH.focusNode, None)}
    assert (doc, rdflib.DCTERMS.identifier) in found
    # the shipped shapes (default base) target none of these nodes
    shipped = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "shapes.ttl"), format="turtle")
    for t in shipped.objects(None, SH.targetClass):
        if str(t).startswith(rdf.PG):
            assert next(data.subjects(rdflib.RDF.type, t), None) is None, t


def test_published_files_leave_no_default_base(published):
    files = sorted(p for p in (published / "ontology").rglob("*") if p.is_file())
    names = {p.relative_to(published / "ontology").as_posix() for p in files}
    assert {"policygraph.ttl", "shapes.ttl", "shapes-profiles.ttl", "context.jsonld",
            "queries/trace.rq"} <= names
    for p in files + [published / "pg.ttl"]:
        assert b"policygraph.example" not in p.read_bytes(), p
    # the context is the one the export embeds; the ontology defines the export's classes
    ctx = json.loads((published / "ontology" / "context.jsonld").read_text("utf-8"))
    assert ctx == {"@context": rdf.jsonld_context(BASE)}
    assert ctx["@context"]["pg"] == rdf.vocab_root(BASE) + "#"
    onto = (published / "ontology" / "policygraph.ttl").read_text("utf-8")
    assert f"<{rdf.vocab_root(BASE)}> a owl:Ontology" in onto


def test_the_default_base_publishes_the_shipped_files():
    from graph.export.rdf.publish import ONTOLOGY_DIR, published_files

    got = published_files(rdf.DEFAULT_BASE)
    assert len(got) >= 8
    for rel, data in got.items():
        assert data == (ONTOLOGY_DIR / rel).read_bytes(), rel


def test_a_base_ending_in_hash_moves_the_vocabulary_beside_it():
    from graph.export.rdf.publish import published_files

    got = published_files("https://example.org/y#")
    text = got["shapes.ttl"].decode()
    assert "<https://example.org/y/ontology#>" in text and "policygraph.example" not in text
    assert "PREFIX pg: <https://example.org/y/ontology#>" in text  # in the SPARQL constraints


BAD_BASES = [
    ("example.org/x/", "no scheme"),
    ("http://example.org/a b/", "not allowed in an IRI"),
    ("https://", "no host"),
    ("https://ex.org/a#b/", "'#' before its end"),
    ("https://ex.org/%zz/", "not a valid IRI"),
    ("", "empty"),
]


@pytest.mark.parametrize("base,problem", BAD_BASES)
def test_a_bad_base_is_one_clear_error_exit_2(store, tmp_path, capsys, base, problem):
    """F13: the CLI says what is wrong with --base in one line, exits 2, writes nothing."""
    from graph.cli import main

    for argv in (["export", "--store", str(store), "-o", str(tmp_path / "o.nt")],
                 ["ontology", "-o", str(tmp_path / "onto")],
                 ["push", "--store", str(store), "--endpoint", "http://127.0.0.1:9/store"]):
        assert main(argv + ["--base", base]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "--base" in err and problem in err, err
        assert "Traceback" not in err
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("base,problem", BAD_BASES)
def test_a_bad_base_is_refused_by_the_python_entry_points(store, tmp_path, base, problem):
    G = build_mod.load_graph(store)
    with pytest.raises(ValueError):
        rdf.mint_iris(G, base)
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(ValueError):
            rdf.export(G, tmp_path / "o.nt", base=base, engine=engine)
    assert not (tmp_path / "o.nt").exists()


@pytest.mark.parametrize("base", ["https://example.org/x", "https://example.org/x#", "urn:pg:",
                                  "https://lưu-trữ.example/", "http://example.org:8080/a%20b/"])
def test_good_bases_give_iris_pyoxigraph_reads(base):
    import pyoxigraph

    from graph.export.rdf.terms import base_problem, norm_base

    assert base_problem(base) is None
    assert norm_base(base).endswith(("/", "#"))
    G = sample_graph()
    nt = rdf.serialize(G, "nt", base=base)
    assert len(list(pyoxigraph.parse(nt, pyoxigraph.RdfFormat.N_TRIPLES))) > 50
