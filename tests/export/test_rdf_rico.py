"""The RiC-O profile (`export --profile rico`) of data/samples built by the real pipeline."""
from __future__ import annotations

import os
import re

import pytest

from graph.cli import main
from graph.export import rdf
from graph.export.rdf.rico import record_set_iri
from graph.export.rdf.syntax import nt_line
from graph_util import samples_store

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
    return samples_store(tmp_path_factory.mktemp("store"))


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
        assert ids == ([a["symbol"]] if a.get("symbol") else [] if a.get("title") else [n])
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


def test_shapes_catch_a_creator_with_two_record_sets_or_a_record_out_of_its_set(trs):
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(os.path.join(ONTOLOGY, "shapes-profiles.ttl"))
    lines = [nt_line(*t) for t in trs]
    sets = sorted(_subjects_of(trs, RICO + "RecordSet"))
    (creator,) = _values(trs, sets[0], RICO + "hasCreator")
    (record, *_) = sorted(str(o) for o in _values(trs, sets[0], RICO + "includesOrIncluded"))
    rs = rdf.DEFAULT_BASE + "rico/record-set/second"  # a second set of one creator
    second = [(rs, rdf.A, rdf.I(RICO + "RecordSet")), (rs, RICO + "title", rdf.L("x")),
              (rs, RICO + "hasCreator", creator), (rs, RICO + "includesOrIncluded", rdf.I(record))]
    stray = [(sets[1], RICO + "includesOrIncluded", rdf.I(record))]  # a record of another creator
    for extra in (second, stray, []):
        data = rdflib.Graph().parse(data="\n".join(lines + [nt_line(*t) for t in extra]),
                                    format="nt")
        assert pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)[0] == (not extra)


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


# ------------------------------------------------------------------ creators, agencies, --base

ELI_PASSED_BY = "http://data.europa.eu/eli/ontology#passed_by"
ORG_SUB = "http://www.w3.org/ns/org#subOrganizationOf"
ORG_ORGANIZATION = "http://www.w3.org/ns/org#Organization"


def _default_pairs(G, p, base=rdf.DEFAULT_BASE) -> list[set]:
    """The (s, o) pairs of predicate p in the default profile of G, by both writers (the
    plain mapping and the fast N-Triples text)."""
    plain = {(s, str(o)) for s, p2, o in rdf.triples(G, base) if p2 == p}
    fast = {(s, str(o)) for s, p2, o in rdf.read_triples(rdf.serialize(G, "nt", base=base), "nt")
            if p2 == p}
    return [plain, fast]


def _rico_pairs(trs, p) -> set:
    return {(s, str(o)) for s, p2, o in trs if p2 == p}


def _joint(G, n) -> bool:
    return ";" in str(G.nodes[n].get("issuer") or "")


def _check_creators_are_the_default_agencies(G, trs, base=rdf.DEFAULT_BASE) -> None:
    """Every record's creators are the default profile's eli:passed_by of that document (a
    joint issue: one per body in both), each a CorporateBody also an org:Organization of the
    default; one record set per creator."""
    iri = rdf.mint_iris(G, base)
    joint = {iri[n] for n in G if _joint(G, n)}
    creators = _rico_pairs(trs, RICO + "hasCreator")
    sets = _subjects_of(trs, RICO + "RecordSet")
    by_record: dict = {}
    for s, o in creators:
        if s not in sets:
            by_record.setdefault(s, set()).add(o)
    bodies = _subjects_of(trs, RICO + "CorporateBody")
    orgs = {s for s, p, o in rdf.triples(G, base) if p == rdf.A and str(o) == ORG_ORGANIZATION}
    for passed in _default_pairs(G, ELI_PASSED_BY, base):
        by_doc: dict = {}
        for s, o in passed:
            by_doc.setdefault(s, set()).add(o)
        assert by_record == by_doc
    for s in joint & set(by_record):
        assert len(by_record[s]) == len(G.nodes[next(n for n in G if iri[n] == s)]["issuer"].split(";"))
    used = {o for v in by_record.values() for o in v}
    assert used <= bodies and used <= orgs
    assert not any("rico/agent/" in x for t in trs for x in (t[0], str(t[2])))
    assert len(sets) == len(used)
    for rs in sets:
        (c,) = _values(trs, rs, RICO + "hasCreator")
        assert rs == record_set_iri(base, str(c))
        (title,) = _values(trs, rs, RICO + "title")
        assert [title] == _values(trs, str(c), RICO + "name")


def test_creators_are_the_default_profile_s_agencies(store, trs):
    _check_creators_are_the_default_agencies(build_mod.load_graph(store), trs)


def test_the_hierarchy_is_the_default_profile_s(store, trs):
    G = build_mod.load_graph(store)
    subs = _rico_pairs(trs, RICO + "isOrWasSubdivisionOf")
    assert len(subs) > 3
    bodies = _subjects_of(trs, RICO + "CorporateBody")
    assert {x for pair in subs for x in pair} <= bodies
    for default in _default_pairs(G, ORG_SUB):
        assert default == subs  # the same links, a joint issue's bodies included


def _made_up():
    """Agencies and documents of one province under two spellings, a joint issue, a
    department whose parent is no node, a document with an issued_by edge."""
    import networkx as nx

    G = nx.MultiDiGraph()
    doc = dict(kind="document", stub=True)
    G.add_node("agency:huế|ủy ban nhân dân tỉnh", kind="agency", name="Ủy ban nhân dân tỉnh",
               jurisdiction="Thừa Thiên Huế", level="provincial", is_group=False)
    G.add_node("agency:huế|sở y tế", kind="agency", name="Sở Y tế", jurisdiction="Huế",
               level="department", is_group=False)
    G.add_node("doc:1/qđ-ubnd|huế|2024", symbol="1/QĐ-UBND", type_code="QĐ",
               doc_type="Quyết định", issuer="Ủy ban nhân dân tỉnh Thừa Thiên Huế",
               jurisdiction="Thừa Thiên Huế", year=2024, **doc)
    G.add_node("doc:2/qđ-ubnd|huế|2024", symbol="2/QĐ-UBND", type_code="QĐ",
               issuer="Ủy ban nhân dân tỉnh Huế", jurisdiction="Huế", year=2024, **doc)
    G.add_node("doc:3/kh-syt|huế|2024", symbol="3/KH-SYT", type_code="KH",
               issuer="Sở Y tế tỉnh Huế", jurisdiction="Huế", year=2024, **doc)
    G.add_edge("doc:3/kh-syt|huế|2024", "agency:huế|sở y tế", key="issued_by", relation="issued_by")
    G.add_node("doc:4/2024/ttlt-byt-btc||2024", symbol="4/2024/TTLT-BYT-BTC", type_code="TTLT",
               issuer="Bộ Y tế; Bộ Tài chính", year=2024, **doc)
    G.add_node("doc:5/qđ-sct|huế|2024", symbol="5/QĐ-SCT", type_code="QĐ",
               issuer="Sở Công Thương", jurisdiction="Thừa Thiên Huế", year=2024, **doc)
    return G


@pytest.mark.parametrize("base", [rdf.DEFAULT_BASE, "https://example.org/x/"])
def test_one_body_and_one_record_set_per_agency_whatever_the_province_s_spelling(base):
    G = _made_up()
    trs = rdf.rico_triples(G, base)
    _check_creators_are_the_default_agencies(G, trs, base)
    iri = rdf.mint_iris(G, base)
    ubnd = iri["agency:huế|ủy ban nhân dân tỉnh"]
    # the province's kind word goes (iris.agency_slug): Huế was a tỉnh and is a thành phố,
    # and its People's Committee is one body under either name
    assert ubnd == base + "org/vn/hue/uy-ban-nhan-dan"
    for d in ("doc:1/qđ-ubnd|huế|2024", "doc:2/qđ-ubnd|huế|2024"):
        assert [str(o) for o in _values(trs, iri[d], RICO + "hasCreator")] == [ubnd]
    assert not any("thua-thien-hue" in x for t in trs for x in (t[0], str(t[2])))
    # the department named only as an issuer is under the People's Committee (of the city of
    # Huế: tables/agency_parents.csv), the department of the graph too, both named
    committee = base + "org/vn/hue/uy-ban-nhan-dan"
    for sub in (base + "org/vn/hue/so-cong-thuong", iri["agency:huế|sở y tế"]):
        assert _values(trs, sub, RICO + "isOrWasSubdivisionOf") == [committee]
        assert (sub, rdf.A, rdf.I(RICO + "CorporateBody")) in trs
    assert len(_values(trs, committee, RICO + "name")) == 1
    joint = {str(o) for o in _values(trs, iri["doc:4/2024/ttlt-byt-btc||2024"], RICO + "hasCreator")}
    assert joint == {base + "org/vn/bo-y-te", base + "org/vn/bo-tai-chinh"}
    for body in joint:  # ministries are members of the Government
        assert _values(trs, body, RICO + "isOrWasSubdivisionOf") == [base + "org/vn/chinh-phu"]


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml", "jsonld"])
def test_another_base_moves_every_iri(store, fmt):
    G = build_mod.load_graph(store)
    files = rdf.store_facts(store).files
    data = rdf.serialize(G, fmt, base="https://example.org/x/", profile="rico", files=files)
    assert b"policygraph.example" not in data
    trs = list(rdf.read_triples(data, fmt))
    forms = {str(o) for s, p, o in trs if p == RICO + "hasDocumentaryFormType"}
    assert forms and all(f.startswith("https://example.org/x/ontology/doctype/") for f in forms)
    if fmt == "ttl":  # the same triples as the default base, moved
        def move(x):
            return type(x)(x.replace(rdf.DEFAULT_BASE, "https://example.org/x/"))

        old = rdf.read_triples(rdf.serialize(G, fmt, profile="rico", files=files), fmt)
        moved = {(move(s), p, move(o) if isinstance(o, rdf.I) else o) for s, p, o in old}
        assert set(trs) == moved


def test_cli_base_moves_every_iri(store, tmp_path):
    out = tmp_path / "r.nt"
    assert main(["export", "--store", store, "--profile", "rico", "--base",
                 "https://example.org/x/", "-o", str(out)]) == 0
    assert b"policygraph.example" not in out.read_bytes() and out.stat().st_size > 1000


def test_byte_identical_files_are_one_instantiation_that_validates(tmp_path):
    import pyshacl
    import rdflib

    G = _made_up()
    h = "cd" * 32
    G.nodes["doc:1/qđ-ubnd|huế|2024"]["files"] = ["a/x.txt", "b/y.txt"]
    files = {p: rdf.FileFacts(h, 10) for p in ("a/x.txt", "b/y.txt")}
    trs = rdf.rico_triples(G, rdf.DEFAULT_BASE, files)
    (inst,) = _subjects_of(trs, RICO + "Instantiation")
    assert sorted(o.value for o in _values(trs, inst, RICO + "identifier")) == ["a/x.txt", "b/y.txt"]
    shapes = rdflib.Graph().parse(os.path.join(ONTOLOGY, "shapes-profiles.ttl"))
    data = rdflib.Graph().parse(data="\n".join(nt_line(*t) for t in trs), format="nt")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    assert conforms, text
