"""The fast path: the export minted directly as N-Triples or Turtle text.

Every IRI is turned into its `<…>` term once (per node, per source file, per concept),
literals are escaped once, and each subject's pairs are written in one join. Subjects come
out sorted, and in N-Triples a subject's lines are sorted and unique, so the file is
canonical and deterministic. `mapping.triples` is the plain version of the same mapping
(tests/test_rdf_fast.py checks that both give the same triples).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

import networkx as nx

from graph.models import ISSUED_BY

from .iris import (agency_parents, assertion_iri, assertion_key, doctype_iri, edge_predicate,
                   method_iri, mint_iris, province_committees, replaced_iris, source_iri)
from .mapping import (edge_extra_triples, extra_names, has_records, key_literal,
                      record_names, record_triples, source_namer)
from .nodepairs import make_node_pairs
from .resources import Seen, build_of, note, other_triples, parent_org_triples
from .storefacts import file_facts
from .succession import succession_triples
from .syntax import NT, NT_ESCAPES, NT_NEEDS_ESCAPE, Syntax, group, json_literal, nt_iri, quoted
from .terms import DEFAULT_BASE, EDGE_MAPPED, NODE_RECORDS, class_kind, norm_base

_MISSING = object()
_EDGE_MAPPED = frozenset(EDGE_MAPPED)


class TextWriter:
    """The export of one graph as text in one syntax (N-Triples or Turtle), subject by
    subject, subjects sorted.

    `__init__` mints the IRIs and sorts the subject terms (the index: subject term -> node,
    edge or other resource); `text(lo, hi)` makes the text of subjects lo..hi-1, so ranges
    can be made in forked workers and concatenated in order, byte-identical to one process.
    """

    def __init__(self, G: nx.MultiDiGraph, base: str = DEFAULT_BASE, syntax: Syntax = NT,
                 index: bool = True):
        self.G = G
        self.base = norm_base(base)
        self.sx = syntax.for_base(self.base)
        self.iri = mint_iris(G, self.base)
        self.facts = file_facts(G)
        self.build = build_of(self.base, self.facts)
        self.build_term = nt_iri(self.build.iri)
        self.parents = {n: nt_iri(p) for n, p in agency_parents(G, self.iri, self.base).items()}
        self.term = {n: "<" + i + ">" for n, i in self.iri.items()}
        self.attrs = dict(G.nodes(data=True))  # node -> its attribute dict
        self.succ = dict(G.adjacency())  # node -> {successor: {key: edge attribute dict}}
        self.kind = {n: class_kind(a) for n, a in self.attrs.items()}  # web pages: "page"
        self._sources: dict[str, str] = {}
        self._methods: dict[str, tuple] = {}
        self.preds: dict[tuple, tuple] = {}
        self._doctypes: dict[tuple, str] = {}
        self._json: dict[tuple, str] = {}
        self.prefix = "<" + self.base + "id/assertion/"
        self.src = source_namer(self.base, self.facts)  # path -> source IRI (plain)
        self.node_pairs = make_node_pairs(self)
        self.assertion_pairs = make_assertion_pairs(self)
        if index:
            self._index()

    # ---- cached terms
    def source(self, path: str) -> str:
        t = self._sources.get(path)
        if t is None:
            f = self.facts.get(path)
            t = self._sources[path] = nt_iri(source_iri(self.base, path,
                                                        f.sha256 if f is not None else None))
        return t

    def issued(self, n: Any) -> bool:
        """Whether node n has an issued_by out-edge."""
        return any((d.get("relation") or k) == ISSUED_BY
                   for kd in self.succ[n].values() for k, d in kd.items())

    def note(self, n: Any, seen: Seen) -> None:
        """Add what node n names (sources, concepts, places, issuers) to `seen`."""
        a = self.attrs[n]
        note(a, seen, self.base, a.get("kind") == "document" and self.issued(n))
        if has_records(a):
            record_names(a, seen)

    # ---- the rare parts, from the plain mapping: records and an edge's extra attributes
    def _split(self, owner: str, trs: list) -> tuple[list, dict]:
        """(pairs on `owner`, {other subject term: pairs}) of plain triples."""
        own: list[str] = []
        other: dict[str, list] = {}
        pair = self.sx.pair
        for s, p, o in trs:
            if s == owner:
                own.append(pair(p, o))
            else:
                other.setdefault(self.sx.subject(s), []).append(pair(p, o))
        return own, other

    def node_records(self, n: Any, key: str, items: Any) -> Optional[list]:
        """The pairs on node n of its records `key` (`mapping.record_triples`), or None."""
        trs = record_triples(self.iri[n], NODE_RECORDS[key], items, self.src, self.iri.get)
        return self._split(self.iri[n], trs)[0] if trs else None

    def satellites(self, n: Any) -> dict:
        """{subject term: pairs} of node n's records (resources of their own)."""
        a = self.attrs[n]
        out: dict[str, list] = {}
        if not has_records(a):
            return out
        for key, spec in NODE_RECORDS.items():
            trs = record_triples(self.iri[n], spec, a.get(key), self.src, self.iri.get)
            if trs:
                for t, pos in self._split(self.iri[n], trs)[1].items():
                    out.setdefault(t, []).extend(pos)
        return out

    def edge_extras(self, u: Any, v: Any, k: Any, d: dict) -> tuple[list, dict, dict]:
        """(pairs on the assertion, {other subject term: pairs}, attributes left unwritten)
        of an edge's attributes beyond EDGE_MAPPED (`mapping.edge_extra_triples`)."""
        rel = d.get("relation") or k
        st = assertion_iri(self.base, self.iri[u], rel, self.iri[v], k)
        trs, unmapped = edge_extra_triples(st, rel, d, self.src, self.iri.get)
        own, other = self._split(st, trs)
        return own, other, unmapped

    def method(self, origin: Any) -> tuple:
        """(extraction method pair, origin pair) of an origin."""
        key = origin if type(origin) is str else str(origin)
        t = self._methods.get(key)
        if t is None:
            t = self._methods[key] = (self.sx.A_METHOD + self.sx.term(method_iri(key)),
                                      self.sx.A_ORIGIN + quoted(key))
        return t

    def pred(self, rel: str, skind: Optional[str], okind: Optional[str]) -> tuple:
        """(predicate term with its space, the assertion's rdf:predicate pair, pg:relation
        pair) of an edge."""
        key = (rel, skind, okind)
        t = self.preds.get(key)
        if t is None:
            p = self.sx.term(edge_predicate(rel, skind, okind))
            t = self.preds[key] = (p + " ", self.sx.A_PREDICATE + p,
                                   self.sx.A_RELATION + quoted(rel))
        return t

    def doctype(self, type_code: Any, doc_type: Any) -> str:
        key = (type_code, doc_type)
        if not all(isinstance(x, (str, type(None))) for x in key):  # a value of another type
            return self.sx.term(doctype_iri(type_code, doc_type))  # (made each time: rare)
        t = self._doctypes.get(key)
        if t is None:
            t = self._doctypes[key] = self.sx.term(doctype_iri(type_code, doc_type))
        return t

    def json(self, v: dict) -> str:
        """A JSON literal; the same small dicts of None and strings (a task's unset fields)
        are made once."""
        if len(v) <= 8 and all(type(k) is str and (x is None or type(x) is str)
                               for k, x in v.items()):
            key = tuple(v.items())
            t = self._json.get(key)
            if t is None:
                t = self._json[key] = json_literal(v)
            return t
        return json_literal(v)

    def assertion_term(self, iu: str, rel: Any, iv: str, k: Any) -> str:
        """The subject term of an edge's assertion (see `iris.assertion_iri`)."""
        return self.prefix + assertion_key(iu, rel, iv, k) + ">"

    # ---- index of subjects
    def _index(self) -> None:
        """self.keys: the sorted subject terms; self.edge: term -> the edge of an assertion
        that is nothing else (nearly all subjects); self.other: term -> (node or _MISSING,
        [edges], [pairs]) for the rest."""
        cplx: dict[str, tuple] = {t: (n, [], []) for n, t in self.term.items()}
        seen = Seen()
        for n in self.attrs:
            self.note(n, seen)
            for t, pos in self.satellites(n).items():
                cplx.setdefault(t, (_MISSING, [], []))[2].extend(pos)
        sources = seen.sources
        edge: dict[str, tuple] = {}
        iri = self.iri
        for e in self.G.edges(keys=True, data=True):
            u, v, k, d = e
            st = self.assertion_term(iri[u], d.get("relation") or k, iri[v], k)
            c = cplx.get(st)
            if c is not None:
                c[1].append(e)
            else:
                prev = edge.get(st)
                if prev is None:
                    edge[st] = e
                else:  # two edges with one assertion IRI: written together
                    del edge[st]
                    cplx[st] = (_MISSING, [prev, e], [])
            src = d.get("source")
            if src is not None:
                sources.add(src if type(src) is str else str(src))
            if not _EDGE_MAPPED.issuperset(d):
                extra_names(d, seen)
                for t, pos in self.edge_extras(u, v, k, d)[1].items():
                    cplx.setdefault(t, (_MISSING, [], []))[2].extend(pos)
        for s, pos in self.succession_split()[0].items():
            cplx[s][2].extend(pos)
        for s, pos in self._other_pairs(seen):
            c = cplx.get(s)
            if c is None:
                e = edge.pop(s, None)
                c = cplx[s] = (_MISSING, [] if e is None else [e], [])
            c[2].extend(pos)
        keys = list(edge)
        keys.extend(cplx)
        keys.sort()
        self.keys, self.edge, self.other = keys, edge, cplx

    def _other_pairs(self, seen: Seen) -> Iterable[tuple]:
        """(term, pairs) of the resources that are no node and no assertion
        (`resources.other_triples`: source files, the build, schemes, places, issuers)."""
        sx = self.sx
        by_s: dict[str, list] = {}
        trs = other_triples(self.base, seen, self.facts, self.build, set(self.iri.values()),
                            replaced_iris(self.G, self.iri, self.base),
                            province_committees(self.G, self.iri))
        trs += self.succession_split()[1]
        trs += parent_org_triples(self.G, self.iri, self.base, seen.issuers)
        for s, p, o in trs:
            by_s.setdefault(sx.subject(s), []).append(sx.pair(p, o))
        return by_s.items()

    def succession_split(self) -> tuple[dict, list]:
        """`succession.succession_triples` split: (node term -> pairs) for the triples about
        a node (written in the node's block, so parallel shards never meet one subject
        twice), and the other triples (change events, provinces as organisations)."""
        got = getattr(self, "_succ_split", None)
        if got is None:
            nodes = set(self.term.values())
            on_node: dict[str, list] = {}
            rest = []
            for s, p, o in succession_triples(self.G, self.base, self.iri):
                t = self.sx.subject(s)
                if t in nodes:
                    on_node.setdefault(t, []).append(self.sx.pair(p, o))
                else:
                    rest.append((s, p, o))
            got = self._succ_split = (on_node, rest)
        return got

    def other_blocks(self, seen: Seen) -> list:
        """(term, text) of the resources that are no node and no assertion."""
        return [(k, self.sx.block(k, sorted(set(pos)))) for k, pos in self._other_pairs(seen)]

    # ---- text
    def text(self, lo: int = 0, hi: Optional[int] = None) -> str:
        """The text of subjects keys[lo:hi], in order."""
        out: list[str] = []
        add = out.append
        edge_get = self.edge.get
        other = self.other
        assertion_pairs = self.assertion_pairs
        node_pairs = self.node_pairs
        block = self.sx.block
        for s in self.keys[lo:hi]:
            e = edge_get(s)
            if e is not None:  # an assertion, already in order, no duplicates
                add(block(s, assertion_pairs(*e), grouped=False))
                continue
            n, edges, pos = other[s]
            if n is not _MISSING:
                pos = node_pairs(n) + pos
            elif edges:
                pos = list(pos)
            for e in edges:
                pos.extend(assertion_pairs(*e))
            add(block(s, sorted(set(pos))))
        return "".join(out)


def make_assertion_pairs(tx: TextWriter) -> Callable[[Any, Any, Any, dict], list]:
    """assertion_pairs(u, v, k, d): the pairs of the reified, provenance-carrying
    pg:Assertion of an edge, in sorted order (the order of ASSERTION_PREDICATE_ORDER)."""
    sx = tx.sx
    term, kinds, pred, source, method, preds = (tx.term, tx.kind, tx.pred, tx.source,
                                                tx.method, tx.preds)
    A_OBJECT, A_SUBJECT, A_TYPES = sx.A_OBJECT, sx.A_SUBJECT, sx.A_TYPES
    A_DERIVED_FROM, A_EDGE_KEY, A_EVIDENCE = sx.A_DERIVED_FROM, sx.A_EDGE_KEY, sx.A_EVIDENCE
    GENERATED_BY = sx.A_GENERATED_BY + tx.build_term
    resort = sx.sort_assertions
    A_OFFSET, A_OFFSET_TEXT, A_ROLE = sx.A_OFFSET, sx.A_OFFSET_TEXT, sx.A_ROLE
    UNMAPPED, INTEGER = sx.UNMAPPED, sx.INTEGER
    obj, extras, ttl = sx.obj, tx.edge_extras, sx.ttl
    A_SOURCE_PATH, shared = sx.A_SOURCE_PATH, tx.src.shared
    roles: dict[Any, str] = {}
    needs_escape, escapes = NT_NEEDS_ESCAPE.search, NT_ESCAPES
    mapped = _EDGE_MAPPED

    def assertion_pairs(u: Any, v: Any, k: Any, d: dict) -> list:
        get = d.get
        rel = get("relation") or k
        srel = rel if type(rel) is str else str(rel)
        p = preds.get((srel, kinds[u], kinds[v]))
        if p is None:
            p = pred(srel, kinds[u], kinds[v])
        pos = [A_OBJECT + term[v], p[1], A_SUBJECT + term[u], *A_TYPES]
        add = pos.append
        src = get("source")
        if src is not None:
            add(A_DERIVED_FROM + source(src if type(src) is str else str(src)))
        add(GENERATED_BY)
        if k != rel:
            add(A_EDGE_KEY + obj(key_literal(k)))
        ev = get("evidence")
        if ev is not None:
            if type(ev) is not str:
                ev = str(ev)
            if needs_escape(ev):
                ev = ev.translate(escapes)
            add(A_EVIDENCE + '"' + ev + '"@vi')
        origin = get("origin")
        if origin is not None:
            m = method(origin)
            add(m[0])
        off = get("offset")
        if off is not None:
            if isinstance(off, int) and not isinstance(off, bool):
                add(A_OFFSET + '"' + str(off) + '"' + INTEGER)
            else:
                add(A_OFFSET_TEXT + quoted(str(off)))
        if origin is not None:
            add(m[1])
        add(p[2])
        role = get("role")
        if role is not None:
            if type(role) is not str:
                role = str(role)
            r = roles.get(role)
            if r is None:
                r = roles[role] = A_ROLE + quoted(role)
            add(r)
        if src is not None and shared:  # one content read under several paths: the path too
            path = src if type(src) is str else str(src)
            if path in shared:
                add(A_SOURCE_PATH + quoted(path))
        if not mapped.issuperset(d):  # other readings, a fulfilled_by edge's fields (rare)
            own, _, unmapped = extras(u, v, k, d)
            pos.extend(own)
            if unmapped:
                add(UNMAPPED + json_literal(unmapped))
            pos = sorted(set(pos))
            return group(pos) if ttl else pos
        if resort:  # a base whose vocabulary sorts among the other namespaces
            pos.sort()
        return pos

    return assertion_pairs
