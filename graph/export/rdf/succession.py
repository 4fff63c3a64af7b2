"""The 2025 succession and the progress links as triples: provinces and agencies that were
merged, renamed or split, as ORG change events (`org:ChangeEvent` with an rdfs:label,
`org:originalOrganization`, `org:resultingOrganization`, `prov:startedAtTime`, `dcterms:date`,
`dcterms:source` — the IRI of the document that is the legal basis when its số ký hiệu can be
read (`legal_basis_iri`), else its citation as printed —, the printed citation with its notes
as rdfs:comment, and `pg:function` for the part of a split unit that passes); each document's
and task's unit of today (`pg:jurisdictionToday`, the printed one kept); the `fulfilled_by`
and `reports_on` edges as `pg:fulfilledBy` / `pg:reportsOn` with their rule.

Every organisation a change event names is a described resource: an agency of the graph (its
node), or else an org:Organization with one skos:prefLabel and an rdfs:label — a province as
its organisation at {base}org/vn/{province slug} (`province_org_iri`: the one slug of the
province, `iris.place_slug`), linked to the province as place (`dcterms:spatial` -> the
pg:Provinces concept, `iris.province_iri`); an heir agency at its `iris.agency_iri`. One
already described by the default export (a node, an agency named only as an issuer, a body
above an agency) is not described again (one name per organisation). A legal basis that is no
document of the graph is an eli:LegalResource with its rdfs:label (the citation) and
eli:id_local (its số ký hiệu).

`succession_triples(G, base)` returns them as the mapping's (subject, predicate, I | L) tuples,
to be added to `graph.export.rdf.mapping.triples`.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Optional

from graph.export.rdf.iris import (agency_iri, canonical_province, document_path, mint_iris,
                                   place_name, place_slug, province_iri, short_hash)
from graph.export.rdf.resources import Seen, issuer_agencies, note, parent_org_triples
from graph.export.rdf.syntax import nt_line
from graph.export.rdf.terms import (A, DCT, DEFAULT_BASE, ELI, ORG, PG, PROV, RDFS, SKOS, XSD,
                                    I, L, norm_base, readable_label)
from graph.extract.symbols import find_symbols
from graph.link import succession
from graph.models import FULFILLED_BY, ISSUED_BY, REPORTS_ON
from graph.tables import rows
from graph.text import casefold_key

if TYPE_CHECKING:
    import networkx as nx

CHANGE_EVENT = ORG + "ChangeEvent"
EDGE_PREDICATES = {FULFILLED_BY: PG + "fulfilledBy", REPORTS_ON: PG + "reportsOn"}


def province_org_iri(base: str, name: str) -> str:
    """{base}org/vn/{province slug}: a province as an organisation (its agencies hang under
    it), one IRI whatever the spelling ('Thừa Thiên Huế' and 'Huế' -> …/org/vn/hue)."""
    return f"{base}org/vn/{place_slug(name)}"


class Org:
    """An organisation a change event names: its IRI, its name, and what describes it when
    no one else does."""

    def __init__(self, iri: str, name: str, extra: tuple = (), shown: Optional[str] = None) -> None:
        self.iri, self.name, self.extra = iri, name, extra
        self.shown = shown or name  # its name in an event's label: as it was then

    def triples(self) -> list[tuple]:
        return [(self.iri, A, I(ORG + "Organization")),
                (self.iri, SKOS + "prefLabel", L(self.name, None, "vi")),
                (self.iri, RDFS + "label", L(self.name, None, "vi"))] + list(self.extra)


def province_org(base: str, name: str) -> Org:
    """A province as an organisation: named with its kind ('tỉnh Thái Bình'), in its place
    (a former name of a renamed province is its name in the event's label only)."""
    canonical = canonical_province(name)
    s = province_org_iri(base, canonical)
    return Org(s, place_name(canonical), ((s, DCT + "spatial", I(province_iri(canonical))),),
               place_name(name))


@functools.lru_cache(maxsize=1)
def _doc_type_codes() -> tuple:
    """(folded type name, code) of tables/doc_types.csv, longest name first."""
    pairs = {(casefold_key(r["name"]), r["code"]) for r in rows("doc_types.csv") if r["name"]}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


def cited_document(source: str) -> Optional[dict]:
    """The document a legal basis as printed cites ('Nghị quyết 202/2025/QH15 ngày …'): its
    số ký hiệu (the first one read) and type code (the type printed before it, else the one
    of the symbol), None when no số ký hiệu is read."""
    m = next(find_symbols(source), None)
    if m is None:
        return None
    before = casefold_key(source[:m.start]).strip()
    code = next((c for name, c in _doc_type_codes() if before.endswith(name)), m.type_code)
    return {"symbol": m.symbol, "type_code": code, "citation": source[:m.end].strip()}


def legal_basis_iri(G: nx.MultiDiGraph, iri: dict, base: str, source: str) -> tuple[Optional[str], list]:
    """The IRI of the document a change event's source cites, and the triples that describe
    it when it is no node of G: the graph's one document with that số ký hiệu (and type),
    else the IRI `iris.document_path` gives it (a node's when one has it); (None, []) when
    no số ký hiệu is read."""
    doc = cited_document(source)
    if doc is None:
        return None, []
    key = casefold_key(doc["symbol"])
    found = [n for n, a in G.nodes(data=True) if a.get("kind") == "document"
             and isinstance(a.get("symbol"), str) and casefold_key(a["symbol"]) == key
             and a.get("type_code") in (None, doc["type_code"])]
    if len(found) == 1:
        return iri[found[0]], []
    path = document_path({"symbol": doc["symbol"], "type_code": doc["type_code"]})
    if path is None:
        return None, []
    s = base + path
    if s in iri.values():  # a document of the graph (one of several with that symbol)
        return s, []
    return s, [(s, A, I(ELI + "LegalResource")), (s, RDFS + "label", L(doc["citation"], None, "vi")),
               (s, ELI + "id_local", L(doc["symbol"]))]


def _event(base: str, originals: list[Org], results: list[Org], since: str, source: str,
           basis: Optional[str], function: Optional[str] = None) -> list[tuple]:
    os_, rs = sorted(o.iri for o in originals), sorted(r.iri for r in results)
    e = I(f"{base}id/change/{short_hash(' '.join(os_ + ['>'] + rs + [since, function or '']))}")
    label = (" + ".join(o.shown for o in originals) + " → " + " + ".join(r.shown for r in results)
             + (f": {function}" if function else "") + f" ({since})")
    out = [(e, A, I(CHANGE_EVENT)),  # (an org:ChangeEvent is a prov:Activity in ORG)
           (e, RDFS + "label", L(label, None, "vi")),
           (e, PROV + "startedAtTime", L(f"{since}T00:00:00", XSD + "dateTime")),
           (e, DCT + "date", L(since, XSD + "date")),
           # the legal basis: the document, else its citation as printed; the citation as
           # printed (with its notes) is kept as the comment (one kind of value per predicate)
           (e, DCT + "source", I(basis) if basis is not None else L(source, None, "vi")),
           (e, RDFS + "comment", L(source, None, "vi"))]
    out += [(e, ORG + "originalOrganization", I(o)) for o in os_]
    out += [(e, ORG + "resultingOrganization", I(r)) for r in rs]
    out += [(I(r), ORG + "resultedFrom", e) for r in rs]
    out += [(I(o), ORG + "changedBy", e) for o in os_]
    if function:
        out.append((e, PG + "function", L(function, None, "vi")))
    return out


class _Events:
    """The change events of one export, the organisations they name, the documents they cite."""

    def __init__(self, G: nx.MultiDiGraph, base: str, iri: dict) -> None:
        self.G, self.base, self.iri = G, base, iri
        self.out: list[tuple] = []
        self.orgs: dict[str, Org] = {}
        self.bases: dict[str, tuple] = {}
        self.provinces_named: set[str] = set()  # the IRIs of provinces as organisations

    def basis(self, source: str) -> Optional[str]:
        if source not in self.bases:
            self.bases[source] = legal_basis_iri(self.G, self.iri, self.base, source)
            self.out += self.bases[source][1]
        return self.bases[source][0]

    def event(self, originals: list[Org], results: list[Org], since: str, source: str,
              function: Optional[str] = None) -> None:
        for o in originals + results:
            self.orgs.setdefault(o.iri, o)
        self.out += _event(self.base, originals, results, since, source, self.basis(source),
                           function)

    def provinces(self) -> None:
        """One change event per province of today made of others or renamed: every former
        province an original (the one whose name goes on too: the unit persists), the unit
        of today the result. Unchanged provinces have none."""
        groups: dict[tuple, list[str]] = {}
        for s in succession.province_successions():
            if s.kind != "unchanged":
                groups.setdefault((s.successor, s.since, s.source), []).append(s.former)
        for (succ, since, source), formers in sorted(groups.items()):
            if formers != [succ]:
                orgs = [province_org(self.base, f) for f in formers + [succ]]
                self.provinces_named.update(o.iri for o in orgs)
                self.event(orgs[:-1], orgs[-1:], since, source)

    def agencies(self) -> None:
        """One change event per (agency of G merged or split, heir): a split passes each part
        (`pg:function`) to its heir, in the agency's province of today."""
        for n, a in self.G.nodes(data=True):
            name, j = a.get("name"), a.get("jurisdiction")
            if a.get("kind") != "agency" or not isinstance(name, str) or not succession.is_succeeded(name):
                continue
            unit = succession.unit_of(j) if isinstance(j, str) else None
            me = Org(self.iri[n], readable_label("agency", a) or name)
            for r in succession.heirs(name).rows:
                where = unit if r.level != "national" else None
                heir = Org(agency_iri(self.base, r.successor, where),
                           readable_label("agency", {"name": r.successor, "jurisdiction": where})
                           or r.successor)
                self.event([me], [heir], r.since, r.source, r.function or None)

    def issued(self, n: Any) -> bool:
        return any((d.get("relation") or k) == ISSUED_BY
                   for _, _, k, d in self.G.out_edges(n, keys=True, data=True))

    def described(self, wanted: set) -> set:
        """Those of `wanted` (no node IRIs) the default export describes already: agencies
        named only as issuers, and — when an heir agency is wanted — the bodies above
        agencies (`resources.parent_org_triples`)."""
        chains = bool(wanted - self.provinces_named)  # the chains start from every issuer
        seen = Seen()
        for n, a in self.G.nodes(data=True):
            if a.get("kind") == "document" and a.get("issuer") and (
                    chains or wanted.intersection(issuer_agencies(self.base, a))) and not self.issued(n):
                note(a, seen, self.base, False)
        out = set(seen.issuers)
        if chains:
            out.update(s for s, _, _ in parent_org_triples(self.G, self.iri, self.base, seen.issuers))
        return out & wanted

    def organisations(self) -> None:
        """The organisations named that no one else describes (one name each)."""
        nodes = set(self.iri.values())
        wanted = {s for s in self.orgs if s not in nodes}
        done = self.described(wanted)
        for s in sorted(wanted - done):
            self.out += self.orgs[s].triples()


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
    """The triples of the succession (provinces always; the agencies of G that changed), the
    organisations and legal bases they name, today's units and the fulfilled_by /
    reports_on edges of G, sorted. `iri`: the node IRIs the export minted (default:
    `mint_iris(G, base)`)."""
    base = norm_base(base)
    iri = iri if iri is not None else mint_iris(G, base)
    ev = _Events(G, base, iri)
    ev.provinces()
    ev.agencies()
    ev.organisations()
    out = set(ev.out) | set(_today(G, iri)) | set(_edges(G, iri))
    return sorted(out, key=lambda t: nt_line(*t))
