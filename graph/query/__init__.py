"""Stage 4: questions over the graph (networkx style: functions of G returning plain data).

    from graph.link import load_graph
    from graph.query import trace, impact, coverage, overdue, find, check, resolve
    G = load_graph("out/policygraph.sqlite")
    trace(G, "Đề án Phòng, chống tai nạn lao động")     # task -> plan -> … -> 20-NQ/TW
    impact(G, "20-NQ/TW 2017")["documents"]              # pandas DataFrame
"""
from __future__ import annotations

import datetime as _dt
import re
import weakref
from collections import deque
from typing import Any, Iterable, Optional

from typing import TYPE_CHECKING

from graph.link import identity as ident
from graph.models import ASSIGNS, IMPLEMENTS, PART_OF

if TYPE_CHECKING:  # imported lazily: a first `trace` from a fresh process needs neither
    import networkx as nx
    import pandas as pd

__all__ = ["resolve", "find", "trace", "impact", "coverage", "overdue", "check", "NotFound",
           "build_index"]

MAX_PATHS = 10000
FUZZY_MIN = 70


class NotFound(LookupError):
    """Nothing in the graph matches the query."""


# ------------------------------------------------------------------ index

class _Index:
    """Lookup tables for `resolve` and `find`, built once per graph (and stored with the lean
    cache by graph.link, so a fresh process does not rebuild them).

    Fuzzy choices are kept per kind as parallel lists (node ids, folded texts) ready for
    rapidfuzz; in a pickle they travel as one nested blob, decoded on the first fuzzy query.
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.by_symbol: dict[str, list[str]] = {}
        self.by_type_number: dict[tuple[str, str], list[str]] = {}
        self.by_alias: dict[str, list[str]] = {}
        fz: dict[str, tuple[list[str], list[str]]] = {k: ([], []) for k in ("document", "task", "agency")}
        for n, a in G.nodes(data=True):
            kind = a.get("kind")
            text = None
            if kind == "document":
                sym = a.get("symbol")
                if sym:
                    self.by_symbol.setdefault(ident.symbol_norm(sym), []).append(n)
                    p = ident.parse_symbol(sym)
                    if p.number:
                        code = ident.strip_accents(a.get("type_code") or p.type_code or "")
                        self.by_type_number.setdefault((code, p.number), []).append(n)
                for al in a.get("aliases") or []:
                    self.by_alias.setdefault(_fold_query(al), []).append(n)
                text = " ".join(x for x in (sym, a.get("doc_type"), a.get("title")) if x)
            elif kind == "task":
                text = a.get("text")
            elif kind == "agency":  # with its province: "Sở Y tế" of which province
                text = a.get("name") or a.get("label") or ""
                juris = a.get("jurisdiction")
                if juris and ident.strip_accents(juris) not in ident.strip_accents(text):
                    text = f"{text} {juris}"
            if text and kind in fz:
                fz[kind][0].append(n)
                fz[kind][1].append(_fold_query(text))
        self._fuzzy: Any = fz

    def fuzzy_choices(self, kinds: Optional[Iterable[str]]) -> tuple[list[str], list[str]]:
        """(node ids, folded texts) of the given kinds (all kinds for None)."""
        if isinstance(self._fuzzy, bytes):
            import pickle
            self._fuzzy = pickle.loads(self._fuzzy)
        key = tuple(sorted(kinds)) if kinds is not None else tuple(sorted(self._fuzzy))
        cache = self.__dict__.setdefault("_merged", {})
        hit = cache.get(key)
        if hit is None:
            ids: list[str] = []
            texts: list[str] = []
            for k in key:
                i, t = self._fuzzy.get(k, ([], []))
                ids.extend(i)
                texts.extend(t)
            hit = cache[key] = (ids, texts)
        return hit

    def __getstate__(self) -> dict:
        import pickle
        d = {k: v for k, v in self.__dict__.items() if k != "_merged"}
        if not isinstance(d["_fuzzy"], bytes):
            d["_fuzzy"] = pickle.dumps(d["_fuzzy"], protocol=pickle.HIGHEST_PROTOCOL)
        return d


class _FoldTable(dict):
    """str.translate table learning each character once: accents off, lower case, đ -> d,
    punctuation other than / . - to a space (combining marks vanish)."""

    def __missing__(self, code: int) -> str:
        import unicodedata
        ch = chr(code)
        out = []
        for c in unicodedata.normalize("NFD", ch.casefold()):
            if unicodedata.category(c) == "Mn":
                continue
            c = "d" if c == "đ" else c
            out.append(c if (c.isalnum() or c in "/.-") else " ")
        r = "".join(out)
        self[code] = r
        return r


_FOLD = _FoldTable()


def _fold_query(text: str) -> str:
    """Accents off, lower case, punctuation to spaces, spaces collapsed."""
    import unicodedata
    return " ".join(unicodedata.normalize("NFC", text or "").translate(_FOLD).split())

_INDEXES: "weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, _Index]]" = weakref.WeakKeyDictionary()


def build_index(G: nx.MultiDiGraph) -> _Index:
    """The lookup index of G (stored by graph.link with its lean cache)."""
    return _Index(G)


def _index(G: nx.MultiDiGraph) -> _Index:
    stamp = G.number_of_nodes() * 1000003 + G.number_of_edges()
    hit = _INDEXES.get(G)
    if hit and hit[0] == stamp:
        return hit[1]
    pre = getattr(G, "prebuilt_index", None)
    idx = pre() if callable(pre) else None
    if not isinstance(idx, _Index):
        idx = _Index(G)
    _INDEXES[G] = (stamp, idx)
    return idx


_YEAR_RE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/.-])")
_SYMBOL_RE = re.compile(r"\d+[a-zA-Z]?\s*[-/]\s*[^\s,;]+")
_NUM_RE = re.compile(r"\d+")


def _doc_order(G: nx.MultiDiGraph, ids: Iterable[str]) -> list[str]:
    """Settled identities first, ingested before stubs, then latest first."""
    out = sorted(set(ids))
    out.sort(key=lambda n: G.nodes[n].get("date") or "", reverse=True)
    out.sort(key=lambda n: (bool(G.nodes[n].get("ambiguous")), bool(G.nodes[n].get("stub"))))
    return out


def _fuzzy(G: nx.MultiDiGraph, text: str, kinds: Optional[set[str]], limit: int,
           min_score: float) -> list[tuple[str, float]]:
    """Best fuzzy matches [(node id, score)]: containment of the whole query scores 100
    (101 for equality); otherwise rapidfuzz token_set_ratio over the prepared (folded)
    choices -- the words of the query found in the choice, typos tolerated; unlike WRatio it
    does not give a short choice sharing one word ("... tỉnh 20") 85 -- and a choice missing
    a number of the query ("nghi quyet 20" vs 42-NQ/TW) scores 60 % of that."""
    from rapidfuzz import fuzz, process
    q = _fold_query(text)
    if not q:
        return []
    ids, choices = _index(G).fuzzy_choices(kinds)
    nums = _NUM_RE.findall(q)
    num_res = [re.compile(r"(?<!\d)0*" + n.lstrip("0") + r"(?!\d)") for n in nums if n.lstrip("0")]
    out: dict[str, float] = {}

    def has_nums(t: str) -> bool:
        return all(r.search(t) for r in num_res)

    n_exact = 0
    for i, t in enumerate(choices):  # containment: cheap and unambiguous
        if q in t:
            out[ids[i]] = 100.0 + (1.0 if q == t else 0.0)
            n_exact += 1
    if n_exact < limit:
        want = max(limit * 4, 20)
        found: dict[int, float] = {}
        if num_res:  # choices carrying the query's numbers compete among themselves first
            sub = [i for i, t in enumerate(choices) if has_nums(t)]
            for _, score, j in process.extract(q, [choices[i] for i in sub], scorer=fuzz.token_set_ratio,
                                               processor=None, limit=want, score_cutoff=min_score):
                found[sub[j]] = float(score)
        for _, score, i in process.extract(q, choices, scorer=fuzz.token_set_ratio, processor=None,
                                           limit=want, score_cutoff=min_score):
            if i not in found:
                found[i] = float(score) * (0.6 if num_res and not has_nums(choices[i]) else 1.0)
        for i, score in found.items():
            if score < min_score:
                continue
            # all words found is not the query found: below containment (100), and the
            # closer the whole text, the higher among equals
            score = min(score, 95.0) + fuzz.ratio(q, choices[i]) / 100.0
            n = ids[i]
            out[n] = max(out.get(n, 0.0), score)
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:limit]


def resolve(G: nx.MultiDiGraph, query: str, fuzzy: bool = True) -> list[str]:
    """Node ids matching `query`, best first.

    Accepts a node id, a symbol ("20-NQ/TW"), a symbol with a year ("20-NQ/TW 2017"), a
    short form ("Nghị quyết 20", "NQ 20", "Kế hoạch 127"), or words of a title, task or
    agency name (fuzzy, rapidfuzz).
    """
    q = (query or "").strip()
    if not q:
        return []
    if q in G:
        return [q]
    idx = _index(G)
    years = [int(y) for y in _YEAR_RE.findall(q)]
    hits: list[str] = []
    for m in _SYMBOL_RE.finditer(q):
        hits.extend(idx.by_symbol.get(ident.symbol_norm(m.group(0)), []))
    if not hits:
        folded = ident.strip_accents(q)
        rest = re.sub(r"\s+", " ", _YEAR_RE.sub("", folded)).strip()
        hits.extend(idx.by_alias.get(_fold_query(rest), []))
        code, number = None, None
        for word, c in ident.type_words():
            word = ident.strip_accents(word)
            if rest.startswith(word + " "):
                code, rest2 = c, rest[len(word):].strip()
                break
        else:
            m = re.match(r"^([^\W\d_]+)\.?\s+(.*)$", rest)
            code, rest2 = (m.group(1), m.group(2)) if m else (None, rest)
        if code:
            m = re.match(r"^(?:so\s+)?0*(\d+[a-z]?)\b", rest2)
            if m:
                number = m.group(1)
                hits.extend(idx.by_type_number.get((ident.strip_accents(code), number), []))
    if hits and years:
        dated = [n for n in hits if G.nodes[n].get("year") in years]
        hits = dated or hits
    if hits:
        return _doc_order(G, hits)
    if not fuzzy:
        return []
    return [n for n, _ in _fuzzy(G, q, None, 10, FUZZY_MIN)]


def _start(G: nx.MultiDiGraph, query: str) -> str:
    hits = resolve(G, query)
    if not hits:
        raise NotFound(f"nothing matches {query!r}")
    return hits[0]


def find(G: nx.MultiDiGraph, text: str, limit: int = 10,
         kinds: Iterable[str] = ("document", "agency")) -> list[dict[str, Any]]:
    """Fuzzy lookup: [{id, kind, symbol, date, title, score}], best first.

    Exact matches of a symbol, short form or alias ("20-NQ/TW", "Nghị quyết 20") score 100 and
    come first; then fuzzy matches (see `_fuzzy`) from the prebuilt index.
    """
    kinds = set(kinds)
    scored: dict[str, float] = {}
    for n in resolve(G, text, fuzzy=False):
        if G.nodes[n].get("kind") in kinds:
            scored[n] = 100.0
    exact = list(scored)  # resolve's order: settled, ingested, latest first
    rank = {n: i for i, n in enumerate(exact)}
    for n, s in _fuzzy(G, text, kinds, limit, 50):
        if n not in rank:
            scored[n] = max(scored.get(n, 0.0), min(s, 100.0))
    out = []
    order = sorted(scored.items(), key=lambda kv: (kv[0] not in rank, rank.get(kv[0], 0),
                                                   -kv[1], kv[0]))
    for n, s in order[:limit]:
        a = G.nodes[n]
        out.append({"id": n, "kind": a.get("kind"), "symbol": a.get("symbol"),
                    "date": a.get("date"),
                    "title": a.get("title") or a.get("name") or a.get("text"),
                    "score": round(s, 1)})
    return out


# ------------------------------------------------------------------ trace

def _hop(G: nx.MultiDiGraph, n: str, edge: Optional[dict]) -> dict[str, Any]:
    a = G.nodes[n]
    is_task = a.get("kind") == "task"
    e = edge or {}
    return {"id": n, "kind": a.get("kind"),
            "symbol": None if is_task else a.get("symbol"),
            "text": a.get("text") if is_task else None,
            "title": None if is_task else a.get("title"),
            "date": None if is_task else a.get("date"),
            "relation": e.get("relation"), "evidence": e.get("evidence"),
            "source": e.get("source"), "offset": e.get("offset"), "origin": e.get("origin")}


def _up_edges(G: nx.MultiDiGraph, n: str):
    """(parent, edge data) for the edges a trace climbs from n."""
    kind = G.nodes[n].get("kind")
    rel = PART_OF if kind == "task" else IMPLEMENTS
    for v, keys in G.succ[n].items():
        d = keys.get(rel)
        if d is not None:
            yield v, d


def trace(G: nx.MultiDiGraph, query: str, max_paths: int = MAX_PATHS) -> dict[str, Any]:
    """Every path from the start (a task or a document) up `implements` edges to each root.

    Returns {"query", "start", "roots": [{id, symbol, date, title}], "paths": [[hop…]]}; each
    hop is {id, symbol, text, relation, evidence, source, …}: the first hop is the start, the
    others carry the edge that led to them (`symbol` is None for tasks, `text` for documents).
    """
    start = _start(G, query)
    paths: list[list[dict]] = []
    stack = [(start, [_hop(G, start, None)], frozenset([start]))]
    truncated = False
    while stack:
        n, path, seen = stack.pop()
        ups = [(v, d) for v, d in _up_edges(G, n) if v not in seen]
        if not ups:
            paths.append(path)
            if len(paths) >= max_paths:
                truncated = bool(stack)
                break
            continue
        for v, d in sorted(ups, key=lambda x: x[0], reverse=True):
            stack.append((v, path + [_hop(G, v, d)], seen | {v}))
    roots, seen_roots = [], set()
    for p in paths:
        r = p[-1]["id"]
        if r not in seen_roots:
            seen_roots.add(r)
            a = G.nodes[r]
            roots.append({"id": r, "symbol": a.get("symbol"), "date": a.get("date"),
                          "title": a.get("title") or a.get("text")})
    out = {"query": query, "start": start, "roots": roots, "paths": paths}
    if truncated:
        out["truncated"] = True
    return out


# ------------------------------------------------------------------ impact / coverage

def _below(G: nx.MultiDiGraph, start: str) -> dict[str, int]:
    """Documents implementing `start` transitively -> depth (start itself: 0)."""
    depth = {start: 0}
    q = deque([start])
    while q:
        n = q.popleft()
        for u, keys in G.pred[n].items():
            if IMPLEMENTS in keys and u not in depth:
                depth[u] = depth[n] + 1
                q.append(u)
    return depth


def _doc_row(G, n, **extra) -> dict[str, Any]:
    a = G.nodes[n]
    row = {"id": n, "symbol": a.get("symbol"), "title": a.get("title"), "date": a.get("date"),
           "level": a.get("level"), "jurisdiction": a.get("jurisdiction"),
           "issuer": a.get("issuer"), "stub": a.get("stub")}
    row.update(extra)
    return row


def _tasks_of(G, doc: str) -> list[str]:
    return [v for v, keys in G.succ[doc].items()
            if ASSIGNS in keys and G.nodes[v].get("kind") == "task"]


def _agencies_of(G, task: str) -> list[tuple[str, Optional[str]]]:
    return [(v, keys[ASSIGNS].get("role")) for v, keys in G.succ[task].items()
            if ASSIGNS in keys and G.nodes[v].get("kind") == "agency"]


def impact(G: nx.MultiDiGraph, query: str) -> dict[str, Any]:
    """Everything under a document: implementing plans (by level, province), tasks, agencies.

    Returns {"query", "start", "documents": DataFrame, "tasks": DataFrame,
    "agencies": DataFrame, "by_level": DataFrame}.
    """
    import pandas as pd
    start = _start(G, query)
    depth = _below(G, start)
    docs = [_doc_row(G, n, depth=d) for n, d in depth.items() if n != start]
    docs.sort(key=lambda r: (r["depth"], str(r["level"]), str(r["jurisdiction"]), str(r["date"])))
    tasks: list = []
    agency_count: dict = {}
    for n in depth:
        for t in _tasks_of(G, n):
            ta = G.nodes[t]
            ags = _agencies_of(G, t)
            tasks.append({"id": t, "plan": n, "plan_symbol": _plan_name(G, n),
                          "number": ta.get("number"), "text": ta.get("text"),
                          "due": ta.get("due"), "jurisdiction": ta.get("jurisdiction"),
                          "lead": [G.nodes[a]["name"] for a, r in ags if r == "lead"],
                          "partners": [G.nodes[a]["name"] for a, r in ags if r != "lead"]})
            for a, role in ags:
                c = agency_count.setdefault(a, {"lead": 0, "partner": 0})
                c["lead" if role == "lead" else "partner"] += 1
    agencies = [{"id": a, "name": G.nodes[a].get("name"),
                 "jurisdiction": G.nodes[a].get("jurisdiction"),
                 "is_group": G.nodes[a].get("is_group"), **c}
                for a, c in sorted(agency_count.items())]
    ddf = pd.DataFrame(docs, columns=["id", "symbol", "title", "date", "level", "jurisdiction",
                                      "issuer", "stub", "depth"])
    by_level = (ddf.groupby(["level", ddf["jurisdiction"].fillna("")], dropna=False)
                .size().reset_index(name="documents") if len(ddf) else
                pd.DataFrame(columns=["level", "jurisdiction", "documents"]))
    return {"query": query, "start": start,
            "documents": ddf,
            "tasks": pd.DataFrame(tasks, columns=["id", "plan", "plan_symbol", "number", "text",
                                                  "due", "jurisdiction", "lead", "partners"]),
            "agencies": pd.DataFrame(agencies, columns=["id", "name", "jurisdiction", "is_group",
                                                        "lead", "partner"]),
            "by_level": by_level}


def _days(a: Optional[str], b: Optional[str]) -> Optional[int]:
    try:
        return (_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days  # type: ignore
    except (TypeError, ValueError):
        return None


def coverage(G: nx.MultiDiGraph, query: str, by: Optional[str] = None) -> pd.DataFrame:
    """Per province / issuing agency: which plans implement the document (transitively) and
    the lag in days from its date. `by="province"` gives one row per province (first plan)."""
    import pandas as pd
    start = _start(G, query)
    root_date = G.nodes[start].get("date")
    rows = []
    for n, d in _below(G, start).items():
        if n == start:
            continue
        a = G.nodes[n]
        rows.append({"jurisdiction": a.get("jurisdiction"), "issuer": a.get("issuer"),
                     "id": n, "symbol": a.get("symbol"), "title": a.get("title"),
                     "date": a.get("date"), "level": a.get("level"), "depth": d,
                     "lag_days": _days(a.get("date"), root_date)})
    df = pd.DataFrame(rows, columns=["jurisdiction", "issuer", "id", "symbol", "title", "date",
                                     "level", "depth", "lag_days"])
    df = df.sort_values(["jurisdiction", "date", "id"], na_position="last").reset_index(drop=True)
    df.attrs.update(start=start, date=root_date, query=query)
    if by == "province" and len(df):
        g = df.assign(jurisdiction=df["jurisdiction"].fillna("(national)"))
        out = (g.groupby("jurisdiction", sort=True)
               .agg(plans=("id", "count"), first_date=("date", "min"),
                    lag_days=("lag_days", "min"),
                    symbols=("symbol", lambda s: [x for x in s if isinstance(x, str) and x]))
               .reset_index())
        out.attrs.update(df.attrs)
        return out
    return df


def overdue(G: nx.MultiDiGraph, at: str | _dt.date | None = None) -> pd.DataFrame:
    """Tasks whose due date (node attr `due`) is before `at`, one row per (agency, task),
    sorted by agency then due date. Tasks with no agency are listed with agency None."""
    import pandas as pd
    at_s = (at.isoformat() if isinstance(at, _dt.date) else at) or _dt.date.today().isoformat()
    rows = []
    for t, a in G.nodes(data=True):
        if a.get("kind") != "task" or not a.get("due") or a["due"] >= at_s:
            continue
        plan = a.get("plan")
        base = {"task": t, "number": a.get("number"), "text": a.get("text"), "due": a["due"],
                "deadline": a.get("deadline"), "days_overdue": _days(at_s, a["due"]),
                "plan": plan, "plan_symbol": _plan_name(G, plan) if plan in G else None,
                "jurisdiction": a.get("jurisdiction")}
        ags = _agencies_of(G, t)
        for ag, role in ags or [(None, None)]:
            rows.append({"agency": G.nodes[ag].get("name") if ag else None, "agency_id": ag,
                         "role": role, **base})
    df = pd.DataFrame(rows, columns=["agency", "agency_id", "role", "task", "number", "text",
                                     "due", "deadline", "days_overdue", "plan", "plan_symbol",
                                     "jurisdiction"])
    return df.sort_values(["agency", "due", "task"], na_position="last").reset_index(drop=True)


# ------------------------------------------------------------------ check

def check(G: nx.MultiDiGraph) -> dict[str, list]:
    """Sanity report: implements cycles, a document implementing one dated after it,
    ambiguous identities, stubs never filled, conflicting facts."""
    import networkx as nx
    H = nx.DiGraph()
    dated_after = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if k != IMPLEMENTS:
            continue
        H.add_edge(u, v)
        du, dv = G.nodes[u].get("date"), G.nodes[v].get("date")
        if du and dv and dv > du:
            dated_after.append({"id": u, "symbol": G.nodes[u].get("symbol"), "date": du,
                                "implements": v, "implements_symbol": G.nodes[v].get("symbol"),
                                "implements_date": dv, "evidence": d.get("evidence"),
                                "source": d.get("source")})
    cycles = []
    for comp in nx.strongly_connected_components(H):
        if len(comp) > 1:
            cyc = nx.find_cycle(H.subgraph(comp))
            cycles.append([u for u, _ in cyc])
    ambiguous, stubs, conflicts = [], [], []
    for n, a in G.nodes(data=True):
        if a.get("kind") != "document":
            continue
        if a.get("ambiguous"):
            ambiguous.append({"id": n, "symbol": a.get("symbol"),
                              "candidates": list(a.get("candidates") or []),
                              "sources": list(a.get("sources") or [])})
        if a.get("stub"):
            stubs.append({"id": n, "symbol": a.get("symbol"), "date": a.get("date"),
                          "sources": list(a.get("sources") or [])})
        if a.get("conflicts"):
            conflicts.append({"id": n, "symbol": a.get("symbol"), "conflicts": a["conflicts"]})
    return {"cycles": cycles, "dated_after": dated_after, "ambiguous": ambiguous,
            "stubs": stubs, "conflicts": conflicts}


def _plan_name(G, n: str) -> str | None:
    """A plan's number, or for an unnumbered plan its type and issuer ("Kế hoạch, Sở …")."""
    a = G.nodes[n]
    if a.get("symbol"):
        return a["symbol"]
    parts = [a.get("doc_type"), a.get("issuer")]
    return ", ".join(p for p in parts if p) or a.get("label")
