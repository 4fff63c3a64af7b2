"""The 2025 succession and the progress links as triples: provinces and agencies that were
merged, renamed or split, as ORG change events (`org:ChangeEvent` with
`org:originalOrganization`, `org:resultingOrganization`, `prov:startedAtTime`, `dcterms:date`,
`dcterms:source`, and `pg:function` for the part of a split unit that passes); each
document's and task's unit of today (`pg:jurisdictionToday`, the printed one kept); the
`fulfilled_by` and `reports_on` edges as `pg:fulfilledBy` / `pg:reportsOn` with their rule.

`succession_triples(G, base)` returns them as the mapping's (subject, predicate, I | L) tuples,
to be added to `graph.export.rdf.mapping.triples`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from graph.export.rdf.iris import mint_iris, short_hash, slug
from graph.export.rdf.syntax import nt_line
from graph.export.rdf.terms import A, DCT, DEFAULT_BASE, ORG, PG, PROV, XSD, I, L, norm_base
from graph.link import succession
from graph.models import FULFILLED_BY, REPORTS_ON

if TYPE_CHECKING:
    import networkx as nx

CHANGE_EVENT = ORG + "ChangeEvent"
EDGE_PREDICATES = {FULFILLED_BY: PG + "fulfilledBy", REPORTS_ON: PG + "reportsOn"}


def province_org_iri(base: str, name: str) -> str:
    """{base}org/vn/{slug}: a province as an organisation (its agencies hang under it)."""
    return f"{base}org/vn/{slug(name)}"


def _event(base: str, originals: list[str], results: list[str], since: str, source: str,
           function: Optional[str] = None) -> list[tuple]:
    e = I(f"{base}id/change/{short_hash(' '.join(sorted(originals) + ['>'] + sorted(results) + [since, function or '']))}")
    out = [(e, A, I(CHANGE_EVENT)),  # (an org:ChangeEvent is a prov:Activity in ORG)
           (e, PROV + "startedAtTime", L(f"{since}T00:00:00", XSD + "dateTime")),
           (e, DCT + "date", L(since, XSD + "date")), (e, DCT + "source", L(source, None, "vi"))]
    out += [(e, ORG + "originalOrganization", I(o)) for o in originals]
    out += [(e, ORG + "resultingOrganization", I(r)) for r in results]
    out += [(I(r), ORG + "resultedFrom", e) for r in results]
    out += [(I(o), ORG + "changedBy", e) for o in originals]
    if function:
        out.append((e, PG + "function", L(function, None, "vi")))
    return out


def province_events(base: str) -> list[tuple]:
    """One change event per province of today made of others or renamed: every former
    province an original (the one whose name goes on too: the unit persists), the unit of
    today the result. Unchanged provinces have none."""
    groups: dict[tuple, list[str]] = {}
    for s in succession.province_successions():
        if s.kind != "unchanged":
            groups.setdefault((s.successor, s.since, s.source), []).append(s.former)
    out = []
    for (succ, since, source), formers in sorted(groups.items()):
        if formers != [succ]:
            out += _event(base, [province_org_iri(base, f) for f in formers],
                          [province_org_iri(base, succ)], since, source)
    return out


def agency_events(G: nx.MultiDiGraph, base: str, iri: dict) -> list[tuple]:
    """One change event per (agency of G merged or split, heir): a split passes each part
    (`pg:function`) to its heir, in the agency's province of today."""
    out = []
    for n, a in G.nodes(data=True):
        name, j = a.get("name"), a.get("jurisdiction")
        if a.get("kind") != "agency" or not isinstance(name, str) or not succession.is_succeeded(name):
            continue
        h = succession.heirs(name)
        unit = succession.unit_of(j) if isinstance(j, str) else None
        for r in h.rows:
            target = f"{base}org/vn/" + (f"{slug(unit)}/" if unit and r.level != "national" else "") + slug(r.successor)
            out += _event(base, [iri[n]], [target], r.since, r.source, r.function or None)
    return out


def _today(G: nx.MultiDiGraph, iri: dict) -> list[tuple]:
    """Each document's and task's unit of today, when it differs from the printed one."""
    out = []
    for n, a in G.nodes(data=True):
        j = a.get("jurisdiction")  # a string in a built graph (anything in a hand-made one)
        unit = succession.unit_of(j) if isinstance(j, str) and a.get("kind") in ("document", "task") else None
        if unit and unit != j:
            out.append((iri[n], PG + "jurisdictionToday", L(unit, None, "vi")))
    return out


def _edges(G: nx.MultiDiGraph, iri: dict) -> list[tuple]:
    """fulfilled_by and reports_on as direct triples; a report's period (read from its
    title) as pg:reportPeriod with its first and last day."""
    from graph.extract.reports import read_period
    out = []
    for u, v, k, d in G.edges(keys=True, data=True):
        p = EDGE_PREDICATES.get(k)
        if p is None:
            continue
        out.append((iri[u], p, I(iri[v])))
        if d.get("rule"):
            out.append((iri[u], PG + "fulfilmentRule", L(str(d["rule"]))))
        period, start, end = read_period(G.nodes[u].get("title")) if k == REPORTS_ON else (None,) * 3
        if period:
            out += [(iri[u], PG + "reportPeriod", L(period, None, "vi")),
                    (iri[u], PG + "periodStart", L(start, XSD + "date")),
                    (iri[u], PG + "periodEnd", L(end, XSD + "date"))]
    return out


def succession_triples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE,
                       iri: Optional[dict[Any, str]] = None) -> list[tuple]:
    """The triples of the succession (provinces always; the agencies of G that changed),
    today's units and the fulfilled_by / reports_on edges of G, sorted. `iri`: the node
    IRIs the export minted (default: `mint_iris(G, base)`)."""
    base = norm_base(base)
    iri = iri if iri is not None else mint_iris(G, base)
    out = set(province_events(base)) | set(agency_events(G, base, iri)) | set(_today(G, iri))
    out |= set(_edges(G, iri))
    return sorted(out, key=lambda t: nt_line(*t))
