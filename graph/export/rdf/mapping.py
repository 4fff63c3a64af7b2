"""The mapping graph -> RDF, plainly: the triples of every node, edge, source file and
document-type concept, as (subject IRI, predicate IRI, I | L).

Nodes (GRAPH_SCHEMA): rdf:type their classes (pg:Node for a kind we do not know), their id
as dcterms:identifier, each attribute as its predicate below (an attribute with no rule, an
empty value or a value of a type its rule does not take goes, with the others, to one
pg:unmappedAttributes JSON literal: nothing is lost), and each out-edge as a direct triple.
Edges: also a reified pg:Assertion with where it was read (source file, offset, evidence,
origin, role). This is the plain version of the fast writer (`writer`, `nodepairs`); the two
are tested against each other.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

import networkx as nx

from graph.models import ASSIGNS, CITES, IMPLEMENTS

from .iris import (agency_kind_iri, assertion_iri, doctype_iri, edge_predicate, level_iri,
                   method_iri, mint_iris, slug, source_iri)
from .syntax import nt_line
from .terms import (A, DCT, DEFAULT_BASE, EDGE_MAPPED, ELI, KIND_CLASSES, ORG, PG, PROV, RDF,
                    RDFS, ROLE_PREDICATES, SKOS, XSD, I, L, is_based_on, is_xsd_date,
                    json_text, norm_base)

Pairs = list  # [(predicate IRI, I | L)]
Rule = Callable[[Any, dict, Callable[[str], Optional[str]]], Optional[Pairs]]


def _text(p: str, lang: Optional[str] = None) -> Rule:
    """A string, as a literal (tagged `lang`)."""
    return lambda v, a, node_iri: [(p, L(v, None, lang))] if isinstance(v, str) else None


def _vi_any(p: str) -> Rule:
    """Any value, as its text tagged @vi."""
    return lambda v, a, node_iri: [(p, L(str(v), None, "vi"))]


def _boolean(p: str) -> Rule:
    return lambda v, a, node_iri: ([(p, L("true" if v else "false", XSD + "boolean"))]
                                   if isinstance(v, bool) else None)


def _date(p: str, p_text: str) -> Rule:
    """xsd:date when the string is one, else text."""
    def rule(v, a, node_iri):
        if isinstance(v, str):
            return [(p, L(v, XSD + "date"))] if is_xsd_date(v) else [(p_text, L(v))]
    return rule


def _strings(pair: Callable[[str], tuple]) -> Rule:
    """A list of strings: a pair per string."""
    def rule(v, a, node_iri):
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return [pair(x) for x in v]
    return rule


def _node_ref(p: str, p2: str, p_id: str) -> Rule:
    """A node id: that node's IRI (two predicates), or the id as text when it is no node."""
    def rule(v, a, node_iri):
        if isinstance(v, str):
            target = node_iri(v)
            return [(p, I(target)), (p2, I(target))] if target else [(p_id, L(v))]
    return rule


def _doc_type(v, a, node_iri):
    if isinstance(v, str):
        return [(PG + "docTypeName", L(v, None, "vi")),
                (ELI + "type_document", I(doctype_iri(a.get("type_code"), v)))]


def _type_code(v, a, node_iri):
    if isinstance(v, str):
        pairs = [(PG + "typeCode", L(v))]
        if not a.get("doc_type"):
            pairs.append((ELI + "type_document", I(doctype_iri(v, None))))
        return pairs


def _year(v, a, node_iri):
    if isinstance(v, int) and not isinstance(v, bool):
        return [(PG + "year", L(str(v), XSD + "integer"))]


def _level(v, a, node_iri):
    if isinstance(v, str):
        return [(PG + "level", I(level_iri(v)))] if slug(v) == v else [(PG + "levelText", L(v))]


def _candidates(v, a, node_iri):
    if isinstance(v, list):
        pairs = []
        for c in map(str, v):
            target = node_iri(c)
            pairs.append((PG + "candidate", I(target)) if target else (PG + "candidateId", L(c)))
        return pairs


def _agency_name(v, a, node_iri):
    if isinstance(v, str):
        return [(SKOS + "prefLabel", L(v, None, "vi")),
                (ORG + "classification", I(agency_kind_iri(a)))]


def _rules(base: str) -> dict[Optional[str], dict[str, Rule]]:
    """kind -> attribute -> rule; None: the rules of a node of any other kind."""
    common = {
        "label": _vi_any(RDFS + "label"),
        "aliases": _strings(lambda x: (SKOS + "altLabel", L(x, None, "vi"))),
        "sources": _strings(lambda x: (PG + "mentionedIn", I(source_iri(base, x)))),
        "jurisdiction": _text(PG + "jurisdiction", "vi"),
    }
    document = {
        "symbol": _text(ELI + "id_local"), "doc_type": _doc_type, "type_code": _type_code,
        "date": _date(ELI + "date_document", PG + "dateText"), "year": _year,
        "issuer": _text(PG + "issuerName", "vi"), "level": _level,
        "title": _text(ELI + "title", "vi"), "stub": _boolean(PG + "stub"),
        "ambiguous": _boolean(PG + "ambiguous"), "candidates": _candidates,
        "conflicts": lambda v, a, node_iri: [(PG + "conflicts", L(json_text(v)))],
    }
    task = {
        "number": _text(ELI + "number"), "text": _text(DCT + "description", "vi"),
        "deadline": _text(PG + "deadlineText", "vi"), "due": _date(PG + "due", PG + "dueText"),
        "recurrence": _text(PG + "recurrence"), "condition": _text(PG + "condition", "vi"),
        "plan": _node_ref(PG + "plan", ELI + "is_part_of", PG + "planId"),
    }
    agency = {
        "name": _agency_name,
        "parent": _node_ref(PG + "parent", ORG + "subOrganizationOf", PG + "parentId"),
        "is_group": _boolean(PG + "isGroup"),
    }
    return {"document": {**document, **common}, "task": {**task, **common},
            "agency": {**agency, **common}, None: common}


def _is_empty(v: Any) -> bool:
    return v is None or (not v and (v == [] or v == {} or v == ""))


def node_triples(n: Any, a: dict, iri: dict, rules: dict) -> list:
    """The triples of a node's types, identifier and attributes (not its edges)."""
    s = iri[n]
    kind = a.get("kind")
    out = [(s, A, I(c)) for c in KIND_CLASSES.get(kind, (PG + "Node",))]
    out.append((s, DCT + "identifier", L(str(n))))
    kind_rules = rules.get(kind, rules[None])
    unmapped = {} if kind in KIND_CLASSES else {"kind": kind}
    for key, v in a.items():
        if key == "kind":
            continue
        rule = kind_rules.get(key)
        pairs = None if rule is None or _is_empty(v) else rule(v, a, iri.get)
        if pairs:
            out.extend((s, p, o) for p, o in pairs)
        else:
            unmapped[key] = v
    if unmapped:
        out.append((s, PG + "unmappedAttributes", L(json_text(unmapped))))
    return out


def edge_triples(u: Any, v: Any, k: Any, d: dict, iri: dict, kinds: dict, base: str) -> list:
    """The direct triple(s) of an edge and its pg:Assertion."""
    rel = d.get("relation") or k
    srel = str(rel)
    s, o = iri[u], iri[v]
    p = edge_predicate(srel, kinds[u], kinds[v])
    out = [(s, p, I(o))]
    if rel == IMPLEMENTS:
        out.append((s, ELI + "applies", I(o)))
    elif rel == CITES and is_based_on(d.get("evidence")):
        out.append((s, ELI + "based_on", I(o)))
    if rel == ASSIGNS and d.get("role") in ROLE_PREDICATES:
        out.append((s, ROLE_PREDICATES[d["role"]], I(o)))
    st = assertion_iri(base, s, rel, o, k)
    out += [(st, RDF + "subject", I(s)), (st, RDF + "predicate", I(p)),
            (st, RDF + "object", I(o)), (st, A, I(RDF + "Statement")),
            (st, A, I(PG + "Assertion")), (st, PG + "relation", L(srel))]
    out.extend((st, p, o) for p, o in _provenance(d, base))
    if k != rel:
        out.append((st, PG + "edgeKey", L(json_text(k))))
    unmapped = {key: val for key, val in d.items() if key not in EDGE_MAPPED}
    if unmapped:
        out.append((st, PG + "unmappedAttributes", L(json_text(unmapped))))
    return out


def _provenance(d: dict, base: str) -> list:
    """The pairs of an assertion's source, evidence, origin, offset and role."""
    pairs = []
    get = d.get
    if get("source") is not None:
        pairs.append((PROV + "wasDerivedFrom", I(source_iri(base, str(get("source"))))))
    if get("evidence") is not None:
        pairs.append((PG + "evidence", L(str(get("evidence")), None, "vi")))
    if get("origin") is not None:
        origin = str(get("origin"))
        pairs += [(PG + "extractionMethod", I(method_iri(origin))), (PG + "origin", L(origin))]
    off = get("offset")
    if isinstance(off, int) and not isinstance(off, bool):
        pairs.append((PG + "offset", L(str(off), XSD + "integer")))
    elif off is not None:
        pairs.append((PG + "offsetText", L(str(off))))
    if get("role") is not None:
        pairs.append((PG + "role", L(str(get("role")))))
    return pairs


def source_triples(base: str, path: str) -> list:
    s = source_iri(base, path)
    return [(s, A, I(PROV + "Entity")), (s, A, I(PG + "SourceFile")), (s, PG + "path", L(path))]


def concept_triples(concept: str, codes: set, names: set) -> list:
    """A document-type concept used in the data (so the file describes itself)."""
    out = [(concept, A, I(SKOS + "Concept")), (concept, SKOS + "inScheme", I(PG + "DocumentTypes"))]
    if codes:
        out.append((concept, SKOS + "notation", L(min(codes))))
    if names:
        out.append((concept, SKOS + "prefLabel", L(min(names), None, "vi")))
    return out


def note_sources_and_concepts(a: dict, sources: set, concepts: dict) -> None:
    """Add a node's source files to `sources` and, for a document, its type code and name
    to `concepts` (document-type concept IRI -> (codes, names))."""
    srcs = a.get("sources")
    if isinstance(srcs, list):
        sources.update(x for x in srcs if isinstance(x, str))
    code, name = a.get("type_code"), a.get("doc_type")
    if a.get("kind") == "document" and (code or name):
        codes, names = concepts.setdefault(doctype_iri(code, name), (set(), set()))
        if code:
            codes.add(str(code))
        if name:
            names.add(str(name))


def _sources_and_concepts(G: nx.MultiDiGraph) -> tuple[set, dict]:
    """The source files named by nodes and edges; document-type concept -> (codes, names)."""
    sources: set[str] = set()
    concepts: dict[str, tuple[set, set]] = {}
    for n, a in G.nodes(data=True):
        note_sources_and_concepts(a, sources, concepts)
    sources.update(str(d["source"]) for _, _, d in G.edges(data=True)
                   if d.get("source") is not None)
    return sources, concepts


def triples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> list:
    """All triples of G as (subject IRI, predicate IRI, I | L), de-duplicated and sorted as
    their N-Triples lines (the order of the N-Triples export)."""
    base = norm_base(base)
    iri = mint_iris(G, base)
    kinds = {n: a.get("kind") for n, a in G.nodes(data=True)}
    rules = _rules(base)
    out: set = set()
    for n, a in G.nodes(data=True):
        out.update(node_triples(n, a, iri, rules))
    for u, v, k, d in G.edges(keys=True, data=True):
        out.update(edge_triples(u, v, k, d, iri, kinds, base))
    sources, concepts = _sources_and_concepts(G)
    for path in sources:
        out.update(source_triples(base, path))
    for concept, (codes, names) in concepts.items():
        out.update(concept_triples(concept, codes, names))
    return sorted(out, key=lambda t: nt_line(*t))
