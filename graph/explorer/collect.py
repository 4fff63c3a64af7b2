"""Rows of the explorer index (graph.explorer.index) read from a graph, one pass per table.

Ids are small integers given in the graph's node order; slugs are made from what a person
reads (symbol, province, year; name; number), made unique in node order, so the same graph
gives the same URLs.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator, Optional

from graph.explorer import terms
from graph.link import succession
from graph.models import ASSIGNS, CITES, FULFILLED_BY, IMPLEMENTS, ISSUED_BY, PART_OF
from graph.query.progress import days_late
from graph.query.walk import below


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class _Slugs:
    """Unique slugs: the first of a name keeps it, the next get -2, -3 …"""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, base: str) -> str:
        s, i = base, 1
        while s in self.used:
            i += 1
            s = f"{base}-{i}"
        self.used.add(s)
        return s


def doc_slug_base(a: dict) -> str:
    """'127-kh-tu-quang-ngai-2018'; an unnumbered document by its type and issuer."""
    head = a.get("symbol") or " ".join(x for x in (a.get("doc_type"), a.get("issuer")) if x)
    parts = [terms.slug(head or "van ban", 48)]
    if a.get("symbol") and a.get("jurisdiction"):
        parts.append(terms.slug(a["jurisdiction"], 24))
    if a.get("year"):
        parts.append(str(a["year"]))
    return "-".join(parts)


class Collector:
    """Everything the index holds, computed from G once; each *_rows() yields one table."""

    def __init__(self, G, base: Optional[Path] = None, at: Optional[str] = None) -> None:
        self.G = G
        self.base = base
        self.at = at or dt.date.today().isoformat()  # the day progress statuses are read at
        self.docs: dict[str, int] = {}
        self.tasks: dict[str, int] = {}
        self.agencies: dict[str, int] = {}
        for n, a in G.nodes(data=True):
            kind = a.get("kind")
            table = {"document": self.docs, "task": self.tasks, "agency": self.agencies}.get(kind)
            if table is not None:
                table[n] = len(table) + 1
        self.counts = {"document": len(self.docs), "task": len(self.tasks),
                       "agency": len(self.agencies)}
        self.files: dict[str, int] = {}
        self.below = self._below()

    # ------------------------------------------------------------ helpers
    def file_id(self, path: Optional[str]) -> Optional[int]:
        if not path:
            return None
        fid = self.files.get(path)
        if fid is None:
            fid = self.files[path] = len(self.files) + 1
        return fid

    def _below(self) -> dict[str, dict[str, int]]:
        """Implemented document -> {every document under it, itself included: depth}."""
        G, out = self.G, {}
        for n in self.docs:
            if not any(IMPLEMENTS in keys for keys in G.pred[n].values()):
                continue
            out[n] = below(G, n)
        return out

    def _degrees(self, n: str) -> tuple[int, int, int, int, int]:
        """(tasks, implements out, implemented by, cites out, cited by) of a document."""
        G = self.G
        n_tasks = sum(1 for v, k in G.succ[n].items() if ASSIGNS in k and v in self.tasks)
        up = sum(1 for k in G.succ[n].values() if IMPLEMENTS in k)
        down = sum(1 for k in G.pred[n].values() if IMPLEMENTS in k)
        cites = sum(1 for k in G.succ[n].values() if CITES in k)
        cited = sum(1 for k in G.pred[n].values() if CITES in k)
        return n_tasks, up, down, cites, cited

    # ------------------------------------------------------------ tables
    def doc_rows(self) -> Iterator[tuple]:
        slugs = _Slugs()
        self.doc_slugs: dict[int, str] = {}
        for n, i in self.docs.items():
            a = self.G.nodes[n]
            s = slugs.take(doc_slug_base(a))
            self.doc_slugs[i] = s
            juris = a.get("jurisdiction")
            files = [self.file_id(p) for p in (a.get("files") or [])]
            n_tasks, up, down, cites, cited = self._degrees(n)
            yield (i, s, a.get("symbol"), a.get("doc_type"), a.get("type_code"), a.get("date"),
                   a.get("year"), a.get("issuer"), juris, succession.unit_of(juris),
                   a.get("level") or "unknown", a.get("title"), int(bool(a.get("stub"))),
                   int(bool(a.get("ambiguous"))), _dumps(list(a.get("aliases") or [])),
                   _dumps(files), n_tasks, up, down, len(self.below.get(n, ())) - (n in self.below),
                   cites, cited)

    def under_rows(self) -> Iterator[tuple]:
        docs = self.docs
        for root, depth in self.below.items():
            for n, d in depth.items():
                yield docs[root], docs[n], d

    def link_rows(self) -> Iterator[tuple]:
        docs = self.docs
        for u, v, k, d in self.G.edges(keys=True, data=True):
            if k in (IMPLEMENTS, CITES) and u in docs and v in docs:
                yield (docs[u], docs[v], k, d.get("evidence"), self.file_id(d.get("source")),
                       d.get("offset"), d.get("origin"))

    def agency_rows(self) -> Iterator[tuple]:
        slugs = _Slugs()
        roles: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for u, v, k, d in self.G.edges(keys=True, data=True):
            if k == ASSIGNS and v in self.agencies:
                roles[v][0 if d.get("role") == "lead" else 1] += 1
        for n, i in self.agencies.items():
            a = self.G.nodes[n]
            name = a.get("name") or a.get("label") or ""
            juris = a.get("jurisdiction")
            base = terms.slug(f"{name} {juris}" if juris and terms.fold(juris) not in
                              terms.fold(name) else name, 64)
            parent = self.agencies.get(a.get("parent") or "")
            heirs = succession.heirs(name) if succession.is_succeeded(name) else None
            yield (i, slugs.take(base), name, juris, succession.unit_of(juris), parent,
                   int(bool(a.get("is_group"))), a.get("level"), *roles[n],
                   _dumps(heirs.to_dict()) if heirs else None)

    def task_rows(self) -> Iterator[tuple]:
        slugs = _Slugs()
        G = self.G
        rows = self.progress = self.progress_rows()
        order: dict[str, int] = defaultdict(int)
        for n, i in self.tasks.items():
            a = G.nodes[n]
            plan = a.get("plan")
            if plan not in self.docs:  # the plan from its part_of edge
                plan = next((v for v, k in G.succ[n].items() if PART_OF in k and v in self.docs),
                            None)
            doc = self.docs.get(plan)
            order[plan] += 1
            head = self.doc_slugs.get(doc, "nhiem-vu") if doc else "nhiem-vu"
            num = terms.slug(a.get("number") or "", 24) if a.get("number") else str(order[plan])
            row = rows.get(n)
            yield (i, slugs.take(f"{head}--{num}"), doc, a.get("number"), a.get("text"),
                   a.get("deadline"), a.get("due"), a.get("recurrence"), a.get("condition"),
                   a.get("section"), self.file_id(a.get("source")), a.get("offset"), order[plan],
                   row["status"] if row else None,
                   _dumps(self._progress_detail(n, row)) if row else None)

    def reach_rows(self) -> Iterator[tuple]:
        """(task, province, today's unit, done) for each province of a task addressed to all
        (after task_rows)."""
        for n, row in self.progress.items():
            for done, names in ((1, row["provinces_done"]), (0, row["provinces_not_done"])):
                for p in names:
                    yield self.tasks[n], p, succession.unit_of(p), done

    def progress_rows(self) -> dict[str, dict]:
        """task id -> its row of graph.query.progress at self.at (a report's numbered parts,
        which are its results, have none)."""
        from graph.query.progress import progress
        df = progress(self.G, at=self.at)
        return {r["task"]: r for r in df.to_dict("records")}

    def _progress_detail(self, task: str, row: dict) -> dict:
        """What a task page shows of its progress: the documents fulfilling it (from the
        graph's fulfilled_by edges: days after the plan, the sentences of both sides, the
        provinces each answers for), the partial candidates and what they miss, the
        provinces done / not done, the successors of its lead agency."""
        G, docs = self.G, self.docs
        full = []
        for v, keys in G.succ[task].items():
            e = keys.get(FULFILLED_BY)
            if e is None or v not in docs:
                continue
            full.append({"doc": docs[v], "days": e.get("days_after_plan"),
                         "late": days_late(G.nodes[task].get("due"), [G.nodes[v].get("date")]),
                         "evidence": e.get("evidence"), "file": self.file_id(e.get("source")),
                         "offset": e.get("offset"), "doc_evidence": e.get("doc_evidence"),
                         "doc_file": self.file_id(e.get("doc_source")),
                         "provinces": list(e.get("provinces") or [])})
        full.sort(key=lambda f: (f["days"] is None, f["days"] or 0, f["doc"]))
        partial = [{"doc": self._doc_named(p["document"], p.get("province")),
                    "symbol": p["document"], "missing": list(p["missing"]),
                    "province": p.get("province")} for p in row["partial"]]
        return {"asked": list(row["asked"]), "ask": row["asked_evidence"], "fulfilled": full,
                "partial": partial, "done": list(row["provinces_done"]),
                "not_done": list(row["provinces_not_done"]),
                "successors": list(row["successors"])}

    def _doc_named(self, name: str, province: Optional[str]) -> Optional[int]:
        """The document a progress row names (its node id, or its symbol: the one of that
        province when several share it)."""
        if name in self.docs:
            return self.docs[name]
        named = getattr(self, "_by_symbol", None)
        if named is None:
            named = self._by_symbol = defaultdict(list)
            for n, i in self.docs.items():
                a = self.G.nodes[n]
                named[a.get("symbol")].append((a.get("jurisdiction"), i))
        cands = named.get(name) or []
        return next((i for j, i in cands if j == province), cands[0][1] if cands else None)

    def assign_rows(self) -> Iterator[tuple]:
        for u, v, k, d in self.G.edges(keys=True, data=True):
            if k == ASSIGNS and u in self.tasks and v in self.agencies:
                yield self.tasks[u], self.agencies[v], d.get("role") or "partner"

    def task_cite_rows(self) -> Iterator[tuple]:
        for u, v, k in self.G.edges(keys=True):
            if k == CITES and u in self.tasks and v in self.docs:
                yield self.tasks[u], self.docs[v]

    def issued_rows(self) -> Iterator[tuple]:
        for u, v, k in self.G.edges(keys=True):
            if k == ISSUED_BY and u in self.docs and v in self.agencies:
                yield self.docs[u], self.agencies[v]

    def file_rows(self) -> Iterator[tuple]:
        """Every file a document was read from or an edge cites as its source."""
        for u, v, k, d in self.G.edges(keys=True, data=True):
            self.file_id(d.get("source"))
        for n in self.tasks:
            self.file_id(self.G.nodes[n].get("source"))
        read_from = {self.files[p]: i for n, i in self.docs.items()
                     for p in self.G.nodes[n].get("files") or []}
        slugs = _Slugs()
        for path, i in self.files.items():
            yield i, slugs.take(terms.slug(Path(path).stem, 48)), self._abs(path), read_from.get(i)

    def _file_ids(self, paths) -> list[int]:
        return list(dict.fromkeys(i for i in map(self.file_id, paths or []) if i))[:20]

    def _abs(self, path: str) -> str:
        p = Path(path)
        if p.is_absolute() or p.exists() or self.base is None:
            return str(p.resolve()) if p.exists() else path
        q = self.base / p
        return str(q) if q.exists() else path

    def problem_rows(self) -> Iterator[tuple]:
        """What graph.query.check finds, on the documents it concerns (detail as JSON, files
        as file ids). The one place that reads the shape of check's report."""
        from graph.query import check
        docs, G = self.docs, self.G
        rep = check(G)
        for it in rep["ambiguous"]:
            cands = [docs[c] for c in it.get("candidates") or [] if c in docs]
            yield docs[it["id"]], "ambiguous", _dumps({
                "candidates": cands, "files": self._file_ids(it.get("sources"))})
        for it in rep["conflicts"]:
            yield docs[it["id"]], "conflict", _dumps(_conflicts(it["conflicts"], self.file_id))
        for it in rep["contradictions"]:  # a merge a printed fact refused: on both documents
            if it["id"] not in docs or it.get("candidate") not in docs:
                continue
            u, v = docs[it["id"]], docs[it["candidate"]]
            said = {"evidence": it.get("evidence"), "file": self.file_id(it.get("source")),
                    "fact": it.get("fact"), "value": it.get("value"),
                    "other_value": it.get("candidate_value")}
            yield u, "refused", _dumps({"other": v, **said})
            yield v, "refused_other", _dumps({"other": u, **said})
        for it in rep["dated_after"]:
            u, v = docs[it["id"]], docs[it["implements"]]
            said = {"evidence": it.get("evidence"), "file": self.file_id(it.get("source"))}
            yield u, "dated_after", _dumps({"other": v, "date": it["date"],
                                            "other_date": it["implements_date"], **said})
            yield v, "dated_before", _dumps({"other": u, "date": it["implements_date"],
                                             "other_date": it["date"], **said})
        for cycle in rep["cycles"]:
            ids = [docs[n] for n in cycle if n in docs]
            for i in ids:
                yield i, "cycle", _dumps({"cycle": ids})

    def key_rows(self) -> Iterator[tuple]:
        for n, i in self.docs.items():
            a = self.G.nodes[n]
            for k in terms.doc_keys(a.get("symbol"), a.get("type_code")):
                yield k, i

    def item_rows(self) -> Iterator[tuple[tuple, str]]:
        """((item id, kind, ref, type, level, unit, year), folded words) of every node:
        documents first (read before only referenced, the most implemented, the latest
        first: a long list of hits is read in this order), then tasks, then agencies."""
        G, item = self.G, 0
        first = lambda n: (bool(G.nodes[n].get("stub")), bool(G.nodes[n].get("ambiguous")),  # noqa: E731
                           -len(self.below.get(n, ())), _later_first(G.nodes[n].get("date")))
        for n in sorted(self.docs, key=first):
            i = self.docs[n]
            a = G.nodes[n]
            item += 1
            words = terms.item_words(a.get("symbol"), a.get("doc_type"), a.get("title"),
                                     a.get("issuer"), a.get("jurisdiction"),
                                     *(a.get("aliases") or []))
            yield ((item, "document", i, a.get("doc_type") or "", a.get("level") or "unknown",
                    succession.unit_of(a.get("jurisdiction")), a.get("year")), words)
        for n, i in self.tasks.items():
            a = G.nodes[n]
            plan = G.nodes[a["plan"]] if a.get("plan") in self.docs else {}
            item += 1
            yield ((item, "task", i, "", plan.get("level") or "unknown",
                    succession.unit_of(a.get("jurisdiction") or plan.get("jurisdiction")),
                    plan.get("year")), terms.item_words(a.get("number"), a.get("text")))
        for n, i in self.agencies.items():
            a = G.nodes[n]
            item += 1
            yield ((item, "agency", i, "", a.get("level") or "unknown",
                    succession.unit_of(a.get("jurisdiction")), None),
                   terms.item_words(a.get("name"), a.get("jurisdiction")))


def _later_first(date: Optional[str]) -> tuple[int, int]:
    """A sort key putting later ISO dates first, no date last."""
    digits = (date or "")[:10].replace("-", "")
    return (0, -int(digits)) if digits.isdigit() else (1, 0)


def _conflicts(items: list[dict], file_id) -> dict:
    """{"fields": [{field, values: [{value, sources, files}]}]}: each value read for a field,
    how many files say it and which (file ids, at most 10)."""
    fields: dict[str, dict[Any, dict]] = {}
    for c in items:
        vals = fields.setdefault(c.get("field"), {})
        row = vals.setdefault(c.get("value"), {"value": c.get("value"), "sources": 0,
                                               "files": []})
        row["sources"] += 1
        fid = file_id(c.get("source"))
        if fid and fid not in row["files"] and len(row["files"]) < 10:
            row["files"].append(fid)
    return {"fields": [{"field": f, "values": sorted(v.values(), key=lambda r: -r["sources"])}
                       for f, v in fields.items()]}
