"""The mapping graph -> RDF, plainly: the triples of every node, edge and other resource
(`resources`: source files, the build, concept schemes, places, issuers), as (subject IRI,
predicate IRI, I | L).

Nodes (GRAPH_SCHEMA): rdf:type their classes (pg:Node for a kind we do not know), their id
as dcterms:identifier, a readable rdfs:label, each attribute as its predicate below, the
records of a list attribute (conflicts, refused merges: `terms.NODE_RECORDS`) as resources of
their own, and each out-edge as a direct triple. An attribute equal to its kind's empty value
(`models.EMPTY_VALUES`) is not written (the importer gives it back); one with no rule, another
empty value or a value of a type its rule does not take goes to one pg:unmappedAttributes
JSON literal, the last resort of hand-made graphs: nothing is lost. Edges: also a reified
pg:Assertion with where it was read (source file, offset, evidence, origin, role), the build
that generated it, its other readings (`also`, pg:Reading resources) and a fulfilled_by
edge's fields (`terms.EDGE_FIELDS`). This is the plain version of the fast writer (`writer`,
`nodepairs`); the two are tested against each other.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable, Optional, Sequence

import networkx as nx

from graph.models import ASSIGNS, CITES, EDGE_EMPTY_VALUES, EMPTY_VALUES, IMPLEMENTS, ISSUED_BY

from .iris import (agency_kind_iri, agency_parents, assertion_iri, doctype_iri, edge_predicate,
                   level_iri, method_iri, mint_iris, province_committees, province_iri,
                   replaced_iris, slug, source_iri)
from .resources import (Seen, build_of, issuer_agencies, note, other_triples,
                        parent_org_triples)
from .storefacts import file_facts
from .succession import succession_triples
from .syntax import nt_line
from .terms import (A, DCT, DEFAULT_BASE, EDGE_FIELDS, EDGE_MAPPED, EDGE_RECORDS, ELI,
                    KIND_CLASSES, NODE_RECORDS, ORG, PG, PROV, RDF, RDFS, ROLE_PREDICATES, SKOS,
                    SOURCE_PATH_TERMS, XSD, Field, I, L, RecordSpec, class_kind, is_based_on,
                    is_default_empty, is_empty, is_xsd_date, json_text, norm_base, readable_label,
                    rebase, vocab_root)

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


def _sources(p: str, p_path: str, src: "SourceNamer") -> Rule:
    """A list of source file paths: a pair per file (and its path, `source_pairs`)."""
    def rule(v, a, node_iri):
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return [q for x in v for q in source_pairs(p, p_path, x, src)]
    return rule


def _node_ref(p: str, p2: str, p_id: str) -> Rule:
    """A node id: that node's IRI (two predicates; a group of agencies only the first: it is
    no organisation to be a sub-organisation), or the id as text when it is no node."""
    def rule(v, a, node_iri):
        if isinstance(v, str):
            target = node_iri(v)
            if not target:
                return [(p_id, L(v))]
            return [(p, I(target))] + ([] if a.get("is_group") is True else [(p2, I(target))])
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


def _rules(src: SourceNamer) -> dict[Optional[str], dict[str, Rule]]:
    """kind -> attribute -> rule; None: the rules of a node of any other kind (`src`: the
    IRI of a source file by its path)."""
    common = {
        "label": _vi_any(PG + "label"),
        "aliases": _strings(lambda x: (SKOS + "altLabel", L(x, None, "vi"))),
        "sources": _sources(PG + "mentionedIn", SOURCE_PATH_TERMS["sources"], src),
        "jurisdiction": _jurisdiction(False),
    }
    document = {
        "symbol": _text(ELI + "id_local"), "doc_type": _doc_type, "type_code": _type_code,
        "date": _date(ELI + "date_document", PG + "dateText"), "year": _year,
        "issuer": _text(PG + "issuerName", "vi"), "level": _level,
        "title": _text(DCT + "title", "vi"), "stub": _boolean(PG + "stub"),
        "ambiguous": _boolean(PG + "ambiguous"), "candidates": _candidates,
        "issuer_parent": _text(PG + "issuerParentName", "vi"),
        "files": _sources(PG + "ingestedFrom", SOURCE_PATH_TERMS["files"], src),
        "sha256": _text(PG + "sha256"), "doc_kind": _text(PG + "docKind"),
        "jurisdiction": _jurisdiction(True),
    }
    task = {
        "number": _text(ELI + "number"), "text": _text(DCT + "description", "vi"),
        "deadline": _text(PG + "deadlineText", "vi"), "due": _date(PG + "due", PG + "dueText"),
        "recurrence": _text(PG + "recurrence"), "condition": _text(PG + "condition", "vi"),
        "plan": _node_ref(PG + "plan", ELI + "is_part_of", PG + "planId"),
        "section": _text(PG + "section", "vi"), "offset": _integer(PG + "offset"),
        "source": lambda v, a, node_iri: (source_pairs(PG + "readFrom", PG + "sourcePath", v, src)
                                          if isinstance(v, str) else None),
    }
    agency = {
        "name": _agency_name,
        "parent": _node_ref(PG + "parent", ORG + "subOrganizationOf", PG + "parentId"),
        "is_group": _boolean(PG + "isGroup"), "level": _level,
    }
    return {"document": {**common, **document}, "task": {**common, **task},
            "agency": {**common, **agency}, None: common}


def node_triples(n: Any, a: dict, iri: dict, rules: dict, src: SourceNamer,
                 passed_by: Sequence[str] = (), parent: Optional[str] = None) -> list:
    """The triples of a node's types, identifier, readable label and attributes (not its
    edges; `src`: the IRI of a source file by its path; `passed_by`: the agencies its issuer
    names, for a document with no issued_by edge; `parent`: the body an agency belongs to,
    `iris.agency_parents`)."""
    s = iri[n]
    kind = a.get("kind")
    out = [(s, A, I(c)) for c in KIND_CLASSES.get(class_kind(a), (PG + "Node",))]
    out.append((s, DCT + "identifier", L(str(n))))
    label = readable_label(kind, a)
    if label is not None:
        out.append((s, RDFS + "label", L(label, None, "vi")))
    out.extend((s, ELI + "passed_by", I(ag)) for ag in passed_by)
    if parent is not None:
        out.append((s, ORG + "subOrganizationOf", I(parent)))
    kind_rules = rules.get(kind, rules[None])
    empties = EMPTY_VALUES.get(kind, {})
    unmapped = {} if kind in KIND_CLASSES else {"kind": kind}
    for key, v in a.items():
        if key == "kind":
            continue
        if is_empty(v):
            if not is_default_empty(empties, key, v):
                unmapped[key] = v
            continue
        spec = NODE_RECORDS.get(key)
        if spec is not None:
            got = record_triples(s, spec, v, src, iri.get)
            if got:
                out.extend(got)
            else:
                unmapped[key] = v
            continue
        rule = kind_rules.get(key)
        pairs = None if rule is None else rule(v, a, iri.get)
        if pairs:
            out.extend((s, p, o) for p, o in pairs)
        else:
            unmapped[key] = v
    if unmapped:
        out.append((s, PG + "unmappedAttributes", L(json_text(unmapped))))
    return out


def field_pairs(f: Field, v: Any, src: SourceNamer,
                node_iri: Callable[[str], Optional[str]]) -> Optional[list]:
    """The (predicate, object) pairs of one field's value (`terms.Field`: how it is
    written), None when its rule does not take the value (None included)."""
    how, p = f.how, f.predicate
    if how == "int" or how == "value":
        if isinstance(v, bool):
            return [(p, L("true" if v else "false", XSD + "boolean"))] if how == "value" else None
        if isinstance(v, int):
            return [(p, L(str(v), XSD + "integer"))]
        return [(p, L(v))] if how == "value" and isinstance(v, str) else None
    if how == "places":
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return [q for x in v for q in ((p, L(x, None, "vi")),
                                           (DCT + "spatial", I(province_iri(x))))]
        return None
    if not isinstance(v, str):
        return None
    if how == "text":
        return [(p, L(v))]
    if how == "vi":
        return [(p, L(v, None, "vi"))]
    if how == "source":
        return source_pairs(p, f.path, v, src)
    if how == "origin":
        return [(p, L(v)), (PG + "extractionMethod", I(method_iri(v)))]
    target = node_iri(v)  # how == "node"
    return [(p, I(target))] if target else [(p + "Id", L(v))]


def record_iris(owner: str, spec: RecordSpec, items: list) -> list:
    """The IRI of each record: {owner}/{segment}/{sha1 of its JSON text[:12]} (a record that
    comes again gets -2, -3 …)."""
    out, made = [], {}
    for r in items:
        h = hashlib.sha1(json_text(r).encode("utf-8")).hexdigest()[:12]
        made[h] = made.get(h, 0) + 1
        out.append(f"{owner}/{spec.segment}/{h}" + (f"-{made[h]}" if made[h] > 1 else ""))
    return out


def _in_order(spec: RecordSpec, items: list) -> bool:
    try:
        keys = [spec.order(r) for r in items]
        return keys == sorted(keys)
    except TypeError:
        return False


def record_triples(owner: str, spec: RecordSpec, items: Any, src: SourceNamer,
                   node_iri: Callable[[str], Optional[str]]) -> Optional[list]:
    """The triples of a list of records (`terms.RecordSpec`) on their owner (a node or an
    assertion), None when the import could not give the same list back: an item that is no
    dict, a key the spec does not know, a value its field does not take, a list out of the
    builder's order."""
    if not isinstance(items, list) or not items or not all(isinstance(r, dict) for r in items):
        return None
    fields = {f.key for f in spec.fields}
    if not all(fields.issuperset(r) for r in items) or not _in_order(spec, items):
        return None
    out = []
    for r, t in zip(items, record_iris(owner, spec, items)):
        out += [(owner, spec.link, I(t)), (t, A, I(spec.cls))]
        for f in spec.fields:
            if f.key not in r:
                if f.always:  # it would come back as None
                    return None
                continue
            v = r[f.key]
            if v is None and f.always:
                continue
            pairs = field_pairs(f, v, src, node_iri)
            if pairs is None:
                return None
            out.extend((t, p, o) for p, o in pairs)
    return out


def edge_extra_triples(st: str, rel: Any, d: dict, src: SourceNamer,
                       node_iri: Callable[[str], Optional[str]]) -> tuple[list, dict]:
    """(triples, attributes left unwritten) of an edge's attributes beyond EDGE_MAPPED: its
    other readings (`also`), a fulfilled_by edge's fields; its relation's empty values
    (`models.EDGE_EMPTY_VALUES`) are not written."""
    out: list = []
    unmapped: dict = {}
    empties = EDGE_EMPTY_VALUES.get(rel, {}) if isinstance(rel, str) else {}
    for key, v in d.items():
        if key in EDGE_MAPPED or is_default_empty(empties, key, v):
            continue
        got = None
        if key in EDGE_RECORDS:
            got = record_triples(st, EDGE_RECORDS[key], v, src, node_iri)
        elif key in EDGE_FIELDS:
            pairs = field_pairs(EDGE_FIELDS[key], v, src, node_iri)
            got = None if pairs is None else [(st, p, o) for p, o in pairs]
        if got:
            out.extend(got)
        else:
            unmapped[key] = v
    return out, unmapped


def key_literal(k: Any) -> L:
    """An edge key that is not its relation: a string or an integer as itself (JSON text
    for a key of another type)."""
    if isinstance(k, int) and not isinstance(k, bool):
        return L(str(k), XSD + "integer")
    return L(k) if isinstance(k, str) else L(json_text(k))


def edge_triples(u: Any, v: Any, k: Any, d: dict, iri: dict, kinds: dict, base: str,
                 src: SourceNamer, build: str) -> list:
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
        out.append((st, PG + "edgeKey", key_literal(k)))
    if not _EDGE_MAPPED.issuperset(d):
        extra, unmapped = edge_extra_triples(st, rel, d, src, iri.get)
        out += extra
        if unmapped:
            out.append((st, PG + "unmappedAttributes", L(json_text(unmapped))))
    return out


_EDGE_MAPPED = frozenset(EDGE_MAPPED)


def extra_names(d: dict, seen: Seen) -> None:
    """Add the source files and places an edge's attributes beyond EDGE_MAPPED (its other
    readings, a fulfilled_by edge's fields) name to `seen`."""
    also = d.get("also")
    if isinstance(also, list):
        seen.sources.update(r["source"] for r in also
                            if isinstance(r, dict) and isinstance(r.get("source"), str))
    if isinstance(d.get("doc_source"), str):
        seen.sources.add(d["doc_source"])
    provinces = d.get("provinces")
    if isinstance(provinces, list):
        seen.places.update(x for x in provinces if isinstance(x, str) and x)


def has_records(a: dict) -> bool:
    """Whether node attributes `a` hold a record (a conflict, a refused merge)."""
    for key in NODE_RECORDS:
        if a.get(key):
            return True
    return False


def record_names(a: dict, seen: Seen) -> None:
    """Add the source files a node's records (conflicts, refused merges) name to `seen`."""
    for key in NODE_RECORDS:
        items = a.get(key)
        if isinstance(items, list) and items:
            seen.sources.update(r["source"] for r in items
                                if isinstance(r, dict) and isinstance(r.get("source"), str))


def _provenance(d: dict, src: SourceNamer) -> list:
    """The pairs of an assertion's source, evidence, origin, offset and role."""
    pairs = []
    get = d.get
    if get("source") is not None:
        pairs += source_pairs(PROV + "wasDerivedFrom", PG + "sourcePath", str(get("source")), src)
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


class SourceNamer:
    """path -> the IRI of that source file (from its content hash when the facts have it).
    `shared`: the paths whose file has the same content as another's, so that one IRI names
    them all: a reference to one of them also writes its path (`source_pairs`)."""

    def __init__(self, base: str, facts: dict):
        self.base, self.facts = base, facts
        by_iri: dict[str, list] = {}
        for path, f in facts.items():
            by_iri.setdefault(source_iri(base, path, f.sha256), []).append(path)
        self.shared = frozenset(p for ps in by_iri.values() if len(ps) > 1 for p in ps)

    def __call__(self, path: str) -> str:
        f = self.facts.get(path)
        return source_iri(self.base, path, f.sha256 if f is not None else None)


def source_namer(base: str, facts: dict) -> SourceNamer:
    """path -> the IRI of that source file (see `SourceNamer`)."""
    return SourceNamer(base, facts)


def source_pairs(p: str, p_path: str, path: str, src: SourceNamer) -> list:
    """The pair of a reference to a source file, and its path (`p_path`) when that file's
    content was also read under another path."""
    pairs = [(p, I(src(path)))]
    if path in src.shared:
        pairs.append((p_path, L(path)))
    return pairs


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
    kinds = {n: class_kind(a) for n, a in G.nodes(data=True)}  # web pages: "page"
    rules = _rules(src)
    seen = Seen()
    parents = agency_parents(G, iri, base)
    out: set = set()
    for n, a in G.nodes(data=True):
        issued = a.get("kind") == "document" and has_issued_by(G, n)
        note(a, seen, base, issued)
        ags = () if issued or a.get("kind") != "document" else issuer_agencies(base, a)
        out.update(node_triples(n, a, iri, rules, src, ags, parents.get(n)))
        record_names(a, seen)
    for u, v, k, d in G.edges(keys=True, data=True):
        out.update(edge_triples(u, v, k, d, iri, kinds, base, src, build.iri))
        if d.get("source") is not None:
            seen.sources.add(str(d["source"]))
        extra_names(d, seen)
    out.update(other_triples(base, seen, facts, build, set(iri.values()),
                             replaced_iris(G, iri, base), province_committees(G, iri)))
    out.update(parent_org_triples(G, iri, base, seen.issuers))
    out.update(succession_triples(G, base, iri))
    return sorted(_rebased(out, base), key=lambda t: nt_line(*t))
