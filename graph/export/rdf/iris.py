"""IRIs of the export, built from identity (never from counters), without blank nodes.

  document  {base}eli/vn/[{province}/]{issuer}/{type}/{year|undated}/{number}
  task      {document IRI}/task/{number}
  agency    {base}org/vn/[{province}/]{name}
  assertion {base}id/assertion/{sha1(subject relation object[ key])[:20]}
  source    {base}id/source/{sha1(path)[:16]}
Two nodes that would get the same IRI are told apart by a short hash of their node id.
The concepts (document type, agency kind, level, extraction method) are SKOS concepts of the
ontology.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from typing import Any, Optional

import networkx as nx

from graph.extract.symbols import parse_symbol
from graph.models import ASSIGNS, PART_OF
from graph.tables import rows

from .terms import DEFAULT_BASE, ELI, ORG, PG, PGC, RELATION_PREDICATES, json_text, with_slash

_SLUG_OK = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(text: Any, maxlen: int = 80) -> str:
    """ASCII slug without diacritics: 'Sở Lao động – Thương binh' -> 'so-lao-dong-thuong-binh'."""
    s = str(text)
    if len(s) <= maxlen and _SLUG_OK.fullmatch(s):
        return s
    return slug_plain(s, maxlen)


@functools.lru_cache(maxsize=1 << 16)
def slug_plain(text: str, maxlen: int) -> str:
    """`slug` by the full rule (slug takes a text already a slug as it is)."""
    s = text.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > maxlen:
        s = s[:maxlen].rstrip("-") + "-" + short_hash(text, 6)
    return s or "x"


def short_hash(value: Any, n: int = 16) -> str:
    """The first n hex digits of the SHA-1 of str(value)."""
    return hashlib.sha1(str(value).encode("utf-8")).hexdigest()[:n]


def _year_of(attrs: dict) -> Optional[str]:
    y = attrs.get("year")
    if y:
        return str(y)
    d = attrs.get("date")
    if isinstance(d, str) and re.match(r"^\d{4}", d):
        return d[:4]
    return None


def document_path(attrs: dict) -> Optional[str]:
    """ELI-style path of a numbered document, None when it has no số ký hiệu: its parts
    from the node (type code, year, issuer) or else from the symbol read by the one symbol
    parser (`graph.extract.symbols.parse_symbol`: number without leading zeros, issuer
    codes)."""
    sym = attrs.get("symbol")
    if not sym or not isinstance(sym, str):
        return None
    p = parse_symbol(sym)
    if not p.number:
        return None
    type_code = attrs.get("type_code") or p.type_code or attrs.get("doc_type") or "vb"
    issuer = "-".join(p.issuers) or attrs.get("issuer") or "unknown"
    year = _year_of(attrs) or (str(p.year) if p.year else "undated")
    segs = ["eli", "vn"]
    if attrs.get("jurisdiction"):
        segs.append(slug(attrs["jurisdiction"]))
    segs += [slug(issuer), slug(type_code), slug(year), slug(p.number)]
    return "/".join(segs)


def mint_iris(G: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> dict[Any, str]:
    """Node id -> IRI, stable (depends only on node ids and attributes) and injective."""
    base = with_slash(base)
    wanted: dict[Any, str] = {}
    for n, a in G.nodes(data=True):
        kind = a.get("kind")
        if kind == "document":
            path = document_path(a)
            wanted[n] = base + (path if path else f"id/document/{short_hash(n)}")
        elif kind == "agency":
            segs = ["org", "vn"]
            if a.get("jurisdiction"):
                segs.append(slug(a["jurisdiction"]))
            segs.append(slug(a.get("name") or a.get("label") or n))
            wanted[n] = base + "/".join(segs)
        elif kind != "task":
            wanted[n] = base + f"id/node/{short_hash(n)}"
    _dedupe(wanted)
    for n, a in G.nodes(data=True):  # tasks hang under their plan's IRI
        if a.get("kind") == "task":
            plan = a.get("plan")
            number = a.get("number")
            if isinstance(plan, str) and plan in wanted and number:
                wanted[n] = wanted[plan] + "/task/" + slug(number)
            else:
                wanted[n] = base + f"id/task/{short_hash(n)}"
    _dedupe(wanted)
    return wanted


def _dedupe(wanted: dict[Any, str]) -> None:
    by_iri: dict[str, list] = {}
    for n, iri in wanted.items():
        by_iri.setdefault(iri, []).append(n)
    for iri, nodes in by_iri.items():
        if len(nodes) > 1:
            for n in sorted(nodes, key=str)[1:]:
                wanted[n] = f"{iri}~{short_hash(n, 8)}"


def source_iri(base: str, path: str) -> str:
    """{base}id/source/{sha1(path)[:16]}: the source file an assertion was read from."""
    return f"{with_slash(base)}id/source/{short_hash(path)}"


def assertion_key(s: str, relation: Any, o: str, key: Any = None) -> str:
    """The hash that names an edge's assertion: sha1(subject relation object[ key])[:20]
    of the subject and object IRIs; the edge key counts only when it is not the relation
    (GRAPH_SCHEMA keys edges by their relation), so parallel edges stay apart."""
    text = s + " " + str(relation) + " " + o
    if key is not None and key != relation:
        text += " " + json_text(key)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def assertion_iri(base: str, s: str, relation: str, o: str, key: Any = None) -> str:
    """{base}id/assertion/{assertion_key(...)}."""
    return f"{with_slash(base)}id/assertion/{assertion_key(s, relation, o, key)}"


def edge_predicate(relation: str, skind: Optional[str], okind: Optional[str]) -> str:
    """The predicate of an edge's direct triple, by relation and the kinds at both ends."""
    if relation == ASSIGNS and skind == "document" and okind == "task":
        return PG + "assigns"  # the plan assigns the task (task -> agency is pg:assignedTo)
    if relation == PART_OF:
        if skind == "agency" and okind == "agency":
            return ORG + "subOrganizationOf"
        if skind == "task" and okind == "document":
            return ELI + "is_part_of"
    return RELATION_PREDICATES.get(relation) or PG + slug(relation)


def doctype_iri(type_code: Optional[str], doc_type: Optional[str]) -> Optional[str]:
    """The document-type concept of a type code (or, without one, of the type's name)."""
    key = type_code or doc_type
    return PGC + "doctype/" + slug(key) if key else None


def method_iri(origin: str) -> str:
    """The extraction-method concept of an edge's origin (header, preamble, body …)."""
    return PGC + "method/" + slug(origin)


def level_iri(level: str) -> str:
    """The level concept (party, central, provincial …) of a level that is a slug."""
    return PGC + "level/" + level


# (kind, pattern on the slugged name or None), first match wins (tables/agency_kinds.csv)
AGENCY_KINDS = tuple((r["kind"], r["pattern"] or None) for r in rows("agency_kinds.csv"))
_AGENCY_KIND_RES = [(kind, re.compile(pat)) for kind, pat in AGENCY_KINDS if pat]


def agency_kind(attrs: dict) -> str:
    """The agency kind of an agency: group, or the first kind whose pattern its slugged name
    matches, else other."""
    if attrs.get("is_group"):
        return "group"
    s = slug(attrs.get("name") or attrs.get("label") or "", maxlen=400)
    for kind, pattern in _AGENCY_KIND_RES:
        if pattern.search(s):
            return kind
    return "other"


def agency_kind_iri(attrs: dict) -> str:
    return PGC + "agency-kind/" + agency_kind(attrs)
