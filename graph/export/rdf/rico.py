"""The RiC-O profile (`export --profile rico`): the graph as ICA Records in Contexts
(RiC-O 1.0.x) for archival systems, written directly (not through the default mapping).

  document        a rico:Record (the same IRI as in the default profile): rico:identifier
                  (số ký hiệu), rico:title (trích yếu, @vi), rico:hasCreationDate -> a
                  rico:Date with rico:normalizedDateValue (ISO 8601 date, or the year),
                  rico:hasDocumentaryFormType -> the document-type concept, also a
                  rico:DocumentaryFormType, rico:hasCreator -> a rico:CorporateBody per
                  issuer, rico:isOrWasIncludedIn -> the record set of its issuer,
                  rico:hasOrHadInstantiation -> each file it was read from,
                  rico:isRecordResourceAssociatedWithRecordResource -> documents it
                  implements or cites
  record set      {base}rico/record-set/{creator IRI after base (and after rico/agent/)}:
                  a rico:RecordSet per issuer,
                  rico:title its name, rico:hasCreator, rico:includesOrIncluded each record
  source file     a rico:Instantiation (IRI `iris.source_iri`, as in the default profile):
                  rico:isOrWasInstantiationOf, rico:identifier (its path), rico:title (file
                  name), dcterms:format (IANA media type IRI), rico:hasExtent -> a
                  rico:InstantiationExtent (rico:quantity characters, rico:unitOfMeasurement),
                  spdx:checksum -> an spdx:Checksum (SHA-256; RiC-O has no checksum term)
  agency          a rico:CorporateBody, rico:name, rico:isOrWasSubdivisionOf its parent
An issuer that is no agency node (no issued_by edge) is a rico:CorporateBody at
{base}rico/agent/[{province}/]{issuer}. Every rico: term is in RiC-O 1.0.2 (the list kept in
tests/rico_terms.txt). Tasks are not written (they are not records).
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional

import networkx as nx

from graph.models import CITES, IMPLEMENTS, ISSUED_BY, PART_OF

from .iris import doctype_iri, mint_iris, slug, source_iri
from .storefacts import FileFacts
from .syntax import nt_line
from .terms import (A, DCT, IANA_MEDIA, RDFS, RICO, SPDX, XSD, I, L, is_xsd_date, media_type,
                    norm_base)

ASSOCIATED = (IMPLEMENTS, CITES)
AGENT_PATH = "rico/agent/"
_YEAR = re.compile(r"^\d{4}$")


def _date_value(a: dict) -> Optional[str]:
    """The ISO 8601 creation date of a document: its date, else its year."""
    d = a.get("date")
    if is_xsd_date(d):
        return d
    y = a.get("year")
    if y is not None and _YEAR.match(str(y)):
        return str(y)
    return None


def _issuers(a: dict) -> list[str]:
    """The issuer names of a document (a joint issue lists them with ';')."""
    issuer = a.get("issuer")
    if not isinstance(issuer, str):
        return []
    return [x.strip() for x in issuer.split(";") if x.strip()]


class _Rico:
    """The triples of one graph in RiC-O, built up in `out`."""

    def __init__(self, G: nx.MultiDiGraph, base: str, files: Optional[dict]):
        self.G, self.base, self.files = G, norm_base(base), files or {}
        self.iri = mint_iris(G, self.base)
        self.out: set = set()
        self.names: dict[str, str] = {}  # corporate body IRI -> name

    def add(self, s: str, p: str, o) -> None:
        self.out.add((s, p, o))

    def agency(self, n: Any, a: dict) -> None:
        s = self.iri[n]
        name = a.get("name") or a.get("label") or str(n)
        self.names[s] = str(name)
        self.add(s, A, I(RICO + "CorporateBody"))
        self.add(s, RICO + "name", L(str(name), None, "vi"))
        self.add(s, DCT + "identifier", L(str(n)))
        parent = a.get("parent")
        if isinstance(parent, str) and parent in self.iri:
            self.add(s, RICO + "isOrWasSubdivisionOf", I(self.iri[parent]))

    def creators(self, n: Any, a: dict) -> list[str]:
        """The corporate bodies that issued a document: its issued_by agencies, else one
        per issuer name."""
        out = [self.iri[v] for _, v, d in self.G.out_edges(n, data=True)
               if d.get("relation") == ISSUED_BY and self.G.nodes[v].get("kind") == "agency"]
        if out:
            return sorted(set(out))
        for name in _issuers(a):
            segs = [slug(a["jurisdiction"])] if a.get("jurisdiction") else []
            s = self.base + AGENT_PATH + "/".join(segs + [slug(name)])
            out.append(s)
            if s not in self.names:
                self.names[s] = name
                self.add(s, A, I(RICO + "CorporateBody"))
                self.add(s, RICO + "name", L(name, None, "vi"))
        return sorted(set(out))

    def record(self, n: Any, a: dict) -> None:
        s = self.iri[n]
        add = self.add
        add(s, A, I(RICO + "Record"))
        add(s, DCT + "identifier", L(str(n)))
        if a.get("label"):
            add(s, RDFS + "label", L(str(a["label"]), None, "vi"))
        if isinstance(a.get("symbol"), str):
            add(s, RICO + "identifier", L(a["symbol"]))
        if isinstance(a.get("title"), str) and a["title"]:
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
        tail = creator[len(self.base):] if creator.startswith(self.base) else slug(creator)
        if tail.startswith(AGENT_PATH):
            tail = tail[len(AGENT_PATH):]
        rs = self.base + "rico/record-set/" + tail
        if rs not in self.names:
            self.names[rs] = self.names.get(creator, tail)
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


def rico_triples(G: nx.MultiDiGraph, base: str, files: Optional[dict] = None) -> list:
    """The RiC-O profile of G as (subject, predicate, I | L), sorted as N-Triples lines.

    `files`: path -> `storefacts.FileFacts` (from the store: SHA-256, size);
    without it a file's SHA-256 is its document's when the document has one file, and its
    size is not written."""
    r = _Rico(G, base, files)
    for n, a in sorted(G.nodes(data=True), key=lambda x: str(x[0])):
        if a.get("kind") == "agency":
            r.agency(n, a)
    for n, a in sorted(G.nodes(data=True), key=lambda x: str(x[0])):
        if a.get("kind") == "document":
            r.record(n, a)
    r.links()
    return sorted(r.out, key=lambda t: nt_line(*t))
