"""RDF export of the policygraph networkx graph, for archivists and linked-data stores.

The graph follows `graph.models.GRAPH_SCHEMA`; the vocabulary is `ontology/policygraph.ttl`
(ELI for documents, W3C ORG for agencies, PROV-O for where each assertion came from,
DCTERMS, SKOS concept schemes; see `ontology/README.md` for the mapping, RiC-O included).

Entry points:
  * `triples(G, base)`      -> sorted list of (subject, predicate, object) in a light form
  * `to_rdflib(G, base)`    -> rdflib.Graph (the API)
  * `iter_ntriples(G, base)` -> the export as sorted N-Triples text, in chunks (one process)
  * `to_oxigraph(G, base)`  -> list of pyoxigraph.Triple (that text parsed by pyoxigraph)
  * `export(G, out, format, base, engine, workers)` -> writes a file, deterministic bytes; the
    default engine writes N-Triples and Turtle as text itself (to a path, a big graph is made
    by forked workers over slices of the graph and merged by subject: the same bytes), and
    RDF/XML and JSON-LD by streaming the N-Triples text through pyoxigraph's serializers
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

import array
import contextlib
import datetime
import functools
import gc
import hashlib
import io
import itertools
import json
import multiprocessing
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


def _q(value: str) -> str:
    """A Python string as a quoted N-Triples string."""
    if _NT_NEEDS_ESCAPE.search(value):
        value = value.translate(_NT_ESCAPES)
    return '"' + value + '"'


def _vi(value: Any) -> str:
    return _q(str(value)) + "@vi"


def _json(v: Any) -> str:
    return _q(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str))


def _norm_base(base: str) -> str:
    if not base.endswith(("/", "#")):
        base += "/"
    if _IRI_FORBIDDEN.search(base):
        raise ValueError(f"base {base!r} has characters not allowed in an IRI")
    return base


# Predicates the fast path writes: name -> IRI (a term carries the space before the object).
_VOCAB = {
    "TYPE": A, "IDENTIFIER": DCT + "identifier", "UNMAPPED": PG + "unmappedAttributes",
    "LABEL": RDFS + "label", "ALT_LABEL": SKOS + "altLabel", "MENTIONED_IN": PG + "mentionedIn",
    "JURISDICTION": PG + "jurisdiction", "ID_LOCAL": ELI + "id_local",
    "DOC_TYPE_NAME": PG + "docTypeName", "TYPE_DOCUMENT": ELI + "type_document",
    "TYPE_CODE": PG + "typeCode", "DATE_DOCUMENT": ELI + "date_document",
    "DATE_TEXT": PG + "dateText", "YEAR": PG + "year", "ISSUER_NAME": PG + "issuerName",
    "LEVEL": PG + "level", "LEVEL_TEXT": PG + "levelText", "TITLE": ELI + "title",
    "CANDIDATE": PG + "candidate", "CANDIDATE_ID": PG + "candidateId",
    "CONFLICTS": PG + "conflicts", "NUMBER": ELI + "number", "DESCRIPTION": DCT + "description",
    "DEADLINE_TEXT": PG + "deadlineText", "DUE": PG + "due", "DUE_TEXT": PG + "dueText",
    "RECURRENCE": PG + "recurrence", "CONDITION": PG + "condition", "PLAN": PG + "plan",
    "IS_PART_OF": ELI + "is_part_of", "PLAN_ID": PG + "planId", "PREF_LABEL": SKOS + "prefLabel",
    "CLASSIFICATION": ORG + "classification", "PARENT": PG + "parent",
    "SUB_ORGANIZATION_OF": ORG + "subOrganizationOf", "PARENT_ID": PG + "parentId",
    "IS_GROUP": PG + "isGroup", "STUB": PG + "stub", "AMBIGUOUS": PG + "ambiguous",
    "APPLIES": ELI + "applies", "BASED_ON": ELI + "based_on", "LEAD": ROLE_PREDICATES["lead"],
    "PARTNER": ROLE_PREDICATES["partner"], "PATH": PG + "path", "NOTATION": SKOS + "notation",
    "IN_SCHEME": SKOS + "inScheme",
    # an assertion's lines, in the order they sort in as N-Triples (checked in tests)
    "A_OBJECT": RDF + "object", "A_PREDICATE": RDF + "predicate", "A_SUBJECT": RDF + "subject",
    "A_DERIVED_FROM": PROV + "wasDerivedFrom", "A_EDGE_KEY": PG + "edgeKey",
    "A_EVIDENCE": PG + "evidence", "A_METHOD": PG + "extractionMethod", "A_OFFSET": PG + "offset",
    "A_OFFSET_TEXT": PG + "offsetText", "A_ORIGIN": PG + "origin", "A_RELATION": PG + "relation",
    "A_ROLE": PG + "role",
}
ASSERTION_PREDICATE_ORDER = (RDF + "object", RDF + "predicate", RDF + "subject", A,
                             PROV + "wasDerivedFrom", PG + "edgeKey", PG + "evidence",
                             PG + "extractionMethod", PG + "offset", PG + "offsetText",
                             PG + "origin", PG + "relation", PG + "role",
                             PG + "unmappedAttributes")

# Turtle: prefixed names for the vocabulary (longest namespace first), full IRIs otherwise.
_TTL_NAMESPACES = sorted(PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))
_PN_LOCAL_SAFE = re.compile(r"[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?")


def _ttl_iri(iri: str) -> str:
    """An IRI as a Turtle term: a prefixed name when its local part is plainly safe."""
    for prefix, ns in _TTL_NAMESPACES:
        if iri.startswith(ns) and _PN_LOCAL_SAFE.fullmatch(iri, len(ns)):
            return prefix + ":" + iri[len(ns):]
    return "<" + iri + ">"


def _ttl_header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"


class _Syntax:
    """The terms of one output syntax. N-Triples: full IRIs, a line per triple. Turtle: the
    same literals and node IRIs, prefixed names for the vocabulary, `a` for rdf:type, a
    subject's triples joined with ';' and one predicate's objects with ','."""

    def __init__(self, ttl: bool = False):
        self.ttl = ttl
        term = self.term = _ttl_iri if ttl else _t
        for name, iri in _VOCAB.items():
            setattr(self, name, "a " if ttl and iri == A else term(iri) + " ")
        self.INTEGER = "^^" + term(XSD + "integer")
        self.DATE = "^^" + term(XSD + "date")
        self.DOUBLE = "^^" + term(XSD + "double")
        boolean = "^^" + term(XSD + "boolean")
        self.BOOL = {True: '"true"' + boolean, False: '"false"' + boolean}
        self.KIND_TYPES = {k: [self.TYPE + term(c) for c in cls]
                           for k, cls in KIND_CLASSES.items()}
        self.NODE_TYPES = [self.TYPE + term(PG + "Node")]
        self.A_TYPES = (self.TYPE + term(RDF + "Statement"), self.TYPE + term(PG + "Assertion"))
        if ttl:  # one pair, as the grouping of a node's pairs would write it
            self.A_TYPES = (self.A_TYPES[0] + " , " + self.A_TYPES[1][len(self.TYPE):],)
        self.SOURCE_FILE_PAIRS = (self.TYPE + term(PROV + "Entity"),
                                  self.TYPE + term(PG + "SourceFile"))
        self.CONCEPT_PAIRS = (self.TYPE + term(SKOS + "Concept"),
                              self.IN_SCHEME + term(PG + "DocumentTypes"))
        self.ROLES = {"lead": self.LEAD, "partner": self.PARTNER}


_NT = _Syntax(False)
_TTL = _Syntax(True)
_A_TYPES = _NT.A_TYPES

EDGE_MAPPED = ("relation", "role", "evidence", "source", "offset", "origin")
_MISSING = object()


def _note_sources_and_type(a: dict, sources: set, types: dict) -> None:
    """Add a node's source files to `sources` and, for a document, its type code and name
    to `types` (document-type IRI -> (codes, names))."""
    srcs = a.get("sources")
    if isinstance(srcs, list):
        sources.update(x for x in srcs if isinstance(x, str))
    if a.get("kind") == "document":
        code, name = a.get("type_code"), a.get("doc_type")
        if code or name:
            codes, names = types.setdefault(_t(doctype_iri(code, name)), (set(), set()))
            if code:
                codes.add(str(code))
            if name:
                names.add(str(name))


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


_EDGE_MAPPED = frozenset(EDGE_MAPPED)


class _Text:
    """The export of one graph as text in one syntax (N-Triples or Turtle), subject by
    subject, subjects sorted.

    `__init__` mints the IRIs and sorts the subject terms (the index: subject term -> node,
    edge or other resource); `text(lo, hi)` makes the text of subjects lo..hi-1, so ranges
    can be made in forked workers and concatenated in order, byte-identical to one process.
    In N-Triples a subject's lines are sorted and unique, so the file is canonical.
    """

    def __init__(self, G: nx.MultiDiGraph, base: str = DEFAULT_BASE, syntax: _Syntax = _NT,
                 index: bool = True):
        self.G = G
        self.base = _norm_base(base)
        self.sx = syntax
        self.iri = mint_iris(G, self.base)
        self.term = {n: "<" + i + ">" for n, i in self.iri.items()}
        self.kind = {n: a.get("kind") for n, a in G.nodes(data=True)}
        self._sources: dict[str, str] = {}
        self._methods: dict[str, tuple] = {}
        self._preds: dict[tuple, tuple] = {}
        self._doctypes: dict[tuple, str] = {}
        self._json: dict[tuple, str] = {}
        self._node_pairs = self._make_node_pairs()
        self._assertion_pairs = self._make_assertion_pairs()
        self.prefix = "<" + self.base + "id/assertion/"
        if index:
            self._index()

    # ---- cached terms
    def source(self, path: str) -> str:
        t = self._sources.get(path)
        if t is None:
            t = self._sources[path] = "<" + self.base + "id/source/" + _h(path) + ">"
        return t

    def method(self, origin: Any) -> tuple:
        """(extraction method pair, origin pair) of an origin."""
        key = origin if type(origin) is str else str(origin)
        t = self._methods.get(key)
        if t is None:
            t = self._methods[key] = (
                self.sx.A_METHOD + self.sx.term(PGC + "method/" + slug(key)),
                self.sx.A_ORIGIN + _q(key))
        return t

    def pred(self, rel: str, skind: Optional[str], okind: Optional[str]) -> tuple:
        """(predicate term with its space, the assertion's rdf:predicate pair, rdf:relation
        pair) of an edge."""
        key = (rel, skind, okind)
        t = self._preds.get(key)
        if t is None:
            p = self.sx.term(edge_predicate(rel, skind, okind))
            t = self._preds[key] = (p + " ", self.sx.A_PREDICATE + p,
                                    self.sx.A_RELATION + _q(rel))
        return t

    def doctype(self, type_code: Any, doc_type: Any) -> str:
        key = (type_code, doc_type)
        t = self._doctypes.get(key)
        if t is None:
            t = self._doctypes[key] = self.sx.term(doctype_iri(type_code, doc_type))
        return t

    def json(self, v: dict) -> str:
        """A JSON literal; the same small dicts of None and strings (a task's unset fields)
        are made once."""
        if len(v) <= 8 and all(type(k) is str and (x is None or type(x) is str)
                               for k, x in v.items()):
            key = tuple(v.items())
            t = self._json.get(key)
            if t is None:
                t = self._json[key] = _json(v)
            return t
        return _json(v)

    # ---- index of subjects
    def _index(self) -> None:
        """self.keys: the sorted subject terms; self.edge: term -> the edge of an assertion
        that is nothing else (nearly all subjects); self.other: term -> (node or _MISSING,
        [edges], [pairs]) for the rest."""
        G, sx, iri = self.G, self.sx, self.iri
        cplx: dict[str, tuple] = {t: (n, [], []) for n, t in self.term.items()}
        sources: set[str] = set()
        types: dict[str, tuple[set, set]] = {}
        for n, a in G.nodes(data=True):
            _note_sources_and_type(a, sources, types)
        edge: dict[str, tuple] = {}
        prefix = self.prefix
        for e in G.edges(keys=True, data=True):
            u, v, k, d = e
            st = _akey(prefix, iri[u], d.get("relation") or k, iri[v], k)
            c = cplx.get(st)
            if c is not None:
                c[1].append(e)
            else:
                prev = edge.get(st)
                if prev is None:
                    edge[st] = e
                else:  # two edges with one assertion IRI: written together
                    del edge[st]
                    cplx[st] = (_MISSING, [prev, e], [])
            src = d.get("source")
            if src is not None:
                sources.add(str(src))
        for path in sources:
            t = self.source(path)
            pairs = (*sx.SOURCE_FILE_PAIRS, sx.PATH + _q(path))
            self._other(cplx, edge, t).extend(pairs)
        # SKOS concepts used in the data, so the file describes itself.
        for c, (codes, names) in types.items():
            pos = self._other(cplx, edge, c)
            pos.extend(sx.CONCEPT_PAIRS)
            if codes:
                pos.append(sx.NOTATION + _q(min(codes)))
            if names:
                pos.append(sx.PREF_LABEL + _vi(min(names)))
        keys = list(edge)
        keys.extend(cplx)
        keys.sort()
        self.keys, self.edge, self.other = keys, edge, cplx

    def other_blocks(self, sources: Iterable[str], types: dict) -> list:
        """(key, block) of the source files and the document-type concepts."""
        sx = self.sx
        out = []
        for path in sources:
            out.append((self.source(path), [*sx.SOURCE_FILE_PAIRS, sx.PATH + _q(path)]))
        for c, (codes, names) in types.items():
            pos = list(sx.CONCEPT_PAIRS)
            if codes:
                pos.append(sx.NOTATION + _q(min(codes)))
            if names:
                pos.append(sx.PREF_LABEL + _vi(min(names)))
            out.append((c, pos))
        return [(k, _block(k, sorted(set(pos)), sx.ttl)) for k, pos in out]

    @staticmethod
    def _other(cplx: dict, edge: dict, s: str) -> list:
        c = cplx.get(s)
        if c is None:
            e = edge.pop(s, None)
            c = cplx[s] = (_MISSING, [] if e is None else [e], [])
        return c[2]

    # ---- text
    def text(self, lo: int = 0, hi: Optional[int] = None) -> str:
        """The text of subjects keys[lo:hi], in order."""
        out: list[str] = []
        add = out.append
        edge_get = self.edge.get
        other = self.other
        assertion_pairs = self._assertion_pairs
        node_pairs = self._node_pairs
        ttl = self.sx.ttl
        for s in self.keys[lo:hi]:
            e = edge_get(s)
            if e is not None:  # an assertion, already in order, no duplicates
                if ttl:
                    add(s + " " + " ;\n\t".join(assertion_pairs(*e)) + " .\n")
                else:
                    add(s + " " + (" .\n" + s + " ").join(assertion_pairs(*e)) + " .\n")
                continue
            n, edges, pos = other[s]
            if n is not _MISSING:
                pos = node_pairs(n) + pos
            elif edges:
                pos = list(pos)
            for e in edges:
                pos.extend(assertion_pairs(*e))
            pos = sorted(set(pos))
            if ttl:
                add(s + " " + " ;\n\t".join(_group(pos)) + " .\n")
            else:
                add(s + " " + (" .\n" + s + " ").join(pos) + " .\n")
        return "".join(out)

    def _make_assertion_pairs(self):
        sx = self.sx
        term, kinds, pred, source, method = self.term, self.kind, self.pred, self.source, self.method
        preds = self._preds
        A_OBJECT, A_SUBJECT, A_TYPES = sx.A_OBJECT, sx.A_SUBJECT, sx.A_TYPES
        A_DERIVED_FROM, A_EDGE_KEY, A_EVIDENCE = sx.A_DERIVED_FROM, sx.A_EDGE_KEY, sx.A_EVIDENCE
        A_OFFSET, A_OFFSET_TEXT, A_ROLE = sx.A_OFFSET, sx.A_OFFSET_TEXT, sx.A_ROLE
        UNMAPPED, INTEGER = sx.UNMAPPED, sx.INTEGER
        roles: dict[Any, str] = {}
        needs_escape, escapes = _NT_NEEDS_ESCAPE.search, _NT_ESCAPES
        mapped = _EDGE_MAPPED

        def assertion_pairs(u: Any, v: Any, k: Any, d: dict) -> list:
            """The reified, provenance-carrying pg:Assertion of an edge, in sorted order."""
            get = d.get
            rel = get("relation") or k
            srel = rel if type(rel) is str else str(rel)
            su, so = term[u], term[v]
            p = preds.get((srel, kinds[u], kinds[v]))
            if p is None:
                p = pred(srel, kinds[u], kinds[v])
            pos = [A_OBJECT + so, p[1], A_SUBJECT + su, *A_TYPES]
            add = pos.append
            src = get("source")
            if src is not None:
                add(A_DERIVED_FROM + source(src if type(src) is str else str(src)))
            if k != rel:
                add(A_EDGE_KEY + _json(k))
            ev = get("evidence")
            if ev is not None:
                if type(ev) is not str:
                    ev = str(ev)
                if needs_escape(ev):
                    ev = ev.translate(escapes)
                add(A_EVIDENCE + '"' + ev + '"@vi')
            origin = get("origin")
            if origin is not None:
                m = method(origin)
                add(m[0])
            off = get("offset")
            if type(off) is int:
                add(A_OFFSET + '"' + str(off) + '"' + INTEGER)
            elif off is not None:
                if isinstance(off, int) and not isinstance(off, bool):
                    add(A_OFFSET + '"' + str(off) + '"' + INTEGER)
                else:
                    add(A_OFFSET_TEXT + _q(str(off)))
            if origin is not None:
                add(m[1])
            add(p[2])
            role = get("role")
            if role is not None:
                if type(role) is not str:
                    role = str(role)
                r = roles.get(role)
                if r is None:
                    r = roles[role] = A_ROLE + _q(role)
                add(r)
            if not mapped.issuperset(d):
                extra = {key: val for key, val in d.items() if key not in mapped}
                add(UNMAPPED + _json(extra))
            return pos

        return assertion_pairs

    def _make_node_pairs(self):
        """node id -> 'predicate object' strings: its attributes and its out-edges.

        An attribute's handler returns its pair(s), or None when it writes nothing (the
        value then goes to pg:unmappedAttributes, losslessly)."""
        sx, G = self.sx, self.G
        term, kinds, pred, source, doctype = self.term, self.kind, self.pred, self.source, self.doctype
        preds, jsonq = self._preds, self.json
        attrs, succ = G._node, G._succ
        needs_escape, escapes = _NT_NEEDS_ESCAPE.search, _NT_ESCAPES
        INTEGER, DATE, BOOL = sx.INTEGER, sx.DATE, sx.BOOL
        IDENTIFIER, UNMAPPED = sx.IDENTIFIER, sx.UNMAPPED
        KIND_TYPES, NODE_TYPES = sx.KIND_TYPES, sx.NODE_TYPES
        APPLIES, BASED_ON, ROLES = sx.APPLIES, sx.BASED_ON, sx.ROLES
        levels: dict[str, str] = {}
        dates: dict[tuple, str] = {}

        def q(v: str) -> str:
            if needs_escape(v):
                v = v.translate(escapes)
            return '"' + v + '"'

        def vi(v: Any) -> str:
            if type(v) is not str:
                v = str(v)
            if needs_escape(v):
                v = v.translate(escapes)
            return '"' + v + '"@vi'

        def plain(P):  # a string, as a plain literal
            def h(v, a):
                if type(v) is str or isinstance(v, str):
                    if needs_escape(v):
                        v = v.translate(escapes)
                    return P + '"' + v + '"'
            return h

        def vietnamese(P, any_type=False):  # a string (or anything) as a @vi literal
            def h(v, a):
                if type(v) is str:
                    if needs_escape(v):
                        v = v.translate(escapes)
                    return P + '"' + v + '"@vi'
                if any_type or isinstance(v, str):
                    return P + vi(v)
            return h

        def date(P, PTEXT):  # xsd:date when it is one, else text
            def h(v, a):
                if type(v) is str or isinstance(v, str):
                    t = dates.get((P, v))
                    if t is None:
                        t = dates[(P, v)] = P + q(v) + DATE if _date_ok(v) else PTEXT + q(v)
                    return t
            return h

        def str_list(f):
            def h(v, a):
                if isinstance(v, list) and all(isinstance(x, str) for x in v):
                    return [f(x) for x in set(v)]
            return h

        def boolean(P):
            def h(v, a):
                if isinstance(v, bool):
                    return P + BOOL[v]
            return h

        def ref(P, P2, PID):  # a node id: an IRI (two predicates) when it is a node
            def h(v, a):
                if isinstance(v, str):
                    t = term.get(v)
                    if t is not None:
                        return [P + t, P2 + t]
                    return PID + q(v)
            return h

        def doc_type(v, a):
            if isinstance(v, str):
                return [sx.DOC_TYPE_NAME + vi(v),
                        sx.TYPE_DOCUMENT + doctype(a.get("type_code"), v)]

        def type_code(v, a):
            if isinstance(v, str):
                if not a.get("doc_type"):
                    return [sx.TYPE_CODE + q(v), sx.TYPE_DOCUMENT + doctype(v, None)]
                return sx.TYPE_CODE + q(v)

        def year(v, a):
            if isinstance(v, int) and not isinstance(v, bool):
                return sx.YEAR + '"' + str(v) + '"' + INTEGER

        def level(v, a):
            if isinstance(v, str):
                t = levels.get(v)
                if t is None:
                    t = levels[v] = (sx.LEVEL + sx.term(PGC + "level/" + v) if slug(v) == v
                                     else sx.LEVEL_TEXT + q(v))
                return t

        def candidates(v, a):
            if isinstance(v, list):
                out = []
                for c in {str(x) for x in v}:
                    ct = term.get(c)
                    out.append(sx.CANDIDATE + ct if ct is not None else sx.CANDIDATE_ID + q(c))
                return out

        def name(v, a):
            if isinstance(v, str):
                return [sx.PREF_LABEL + vi(v),
                        sx.CLASSIFICATION + sx.term(PGC + "agency-kind/" + agency_kind(a))]

        common = {
            "label": vietnamese(sx.LABEL, any_type=True),
            "aliases": str_list(lambda x: sx.ALT_LABEL + vi(x)),
            "sources": str_list(lambda x: sx.MENTIONED_IN + source(x)),
            "jurisdiction": vietnamese(sx.JURISDICTION),
        }
        handlers = {
            "document": {
                "symbol": plain(sx.ID_LOCAL),
                "doc_type": doc_type,
                "type_code": type_code,
                "date": date(sx.DATE_DOCUMENT, sx.DATE_TEXT),
                "year": year,
                "issuer": vietnamese(sx.ISSUER_NAME),
                "level": level,
                "title": vietnamese(sx.TITLE),
                "stub": boolean(sx.STUB),
                "ambiguous": boolean(sx.AMBIGUOUS),
                "candidates": candidates,
                "conflicts": lambda v, a: sx.CONFLICTS + _json(v),
                **common},
            "task": {
                "number": plain(sx.NUMBER),
                "text": vietnamese(sx.DESCRIPTION),
                "deadline": vietnamese(sx.DEADLINE_TEXT),
                "due": date(sx.DUE, sx.DUE_TEXT),
                "recurrence": plain(sx.RECURRENCE),
                "condition": vietnamese(sx.CONDITION),
                "plan": ref(sx.PLAN, sx.IS_PART_OF, sx.PLAN_ID),
                **common},
            "agency": {
                "name": name,
                "parent": ref(sx.PARENT, sx.SUB_ORGANIZATION_OF, sx.PARENT_ID),
                "is_group": boolean(sx.IS_GROUP),
                **common},
        }

        def node_pairs(n: Any) -> list:
            a = attrs[n]
            kind = a.get("kind")
            pos = list(KIND_TYPES.get(kind, NODE_TYPES))
            add = pos.append
            add(IDENTIFIER + q(n if type(n) is str else str(n)))
            hs = handlers.get(kind, common)
            extra: dict[str, Any] = {}
            if kind not in KIND_CLASSES:
                extra["kind"] = kind
            for key, v in a.items():
                h = hs.get(key)
                if h is None:
                    if key != "kind":
                        extra[key] = v
                    continue
                if not v and (v is None or v == [] or v == {} or v == ""):
                    extra[key] = v
                    continue
                r = h(v, a)
                if r is None or not r:  # nothing written: keep it losslessly
                    extra[key] = v
                elif type(r) is str:
                    add(r)
                else:
                    pos.extend(r)
            if extra:
                add(UNMAPPED + jsonq(extra))
            skind = kind
            for v, kd in succ[n].items():
                so = term[v]
                okind = kinds[v]
                for k, d in kd.items():  # the direct triple(s) of each edge
                    rel = d.get("relation") or k
                    srel = rel if type(rel) is str else str(rel)
                    p = preds.get((srel, skind, okind))
                    if p is None:
                        p = pred(srel, skind, okind)
                    add(p[0] + so)
                    if rel == "implements":
                        add(APPLIES + so)
                    elif rel == "cites":
                        ev = d.get("evidence")
                        if isinstance(ev, str) and "căn cứ" in ev.lower():
                            add(BASED_ON + so)
                    if rel == "assigns":
                        role = d.get("role")
                        if role in ROLES:
                            add(ROLES[role] + so)
            return pos

        return node_pairs


def _akey(prefix: str, iu: str, rel: Any, iv: str, k: Any) -> str:
    """The subject term of an edge's assertion (see `assertion_iri`)."""
    text = iu + " " + str(rel) + " " + iv
    if k is not None and k != rel:  # parallel edges of one relation stay apart
        text += " " + json.dumps(k, ensure_ascii=False, sort_keys=True, default=str)
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20] + ">"


def _block(s: str, pos: list, ttl: bool) -> str:
    """A subject's text from its sorted, unique pairs."""
    if ttl:
        return s + " " + " ;\n\t".join(_group(pos)) + " .\n"
    return s + " " + (" .\n" + s + " ").join(pos) + " .\n"


def _group(pos: list) -> list:
    """Turtle: sorted 'predicate object' pairs, one predicate's objects joined with ','."""
    out: list[str] = []
    prev = None
    for pair in pos:
        i = pair.index(" ")
        p = pair[:i]
        if p == prev:
            out[-1] += " ," + pair[i:]
        else:
            out.append(pair)
            prev = p
    return out


# Parallel minting: the index is made once, then ranges of subjects are made in forked
# workers that inherit it (nothing is pickled but the bytes that come back), in order.
_FORKED: Optional[_Text] = None
_RANGE = 8192  # subjects per range (~100k N-Triples lines, ~15 MB)
_MIN_PARALLEL = 50_000  # fewer subjects than this: one process (forking costs more)


def _make_range(lo_hi: tuple) -> bytes:
    return _FORKED.text(*lo_hi).encode("utf-8")


def _parallel_ok() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """Processes for the export: the CPUs this process may use (at most 8)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def _iter_bytes(G: nx.MultiDiGraph, base: str, syntax: _Syntax, workers: Optional[int] = None,
                range_size: int = _RANGE, min_parallel: int = _MIN_PARALLEL) -> Iterable[bytes]:
    """The export in `syntax` as UTF-8 chunks, in order; ranges of subjects are made by
    `workers` forked processes when the graph is big enough (same bytes as one process)."""
    global _FORKED
    with _no_gc():
        tx = _Text(G, base, syntax)
        if syntax.ttl:
            yield _ttl_header().encode("utf-8")
        n = len(tx.keys)
        ranges = [(lo, min(lo + range_size, n)) for lo in range(0, n, range_size)]
        workers = default_workers() if workers is None else workers
        if workers > 1 and len(ranges) > 1 and n >= min_parallel and _parallel_ok():
            _FORKED = tx
            try:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    yield from pool.imap(_make_range, ranges)
            finally:
                _FORKED = None
        else:
            for r in ranges:
                yield tx.text(*r).encode("utf-8")


# Parallel export to a file: the nodes are split in W slices in graph order (reading the graph
# in the order it lies in memory is about twice as fast as in subject order); each process
# makes the blocks of its nodes and of their out-edges' assertions, sorts them by subject,
# and sends the parent only the subject terms and sizes. The parent merges the terms, gives
# each block its offset in the file, and every process copies its blocks into the file
# (mmap). The bytes are those of the sequential path; a subject made by two slices (an IRI
# collision) sends the export back to the sequential path.

_TIMINGS: dict[str, float] = {}  # phases of the last parallel export (bench_rdf reports them)


def _shard(tx: _Text, nodes: list) -> tuple:
    """Sorted subject terms, their encoded blocks, the blocks' sizes in the file, and the
    sources and document types seen, for `nodes` and their out-edges.

    An N-Triples block is kept compact, its pairs joined by newlines without the subject
    (a third of the size): `_copy_blocks` writes the lines."""
    term, iri, attrs, succ = tx.term, tx.iri, tx.G._node, tx.G._succ
    node_pairs, assertion_pairs = tx._node_pairs, tx._assertion_pairs
    ttl, prefix = tx.sx.ttl, tx.prefix
    keys: list[str] = []
    blocks: list[bytes] = []
    kadd, badd = keys.append, blocks.append
    sources: set[str] = set()
    types: dict[str, tuple[set, set]] = {}
    for n in nodes:
        s = term[n]
        kadd(s)
        if ttl:
            badd(_block(s, sorted(set(node_pairs(n))), ttl).encode("utf-8"))
        else:
            badd("\n".join(sorted(set(node_pairs(n)))).encode("utf-8"))
        _note_sources_and_type(attrs[n], sources, types)
        iu = iri[n]
        for v, kd in succ[n].items():
            iv = iri[v]
            for k, d in kd.items():
                st = _akey(prefix, iu, d.get("relation") or k, iv, k)
                kadd(st)
                pos = assertion_pairs(n, v, k, d)
                if ttl:
                    badd((st + " " + " ;\n\t".join(pos) + " .\n").encode("utf-8"))
                else:
                    badd("\n".join(pos).encode("utf-8"))
                src = d.get("source")
                if src is not None:
                    sources.add(str(src))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    keys = [keys[i] for i in order]
    blocks = [blocks[i] for i in order]
    if ttl:
        sizes = array.array("q", map(len, blocks))
    else:  # n lines of 'subject pair .\n' from n pairs joined by n-1 newlines
        sizes = array.array("q", (len(b) + 1 + (b.count(10) + 1) * (len(k.encode("utf-8")) + 3)
                                  for k, b in zip(keys, blocks)))
    return keys, blocks, sizes, sources, types


def _copy_blocks(fd: int, size: int, blocks: list, offsets, keys: Optional[list] = None
                 ) -> None:
    """Copy blocks to their offsets in the file; with `keys`, the blocks are compact
    N-Triples blocks of those subjects (see `_shard`)."""
    import mmap

    if not blocks:
        return
    mm = mmap.mmap(fd, size)
    try:
        if keys is None:
            for b, off in zip(blocks, offsets):
                mm[off:off + len(b)] = b
        else:
            for k, b, off in zip(keys, blocks, offsets):
                s = k.encode("utf-8")
                b = s + b" " + b.replace(b"\n", b" .\n" + s + b" ") + b" .\n"
                mm[off:off + len(b)] = b
    finally:
        mm.close()


def _shard_child(tx: _Text, nodes: list, conn, fd: int) -> None:
    import traceback

    try:
        keys, blocks, sizes, sources, types = _shard(tx, nodes)
        conn.send((keys, sizes.tobytes(), sources, types))
        msg = conn.recv()
        if msg is not None:
            size, offsets = msg
            _copy_blocks(fd, size, blocks, array.array("q", offsets),
                         None if tx.sx.ttl else keys)
        conn.send("ok")
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def _slices(tx: _Text, n: int) -> list:
    """The nodes in graph order, cut in n slices of about equal work."""
    nodes = list(tx.G)
    succ = tx.G._succ
    w = [2 + len(succ[x]) for x in nodes]
    total = sum(w)
    out, start, acc, k = [], 0, 0, 1
    for i, x in enumerate(w):
        acc += x
        if k < n and acc >= total * k / n:
            out.append(nodes[start:i + 1])
            start, k = i + 1, k + 1
    out.append(nodes[start:])
    return out


def _export_parallel(G: nx.MultiDiGraph, path, syntax: _Syntax, base: str, workers: int
                     ) -> Optional[int]:
    """Write the export to `path` with `workers` processes; the bytes written, or None when
    two slices made one subject (the caller then uses the sequential path)."""
    import time

    clock = time.perf_counter
    t0 = clock()
    tm = _TIMINGS
    tm.clear()
    tx = _Text(G, base, syntax, index=False)
    header = _ttl_header().encode("utf-8") if syntax.ttl else b""
    slices = _slices(tx, workers)
    ctx = multiprocessing.get_context("fork")
    with open(path, "w+b") as fh:
        fd = fh.fileno()
        conns, procs = [], []
        try:
            for nodes in slices[1:]:
                here, there = ctx.Pipe()
                p = ctx.Process(target=_shard_child, args=(tx, nodes, there, fd), daemon=True)
                p.start()
                there.close()
                conns.append(here)
                procs.append(p)
            tm["iris_s"] = clock() - t0
            keys0, blocks0, sizes0, sources, types = _shard(tx, slices[0])
            tm["shard_s"] = clock() - t0 - tm["iris_s"]
            parts = [(keys0, sizes0)]
            for c in conns:
                msg = c.recv()
                if msg[0] == "error":
                    raise RuntimeError("export worker failed:\n" + msg[1])
                keys, sizes, srcs, tps = msg
                parts.append((keys, array.array("q", sizes)))
                sources |= srcs
                for t, (codes, names) in tps.items():
                    cs, ns = types.setdefault(t, (set(), set()))
                    cs |= codes
                    ns |= names
            tm["wait_s"] = clock() - t0 - tm["iris_s"] - tm["shard_s"]
            other = tx.other_blocks(sources, types)
            other.sort()
            ob = [b.encode("utf-8") for _, b in other]
            parts.append(([k for k, _ in other], array.array("q", map(len, ob))))
            # merge: every block's offset in the file, in subject order
            allkeys: list[str] = []
            sizes = array.array("q")
            starts = []
            for keys, sz in parts:
                starts.append(len(allkeys))
                allkeys.extend(keys)
                sizes.extend(sz)
            order = sorted(range(len(allkeys)), key=allkeys.__getitem__)
            merged = [allkeys[i] for i in order]
            del allkeys
            if any(map(str.__eq__, merged, itertools.islice(merged, 1, None))):
                for c in conns:
                    c.send(None)
                for c in conns:
                    c.recv()
                return None
            del merged
            offsets = array.array("q", bytes(8 * len(order)))
            pos = len(header)
            for i in order:
                offsets[i] = pos
                pos += sizes[i]
            del order
            size = pos
            fh.truncate(size)
            tm["merge_s"] = clock() - t0 - tm["iris_s"] - tm["shard_s"] - tm["wait_s"]
            for c, st, (keys, _) in zip(conns, starts[1:], parts[1:]):
                c.send((size, offsets[st:st + len(keys)].tobytes()))
            if header:
                os.pwrite(fd, header, 0)
            _copy_blocks(fd, size, blocks0, offsets[:len(keys0)], None if syntax.ttl else keys0)
            del blocks0
            _copy_blocks(fd, size, ob, offsets[starts[-1]:])
            for c in conns:
                msg = c.recv()
                if msg != "ok":
                    raise RuntimeError("export worker failed:\n" + msg[1])
            tm["copy_s"] = clock() - t0 - sum(tm.values())
            return size
        finally:
            for c in conns:
                c.close()
            for p in procs:
                p.join(timeout=60)
                if p.is_alive():
                    p.terminate()


def iter_ntriples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, chunk_size: int = 1 << 20
                  ) -> Iterable[str]:
    """The export as N-Triples text, in chunks of about `chunk_size` characters (one process).

    Lines are sorted and unique: the concatenation is the canonical, deterministic N-Triples
    file of the graph (what `export(..., "nt")` writes).
    """
    tx = _Text(G, base, _NT)
    step = max(1, chunk_size // 1024)
    for lo in range(0, len(tx.keys), step):
        yield tx.text(lo, lo + step)


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of bytes chunks (streams N-Triples into pyoxigraph)."""

    def __init__(self, chunks: Iterable[bytes]):
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
            self._buf = memoryview(chunk)
            self._pos = 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n


def _nt_reader(G: nx.MultiDiGraph, base: str, workers: Optional[int] = None
               ) -> io.BufferedReader:
    return io.BufferedReader(_ChunkReader(_iter_bytes(G, base, _NT, workers)),
                             buffer_size=1 << 20)


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


def _write_fast(G: nx.MultiDiGraph, fmt: str, base: str, fh,
                workers: Optional[int] = None) -> None:
    """The fast path: N-Triples and Turtle written as text (nt, ttl); RDF/XML and JSON-LD
    by streaming the N-Triples text through pyoxigraph's parser into its serializer."""
    with _no_gc():
        if fmt in ("nt", "ttl"):
            for chunk in _iter_bytes(G, base, _TTL if fmt == "ttl" else _NT, workers):
                fh.write(chunk)
            return
        import pyoxigraph

        kwargs = {"prefixes": PREFIXES} if fmt == "xml" else {}
        trs = pyoxigraph.parse(_nt_reader(G, base, workers), pyoxigraph.RdfFormat.N_TRIPLES)
        pyoxigraph.serialize(trs, fh, getattr(pyoxigraph.RdfFormat, FORMATS[fmt][1]), **kwargs)


def serialize(G: nx.MultiDiGraph, format: str = "ttl", base: str = DEFAULT_BASE,
              engine: str = "auto", workers: Optional[int] = None) -> bytes:
    """The export as bytes; same graph -> same bytes (per engine, whatever `workers`)."""
    fmt = _format_of("", format)
    if _engine(engine) == "oxigraph":
        buf = io.BytesIO()
        _write_fast(G, fmt, base, buf, workers)
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
           base: str = DEFAULT_BASE, engine: str = "auto", workers: Optional[int] = None) -> int:
    """Write G as RDF (ttl, jsonld, xml, nt) to a path or binary file; returns bytes written.

    The fast path streams to the file: the whole export is never held in memory. A big graph
    is made by `workers` forked processes (default: the CPUs available; 1 for none); the
    bytes are the same for any number of workers."""
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
        _write_fast(G, fmt, base, w, workers)
        return w.n
    _makedirs_for(out)
    workers = default_workers() if workers is None else workers
    if (fmt in ("nt", "ttl") and workers > 1 and _parallel_ok()
            and G.number_of_nodes() + G.number_of_edges() >= _MIN_PARALLEL):
        with _no_gc():
            n = _export_parallel(G, out, _TTL if fmt == "ttl" else _NT, base, workers)
        if n is not None:
            return n
    with open(out, "wb") as fh:
        w = _CountingWriter(fh)
        _write_fast(G, fmt, base, w, workers)
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
