"""RDF export: SHACL validity, independent parsing, SPARQL lineage, determinism, round trip."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import networkx as nx
import pytest

import rdf_sample as sample
from graph.export import rdf

HERE = os.path.dirname(os.path.dirname(__file__))  # tests/ (the support modules)
ROOT = os.path.dirname(HERE)
ONTOLOGY = os.path.join(ROOT, "ontology")


def _shacl(data_ttl: bytes):
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(data=data_ttl, format="turtle")
    shapes = rdflib.Graph().parse(os.path.join(ONTOLOGY, "shapes.ttl"))
    ont = rdflib.Graph().parse(os.path.join(ONTOLOGY, "policygraph.ttl"))
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont,
                                               inference="none", allow_warnings=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = list(results.subjects(SH.resultSeverity, SH.Violation))
    return conforms, violations, text


def _store(data: bytes, fmt="ttl"):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(data, getattr(pyoxigraph.RdfFormat, rdf.FORMATS[fmt][1]))
    return store


def _query(store, name: str, **replace):
    with open(os.path.join(ONTOLOGY, "queries", name), encoding="utf-8") as fh:
        q = fh.read()
    for old, new in replace.items():
        assert old in q
        q = q.replace(old, new)
    return q if store is None else store.query(q)


# ------------------------------------------------------------------ SHACL

@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("make", [sample.sample_graph, sample.full_graph], ids=["sample", "full"])
def test_export_conforms_to_shapes(engine, make):
    data = rdf.serialize(make(), "ttl", engine=engine)
    conforms, violations, text = _shacl(data)
    assert violations == [], text
    assert conforms, text


def test_shapes_catch_broken_records():
    """A reading of two assertions, a conflict without its field, a refused merge whose
    candidate is no document: violations of the record shapes."""
    G = sample.full_graph()
    data = rdf.serialize(G, "nt").decode()
    reading = next(line.split(" ")[0] for line in data.split("\n") if "#Reading>" in line)
    conflict = next(line.split(" ")[0] for line in data.split("\n") if "#Conflict>" in line)
    refused = next(line.split(" ")[0] for line in data.split("\n") if "#RefusedMerge>" in line)
    other = next(line.split(" ")[0] for line in data.split("\n")
                 if "#relation>" in line and "/reading/" not in line)
    broken = "\n".join(line for line in data.split("\n")
                       if not (line.startswith(conflict + " ") and "#field>" in line))
    broken += (f"{other} <{rdf.PG}otherReading> {reading} .\n"
               f"{refused} <{rdf.PG}refusedCandidate> <https://a.example.org/x> .\n")
    import rdflib
    ttl = rdflib.Graph().parse(data=broken, format="nt").serialize(format="turtle").encode()
    conforms, violations, text = _shacl(ttl)
    assert not conforms
    for message in ("A reading belongs to one assertion", "pg:field", "pg:refusedCandidate"):
        assert message in text, message


def test_ontology_and_shapes_parse_and_define_used_terms():
    import rdflib

    ont = rdflib.Graph().parse(os.path.join(ONTOLOGY, "policygraph.ttl"))
    data = rdf.to_rdflib(sample.full_graph())  # every attribute a built graph carries
    used = {p for p in data.predicates() if str(p).startswith(rdf.PG)}
    used |= {o for o in data.objects(None, rdflib.RDF.type) if str(o).startswith(rdf.PG)}
    defined = set(ont.subjects(rdflib.RDF.type, None))
    assert used and used <= defined, sorted(map(str, used - defined))
    # every concept IRI the sample uses from the fixed schemes is in the ontology
    for p in (rdf.PG + "level", rdf.ORG + "classification"):
        for o in data.objects(None, rdflib.URIRef(p)):
            assert (o, rdflib.RDF.type, None) in ont or (o, None, None) in ont, o


def test_broken_graph_gives_violations():
    G = sample.sample_graph()
    # an assigns edge without its source, pointing at a document instead of an agency
    G.add_edge(sample.TASK, "doc:20-NQ/TW", key="assigns", relation="assigns", role="boss",
               evidence="?")
    G.nodes["ag:so"].pop("name")  # an agency without its name
    G.nodes["task:000#II.9"]["text"] = None  # a task without its text
    data = rdf.serialize(G, "ttl")
    conforms, violations, text = _shacl(data)
    assert not conforms
    assert len(violations) >= 5, text
    for needle in ("source file", "official name", "task needs its text", "role (lead",
                   "pg:Agency"):
        assert needle in text, needle


# ------------------------------------------------------------------ parsers

@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml", "jsonld"])
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_export_parses_in_pyoxigraph_with_rdflib_count(fmt, engine):
    import rdflib

    G = sample.sample_graph()
    expected = len(rdf.to_rdflib(G))
    assert expected == len(rdf.triples(G))
    data = rdf.serialize(G, fmt, engine=engine)
    assert len(_store(data, fmt)) == expected
    g2 = rdflib.Graph().parse(data=data, format=rdf.FORMATS[fmt][0].replace("pretty-", ""))
    assert len(g2) == expected


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor2-utils (rapper) not installed")
def test_export_parses_in_rapper(tmp_path):
    G = sample.sample_graph()
    out = tmp_path / "g.ttl"
    rdf.export(G, out)
    res = subprocess.run(["rapper", "-i", "turtle", "-c", str(out)], capture_output=True,
                         text=True)
    assert res.returncode == 0, res.stderr
    assert f"returned {len(rdf.triples(G))} triples" in res.stderr


def test_no_blank_nodes():
    import rdflib

    g = rdf.to_rdflib(sample.sample_graph())
    assert not any(isinstance(t, rdflib.BNode) for tr in g for t in tr)


# ------------------------------------------------------------------ determinism

@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml", "jsonld"])
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_same_graph_gives_same_bytes(fmt, engine, tmp_path):
    G = sample.sample_graph()
    a, b = tmp_path / "a", tmp_path / "b"
    rdf.export(G, a, fmt, engine=engine)
    H = nx.MultiDiGraph()  # same graph, other insertion order
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    rdf.export(H, b, fmt, engine=engine)
    assert a.read_bytes() == b.read_bytes()


def test_same_bytes_across_processes(tmp_path):
    """Hash randomisation must not leak into the file."""
    script = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {HERE!r})
        from rdf_sample import sample_graph
        from graph.export import rdf
        sys.stdout.buffer.write(rdf.serialize(sample_graph(), sys.argv[1], engine=sys.argv[2]))
    """)
    for fmt, engine in (("ttl", "rdflib"), ("jsonld", "rdflib"), ("ttl", "oxigraph"),
                        ("nt", "oxigraph")):
        outs = set()
        for seed in ("1", "2", "3"):
            env = dict(os.environ, PYTHONHASHSEED=seed)
            outs.add(subprocess.run([sys.executable, "-c", script, fmt, engine], env=env,
                                    capture_output=True, check=True, cwd=ROOT).stdout)
        assert len(outs) == 1, (fmt, engine)


def test_base_is_configurable():
    data = rdf.serialize(sample.sample_graph(), "nt", base="https://archive.example.vn/pg")
    assert b"<https://archive.example.vn/pg/eli/vn/tw/nq/2017/20>" in data
    assert b"<https://archive.example.vn/pg/ontology#Document>" in data  # the vocabulary too
    assert b"<https://archive.example.vn/pg/ontology/doctype/nq>" in data
    assert b"policygraph.example" not in data


# ------------------------------------------------------------------ round trip

@sample.NEEDS_IMPORTER
@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml", "jsonld"])
def test_round_trip(fmt, tmp_path):
    G = sample.sample_graph()
    G.nodes["doc:20-NQ/TW"]["extra_key"] = {"x": [1, 2]}  # unknown attributes survive too
    G.edges[sample.PLAN, "doc:20-NQ/TW", "implements"]["confidence"] = 0.5
    out = tmp_path / f"g.{rdf.FORMATS[fmt][2]}"
    rdf.export(G, out, fmt)
    H = rdf.import_rdf(out)
    sample.assert_exact_round_trip(G, H)
    assert H.nodes["doc:20-NQ/TW"]["kind"] == "document"
    assert H.nodes["doc:20-NQ/TW"]["files"] == []  # an empty value, not written, given back
    e = H.edges[sample.TASK, "ag:phong-vl", "assigns"]
    assert e["role"] == "lead" and e["source"] == sample.SRC and e["offset"] == 3100
    # and the re-export is byte-identical
    assert rdf.serialize(H, "ttl") == rdf.serialize(G, "ttl")


# ------------------------------------------------------------------ SPARQL

def _walk_roots(G, task):
    plan = G.nodes[task]["plan"]
    impl = nx.DiGraph((u, v) for u, v, k in G.edges(keys=True) if k == "implements")
    if plan not in impl:
        return {plan}
    reach = nx.descendants(impl, plan) | {plan}
    return {n for n in reach if impl.out_degree(n) == 0}


def test_sparql_trace_matches_graph_walk():
    G = sample.sample_graph()
    store = _store(rdf.serialize(G, "ttl"))
    rows = list(_query(store, "trace.rq"))
    roots = {r["symbol"].value for r in rows if r["isRoot"].value == "true"}
    want = {G.nodes[n]["symbol"] for n in _walk_roots(G, sample.TASK)}
    assert roots == want == {"20-NQ/TW", "21-NQ/TW"}
    chain = {r["symbol"].value for r in rows if r["symbol"] is not None}
    assert "127-KH/TU" in chain  # via the Tỉnh ủy plan


def test_sparql_property_path_lineage_from_task_iri():
    G = sample.sample_graph()
    iri = rdf.mint_iris(G)
    store = _store(rdf.serialize(G, "nt"), "nt")
    q = f"""PREFIX pg: <{rdf.PG}> PREFIX eli: <{rdf.ELI}>
    SELECT DISTINCT ?root WHERE {{
      <{iri[sample.TASK]}> eli:is_part_of/pg:implements* ?root .
      FILTER NOT EXISTS {{ ?root pg:implements ?up }} }}"""
    got = {r["root"].value for r in store.query(q)}
    assert got == {iri[n] for n in _walk_roots(G, sample.TASK)}


def test_impact_query():
    store = _store(rdf.serialize(sample.sample_graph(), "ttl"))
    rows = list(_query(store, "impact.rq"))
    docs = {r["symbol"].value for r in rows if r["symbol"] is not None}
    assert docs == {"127-KH/TU"}  # the unnumbered plan has no symbol
    roles = {(r["number"].value, r["role"].value) for r in rows if r["role"] is not None}
    assert roles == {("II.2", "lead"), ("II.2", "partner")}
    assert len({r["doc"].value for r in rows}) == 2  # 127-KH/TU and the Sở's plan


def test_overdue_query():
    G = sample.sample_graph()
    G.nodes["task:000#II.9"]["due"] = "2999-01-01"
    rows = list(_query(_store(rdf.serialize(G, "ttl")), "overdue.rq"))
    assert [r["number"].value for r in rows] == ["II.2"]
    assert rows[0]["lead"].value == "Phòng Việc làm – An toàn lao động"
    rows = list(_query(_store(rdf.serialize(G, "ttl")), "overdue.rq",
                       **{"BIND ( SUBSTR(STR(NOW()), 1, 10) AS ?today )":
                          'BIND ("2019-06-01" AS ?today)'}))
    assert rows == []


def test_to_rico_construct():
    store = _store(rdf.serialize(sample.sample_graph(), "ttl"))
    res = list(_query(store, "to_rico.rq"))
    rico = rdf.RICO
    types = {(t.subject.value, t.object.value) for t in res
             if t.predicate.value == rdf.RDF + "type"}
    assert sum(1 for _, o in types if o == rico + "Record") == 6
    # one per agency, not the group of agencies ('các sở, ban, ngành'): no corporate body
    G = sample.sample_graph()
    bodies = [n for n, a in G.nodes(data=True) if a.get("kind") == "agency" and not a.get("is_group")]
    assert len(bodies) < sum(1 for _, a in G.nodes(data=True) if a.get("kind") == "agency")
    assert sum(1 for _, o in types if o == rico + "CorporateBody") == len(bodies)
    assert any(t.predicate.value == rico + "hasCreator" for t in res)


# ------------------------------------------------------------------ details

def test_provenance_on_every_edge():
    G = sample.sample_graph()
    store = _store(rdf.serialize(G, "ttl"))
    q = f"""PREFIX pg: <{rdf.PG}> PREFIX prov: <{rdf.PROV}>
    SELECT ?a ?path ?ev ?m WHERE {{ ?a a pg:Assertion ; prov:wasDerivedFrom/pg:path ?path ;
      pg:evidence ?ev ; pg:extractionMethod ?m }}"""
    rows = list(store.query(q))
    assert len(rows) == G.number_of_edges()
    assert {r["path"].value for r in rows} == {sample.SRC}


def test_based_on_for_can_cu_and_ambiguous_flag():
    G = sample.sample_graph()
    iri = rdf.mint_iris(G)
    trs = set(rdf.triples(G))
    assert (iri[sample.PLAN], rdf.ELI + "based_on", iri["doc:1983/QĐ-TTg"]) in trs
    assert (iri[sample.PLAN], rdf.ELI + "ensures_implementation_of", iri["doc:127-KH/TU"]) in trs
    amb = iri["doc:1983/QĐ-TTg"]
    assert (amb, rdf.PG + "ambiguous", rdf.L("true", rdf.XSD + "boolean")) in trs
    assert (amb, rdf.PG + "candidateId", rdf.L("doc:1983/QĐ-TTg@2018")) in trs
    assert "/undated/" in amb
