"""Compact JSON-LD with the published @context, and the DCAT/VoID catalogue beside an export."""
from __future__ import annotations

import hashlib
import json
import os

import pytest

import rdf_sample as sample
from graph.cli import main
from graph.export import rdf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
ONTOLOGY = os.path.join(ROOT, "ontology")
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"
build_mod = pytest.importorskip("graph.link")


def test_published_context_is_the_embedded_one():
    with open(os.path.join(ONTOLOGY, "context.jsonld"), encoding="utf-8") as fh:
        published = fh.read()
    assert published == rdf.context_document()  # regenerate: python -m graph.export.rdf.context
    doc = json.loads(rdf.serialize(sample.sample_graph(), "jsonld"))
    assert doc["@context"] == json.loads(published)["@context"]


@pytest.mark.parametrize("base", [rdf.DEFAULT_BASE, "https://example.org/x/"])
def test_jsonld_is_compact_and_reads_back_exactly(base):
    G = sample.sample_graph()
    data = rdf.serialize(G, "jsonld", base=base)
    assert data == rdf.serialize(G, "jsonld", base=base, engine="rdflib")
    doc = json.loads(data)
    keys = {k for node in doc["@graph"] for k in node}
    assert "@type" in keys and "eli:id_local" in keys and "dcterms:identifier" in keys
    assert not any(k.startswith("http") for k in keys)  # every predicate compact
    want = sorted(rdf.read_triples(rdf.serialize(G, "nt", base=base), "nt"))
    assert sorted(rdf.read_triples(data, "jsonld")) == want
    H, report = rdf.import_with_report(data, "jsonld")
    assert report.lost == 0 and set(H.nodes) == set(G.nodes)
    for u, v, k, d in G.edges(keys=True, data=True):
        assert H.edges[u, v, k].get("offset") == d.get("offset")


def test_jsonld_reads_the_same_in_rdflib():
    import rdflib
    from rdflib.compare import isomorphic

    G = sample.sample_graph()
    a = rdflib.Graph().parse(data=rdf.serialize(G, "jsonld"), format="json-ld")
    b = rdflib.Graph().parse(data=rdf.serialize(G, "nt"), format="nt")
    assert len(a) == len(b) and isomorphic(a, b)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("cat")
    store = d / "samples.sqlite"
    build_mod.build([os.path.join(ROOT, "data", "samples")], store)
    ttl, nt, cat = d / "pg.ttl", d / "pg.nt", d / "catalog.ttl"
    assert main(["export", "--store", str(store), "-o", str(nt)]) == 0
    assert main(["export", "--store", str(store), "-o", str(ttl), "--catalog", str(cat),
                 "--distribution", str(nt),
                 "--download-base", "https://archive.example.vn/files/"]) == 0
    return store, ttl, nt, cat


def _trs(path):
    return list(rdf.read_triples(path))


def _one(trs, s, p):
    (o,) = [o for s2, p2, o in trs if s2 == s and p2 == p]
    return o


def test_catalogue_counts_the_export(built):
    store, ttl, nt, cat = built
    trs = _trs(cat)
    (ds,) = {s for s, p, o in trs if p == rdf.A and str(o) == DCAT + "Dataset"}
    export = _trs(nt)
    assert int(_one(trs, ds, VOID + "triples").value) == len(export)
    assert int(_one(trs, ds, VOID + "entities").value) == len({s for s, _, _ in export})
    for part in {str(o) for s, p, o in trs if s == ds and p == VOID + "classPartition"}:
        cls = str(_one(trs, part, VOID + "class"))
        n = len({s for s, p, o in export if p == rdf.A and str(o) == cls})
        assert int(_one(trs, part, VOID + "entities").value) == n > 0
    parts = {str(o) for s, p, o in trs if s == ds and p == VOID + "propertyPartition"}
    assert sum(int(_one(trs, x, VOID + "triples").value) for x in parts) == len(export)
    facts = rdf.store_facts(str(store))
    assert _one(trs, ds, rdf.DCT + "issued").value == facts.first_built
    assert str(_one(trs, ds, rdf.DCT + "license")) == "https://creativecommons.org/licenses/by/4.0/"


def test_catalogue_distributions(built):
    store, ttl, nt, cat = built
    trs = _trs(cat)
    dists = {s for s, p, o in trs if p == rdf.A and str(o) == DCAT + "Distribution"}
    assert len(dists) == 2
    for d in dists:
        url = str(_one(trs, d, DCAT + "downloadURL"))
        path = {"pg.ttl": ttl, "pg.nt": nt}[url.rsplit("/", 1)[1]]
        assert url.startswith("https://archive.example.vn/files/")
        assert int(_one(trs, d, DCAT + "byteSize").value) == os.path.getsize(path)
        cs = str(_one(trs, d, SPDX + "checksum"))
        assert _one(trs, cs, SPDX + "checksumValue").value == \
            hashlib.sha256(path.read_bytes()).hexdigest()
        media = str(_one(trs, d, DCAT + "mediaType"))
        assert media.endswith({"pg.ttl": "text/turtle", "pg.nt": "application/n-triples"}[
            path.name])


def test_catalogue_validates_and_is_deterministic(built, tmp_path):
    import pyshacl
    import rdflib

    store, ttl, nt, cat = built
    shapes = rdflib.Graph().parse(os.path.join(ONTOLOGY, "shapes-profiles.ttl"))
    conforms, _, text = pyshacl.validate(rdflib.Graph().parse(cat), shacl_graph=shapes,
                                         allow_warnings=True)
    assert conforms, text
    again = tmp_path / "catalog.ttl"
    G = build_mod.load_graph(str(store))
    opts = rdf.CatalogOptions(download_base="https://archive.example.vn/files/")
    rdf.write_catalog(G, str(again), rdf.DEFAULT_BASE, [str(ttl), str(nt)],
                      rdf.store_facts(str(store)), opts)
    assert again.read_bytes() == cat.read_bytes()
    rdf.write_catalog(G, str(again), rdf.DEFAULT_BASE, [str(ttl)], rdf.store_facts(str(store)),
                      rdf.CatalogOptions(license="https://creativecommons.org/publicdomain/zero/1.0/",
                                         publisher="Lưu trữ tỉnh"))
    trs = _trs(again)
    assert {str(o) for s, p, o in trs if p == rdf.DCT + "license"} == \
        {"https://creativecommons.org/publicdomain/zero/1.0/"}
    assert [o.value for s, p, o in trs if p == "http://xmlns.com/foaf/0.1/name"] == ["Lưu trữ tỉnh"]
    no_dist = rdflib.Graph().parse(data=again.read_bytes().replace(b"dcat:distribution", b"dcat:x"),
                                   format="turtle")
    assert not pyshacl.validate(no_dist, shacl_graph=shapes, allow_warnings=True)[0]


def test_jsonld_of_awkward_strings_is_the_same_from_both_engines():
    G = sample.sample_graph()
    awkward = 'a "q" \\ b\n\t\x01\x1c\x1e\x85\u2028 > <x> . ^^ @vi \x7f đ'
    G.nodes["doc:20-NQ/TW"]["title"] = awkward
    fast, plain = rdf.serialize(G, "jsonld"), rdf.serialize(G, "jsonld", engine="rdflib")
    assert fast == plain
    titles = [o.value for s, p, o in rdf.read_triples(fast, "jsonld")
              if isinstance(o, rdf.L) and o.value == awkward]
    assert titles == [awkward]


def test_nt_lines_joins_a_line_split_across_chunks():
    from graph.export.rdf.jsonld import nt_lines

    text = '<a> <b> "x\u2028y" .\n<a> <c> <d> .\n'.encode()
    for cut in range(len(text) + 1):
        assert list(nt_lines([text[:cut], text[cut:]])) == \
            ['<a> <b> "x\u2028y" .', "<a> <c> <d> ."]
