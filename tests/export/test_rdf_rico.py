"""The RiC-O profile (`export --profile rico`) of data/samples built by the real pipeline."""
from __future__ import annotations

import os
import re

import pytest

from graph.cli import main
from graph.export import rdf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
ONTOLOGY = os.path.join(ROOT, "ontology")
RICO = rdf.RICO
SPDX = "http://spdx.org/rdf/terms#"
build_mod = pytest.importorskip("graph.link")


def kept_rico_terms() -> set[str]:
    """tests/rico_terms.txt: the RiC-O 1.0.x terms checked in the ontology's lists."""
    with open(os.path.join(ROOT, "tests", "rico_terms.txt"), encoding="utf-8") as fh:
        return {line.split()[0] for line in fh if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "samples.sqlite"
    build_mod.build([os.path.join(ROOT, "data", "samples")], path)
    return str(path)


@pytest.fixture(scope="module")
def rico_ttl(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("rico") / "rico.ttl"
    assert main(["export", "--store", store, "--profile", "rico", "-o", str(out)]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def trs(rico_ttl):
    return list(rdf.read_triples(rico_ttl, "ttl"))


def _subjects_of(trs, cls):
    return {s for s, p, o in trs if p == rdf.A and str(o) == cls}


def _values(trs, s, p):
    return [o for s2, p2, o in trs if s2 == s and p2 == p]


def test_parses_in_pyoxigraph_and_uses_only_kept_rico_terms(rico_ttl, trs):
    import pyoxigraph

    st = pyoxigraph.Store()
    st.load(rico_ttl, pyoxigraph.RdfFormat.TURTLE)
    assert len(st) == len(trs) > 100
    used = {t[len(RICO):] for s, p, o in trs for t in (p, str(o)) if t.startswith(RICO)}
    assert used and used <= kept_rico_terms(), used - kept_rico_terms()
    assert {"Record", "RecordSet", "Instantiation", "Date", "DocumentaryFormType",
            "CorporateBody", "hasCreationDate", "hasCreator", "includesOrIncluded",
            "hasOrHadInstantiation", "hasDocumentaryFormType"} <= used


def test_records_title_is_the_trich_yeu_not_the_so_ky_hieu(store, trs):
    G = build_mod.load_graph(store)
    iri = rdf.mint_iris(G)
    docs = [(n, a) for n, a in G.nodes(data=True) if a.get("kind") == "document"]
    assert _subjects_of(trs, RICO + "Record") == {iri[n] for n, _ in docs}
    titled = 0
    for n, a in docs:
        titles = [o.value for o in _values(trs, iri[n], RICO + "title")]
        ids = [o.value for o in _values(trs, iri[n], RICO + "identifier")]
        assert ids == ([a["symbol"]] if a.get("symbol") else [])
        assert titles == ([a["title"]] if a.get("title") else [])
        titled += bool(titles)
        if a.get("date"):
            (d,) = _values(trs, iri[n], RICO + "hasCreationDate")
            assert [o.value for o in _values(trs, str(d), RICO + "normalizedDateValue")] == [a["date"]]
    assert titled >= 3


def test_instantiations_carry_the_store_fixity(store, trs):
    facts = rdf.store_facts(store)
    insts = _subjects_of(trs, RICO + "Instantiation")
    assert len(insts) == len(facts.files) == 3
    for s in insts:
        (path,) = [o.value for o in _values(trs, s, RICO + "identifier")]
        f = facts.files[path]
        (cs,) = _values(trs, s, SPDX + "checksum")
        assert [o.value for o in _values(trs, str(cs), SPDX + "checksumValue")] == [f.sha256]
        (ext,) = _values(trs, s, RICO + "hasExtent")
        assert [o.value for o in _values(trs, str(ext), RICO + "quantity")] == [str(f.size)]
        assert [str(o) for o in _values(trs, s, rdf.DCT + "format")] == \
            ["https://www.iana.org/assignments/media-types/text/plain"]
        (rec,) = _values(trs, s, RICO + "isOrWasInstantiationOf")
        assert s in {str(o) for o in _values(trs, str(rec), RICO + "hasOrHadInstantiation")}
        # named by its content, as the default export names the same file: moving the input
        # folder changes no IRI
        assert s == rdf.source_iri(rdf.DEFAULT_BASE, "elsewhere/" + path, f.sha256)
        assert f.sha256[:32] in s


def test_one_record_set_per_issuer(store, trs):
    G = build_mod.load_graph(store)
    sets = _subjects_of(trs, RICO + "RecordSet")
    creators = {str(o) for s, p, o in trs if p == RICO + "hasCreator" and s not in sets}
    assert len(sets) == len(creators) > 5
    for rs in sets:
        (c,) = _values(trs, rs, RICO + "hasCreator")
        members = {str(o) for o in _values(trs, rs, RICO + "includesOrIncluded")}
        assert members == {s for s, p, o in trs if p == RICO + "hasCreator" and str(o) == str(c)
                           and s not in sets}
    iri = rdf.mint_iris(G)
    joint = [n for n, a in G.nodes(data=True) if ";" in str(a.get("issuer") or "")]
    assert joint
    for n in joint:  # a joint issue has one creator per issuer
        assert len(_values(trs, iri[n], RICO + "hasCreator")) == \
            len(G.nodes[n]["issuer"].split(";"))


def test_validates_against_the_shapes_and_a_broken_one_does_not(rico_ttl):
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(os.path.join(ONTOLOGY, "shapes-profiles.ttl"))
    data = rdflib.Graph().parse(data=rico_ttl, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    assert conforms, text
    broken = re.sub(rb'rico:normalizedDateValue "(\d{4})-(\d{2})-(\d{2})"',
                    rb'rico:normalizedDateValue "\3/\2/\1"', rico_ttl, count=1)
    assert broken != rico_ttl
    data = rdflib.Graph().parse(data=broken, format="turtle")
    assert not pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)[0]


def test_deterministic_bytes_in_every_syntax(store, rico_ttl, tmp_path):
    G = build_mod.load_graph(store)
    files = rdf.store_facts(store).files
    assert rdf.serialize(G, "ttl", profile="rico", files=files) == rico_ttl
    for fmt in ("nt", "xml", "jsonld"):
        a = rdf.serialize(G, fmt, profile="rico", files=files)
        assert a == rdf.serialize(G, fmt, profile="rico", files=files, engine="rdflib")
        assert sorted(rdf.read_triples(a, fmt)) == sorted(rdf.read_triples(rico_ttl, "ttl"))


def test_import_refuses_a_rico_export(rico_ttl, tmp_path, capsys):
    path = tmp_path / "rico.ttl"
    path.write_bytes(rico_ttl)
    out = tmp_path / "g.pickle"
    assert main(["import", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "rico.ttl: not policygraph RDF" in err and "RiC-O" in err
    assert not out.exists()
