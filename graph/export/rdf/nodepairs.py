"""The fast writer's pairs of a node: 'predicate object' strings for its attributes and the
direct triples of its out-edges (the plain version is `mapping.node_triples`).

An attribute's handler `h(value, attrs)` returns its pair(s), or None when it writes nothing:
the value then goes to pg:unmappedAttributes, losslessly. An attribute equal to its kind's
empty value (`models.EMPTY_VALUES`) is not written. The records of a list attribute
(conflicts, refused merges) are rare: their pairs come from the plain mapping (the writer's
`node_records` and `satellites`). The handlers are made once per export, with the terms of
the syntax and the writer's caches bound in.
"""
from __future__ import annotations

from typing import Any, Callable

from graph.models import ASSIGNS, CITES, EMPTY_VALUES, IMPLEMENTS

from .iris import agency_kind_iri, level_iri, province_iri, slug
from .resources import issuer_agencies
from .syntax import quoted, vi_literal
from .terms import (KIND_CLASSES, NODE_RECORDS, is_based_on, is_default_empty, is_xsd_date,
                    readable_label)

Handler = Callable[[Any, dict], Any]


def plain(P: str) -> Handler:
    """A string, as a plain literal."""
    def h(v, a):
        if isinstance(v, str):
            return P + quoted(v)
    return h


def vietnamese(P: str, any_type: bool = False) -> Handler:
    """A string (or, with any_type, any value as text) as a @vi literal."""
    def h(v, a):
        if any_type or isinstance(v, str):
            return P + vi_literal(v)
    return h


def boolean(P: str, BOOL: dict) -> Handler:
    def h(v, a):
        if isinstance(v, bool):
            return P + BOOL[v]
    return h


def str_list(f: Callable[[str], str]) -> Handler:
    """A list of strings: a pair per distinct string."""
    def h(v, a):
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return [f(x) for x in set(v)]
    return h


def sources(P: str, PPATH: str, tx) -> Handler:
    """A list of source file paths: a pair per distinct file, and its path when the file's
    content was also read under another path (`mapping.source_pairs`)."""
    shared, source = tx.src.shared, tx.source

    def h(v, a):
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            out = [P + source(x) for x in set(v)]
            if shared:
                out += [PPATH + quoted(x) for x in set(v) if x in shared]
            return out
    return h


def date(P: str, PTEXT: str, DATE: str) -> Handler:
    """xsd:date when the string is one, else text (pairs cached by value)."""
    made: dict[str, str] = {}

    def h(v, a):
        if isinstance(v, str):
            t = made.get(v)
            if t is None:
                t = made[v] = P + quoted(v) + DATE if is_xsd_date(v) else PTEXT + quoted(v)
            return t
    return h


def ref(P: str, P2: str, PID: str, term: dict) -> Handler:
    """A node id: its IRI (two predicates; a group of agencies only the first) when it is a
    node, else the id as text."""
    def h(v, a):
        if isinstance(v, str):
            t = term.get(v)
            if t is not None:
                return [P + t] if a.get("is_group") is True else [P + t, P2 + t]
            return PID + quoted(v)
    return h


def integer(P: str, INTEGER: str) -> Handler:
    def h(v, a):
        if isinstance(v, int) and not isinstance(v, bool):
            return P + '"' + str(v) + '"' + INTEGER
    return h


def jurisdiction(sx, eli: bool) -> Handler:
    """The province as printed and as a place (dcterms:spatial; a document's also
    eli:jurisdiction), pairs cached by value."""
    made: dict[str, list] = {}

    def h(v, a):
        if isinstance(v, str):
            t = made.get(v)
            if t is None:
                place = sx.term(province_iri(v))
                t = made[v] = [sx.JURISDICTION + vi_literal(v), sx.SPATIAL + place]
                if eli:
                    t.append(sx.ELI_JURISDICTION + place)
            return t
    return h


def level(sx) -> Handler:
    """A level concept when the level is a slug, else its text (pairs cached by value)."""
    levels: dict[str, str] = {}

    def h(v, a):
        if isinstance(v, str):
            t = levels.get(v)
            if t is None:
                t = levels[v] = (sx.LEVEL + sx.term(level_iri(v)) if slug(v) == v
                                 else sx.LEVEL_TEXT + quoted(v))
            return t
    return h


def _common_handlers(tx) -> dict[str, Handler]:
    sx = tx.sx
    return {
        "label": vietnamese(sx.PG_LABEL, any_type=True),
        "aliases": str_list(lambda x: sx.ALT_LABEL + vi_literal(x)),
        "sources": sources(sx.MENTIONED_IN, sx.MENTIONED_IN_PATH, tx),
        "jurisdiction": jurisdiction(sx, False),
    }


def _document_handlers(tx) -> dict[str, Handler]:
    sx, term, doctype = tx.sx, tx.term, tx.doctype

    def doc_type(v, a):
        if isinstance(v, str):
            return [sx.DOC_TYPE_NAME + vi_literal(v),
                    sx.TYPE_DOCUMENT + doctype(a.get("type_code"), v)]

    def type_code(v, a):
        if isinstance(v, str):
            if not a.get("doc_type"):
                return [sx.TYPE_CODE + quoted(v), sx.TYPE_DOCUMENT + doctype(v, None)]
            return sx.TYPE_CODE + quoted(v)

    def year(v, a):
        if isinstance(v, int) and not isinstance(v, bool):
            return sx.YEAR + '"' + str(v) + '"' + sx.INTEGER

    def candidates(v, a):
        if isinstance(v, list):
            out = []
            for c in {str(x) for x in v}:
                ct = term.get(c)
                out.append(sx.CANDIDATE + ct if ct is not None else sx.CANDIDATE_ID + quoted(c))
            return out

    return {
        "symbol": plain(sx.ID_LOCAL),
        "doc_type": doc_type,
        "type_code": type_code,
        "date": date(sx.DATE_DOCUMENT, sx.DATE_TEXT, sx.DATE),
        "year": year,
        "issuer": vietnamese(sx.ISSUER_NAME),
        "level": level(sx),
        "title": vietnamese(sx.TITLE),
        "files": sources(sx.INGESTED_FROM, sx.INGESTED_FROM_PATH, tx),
        "sha256": plain(sx.SHA256),
        "doc_kind": plain(sx.DOC_KIND),
        "jurisdiction": jurisdiction(sx, True),
        "stub": boolean(sx.STUB, sx.BOOL),
        "ambiguous": boolean(sx.AMBIGUOUS, sx.BOOL),
        "candidates": candidates,
        "issuer_parent": vietnamese(sx.ISSUER_PARENT),
    }


def _task_handlers(tx) -> dict[str, Handler]:
    sx = tx.sx
    shared = tx.src.shared

    def source(v, a):
        if isinstance(v, str):
            if v in shared:  # one content read under several paths: the path too
                return [sx.READ_FROM + tx.source(v), sx.A_SOURCE_PATH + quoted(v)]
            return sx.READ_FROM + tx.source(v)
    return {
        "number": plain(sx.NUMBER),
        "text": vietnamese(sx.DESCRIPTION),
        "deadline": vietnamese(sx.DEADLINE_TEXT),
        "due": date(sx.DUE, sx.DUE_TEXT, sx.DATE),
        "recurrence": plain(sx.RECURRENCE),
        "condition": vietnamese(sx.CONDITION),
        "plan": ref(sx.PLAN, sx.IS_PART_OF, sx.PLAN_ID, tx.term),
        "section": vietnamese(sx.SECTION),
        "offset": integer(sx.OFFSET, sx.INTEGER),
        "source": source,
    }


def _agency_handlers(tx) -> dict[str, Handler]:
    sx = tx.sx

    def name(v, a):
        if isinstance(v, str):
            return [sx.PREF_LABEL + vi_literal(v),
                    sx.CLASSIFICATION + sx.term(agency_kind_iri(a))]

    return {
        "name": name,
        "parent": ref(sx.PARENT, sx.SUB_ORGANIZATION_OF, sx.PARENT_ID, tx.term),
        "is_group": boolean(sx.IS_GROUP, sx.BOOL),
        "level": level(sx),
    }


def kind_handlers(tx) -> tuple[dict, dict]:
    """(kind -> attribute -> handler, the handlers of a node of another kind)."""
    common = _common_handlers(tx)
    return ({"document": {**common, **_document_handlers(tx)},
             "task": {**common, **_task_handlers(tx)},
             "agency": {**common, **_agency_handlers(tx)}}, common)


def attribute_pairs(n: Any, a: dict, kind: Any, hs: dict, pos: list,
                    records: Callable[[Any, str, Any], Any]) -> dict:
    """Add the pairs of node n's attributes `a` to `pos` (`records(n, key, items)`: the
    pairs of a list of records on the node, or None); the attributes left unwritten."""
    add = pos.append
    extra: dict[str, Any] = {}
    if kind not in KIND_CLASSES:
        extra["kind"] = kind
    empties = EMPTY_VALUES.get(kind, _NONE)
    for key, v in a.items():
        if not v and (v is None or v == [] or v == {} or v == ""):
            if key != "kind" and not is_default_empty(empties, key, v):
                extra[key] = v
            continue
        h = hs.get(key)
        if h is None:
            if key == "kind":
                continue
            r = records(n, key, v) if key in NODE_RECORDS else None
            if r:
                pos.extend(r)
            else:
                extra[key] = v
            continue
        r = h(v, a)
        if r is None or not r:  # nothing written: keep it losslessly
            extra[key] = v
        elif type(r) is str:
            add(r)
        else:
            pos.extend(r)
    return extra


_NONE: dict = {}


def make_edge_pairs(tx) -> Callable[[Any, Any, list], None]:
    """edge_pairs(n, kind, pos): add the direct triples of n's out-edges to `pos`."""
    sx, succ, term, kinds, preds, pred = tx.sx, tx.succ, tx.term, tx.kind, tx.preds, tx.pred
    IMPLEMENTS_ELI, BASED_ON, ROLES = sx.IMPLEMENTS_ELI, sx.BASED_ON, sx.ROLES

    def edge_pairs(n: Any, skind: Any, pos: list) -> None:
        add = pos.append
        for v, kd in succ[n].items():
            so = term[v]
            okind = kinds[v]
            for k, d in kd.items():
                rel = d.get("relation") or k
                srel = rel if type(rel) is str else str(rel)
                p = preds.get((srel, skind, okind))
                if p is None:
                    p = pred(srel, skind, okind)
                add(p[0] + so)
                if rel == IMPLEMENTS:
                    add(IMPLEMENTS_ELI + so)
                elif rel == CITES:
                    if is_based_on(d.get("evidence")):
                        add(BASED_ON + so)
                if rel == ASSIGNS:
                    role = d.get("role")
                    if role in ROLES:
                        add(ROLES[role] + so)

    return edge_pairs


def make_node_pairs(tx) -> Callable[[Any], list]:
    """node_pairs(n): the 'predicate object' strings of node n (types, identifier, readable
    label, issuer, attributes, unmapped attributes, out-edges' direct triples), not yet
    sorted."""
    sx, attrs, jsonq, base, issued, parents = (tx.sx, tx.attrs, tx.json, tx.base, tx.issued,
                                               tx.parents)
    handlers, common = kind_handlers(tx)
    edge_pairs = make_edge_pairs(tx)
    records = tx.node_records
    KIND_TYPES, NODE_TYPES, IDENTIFIER, UNMAPPED = (sx.KIND_TYPES, sx.NODE_TYPES,
                                                    sx.IDENTIFIER, sx.UNMAPPED)
    LABEL, PASSED_BY, SUB_ORGANIZATION_OF = sx.LABEL, sx.PASSED_BY, sx.SUB_ORGANIZATION_OF

    def node_pairs(n: Any) -> list:
        a = attrs[n]
        kind = a.get("kind")
        ckind = tx.kind[n]  # its classes' key: a web page is no legal resource
        pos = list(KIND_TYPES.get(ckind, NODE_TYPES))
        pos.append(IDENTIFIER + quoted(n if type(n) is str else str(n)))
        label = readable_label(kind, a)
        if label is not None:
            pos.append(LABEL + vi_literal(label))
        if kind == "document" and not issued(n):
            pos.extend(PASSED_BY + "<" + ag + ">" for ag in issuer_agencies(base, a))
        elif kind == "agency" and n in parents:
            pos.append(SUB_ORGANIZATION_OF + parents[n])
        extra = attribute_pairs(n, a, kind, handlers.get(kind, common), pos, records)
        if extra:
            pos.append(UNMAPPED + jsonq(extra))
        edge_pairs(n, ckind, pos)
        return pos

    return node_pairs
