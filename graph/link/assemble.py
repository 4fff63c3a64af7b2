"""Records -> one identity-correct networkx MultiDiGraph (see graph.models.GRAPH_SCHEMA).

Identity is decided over the whole corpus at once (two passes), so the order in which files
were ingested never matters: pass 1 collects every complete identity key (headers, dated
references), pass 2 resolves each mention and adds nodes and edges. `patch` replaces what a
few changed files contributed to an assembled graph, when their identities did not move.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Optional

from graph.link import identity as ident
from graph.models import (ASSIGNS, CITES, IMPLEMENTS, ISSUED_BY, PART_OF, Deadline, Record,
                          Reference, Statement, Task)

if TYPE_CHECKING:
    import networkx as nx

DOC_FIELDS = ("symbol", "doc_type", "type_code", "date", "issuer", "jurisdiction", "title")
READING = ("evidence", "source", "offset", "origin")  # where an edge was read


_KIND_ORDER = ("official", "page", "unrelated")


def _surest_kind(a: Optional[str], b: Optional[str]) -> Optional[str]:
    """The kind of a node read from several files: official before page before unrelated,
    whatever the order of the files."""
    known = [k for k in (a, b) if k]
    return min(known, key=lambda k: _KIND_ORDER.index(k) if k in _KIND_ORDER else 9) if known else None


class _Facts:
    """Values seen for one document node, with their sources, header facts first."""

    def __init__(self) -> None:
        self.values: dict[str, list[tuple[int, Any, str]]] = {}
        self.sources: list[str] = []
        self.aliases: list[str] = []
        self.ingested: list[str] = []
        self.sha: Optional[str] = None
        self.doc_kind: Optional[str] = None  # what the read file is (official, page); None: a stub
        self.evidence: dict[tuple[str, str], str] = {}  # (field, source) -> sentence of a reference

    def add(self, field: str, value: Any, source: str, priority: int, evidence: str = "") -> None:
        if value not in (None, "", []):
            self.values.setdefault(field, []).append((priority, value, source))
            if evidence:
                self.evidence.setdefault((field, source), evidence)

    def pick(self, field: str) -> Any:
        vals = self.values.get(field)
        if not vals:
            return None
        best = min(p for p, _, _ in vals)
        counts = Counter(v for p, v, _ in vals if p == best)
        # the commonest value, ties broken by the value itself (never by the files' order)
        return min(counts.items(), key=lambda vc: (-vc[1], _order(vc[0])))[0]

    def conflicts(self, field: str) -> list[dict]:
        vals = self.values.get(field) or []
        if len({v for _, v, _ in vals}) < 2:
            return []
        out = []
        for v, s in sorted({(v, s) for _, v, s in vals}, key=_order):
            c = {"field": field, "value": v, "source": s}
            if (field, s) in self.evidence:  # the sentence a reference was read from
                c["evidence"] = self.evidence[(field, s)]
            out.append(c)
        return out


def _order(value: Any) -> str:
    """A sort key for any value of a record (str, int, None, lists)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def reading_key(reading: dict) -> tuple:
    """The order of an edge's readings, which never depends on the order of the files: a
    document's own reading before one read from a statement, then by evidence, offset, origin
    and source. The smallest is the edge's primary reading, the others its `also` list."""
    return (reading.get("origin") == "statement", str(reading.get("evidence") or ""),
            reading.get("offset") or 0, str(reading.get("origin") or ""),
            str(reading.get("source") or ""))


def _norm(s: Optional[str]) -> str:
    return ident.symbol_norm(s or "")


def _record(rec: Record | dict) -> Record:
    """A Record, from itself or from its `to_dict()`."""
    return rec if isinstance(rec, Record) else Record.from_dict(rec)


@dataclass
class _Doc:
    """The document being added: what its mentions resolve against."""

    path: str
    node: str
    date: Optional[str]
    juris: Optional[str]
    key: Optional[ident.IdKey]  # its header's identity key, None when unnumbered
    refs_by_sym: dict[str, tuple[Reference, str]] = field(default_factory=dict)


class Assembler:
    def __init__(self, G: Optional[nx.MultiDiGraph] = None,
                 known: Optional[dict] = None, resolver: Optional[ident.Resolver] = None) -> None:
        """A new graph, or G (with `known`, the resolver keys of its assembly) to add to;
        `resolver`: the identity policy (an `identity.Resolver` by default)."""
        import networkx as nx  # lazily: the lean query path never needs it
        from graph.extract.agencies import normalize_agency  # the same, extraction's tables
        self.G = nx.MultiDiGraph() if G is None else G
        self.resolver = ident.Resolver() if resolver is None else resolver
        if known is not None:
            self.resolver.known = known
        self.facts: dict[str, _Facts] = {}
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        self.refused: dict[str, list[dict]] = {}  # node -> the merges its mentions' facts refused
        self.normalise_agency = normalize_agency
        self._agency_cache: dict[tuple[str, Optional[str]], str] = {}

    # ------------------------------------------------------------ helpers
    def _fact(self, nid: str) -> _Facts:
        f = self.facts.get(nid)
        if f is None:
            f = self.facts[nid] = _Facts()
        return f

    @staticmethod
    def _header_key(rec: Record) -> Optional[ident.IdKey]:
        d = rec.document
        if not d.symbol:
            return None
        return ident.make_key(d.symbol, d.date, d.jurisdiction)

    @staticmethod
    def _ref_key(ref: Reference, context_juris: Optional[str]) -> ident.IdKey:
        return ident.make_key(ref.symbol, ref.date, ref.jurisdiction, context_juris)

    def _resolve(self, key: ident.IdKey, before: Optional[str]) -> str:
        return self._settle(self.resolver.resolve(key, before))

    def _settle(self, r: ident.Resolution) -> str:
        if r.ambiguous:
            self.ambiguous[r.node_id] = tuple(sorted(set(self.ambiguous.get(r.node_id, ())) | set(r.candidates)))
        return r.node_id

    def _ref_node(self, doc: _Doc, ref: Reference, before: Optional[str]) -> str:
        """The node of a reference of `doc`, never merged against a fact printed beside it;
        a merge its facts refused is kept with the sentence and the file."""
        key = (ident.make_key(ref.symbol, ref.date, ref.jurisdiction, doc.juris, ref.year, ref.term)
               if ref.year or ref.term else self._ref_key(ref, doc.juris))  # pass 1's cache entry
        facts = ident.Facts(year=ref.year, term=ref.term, issuer=ref.issuer,
                            province=ref.jurisdiction, dated=bool(ref.date))
        # the key of the symbol and the citing document alone, when a fact may have moved it
        bare = (ident.make_key(ref.symbol, None, None, doc.juris)
                if not ref.date and (ref.year or ref.term or ref.jurisdiction) else None)
        r = self.resolver.resolve(key, before, facts, bare)
        for no in r.refused:
            entry = {"symbol": ref.symbol, "candidate": no.candidate, "fact": no.fact,
                     "value": no.value, "node_value": no.node_value,
                     "evidence": ref.evidence or "", "source": doc.path, "offset": ref.offset or 0}
            got = self.refused.setdefault(r.node_id, [])
            if entry not in got:
                got.append(entry)
        return self._settle(r)

    def _edge(self, u: str, v: str, relation: str, **attrs: Any) -> None:
        if u == v:
            return
        attrs["relation"] = relation
        if self.G.has_edge(u, v, key=relation):
            data = self.G.edges[u, v, relation]
            # the smallest reading (`reading_key`) is the edge's; the others go to `also`,
            # put in order by `finish`
            new = {k: attrs.get(k) for k in READING}
            if reading_key(new) < reading_key(data):
                old = {k: data.get(k) for k in READING}
                data.update(attrs)
                data.setdefault("also", []).append(old)
            else:
                data.setdefault("also", []).append(new)
            return
        self.G.add_edge(u, v, key=relation, **attrs)

    def _agency(self, name: str, juris: Optional[str], parent_printed: Optional[str] = None) -> str:
        """The node of an agency named in a document of province `juris`: its official name,
        province, parent and group flag from extraction's normaliser (a record keeps only
        the name; an issuer's header may print its parent, `parent_printed`), its level from
        the name."""
        key = (name, juris, parent_printed)
        hit = self._agency_cache.get(key)
        if hit:
            return hit
        level, scope = ident.level_of_name(name)
        group = ident.is_group(name)
        parent = None
        a_juris = juris if scope != "national" else None
        out = self.normalise_agency(name, juris)
        if out.name:
            name = out.name
            a_juris = out.jurisdiction
            group = bool(out.is_group or group)
            parent = out.parent
        parent = parent or parent_printed
        level = ident.level_of_name(name)[0] or level
        aid = ident.agency_id(name, a_juris)
        if aid not in self.G:
            self.G.add_node(aid, kind="agency", label=name, name=name, jurisdiction=a_juris,
                            parent=(ident.agency_id(parent, a_juris) if parent else None),
                            is_group=group, level=level)
        self._agency_cache[key] = aid
        return aid

    # ------------------------------------------------------------ passes
    def collect(self, records: list[tuple[str, Optional[str], Record]]) -> None:
        for _, _, rec in records:
            hk = self._header_key(rec)
            d = rec.document
            if hk:
                self.resolver.add(hk, d.date)
            for ref in rec.references:
                if ref.symbol:
                    self.resolver.add(self._ref_key(ref, d.jurisdiction), ref.date)

    def collect_keys(self, rows: Iterable[tuple]) -> None:
        """Pass 1 from (symbol, date, jurisdiction, citing document's jurisdiction or None
        for a header) rows, e.g. graph.link.store.iter_identity_keys."""
        add, make = self.resolver.add, ident.make_key
        for sym, date, juris, ctx in rows:
            add(make(sym, date, juris, ctx) if ctx is not None else make(sym, date, juris), date)

    def add_record(self, path: str, sha: Optional[str], rec: Record) -> Optional[str]:
        """Pass 2 for one record: its document, references, aliases, statements, issuer and
        tasks. Returns its document's node id; None for unrelated text, which yields nothing."""
        if rec.kind == "unrelated":
            return None
        doc = self._add_document(path, sha, rec)
        self._add_references(doc, rec.references, rec.document.title or "")
        self._add_aliases(doc, rec.aliases)
        self._add_statements(doc, rec.statements)
        if rec.document.issuer:
            aid = self._agency(rec.document.issuer, doc.juris, rec.document.issuer_parent)
            self._edge(doc.node, aid, ISSUED_BY, evidence=rec.document.issuer, source=path,
                       offset=0, origin="header")
        self._add_tasks(doc, rec.tasks)
        return doc.node

    def _add_document(self, path: str, sha: Optional[str], rec: Record) -> _Doc:
        d = rec.document
        hk = self._header_key(rec)
        node = self._resolve(hk, d.date) if hk else ident.file_node_id(sha, path)
        f = self._fact(node)
        for k in DOC_FIELDS:
            f.add(k, getattr(d, k), path, 0)
        f.add("issuer_parent", d.issuer_parent, path, 0)
        f.ingested.append(path)
        if sha and (f.sha is None or sha < f.sha):
            f.sha = sha  # one file's hash for a document of several files: the smallest
        f.doc_kind = _surest_kind(f.doc_kind, rec.kind)  # in any order of the files
        f.sources.append(path)
        return _Doc(path=path, node=node, date=d.date, juris=d.jurisdiction, key=hk)

    def _add_references(self, doc: _Doc, refs: list[Reference], title: str) -> None:
        for ref in refs:
            if not ref.symbol:
                continue
            rid = self._ref_node(doc, ref, doc.date)
            doc.refs_by_sym.setdefault(_norm(ref.symbol), (ref, rid))
            rf = self._fact(rid)
            for k in DOC_FIELDS:
                v = getattr(ref, k)
                if k == "jurisdiction" and not v:
                    pk = self._ref_key(ref, doc.juris).province
                    v = doc.juris if pk and pk != ident.UNKNOWN else None
                rf.add(k, v, doc.path, 1, ref.evidence or "" if k == "date" else "")  # `conflicts`
            rf.sources.append(doc.path)
            rf.aliases.extend(ref.aliases)
            rel = ref.relation or CITES
            origin = ("header" if ref.symbol in title else "preamble") if rel == IMPLEMENTS else "body"
            self._edge(doc.node, rid, rel, evidence=ref.evidence or "", source=doc.path,
                       offset=ref.offset or 0, origin=origin)

    def _add_aliases(self, doc: _Doc, aliases: dict[str, str]) -> None:
        for short, sym in aliases.items():
            hit = doc.refs_by_sym.get(_norm(sym))
            if hit:
                self._fact(hit[1]).aliases.append(short)

    def _mention(self, doc: _Doc, sym: str, before: Optional[str]) -> tuple[str, Optional[str]]:
        """(node, date) of a symbol named in a statement or task of `doc`: one of its
        references, itself, or a document settled by the symbol alone."""
        hit = doc.refs_by_sym.get(_norm(sym))
        if hit:
            rid = hit[1]
            if rid in self.ambiguous and before:
                # the statement's subject dates it: "60-KH/TU (2018) thực hiện 20-NQ/TW"
                rid = self._ref_node(doc, hit[0], before)
                if rid != hit[1]:
                    self._fact(rid).sources.append(doc.path)
            return rid, hit[0].date
        if doc.key and _norm(sym) == doc.key.sym:
            return doc.node, doc.date
        nid = self._resolve(ident.make_key(sym, None, None, doc.juris), before)
        self._fact(nid).add("symbol", sym, doc.path, 2)
        self._fact(nid).sources.append(doc.path)
        return nid, None

    def _add_statements(self, doc: _Doc, statements: list[Statement]) -> None:
        for st in statements:
            if not st.subject or not st.object:
                continue
            sid, sdate = self._mention(doc, st.subject, doc.date)
            oid, _ = self._mention(doc, st.object, sdate or doc.date)
            self._edge(sid, oid, st.relation or IMPLEMENTS, evidence=st.evidence or "",
                       source=doc.path, offset=st.offset or 0, origin="statement")

    def _add_tasks(self, doc: _Doc, tasks: list[Task]) -> None:
        seen_numbers: set[str] = set()
        for i, t in enumerate(tasks):
            number = t.number or str(i + 1)
            tkey = number if number not in seen_numbers else f"{number}~{i}"
            seen_numbers.add(number)
            self._add_task(doc, f"task:{doc.node}#{tkey}", number, t)

    def _add_task(self, doc: _Doc, tid: str, number: str, t: Task) -> None:
        due = t.due or Deadline()
        text = t.text or ""
        held = self.G.nodes.get(tid)  # a task of another file of the same document
        if held is None or (text, t.offset or 0, doc.path) < (
                held["text"], held["offset"], held["source"]):
            self.G.add_node(tid, kind="task", label=(text[:60] + ("…" if len(text) > 60 else "")),
                            number=number, text=text, deadline=t.deadline,
                            due=due.due, recurrence=due.recurrence,
                            condition=due.condition, plan=doc.node, jurisdiction=doc.juris,
                            section=t.section, source=doc.path, offset=t.offset or 0)
        ev = dict(evidence=text, source=doc.path, offset=t.offset or 0, origin="task")
        self._edge(doc.node, tid, ASSIGNS, **ev)
        self._edge(tid, doc.node, PART_OF, **ev)
        for role, names in (("lead", t.lead), ("partner", t.partners)):
            for n in names:
                if n and n.strip():
                    self._edge(tid, self._agency(n.strip(), doc.juris), ASSIGNS, role=role, **ev)
        for sym in t.references:
            rid, _ = self._mention(doc, sym, doc.date)
            self._edge(tid, rid, CITES, **ev)

    def finish(self) -> nx.MultiDiGraph:
        G = self.G
        for nid, f in self.facts.items():
            attrs = {k: f.pick(k) for k in DOC_FIELDS}
            parsed = ident.parse_symbol(attrs["symbol"]) if attrs["symbol"] else None
            level = None
            if parsed:
                lv, _, _ = ident.issuer_scope(parsed)
                level = lv if lv != "unknown" else None
                attrs["type_code"] = attrs["type_code"] or parsed.type_code
            parent = f.pick("issuer_parent")  # the organ the issuer belongs to, as printed
            if parent:
                attrs["issuer_parent"] = parent
            level = (level or ident.level_of_name(attrs["issuer"])[0]
                     or ident.level_of_name(parent)[0] or "unknown")
            date = attrs["date"]
            year = ident.year_of(date) or (parsed.year if parsed else None)
            cands = list(self.ambiguous.get(nid, ()))
            label = attrs["symbol"] or (attrs["title"] or "")[:60] or nid
            attrs.update(
                kind="document", label=label, year=year, level=level,
                stub=not f.ingested, ambiguous=nid in self.ambiguous, candidates=cands,
                aliases=sorted(set(f.aliases)), sources=sorted(set(f.sources)),
                conflicts=f.conflicts("date"), files=sorted(set(f.ingested)), sha256=f.sha,
                doc_kind=f.doc_kind)
            if nid in self.refused:  # only on the nodes of a refused merge (graph.query.check)
                attrs["refused"] = sorted(self.refused[nid], key=_order)
            if nid in G:
                G.nodes[nid].update(attrs)
            else:
                G.add_node(nid, **attrs)
        return canonical(G)


def canonical(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """G with its nodes, edges and the `also` readings of its edges in one order, whatever
    the order its files were added in: nodes by id, edges by (from, to, relation), readings
    by `reading_key`; so the exports and pages of the same input are the same bytes."""
    import networkx as nx
    out = nx.MultiDiGraph()
    out.graph.update(G.graph)
    out.add_nodes_from(sorted(G.nodes(data=True), key=lambda na: na[0]))
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])
    for _, _, _, d in edges:
        if d.get("also"):
            d["also"].sort(key=reading_key)
    out.add_edges_from(edges)
    return out



def identity_signature(rec: Record) -> str:
    """Hash of everything in a record that can change node identities or document facts:
    header, references (without evidence/offsets), statements, aliases, task references.
    Two versions of a file with the same signature differ only in tasks, agencies and
    evidence, which `patch` can replace in place."""
    refs = [{k: v for k, v in r.to_dict().items() if k not in ("evidence", "offset", "mentions")}
            for r in rec.references]
    stmts = [(s.subject, s.object, s.relation) for s in rec.statements]
    task_refs = [t.references for t in rec.tasks]
    blob = json.dumps([rec.document.to_dict(), refs, stmts, rec.aliases, task_refs, rec.kind],
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:20]


def assemble(records: Iterable[tuple[str, Optional[str], Record | dict]],
             state: Optional[dict] = None, keys: Optional[Iterable[tuple]] = None,
             resolver: Optional[ident.Resolver] = None) -> nx.MultiDiGraph:
    """(path, sha256, Record or its to_dict()) triples -> MultiDiGraph.

    With `keys` (the identity rows of the same records, see Assembler.collect_keys), the
    records are streamed once and never held in memory together. With `state` (a dict),
    also fills what `patch` needs later: the resolver's complete keys and, per file,
    (sha256, identity_signature). `resolver`: the identity policy (`identity.Resolver`)."""
    a = Assembler(resolver=resolver)
    triples = ((path, sha, _record(rec)) for path, sha, rec in records)
    if keys is None:
        triples = list(triples)
        a.collect(triples)
    else:
        a.collect_keys(keys)
    files = {}
    for path, sha, rec in triples:
        a.add_record(path, sha, rec)
        if state is not None:
            files[path] = (sha, identity_signature(rec))
    G = a.finish()
    if state is not None:
        state["known"] = a.resolver.known
        state["files"] = files
    return G


def _fold_readings(readings: list[dict]) -> Optional[dict]:
    """The primary reading and `also` list the full assembly gives for these readings
    (the smallest by `reading_key` is the primary one, the others go to `also` in that
    order)."""
    if not readings:
        return None
    ordered = sorted(readings, key=reading_key)
    primary = dict(ordered[0])
    also = [{k: r.get(k) for k in READING} for r in ordered[1:]]
    primary.pop("also", None)
    if also:
        primary["also"] = also
    return primary


def _refold(data: dict, readings: list[dict]) -> None:
    """Set an edge's data to what the full assembly gives for these readings of it."""
    base = {x: y for x, y in data.items() if x not in READING + ("also",)}
    folded = _fold_readings([{**base, **r} for r in readings])
    data.clear()
    data.update(folded)


def _with_co_files(G: nx.MultiDiGraph, changed: list[tuple[str, Optional[str], Record]],
                   fetch) -> Optional[list[tuple[str, Optional[str], Record]]]:
    """`changed` and the files sharing a document node with one of them (two files of one
    identity: their tasks share ids), read by fetch; None when they cannot be read."""
    paths = {p for p, _, _ in changed}
    extra: set[str] = set()
    for _, a in G.nodes(data=True):
        if a.get("kind") == "document":
            fs = a.get("files") or ()
            if len(fs) > 1 and any(f in paths for f in fs):
                extra.update(f for f in fs if f not in paths)
    if not extra:
        return changed
    if fetch is None:
        return None
    more = [(p, sha, _record(rec)) for p, sha, rec in fetch(sorted(extra))]
    if {p for p, _, _ in more} != extra:
        return None
    return changed + more


def _remove_tasks(G: nx.MultiDiGraph, paths: set[str]) -> set[str]:
    """Remove the tasks read from `paths`; returns the agencies they named."""
    agencies: set[str] = set()
    doomed = [n for n, a in G.nodes(data=True) if a.get("kind") == "task" and a.get("source") in paths]
    for t in doomed:
        for v in G.succ[t]:
            if G.nodes[v].get("kind") == "agency":
                agencies.add(v)
    G.remove_nodes_from(doomed)
    return agencies


def _remove_readings(G: nx.MultiDiGraph, paths: set[str], agencies: set[str]) -> list[tuple]:
    """Remove from every edge its readings from `paths` (the edge itself when none is left);
    returns the edges touched, adding to `agencies` those they lead to."""
    touched: dict[tuple, list[dict]] = {}  # edge -> readings from other files
    for u, v, k, d in G.edges(keys=True, data=True):
        readings = [d] + list(d.get("also") or [])
        if not any(r.get("source") in paths for r in readings):
            continue
        touched[(u, v, k)] = [r for r in readings if r.get("source") not in paths]
        if G.nodes[v].get("kind") == "agency":
            agencies.add(v)
    G.remove_edges_from([e for e, keep in touched.items() if not keep])
    for (u, v, k), keep in touched.items():
        if keep:
            _refold(G.edges[u, v, k], keep)
    return list(touched)


def _replay(G: nx.MultiDiGraph, known: dict, old: dict,
            changed: list[tuple[str, Optional[str], Record]]) -> None:
    """Add the changed records to G again, as pass 2 of the full assembly would (`old` is
    already the files' new state: a document's hash is the smallest of its files')."""
    a = Assembler(G, known)
    a.ambiguous = {n: tuple(x.get("candidates") or ()) for n, x in G.nodes(data=True)
                   if x.get("kind") == "document" and x.get("ambiguous")}
    paths = {p for p, _, _ in changed}
    for _, x in G.nodes(data=True):  # the refused merges read from the changed files go
        if x.get("refused"):
            x["refused"] = [e for e in x["refused"] if e.get("source") not in paths]
            if not x["refused"]:
                del x["refused"]
    for path, sha, rec in sorted(changed, key=lambda c: c[0]):
        node = G.nodes[a.add_record(path, sha, rec)]
        shas = [old[f][0] for f in node.get("files") or () if f in old and old[f][0]]
        node["sha256"] = min(shas) if shas else sha
    for nid, entries in a.refused.items():  # ... and come back as a rebuild reads them
        G.nodes[nid]["refused"] = sorted(G.nodes[nid].get("refused", []) + entries, key=_order)


def patch(G: nx.MultiDiGraph, known: dict, old: dict[str, tuple[Optional[str], str]],
          changed: list[tuple[str, Optional[str], Record | dict]],
          fetch=None) -> Optional[nx.MultiDiGraph]:
    """Replace what the files in `changed` contributed to G by their new records (G is
    changed, and returned in `canonical` order).

    `old` maps every file of G to (sha256, identity_signature); `known` is the resolver state
    of G's assembly. Files sharing a document node with a changed file (two files of one
    identity: their tasks share ids) are replayed too, their records read by
    `fetch(paths) -> [(path, sha256, record)]`. Returns G, or None when a change may move
    identities (different signature, unnumbered document): the caller then assembles from
    scratch."""
    changed = [(p, sha, _record(rec)) for p, sha, rec in changed]
    for p, _, rec in changed:
        if p not in old or old[p][1] != identity_signature(rec):
            return None
        if not rec.document.symbol:
            return None  # identity of an unnumbered document is its file hash
    changed = _with_co_files(G, changed, fetch)
    if changed is None:
        return None
    paths = {p for p, _, _ in changed}
    agencies = _remove_tasks(G, paths)
    edges = _remove_readings(G, paths, agencies)
    for path, sha, rec in changed:
        old[path] = (sha, identity_signature(rec))
    _replay(G, known, old, changed)
    for (u, v, k) in edges:  # readings re-added in any order: settle them as a rebuild would
        if G.has_edge(u, v, k):
            d = G.edges[u, v, k]
            _refold(d, [d] + list(d.get("also") or []))
    for ag in agencies:
        if ag in G and G.degree(ag) == 0:
            G.remove_node(ag)
    return canonical(G)
