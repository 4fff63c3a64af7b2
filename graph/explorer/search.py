"""Search of the explorer: symbol keys first, then the words of titles, tasks and agencies.

A query naming a document by any spelling of its symbol ("57/NQ-TW", "NQ57", "nghi quyet
57", graph.explorer.terms.query_keys) finds it through the `skey` table; every query is also
matched word by word (accents ignored, a last word of 3 letters or more also as a prefix) in
the FTS5 table over documents, tasks and agencies.

Results come in groups: the documents named by key (read before only referenced, the most
implemented, the latest), then the other documents, the agencies and the tasks whose words
match, each group by FTS5 rank (a group of more than RANK_MAX in the items' order:
documents read before referenced and the most implemented first, tasks in plan order;
ranking tens of thousands costs more than it tells).
The total and the counts of every facet (kind, type, level, today's province, year; each
counted with the other filters applied) come from the facet arrays (graph.explorer.facets)
over the matching item ids.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from graph.explorer import terms
from graph.explorer.facets import FACETS
from graph.explorer.queries import Index, fold_terms

MAX_KEY_DOCS = 1000
PREFIX_MIN = 3
RANK_MAX = 2000
KINDS = ("document", "task", "agency")  # the order of the items' ids (graph.explorer.collect)


def _match(q: str) -> Optional[str]:
    """The FTS5 query: every word, the last one also as a prefix when it has PREFIX_MIN
    letters or more (a word being typed; a shorter one is most likely a whole syllable,
    and a number is matched whole)."""
    words = fold_terms(q)
    if not words:
        return None
    last = words[-1].strip('"')
    if last.isalpha() and len(last) >= PREFIX_MIN:
        words[-1] += "*"
    return " AND ".join(words)


def _key_docs(ix: Index, q: str) -> list[int]:
    """Documents a query names by symbol; those of a year named in the query when there are
    any."""
    keys = terms.query_keys(q)
    if not keys:
        return []
    rows = ix.all("SELECT DISTINCT s.doc, d.year FROM skey s JOIN doc d ON d.id = s.doc "
                  f"WHERE s.key IN ({','.join('?' * len(keys))})", keys)
    years = set(terms.query_years(q))
    dated = [r[0] for r in rows if r[1] in years]
    return sorted(dated or [r[0] for r in rows])[:MAX_KEY_DOCS]


def _ranges(ix: Index) -> dict[str, tuple[int, int]]:
    """Item ids of each kind: documents first, then tasks, then agencies."""
    out, lo = {}, 1
    counts = ix.counts()
    for kind, n in zip(KINDS, (counts["documents"], counts["tasks"], counts["agencies"])):
        out[kind] = (lo, lo + n - 1)
        lo += n
    return out


def _where(filters: dict[str, str], alias: str = "i") -> tuple[str, dict]:
    sql, args = [], {}
    for f in FACETS:
        v = filters.get(f)
        if v in (None, ""):
            continue
        if f == "year":
            sql.append(f"{alias}.year = :f_year")
            args["f_year"] = int(v) if str(v).isdigit() else -1
        else:
            sql.append(f"{alias}.{f} = :f_{f}")
            args[f"f_{f}"] = v
    return (" AND ".join(sql) or "1"), args


def hit_ids(ix: Index, key_items: list[int], match: Optional[str]):
    """The distinct item ids matching, sorted (numpy): the key documents' items and the
    FTS5 match (read as one string of ids, not one row each)."""
    import numpy as np
    ids = np.zeros(0, dtype=np.int64)
    if match:
        got = ix.one("SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (match,))[0]
        if got:
            ids = np.fromstring(got, dtype=np.int64, sep=",")
    return np.union1d(ids, np.asarray(key_items, dtype=np.int64)) if key_items else ids


def _page_rows(ix: Index, groups: list[tuple[int, str, dict]], offset: int,
               limit: int) -> list[tuple[str, int]]:
    """(kind, id) of the results offset .. offset+limit across the groups [(count, SQL of
    the group's (kind, ref) in order with :lim and :off, its arguments)]."""
    out: list[tuple[str, int]] = []
    for count, sql, args in groups:
        if offset >= count:
            offset -= count
            continue
        take = min(limit - len(out), count - offset)
        if sql is None:  # the group's item ids in order, already known
            page = [int(i) for i in args[offset:offset + take]]
            got = {r[0]: (r[1], r[2]) for r in ix.all(
                "SELECT id, kind, ref FROM item WHERE id IN (SELECT value FROM json_each(?))",
                ("[%s]" % ",".join(map(str, page)),))}
            out.extend(got[i] for i in page)
        else:
            out.extend((r[0], r[1]) for r in ix.all(sql, {**args, "lim": take, "off": offset}))
        offset = 0
        if len(out) >= limit:
            break
    return out


def _groups(ix: Index, key_docs: list[int], match: Optional[str], filters: dict[str, str],
            kinds: Counter, n_key: int, hits=None, key_items=()) -> list[tuple]:
    """The result groups in order: (count, SQL giving the group's (kind, ref) with :lim and
    :off, its arguments), or (count, None, the group's item ids in order) when they are
    known: a group of more than RANK_MAX words hits, in id order, with no filter, is cut
    from `hits` (the sorted ids of every hit) rather than matched and sorted again in SQL
    (the plain way, hits=None)."""
    where, wargs = _where(filters)
    groups = []
    if key_docs:
        groups.append((n_key, f"""SELECT i.kind, i.ref FROM item i JOIN doc d ON d.id = i.ref
            WHERE i.kind = 'document' AND i.ref IN (SELECT value FROM json_each(:keys))
              AND {where}
            ORDER BY d.stub, d.ambiguous, d.n_below DESC, d.date DESC, d.id
            LIMIT :lim OFFSET :off""", {**wargs, "keys": "[%s]" % ",".join(map(str, key_docs))}))
    if not match:
        return groups
    ranges = _ranges(ix)
    for kind in ("document", "agency", "task"):
        n = kinds.get(kind, 0) - (n_key if kind == "document" else 0)
        if n <= 0:
            continue
        lo, hi = ranges[kind]
        ranked = n <= RANK_MAX
        if hits is not None and not ranked and not filters:
            import numpy as np
            ids = hits[(hits >= lo) & (hits <= hi)]
            if kind == "document" and len(key_items):
                ids = np.setdiff1d(ids, np.asarray(key_items, dtype=np.int64))
            groups.append((len(ids), None, ids))
            continue
        order = "h.rank" if ranked else "h.id"
        skip = ("AND i.ref NOT IN (SELECT value FROM json_each(:keys))"
                if kind == "document" and key_docs else "")
        groups.append((n, f"""SELECT i.kind, i.ref FROM
                (SELECT rowid AS id, {'rank' if ranked else '0'} AS rank FROM fts
                  WHERE fts MATCH :match AND rowid BETWEEN :lo AND :hi) h
            JOIN item i ON i.id = h.id WHERE {where} {skip}
            ORDER BY {order}, h.id LIMIT :lim OFFSET :off""",
                       {**wargs, "match": match, "lo": lo, "hi": hi,
                        "keys": "[%s]" % ",".join(map(str, key_docs))}))
    return groups


def search(ix: Index, q: str, filters: Optional[dict[str, str]] = None, page: int = 1,
           per_page: int = 20, at: str = "", plain: bool = False) -> dict[str, Any]:
    """{"query", "filters", "total", "results": [row…], "facets": {facet: [(value, count)…]},
    "page", "pages"}; each row has kind, slug and what its line shows (tasks due before
    `at` marked overdue). plain=True pages every group in SQL (see _groups)."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v not in (None, "")}
    q = (q or "").strip()
    out: dict[str, Any] = {"query": q, "filters": filters, "total": 0, "results": [],
                           "facets": {f: [] for f in FACETS}, "page": 1, "pages": 0}
    if not q:
        return out
    key_docs, match = _key_docs(ix, q), _match(q)
    key_items = [r[0] for r in ix.all(
        "SELECT id FROM item WHERE kind = 'document' AND ref IN "
        "(SELECT value FROM json_each(?))", ("[%s]" % ",".join(map(str, key_docs)),))]
    hits = hit_ids(ix, key_items, match)
    out["total"], out["facets"], kinds = ix.facets.counts(hits, filters)
    out["pages"] = max(1, -(-out["total"] // per_page))
    out["page"] = page = min(max(1, page), out["pages"])
    n_key = 0
    if key_items:
        where, wargs = _where(filters)
        n_key = ix.one(f"SELECT COUNT(*) FROM item i WHERE i.id IN "
                       f"(SELECT value FROM json_each(:ids)) AND {where}",
                       {**wargs, "ids": "[%s]" % ",".join(map(str, key_items))})[0]
    groups = _groups(ix, key_docs, match, filters, kinds, n_key,
                     None if plain else hits, key_items)
    refs = _page_rows(ix, groups, (page - 1) * per_page, per_page)
    out["results"] = describe(ix, refs, at)
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
