"""The vocabulary of the export and the value rules every part of it shares.

Namespaces and prefixes, the classes and predicates of the graph's kinds and relations, the
RDF syntaxes (name, media type, file extension), the light term types `I` (an IRI) and `L` (a
literal), and the lexical rules: a date literal, the JSON text of a value, a valid base IRI.
"""
from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import json
import os
import re
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional, Union

from graph.models import (ASSIGNS, CITES, FULFILLED_BY,
                          IMPLEMENTS, ISSUED_BY, PART_OF, REPORTS_ON)
from graph.tables import rows

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
RICO = "https://www.ica.org/standards/RiC/ontology#"
SPDX = "http://spdx.org/rdf/terms#"
OWL = "http://www.w3.org/2002/07/owl#"
IANA_MEDIA = "https://www.iana.org/assignments/media-types/"
# The vocabulary lives under {base}ontology (pg: and the concept schemes): `--base` moves it
# with every minted IRI (`rebase`); PG and PGC are its IRIs under DEFAULT_BASE.
VOCAB_ROOT = DEFAULT_BASE + "ontology"

PREFIXES = {
    "pg": PG, "doctype": PGC + "doctype/", "level": PGC + "level/",
    "agencykind": PGC + "agency-kind/", "method": PGC + "method/",
    "province": PGC + "province/", "eli": ELI, "org": ORG, "prov": PROV, "dcterms": DCT,
    "skos": SKOS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "spdx": SPDX, "owl": OWL,
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
FORMAT_ALIASES = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "rdfxml": "xml",
                  "json-ld": "jsonld", "rdf": "xml"}

A = RDF + "type"
KIND_CLASSES = {
    "document": (PG + "Document", ELI + "LegalResource"),
    "task": (PG + "Task", ELI + "LegalResourceSubdivision"),
    "agency": (PG + "Agency", ORG + "Organization"),
    # a web page about documents (a document node of doc_kind "page"): no legal resource
    "page": (PG + "WebPage", PROV + "Entity"),
    # a group of agencies ('các sở, ban, ngành', is_group): no one organisation
    "group": (PG + "AgencyGroup", PROV + "Agent"),
}
CLASS_KINDS = {PG + "Document": "document", PG + "Task": "task", PG + "Agency": "agency",
               PG + "WebPage": "document", PG + "AgencyGroup": "agency"}
PAGE, GROUP = "page", "group"


def class_kind(a: dict) -> Any:
    """The key of a node's classes in KIND_CLASSES (and of its edges' predicates): its kind,
    but "page" for a document node that is a web page about documents and "group" for an
    agency node that stands for a group of agencies."""
    kind = a.get("kind")
    if kind == "document" and a.get("doc_kind") == PAGE:
        return PAGE
    if kind == "agency" and a.get("is_group") is True:
        return GROUP
    return kind

# The predicate each graph relation is written as (direct triple) (`iris.edge_predicate` picks
# another by the kinds at both ends: a web page's citation is dcterms:references).
RELATION_PREDICATES = {
    IMPLEMENTS: PG + "implements",
    CITES: ELI + "cites",
    ASSIGNS: PG + "assignedTo",
    ISSUED_BY: ELI + "passed_by",
    PART_OF: DCT + "isPartOf",
    FULFILLED_BY: PG + "fulfilledBy",  # (as succession.py writes it on the task)
    REPORTS_ON: PG + "reportsOn",
}
ROLE_PREDICATES = {"lead": PG + "leadAgency", "partner": PG + "partnerAgency"}
KNOWN_ORIGINS = ("header", "preamble", "body", "statement", "task")
# Edge attributes written as their own predicates on every assertion; the others (the
# `also` readings, a fulfilled_by edge's fields: EDGE_FIELDS) are written by the slower path
# of the few edges that have them, and what no rule takes goes to pg:unmappedAttributes.
EDGE_MAPPED = ("relation", "role", "evidence", "source", "offset", "origin")

def json_text(v: Any) -> str:
    """The JSON text of a value as the export writes it (keys sorted, non-ASCII kept)."""
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


def is_empty(v: Any) -> bool:
    """None, [], {} or "" (not 0 or False)."""
    return v is None or (not v and (v == [] or v == {} or v == ""))


def is_default_empty(table: dict, key: str, v: Any) -> bool:
    """Whether v is the empty value `table` gives for `key` (same value and type)."""
    e = table.get(key, _NO_VALUE)
    return e is not _NO_VALUE and type(v) is type(e) and v == e


_NO_VALUE = object()


class Field(NamedTuple):
    """One key of a record (a dict in a list attribute) as RDF: its predicate and how its
    value is written: `text` a plain string, `vi` a string @vi, `int` an xsd:integer,
    `value` a string, integer or boolean by its type, `source` the pg:SourceFile of a path,
    `node` the IRI of a node id (`predicate + "Id"` with the id as text when it is no node),
    `origin` a string with its pg:extractionMethod. `always`: the builder sets the key on
    every record, so a missing value comes back as None. `path`: for a `source`, the
    predicate of its path as a literal, written when files of the same content were read
    under several paths (one source IRI names them all)."""

    key: str
    predicate: str
    how: str
    always: bool = True
    path: str = PG + "sourcePath"


class RecordSpec(NamedTuple):
    """A list attribute whose items are records, each written as a resource of `cls` at
    `{owner IRI}/{segment}/{hash of the record}`, linked from its owner (node or assertion)
    by `link`. `order`: the key the builder sorts the list by (import gives that order)."""

    cls: str
    link: str
    segment: str
    fields: tuple
    order: Callable[[dict], Any]


def _reading_key(r: dict) -> tuple:
    """graph.link.assemble.reading_key: the order of an edge's readings."""
    from graph.link.assemble import reading_key
    return reading_key(r)


_EVIDENCE = Field("evidence", PG + "evidence", "vi")
_SOURCE = Field("source", PROV + "wasDerivedFrom", "source")
_OFFSET = Field("offset", PG + "offset", "int")
# Node attributes whose items are records (graph.link.assemble, graph.link.identity).
NODE_RECORDS = {
    "conflicts": RecordSpec(PG + "Conflict", PG + "conflict", "conflict", (
        Field("field", PG + "field", "text"), Field("value", PG + "value", "value"), _SOURCE,
        Field("evidence", PG + "evidence", "vi", always=False)),
        lambda c: json_text([c.get("value"), c.get("source")])),
    "refused": RecordSpec(PG + "RefusedMerge", PG + "refusedMerge", "refused", (
        Field("symbol", PG + "symbol", "text"), Field("candidate", PG + "refusedCandidate", "node"),
        Field("fact", PG + "fact", "text"), Field("value", PG + "value", "value"),
        Field("node_value", PG + "nodeValue", "value"), _EVIDENCE, _SOURCE, _OFFSET),
        json_text),
}
# Edge attributes whose items are records: the other readings of the same edge.
EDGE_RECORDS = {
    "also": RecordSpec(PG + "Reading", PG + "otherReading", "reading", (
        _EVIDENCE, _SOURCE, _OFFSET, Field("origin", PG + "origin", "origin")), _reading_key),
}
# A fulfilled_by edge's own fields (graph.link.fulfil), on its assertion; `list` fields are
# a list of strings, a pair per string.
EDGE_FIELDS = {
    "rule": Field("rule", PG + "fulfilmentRule", "text"),
    "doc_evidence": Field("doc_evidence", PG + "documentEvidence", "vi"),
    "doc_source": Field("doc_source", PG + "documentSource", "source",
                        path=PG + "documentSourcePath"),
    "provinces": Field("provinces", PG + "provinceDone", "places"),
    "days_after_plan": Field("days_after_plan", PG + "daysAfterPlan", "int"),
}
# Media type of a source file by its extension (dcterms:format, an IANA media-type IRI).
FILE_MEDIA_TYPES = {
    ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".html": "text/html",
    ".htm": "text/html", ".pdf": "application/pdf", ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".rtf": "application/rtf", ".json": "application/json", ".jsonl": "application/jsonl",
    ".xml": "application/xml", ".odt": "application/vnd.oasis.opendocument.text",
}
SOFTWARE = "policygraph"

# For `import_rdf`: the node predicates this mapping writes that give an attribute back
# (predicate -> attribute), beside those it has always read (pg:jurisdiction, eli:id_local …).
# rdfs:label is the readable label, written for people: the graph's `label` is pg:label, a
# document's title dcterms:title (eli:title and rdfs:label are no longer read back).
NODE_TEXT_TERMS = {PG + "label": "label", DCT + "title": "title", PG + "section": "section",
                   PG + "issuerParentName": "issuer_parent",
                   PG + "sha256": "sha256", PG + "docKind": "doc_kind", PG + "offset": "offset"}
NODE_SOURCE_TERMS = {PG + "readFrom": "source"}  # a pg:SourceFile IRI -> its path
NODE_SOURCE_LIST_TERMS = {PG + "ingestedFrom": "files"}  # several, sorted on import
# The path literal written beside a reference to a file whose content was also read under
# another path (one source IRI, several paths), per attribute.
SOURCE_PATH_TERMS = {"sources": PG + "mentionedInPath", "files": PG + "ingestedFromPath",
                     "source": PG + "sourcePath"}
RETIRED_TERMS = (RDFS + "label", ELI + "title")


class I(str):
    """An IRI in an object position."""

    __slots__ = ()


class L(NamedTuple):
    """A literal: lexical value, datatype IRI or None, language tag or None."""

    value: str
    datatype: Optional[str] = None
    lang: Optional[str] = None


Term = Union[I, L]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# the project's ontology/ folder, shipped inside the package (graph/ontology links to it and
# is installed as package data, setup.cfg): the concept schemes and the files `publish` moves
ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')


def is_xsd_date(v: Any) -> bool:
    """True for a string that is a valid calendar date YYYY-MM-DD (written as xsd:date)."""
    if not isinstance(v, str) or not _DATE.match(v):
        return False
    try:
        datetime.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def with_slash(base: str) -> str:
    """The base IRI ending in '/' or '#'."""
    return base if base.endswith(("/", "#")) else base + "/"


def base_problem(base: Any) -> Optional[str]:
    """What makes `base` no base for the export's IRIs, or None when it is one: an absolute
    IRI (a scheme: 'https:', 'urn:'; after '//' a host), no spaces or other characters not
    allowed in an IRI, valid percent escapes (pyoxigraph reads it as an IRI), and '#' only
    at the end (the vocabulary under it is '{base}ontology#'). A base that ends in neither
    '/' nor '#' is completed with '/' (`norm_base`)."""
    import pyoxigraph

    if not isinstance(base, str) or not base:
        return "is empty"
    bad = _NOT_IN_IRI.search(base)
    if bad:
        return f"has a character not allowed in an IRI: {bad.group(0)!r}"
    if not _SCHEME.match(base):
        return "has no scheme: give an absolute IRI, e.g. https://example.org/data/"
    scheme, _, rest = base.partition(":")
    if rest.startswith("//") and not rest[2:].split("/", 1)[0]:
        return f"has no host after '{scheme}://'"
    if "#" in base[:-1]:
        return "has '#' before its end (an IRI holds one '#'; end the base with it or with '/')"
    try:
        pyoxigraph.NamedNode(with_slash(base) + "x")
    except ValueError as exc:
        return f"is not a valid IRI ({exc})"
    return None


def norm_base(base: Any) -> str:
    """The base ending in '/' or '#' (completed with '/'); ValueError naming the problem
    (`base_problem`) when it is no base for IRIs. Every writer and `mint_iris` call it."""
    problem = base_problem(base)
    if problem is not None:
        raise ValueError(f"base IRI {base!r} {problem}")
    return with_slash(base)


def vocab_root(base: str) -> str:
    """The root of the vocabulary of an export under `base`: {base}ontology (a base ending
    in '#' gives {base without '#'}/ontology: an IRI holds one '#')."""
    b = with_slash(base)
    return (b[:-1] + "/" if b.endswith("#") else b) + "ontology"


def rebase(iri: str, root: str, old_root: str = VOCAB_ROOT) -> str:
    """An IRI of the vocabulary (under `old_root`) moved under `root`; others unchanged
    (`rebase(iri, VOCAB_ROOT, root)` moves it back, for a reader of an export made under
    another base)."""
    if root != old_root and iri.startswith(old_root):
        return root + iri[len(old_root):]
    return iri


def vocab_root_of(type_iri: str) -> Optional[str]:
    """The vocabulary root of an export, from the IRI of one of its classes
    ('{root}#Document', '#Task', '#Agency', '#Assertion'), else None."""
    for c in ("#Document", "#Task", "#Agency", "#Assertion"):
        if type_iri.endswith("ontology" + c):
            return type_iri[:-len(c)]
    return None


def prefixes_for(base: str) -> dict[str, str]:
    """PREFIXES with the vocabulary's namespaces moved under `base`."""
    root = vocab_root(base)
    return {p: rebase(ns, root) for p, ns in PREFIXES.items()}


def readable_label(kind: Any, a: dict) -> Optional[str]:
    """The rdfs:label of a node, for people: a document's type and số ký hiệu ('Kế hoạch
    127-KH/TU'; its title when it has no số ký hiệu; a web page without title: 'Trang web'
    and its file's name), an agency's name with its province
    when the name does not hold it, else the node's label (the graph's `label`: pg:label)."""
    if kind == "document":
        sym, dt, title = a.get("symbol"), a.get("doc_type"), a.get("title")
        if isinstance(sym, str) and sym:
            return dt + " " + sym if isinstance(dt, str) and dt else sym
        if isinstance(title, str) and title:
            return title
        files = a.get("files")
        if a.get("doc_kind") == PAGE and isinstance(files, list) and files and isinstance(files[0], str):
            return rdf_word("page_label") + " " + os.path.basename(files[0])
    elif kind == "agency":
        name, jur = a.get("name"), a.get("jurisdiction")
        if isinstance(name, str) and name:
            if isinstance(jur, str) and jur and jur.casefold() not in name.casefold():
                return name + " (" + jur + ")"
            return name
    label = a.get("label")
    return None if is_empty(label) else str(label)


def media_type(path: str) -> str:
    """The media type of a source file by its extension (application/octet-stream when
    unknown)."""
    return FILE_MEDIA_TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def format_of(out: Any, fmt: Optional[str] = None) -> str:
    """The format name (ttl, nt, xml, jsonld) given, or else from the file's extension
    (default ttl)."""
    if fmt:
        fmt = FORMAT_ALIASES.get(fmt, fmt)
        if fmt not in FORMATS:
            raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    ext = os.path.splitext(str(out))[1].lower()
    return EXTENSIONS.get(ext, "ttl")


@contextlib.contextmanager
def no_gc():
    """Millions of small containers, none cyclic: the cyclic GC only costs time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


BASED_ON_CUES = tuple(r["phrase"] for r in rows("rdf_cues.csv") if r["kind"] == "based_on")


@functools.lru_cache(maxsize=None)
def rdf_word(kind: str) -> str:
    """The one phrase of tables/rdf_cues.csv of a label kind ('page_label', 'undated_label')."""
    (phrase,) = [r["phrase"] for r in rows("rdf_cues.csv") if r["kind"] == kind]
    return phrase


def is_based_on(evidence: Any) -> bool:
    """A cites edge whose evidence holds a based_on cue of tables/rdf_cues.csv ('căn cứ', on
    the basis of): also eli:based_on."""
    if not isinstance(evidence, str):
        return False
    text = evidence.lower()
    return any(cue in text for cue in BASED_ON_CUES)
