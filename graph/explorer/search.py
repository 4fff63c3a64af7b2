"""Search of the explorer: symbol keys first, then the words of titles, tasks and agencies.

A query naming a document by any spelling of its symbol ("57/NQ-TW", "NQ57", "nghi quyet
57", graph.explorer.terms.query_keys) finds it through the `skey` table; every query is also
matched word by word (accents ignored, last word as a prefix) in the FTS5 table over
documents, tasks and agencies. Results carry their facets (kind, type, level, today's
province, year); the counts of each facet are taken with the other filters applied.
"""
from __future__ import annotations

from typing import Any, Optional

from graph.explorer import terms
from graph.explorer.queries import Index, fold_terms

FACETS = ("kind", "type", "level", "unit", "year")
KEY_SCORE = -1e9  # key hits rank before every word match (FTS5 ranks are negative, lower first)
MAX_KEY_DOCS = 1000


def _match(q: str) -> Optional[str]:
    """The FTS5 query: every word, the last one as a prefix when it ends in a letter (a word
    being typed; a number is matched whole)."""
    words = fold_terms(q)
    if not words:
        return None
    if words[-1][-2].isalpha():
        words[-1] += "*"
    return " AND ".join(words)


def _key_docs(ix: Index, q: str) -> list[int]:
    """Documents a query names by symbol, best first: read before only referenced, the most
    implemented, the latest; those of a year named in the query when there are any."""
    keys = terms.query_keys(q)
    if not keys:
        return []
    rows = ix.all("SELECT DISTINCT s.doc, d.year FROM skey s JOIN doc d ON d.id = s.doc "
                  f"WHERE s.key IN ({','.join('?' * len(keys))}) "
                  "ORDER BY d.stub, d.ambiguous, d.n_below DESC, d.date DESC, d.id", keys)
    years = set(terms.query_years(q))
    dated = [r[0] for r in rows if r[1] in years]
    return (dated or [r[0] for r in rows])[:MAX_KEY_DOCS]


def _hits_sql(docs: list[int], match: Optional[str], ranked: bool) -> tuple[str, dict]:
    """A `hits(id, score)` CTE of the items matching: the key documents, then the FTS5
    match. ranked=False leaves the scores out (counting needs none; FTS5 then ranks nothing)."""
    parts, args = [], {}
    if docs:
        args.update({f"k{i}": d for i, d in enumerate(docs)})
        order = " ".join(f"WHEN :k{i} THEN {i}" for i in range(len(docs)))
        score = f"{KEY_SCORE} + (CASE ref {order} END)" if ranked else "0"
        parts.append(f"SELECT id, {score} AS score FROM item WHERE kind = 'document' "
                     f"AND ref IN ({','.join(':k%d' % i for i in range(len(docs)))})")
    if match:
        args["match"] = match
        parts.append(f"SELECT rowid AS id, {'rank' if ranked else '0'} AS score FROM fts "
                     "WHERE fts MATCH :match")
    if not parts:
        parts.append("SELECT id, 0 AS score FROM item WHERE 0")
    if len(parts) == 1:
        return f"WITH hits(id, score) AS ({parts[0]})", args
    return ("WITH hits0(id, score) AS (%s), hits(id, score) AS "
            "(SELECT id, MIN(score) FROM hits0 GROUP BY id)" % " UNION ALL ".join(parts)), args


def _where(filters: dict[str, str], skip: Optional[str] = None) -> tuple[str, dict]:
    sql, args = [], {}
    for f in FACETS:
        v = filters.get(f)
        if f == skip or v in (None, ""):
            continue
        if f == "year":
            sql.append("i.year = :f_year")
            args["f_year"] = int(v) if str(v).isdigit() else -1
        else:
            sql.append(f"i.{f} = :f_{f}")
            args[f"f_{f}"] = v
    return (" AND ".join(sql) or "1"), args


def search(ix: Index, q: str, filters: Optional[dict[str, str]] = None, page: int = 1,
           per_page: int = 20, at: str = "") -> dict[str, Any]:
    """{"query", "total", "results": [row…], "facets": {facet: [(value, count)…]},
    "page", "pages"}; each row has kind, slug and what its line shows."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v not in (None, "")}
    q = (q or "").strip()
    out: dict[str, Any] = {"query": q, "filters": filters, "total": 0, "results": [],
                           "facets": {f: [] for f in FACETS}, "page": 1, "pages": 0}
    if not q:
        return out
    docs, match = _key_docs(ix, q), _match(q)
    hits, args = _hits_sql(docs, match, ranked=False)
    where, wargs = _where(filters)
    out["total"] = ix.one(f"{hits} SELECT COUNT(*) FROM hits h JOIN item i ON i.id = h.id "
                          f"WHERE {where}", {**args, **wargs})[0]
    out["pages"] = max(1, -(-out["total"] // per_page))
    page = min(max(1, page), out["pages"])
    out["page"] = page
    ranked, rargs = _hits_sql(docs, match, ranked=True)
    rows = ix.all(f"""{ranked} SELECT i.kind, i.ref FROM hits h JOIN item i ON i.id = h.id
        WHERE {where} ORDER BY h.score, i.id LIMIT :lim OFFSET :off""",
                  {**rargs, **wargs, "lim": per_page, "off": (page - 1) * per_page})
    out["results"] = describe(ix, [(r["kind"], r["ref"]) for r in rows], at)
    for f in FACETS:
        fw, fargs = _where(filters, skip=f)
        out["facets"][f] = [(v, n) for v, n in ix.conn.execute(
            f"{hits} SELECT i.{f}, COUNT(*) AS n FROM hits h JOIN item i ON i.id = h.id "
            f"WHERE {fw} AND i.{f} IS NOT NULL AND i.{f} != '' GROUP BY i.{f} "
            f"ORDER BY n DESC, i.{f} LIMIT 80", {**args, **fargs})]
    return out


def describe(ix: Index, refs: list[tuple[str, int]], at: str) -> list[dict]:
    """Display rows for (kind, id) pairs, in their order (tasks due before `at` overdue)."""
    by_kind: dict[str, list[int]] = {}
    for kind, ref in refs:
        by_kind.setdefault(kind, []).append(ref)
    got: dict[tuple[str, int], dict] = {}
    if by_kind.get("document"):
        for i, r in ix.docs_by_id(by_kind["document"]).items():
            got["document", i] = {"kind": "document", **dict(r)}
    if by_kind.get("task"):
        ids = by_kind["task"]
        rows, _ = ix.tasks(f"t.id IN ({','.join(str(int(i)) for i in ids)})", {}, at=at,
                           limit=len(ids))
        for r in rows:
            got["task", r["id"]] = {"kind": "task", **r}
    if by_kind.get("agency"):
        ids = by_kind["agency"]
        for r in ix.all(f"SELECT * FROM agency WHERE id IN ({','.join('?' * len(ids))})", ids):
            got["agency", r["id"]] = {"kind": "agency", **dict(r)}
    return [got[k] for k in refs if k in got]
