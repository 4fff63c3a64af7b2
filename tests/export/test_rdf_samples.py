"""Integration: build data/samples with the real pipeline, export, validate, query, round trip."""
from __future__ import annotations

import datetime
import os
import pickle
import re
import shutil
import sqlite3
from importlib.metadata import version

import pytest

import rdf_sample as sample
from graph.export import rdf
from graph.export.rdf.importer import round_trip_form
from graph_util import samples_store

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
ONTOLOGY = os.path.join(ROOT, "ontology")
TNLD = "Đề án Phòng, chống tai nạn lao động"

build_mod = pytest.importorskip("graph.link")
pytest.importorskip("graph.extract")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return samples_store(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def G(store):
    return build_mod.load_graph(store)


@pytest.fixture(scope="module")
def ttl(G):
    return rdf.serialize(G, "ttl")


def test_samples_export_has_no_shacl_violations(ttl):
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(data=ttl, format="turtle")
    shapes = rdflib.Graph().parse(os.path.join(ONTOLOGY, "shapes.ttl"))
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert list(results.subjects(SH.resultSeverity, SH.Violation)) == [], text


def _query(ttl: bytes, q: str) -> list:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(ttl, pyoxigraph.RdfFormat.TURTLE)
    prefixes = "".join(f"PREFIX {p}: <{ns}> " for p, ns in rdf.PREFIXES.items())
    return list(store.query(prefixes + q))


def test_samples_fixity_and_build_provenance(store, G, ttl):
    """Each source file carries its SHA-256 (SPDX), media type, size and path; one build
    (its times from the store) generated every assertion; nothing is left in JSON."""
    with sqlite3.connect(store) as conn:
        files = {p: (h, n, t) for p, h, n, t in
                 conn.execute("SELECT path, sha256, size, built_at FROM files")}
    rows = _query(ttl, """SELECT ?f ?path ?sum ?fmt ?n WHERE { ?f a pg:SourceFile ; pg:path ?path ;
        dcterms:format ?fmt ; pg:characters ?n ; spdx:checksum/spdx:checksumValue ?sum }""")
    assert {(r["path"].value, r["sum"].value, int(r["n"].value)) for r in rows} == \
        {(p, h, n) for p, (h, n, _) in files.items()}
    for r in rows:
        assert r["f"].value.endswith("/id/source/" + r["sum"].value[:32])
        assert r["fmt"].value == "https://www.iana.org/assignments/media-types/text/plain"
    builds = _query(ttl, """SELECT ?b ?start ?end ?v (COUNT(?a) AS ?n) WHERE {
        ?b a prov:Activity ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
           prov:wasAssociatedWith/owl:versionInfo ?v .
        ?a prov:wasGeneratedBy ?b } GROUP BY ?b ?start ?end ?v""")
    assert len(builds) == 1 and int(builds[0]["n"].value) == G.number_of_edges()
    assert builds[0]["v"].value == version("policygraph")
    first = min(t for _, _, t in files.values())
    assert builds[0]["start"].value == datetime.datetime.fromtimestamp(
        first, datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    assert sample.json_literals(rdf.triples(G)) == []
    assert b"unmappedAttributes" not in ttl


def test_samples_documents_are_passed_by_agencies_and_placed(G, ttl):
    n_issuer = sum(1 for _, a in G.nodes(data=True) if a.get("kind") == "document" and a.get("issuer"))
    rows = _query(ttl, """SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pg:Document ;
        pg:issuerName ?i ; eli:passed_by ?ag . ?ag skos:prefLabel ?name }""")
    assert int(rows[0]["n"].value) == n_issuer > 10
    rows = _query(ttl, """SELECT ?d ?place ?label WHERE { ?d a pg:Document ; pg:jurisdiction ?j ;
        eli:jurisdiction ?place . ?place a dcterms:Location ; skos:prefLabel ?label ;
        skos:inScheme pg:Provinces }""")
    assert rows and {r["label"].value for r in rows} >= {"Hậu Giang", "Thái Bình"}
    rows = _query(ttl, "SELECT ?d ?t WHERE { ?d a pg:Document ; dcterms:title ?t }")
    assert len(rows) == sum(1 for _, a in G.nodes(data=True) if a.get("kind") == "document"
                            and a.get("title"))
    assert b"eli:title" not in ttl and b"eli#title" not in ttl
    # departments belong to their province's People's Committee (tables/agency_parents.csv)
    rows = _query(ttl, """SELECT ?s ?name WHERE { ?s a pg:Agency ; org:subOrganizationOf ?u .
        ?u skos:prefLabel ?name }""")
    assert len(rows) >= 10 and "Ủy ban nhân dân tỉnh" in {r["name"].value for r in rows}
    assert all(r["name"].value.startswith("Ủy ban nhân dân") for r in rows
               if "/so-" in r["s"].value)


def _iris(data: bytes) -> set:
    return set(re.findall(rb"<([^>]*)>", data))


def test_moving_the_input_folder_changes_no_iri(tmp_path):
    outs = []
    for where in ("a/samples", "somewhere/else/copy"):
        folder = tmp_path / where
        shutil.copytree(os.path.join(ROOT, "data", "samples"), folder)
        st = tmp_path / (where.replace("/", "-") + ".sqlite")
        build_mod.build([str(folder)], st)
        outs.append(rdf.serialize(build_mod.load_graph(st), "nt"))
    a, b = outs
    assert str(tmp_path).encode() in a  # the paths are there, as literals
    assert _iris(a) == _iris(b)
    assert len(_iris(a)) > 500


def test_base_moves_every_iri(G):
    data = rdf.serialize(G, "nt", base="https://example.org/x/")
    assert b"policygraph.example" not in data
    assert b"<https://example.org/x/ontology#Document>" in data
    ttl = rdf.serialize(G, "ttl", base="https://example.org/x/", engine="rdflib")
    assert b"policygraph.example" not in ttl


@sample.NEEDS_IMPORTER
def test_samples_round_trip_is_exact(G, ttl):
    """import(export(G)) is G, attribute for attribute: a built graph is its own round-trip
    form (every empty value the export leaves out is the one the importer gives back)."""
    H = rdf.import_rdf(ttl, "ttl")
    assert sample.as_dicts(round_trip_form(G)) == sample.as_dicts(G)
    sample.assert_exact_round_trip(G, H)
    assert sample.as_dicts(H) == sample.as_dicts(G)


def test_samples_export_parses_in_pyoxigraph(G, ttl):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(ttl, pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(rdf.to_rdflib(G)) > G.number_of_nodes()


def test_samples_round_trip(G, ttl):
    H = rdf.import_rdf(ttl, "ttl")
    assert set(H.nodes) == set(G.nodes)
    assert {(u, v, k) for u, v, k in H.edges(keys=True)} == \
        {(u, v, k) for u, v, k in G.edges(keys=True)}
    for n, a in G.nodes(data=True):
        b = H.nodes[n]
        for key in ("kind", "symbol", "date", "level", "jurisdiction", "stub", "ambiguous"):
            assert b.get(key) == a.get(key), (n, key)
    for u, v, k, d in G.edges(keys=True, data=True):
        e = H.edges[u, v, k]
        for key in ("relation", "evidence", "source", "offset", "origin", "role"):
            assert e.get(key) == d.get(key), (u, v, k, key)


def test_samples_lineage_in_sparql_matches_trace(G, ttl):
    import pyoxigraph
    from graph.query import trace

    t = trace(G, TNLD)
    want = {r["symbol"] for r in t["roots"]}
    assert "20-NQ/TW" in want
    iri = rdf.mint_iris(G)
    start = iri[t["start"]]
    store = pyoxigraph.Store()
    store.load(ttl, pyoxigraph.RdfFormat.TURTLE)
    q = f"""PREFIX pg: <{rdf.PG}> PREFIX eli: <{rdf.ELI}>
    SELECT DISTINCT ?symbol WHERE {{
      <{start}> (eli:is_part_of|pg:implements)* ?root .
      ?root a pg:Document .
      FILTER NOT EXISTS {{ ?root pg:implements ?up }}
      ?root eli:id_local ?symbol }}"""
    got = {r["symbol"].value for r in store.query(q)}
    assert got == want
    if G.nodes[t["start"]].get("kind") == "task":
        # the shipped query finds the task by its text and reaches 20-NQ/TW via 127-KH/TU
        with open(os.path.join(ONTOLOGY, "queries", "trace.rq"), encoding="utf-8") as fh:
            rows = list(store.query(fh.read()))
        chain = {r["symbol"].value for r in rows if r["symbol"] is not None}
        assert {"127-KH/TU", "20-NQ/TW"} <= chain


def test_cli_export_import(store, tmp_path, G):
    from graph.cli import main

    out = tmp_path / "pg.ttl"
    assert main(["export", "--store", str(store), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["export", "--store", str(store), "-o", str(out)]) == 0
    assert out.read_bytes() == first  # same store -> byte-identical file
    for fmt in ("jsonld", "xml", "nt"):
        o = tmp_path / f"pg.{fmt}"
        assert main(["export", "--store", str(store), "--format", fmt, "-o", str(o),
                     "--engine", "rdflib", "--base", "https://lưu-trữ.example/"]) == 0
        assert o.stat().st_size > 0
    pk = tmp_path / "g.pickle"
    assert main(["import", str(out), "-o", str(pk)]) == 0
    with open(pk, "rb") as fh:
        H = pickle.load(fh)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()


def test_cli_export_workers(store, tmp_path, monkeypatch, capsys):
    """--workers reaches the writer; any number of workers writes the same bytes."""
    from graph.cli import main
    from graph.export import rdf

    seen = []
    real = rdf.export

    def spy(*a, **kw):
        seen.append(kw.get("workers"))
        return real(*a, **kw)

    monkeypatch.setattr(rdf, "export", spy)
    outs = []
    for n in ("1", "2"):
        o = tmp_path / f"w{n}.nt"
        assert main(["export", "--store", str(store), "-o", str(o), "--workers", n]) == 0
        outs.append(o.read_bytes())
    assert seen == [1, 2] and outs[0] == outs[1] and outs[0]
    assert main(["export", "--store", str(store), "-o", str(tmp_path / "x.nt"), "--workers", "0"]) == 1
    assert "--workers must be 1 or more" in capsys.readouterr().err
