"""The RiC-O profile (`export --profile rico`): the graph as ICA Records in Contexts
(RiC-O 1.0.x) for archival systems, written directly (not through the default mapping).

  document        a rico:Record (the same IRI as in the default profile): rico:identifier
                  (số ký hiệu; without it and without a title: its node id), rico:title
                  (trích yếu, @vi), rico:hasCreationDate -> a
                  rico:Date with rico:normalizedDateValue (ISO 8601 date, or the year),
                  rico:hasDocumentaryFormType -> the document-type concept, also a
                  rico:DocumentaryFormType, rico:hasCreator -> the agency the default profile
                  writes as its eli:passed_by (its issued_by agencies, else
                  `resources.issuer_agency`; a joint issue 'A; B': one per body),
                  rico:isOrWasIncludedIn -> the record set of
                  that agency, rico:hasOrHadInstantiation -> each file it was read from,
                  rico:isRecordResourceAssociatedWithRecordResource -> documents it
                  implements or cites
  agency          a rico:CorporateBody at the agency's IRI of the default profile
                  (`iris.agency_iri`: one IRI per agency, its province by its one slug), for
                  the graph's agencies, the agencies named only as issuers
                  (`resources.issuer_triples`) and the bodies they belong to
                  (`resources.parent_org_triples`): rico:name (the graph's agency: its
                  readable label, name and province), rico:isOrWasSubdivisionOf the body it
                  belongs to — every org:subOrganizationOf of the default profile (part_of
                  edges, `parent`, `iris.agency_parents`, the issuers' and parents' chains)
  record set      {base}rico/record-set/{agency IRI after {base}org/}: one rico:RecordSet per
                  creating agency, rico:title the agency's name, rico:hasCreator the agency,
                  rico:includesOrIncluded each of its records
  source file     a rico:Instantiation (IRI `iris.source_iri`, as in the default profile):
                  rico:isOrWasInstantiationOf, rico:identifier (its path; one content
                  read under two paths: both), rico:title (file name), dcterms:format (IANA media type IRI), rico:hasExtent -> a
                  rico:InstantiationExtent (rico:quantity characters, rico:unitOfMeasurement),
                  spdx:checksum -> an spdx:Checksum (SHA-256; RiC-O has no checksum term)
Every IRI moves with the base, the document-type concepts ({base}ontology/doctype/…)
included. Every rico: term is in RiC-O 1.0.2 (the list kept in tests/rico_terms.txt). Tasks
are not written (they are not records).
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional

import networkx as nx

from graph.models import CITES, IMPLEMENTS, ISSUED_BY, PART_OF

from .iris import (Hierarchy, agency_parents, committee_of, doctype_iri, mint_iris,
                   source_iri)
from .resources import Seen, issuer_agencies, issuer_triples, note, parent_org_triples
from .storefacts import FileFacts
from .syntax import nt_line
from .terms import (A, DCT, DEFAULT_BASE, IANA_MEDIA, ORG, RDFS, RICO, SKOS, SPDX, XSD, I, L,
                    is_xsd_date, media_type, norm_base, readable_label, rebase, vocab_root)

ASSOCIATED = (IMPLEMENTS, CITES)
RECORD_SET_PATH = "rico/record-set/"
_YEAR = re.compile(r"^\d{4}$")
# the default profile's terms of an organisation -> RiC-O's (others are not carried over)
ORG_TO_RICO = {ORG + "subOrganizationOf": RICO + "isOrWasSubdivisionOf",
               SKOS + "prefLabel": RICO + "name"}


def _date_value(a: dict) -> Optional[str]:
    """The ISO 8601 creation date of a document: its date, else its year."""
    d = a.get("date")
    if is_xsd_date(d):
        return d
    y = a.get("year")
    if y is not None and _YEAR.match(str(y)):
        return str(y)
    return None


def issued_by(G: nx.MultiDiGraph, n: Any) -> list:
    """The nodes a node's issued_by edges point at (its eli:passed_by in the default profile)."""
    return [v for _, v, k, d in G.out_edges(n, keys=True, data=True)
            if (d.get("relation") or k) == ISSUED_BY]


def record_set_iri(base: str, creator: str) -> str:
    """{base}rico/record-set/{creator IRI after {base}org/ (or after {base})}."""
    tail = creator[len(base):] if creator.startswith(base) else creator
    if tail.startswith("org/"):
        tail = tail[len("org/"):]
    return base + RECORD_SET_PATH + tail


class _Rico:
    """The triples of one graph in RiC-O, built up in `out`."""

    def __init__(self, G: nx.MultiDiGraph, base: str, files: Optional[dict]):
        self.G, self.base, self.files = G, norm_base(base), files or {}
        self.iri = mint_iris(G, self.base)
        self.out: set = set()
        self.names: dict[str, str] = {}  # corporate body IRI -> name
        self.seen = Seen()

    def add(self, s: str, p: str, o) -> None:
        self.out.add((s, p, o))

    def body(self, s: str, name: str) -> None:
        """A rico:CorporateBody with its one name (the first given)."""
        if s not in self.names:
            self.names[s] = name
            self.add(s, A, I(RICO + "CorporateBody"))
            self.add(s, RICO + "name", L(name, None, "vi"))

    def agency(self, n: Any, a: dict, parent: Optional[str]) -> None:
        if a.get("is_group") is True:
            return  # a group of agencies ('các sở, ban, ngành') is no corporate body
        s = self.iri[n]
        self.body(s, readable_label("agency", a) or str(n))
        self.add(s, DCT + "identifier", L(str(n)))
        given = a.get("parent")
        if isinstance(given, str) and given in self.iri:
            self.add(s, RICO + "isOrWasSubdivisionOf", I(self.iri[given]))
        if parent is not None:
            self.add(s, RICO + "isOrWasSubdivisionOf", I(parent))

    def other_bodies(self) -> None:
        """The agencies named only as issuers and the bodies above the agencies, as the
        default profile writes them (org:Organization -> rico:CorporateBody)."""
        hierarchy = Hierarchy(self.base)
        trs = []
        nodes = set(self.iri.values())
        for s, (name, jur) in sorted(self.seen.issuers.items()):
            if s not in nodes:
                trs += issuer_triples(s, name, committee_of(hierarchy, name, jur))
        trs += parent_org_triples(self.G, self.iri, self.base, self.seen.issuers)
        for s, p, o in sorted(trs, key=lambda t: nt_line(*t)):
            if p == SKOS + "prefLabel":
                self.body(s, o.value if isinstance(o, L) else str(o))
        for s, p, o in trs:
            if p == ORG + "subOrganizationOf":
                self.add(s, ORG_TO_RICO[p], o)

    def creators(self, n: Any, a: dict) -> list[str]:
        """The corporate bodies that issued a document: the default profile's eli:passed_by
        (its issued_by nodes, else the agency its issuer names; a joint issue: one per
        body it names)."""
        by = issued_by(self.G, n)
        if by:
            return sorted({self.iri[v] for v in by})
        return issuer_agencies(self.base, a)

    def record(self, n: Any, a: dict) -> None:
        s = self.iri[n]
        add = self.add
        add(s, A, I(RICO + "Record"))
        add(s, DCT + "identifier", L(str(n)))
        label = readable_label("document", a)
        if label:
            add(s, RDFS + "label", L(label, None, "vi"))
        titled = isinstance(a.get("title"), str) and a["title"]
        if isinstance(a.get("symbol"), str):
            add(s, RICO + "identifier", L(a["symbol"]))
        elif not titled:  # neither số ký hiệu nor title (a web page): its node id
            add(s, RICO + "identifier", L(str(n)))
        if titled:
            add(s, RICO + "title", L(a["title"], None, "vi"))
        value = _date_value(a)
        if value:
            d = self.base + "rico/date/" + value
            add(s, RICO + "hasCreationDate", I(d))
            add(d, A, I(RICO + "Date"))
            add(d, RICO + "normalizedDateValue", L(value))
        self.form_type(s, a)
        for c in self.creators(n, a):
            add(s, RICO + "hasCreator", I(c))
            rs = self.record_set(c)
            add(s, RICO + "isOrWasIncludedIn", I(rs))
            add(rs, RICO + "includesOrIncluded", I(s))
        for path in a.get("files") or ():
            self.instantiation(s, str(path), a)

    def form_type(self, s: str, a: dict) -> None:
        code, name = a.get("type_code"), a.get("doc_type")
        if not (code or name):
            return
        t = doctype_iri(code, name)
        self.add(s, RICO + "hasDocumentaryFormType", I(t))
        self.add(t, A, I(RICO + "DocumentaryFormType"))
        if isinstance(name, str):
            self.add(t, RICO + "name", L(name, None, "vi"))
        if isinstance(code, str):
            self.add(t, RICO + "identifier", L(code))

    def record_set(self, creator: str) -> str:
        rs = record_set_iri(self.base, creator)
        if rs not in self.names:
            self.names[rs] = self.names.get(creator) or rs[len(self.base + RECORD_SET_PATH):]
            self.add(rs, A, I(RICO + "RecordSet"))
            self.add(rs, RICO + "title", L(self.names[rs], None, "vi"))
            self.add(rs, RICO + "hasCreator", I(creator))
        return rs

    def instantiation(self, record: str, path: str, a: dict) -> None:
        facts = self.files.get(path) or FileFacts(
            a.get("sha256") if len(a.get("files") or ()) == 1 else None)
        s = source_iri(self.base, path, facts.sha256)
        add = self.add
        add(record, RICO + "hasOrHadInstantiation", I(s))
        add(s, A, I(RICO + "Instantiation"))
        add(s, RICO + "isOrWasInstantiationOf", I(record))
        add(s, RICO + "identifier", L(path))
        add(s, RICO + "title", L(os.path.basename(path)))
        add(s, DCT + "format", I(IANA_MEDIA + media_type(path)))
        if facts.size is not None:
            e = s + "/extent"
            add(s, RICO + "hasExtent", I(e))
            add(e, A, I(RICO + "InstantiationExtent"))
            add(e, RICO + "quantity", L(str(int(facts.size)), XSD + "decimal"))
            add(e, RICO + "unitOfMeasurement", L("character"))  # of the text read (no byte size kept)
        if facts.sha256:
            c = s + "/checksum/sha256"
            add(s, SPDX + "checksum", I(c))
            add(c, A, I(SPDX + "Checksum"))
            add(c, SPDX + "algorithm", I(SPDX + "checksumAlgorithm_sha256"))
            add(c, SPDX + "checksumValue", L(facts.sha256, XSD + "hexBinary"))

    def links(self) -> None:
        """Records associated through implements/cites; agencies under their parent."""
        G, iri = self.G, self.iri
        for u, v, d in G.edges(data=True):
            rel = d.get("relation")
            ku, kv = G.nodes[u].get("kind"), G.nodes[v].get("kind")
            if rel in ASSOCIATED and ku == kv == "document":
                self.add(iri[u], RICO + "isRecordResourceAssociatedWithRecordResource",
                         I(iri[v]))
            elif rel == PART_OF and ku == kv == "agency":
                self.add(iri[u], RICO + "isOrWasSubdivisionOf", I(iri[v]))


def _rebased(trs: set, base: str) -> set:
    """The triples with the vocabulary's IRIs (the document-type concepts) moved under
    `base` (nothing to do for the default base)."""
    root = vocab_root(base)
    if root == vocab_root(DEFAULT_BASE):
        return trs
    return {(rebase(s, root), p, I(rebase(o, root)) if isinstance(o, I) else o)
            for s, p, o in trs}


def rico_triples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, files: Optional[dict] = None) -> list:
    """The RiC-O profile of G as (subject, predicate, I | L), sorted as N-Triples lines.

    `files`: path -> `storefacts.FileFacts` (from the store: SHA-256, size);
    without it a file's SHA-256 is its document's when the document has one file, and its
    size is not written."""
    r = _Rico(G, base, files)
    nodes = sorted(G.nodes(data=True), key=lambda x: str(x[0]))
    parents = agency_parents(G, r.iri, r.base)
    for n, a in nodes:
        if a.get("kind") == "agency":
            r.agency(n, a, parents.get(n))
        elif a.get("kind") == "document":
            note(a, r.seen, r.base, bool(issued_by(G, n)))  # a joint issue: each body
    r.other_bodies()
    for n, a in nodes:
        if a.get("kind") == "document":
            r.record(n, a)
    r.links()
    return sorted(_rebased(r.out, r.base), key=lambda t: nt_line(*t))
