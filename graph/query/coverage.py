"""`coverage`: per province and issuing agency, the plans implementing a document and how
long after it they came; each beside today's provincial unit (the printed province kept)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from graph.link import succession
from graph.query.search import start_node
from graph.query.walk import below, days_between

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

COLUMNS = ["jurisdiction", "issuer", "id", "symbol", "title", "date", "level", "depth",
           "lag_days", "unit"]


def coverage(G: nx.MultiDiGraph, query: str, by: Optional[str] = None) -> pd.DataFrame:
    """Per province / issuing agency: which plans implement the document (transitively) and
    the lag in days from its date. `by="province"` gives one row per province (first plan),
    `by="unit"` one row per provincial unit of today (its former provinces listed)."""
    import pandas as pd
    start = start_node(G, query)
    root_date = G.nodes[start].get("date")
    rows = []
    for n, d in below(G, start).items():
        if n == start:
            continue
        a = G.nodes[n]
        rows.append({"jurisdiction": a.get("jurisdiction"), "issuer": a.get("issuer"),
                     "id": n, "symbol": a.get("symbol"), "title": a.get("title"),
                     "date": a.get("date"), "level": a.get("level"), "depth": d,
                     "lag_days": days_between(a.get("date"), root_date),
                     "unit": succession.unit_of(a.get("jurisdiction"))})
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.sort_values(["jurisdiction", "date", "id"], na_position="last").reset_index(drop=True)
    df.attrs.update(start=start, date=root_date, query=query)
    if by == "province" and len(df):
        return _by_province(df)
    if by == "unit" and len(df):
        return _by_unit(df)
    return df


def _by_province(df: pd.DataFrame) -> pd.DataFrame:
    """One row per province: number of plans, the first date, the least lag, the symbols."""
    g = df.assign(jurisdiction=df["jurisdiction"].fillna("(national)"))
    out = (g.groupby("jurisdiction", sort=True)
           .agg(plans=("id", "count"), first_date=("date", "min"),
                lag_days=("lag_days", "min"),
                symbols=("symbol", lambda s: [x for x in s if isinstance(x, str) and x]))
           .reset_index())
    out.attrs.update(df.attrs)
    return out


def _by_unit(df: pd.DataFrame) -> pd.DataFrame:
    """One row per provincial unit of today: the provinces as printed, number of plans, the
    first date, the least lag, the symbols."""
    g = df.assign(unit=df["unit"].fillna("(national)"))
    out = (g.groupby("unit", sort=True)
           .agg(provinces=("jurisdiction", lambda s: sorted({x for x in s if isinstance(x, str)})),
                plans=("id", "count"), first_date=("date", "min"), lag_days=("lag_days", "min"),
                symbols=("symbol", lambda s: [x for x in s if isinstance(x, str) and x]))
           .reset_index())
    out.attrs.update(df.attrs)
    return out
