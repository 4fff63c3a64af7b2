"""Records -> one identity-correct networkx MultiDiGraph (see graph.models.GRAPH_SCHEMA).

Identity is decided over the whole corpus at once (two passes), so the order in which files
were ingested never matters: pass 1 collects every complete identity key (headers, dated
references), pass 2 resolves each mention and adds nodes and edges.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Optional

from typing import TYPE_CHECKING

from graph.link import identity as ident
from graph.models import ASSIGNS, CITES, IMPLEMENTS, ISSUED_BY, PART_OF

if TYPE_CHECKING:
    import networkx as nx

DOC_FIELDS = ("symbol", "doc_type", "type_code", "date", "issuer", "jurisdiction", "title")


@lru_cache(maxsize=1)
def _agency_normaliser():
    from graph.extract.agencies import normalize_agency  # cached there per (name, province)
    return normalize_agency


class _Facts:
    """Values seen for one document node, with their sources, header facts first."""

    def __init__(self) -> None:
        self.values: dict[str, list[tuple[int, Any, str]]] = {}
        self.sources: list[str] = []
        self.aliases: list[str] = []
        self.ingested: list[str] = []
        self.sha: Optional[str] = None

    def add(self, field: str, value: Any, source: str, priority: int) -> None:
        if value not in (None, "", []):
            self.values.setdefault(field, []).append((priority, value, source))

    def pick(self, field: str) -> Any:
        vals = self.values.get(field)
        if not vals:
            return None
        best = min(p for p, _, _ in vals)
        counts = Counter(v for p, v, _ in vals if p == best)
        return counts.most_common(1)[0][0]

    def conflicts(self, field: str) -> list[dict]:
        vals = self.values.get(field) or []
        if len({v for _, v, _ in vals}) < 2:
            return []
        seen, out = set(), []
        for _, v, s in vals:
            if (v, s) not in seen:
                seen.add((v, s))
                out.append({"field": field, "value": v, "source": s})
        return out


def _norm(s: Optional[str]) -> str:
    return ident.symbol_norm(s or "")


class Assembler:
    def __init__(self) -> None:
        import networkx as nx  # lazily: the lean query path never needs it
        self.G = nx.MultiDiGraph()
        self.resolver = ident.Resolver()
        self.facts: dict[str, _Facts] = {}
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        self.normalise_agency = _agency_normaliser()
        self._agency_cache: dict[tuple[str, Optional[str]], str] = {}

    # ------------------------------------------------------------ helpers
    def _fact(self, nid: str) -> _Facts:
        f = self.facts.get(nid)
        if f is None:
            f = self.facts[nid] = _Facts()
        return f

    @staticmethod
    def _header_key(rec: dict) -> Optional[ident.IdKey]:
        d = rec.get("document") or {}
        if not d.get("symbol"):
            return None
        return ident.make_key(d["symbol"], d.get("date"), d.get("jurisdiction"))

    @staticmethod
    def _ref_key(ref: dict, context_juris: Optional[str]) -> ident.IdKey:
        return ident.make_key(ref["symbol"], ref.get("date"), ref.get("jurisdiction"), context_juris)

    def _resolve(self, key: ident.IdKey, before: Optional[str]) -> str:
        r = self.resolver.resolve(key, before)
        if r.ambiguous:
            self.ambiguous[r.node_id] = tuple(sorted(set(self.ambiguous.get(r.node_id, ())) | set(r.candidates)))
        return r.node_id

    def _edge(self, u: str, v: str, relation: str, **attrs: Any) -> None:
        if u == v:
            return
        attrs["relation"] = relation
        if self.G.has_edge(u, v, key=relation):
            data = self.G.edges[u, v, relation]
            # keep the document's own reading first; other readings go to `also`
            if data.get("origin") == "statement" and attrs.get("origin") != "statement":
                old = {k: data.get(k) for k in ("evidence", "source", "offset", "origin")}
                data.update(attrs)
                data.setdefault("also", []).append(old)
            else:
                data.setdefault("also", []).append(
                    {k: attrs.get(k) for k in ("evidence", "source", "offset", "origin")})
            return
        self.G.add_edge(u, v, key=relation, **attrs)

    def _agency(self, name: str, juris: Optional[str]) -> str:
        key = (name, juris)
        hit = self._agency_cache.get(key)
        if hit:
            return hit
        level, scope = ident.level_of_name(name)
        group = ident.is_group(name)
        parent = None
        a_juris = juris if scope != "national" else None
        if self.normalise_agency:
            out = self.normalise_agency(name, juris)
            if out.name:
                name = out.name
                a_juris = out.jurisdiction
                group = bool(out.is_group or group)
                parent = out.parent
            level = ident.level_of_name(name)[0] or level
        aid = ident.agency_id(name, a_juris) if a_juris else f"agency:|{ident.fold(name)}"
        if aid not in self.G:
            self.G.add_node(aid, kind="agency", label=name, name=name, jurisdiction=a_juris,
                            parent=(ident.agency_id(parent, a_juris) if parent else None),
                            is_group=group, level=level)
        self._agency_cache[key] = aid
        return aid

    # ------------------------------------------------------------ passes
    def collect(self, records: list[tuple[str, Optional[str], dict]]) -> None:
        for _, _, rec in records:
            hk = self._header_key(rec)
            d = rec.get("document") or {}
            if hk:
                self.resolver.add(hk, d.get("date"))
            juris = d.get("jurisdiction")
            for ref in rec.get("references") or []:
                if ref.get("symbol"):
                    self.resolver.add(self._ref_key(ref, juris), ref.get("date"))

    def collect_keys(self, rows: Iterable[tuple]) -> None:
        """Pass 1 from (symbol, date, jurisdiction, citing document's jurisdiction or None
        for a header) rows, e.g. graph.link.store.iter_identity_keys."""
        add, make = self.resolver.add, ident.make_key
        for sym, date, juris, ctx in rows:
            add(make(sym, date, juris, ctx) if ctx is not None else make(sym, date, juris), date)

    def add_record(self, path: str, sha: Optional[str], rec: dict) -> str:
        d = rec.get("document") or {}
        juris = d.get("jurisdiction")
        date = d.get("date")
        hk = self._header_key(rec)
        doc_id = self._resolve(hk, date) if hk else ident.file_node_id(sha, path)
        f = self._fact(doc_id)
        for k in DOC_FIELDS:
            f.add(k, d.get(k), path, 0)
        f.ingested.append(path)
        f.sha = f.sha or sha
        f.sources.append(path)
        title = d.get("title") or ""

        refs_by_sym: dict[str, tuple[dict, str]] = {}
        for ref in rec.get("references") or []:
            if not ref.get("symbol"):
                continue
            rid = self._resolve(self._ref_key(ref, juris), date)
            refs_by_sym.setdefault(_norm(ref["symbol"]), (ref, rid))
            rf = self._fact(rid)
            for k in DOC_FIELDS:
                v = ref.get(k)
                if k == "jurisdiction" and not v:
                    pk = self._ref_key(ref, juris).province
                    v = juris if pk and pk != ident.UNKNOWN else None
                rf.add(k, v, path, 1)
            rf.sources.append(path)
            rf.aliases.extend(ref.get("aliases") or [])
            rel = ref.get("relation") or CITES
            origin = ("header" if ref["symbol"] in title else "preamble") if rel == IMPLEMENTS else "body"
            self._edge(doc_id, rid, rel, evidence=ref.get("evidence") or "", source=path,
                       offset=ref.get("offset") or 0, origin=origin)
        for short, sym in (rec.get("aliases") or {}).items():
            hit = refs_by_sym.get(_norm(sym))
            if hit:
                self._fact(hit[1]).aliases.append(short)

        def mention(sym: str, before: Optional[str]) -> tuple[str, Optional[str]]:
            hit = refs_by_sym.get(_norm(sym))
            if hit:
                rid = hit[1]
                if rid in self.ambiguous and before:
                    # the statement's subject dates it: "60-KH/TU (2018) thực hiện 20-NQ/TW"
                    rid = self._resolve(self._ref_key(hit[0], juris), before)
                    if rid != hit[1]:
                        self._fact(rid).sources.append(path)
                return rid, hit[0].get("date")
            if hk and _norm(sym) == hk.sym:
                return doc_id, date
            nid = self._resolve(ident.make_key(sym, None, None, juris), before)
            self._fact(nid).add("symbol", sym, path, 2)
            self._fact(nid).sources.append(path)
            return nid, None

        for st in rec.get("statements") or []:
            if not st.get("subject") or not st.get("object"):
                continue
            sid, sdate = mention(st["subject"], date)
            oid, _ = mention(st["object"], sdate or date)
            self._edge(sid, oid, st.get("relation") or IMPLEMENTS, evidence=st.get("evidence") or "",
                       source=path, offset=st.get("offset") or 0, origin="statement")

        if d.get("issuer"):
            aid = self._agency(d["issuer"], juris)
            self._edge(doc_id, aid, ISSUED_BY, evidence=d["issuer"], source=path, offset=0,
                       origin="header")

        seen_numbers: set[str] = set()
        for i, t in enumerate(rec.get("tasks") or []):
            number = t.get("number") or str(i + 1)
            tkey = number if number not in seen_numbers else f"{number}~{i}"
            seen_numbers.add(number)
            tid = f"task:{doc_id}#{tkey}"
            due = t.get("due") or {}
            text = t.get("text") or ""
            self.G.add_node(tid, kind="task", label=(text[:60] + ("…" if len(text) > 60 else "")),
                            number=number, text=text, deadline=t.get("deadline"),
                            due=due.get("due"), recurrence=due.get("recurrence"),
                            condition=due.get("condition"), plan=doc_id, jurisdiction=juris,
                            section=t.get("section"), source=path, offset=t.get("offset") or 0)
            ev = dict(evidence=text, source=path, offset=t.get("offset") or 0, origin="task")
            self._edge(doc_id, tid, ASSIGNS, **ev)
            self._edge(tid, doc_id, PART_OF, **ev)
            for role, names in (("lead", t.get("lead") or []), ("partner", t.get("partners") or [])):
                for n in names:
                    if n and n.strip():
                        self._edge(tid, self._agency(n.strip(), juris), ASSIGNS, role=role, **ev)
            for sym in t.get("references") or []:
                rid, _ = mention(sym, date)
                self._edge(tid, rid, CITES, **ev)
        return doc_id

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
            level = level or ident.level_of_name(attrs["issuer"])[0] or "unknown"
            date = attrs["date"]
            year = ident.year_of(date) or (parsed.year if parsed else None)
            cands = list(self.ambiguous.get(nid, ()))
            label = attrs["symbol"] or (attrs["title"] or "")[:60] or nid
            attrs.update(
                kind="document", label=label, year=year, level=level,
                stub=not f.ingested, ambiguous=nid in self.ambiguous, candidates=cands,
                aliases=sorted(set(f.aliases)), sources=sorted(set(f.sources)),
                conflicts=f.conflicts("date"), files=sorted(set(f.ingested)), sha256=f.sha)
            if nid in G:
                G.nodes[nid].update(attrs)
            else:
                G.add_node(nid, **attrs)
        return G


def identity_signature(rec: dict) -> str:
    """Hash of everything in a record that can change node identities or document facts:
    header, references (without evidence/offsets), statements, aliases, task references.
    Two versions of a file with the same signature differ only in tasks, agencies and
    evidence, which `patch` can replace in place."""
    import hashlib
    import json
    refs = [{k: v for k, v in r.items() if k not in ("evidence", "offset", "mentions")}
            for r in rec.get("references") or []]
    stmts = [(s.get("subject"), s.get("object"), s.get("relation"))
             for s in rec.get("statements") or []]
    task_refs = [t.get("references") or [] for t in rec.get("tasks") or []]
    blob = json.dumps([rec.get("document") or {}, refs, stmts, rec.get("aliases") or {}, task_refs],
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:20]


def assemble(records: Iterable[tuple[str, Optional[str], dict]],
             state: Optional[dict] = None, keys: Optional[Iterable[tuple]] = None) -> nx.MultiDiGraph:
    """(path, sha256, Record.to_dict()) triples -> MultiDiGraph.

    With `keys` (the identity rows of the same records, see Assembler.collect_keys), the
    records are streamed once and never held in memory together. With `state` (a dict),
    also fills what `patch` needs later: the resolver's complete keys and, per file,
    (sha256, identity_signature)."""
    a = Assembler()
    if keys is None:
        records = list(records)
        a.collect(records)
    else:
        a.collect_keys(keys)
    files = {}
    for path, sha, rec in records:
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
    (taken in source order: the first one wins, except that a document's own reading
    replaces one read from a statement)."""
    keys = ("evidence", "source", "offset", "origin")
    primary: Optional[dict] = None
    also: list[dict] = []
    for r in sorted(readings, key=lambda r: str(r.get("source") or "")):
        if primary is None:
            primary = dict(r)
        elif primary.get("origin") == "statement" and r.get("origin") != "statement":
            also.append({k: primary.get(k) for k in keys})
            primary.update({k: r.get(k) for k in keys})
        else:
            also.append({k: r.get(k) for k in keys})
    if primary is not None:
        primary.pop("also", None)
        if also:
            primary["also"] = also
    return primary


def patch(G: nx.MultiDiGraph, known: dict, old: dict[str, tuple[Optional[str], str]],
          changed: list[tuple[str, Optional[str], dict]],
          fetch=None) -> Optional[nx.MultiDiGraph]:
    """Replace, in place, what the files in `changed` contributed to G by their new records.

    `old` maps every file of G to (sha256, identity_signature); `known` is the resolver state
    of G's assembly. Files sharing a document node with a changed file (two files of one
    identity: their tasks share ids) are replayed too, their records read by
    `fetch(paths) -> [(path, sha256, record)]`. Returns G, or None when a change may move
    identities (different signature, unnumbered document): the caller then assembles from
    scratch."""
    paths = {p for p, _, _ in changed}
    for p, _, rec in changed:
        if p not in old or old[p][1] != identity_signature(rec):
            return None
        if not (rec.get("document") or {}).get("symbol"):
            return None  # identity of an unnumbered document is its file hash
    extra: set[str] = set()
    for _, a in G.nodes(data=True):
        if a.get("kind") == "document":
            fs = a.get("files") or ()
            if len(fs) > 1 and any(f in paths for f in fs):
                extra.update(f for f in fs if f not in paths)
    if extra:
        if fetch is None:
            return None
        more = fetch(sorted(extra))
        if {p for p, _, _ in more} != extra:
            return None
        changed = list(changed) + list(more)
        paths |= extra
    touched_agencies: set[str] = set()
    doomed_tasks = [n for n, a in G.nodes(data=True)
                    if a.get("kind") == "task" and a.get("source") in paths]
    for t in doomed_tasks:
        for v in G.succ[t]:
            if G.nodes[v].get("kind") == "agency":
                touched_agencies.add(v)
    G.remove_nodes_from(doomed_tasks)
    touched_edges: dict[tuple, list[dict]] = {}  # edge -> readings from other files
    drop = []
    for u, v, k, d in G.edges(keys=True, data=True):
        readings = [d] + list(d.get("also") or [])
        if not any(r.get("source") in paths for r in readings):
            continue
        keep = [r for r in readings if r.get("source") not in paths]
        touched_edges[(u, v, k)] = keep
        if G.nodes[v].get("kind") == "agency":
            touched_agencies.add(v)
        if not keep:
            drop.append((u, v, k))
    G.remove_edges_from(drop)
    for (u, v, k), keep in touched_edges.items():
        if keep:
            base = {x: y for x, y in G.edges[u, v, k].items()
                    if x not in ("evidence", "source", "offset", "origin", "also")}
            folded = _fold_readings([{**base, **r} for r in keep])
            data = G.edges[u, v, k]
            data.clear()
            data.update(folded)
    a = Assembler()
    a.G = G
    a.resolver.known = known
    a.ambiguous = {n: tuple(x.get("candidates") or ()) for n, x in G.nodes(data=True)
                   if x.get("kind") == "document" and x.get("ambiguous")}
    for path, sha, rec in sorted(changed, key=lambda c: c[0]):
        doc_id = a.add_record(path, sha, rec)
        node = G.nodes[doc_id]
        if node.get("sha256") in (None, old[path][0]):
            node["sha256"] = sha
    for (u, v, k) in touched_edges:  # readings re-added in any order: settle them as a rebuild would
        if G.has_edge(u, v, k):
            d = G.edges[u, v, k]
            readings = [d] + list(d.get("also") or [])
            base = {x: y for x, y in d.items() if x not in ("evidence", "source", "offset", "origin", "also")}
            folded = _fold_readings([{**base, **r} for r in readings])
            d.clear()
            d.update(folded)
    for ag in touched_agencies:
        if ag in G and G.degree(ag) == 0:
            G.remove_node(ag)
    for path, sha, rec in changed:
        old[path] = (sha, identity_signature(rec))
    return G
