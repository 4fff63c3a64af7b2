"""RDF export of the policygraph networkx graph, for archivists and linked-data stores.

The graph follows `graph.models.GRAPH_SCHEMA`; the vocabulary is `ontology/policygraph.ttl`
(ELI for documents, W3C ORG for agencies, PROV-O for where each assertion came from,
DCTERMS, SKOS concept schemes; see `ontology/README.md` for the mapping, RiC-O included).

Entry points:
  * `triples(G, base)`      -> sorted list of (subject, predicate, object) in a light form
  * `to_rdflib(G, base)`    -> rdflib.Graph (the API)
  * `iter_ntriples(G, base)` -> the export as sorted N-Triples text, in chunks (the fast path)
  * `to_oxigraph(G, base)`  -> list of pyoxigraph.Triple (that text parsed by pyoxigraph)
  * `export(G, out, format, base, engine)` -> writes a file, deterministic bytes; the default
    engine streams the N-Triples text to the file (nt) or through pyoxigraph's serializers
  * `import_rdf(path)`      -> networkx.MultiDiGraph, the same graph back (round trip)
  * `push(path_or_graph, endpoint_url, graph_iri)` -> SPARQL 1.1 Graph Store HTTP Protocol

IRIs are built from the identity, never from counters, and contain no blank nodes:
  document  {base}eli/vn/[{province}/]{issuer}/{type}/{year|undated}/{number}
  task      {document IRI}/task/{number}
  agency    {base}org/vn/[{province}/]{name}
  assertion {base}id/assertion/{sha1(subject relation object[ key])[:20]}
  source    {base}id/source/{sha1(path)[:16]}
Two nodes that would get the same IRI are told apart by a short hash of their node id.
"""
from __future__ import annotations

import contextlib
import datetime
import functools
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

_SLUG_OK = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(text: Any, maxlen: int = 80) -> str:
    """ASCII slug without diacritics: 'Sở Lao động – Thương binh' -> 'so-lao-dong-thuong-binh'."""
    s = str(text)
    if len(s) <= maxlen and _SLUG_OK.fullmatch(s):
        return s
    return _slug(s, maxlen)


@functools.lru_cache(maxsize=1 << 16)
def _slug(text: str, maxlen: int) -> str:
    s = text.replace("đ", "d").replace("Đ", "D")
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


# --------------------------------------------------------------------------- N-Triples terms
#
# The export is minted directly as N-Triples text: every IRI is turned into its `<…>` term
# once (per node, per source file, per concept), literals are escaped once, and each subject's
# lines are written in one join. The lines come out sorted (subject, then predicate and
# object as text) and de-duplicated, so the N-Triples file is canonical and deterministic;
# pyoxigraph parses that stream (Rust) to write Turtle, RDF/XML and JSON-LD, and `triples()`
# / `to_rdflib()` decode the same lines, so every engine writes the same triples.

@contextlib.contextmanager
def _no_gc():
    """Millions of small containers, none cyclic: the cyclic GC only costs time."""
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
    try:
        datetime.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def _t(iri: str) -> str:
    """An IRI as an N-Triples term."""
    return "<" + iri + ">"


def _p(iri: str) -> str:
    """A predicate term followed by the space before the object."""
    return "<" + iri + "> "


# Canonical N-Triples string escapes (ECHAR for \t \b \n \r \f " \, UCHAR for other controls).
_NT_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_NT_ESCAPES = str.maketrans({**{chr(c): f"\\u{c:04X}" for c in list(range(0x20)) + [0x7f]},
                             "\t": "\\t", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\f": "\\f",
                             '"': '\\"', "\\": "\\\\"})
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')

_XSD_INTEGER = "^^<" + XSD + "integer>"
_XSD_DATE = "^^<" + XSD + "date>"
_XSD_BOOLEAN = "^^<" + XSD + "boolean>"
_XSD_DOUBLE = "^^<" + XSD + "double>"


def _q(value: str) -> str:
    """A Python string as a quoted N-Triples string."""
    if _NT_NEEDS_ESCAPE.search(value):
        value = value.translate(_NT_ESCAPES)
    return '"' + value + '"'


def _vi(value: Any) -> str:
    return _q(str(value)) + "@vi"


def _lit(v: Any) -> str:
    if isinstance(v, bool):
        return '"true"' + _XSD_BOOLEAN if v else '"false"' + _XSD_BOOLEAN
    if isinstance(v, int):
        return '"' + str(v) + '"' + _XSD_INTEGER
    if isinstance(v, float):
        return _q(repr(v)) + _XSD_DOUBLE
    return _q(str(v))


def _json(v: Any) -> str:
    return _q(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str))


def _norm_base(base: str) -> str:
    if not base.endswith(("/", "#")):
        base += "/"
    if _IRI_FORBIDDEN.search(base):
        raise ValueError(f"base {base!r} has characters not allowed in an IRI")
    return base


# Predicate terms (with the trailing space) and fixed objects.
_TYPE_ = _p(A)
_IDENTIFIER_ = _p(DCT + "identifier")
_UNMAPPED_ = _p(PG + "unmappedAttributes")
_KIND_TYPES = {k: [_TYPE_ + _t(c) for c in cls] for k, cls in KIND_CLASSES.items()}
_NODE_TYPES = [_TYPE_ + _t(PG + "Node")]
_LABEL_ = _p(RDFS + "label")
_ALT_LABEL_ = _p(SKOS + "altLabel")
_MENTIONED_IN_ = _p(PG + "mentionedIn")
_JURISDICTION_ = _p(PG + "jurisdiction")
_ID_LOCAL_ = _p(ELI + "id_local")
_DOC_TYPE_NAME_ = _p(PG + "docTypeName")
_TYPE_DOCUMENT_ = _p(ELI + "type_document")
_TYPE_CODE_ = _p(PG + "typeCode")
_DATE_DOCUMENT_ = _p(ELI + "date_document")
_DATE_TEXT_ = _p(PG + "dateText")
_YEAR_ = _p(PG + "year")
_ISSUER_NAME_ = _p(PG + "issuerName")
_LEVEL_ = _p(PG + "level")
_LEVEL_TEXT_ = _p(PG + "levelText")
_TITLE_ = _p(ELI + "title")
_CANDIDATE_ = _p(PG + "candidate")
_CANDIDATE_ID_ = _p(PG + "candidateId")
_CONFLICTS_ = _p(PG + "conflicts")
_NUMBER_ = _p(ELI + "number")
_DESCRIPTION_ = _p(DCT + "description")
_DEADLINE_TEXT_ = _p(PG + "deadlineText")
_DUE_ = _p(PG + "due")
_DUE_TEXT_ = _p(PG + "dueText")
_RECURRENCE_ = _p(PG + "recurrence")
_CONDITION_ = _p(PG + "condition")
_PLAN_ = _p(PG + "plan")
_IS_PART_OF_ = _p(ELI + "is_part_of")
_PLAN_ID_ = _p(PG + "planId")
_PREF_LABEL_ = _p(SKOS + "prefLabel")
_CLASSIFICATION_ = _p(ORG + "classification")
_PARENT_ = _p(PG + "parent")
_SUB_ORGANIZATION_OF_ = _p(ORG + "subOrganizationOf")
_PARENT_ID_ = _p(PG + "parentId")
_IS_GROUP_ = _p(PG + "isGroup")
_STUB_ = _p(PG + "stub")
_AMBIGUOUS_ = _p(PG + "ambiguous")
_APPLIES_ = _p(ELI + "applies")
_BASED_ON_ = _p(ELI + "based_on")
_ROLE_PREDICATES_ = {r: _p(p) for r, p in ROLE_PREDICATES.items()}
_SOURCE_FILE_PAIRS = (_TYPE_ + _t(PROV + "Entity"), _TYPE_ + _t(PG + "SourceFile"))
_PATH_ = _p(PG + "path")
_CONCEPT_PAIRS = (_TYPE_ + _t(SKOS + "Concept"), _p(SKOS + "inScheme") + _t(PG + "DocumentTypes"))
_NOTATION_ = _p(SKOS + "notation")

# An assertion's lines, in the order they sort in (predicate IRIs as text; checked in tests).
_A_OBJECT_ = _p(RDF + "object")
_A_PREDICATE_ = _p(RDF + "predicate")
_A_SUBJECT_ = _p(RDF + "subject")
_A_TYPES = (_TYPE_ + _t(RDF + "Statement"), _TYPE_ + _t(PG + "Assertion"))
_A_DERIVED_FROM_ = _p(PROV + "wasDerivedFrom")
_A_EDGE_KEY_ = _p(PG + "edgeKey")
_A_EVIDENCE_ = _p(PG + "evidence")
_A_METHOD_ = _p(PG + "extractionMethod")
_A_OFFSET_ = _p(PG + "offset")
_A_OFFSET_TEXT_ = _p(PG + "offsetText")
_A_ORIGIN_ = _p(PG + "origin")
_A_RELATION_ = _p(PG + "relation")
_A_ROLE_ = _p(PG + "role")
ASSERTION_PREDICATE_ORDER = (RDF + "object", RDF + "predicate", RDF + "subject", A,
                             PROV + "wasDerivedFrom", PG + "edgeKey", PG + "evidence",
                             PG + "extractionMethod", PG + "offset", PG + "offsetText",
                             PG + "origin", PG + "relation", PG + "role",
                             PG + "unmappedAttributes")

EDGE_MAPPED = ("relation", "role", "evidence", "source", "offset", "origin")
_MISSING = object()


def _assertion_key(s: str, relation: Any, o: str, key: Any) -> str:
    rel = str(relation)
    text = s + " " + rel + " " + o
    if key is not None and key != relation:  # parallel edges of one relation stay apart
        text += " " + json.dumps(key, ensure_ascii=False, sort_keys=True, default=str)
    return _h(text, 20)


def assertion_iri(base: str, s: str, relation: str, o: str, key: Any = None) -> str:
    """{base}id/assertion/{sha1(subject relation object[ key])[:20]}; the edge key counts
    only when it is not the relation (GRAPH_SCHEMA keys edges by their relation)."""
    if not base.endswith(("/", "#")):
        base += "/"
    return f"{base}id/assertion/{_assertion_key(s, relation, o, key)}"


def edge_predicate(relation: str, skind: Optional[str], okind: Optional[str]) -> str:
    if relation == "assigns" and skind == "document" and okind == "task":
        return PG + "assigns"  # the plan assigns the task (task -> agency is pg:assignedTo)
    if relation == "part_of":
        if skind == "agency" and okind == "agency":
            return ORG + "subOrganizationOf"
        if skind == "task" and okind == "document":
            return ELI + "is_part_of"
    return RELATION_PREDICATES.get(relation) or PG + slug(relation)


class _NTriples:
    """The export of one graph as sorted N-Triples text, minted lazily subject by subject.

    Only the index (subject term -> node or edge) is held in memory; the text of a subject is
    made when it is written, so a 100k-document export streams.
    """

    def __init__(self, G: nx.MultiDiGraph, base: str = DEFAULT_BASE):
        self.G = G
        self.base = _norm_base(base)
        self.iri = mint_iris(G, self.base)
        self.term = {n: "<" + i + ">" for n, i in self.iri.items()}
        self.kind = {n: a.get("kind") for n, a in G.nodes(data=True)}
        self._sources: dict[str, str] = {}
        self._methods: dict[str, str] = {}
        self._preds: dict[tuple, str] = {}
        self._doctypes: dict[tuple, str] = {}

    # ---- cached terms
    def source(self, path: str) -> str:
        t = self._sources.get(path)
        if t is None:
            t = self._sources[path] = _t(f"{self.base}id/source/{_h(path)}")
        return t

    def method(self, origin: Any) -> str:
        key = str(origin)
        t = self._methods.get(key)
        if t is None:
            t = self._methods[key] = _t(PGC + "method/" + slug(key))
        return t

    def pred(self, rel: str, skind: Optional[str], okind: Optional[str]) -> str:
        key = (rel, skind, okind)
        t = self._preds.get(key)
        if t is None:
            t = self._preds[key] = _p(edge_predicate(rel, skind, okind))
        return t

    def doctype(self, type_code: Any, doc_type: Any) -> str:
        key = (type_code, doc_type)
        t = self._doctypes.get(key)
        if t is None:
            t = self._doctypes[key] = _t(doctype_iri(type_code, doc_type))
        return t

    # ---- index of subjects
    def index(self) -> tuple[list, dict, dict, dict]:
        G = self.G
        nodes = {t: n for n, t in self.term.items()}
        sources: set[str] = set()
        types: dict[str, tuple[set, set]] = {}
        for n, a in G.nodes(data=True):
            srcs = a.get("sources")
            if isinstance(srcs, list):
                sources.update(x for x in srcs if isinstance(x, str))
            if a.get("kind") == "document":
                code, name = a.get("type_code"), a.get("doc_type")
                if code or name:
                    codes, names = types.setdefault(self.doctype(code, name), (set(), set()))
                    if code:
                        codes.add(str(code))
                    if name:
                        names.add(str(name))
        assertions: dict[str, Any] = {}
        prefix = "<" + self.base + "id/assertion/"
        iri = self.iri
        for e in G.edges(keys=True, data=True):
            u, v, k, d = e
            st = prefix + _assertion_key(iri[u], d.get("relation") or k, iri[v], k) + ">"
            prev = assertions.get(st)
            if prev is None:
                assertions[st] = e
            elif isinstance(prev, list):
                prev.append(e)
            else:
                assertions[st] = [prev, e]
            src = d.get("source")
            if src is not None:
                sources.add(str(src))
        other: dict[str, list] = {}
        for path in sources:
            other.setdefault(self.source(path), []).extend(
                (*_SOURCE_FILE_PAIRS, _PATH_ + _q(path)))
        # SKOS concepts used in the data, so the file describes itself.
        for c, (codes, names) in types.items():
            pos = other.setdefault(c, [])
            pos.extend(_CONCEPT_PAIRS)
            if codes:
                pos.append(_NOTATION_ + _q(min(codes)))
            if names:
                pos.append(_PREF_LABEL_ + _vi(min(names)))
        keys = list(nodes)
        keys.extend(s for s in assertions if s not in nodes)
        keys.extend(s for s in other if s not in nodes and s not in assertions)
        keys.sort()
        return keys, nodes, assertions, other

    # ---- text
    def blocks(self) -> Iterable[str]:
        """One string of sorted N-Triples lines per subject, subjects sorted."""
        keys, nodes, assertions, other = self.index()
        for s in keys:
            n = nodes.get(s, _MISSING)
            e = assertions.get(s)
            o = other.get(s)
            if n is _MISSING and o is None and type(e) is tuple:
                pos = self.assertion_pairs(*e)  # already in order, no duplicates
            else:
                pos = []
                if n is not _MISSING:
                    pos = self.node_pairs(n)
                if e is not None:
                    for edge in (e if isinstance(e, list) else [e]):
                        pos.extend(self.assertion_pairs(*edge))
                if o is not None:
                    pos.extend(o)
                pos = sorted(set(pos))
            yield s + " " + (" .\n" + s + " ").join(pos) + " .\n"

    def chunks(self, size: int = 1 << 20) -> Iterable[str]:
        buf: list[str] = []
        n = 0
        for b in self.blocks():
            buf.append(b)
            n += len(b)
            if n >= size:
                yield "".join(buf)
                buf = []
                n = 0
        if buf:
            yield "".join(buf)

    def node_pairs(self, n: Any) -> list:
        """'predicate object' strings for a node: its attributes and its out-edges."""
        a = self.G.nodes[n]
        kind = a.get("kind")
        pos = list(_KIND_TYPES.get(kind, _NODE_TYPES))
        pos.append(_IDENTIFIER_ + _q(str(n)))
        extra: dict[str, Any] = {}
        if kind not in KIND_CLASSES:
            extra["kind"] = kind
        for key in sorted(a):
            if key == "kind":
                continue
            v = a[key]
            before = len(pos)
            if not (v is None or v == [] or v == {} or v == ""):
                self.attr_pairs(kind, key, v, a, pos)
            if len(pos) == before:  # nothing written: keep it losslessly
                extra[key] = v
        if extra:
            pos.append(_UNMAPPED_ + _json(extra))
        kinds = self.kind
        term = self.term
        skind = kind
        for v, kd in self.G.succ[n].items():
            so = term[v]
            okind = kinds[v]
            for k, d in kd.items():  # the direct triple(s) of each edge
                rel = d.get("relation") or k
                pos.append(self.pred(str(rel), skind, okind) + so)
                if rel == "implements":
                    pos.append(_APPLIES_ + so)
                elif rel == "cites":
                    ev = d.get("evidence")
                    if isinstance(ev, str) and "căn cứ" in ev.lower():
                        pos.append(_BASED_ON_ + so)
                if rel == "assigns":
                    role = d.get("role")
                    if role in ROLE_PREDICATES:
                        pos.append(_ROLE_PREDICATES_[role] + so)
        return pos

    def attr_pairs(self, kind: Optional[str], key: str, v: Any, a: dict, pos: list) -> None:
        add = pos.append
        if key == "label":
            add(_LABEL_ + _vi(v))
        elif key == "aliases" and isinstance(v, list) and all(isinstance(x, str) for x in v):
            pos.extend(_ALT_LABEL_ + _vi(x) for x in set(v))
        elif key == "sources" and isinstance(v, list) and all(isinstance(x, str) for x in v):
            pos.extend(_MENTIONED_IN_ + self.source(x) for x in set(v))
        elif key == "jurisdiction" and isinstance(v, str):
            add(_JURISDICTION_ + _vi(v))
        elif kind == "document":
            self.document_pairs(key, v, a, pos)
        elif kind == "task":
            self.task_pairs(key, v, pos)
        elif kind == "agency":
            self.agency_pairs(key, v, a, pos)

    def document_pairs(self, key: str, v: Any, a: dict, pos: list) -> None:
        add = pos.append
        if key == "symbol" and isinstance(v, str):
            add(_ID_LOCAL_ + _q(v))
        elif key == "doc_type" and isinstance(v, str):
            add(_DOC_TYPE_NAME_ + _vi(v))
            add(_TYPE_DOCUMENT_ + self.doctype(a.get("type_code"), v))
        elif key == "type_code" and isinstance(v, str):
            add(_TYPE_CODE_ + _q(v))
            if not a.get("doc_type"):
                add(_TYPE_DOCUMENT_ + self.doctype(v, None))
        elif key == "date" and isinstance(v, str):
            if _date_ok(v):
                add(_DATE_DOCUMENT_ + _q(v) + _XSD_DATE)
            else:
                add(_DATE_TEXT_ + _q(v))
        elif key == "year" and isinstance(v, int) and not isinstance(v, bool):
            add(_YEAR_ + '"' + str(v) + '"' + _XSD_INTEGER)
        elif key == "issuer" and isinstance(v, str):
            add(_ISSUER_NAME_ + _vi(v))
        elif key == "level" and isinstance(v, str):
            if slug(v) == v:
                add(_LEVEL_ + _t(PGC + "level/" + v))
            else:
                add(_LEVEL_TEXT_ + _q(v))
        elif key == "title" and isinstance(v, str):
            add(_TITLE_ + _vi(v))
        elif key == "stub" and isinstance(v, bool):
            add(_STUB_ + _lit(v))
        elif key == "ambiguous" and isinstance(v, bool):
            add(_AMBIGUOUS_ + _lit(v))
        elif key == "candidates" and isinstance(v, list):
            for c in {str(x) for x in v}:
                ct = self.term.get(c)
                add(_CANDIDATE_ + ct if ct is not None else _CANDIDATE_ID_ + _q(c))
        elif key == "conflicts":
            add(_CONFLICTS_ + _json(v))

    def task_pairs(self, key: str, v: Any, pos: list) -> None:
        add = pos.append
        if key == "number" and isinstance(v, str):
            add(_NUMBER_ + _q(v))
        elif key == "text" and isinstance(v, str):
            add(_DESCRIPTION_ + _vi(v))
        elif key == "deadline" and isinstance(v, str):
            add(_DEADLINE_TEXT_ + _vi(v))
        elif key == "due" and isinstance(v, str):
            if _date_ok(v):
                add(_DUE_ + _q(v) + _XSD_DATE)
            else:
                add(_DUE_TEXT_ + _q(v))
        elif key == "recurrence" and isinstance(v, str):
            add(_RECURRENCE_ + _q(v))
        elif key == "condition" and isinstance(v, str):
            add(_CONDITION_ + _vi(v))
        elif key == "plan" and isinstance(v, str):
            t = self.term.get(v)
            if t is not None:
                add(_PLAN_ + t)
                add(_IS_PART_OF_ + t)
            else:
                add(_PLAN_ID_ + _q(v))

    def agency_pairs(self, key: str, v: Any, a: dict, pos: list) -> None:
        add = pos.append
        if key == "name" and isinstance(v, str):
            add(_PREF_LABEL_ + _vi(v))
            add(_CLASSIFICATION_ + _t(PGC + "agency-kind/" + agency_kind(a)))
        elif key == "parent" and isinstance(v, str):
            t = self.term.get(v)
            if t is not None:
                add(_PARENT_ + t)
                add(_SUB_ORGANIZATION_OF_ + t)
            else:
                add(_PARENT_ID_ + _q(v))
        elif key == "is_group" and isinstance(v, bool):
            add(_IS_GROUP_ + _lit(v))

    def assertion_pairs(self, u: Any, v: Any, k: Any, d: dict) -> list:
        """The reified, provenance-carrying pg:Assertion of an edge, in sorted order."""
        rel = d.get("relation") or k
        srel = str(rel)
        su, so = self.term[u], self.term[v]
        pred = self.pred(srel, self.kind[u], self.kind[v])
        pos = [_A_OBJECT_ + so, _A_PREDICATE_ + pred[:-1], _A_SUBJECT_ + su, *_A_TYPES]
        add = pos.append
        src = d.get("source")
        if src is not None:
            add(_A_DERIVED_FROM_ + self.source(str(src)))
        if k != rel:
            add(_A_EDGE_KEY_ + _json(k))
        ev = d.get("evidence")
        if ev is not None:
            add(_A_EVIDENCE_ + _vi(ev))
        origin = d.get("origin")
        if origin is not None:
            add(_A_METHOD_ + self.method(origin))
        off = d.get("offset")
        if isinstance(off, int) and not isinstance(off, bool):
            add(_A_OFFSET_ + '"' + str(off) + '"' + _XSD_INTEGER)
        elif off is not None:
            add(_A_OFFSET_TEXT_ + _q(str(off)))
        if origin is not None:
            add(_A_ORIGIN_ + _q(str(origin)))
        add(_A_RELATION_ + _q(srel))
        role = d.get("role")
        if role is not None:
            add(_A_ROLE_ + _q(str(role)))
        if len(d) > 6 or any(key not in EDGE_MAPPED for key in d):
            extra = {key: val for key, val in d.items() if key not in EDGE_MAPPED}
            if extra:
                add(_UNMAPPED_ + _json(extra))
        return pos


def iter_ntriples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, chunk_size: int = 1 << 20
                  ) -> Iterable[str]:
    """The export as N-Triples text, in chunks of about `chunk_size` characters.

    Lines are sorted and unique: the concatenation is the canonical, deterministic N-Triples
    file of the graph (what `export(..., "nt")` writes).
    """
    return _NTriples(G, base).chunks(chunk_size)


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of str chunks (streams N-Triples into pyoxigraph)."""

    def __init__(self, chunks: Iterable[str]):
        self._it = iter(chunks)
        self._buf = memoryview(b"")
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while self._pos >= len(self._buf):
            chunk = next(self._it, None)
            if chunk is None:
                return 0
            self._buf = memoryview(chunk.encode("utf-8"))
            self._pos = 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n


def _nt_reader(G: nx.MultiDiGraph, base: str) -> io.BufferedReader:
    return io.BufferedReader(_ChunkReader(iter_ntriples(G, base)), buffer_size=1 << 20)


_NT_UNESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))')
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(m: re.Match) -> str:
    h = m.group(1) or m.group(2)
    return chr(int(h, 16)) if h else _ECHARS[m.group(3)]


def _decode_line(line: str) -> tuple:
    """One of our N-Triples lines -> (subject IRI, predicate IRI, I | L)."""
    i = line.index("> <", 1)
    j = line.index("> ", i + 3)
    o = line[j + 2:-2]
    if o[0] == "<":
        ot: Term = I(o[1:-1])
    else:
        q = o.rindex('"')
        value = o[1:q]
        if "\\" in value:
            value = _NT_UNESCAPE.sub(_unescape, value)
        rest = o[q + 1:]
        if rest.startswith("@"):
            ot = L(value, None, rest[1:])
        elif rest.startswith("^^<"):
            ot = L(value, rest[3:-1])
        else:
            ot = L(value)
    return (line[1:i], line[i + 3:j], ot)


def triples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, *, sort: bool = True) -> list:
    """All triples for G as (subject IRI, predicate IRI, I | L), sorted and de-duplicated
    (the N-Triples lines decoded; `sort` is kept for compatibility, the order is always)."""
    out: list = []
    with _no_gc():
        for chunk in iter_ntriples(G, base):
            out.extend(_decode_line(line) for line in chunk.split("\n") if line)
    return out


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
    """The export as pyoxigraph Triples, in the deterministic order (the N-Triples text
    parsed by pyoxigraph)."""
    import pyoxigraph

    with _no_gc():
        return list(pyoxigraph.parse(_nt_reader(G, base), pyoxigraph.RdfFormat.N_TRIPLES))


def _format_of(out: Any, fmt: Optional[str]) -> str:
    if fmt:
        fmt = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "rdfxml": "xml",
               "json-ld": "jsonld", "rdf": "xml"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    ext = os.path.splitext(str(out))[1].lower()
    return EXTENSIONS.get(ext, "ttl")


def _engine(engine: str) -> str:
    if engine == "auto":
        return "oxigraph" if _has_oxigraph() else "rdflib"
    if engine not in ("oxigraph", "rdflib"):
        raise ValueError(f"unknown engine {engine!r}; use auto, rdflib or oxigraph")
    return engine


class _CountingWriter:
    def __init__(self, fh):
        self.fh = fh
        self.n = 0

    def write(self, data) -> int:
        self.n += len(data)
        self.fh.write(data)
        return len(data)

    def flush(self) -> None:
        if hasattr(self.fh, "flush"):
            self.fh.flush()


def _write_fast(G: nx.MultiDiGraph, fmt: str, base: str, fh) -> None:
    """The fast path: N-Triples text written as is (nt), or streamed through pyoxigraph's
    parser into its serializer (ttl, xml, jsonld) in the sorted order."""
    with _no_gc():
        if fmt == "nt":
            for chunk in iter_ntriples(G, base):
                fh.write(chunk.encode("utf-8"))
            return
        import pyoxigraph

        kwargs = {"prefixes": PREFIXES} if fmt in ("ttl", "xml") else {}
        trs = pyoxigraph.parse(_nt_reader(G, base), pyoxigraph.RdfFormat.N_TRIPLES)
        pyoxigraph.serialize(trs, fh, getattr(pyoxigraph.RdfFormat, FORMATS[fmt][1]), **kwargs)


def serialize(G: nx.MultiDiGraph, format: str = "ttl", base: str = DEFAULT_BASE,
              engine: str = "auto") -> bytes:
    """The export as bytes; same graph -> same bytes (per engine)."""
    fmt = _format_of("", format)
    if _engine(engine) == "oxigraph":
        buf = io.BytesIO()
        _write_fast(G, fmt, base, buf)
        return buf.getvalue()
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
    """Write G as RDF (ttl, jsonld, xml, nt) to a path or binary file; returns bytes written.

    The fast path streams to the file: the whole export is never held in memory."""
    fmt = _format_of(out, format)
    if _engine(engine) == "rdflib":
        data = serialize(G, fmt, base=base, engine="rdflib")
        if hasattr(out, "write"):
            out.write(data)
            return len(data)
        _makedirs_for(out)
        with open(out, "wb") as fh:
            fh.write(data)
        return len(data)
    _norm_base(base)  # fail before the file is created
    if hasattr(out, "write"):
        w = _CountingWriter(out)
        _write_fast(G, fmt, base, w)
        return w.n
    _makedirs_for(out)
    with open(out, "wb") as fh:
        w = _CountingWriter(fh)
        _write_fast(G, fmt, base, w)
    return w.n


def _makedirs_for(path) -> None:
    d = os.path.dirname(os.fspath(path))
    if d:
        os.makedirs(d, exist_ok=True)


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
