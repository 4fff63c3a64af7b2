"""The mapping graph -> RDF, plainly: the triples of every node, edge and other resource
(`resources`: source files, the build, concept schemes, places, issuers), as (subject IRI,
predicate IRI, I | L).

Nodes (GRAPH_SCHEMA): rdf:type their classes (pg:Node for a kind we do not know), their id
as dcterms:identifier, a readable rdfs:label, each attribute as its predicate below (an
attribute with no rule, an empty value or a value of a type its rule does not take goes, with
the others, to one pg:unmappedAttributes JSON literal: nothing is lost), and each out-edge as
a direct triple. Edges: also a reified pg:Assertion with where it was read (source file,
offset, evidence, origin, role) and the build that generated it. This is the plain version of
the fast writer (`writer`, `nodepairs`); the two are tested against each other.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

import networkx as nx

from graph.models import ASSIGNS, CITES, IMPLEMENTS, ISSUED_BY

from .iris import (agency_kind_iri, agency_parents, assertion_iri, doctype_iri, edge_predicate,
                   level_iri, method_iri, mint_iris, province_committees, province_iri,
                   replaced_iris, slug, source_iri)
from .resources import (Seen, build_of, issuer_agency, note, other_triples,
                        parent_org_triples)
from .storefacts import file_facts
from .succession import succession_triples
from .syntax import nt_line
from .terms import (A, DCT, DEFAULT_BASE, EDGE_MAPPED, ELI, KIND_CLASSES, ORG, PG, PROV, RDF,
                    RDFS, ROLE_PREDICATES, SKOS, XSD, I, L, is_based_on, is_xsd_date,
                    json_text, norm_base, readable_label, rebase, vocab_root)

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


def _integer(p: str) -> Rule:
    return lambda v, a, node_iri: ([(p, L(str(v), XSD + "integer"))]
                                   if isinstance(v, int) and not isinstance(v, bool) else None)


def _jurisdiction(eli: bool) -> Rule:
    """The province as printed (pg:jurisdiction) and as a place (dcterms:spatial; for a
    document also eli:jurisdiction)."""
    def rule(v, a, node_iri):
        if isinstance(v, str):
            place = I(province_iri(v))
            pairs = [(PG + "jurisdiction", L(v, None, "vi")), (DCT + "spatial", place)]
            return pairs + [(ELI + "jurisdiction", place)] if eli else pairs
    return rule


def _agency_name(v, a, node_iri):
    if isinstance(v, str):
        return [(SKOS + "prefLabel", L(v, None, "vi")),
                (ORG + "classification", I(agency_kind_iri(a)))]


def _rules(src: Callable[[str], str]) -> dict[Optional[str], dict[str, Rule]]:
    """kind -> attribute -> rule; None: the rules of a node of any other kind (`src`: the
    IRI of a source file by its path)."""
    common = {
        "label": _vi_any(PG + "label"),
        "aliases": _strings(lambda x: (SKOS + "altLabel", L(x, None, "vi"))),
        "sources": _strings(lambda x: (PG + "mentionedIn", I(src(x)))),
        "jurisdiction": _jurisdiction(False),
    }
    document = {
        "symbol": _text(ELI + "id_local"), "doc_type": _doc_type, "type_code": _type_code,
        "date": _date(ELI + "date_document", PG + "dateText"), "year": _year,
        "issuer": _text(PG + "issuerName", "vi"), "level": _level,
        "title": _text(DCT + "title", "vi"), "stub": _boolean(PG + "stub"),
        "ambiguous": _boolean(PG + "ambiguous"), "candidates": _candidates,
        "conflicts": lambda v, a, node_iri: [(PG + "conflicts", L(json_text(v)))],
        "files": _strings(lambda x: (PG + "ingestedFrom", I(src(x)))),
        "sha256": _text(PG + "sha256"), "doc_kind": _text(PG + "docKind"),
        "jurisdiction": _jurisdiction(True),
    }
    task = {
        "number": _text(ELI + "number"), "text": _text(DCT + "description", "vi"),
        "deadline": _text(PG + "deadlineText", "vi"), "due": _date(PG + "due", PG + "dueText"),
        "recurrence": _text(PG + "recurrence"), "condition": _text(PG + "condition", "vi"),
        "plan": _node_ref(PG + "plan", ELI + "is_part_of", PG + "planId"),
        "section": _text(PG + "section", "vi"), "offset": _integer(PG + "offset"),
        "source": lambda v, a, node_iri: ([(PG + "readFrom", I(src(v)))]
                                          if isinstance(v, str) else None),
    }
    agency = {
        "name": _agency_name,
        "parent": _node_ref(PG + "parent", ORG + "subOrganizationOf", PG + "parentId"),
        "is_group": _boolean(PG + "isGroup"), "level": _level,
    }
    return {"document": {**common, **document}, "task": {**common, **task},
            "agency": {**common, **agency}, None: common}


def _is_empty(v: Any) -> bool:
    return v is None or (not v and (v == [] or v == {} or v == ""))


def node_triples(n: Any, a: dict, iri: dict, rules: dict, passed_by: Optional[str] = None,
                 parent: Optional[str] = None) -> list:
    """The triples of a node's types, identifier, readable label and attributes (not its
    edges; `passed_by`: the agency its issuer names, for a document with no issued_by edge;
    `parent`: the body an agency belongs to, `iris.agency_parents`)."""
    s = iri[n]
    kind = a.get("kind")
    out = [(s, A, I(c)) for c in KIND_CLASSES.get(kind, (PG + "Node",))]
    out.append((s, DCT + "identifier", L(str(n))))
    label = readable_label(kind, a)
    if label is not None:
        out.append((s, RDFS + "label", L(label, None, "vi")))
    if passed_by is not None:
        out.append((s, ELI + "passed_by", I(passed_by)))
    if parent is not None:
        out.append((s, ORG + "subOrganizationOf", I(parent)))
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


def edge_triples(u: Any, v: Any, k: Any, d: dict, iri: dict, kinds: dict, base: str,
                 src: Callable[[str], str], build: str) -> list:
    """The direct triple(s) of an edge and its pg:Assertion (generated by `build`)."""
    rel = d.get("relation") or k
    srel = str(rel)
    s, o = iri[u], iri[v]
    p = edge_predicate(srel, kinds[u], kinds[v])
    out = [(s, p, I(o))]
    if rel == IMPLEMENTS:
        out.append((s, ELI + "ensures_implementation_of", I(o)))
    elif rel == CITES and is_based_on(d.get("evidence")):
        out.append((s, ELI + "based_on", I(o)))
    if rel == ASSIGNS and d.get("role") in ROLE_PREDICATES:
        out.append((s, ROLE_PREDICATES[d["role"]], I(o)))
    st = assertion_iri(base, s, rel, o, k)
    out += [(st, RDF + "subject", I(s)), (st, RDF + "predicate", I(p)),
            (st, RDF + "object", I(o)), (st, A, I(RDF + "Statement")),
            (st, A, I(PG + "Assertion")), (st, PG + "relation", L(srel)),
            (st, PROV + "wasGeneratedBy", I(build))]
    out.extend((st, p, o) for p, o in _provenance(d, src))
    if k != rel:
        out.append((st, PG + "edgeKey", L(json_text(k))))
    unmapped = {key: val for key, val in d.items() if key not in EDGE_MAPPED}
    if unmapped:
        out.append((st, PG + "unmappedAttributes", L(json_text(unmapped))))
    return out


def _provenance(d: dict, src: Callable[[str], str]) -> list:
    """The pairs of an assertion's source, evidence, origin, offset and role."""
    pairs = []
    get = d.get
    if get("source") is not None:
        pairs.append((PROV + "wasDerivedFrom", I(src(str(get("source"))))))
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


def has_issued_by(G: nx.MultiDiGraph, n: Any) -> bool:
    """Whether node n has an issued_by out-edge."""
    return any((d.get("relation") or k) == ISSUED_BY
               for _, _, k, d in G.out_edges(n, keys=True, data=True))


def source_namer(base: str, facts: dict) -> Callable[[str], str]:
    """path -> the IRI of that source file (from its content hash when the facts have it)."""
    def src(path: str) -> str:
        f = facts.get(path)
        return source_iri(base, path, f.sha256 if f is not None else None)
    return src


def _rebased(trs: set, base: str) -> set:
    """The triples with the vocabulary moved under `base` (nothing to do for the default)."""
    root = vocab_root(base)
    if root == vocab_root(DEFAULT_BASE):
        return trs
    return {(rebase(s, root), rebase(p, root),
             I(rebase(o, root)) if isinstance(o, I) else o) for s, p, o in trs}


def triples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> list:
    """All triples of G as (subject IRI, predicate IRI, I | L), de-duplicated and sorted as
    their N-Triples lines (the order of the N-Triples export)."""
    base = norm_base(base)
    iri = mint_iris(G, base)
    facts = file_facts(G)
    build = build_of(base, facts)
    src = source_namer(base, facts)
    kinds = {n: a.get("kind") for n, a in G.nodes(data=True)}
    rules = _rules(src)
    seen = Seen()
    parents = agency_parents(G, iri, base)
    out: set = set()
    for n, a in G.nodes(data=True):
        issued = a.get("kind") == "document" and has_issued_by(G, n)
        note(a, seen, base, issued)
        ag = None if issued or a.get("kind") != "document" else issuer_agency(base, a)
        out.update(node_triples(n, a, iri, rules, ag, parents.get(n)))
    for u, v, k, d in G.edges(keys=True, data=True):
        out.update(edge_triples(u, v, k, d, iri, kinds, base, src, build.iri))
        if d.get("source") is not None:
            seen.sources.add(str(d["source"]))
    out.update(other_triples(base, seen, facts, build, set(iri.values()),
                             replaced_iris(G, iri, base), province_committees(G, iri)))
    out.update(parent_org_triples(G, iri, base, seen.issuers))
    out.update(succession_triples(G, base, iri))
    return sorted(_rebased(out, base), key=lambda t: nt_line(*t))
