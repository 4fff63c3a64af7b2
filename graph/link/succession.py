"""Who carries on a unit after the 2025 reform: the one place that reads the succession tables.

Provinces: graph/tables/province_succession.csv (63 -> 34 from 2025-07-01, Nghị quyết
202/2025/QH15; Thừa Thiên Huế -> Huế). Ministries and provincial departments:
graph/tables/agency_succession.csv, one row per (former, successor, function): a unit whose
functions went to several heirs has several rows, the row with an empty function taking what
the others do not name ("các chức năng còn lại"). Which function a text is about is read from
the phrases of graph/tables/succession_functions.csv; a text naming none of them keeps every
heir, never one forced.

Documents keep the names they printed: these lookups only add today's unit beside them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Optional

from graph.tables import rows
from graph.text import fold, name_key

PROVINCE_TABLE = "province_succession.csv"
AGENCY_TABLE = "agency_succession.csv"
FUNCTION_TABLE = "succession_functions.csv"
REST = ""  # the function of the row that takes what the other rows of its unit do not name


@dataclass(frozen=True)
class Succession:
    """One change: `former` (as the tables spell it) passes `function` ("" = the rest, or
    all when it is the only row) to `successor` on `since`, by `source`."""

    former: str
    successor: str
    kind: str  # merged | renamed | unchanged (provinces); split | merged (agencies)
    since: str
    source: str
    function: str = REST
    level: str = "province"  # province | national | department


@dataclass(frozen=True)
class Heirs:
    """The successors of one agency for one text: `rows` (one per heir), `functions` the
    functions the text names (empty: none, and every heir is kept), `settled` True when one
    heir is left."""

    former: str
    rows: tuple[Succession, ...]
    functions: tuple[str, ...] = ()

    @property
    def settled(self) -> bool:
        return len({r.successor for r in self.rows}) == 1

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.successor for r in self.rows))

    def to_dict(self) -> dict:
        return {"former": self.former, "successors": list(self.names),
                "functions": list(self.functions), "settled": self.settled,
                "rows": [{"successor": r.successor, "function": r.function or None,
                          "since": r.since, "source": r.source} for r in self.rows]}


# ------------------------------------------------------------------ provinces

@cache
def province_successions() -> tuple[Succession, ...]:
    """Every row of province_succession.csv, in the table's order."""
    return tuple(Succession(former=r["former"], successor=r["successor"], kind=r["kind"],
                            since=r["since"], source=r["source"])
                 for r in rows(PROVINCE_TABLE))


@cache
def _province_index() -> dict[str, Succession]:
    return {name_key(s.former): s for s in province_successions()}


def province_succession(province: Optional[str]) -> Optional[Succession]:
    """The row of a province name as printed (any case, accents, dashes), None when it names
    none of the table's provinces."""
    return _province_index().get(name_key(province or "")) if province else None


def unit_of(province: Optional[str], at: Optional[str] = None) -> Optional[str]:
    """Today's provincial unit of a province name as printed ("Thái Bình" -> "Hưng Yên");
    with `at` (ISO date) before the change, the province itself. None when it names none."""
    row = province_succession(province)
    if row is None:
        return None
    if at and at < row.since:
        return row.former
    return row.successor


def units() -> tuple[str, ...]:
    """Today's provincial units (34), in the order of the table."""
    return tuple(dict.fromkeys(s.successor for s in province_successions()))


@cache
def _formers() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for s in province_successions():
        out.setdefault(name_key(s.successor), []).append(s.former)
    return {k: tuple(v) for k, v in out.items()}


def formers_of(unit: Optional[str]) -> tuple[str, ...]:
    """The former provinces making up today's unit (itself included when it was one)."""
    return _formers().get(name_key(unit or ""), ())


# ------------------------------------------------------------------ ministries, departments

@cache
def agency_successions() -> tuple[Succession, ...]:
    """Every row of agency_succession.csv: kind "split" for a unit with several heirs."""
    table = rows(AGENCY_TABLE)
    heirs: dict[str, set[str]] = {}
    for r in table:
        heirs.setdefault(name_key(r["former"]), set()).add(r["successor"])
    return tuple(Succession(former=r["former"], successor=r["successor"],
                            kind="split" if len(heirs[name_key(r["former"])]) > 1 else "merged",
                            since=r["since"], source=r["source"], function=r["function"],
                            level=r["level"])
                 for r in table)


@cache
def _function_phrases() -> tuple[tuple[str, str], ...]:
    """(folded phrase, function), longest phrase first."""
    got = [(fold(r["phrase"]), r["function"]) for r in rows(FUNCTION_TABLE)]
    return tuple(sorted(got, key=lambda pf: -len(pf[0])))


def functions_named(text: Optional[str]) -> tuple[str, ...]:
    """The functions of succession_functions.csv a text names, in the table's order."""
    t = " " + " ".join(name_key(text or "").split()) + " "
    named = {f for p, f in _function_phrases() if f" {name_key(p)} " in t}
    order = [r["function"] for r in rows(FUNCTION_TABLE)]
    return tuple(sorted(named, key=order.index))


def _former_key(name: str) -> Optional[str]:
    """The key of the table's former unit an agency name is (the name alone, or followed by
    its province: "Sở Y tế tỉnh Thái Bình")."""
    k = name_key(name or "")
    formers = {name_key(s.former) for s in agency_successions()}
    if k in formers:
        return k
    from graph.extract.places import province_kinds
    for f in sorted(formers, key=len, reverse=True):
        if any(k.startswith(f"{f} {name_key(w)} ") for w in province_kinds()):
            return f
    return None


def is_succeeded(name: Optional[str]) -> bool:
    """Was this agency (a ministry or a department, by name) merged or split in 2025?"""
    return bool(name) and _former_key(name) is not None


def heirs(name: str, text: Optional[str] = None) -> Optional[Heirs]:
    """The successors of an agency for a text about one of its duties (a task's words, a
    sub-unit's name): the rows of the functions the text names (the rest-row when it names
    none of the split functions but the unit has one), every row when `text` names none.
    None when the agency was not changed."""
    fk = _former_key(name)
    if fk is None:
        return None
    mine = tuple(s for s in agency_successions() if name_key(s.former) == fk)
    words = name_key(text or "").replace(fk, " ")  # its own name ("… Thương binh …") names none
    named = tuple(f for f in functions_named(words) if any(s.function == f for s in mine))
    if named:
        picked = tuple(s for s in mine if s.function in named)
    else:
        picked = mine
    return Heirs(former=mine[0].former, rows=picked, functions=named)


def provinces_at(date: Optional[str]) -> tuple[str, ...]:
    """The provincial units that existed on an ISO date (today's 34 from the reform on;
    before it, the provinces of provinces.csv whose years hold the date's year)."""
    from graph.tables import provinces
    reform = min(s.since for s in province_successions() if s.kind == "merged")
    if not date or date >= reform:
        return units()
    year = int(date[:4])
    return tuple(r["name"] for r in provinces()
                 if (not r["since"] or int(r["since"]) <= year)
                 and (not r["until"] or int(r["until"]) >= year))


def task_heirs(G, task: str) -> list[dict]:
    """For each agency of a graph's task that was merged or split in 2025 (its leads, else
    the plan's issuer, whose units the leads then are): its heirs for the task's words, with
    today's provincial unit. Empty when none was changed."""
    a = G.nodes[task]
    text = a.get("text") or ""
    unit = unit_of(a.get("jurisdiction"))
    leads = [G.nodes[v].get("name") or "" for v, keys in G.succ[task].items()
             if keys.get("assigns", {}).get("role") == "lead" and G.nodes[v].get("kind") == "agency"]
    out = []
    for name in leads:
        h = heirs(name, f"{name} {text}")
        if h is not None:
            out.append({"agency": name, "unit": unit, **h.to_dict()})
    plan = G.nodes[a["plan"]] if a.get("plan") in G else {}
    if not out and plan.get("issuer"):
        h = heirs(plan["issuer"], " ".join(leads + [text]))
        if h is not None:
            out.append({"agency": plan["issuer"], "unit": unit, **h.to_dict()})
    return out
