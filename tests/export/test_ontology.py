"""The ontology, shapes and queries are well-formed and say what the README says."""
from __future__ import annotations

import glob
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
ONT = os.path.join(ROOT, "ontology")


@pytest.fixture(scope="module")
def ont():
    import rdflib

    return rdflib.Graph().parse(os.path.join(ONT, "policygraph.ttl"))


def test_ontology_parses_in_two_parsers(ont):
    import pyoxigraph

    with open(os.path.join(ONT, "policygraph.ttl"), "rb") as fh:
        n = len(list(pyoxigraph.parse(fh.read(), pyoxigraph.RdfFormat.TURTLE)))
    assert n == len(ont) > 100


def test_alignment_axioms(ont):
    from rdflib import OWL, RDF, RDFS, URIRef

    PG = "https://policygraph.example/ontology#"
    ELI = "http://data.europa.eu/eli/ontology#"
    ORG = "http://www.w3.org/ns/org#"
    PROV = "http://www.w3.org/ns/prov#"
    SKOS = "http://www.w3.org/2004/02/skos/core#"
    RICO = "https://www.ica.org/standards/RiC/ontology#"
    U = URIRef
    assert (U(PG + "Document"), RDFS.subClassOf, U(ELI + "LegalResource")) in ont
    assert (U(PG + "Agency"), RDFS.subClassOf, U(ORG + "Organization")) in ont
    assert (U(PG + "Assertion"), RDFS.subClassOf, U(PROV + "Entity")) in ont
    assert (U(PG + "implements"), RDFS.subPropertyOf, U(ELI + "ensures_implementation_of")) in ont
    assert (U(PG + "Document"), RDFS.subClassOf, U(RICO + "Record")) in ont
    assert (U(PG + "SourceFile"), RDFS.subClassOf, U(RICO + "Instantiation")) in ont
    assert (U(PG + "Agency"), RDFS.seeAlso, U(RICO + "CorporateBody")) in ont
    for scheme in ("DocumentTypes", "Levels", "AgencyKinds", "ExtractionMethods", "Provinces"):
        assert (U(PG + scheme), RDF.type, U(SKOS + "ConceptScheme")) in ont
        members = list(ont.subjects(U(SKOS + "inScheme"), U(PG + scheme)))
        assert len(members) >= 5
        for c in members:  # every concept has its notation and a Vietnamese label
            assert (c, U(SKOS + "notation"), None) in ont, c
            assert any(o.language == "vi" for o in ont.objects(c, U(SKOS + "prefLabel"))), c
    assert (None, RDF.type, OWL.Ontology) in ont


def test_skos_mappings_only_on_concepts(ont):
    """skos: mapping properties link concepts, never OWL classes or properties."""
    from rdflib import OWL, RDF, URIRef

    SKOS = "http://www.w3.org/2004/02/skos/core#"
    owl_terms = set(ont.subjects(RDF.type, OWL.Class)) | set(ont.subjects(RDF.type, OWL.ObjectProperty)) \
        | set(ont.subjects(RDF.type, OWL.DatatypeProperty))
    for m in ("closeMatch", "exactMatch", "relatedMatch", "broadMatch", "narrowMatch"):
        assert not [s for s in ont.subjects(URIRef(SKOS + m), None) if s in owl_terms], m
    RICO = "https://www.ica.org/standards/RiC/ontology#"
    assert (None, None, URIRef(RICO + "isOrWasRegulatedBy")) not in ont


def test_concepts_match_the_exporter(ont):
    from rdflib import URIRef

    from graph.export import rdf
    from graph.export.rdf.iris import level_iri
    from graph.models import LEVELS

    SKOS = "http://www.w3.org/2004/02/skos/core#"
    for lv in LEVELS:  # the exporter writes a level as its concept (level_iri)
        assert (URIRef(level_iri(lv)), None, None) in ont, lv
    kinds = [k for k, _ in rdf.AGENCY_KINDS] + ["other"]
    for k in kinds:
        assert (URIRef(rdf.PGC + "agency-kind/" + k), URIRef(SKOS + "inScheme"), None) in ont
    for m in rdf.KNOWN_ORIGINS:
        assert (URIRef(rdf.PGC + "method/" + m), None, None) in ont, m
    from graph.export.rdf.iris import doctype_iri, province_iri
    from graph.tables import rows
    inscheme = URIRef(SKOS + "inScheme")
    for r in rows("doc_types.csv"):  # every document type, not only those met in the data
        c = URIRef(doctype_iri(r["code"], r["name"]))
        assert (c, inscheme, URIRef(rdf.PG + "DocumentTypes")) in ont, r["code"]
        assert (c, URIRef(SKOS + "notation"), rdflib_literal(r["code"])) in ont, r["code"]
    assert len({doctype_iri(r["code"], None) for r in rows("doc_types.csv")}) == \
        len(rows("doc_types.csv"))  # one concept per code (ĐA and DA apart)
    for r in rows("provinces.csv"):  # every province, a renamed one under its new name
        assert (URIRef(province_iri(r["name"])), inscheme, URIRef(rdf.PG + "Provinces")) in ont
    assert province_iri("Thừa Thiên Huế") == province_iri("Huế") == rdf.PGC + "province/hue"
    assert rdf.agency_kind({"name": "Ủy ban nhân dân tỉnh Thái Bình"}) == "peoples-committee"
    assert rdf.agency_kind({"name": "Tỉnh ủy Quảng Ngãi"}) == "party-committee"
    assert rdf.agency_kind({"name": "Sở Y tế"}) == "department"
    assert rdf.agency_kind({"name": "Bộ Y tế"}) == "ministry"
    assert rdf.agency_kind({"name": "các sở, ban, ngành", "is_group": True}) == "group"


def rdflib_literal(v):
    from rdflib import Literal
    return Literal(v)


def test_shapes_are_valid_shacl():
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(os.path.join(ONT, "shapes.ttl"))
    # validating the shapes graph against itself exercises pyshacl's shape parser
    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=shapes)
    assert conforms, text
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert len(list(shapes.subjects(rdflib.RDF.type, SH.NodeShape))) >= 6


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(ONT, "queries", "*.rq"))))
def test_queries_parse_and_run(path):
    import pyoxigraph
    import rdflib.plugins.sparql as sparql

    with open(path, encoding="utf-8") as fh:
        q = fh.read()
    sparql.prepareQuery(q)  # rdflib's SPARQL parser
    store = pyoxigraph.Store()
    with open(os.path.join(ONT, "policygraph.ttl"), "rb") as fh:
        store.load(fh.read(), pyoxigraph.RdfFormat.TURTLE)
    res = store.query(q)  # runs (no data: empty, but it must run)
    assert list(res) == []


def test_readme_lists_every_query():
    with open(os.path.join(ONT, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    for path in glob.glob(os.path.join(ONT, "queries", "*.rq")):
        assert "queries/" + os.path.basename(path) in readme
