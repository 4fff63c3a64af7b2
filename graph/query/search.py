"""Finding nodes: `resolve` (a query to node ids, best first), `find` (scored lookup) and the
fuzzy matching both fall back on."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Optional

from graph.query.index import fold_query, index_of
from graph.tables import type_words
from graph.text import strip_accents, symbol_norm

if TYPE_CHECKING:
    import networkx as nx

FUZZY_MIN = 70

_YEAR_RE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/.-])")
_SYMBOL_RE = re.compile(r"\d+[a-zA-Z]?\s*[-/]\s*[^\s,;]+")
_NUM_RE = re.compile(r"\d+")


class NotFound(LookupError):
    """Nothing in the graph matches the query."""


def _doc_order(G: nx.MultiDiGraph, ids: Iterable[str]) -> list[str]:
    """Settled identities first, ingested before stubs, then latest first."""
    out = sorted(set(ids))
    out.sort(key=lambda n: G.nodes[n].get("date") or "", reverse=True)
    out.sort(key=lambda n: (bool(G.nodes[n].get("ambiguous")), bool(G.nodes[n].get("stub"))))
    return out


def _number_patterns(q: str) -> list[re.Pattern]:
    """One pattern per number of the query, matching it as a whole number (leading zeros
    allowed)."""
    nums = _NUM_RE.findall(q)
    return [re.compile(r"(?<!\d)0*" + n.lstrip("0") + r"(?!\d)") for n in nums if n.lstrip("0")]


def _fuzzy(G: nx.MultiDiGraph, text: str, kinds: Optional[set[str]], limit: int,
           min_score: float) -> list[tuple[str, float]]:
    """Best fuzzy matches [(node id, score)]: containment of the whole query scores 100
    (101 for equality); otherwise rapidfuzz token_set_ratio over the prepared (folded)
    choices -- the words of the query found in the choice, typos tolerated; unlike WRatio it
    does not give a short choice sharing one word ("... tỉnh 20") 85 -- and a choice missing
    a number of the query ("nghi quyet 20" vs 42-NQ/TW) scores 60 % of that."""
    from rapidfuzz import fuzz, process
    q = fold_query(text)
    if not q:
        return []
    ids, choices = index_of(G).fuzzy_choices(kinds)
    num_res = _number_patterns(q)
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


def _short_form(G: nx.MultiDiGraph, q: str) -> list[str]:
    """Documents named by an alias or a short form ("Nghị quyết 20", "NQ 20", "Kế hoạch số
    127") in the query, its years left out."""
    idx = index_of(G)
    folded = strip_accents(q)
    rest = re.sub(r"\s+", " ", _YEAR_RE.sub("", folded)).strip()
    hits = list(idx.by_alias.get(fold_query(rest), []))
    code, number = None, None
    for word, c in type_words():
        word = strip_accents(word)
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
            hits.extend(idx.by_type_number.get((strip_accents(code), number), []))
    return hits


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
    idx = index_of(G)
    years = [int(y) for y in _YEAR_RE.findall(q)]
    hits: list[str] = []
    for m in _SYMBOL_RE.finditer(q):
        hits.extend(idx.by_symbol.get(symbol_norm(m.group(0)), []))
    if not hits:
        hits = _short_form(G, q)
    if hits and years:
        dated = [n for n in hits if G.nodes[n].get("year") in years]
        hits = dated or hits
    if hits:
        return _doc_order(G, hits)
    if not fuzzy:
        return []
    return [n for n, _ in _fuzzy(G, q, None, 10, FUZZY_MIN)]


def start_node(G: nx.MultiDiGraph, query: str) -> str:
    """The best node for `query` (see `resolve`); NotFound when nothing matches."""
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
