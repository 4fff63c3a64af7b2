"""Facet counts of a search without reading one table row per hit.

The index keeps, for every item (document, task, agency; by item id), the code of its value
of each facet (kind, type, level, today's province, year) as one array per facet, with the
values in order (`facet` table: name, values as JSON, codes as bytes; code 0 = no value).
A search then counts its hits by facet with numpy over those arrays; `counts_plain` does the
same with a grouped SQL query over the `item` table (the reference of the tests).
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any, Iterable

FACETS = ("kind", "type", "level", "unit", "year")
TOP = 80


def write(conn: sqlite3.Connection) -> None:
    """Fill the `facet` table from the `item` table (ids 1..N, in order)."""
    import numpy as np
    n = conn.execute("SELECT COALESCE(MAX(id), 0) FROM item").fetchone()[0]
    for f in FACETS:
        values = [r[0] for r in conn.execute(
            f"SELECT DISTINCT {f} FROM item WHERE {f} IS NOT NULL AND {f} != '' ORDER BY {f}")]
        code = {v: i + 1 for i, v in enumerate(values)}
        arr = np.zeros(n + 1, dtype=np.uint16)
        ids, vals = [], []
        for i, v in conn.execute(f"SELECT id, {f} FROM item WHERE {f} IS NOT NULL AND {f} != ''"):
            ids.append(i)
            vals.append(code[v])
        arr[ids] = vals
        conn.execute("INSERT INTO facet VALUES (?, ?, ?)",
                     (f, json.dumps(values, ensure_ascii=False), arr.tobytes()))


class Arrays:
    """The facet arrays of one index, read once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        import numpy as np
        self.values: dict[str, list] = {}
        self.codes: dict[str, Any] = {}
        for name, values, data in conn.execute("SELECT name, vals, codes FROM facet"):
            self.values[name] = json.loads(values)
            self.codes[name] = np.frombuffer(data, dtype=np.uint16)

    def counts(self, ids, filters: dict[str, str]) -> tuple[int, dict[str, list], Counter]:
        """(total, {facet: [(value, count)…] best first}, Counter of kinds) of the items
        `ids` (a numpy array of distinct item ids) that pass `filters`; a facet's counts
        take the other filters only."""
        import numpy as np
        if not len(ids):
            return 0, {f: [] for f in FACETS}, Counter()
        got = {f: self.codes[f][ids] for f in FACETS}
        masks = {}
        for f, v in filters.items():
            vals = [str(x) for x in self.values[f]]
            code = vals.index(str(v)) + 1 if str(v) in vals else -1
            masks[f] = got[f] == code
        everything = np.ones(len(ids), dtype=bool)
        for m in masks.values():
            everything &= m
        out = {}
        for f in FACETS:
            keep = np.ones(len(ids), dtype=bool)
            for g, m in masks.items():
                if g != f:
                    keep &= m
            n = np.bincount(got[f][keep], minlength=len(self.values[f]) + 1)
            pairs = [(self.values[f][c - 1], int(n[c])) for c in np.nonzero(n)[0] if c]
            out[f] = sorted(pairs, key=lambda kv: (-kv[1], str(kv[0])))[:TOP]
        kinds = np.bincount(got["kind"][everything], minlength=len(self.values["kind"]) + 1)
        return (int(everything.sum()), out,
                Counter({self.values["kind"][c - 1]: int(kinds[c]) for c in np.nonzero(kinds)[0]
                         if c}))


def counts_plain(conn: sqlite3.Connection, ids: Iterable[int], filters: dict[str, str]
                 ) -> tuple[int, dict[str, list], Counter]:
    """What Arrays.counts gives, by one grouped SQL query over the item rows."""
    ids = sorted(set(ids))
    combos = conn.execute(f"""SELECT kind, type, level, unit, year, COUNT(*) FROM item
        WHERE id IN (SELECT value FROM json_each(?)) GROUP BY kind, type, level, unit, year""",
                          (json.dumps(ids),)).fetchall()
    wanted = {f: str(v) for f, v in filters.items()}
    facets: dict[str, Counter] = {f: Counter() for f in FACETS}
    total, kinds = 0, Counter()
    for c in combos:
        row = dict(zip(FACETS, c[:5]))
        ok = {f: f not in wanted or str(row[f]) == wanted[f] for f in FACETS}
        if all(ok.values()):
            total += c[5]
            kinds[row["kind"]] += c[5]
        for f in FACETS:
            if row[f] not in (None, "") and all(v for g, v in ok.items() if g != f):
                facets[f][row[f]] += c[5]
    return total, {f: sorted(cnt.items(), key=lambda kv: (-kv[1], str(kv[0])))[:TOP]
                   for f, cnt in facets.items()}, kinds
