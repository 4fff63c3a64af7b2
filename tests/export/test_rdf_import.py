"""import: reads an export back, says what it did not keep, refuses what is not policygraph RDF."""
from __future__ import annotations

import pickle

import pytest

import rdf_sample as sample
from graph.cli import main
from graph.export import rdf

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


def test_empty_file_gives_an_empty_graph():
    H, report = rdf.import_with_report(b"", "nt")
    assert H.number_of_nodes() == 0 and report.triples == 0 and report.lost == 0


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
