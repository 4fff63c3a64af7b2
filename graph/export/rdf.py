"""RDF export of the policygraph networkx graph, for archivists and linked-data stores.

The graph follows `graph.models.GRAPH_SCHEMA`; the vocabulary is `ontology/policygraph.ttl`
(ELI for documents, W3C ORG for agencies, PROV-O for where each assertion came from,
DCTERMS, SKOS concept schemes; see `ontology/README.md` for the mapping, RiC-O included).

Entry points:
  * `triples(G, base)`      -> sorted list of (subject, predicate, object) in a light form
  * `to_rdflib(G, base)`    -> rdflib.Graph (the API)
  * `to_oxigraph(G, base)`  -> list of pyoxigraph.Triple (the fast path)
  * `export(G, out, format, base, engine)` -> writes a file, deterministic bytes
  * `import_rdf(path)`      -> networkx.MultiDiGraph, the same graph back (round trip)
  * `push(path_or_graph, endpoint_url, graph_iri)` -> SPARQL 1.1 Graph Store HTTP Protocol

IRIs are built from the identity, never from counters, and contain no blank nodes:
  document  {base}eli/vn/[{province}/]{issuer}/{type}/{year|undated}/{number}
  task      {document IRI}/task/{number}
  agency    {base}org/vn/[{province}/]{name}
  assertion {base}id/assertion/{sha1(subject relation object)[:20]}
  source    {base}id/source/{sha1(path)[:16]}
Two nodes that would get the same IRI are told apart by a short hash of their node id.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import re
import unicodedata
import urllib.parse
import urllib.request
from typing import Any, Iterable, NamedTuple, Optional, Union

import networkx as nx

DEFAULT_BASE = "https://policygraph.example/"

# Vocabularies.
PG = "https://policygraph.example/ontology#"
PGC = "https://policygraph.example/ontology/"  # SKOS concepts (doctype/, agency-kind/, level/, method/)
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
RICO = "https://www.ica.org/standards/RiC/ontology#"

PREFIXES = {
    "pg": PG, "doctype": PGC + "doctype/", "level": PGC + "level/",
    "agencykind": PGC + "agency-kind/", "method": PGC + "method/", "eli": ELI, "org": ORG, "prov": PROV, "dcterms": DCT,
    "skos": SKOS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD,
}

FORMATS = {  # name -> (rdflib format, pyoxigraph format name, file extension)
    "ttl": ("turtle", "TURTLE", ".ttl"),
    "nt": ("nt", "N_TRIPLES", ".nt"),
    "xml": ("pretty-xml", "RDF_XML", ".rdf"),
    "jsonld": ("json-ld", "JSON_LD", ".jsonld"),
}
EXTENSIONS = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".rdf": "xml", ".xml": "xml",
              ".owl": "xml", ".jsonld": "jsonld", ".json": "jsonld"}
MEDIA_TYPES = {"ttl": "text/turtle", "nt": "application/n-triples",
               "xml": "application/rdf+xml", "jsonld": "application/ld+json"}

A = RDF + "type"
KIND_CLASSES = {
    "document": (PG + "Document", ELI + "LegalResource"),
    "task": (PG + "Task", ELI + "LegalResourceSubdivision"),
    "agency": (PG + "Agency", ORG + "Organization"),
}
CLASS_KINDS = {PG + "Document": "document", PG + "Task": "task", PG + "Agency": "agency"}

# The predicate each graph relation is written as (direct triple), by (relation, target kind).
RELATION_PREDICATES = {
    "implements": PG + "implements",
    "cites": ELI + "cites",
    "assigns": PG + "assignedTo",
    "issued_by": ELI + "passed_by",
    "part_of": DCT + "isPartOf",
}
ROLE_PREDICATES = {"lead": PG + "leadAgency", "partner": PG + "partnerAgency"}
KNOWN_ORIGINS = ("header", "preamble", "body", "statement", "task")
LEVELS = ("party", "central", "provincial", "department", "local", "unknown")


class I(str):
    """An IRI in an object position."""

    __slots__ = ()


class L(NamedTuple):
    """A literal: lexical value, datatype IRI or None, language tag or None."""

    value: str
    datatype: Optional[str] = None
    lang: Optional[str] = None


Term = Union[I, L]
Triple = tuple  # (str, str, Term)


# --------------------------------------------------------------------------- IRIs

def slug(text: Any, maxlen: int = 80) -> str:
    """ASCII slug without diacritics: 'Sở Lao động – Thương binh' -> 'so-lao-dong-thuong-binh'."""
    s = str(text).replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > maxlen:
        s = s[:maxlen].rstrip("-") + "-" + _h(text, 6)
    return s or "x"


def _h(value: Any, n: int = 16) -> str:
    return hashlib.sha1(str(value).encode("utf-8")).hexdigest()[:n]


_SYMBOL = re.compile(r"^\s*(\d+[a-zA-Z]?)(?:/(\d{4}))?\s*[-/]\s*(.+?)\s*$")


def parse_symbol(symbol: str) -> dict[str, Optional[str]]:
    """'20-NQ/TW' -> number 20, type NQ, issuer TW; '46/2015/QĐ-TTg' -> 46, 2015, QĐ, TTg."""
    m = _SYMBOL.match(symbol or "")
    if not m:
        return {"number": None, "year": None, "type": None, "issuer": None}
    parts = [p for p in re.split(r"[-/]", m.group(3)) if p]
    return {"number": m.group(1), "year": m.group(2),
            "type": parts[0] if parts else None,
            "issuer": "-".join(parts[1:]) if len(parts) > 1 else None}


def _year_of(attrs: dict) -> Optional[str]:
    y = attrs.get("year")
    if y:
        return str(y)
    d = attrs.get("date")
    if isinstance(d, str) and re.match(r"^\d{4}", d):
        return d[:4]
    return None


def document_path(attrs: dict) -> Optional[str]:
    """ELI-style path of a numbered document, None when it has no số ký hiệu."""
    sym = attrs.get("symbol")
    if not sym:
        return None
    p = parse_symbol(sym)
    if not p["number"]:
        return None
    type_code = attrs.get("type_code") or p["type"] or attrs.get("doc_type") or "vb"
    issuer = p["issuer"] or attrs.get("issuer") or "unknown"
    year = _year_of(attrs) or p["year"] or "undated"
    segs = ["eli", "vn"]
    if attrs.get("jurisdiction"):
        segs.append(slug(attrs["jurisdiction"]))
    segs += [slug(issuer), slug(type_code), slug(year), slug(p["number"])]
    return "/".join(segs)


def mint_iris(G: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> dict[Any, str]:
    """Node id -> IRI, stable (depends only on node ids and attributes) and injective."""
    if not base.endswith(("/", "#")):
        base += "/"
    wanted: dict[Any, str] = {}
    for n, a in G.nodes(data=True):
        kind = a.get("kind")
        if kind == "document":
            path = document_path(a)
            wanted[n] = base + (path if path else f"id/document/{_h(n)}")
        elif kind == "agency":
            segs = ["org", "vn"]
            if a.get("jurisdiction"):
                segs.append(slug(a["jurisdiction"]))
            segs.append(slug(a.get("name") or a.get("label") or n))
            wanted[n] = base + "/".join(segs)
        elif kind != "task":
            wanted[n] = base + f"id/node/{_h(n)}"
    _dedupe(wanted)
    for n, a in G.nodes(data=True):  # tasks hang under their plan's IRI
        if a.get("kind") == "task":
            plan = a.get("plan")
            number = a.get("number")
            if plan in wanted and number:
                wanted[n] = wanted[plan] + "/task/" + slug(number)
            else:
                wanted[n] = base + f"id/task/{_h(n)}"
    _dedupe(wanted)
    return wanted


def _dedupe(wanted: dict[Any, str]) -> None:
    by_iri: dict[str, list] = {}
    for n, iri in wanted.items():
        by_iri.setdefault(iri, []).append(n)
    for iri, nodes in by_iri.items():
        if len(nodes) > 1:
            for n in sorted(nodes, key=str)[1:]:
                wanted[n] = f"{iri}~{_h(n, 8)}"


def source_iri(base: str, path: str) -> str:
    if not base.endswith(("/", "#")):
        base += "/"
    return f"{base}id/source/{_h(path)}"


def doctype_iri(type_code: Optional[str], doc_type: Optional[str]) -> Optional[str]:
    key = type_code or doc_type
    return PGC + "doctype/" + slug(key) if key else None


AGENCY_KINDS = (  # (concept, pattern on the slugged name), first match wins
    ("group", None),
    ("party-committee", r"tinh-uy|thanh-uy|huyen-uy|dang-uy|ban-chap-hanh|bo-chinh-tri|ban-bi-thu|trung-uong-dang|^dang"),
    ("government", r"chinh-phu|thu-tuong"),
    ("ministry", r"^bo-"),
    ("peoples-council", r"hoi-dong-nhan-dan|hdnd"),
    ("peoples-committee", r"uy-ban-nhan-dan|ubnd"),
    ("department", r"^so-|^phong-|^cuc-|^chi-cuc"),
    ("mass-organisation", r"mat-tran|doan-thanh-nien|hoi-lien-hiep|lien-doan|hoi-nong-dan|cong-doan"),
)


def agency_kind(attrs: dict) -> str:
    if attrs.get("is_group"):
        return "group"
    s = slug(attrs.get("name") or attrs.get("label") or "", maxlen=400)
    for concept, pat in AGENCY_KINDS[1:]:
        if re.search(pat, s):
            return concept
    return "other"


# --------------------------------------------------------------------------- triples

@contextlib.contextmanager
def _no_gc():
    """Millions of small tuples, none cyclic: the cyclic GC only costs time (3-4x here)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_ok(v: Any) -> bool:
    if not isinstance(v, str) or not _DATE.match(v):
        return False
    import datetime
    try:
        datetime.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def _lit(v: Any, lang: Optional[str] = None) -> L:
    if isinstance(v, bool):
        return L("true" if v else "false", XSD + "boolean")
    if isinstance(v, int):
        return L(str(v), XSD + "integer")
    if isinstance(v, float):
        return L(repr(v), XSD + "double")
    return L(str(v), None, lang)


def _json(v: Any) -> L:
    return L(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str), None, None)


def node_triples(n: Any, a: dict, iri: dict, base: str, out: list) -> None:
    """Append the triples describing one node; unmapped attributes go to a JSON literal."""
    s = iri[n]
    kind = a.get("kind")
    add = out.append
    for cls in KIND_CLASSES.get(kind, (PG + "Node",)):
        add((s, A, I(cls)))
    add((s, DCT + "identifier", L(str(n))))
    extra: dict[str, Any] = {}
    if kind not in KIND_CLASSES:
        extra["kind"] = kind
    for key in sorted(a):
        v = a[key]
        if key == "kind":
            continue
        before = len(out)
        _attr_triples(s, kind, key, v, a, iri, base, out)
        if len(out) == before:  # nothing written: keep it losslessly
            extra[key] = v
    if extra:
        add((s, PG + "unmappedAttributes", _json(extra)))


def _attr_triples(s: str, kind: str, key: str, v: Any, a: dict, iri: dict, base: str,
                  out: list) -> None:
    add = out.append
    if v is None or v == [] or v == {} or v == "":
        return
    if key == "label":
        add((s, RDFS + "label", L(str(v), None, "vi")))
    elif key == "aliases" and isinstance(v, list) and all(isinstance(x, str) for x in v):
        for x in sorted(set(v)):
            add((s, SKOS + "altLabel", L(x, None, "vi")))
    elif key == "sources" and isinstance(v, list) and all(isinstance(x, str) for x in v):
        for x in sorted(set(v)):
            add((s, PG + "mentionedIn", I(source_iri(base, x))))
    elif key == "jurisdiction" and isinstance(v, str):
        add((s, PG + "jurisdiction", L(v, None, "vi")))
    elif kind == "document":
        _document_attr(s, key, v, a, iri, out)
    elif kind == "task":
        _task_attr(s, key, v, iri, out)
    elif kind == "agency":
        _agency_attr(s, key, v, a, iri, out)


def _document_attr(s, key, v, a, iri, out):
    add = out.append
    if key == "symbol" and isinstance(v, str):
        add((s, ELI + "id_local", L(v)))
    elif key == "doc_type" and isinstance(v, str):
        add((s, PG + "docTypeName", L(v, None, "vi")))
        c = doctype_iri(a.get("type_code"), v)
        add((s, ELI + "type_document", I(c)))
    elif key == "type_code" and isinstance(v, str):
        add((s, PG + "typeCode", L(v)))
        if not a.get("doc_type"):
            add((s, ELI + "type_document", I(doctype_iri(v, None))))
    elif key == "date" and isinstance(v, str):
        if _date_ok(v):
            add((s, ELI + "date_document", L(v, XSD + "date")))
        else:
            add((s, PG + "dateText", L(v)))
    elif key == "year" and isinstance(v, int) and not isinstance(v, bool):
        add((s, PG + "year", L(str(v), XSD + "integer")))
    elif key == "issuer" and isinstance(v, str):
        add((s, PG + "issuerName", L(v, None, "vi")))
    elif key == "level" and isinstance(v, str):
        if slug(v) == v:
            add((s, PG + "level", I(PGC + "level/" + v)))
        else:
            add((s, PG + "levelText", L(v)))
    elif key == "title" and isinstance(v, str):
        add((s, ELI + "title", L(v, None, "vi")))
    elif key in ("stub", "ambiguous") and isinstance(v, bool):
        add((s, PG + key, _lit(v)))
    elif key == "candidates" and isinstance(v, list):
        for c in sorted({str(x) for x in v}):
            ci = iri.get(c)
            if ci is not None:
                add((s, PG + "candidate", I(ci)))
            else:
                add((s, PG + "candidateId", L(c)))
    elif key == "conflicts":
        add((s, PG + "conflicts", _json(v)))


def _task_attr(s, key, v, iri, out):
    add = out.append
    if key == "number" and isinstance(v, str):
        add((s, ELI + "number", L(v)))
    elif key == "text" and isinstance(v, str):
        add((s, DCT + "description", L(v, None, "vi")))
    elif key == "deadline" and isinstance(v, str):
        add((s, PG + "deadlineText", L(v, None, "vi")))
    elif key == "due" and isinstance(v, str):
        if _date_ok(v):
            add((s, PG + "due", L(v, XSD + "date")))
        else:
            add((s, PG + "dueText", L(v)))
    elif key == "recurrence" and isinstance(v, str):
        add((s, PG + "recurrence", L(v)))
    elif key == "condition" and isinstance(v, str):
        add((s, PG + "condition", L(v, None, "vi")))
    elif key == "plan" and isinstance(v, str):
        if v in iri:
            add((s, PG + "plan", I(iri[v])))
            add((s, ELI + "is_part_of", I(iri[v])))
        else:
            add((s, PG + "planId", L(v)))


def _agency_attr(s, key, v, a, iri, out):
    add = out.append
    if key == "name" and isinstance(v, str):
        add((s, SKOS + "prefLabel", L(v, None, "vi")))
        add((s, ORG + "classification", I(PGC + "agency-kind/" + agency_kind(a))))
    elif key == "parent" and isinstance(v, str):
        if v in iri:
            add((s, PG + "parent", I(iri[v])))
            add((s, ORG + "subOrganizationOf", I(iri[v])))
        else:
            add((s, PG + "parentId", L(v)))
    elif key == "is_group" and isinstance(v, bool):
        add((s, PG + "isGroup", _lit(v)))


EDGE_MAPPED = ("relation", "role", "evidence", "source", "offset", "origin")


def assertion_iri(base: str, s: str, relation: str, o: str) -> str:
    if not base.endswith(("/", "#")):
        base += "/"
    return f"{base}id/assertion/{_h(s + ' ' + relation + ' ' + o, 20)}"


def edge_predicate(relation: str, skind: Optional[str], okind: Optional[str]) -> str:
    if relation == "assigns" and skind == "document" and okind == "task":
        return PG + "assigns"  # the plan assigns the task (task -> agency is pg:assignedTo)
    if relation == "part_of":
        if skind == "agency" and okind == "agency":
            return ORG + "subOrganizationOf"
        if skind == "task" and okind == "document":
            return ELI + "is_part_of"
    return RELATION_PREDICATES.get(relation) or PG + slug(relation)


def edge_triples(u, v, k, d: dict, G, iri: dict, base: str, out: list,
                 sources: set) -> None:
    """Direct triple(s) for the edge plus a reified, provenance-carrying pg:Assertion."""
    add = out.append
    rel = d.get("relation") or k
    su, so = iri[u], iri[v]
    skind, okind = G.nodes[u].get("kind"), G.nodes[v].get("kind")
    pred = edge_predicate(str(rel), skind, okind)
    add((su, pred, I(so)))
    ev = d.get("evidence")
    if rel == "implements":
        add((su, ELI + "applies", I(so)))
    elif rel == "cites" and isinstance(ev, str) and "căn cứ" in ev.lower():
        add((su, ELI + "based_on", I(so)))
    role = d.get("role")
    if rel == "assigns" and role in ROLE_PREDICATES:
        add((su, ROLE_PREDICATES[role], I(so)))
    st = assertion_iri(base, su, str(rel), so)
    add((st, A, I(PG + "Assertion")))
    add((st, A, I(RDF + "Statement")))
    add((st, RDF + "subject", I(su)))
    add((st, RDF + "predicate", I(pred)))
    add((st, RDF + "object", I(so)))
    add((st, PG + "relation", L(str(rel))))
    if k != rel:
        add((st, PG + "edgeKey", _json(k)))
    if role is not None:
        add((st, PG + "role", L(str(role))))
    if ev is not None:
        add((st, PG + "evidence", L(str(ev), None, "vi")))
    src = d.get("source")
    if src is not None:
        sri = source_iri(base, str(src))
        add((st, PROV + "wasDerivedFrom", I(sri)))
        sources.add(str(src))
    off = d.get("offset")
    if isinstance(off, int) and not isinstance(off, bool):
        add((st, PG + "offset", L(str(off), XSD + "integer")))
    elif off is not None:
        add((st, PG + "offsetText", L(str(off))))
    origin = d.get("origin")
    if origin is not None:
        add((st, PG + "origin", L(str(origin))))
        add((st, PG + "extractionMethod", I(PGC + "method/" + slug(origin))))
    extra = {key: val for key, val in d.items() if key not in EDGE_MAPPED}
    if extra:
        add((st, PG + "unmappedAttributes", _json(extra)))


def triples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, *, sort: bool = True) -> list:
    """All triples for G as (subject IRI, predicate IRI, I | L), sorted and de-duplicated."""
    with _no_gc():
        return _triples(G, base, sort)


def _triples(G: nx.MultiDiGraph, base: str, sort: bool) -> list:
    iri = mint_iris(G, base)
    out: list = []
    sources: set[str] = set()
    for n, a in G.nodes(data=True):
        node_triples(n, a, iri, base, out)
        srcs = a.get("sources")
        if isinstance(srcs, list):
            sources.update(x for x in srcs if isinstance(x, str))
    for u, v, k, d in G.edges(keys=True, data=True):
        edge_triples(u, v, k, d, G, iri, base, out, sources)
    for path in sources:
        s = source_iri(base, path)
        out.append((s, A, I(PG + "SourceFile")))
        out.append((s, A, I(PROV + "Entity")))
        out.append((s, PG + "path", L(path)))
    # SKOS concepts used in the data, so the file describes itself.
    types: dict[str, tuple] = {}
    for n, a in G.nodes(data=True):
        if a.get("kind") == "document" and (a.get("type_code") or a.get("doc_type")):
            c = doctype_iri(a.get("type_code"), a.get("doc_type"))
            types.setdefault(c, (a.get("type_code"), a.get("doc_type")))
    for c, (code, name) in types.items():
        out.append((c, A, I(SKOS + "Concept")))
        out.append((c, SKOS + "inScheme", I(PG + "DocumentTypes")))
        if code:
            out.append((c, SKOS + "notation", L(code)))
        if name:
            out.append((c, SKOS + "prefLabel", L(name, None, "vi")))
    if sort:  # by subject, then within each subject: much faster than one global sort
        by_s: dict[str, set] = {}
        for t in out:
            g = by_s.get(t[0])
            if g is None:
                g = by_s[t[0]] = set()
            g.add(t)
        out = []
        for s in sorted(by_s):
            out.extend(sorted(by_s[s], key=_sort_key))
    return out


def _sort_key(t):
    o = t[2]
    if isinstance(o, I):
        return (t[0], t[1], 0, str(o), "", "")
    return (t[0], t[1], 1, o.value, o.datatype or "", o.lang or "")


# --------------------------------------------------------------------------- engines

def to_rdflib(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, graph=None):
    """The export as an rdflib.Graph (default in-memory store), prefixes bound."""
    import rdflib
    from rdflib import Literal, URIRef

    g = graph if graph is not None else rdflib.Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, rdflib.Namespace(ns), override=True, replace=True)
    cache: dict[str, URIRef] = {}

    def u(x: str) -> URIRef:
        r = cache.get(x)
        if r is None:
            r = cache[x] = URIRef(x)
        return r

    add = g.add
    trs = triples(G, base)
    with _no_gc():
        for s, p, o in trs:
            if isinstance(o, I):
                ot = u(o)
            else:
                ot = Literal(o.value, lang=o.lang,
                             datatype=u(o.datatype) if o.datatype else None)
            add((u(s), u(p), ot))
    return g


def to_oxigraph(G: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> list:
    """The export as pyoxigraph Triples, in the deterministic order."""
    from pyoxigraph import Literal, NamedNode, Triple as OxTriple

    cache: dict[str, Any] = {}

    def u(x: str):
        r = cache.get(x)
        if r is None:
            r = cache[x] = NamedNode(x)
        return r

    res = []
    app = res.append
    trs = triples(G, base)
    with _no_gc():
        for s, p, o in trs:
            if isinstance(o, I):
                ot = u(o)
            elif o.lang:
                ot = Literal(o.value, language=o.lang)
            elif o.datatype:
                ot = Literal(o.value, datatype=u(o.datatype))
            else:
                ot = Literal(o.value)
            app(OxTriple(u(s), u(p), ot))
    return res


def _format_of(out: Any, fmt: Optional[str]) -> str:
    if fmt:
        fmt = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "rdfxml": "xml",
               "json-ld": "jsonld", "rdf": "xml"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    ext = os.path.splitext(str(out))[1].lower()
    return EXTENSIONS.get(ext, "ttl")


def serialize(G: nx.MultiDiGraph, format: str = "ttl", base: str = DEFAULT_BASE,
              engine: str = "auto") -> bytes:
    """The export as bytes; same graph -> same bytes (per engine)."""
    fmt = _format_of("", format)
    if engine == "auto":
        engine = "oxigraph" if _has_oxigraph() else "rdflib"
    if engine == "oxigraph":
        import pyoxigraph

        trs = to_oxigraph(G, base)
        prefixes = PREFIXES if fmt in ("ttl", "xml") else None
        kwargs = {"prefixes": prefixes} if prefixes else {}
        return pyoxigraph.serialize(trs, None, getattr(pyoxigraph.RdfFormat, FORMATS[fmt][1]),
                                    **kwargs)
    if engine != "rdflib":
        raise ValueError(f"unknown engine {engine!r}; use auto, rdflib or oxigraph")
    g = to_rdflib(G, base)
    if fmt == "nt":  # rdflib's N-Triples follow store order: sort the lines
        data = g.serialize(format="nt", encoding="utf-8")
        lines = sorted(set(line for line in data.split(b"\n") if line.strip()))
        return b"\n".join(lines) + b"\n"
    if fmt == "jsonld":
        data = g.serialize(format="json-ld", encoding="utf-8", sort_keys=True,
                           context={p: ns for p, ns in PREFIXES.items()}, indent=1)
        return _sort_jsonld(data)
    return g.serialize(format=FORMATS[fmt][0], encoding="utf-8")


def _sort_jsonld(data: bytes) -> bytes:
    """rdflib's JSON-LD lists nodes in store order: sort @graph by @id."""
    doc = json.loads(data)
    if isinstance(doc, dict) and isinstance(doc.get("@graph"), list):
        for node in doc["@graph"]:
            for k, v in node.items():
                if isinstance(v, list):
                    node[k] = sorted(v, key=lambda x: json.dumps(x, sort_keys=True,
                                                                 ensure_ascii=False))
        doc["@graph"].sort(key=lambda n: str(n.get("@id")))
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


def _has_oxigraph() -> bool:
    try:
        import pyoxigraph  # noqa: F401
        return True
    except ImportError:
        return False


def export(G: nx.MultiDiGraph, out: Union[str, os.PathLike, io.IOBase], format: Optional[str] = None,
           base: str = DEFAULT_BASE, engine: str = "auto") -> int:
    """Write G as RDF (ttl, jsonld, xml, nt) to a path or binary file; returns bytes written."""
    data = serialize(G, _format_of(out, format), base=base, engine=engine)
    if hasattr(out, "write"):
        out.write(data)
    else:
        d = os.path.dirname(os.fspath(out))
        if d:
            os.makedirs(d, exist_ok=True)
        with open(out, "wb") as fh:
            fh.write(data)
    return len(data)


# --------------------------------------------------------------------------- import

def _parse(path_or_data: Union[str, bytes, os.PathLike], format: Optional[str] = None):
    """Yield (s, p, o) as (str, str, I | L) from a file or bytes, with pyoxigraph."""
    import pyoxigraph
    from pyoxigraph import NamedNode

    if isinstance(path_or_data, (bytes, bytearray)):
        fmt = format or "ttl"
        data = bytes(path_or_data)
    else:
        fmt = _format_of(path_or_data, format)
        with open(path_or_data, "rb") as fh:
            data = fh.read()
    oxfmt = getattr(pyoxigraph.RdfFormat, FORMATS[fmt][1])
    for t in pyoxigraph.parse(data, oxfmt):
        s, p, o = t.subject, t.predicate, t.object
        if isinstance(o, NamedNode):
            ot: Term = I(o.value)
        else:
            dt = o.datatype.value
            ot = L(o.value, None if dt in (XSD + "string", RDF + "langString") else dt,
                   o.language)
        yield (s.value, p.value, ot)


def _py(o: Term) -> Any:
    if isinstance(o, I):
        return str(o)
    if o.datatype == XSD + "integer":
        return int(o.value)
    if o.datatype == XSD + "boolean":
        return o.value in ("true", "1")
    if o.datatype == XSD + "double":
        return float(o.value)
    return o.value


NODE_SCALARS = {  # predicate -> attribute, for all kinds (value converted by datatype)
    RDFS + "label": "label",
    PG + "jurisdiction": "jurisdiction",
    ELI + "id_local": "symbol",
    PG + "docTypeName": "doc_type",
    PG + "typeCode": "type_code",
    ELI + "date_document": "date",
    PG + "dateText": "date",
    PG + "year": "year",
    PG + "issuerName": "issuer",
    PG + "levelText": "level",
    ELI + "title": "title",
    PG + "stub": "stub",
    PG + "ambiguous": "ambiguous",
    ELI + "number": "number",
    DCT + "description": "text",
    PG + "deadlineText": "deadline",
    PG + "due": "due",
    PG + "dueText": "due",
    PG + "recurrence": "recurrence",
    PG + "condition": "condition",
    PG + "planId": "plan",
    SKOS + "prefLabel": "name",
    PG + "parentId": "parent",
    PG + "isGroup": "is_group",
}
NODE_IRI_SCALARS = {PG + "plan": "plan", PG + "parent": "parent"}
NODE_LISTS = {SKOS + "altLabel": "aliases", PG + "candidate": "candidates",
              PG + "candidateId": "candidates", PG + "mentionedIn": "sources"}


def import_rdf(path: Union[str, bytes, os.PathLike], format: Optional[str] = None) -> nx.MultiDiGraph:
    """Rebuild the networkx graph from an export (any of the four formats).

    Node ids, kinds, attributes, edges, relations and provenance come back; list attributes
    (aliases, sources, candidates) come back sorted.
    """
    with _no_gc():
        return _import(path, format)


def _import(path, format) -> nx.MultiDiGraph:
    by_s: dict[str, list] = {}
    for s, p, o in _parse(path, format):
        by_s.setdefault(s, []).append((p, o))
    # Which subjects are nodes, and their ids.
    node_id: dict[str, str] = {}
    kinds: dict[str, Optional[str]] = {}
    source_path: dict[str, str] = {}
    for s, pos in by_s.items():
        types = {str(o) for p, o in pos if p == A}
        kind = next((CLASS_KINDS[t] for t in sorted(types) if t in CLASS_KINDS), None)
        if kind or PG + "Node" in types:
            ident = next((o.value for p, o in pos if p == DCT + "identifier"), None)
            if ident is None:
                continue
            node_id[s] = ident
            kinds[s] = kind
        if PG + "SourceFile" in types:
            path_v = next((o.value for p, o in pos if p == PG + "path"), None)
            if path_v is not None:
                source_path[s] = path_v
    G = nx.MultiDiGraph()
    for s in sorted(node_id, key=lambda x: node_id[x]):
        attrs: dict[str, Any] = {}
        if kinds[s]:
            attrs["kind"] = kinds[s]
        lists: dict[str, list] = {}
        for p, o in by_s[s]:
            if p in NODE_SCALARS and not isinstance(o, I):
                attrs[NODE_SCALARS[p]] = _py(o)
            elif p == PG + "level" and isinstance(o, I) and o.startswith(PGC + "level/"):
                attrs["level"] = o[len(PGC + "level/"):]
            elif p in NODE_IRI_SCALARS and isinstance(o, I) and str(o) in node_id:
                attrs[NODE_IRI_SCALARS[p]] = node_id[str(o)]
            elif p in NODE_LISTS:
                key = NODE_LISTS[p]
                if key == "sources":
                    val = source_path.get(str(o))
                elif key == "candidates" and isinstance(o, I):
                    val = node_id.get(str(o))
                else:
                    val = _py(o)
                if val is not None:
                    lists.setdefault(key, []).append(val)
            elif p == PG + "conflicts":
                attrs["conflicts"] = json.loads(o.value)
            elif p == PG + "unmappedAttributes":
                attrs.update(json.loads(o.value))
        for key, vals in lists.items():
            attrs[key] = sorted(set(vals))
        G.add_node(node_id[s], **attrs)
    edges = []
    for s, pos in by_s.items():
        if not any(p == A and str(o) == PG + "Assertion" for p, o in pos):
            continue
        d: dict[str, Any] = {}
        subj = obj = key = None
        for p, o in pos:
            if p == RDF + "subject":
                subj = node_id.get(str(o))
            elif p == RDF + "object":
                obj = node_id.get(str(o))
            elif p == PG + "relation":
                d["relation"] = o.value
            elif p == PG + "edgeKey":
                key = json.loads(o.value)
            elif p == PG + "role":
                d["role"] = o.value
            elif p == PG + "evidence":
                d["evidence"] = o.value
            elif p == PROV + "wasDerivedFrom" and str(o) in source_path:
                d["source"] = source_path[str(o)]
            elif p in (PG + "offset", PG + "offsetText"):
                d["offset"] = _py(o)
            elif p == PG + "origin":
                d["origin"] = o.value
            elif p == PG + "unmappedAttributes":
                d.update(json.loads(o.value))
        if subj is None or obj is None or "relation" not in d:
            continue
        edges.append((subj, obj, key if key is not None else d["relation"], d))
    edges.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for u, v, k, d in edges:
        G.add_edge(u, v, key=k, **d)
    return G


# --------------------------------------------------------------------------- push

def gsp_url(endpoint_url: str, graph_iri: Optional[str] = None) -> str:
    """Graph Store Protocol URL: indirect graph identification (?graph=… or ?default)."""
    sep = "&" if "?" in endpoint_url else "?"
    if graph_iri:
        return f"{endpoint_url}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"
    return f"{endpoint_url}{sep}default"


def push(path_or_graph: Union[str, os.PathLike, nx.MultiDiGraph], endpoint_url: str,
         graph_iri: Optional[str] = None, *, replace: bool = False, base: str = DEFAULT_BASE,
         timeout: float = 300.0, format: Optional[str] = None) -> int:
    """Load an export (file) or a graph into a SPARQL 1.1 store with the Graph Store HTTP
    Protocol: POST (merge) or PUT (`replace=True`) to `endpoint_url?graph=IRI` or `?default`.

    `endpoint_url` is the store's Graph Store endpoint (Oxigraph: http://host:7878/store,
    Fuseki: http://host:3030/DATASET/data). Returns the HTTP status code.
    """
    if isinstance(path_or_graph, nx.Graph):
        fmt = "nt"
        data = serialize(path_or_graph, "nt", base=base)
    else:
        fmt = _format_of(path_or_graph, format)
        with open(path_or_graph, "rb") as fh:
            data = fh.read()
    req = urllib.request.Request(gsp_url(endpoint_url, graph_iri), data=data,
                                 method="PUT" if replace else "POST",
                                 headers={"Content-Type": MEDIA_TYPES[fmt]})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status
