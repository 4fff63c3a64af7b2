"""import: reads an export back, says what it did not keep, refuses what is not policygraph RDF."""
from __future__ import annotations

import pickle

import pytest

import rdf_sample as sample
from corpus_util import needs_official, official_texts
from graph.cli import main
from graph.export import rdf
from graph.export.rdf.importer import round_trip_form

FOREIGN = ('<https://a.example.org/thing/1> <http://purl.org/dc/terms/title> "một tiêu đề"@vi .\n'
           '<https://a.example.org/thing/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
           '<http://xmlns.com/foaf/0.1/Document> .\n')


@pytest.mark.parametrize("base", [rdf.DEFAULT_BASE, "https://example.org/x/"])
def test_round_trip_keeps_every_triple(base):
    G = sample.sample_graph()
    H, report = rdf.import_with_report(rdf.serialize(G, "nt", base=base), "nt")
    assert report.base == base
    assert report.triples == len(rdf.triples(G, base)) and report.not_kept == {}
    assert set(H.nodes) == set(G.nodes) and H.number_of_edges() == G.number_of_edges()


def test_foreign_triples_beside_an_export_are_counted_per_predicate():
    G = sample.sample_graph()
    extra = ('<https://policygraph.example/eli/vn/tw/nq/2017/20> <http://purl.org/dc/terms/'
             'subject> <https://a.example.org/topic/1> .\n')
    data = rdf.serialize(G, "nt") + FOREIGN.encode() + extra.encode()
    H, report = rdf.import_with_report(data, "nt")
    assert report.not_kept == {"http://purl.org/dc/terms/subject": 1,
                               "http://purl.org/dc/terms/title": 1,
                               rdf.RDF + "type": 1}
    assert report.lost == 3
    assert set(H.nodes) == set(G.nodes)


def test_foreign_rdf_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "foreign.nt"
    path.write_text(FOREIGN, encoding="utf-8")
    with pytest.raises(rdf.NotPolicygraphRDF, match="foreign.nt: not policygraph RDF"):
        rdf.import_rdf(path)
    out = tmp_path / "g.pickle"
    assert main(["import", str(path), "-o", str(out)]) == 1
    assert not out.exists()


def test_unparsable_file_is_refused_naming_the_file(tmp_path, capsys):
    path = tmp_path / "broken.ttl"
    path.write_text("<https://a.example.org/x> <https://a.example.org/p> \"open", encoding="utf-8")
    out = tmp_path / "g.pickle"
    assert main(["import", str(path), "-o", str(out)]) == 1
    assert "broken.ttl: cannot be read as ttl" in capsys.readouterr().err
    assert not out.exists()


def test_an_empty_file_is_refused():
    """An export always holds its build and its concept schemes: no triples is a cut or a
    wrong file, not an empty graph."""
    with pytest.raises(rdf.NotPolicygraphRDF, match="no RDF triples"):
        rdf.import_with_report(b"", "nt")


def test_cli_reports_what_it_did_not_keep_and_strict_writes_nothing(tmp_path, capsys):
    path = tmp_path / "mixed.nt"
    path.write_bytes(rdf.serialize(sample.sample_graph(), "nt") + FOREIGN.encode())
    out = tmp_path / "g.pickle"
    assert main(["import", str(path), "-o", str(out), "--strict"]) == 2
    assert not out.exists()
    assert main(["import", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 triples NOT kept" in err and "http://purl.org/dc/terms/title" in err
    with open(out, "rb") as fh:
        assert set(pickle.load(fh).nodes) == set(sample.sample_graph().nodes)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml", "jsonld"])
def test_every_attribute_round_trips_exactly(fmt):
    """Readings, conflicts, refused merges, an issuer's parent, fulfilled_by fields, files of
    one content read under two paths: as RDF (no JSON) and back, exactly."""
    G = sample.full_graph()
    data = rdf.serialize(G, fmt)
    assert sample.json_literals(rdf.triples(G)) == []
    H, report = rdf.import_with_report(data, fmt)
    assert report.not_kept == {}
    sample.assert_exact_round_trip(G, H)
    plan = H.nodes[sample.PLAN]
    assert plan["conflicts"] == G.nodes[sample.PLAN]["conflicts"]  # the builder's order
    assert plan["issuer_parent"] == "Ủy ban nhân dân tỉnh Thái Bình"
    assert plan["files"] == [sample.SRC, sample.SRC2]  # one content, both paths
    assert H.nodes["doc:127-KH/TU"]["refused"][1]["value"] == 2019  # types kept
    assert H.nodes["doc:127-KH/TU"]["refused"][0]["node_value"] is None
    e = H.edges[sample.PLAN, "doc:20-NQ/TW", "implements"]
    assert [r["source"] for r in e["also"]] == [sample.SRC2, sample.SRC]
    f = H.edges[sample.TASK, "doc:128-KH/TU", "fulfilled_by"]
    assert f["provinces"] == ["Hà Nội", "Thái Bình"] and f["days_after_plan"] == 30
    assert f["doc_source"] == sample.SRC2 and f["source"] == sample.SRC
    assert H.edges["task:000#II.9", "doc:128-KH/TU", "fulfilled_by"]["doc_evidence"] is None


def test_what_a_record_does_not_keep_is_reported():
    G = sample.full_graph()
    nt = rdf.serialize(G, "nt").decode()
    reading = next(line.split(" ")[0] for line in nt.split("\n") if "#Reading>" in line)
    extra = f'{reading} <http://purl.org/dc/terms/subject> "x" .\n'
    H, report = rdf.import_with_report((nt + extra).encode(), "nt")
    assert report.not_kept == {"http://purl.org/dc/terms/subject": 1}
    sample.assert_exact_round_trip(G, H)


def test_unknown_attributes_of_hand_made_graphs_stay_json():
    G = sample.sample_graph()
    G.nodes[sample.PLAN]["extra_key"] = {"x": [1, 2]}
    G.nodes[sample.PLAN]["title"] = ""  # an empty value of another shape than the builder's
    G.edges[sample.PLAN, "doc:20-NQ/TW", "implements"]["confidence"] = 0.5
    found = sample.json_literals(rdf.triples(G))
    assert len(found) == 2
    H = rdf.import_rdf(rdf.serialize(G, "nt"), "nt")
    assert H.nodes[sample.PLAN]["extra_key"] == {"x": [1, 2]} and H.nodes[sample.PLAN]["title"] == ""
    sample.assert_exact_round_trip(G, H)


@pytest.fixture(scope="module")
def official_store(tmp_path_factory):
    from graph.link import build

    folder = tmp_path_factory.mktemp("official")
    for i, text in enumerate(official_texts(318)):
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    store = folder / "official.sqlite"
    build([str(folder)], store)
    return store


@needs_official
def test_official_texts_export_has_no_json_and_round_trips_exactly(official_store):
    from graph.link import load_graph

    G = load_graph(official_store)
    assert G.number_of_nodes() > 1000
    assert sample.as_dicts(round_trip_form(G)) == sample.as_dicts(G)
    trs = rdf.triples(G)
    assert sample.json_literals(trs) == []
    data = rdf.serialize(G, "nt")
    assert b"unmappedAttributes" not in data
    H, report = rdf.import_with_report(data, "nt")
    assert report.not_kept == {}
    assert sample.as_dicts(H) == sample.as_dicts(G)
    # what used to be JSON is there as RDF
    preds = {p for _, p, _ in trs}
    assert {rdf.PG + "issuerParentName", rdf.PG + "otherReading", rdf.PG + "conflict"} <= preds
