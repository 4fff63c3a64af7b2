"""Task fulfilment over an assembled graph: which later document carries out a task that asks
for one ("UBND tỉnh xây dựng Kế hoạch thực hiện …", "Sở Y tế chủ trì tham mưu UBND tỉnh ban
hành …").

The rule, stated in graph/tables/fulfil_cues.csv and never special to a text:

1. The task asks for a document when its text holds a `make` verb ("xây dựng", "ban hành")
   followed by an `asked_type` word ("kế hoạch", "chương trình hành động", "đề án" …) that is
   not the name of an existing, numbered document ("… ban hành kèm theo Quyết định số 12").
   Otherwise it is not checkable.
2. The document is to be issued by the body the task advises ("tham mưu UBND tỉnh ban hành":
   UBND tỉnh; "cấp có thẩm quyền": a provincial body of the plan's province), else by its lead
   agencies (a party board "Ban cán sự đảng UBND tỉnh" leads the body it heads). A lead that
   is a group of provinces ("UBND các tỉnh, thành phố") stands for one body per province.
3. A document fulfils the task when it implements (an `implements` edge) the task's plan or a
   document the plan implements, is of an asked type, comes from that issuer (in the same
   province), names in its title two thirds of the words of what the task asks about
   ("Đề án về phát triển nguồn nhân lực"; `subject_stop` words aside, checked when two or
   more are left) and is dated on or after the plan. A document of the issuer's province
   implementing the same that misses one of these is a partial candidate, listed with what
   it misses, never counted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Optional

from graph.link import succession
from graph.models import FULFILLED_BY, IMPLEMENTS
from graph.tables import rows
from graph.text import fold, key, name_key, symbol_norm

if TYPE_CHECKING:
    import networkx as nx

TABLE = "fulfil_cues.csv"
RULE = "task-asks-document/implements-plan-or-root/type/issuer/subject/date"


@cache
def cue_words(kind: str) -> tuple[str, ...]:
    """The folded phrases of one kind of fulfil_cues.csv, longest first."""
    return tuple(sorted({fold(r["phrase"]) for r in rows(TABLE) if r["kind"] == kind},
                        key=len, reverse=True))


@cache
def cue_values(kind: str) -> dict[str, str]:
    """folded phrase -> value, for the rows of one kind of fulfil_cues.csv."""
    return {fold(r["phrase"]): r["value"] for r in rows(TABLE) if r["kind"] == kind}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def _ask_re() -> re.Pattern:
    return re.compile(
        "(?:" + "".join(rf"(?<!\b{re.escape(w)} )" for w in cue_words("not_advise_after")) +
        rf"\b(?P<advise>{_alt(cue_words('advise'))})"
        rf"\s+(?P<body>[^,;.:\d]{{0,60}}?)\s+)?"
        + "".join(rf"(?<!\b{re.escape(w)} )" for w in cue_words("not_make_after")) +
        rf"\b(?P<make>{_alt(cue_words('make'))})\s+(?:(?:{_alt(cue_words('filler'))})\s+)?"
        rf"(?P<type>{_alt(cue_words('asked_type'))})\b"
        rf"(?!\s*(?:\d|(?:{_alt(cue_words('described_by') + cue_words('self_reference'))})\b))")


@dataclass(frozen=True)
class Ask:
    """What a task asks for: the type codes, the body that is to issue it when the task
    advises one (None: its lead agencies; "" : an unnamed competent body), the evidence."""

    types: tuple[str, ...]
    body: Optional[str]
    evidence: str
    offset: int
    subject: tuple[str, ...] = ()  # the words naming what it is about (folded), if any


def read_ask(text: Optional[str]) -> Optional[Ask]:
    """The document a task's text asks for, None when it asks for none."""
    t = text or ""
    folded = fold(t)
    m = next((m for m in _ask_re().finditer(folded) if not _describes(folded, m.start())
              and not folded.startswith(cue_words("not_a_document"), m.start("type"))), None)
    if m is None:
        return None
    code = cue_values("asked_type")[m.group("type")]
    body: Optional[str] = None
    if m.group("advise"):
        raw = t[m.start("body"):m.end("body")] if len(folded) == len(t) else m.group("body")
        body = _advised(raw)
    span = t[m.start():m.end()] if len(folded) == len(t) else m.group(0)
    return Ask(types=(code,), body=body, evidence=span, offset=m.start(),
               subject=subject_words(re.split(r"[.;:]", folded[m.end():], maxsplit=1)[0]))


def _advised(raw: str) -> Optional[str]:
    """The body a task advises to issue the document, the last of a chain ("tham mưu UBND
    tỉnh trình HĐND tỉnh ban hành": HĐND tỉnh); "" for an unnamed competent body; None when
    the words name no body (lower case, long): the lead agencies issue it then."""
    folded = fold(raw)
    cut = 0
    for m in re.finditer(rf"\b(?:{_alt(cue_words('advise'))})\s+", folded):
        cut = m.end()
    part = (raw[cut:] if len(folded) == len(raw) else raw).strip()
    if any(u in fold(part) for u in cue_words("unnamed_body")):
        return ""
    if not part or not part[0].isupper() or len(part.split()) > 8:
        return None
    return _expand(part)


def subject_words(text: str) -> tuple[str, ...]:
    """The words of what an asked document is about ("về phát triển nguồn nhân lực"), the
    `subject_stop` phrases, numbers and dates left out; () when fewer than two are left."""
    k = " " + " ".join(w for w in name_key(text).split() if not w.isdigit()) + " "
    for stop in _stop_keys():
        k = k.replace(stop, " ")
    words = tuple(dict.fromkeys(k.split()))
    return words if len(words) >= 2 else ()


@cache
def _stop_keys() -> tuple[str, ...]:
    """' <key> ' of each `subject_stop` phrase, longest first."""
    return tuple(" " + name_key(w) + " " for w in sorted(cue_words("subject_stop"), key=len, reverse=True))


def about_the_same(ask: Ask, title: Optional[str], have: Optional[set] = None) -> bool:
    """Does a title (with the sentence that says what the document carries out) name what
    the task asks about: two thirds of its subject words, the title's own `subject_stop`
    words aside (none: nothing to check). `have`: `set(subject_words(title))` when the caller
    has it."""
    if not ask.subject:
        return True
    if have is None:
        have = set(subject_words(title or "")) if title else set()
    return 3 * sum(w in have for w in ask.subject) >= 2 * len(ask.subject)


def _describes(folded: str, pos: int) -> bool:
    """Is the verb at pos part of a numbered document's description ("Nghị quyết số 125/NQ-CP
    … của Chính phủ ban hành Chương trình hành động"): a `described_by` word and a number
    earlier in its clause."""
    clause = re.split(r"[;.:]\s", folded[:pos])[-1]
    return any(re.search(rf"\b{re.escape(w)}\s*\d", clause) for w in cue_words("described_by"))


@cache
def _place_words() -> tuple[str, ...]:
    """The folded words a province's name follows ("tinh", "thanh pho"; provinces.csv)."""
    from graph.extract.places import province_kinds
    return tuple(name_key(w) for w in province_kinds())


def _expand(name: str) -> str:
    from graph.extract.agencies import expand_abbreviations
    return expand_abbreviations(name)


# ------------------------------------------------------------------ issuers

@lru_cache(maxsize=1 << 16)
def issuer_core(name: Optional[str], juris: Optional[str]) -> str:
    """An issuer's key without its province ("Ủy ban nhân dân tỉnh Thái Bình" and "UBND
    tỉnh" of Thái Bình meet), party boards read as the body they lead, the same_issuer rows
    of the table made one."""
    k = name_key(_expand(name or ""))
    for p in sorted(succession.formers_of(succession.unit_of(juris) or "") + ((juris,) if juris else ()),
                    key=len, reverse=True):
        pk = name_key(p)
        if pk and k.endswith(" " + pk):
            k = k[: -len(pk) - 1]
            break
    for w in _place_words():
        if k.endswith(" " + w):
            k = k[: -len(w) - 1]
    for prefix in cue_words("led_prefix"):
        if k.startswith(name_key(prefix) + " "):
            k = k[len(name_key(prefix)) + 1:]
    same = {name_key(a): name_key(b) for a, b in cue_values("same_issuer").items()}
    return same.get(k, k)


@dataclass(frozen=True)
class Expect:
    """One body that is to issue the asked document: its key, its province, its name."""

    core: str
    juris: Optional[str]
    name: str


def _group_members(name: str, text: str, plan_date: Optional[str]) -> Optional[list[Expect]]:
    """One Expect per province (those of the plan's date) for a lead naming a group of
    provinces, in its name or, when the name was read short, in the task's words right after
    it ("Ủy ban nhân dân" + "các tỉnh, thành phố"); None otherwise."""
    k, tk = name_key(name), " " + name_key(text) + " "
    for phrase, member in cue_values("members_of").items():
        pk = name_key(phrase)
        if k.endswith(" " + pk) or f" {k} {pk} " in tk:
            head = k[: -len(pk) - 1] if k.endswith(" " + pk) else k
            core = issuer_core(f"{head} {member}", None)
            return [Expect(core, p, f"{name} ({p})") for p in succession.provinces_at(plan_date)]
    return None


def expected_issuers(G: nx.MultiDiGraph, task: str, ask: Ask) -> list[Expect]:
    """The bodies that are to issue what `task` asks for (see the module doc)."""
    a = G.nodes[task]
    juris = a.get("jurisdiction")
    plan = G.nodes[a["plan"]] if a.get("plan") in G else {}
    if ask.body is not None:
        if ask.body == "":
            return [Expect("", juris, "cấp có thẩm quyền")]
        return [Expect(issuer_core(ask.body, juris), juris, ask.body)]
    out: list[Expect] = []
    subs = tuple(name_key(w) for w in cue_words("sub_unit"))
    for v, keys in G.succ[task].items():
        d = keys.get("assigns")
        if d is None or d.get("role") != "lead" or G.nodes[v].get("kind") != "agency":
            continue
        ag = G.nodes[v]
        members = _group_members(ag.get("name") or "", a.get("text") or "", plan.get("date"))
        if members is not None:
            out.extend(members)
        elif any(name_key(ag.get("name") or "").startswith(w + " ") for w in subs) and plan.get("issuer"):
            # a unit of the plan's issuer ("Phòng Bảo trợ xã hội"): its documents are the issuer's
            out.append(Expect(issuer_core(plan["issuer"], plan.get("jurisdiction")),
                              plan.get("jurisdiction"), plan["issuer"]))
        elif not ag.get("is_group"):
            out.append(Expect(issuer_core(ag.get("name"), ag.get("jurisdiction")),
                              ag.get("jurisdiction"), ag.get("name") or v))
    return out


# ------------------------------------------------------------------ candidates

def ancestors(G: nx.MultiDiGraph, doc: str) -> list[str]:
    """The plan and every document it implements, transitively (nearest first)."""
    seen = [doc]
    i = 0
    while i < len(seen):
        for v, keys in G.succ[seen[i]].items():
            if IMPLEMENTS in keys and v not in seen and G.nodes[v].get("kind") == "document":
                seen.append(v)
        i += 1
    return seen


def _implementers(G: nx.MultiDiGraph, targets: list[str]) -> dict[str, tuple[str, dict]]:
    """Documents with an implements edge to one of targets -> (target, edge data)."""
    out: dict[str, tuple[str, dict]] = {}
    for x in targets:
        for u, keys in G.pred[x].items():
            if IMPLEMENTS in keys and u not in out and G.nodes[u].get("kind") == "document":
                out[u] = (x, keys[IMPLEMENTS])
    return out


def _issuer_ok(doc: dict, exp: Expect) -> bool:
    if exp.core == "":  # an unnamed competent body: a provincial body of the province
        return doc.get("level") in ("provincial", "party")
    return any(issuer_core(n, doc.get("jurisdiction")) == exp.core
               for n in (doc.get("issuer") or "").split(";") if n.strip())


def same_place(doc: dict, exp: Expect) -> bool:
    """Is the document of the expected issuer's province: the same name, or, issued after
    the province was merged, its unit of today (the successor carries its duties)."""
    dj, ej = doc.get("jurisdiction"), exp.juris
    if not dj or not ej:
        return not dj and not ej
    if name_key(dj) == name_key(ej):
        return True
    row = succession.province_succession(ej)
    return bool(row and doc.get("date") and doc["date"] >= row.since
                and name_key(row.successor) == name_key(dj))


def places_of(doc: dict) -> set[str]:
    """The keys of the provinces whose expected issuers a document can answer for (see
    `same_place`): its own, and the former provinces of its unit when it was issued after
    they were merged into it; {""} for a national document."""
    dj = doc.get("jurisdiction")
    if not dj:
        return {""}
    out = {name_key(dj)}
    date = doc.get("date")
    for former in succession.formers_of(dj):
        row = succession.province_succession(former)
        if date and row and date >= row.since and name_key(row.successor) == name_key(dj):
            out.add(name_key(former))
    return out


def by_place(expects: list[Expect]) -> dict[str, list[Expect]]:
    """Expects keyed by their province's key ("" for none), each list in the given order."""
    out: dict[str, list[Expect]] = {}
    for e in expects:
        out.setdefault(name_key(e.juris or ""), []).append(e)
    return out


def matching(doc: dict, expects: list[Expect], index: dict[str, list[Expect]],
             keys: Optional[set[str]] = None) -> list[Expect]:
    """The expects of `doc`'s place, in the given order: `[e for e in expects if
    same_place(doc, e)]` (the plain version) looked up in `by_place(expects)`; `keys` is
    `places_of(doc)` when the caller has it."""
    keys = places_of(doc) if keys is None else keys
    if len(keys) == 1:
        return list(index.get(next(iter(keys)), ()))
    picked = {id(e) for k in keys for e in index.get(k, ())}
    return [e for e in expects if id(e) in picked]


@dataclass
class Candidate:
    """A document weighed for a task: what it misses (empty: it fulfils the task)."""

    doc: str
    expect: Expect
    target: str
    missing: list[str]
    days: Optional[int]
    edge: dict = field(default_factory=dict)


# a candidate "fits partly" when it misses at most this many of the four tests (type, issuer,
# subject, date); one that misses more is no candidate worth showing (an earlier plan of
# another body on another subject)
PARTIAL_AT_MOST = 2


def fits_partly(c: Candidate) -> bool:
    """Does a candidate fit only partly (misses something, but at most PARTIAL_AT_MOST)?"""
    return 0 < len(c.missing) <= PARTIAL_AT_MOST


def _days(a: Optional[str], b: Optional[str]) -> Optional[int]:
    import datetime as dt
    try:
        return (dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days  # type: ignore
    except (TypeError, ValueError):
        return None


@dataclass
class Memo:
    """What one run over many tasks works out once: `places_of` of each document, the
    documents implementing each plan or its root."""

    places: dict[str, set[str]] = field(default_factory=dict)
    symbols: dict[str, str] = field(default_factory=dict)
    subjects: dict[str, set] = field(default_factory=dict)
    above: dict[str, list[str]] = field(default_factory=dict)  # plan -> `ancestors`
    at_place: dict[str, dict[str, list]] = field(default_factory=dict)  # target -> place -> rows


def _implementing(G: nx.MultiDiGraph, memo: Memo, x: str) -> dict[str, list]:
    """The documents implementing x by the keys of their places (`places_of`), each row
    (doc, edge data); worked out once per x in a run."""
    at = memo.at_place.get(x)
    if at is None:
        at = memo.at_place[x] = {}
        for u, (_, edge) in _implementers(G, [x]).items():
            if u not in memo.places:
                memo.places[u] = places_of(G.nodes[u])
                memo.symbols[u] = symbol_norm(G.nodes[u].get("symbol") or "")
            for k in memo.places[u]:
                at.setdefault(k, []).append((u, edge))
    return at


def _under(G: nx.MultiDiGraph, memo: Memo, plan_id: str, index: dict,
           scan_all: bool) -> list[tuple[str, tuple[str, dict]]]:
    """(document, (the ancestor it implements, edge)) for the documents implementing the plan
    or one of its ancestors (the nearest first), by document id: only those at the places of
    `index`, or, with `scan_all` (the plain version), all of them (`matching` then picks)."""
    above = memo.above.get(plan_id)
    if above is None:
        above = memo.above[plan_id] = ancestors(G, plan_id)
    if scan_all:
        out = _implementers(G, above)
        for u in out:
            if u not in memo.places:
                memo.places[u] = places_of(G.nodes[u])
                memo.symbols[u] = symbol_norm(G.nodes[u].get("symbol") or "")
        return sorted(out.items())
    picked: dict[str, tuple[str, dict]] = {}
    for x in above:
        at = _implementing(G, memo, x)
        for k in index:
            for u, edge in at.get(k, ()):
                if u not in picked:
                    picked[u] = (x, edge)
    return sorted(picked.items())


def weigh(G: nx.MultiDiGraph, task: str, ask: Ask, expects: list[Expect],
          memo: Optional[Memo] = None, scan_all: bool = False) -> list[Candidate]:
    """Every document of an expected issuer's province implementing the task's plan or its
    root, with what it misses (`memo` carries what the tasks of a run share; `scan_all`
    weighs every document under the plan, the plain version of the place index)."""
    memo = memo or Memo()
    places, symbols, subjects = memo.places, memo.symbols, memo.subjects
    plan_id = G.nodes[task].get("plan")
    if plan_id not in G:
        return []
    plan = G.nodes[plan_id]
    plan_sym = symbol_norm(plan.get("symbol") or "")
    out: list[Candidate] = []
    index = by_place(expects)
    for doc, (target, edge) in _under(G, memo, plan_id, index, scan_all):
        d = G.nodes[doc]
        if doc == plan_id or (plan_sym and symbols[doc] == plan_sym):
            continue
        for exp in matching(d, expects, index, places[doc]):
            missing = []
            if key(d.get("type_code") or "") not in {key(t) for t in ask.types}:
                missing.append("type")
            if not _issuer_ok(d, exp):
                missing.append("issuer")
            said = f"{d.get('title') or ''} {edge.get('evidence') or ''}"
            if said not in subjects:
                subjects[said] = set(subject_words(said))
            if not about_the_same(ask, said, subjects[said]):
                missing.append("subject")
            days = _days(d.get("date"), plan.get("date"))
            if days is None:
                missing.append("date")
            elif days < 0:
                missing.append("after plan")
            out.append(Candidate(doc, exp, target, missing, days, dict(edge)))
    return out


def fulfilments(G: nx.MultiDiGraph, tasks: Optional[list[str]] = None) -> dict[str, dict[str, Any]]:
    """task id -> {ask, expects, candidates} for every task of G (or of `tasks`) that asks
    for a document (tasks asking for none are left out: not checkable)."""
    out: dict[str, dict[str, Any]] = {}
    memo = Memo()
    pairs = ((t, G.nodes[t]) for t in tasks) if tasks is not None else G.nodes(data=True)
    for t, a in pairs:
        if a.get("kind") != "task":
            continue
        ask = read_ask(a.get("text"))
        if ask is None:
            continue
        expects = expected_issuers(G, t, ask)
        out[t] = {"ask": ask, "expects": expects,
                  "candidates": weigh(G, t, ask, expects, memo) if expects else []}
    return out


def add_fulfilments(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """G with a `fulfilled_by` edge from each task to each document that fulfils it (the
    rule and the evidence of both sides on the edge); edges of an earlier run are replaced.
    Returns G."""
    old = [(u, v, k) for u, v, k in G.edges(keys=True) if k == FULFILLED_BY]
    G.remove_edges_from(old)
    for t, f in sorted(fulfilments(G).items()):
        a = G.nodes[t]
        full: dict[str, list[Candidate]] = {}
        for c in f["candidates"]:
            if not c.missing:
                full.setdefault(c.doc, []).append(c)
        for doc, cs in full.items():
            c = cs[0]
            G.add_edge(t, doc, key=FULFILLED_BY, relation=FULFILLED_BY, rule=RULE,
                       evidence=f["ask"].evidence, source=a.get("source"),
                       offset=(a.get("offset") or 0) + f["ask"].offset, origin="fulfil",
                       doc_evidence=c.edge.get("evidence"), doc_source=c.edge.get("source"),
                       provinces=sorted({x.expect.juris for x in cs if x.expect.juris}),
                       days_after_plan=c.days)
    return G


__all__ = ["Ask", "Candidate", "Expect", "PARTIAL_AT_MOST", "fits_partly", "read_ask",
           "expected_issuers", "weigh", "matching", "fulfilments", "add_fulfilments",
           "issuer_core", "ancestors"]
