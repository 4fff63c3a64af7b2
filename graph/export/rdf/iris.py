"""IRIs of the export, built from identity (never from counters, paths or dates learned
later), without blank nodes.

  document  {base}eli/vn/[{province}/]{issuer}/{type}/{period|undated}/{number}
  task      {document IRI}/task/{number}
  agency    {base}org/vn/[{province}/]{name}
  assertion {base}id/assertion/{sha1(subject relation object[ key])[:20]}
  source    {base}id/source/{sha256 of the file's content[:32]}
            ({base}id/source/path/{sha1(path)[:16]} when the content hash is not known)
  build     {base}id/build/{sha1(software version, sorted input hashes)[:16]}
Two nodes that would get the same IRI are told apart by a short hash of their node id.
The concepts (document type, agency kind, level, extraction method, province) are SKOS
concepts of the ontology, under {base}ontology/ like the rest of the vocabulary.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from typing import Any, NamedTuple, Optional

import networkx as nx

from graph.extract.agencies import expand_abbreviations
from graph.extract.symbols import parse_symbol
from graph.models import ASSIGNS, CITES, PART_OF
from graph.tables import province_aliases, provinces, rows
from graph.text import casefold_key

from .terms import (DCT, DEFAULT_BASE, ELI, ORG, PG, PGC, RELATION_PREDICATES, json_text,
                    norm_base, with_slash)

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


def _canonical_provinces() -> dict[str, str]:
    """Folded spelling -> canonical province name: the names of tables/provinces.csv, their
    aliases (province_aliases.csv) and former names of a province only renamed
    (province_succession.csv kind 'renamed': Thừa Thiên Huế -> Huế). Merged provinces stay
    themselves."""
    out = {casefold_key(r["name"]): r["name"] for r in provinces()}
    for name, aliases in province_aliases().items():
        out.update((casefold_key(a), name) for a in aliases)
    for r in rows("province_succession.csv"):
        if r["kind"] == "renamed":
            out[casefold_key(r["former"])] = r["successor"]
    return out


CANONICAL_PROVINCES = _canonical_provinces()


def _spellings() -> dict[str, set]:
    """Canonical province -> the folded spellings of it."""
    out: dict[str, set] = {}
    for k, v in CANONICAL_PROVINCES.items():
        out.setdefault(v, set()).add(k)
    return out


SPELLINGS = _spellings()
PROVINCE_NAMES = tuple(sorted({r["name"] for r in provinces()} - {
    r["former"] for r in rows("province_succession.csv") if r["kind"] == "renamed"}))


@functools.lru_cache(maxsize=4096)
def canonical_province(name: str) -> str:
    """The canonical name of a province as printed (the name itself when unknown)."""
    return CANONICAL_PROVINCES.get(casefold_key(name), name)


def place_slug(name: Any) -> str:
    """The one slug of a province, whatever its spelling ('Thừa Thiên Huế', 'Huế' -> 'hue')."""
    return slug(canonical_province(name) if isinstance(name, str) else name)


def province_iri(name: Any) -> str:
    """The place concept of a province (a dcterms:Location in pg:Provinces)."""
    return PGC + "province/" + place_slug(name)


def _year_of(attrs: dict) -> Optional[str]:
    y = attrs.get("year")
    if y:
        return str(y)
    d = attrs.get("date")
    if isinstance(d, str) and re.match(r"^\d{4}", d):
        return d[:4]
    return None


# the one symbol parser, cached: a document's path is made twice (its IRI, its undated IRI)
parsed_symbol = functools.lru_cache(maxsize=1 << 18)(parse_symbol)


def identity_period(node: Any) -> Optional[str]:
    """The period of a document's identity key (graph.link.identity: node id
    'doc:{symbol}|{province}|{period}'): the year a number restarts in, or the Party term;
    None when the id is not such a key or its period is unknown ('?')."""
    if isinstance(node, str) and node.startswith("doc:") and node.count("|") >= 2:
        period = node.rsplit("|", 1)[1]
        if period and period != "?":
            return period
    return None


def document_path(attrs: dict, node: Any = None, undated: bool = False) -> Optional[str]:
    """ELI-style path of a numbered document, None when it has no số ký hiệu: its parts
    from the node (type code, issuer; the period of its identity key, else its year) or
    else from the symbol read by the one symbol parser (`graph.extract.symbols.parse_symbol`:
    number without leading zeros, issuer codes). The period is what identifies the document,
    so learning its date later does not move the IRI. `undated`: the path it would have with
    no period (`…/undated/…`)."""
    sym = attrs.get("symbol")
    if not sym or not isinstance(sym, str):
        return None
    p = parsed_symbol(sym)
    if not p.number:
        return None
    type_code = attrs.get("type_code") or p.type_code or attrs.get("doc_type") or "vb"
    issuer = "-".join(p.issuers) or attrs.get("issuer") or "unknown"
    if undated:
        period = "undated"
    else:
        period = (identity_period(node) or (str(p.year) if p.year else None)
                  or _year_of(attrs) or "undated")
    segs = ["eli", "vn"]
    if attrs.get("jurisdiction"):
        segs.append(place_slug(attrs["jurisdiction"]))
    segs += [slug(issuer), slug(type_code), slug(period), slug(p.number)]
    return "/".join(segs)


def mint_iris(G: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> dict[Any, str]:
    """Node id -> IRI, stable (depends only on node ids and attributes) and injective;
    ValueError when `base` is no base IRI (`terms.norm_base`)."""
    base = norm_base(base)
    wanted: dict[Any, str] = {}
    for n, a in G.nodes(data=True):
        kind = a.get("kind")
        if kind == "document":
            path = document_path(a, n)
            wanted[n] = base + (path if path else f"id/document/{short_hash(n)}")
        elif kind == "agency":
            wanted[n] = agency_iri(base, a.get("name") or a.get("label") or n,
                                   a.get("jurisdiction"))
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


def agency_iri(base: str, name: Any, jurisdiction: Any = None) -> str:
    """{base}org/vn/[{province}/]{name}: the name's slug (`agency_slug`: abbreviations opened,
    without its province and the province's kind word), so the issuer 'Sở Tài chính tỉnh An
    Giang' and the graph's agency 'Sở Tài chính' of An Giang are one IRI, and so are
    'Ủy ban nhân dân tỉnh Thái Bình', 'UBND tỉnh Thái Bình' and 'Ủy ban nhân dân tỉnh' of
    Thái Bình (…/thai-binh/uy-ban-nhan-dan)."""
    segs = ["org", "vn"]
    if jurisdiction:
        segs.append(place_slug(jurisdiction))
    if isinstance(name, str):
        segs.append(agency_slug(name, jurisdiction if isinstance(jurisdiction, str) else None))
    else:
        segs.append(slug(name))
    return with_slash(base) + "/".join(segs)


def _province_kinds() -> dict[str, tuple[str, ...]]:
    """Canonical province -> the slugs of its kind words, longest first: the kind of
    tables/provinces.csv of the province and of its former names ('tỉnh' Thừa Thiên Huế,
    'thành phố' Huế), and the abbreviations of those words in tables/agencies.csv ('TP')."""
    abbrs: dict[str, set] = {}
    for r in rows("agencies.csv"):
        if r["kind"] == "abbr":
            abbrs.setdefault(casefold_key(r["full"]), set()).add(slug(r["short"]))
    out: dict[str, set] = {}
    for r in provinces():
        if r["kind"]:
            words = {slug(r["kind"])} | abbrs.get(casefold_key(r["kind"]), set())
            out.setdefault(canonical_province(r["name"]), set()).update(words)
    return {p: tuple(sorted(ws, key=len, reverse=True)) for p, ws in out.items()}


PROVINCE_KINDS = _province_kinds()


@functools.lru_cache(maxsize=1 << 14)
def agency_slug(name: str, jurisdiction: Optional[str] = None) -> str:
    """The slug of an agency's name in its IRI: abbreviations opened (UBND -> Ủy ban nhân
    dân, tables/agencies.csv), then, for an agency of a province, the province at the end
    under any spelling (tables/provinces.csv, province_aliases.csv) and the province's kind
    word before it or at the end ('tỉnh', 'thành phố', 'TP'): 'Sở Y tế Thành phố Hà Nội',
    'Sở Y tế thành phố' and 'Sở Y tế' of Hà Nội are 'so-y-te'. A kind word that is not the
    province's stays ('Ủy ban nhân dân thành phố' of a tỉnh is a city's committee)."""
    if not jurisdiction:
        return slug(expand_abbreviations(name))
    spellings, slugs = _place_spellings(jurisdiction)
    words = name.split()
    folded = casefold_key(name)
    for k in spellings:  # as printed first: 'TP.HCM' is no abbreviation to open
        if folded.endswith(" " + k):
            words = words[:-len(k.split())]
            break
    s = slug(expand_abbreviations(" ".join(words)), maxlen=400)
    s = _strip_tail(s, slugs)
    s = _strip_tail(s, PROVINCE_KINDS.get(canonical_province(jurisdiction), ()))
    return slug(s)


@functools.lru_cache(maxsize=4096)
def _place_spellings(jurisdiction: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every spelling of a province, case-folded, and their slugs, each longest first."""
    canonical = canonical_province(jurisdiction)
    got = {casefold_key(jurisdiction), casefold_key(canonical)} | SPELLINGS.get(canonical, set())
    return (tuple(sorted(got, key=len, reverse=True)),
            tuple(sorted({slug(k) for k in got}, key=len, reverse=True)))


def _strip_tail(s: str, tails: tuple[str, ...]) -> str:
    """The slug without the first (longest) of `tails` it ends with as whole words (never
    the whole slug)."""
    for t in tails:
        if t and s.endswith("-" + t):
            return s[:-len(t) - 1]
    return s


class Provisional(NamedTuple):
    """A provisional document IRI (`…/undated/…`): the symbol it was minted for and the
    documents of the graph it may stand for."""

    symbol: str
    documents: tuple[str, ...]


def replaced_iris(G: nx.MultiDiGraph, iri: dict, base: str = DEFAULT_BASE) -> dict[str, Provisional]:
    """Provisional IRI -> what it stands for now. A document read without its period gets
    `…/undated/…`; every dated document of the graph has the undated path a mention of it
    without its period would have been given (in a smaller corpus, or an earlier export).
    Such an IRI no node holds is written with the documents it may be: one (it is replaced
    by it) or several (candidates). Never withdrawn as the corpus grows: a second document
    turns the replacement into candidates, a link made to it still leads somewhere."""
    base = with_slash(base)
    held = set(iri.values())
    by_undated: dict[str, list] = {}
    for n, a in G.nodes(data=True):
        if a.get("kind") == "document" and a.get("symbol"):
            path = document_path(a, n, undated=True)
            if path is not None and base + path != iri.get(n):
                by_undated.setdefault(base + path, []).append((str(a["symbol"]), iri[n]))
    return {u: Provisional(min(s for s, _ in got), tuple(sorted({d for _, d in got})))
            for u, got in by_undated.items() if u not in held}


def _dedupe(wanted: dict[Any, str]) -> None:
    by_iri: dict[str, list] = {}
    for n, iri in wanted.items():
        by_iri.setdefault(iri, []).append(n)
    for iri, nodes in by_iri.items():
        if len(nodes) > 1:
            for n in sorted(nodes, key=str)[1:]:
                wanted[n] = f"{iri}~{short_hash(n, 8)}"


_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_sha256(v: Any) -> bool:
    """A lower-case hex SHA-256 digest."""
    return isinstance(v, str) and _SHA256.fullmatch(v) is not None


def source_iri(base: str, path: str, sha256: Optional[str] = None) -> str:
    """The source file an assertion was read from: {base}id/source/{sha256[:32]} from its
    content (moving or renaming the file keeps it), or {base}id/source/path/{sha1(path)[:16]}
    when its content hash is not known."""
    if is_sha256(sha256):
        return f"{with_slash(base)}id/source/{sha256[:32]}"
    return f"{with_slash(base)}id/source/path/{short_hash(path)}"


def build_iri(base: str, version: str, hashes: Any) -> str:
    """{base}id/build/{sha1(version and the sorted input hashes)[:16]}: the build of these
    inputs by this version of the software (no time, no path: the same store gives it)."""
    return f"{with_slash(base)}id/build/{short_hash(version + ' ' + ' '.join(sorted(hashes)))}"


def agent_iri(base: str, software: str, version: str) -> str:
    """{base}id/agent/{software}/{version}: the software that built the graph."""
    return f"{with_slash(base)}id/agent/{slug(software)}/{slug(version)}"


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
    if relation == CITES and skind == "page":
        return DCT + "references"  # eli:cites is of legal resources; a web page only refers
    if relation == ASSIGNS and skind == "document" and okind == "task":
        return PG + "assigns"  # the plan assigns the task (task -> agency is pg:assignedTo)
    if relation == PART_OF:
        if skind == "agency" and okind == "agency":
            return ORG + "subOrganizationOf"
        if skind == "task" and okind == "document":
            return ELI + "is_part_of"
    return RELATION_PREDICATES.get(relation) or PG + slug(relation)


def _doctype_slugs() -> dict[str, str]:
    """Type code of tables/doc_types.csv -> its concept's slug; two codes with one slug (ĐA
    Đề án, DA Dự án) are told apart by writing đ as 'dd' in the one that has it."""
    codes = [r["code"] for r in rows("doc_types.csv")]
    by_slug: dict[str, list] = {}
    for c in codes:
        by_slug.setdefault(slug(c), []).append(c)
    out = {}
    for s, cs in by_slug.items():
        for c in cs:
            telex = len(cs) > 1 and "Đ" in c.upper()
            out[c] = slug(c.replace("Đ", "DD").replace("đ", "dd")) if telex else s
    return out


DOCTYPE_SLUGS = _doctype_slugs()


def _doctype_keys() -> dict[str, str]:
    """Case-folded code, name or Party name of a type of tables/doc_types.csv -> its
    concept's slug ('qđ', 'quyết định', 'luật', 'công văn', 'thông tri'); codes before names,
    a name two codes share (Quy định: QyĐ, QĐi) is the first row's."""
    table = rows("doc_types.csv")
    out: dict[str, str] = {}
    for r in table:
        out.setdefault(casefold_key(r["code"]), DOCTYPE_SLUGS[r["code"]])
    for r in table:
        for name in (r["name"], r["party_name"]):
            if name:
                out.setdefault(casefold_key(name), DOCTYPE_SLUGS[r["code"]])
    return out


DOCTYPE_KEYS = _doctype_keys()


def doctype_slug(value: Any) -> Optional[str]:
    """The concept slug of a type code or name known to tables/doc_types.csv, whatever its
    case or Unicode form ('QĐ', 'qđ', 'Luật', 'LUẬT', 'Công văn'), else None."""
    if not isinstance(value, str) or not value:
        return None
    return DOCTYPE_SLUGS.get(value) or DOCTYPE_KEYS.get(casefold_key(value))


def doctype_iri(type_code: Optional[str], doc_type: Optional[str]) -> Optional[str]:
    """The document-type concept of the ontology's scheme (pg:DocumentTypes) the type code
    names, else the one the type's name names (tables/doc_types.csv: a Luật with no code is
    doctype:l, a Công văn doctype:cv); only a type the table does not know is minted, from
    its code (or, without one, its name)."""
    known = doctype_slug(type_code) or doctype_slug(doc_type)
    if known:
        return PGC + "doctype/" + known
    key = type_code or doc_type
    if not key:
        return None
    return PGC + "doctype/" + slug(key)


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


class ParentRule(NamedTuple):
    """A row of tables/agency_parents.csv: agencies whose slugged name matches `pattern`,
    `where` they are (province, national, any, or a province kind: tỉnh, thành phố), belong
    to the body named `parent` ({province}, {place}, {unit}), of their province or national
    (`parent_where`)."""

    pattern: re.Pattern
    where: str
    parent: str
    parent_where: str


PARENT_RULES = tuple(ParentRule(re.compile(r["pattern"]), r["where"], r["parent"],
                                r["parent_where"]) for r in rows("agency_parents.csv"))
JOINT_ISSUERS = ";"  # what separates the issuers of a joint issue in an issuer's name
PROVINCE_UNITS = {r["name"]: r["kind"] for r in provinces()}  # province -> tỉnh | thành phố


def place_name(province: str) -> str:
    """A province with its kind ('tỉnh Nghệ An'), or as it is when its name opens with it
    ('Thành phố Hồ Chí Minh')."""
    unit = PROVINCE_UNITS.get(province, "")
    if not unit or casefold_key(province).startswith(casefold_key(unit) + " "):
        return province
    return unit + " " + province


def _rule_applies(rule: ParentRule, province: Optional[str]) -> bool:
    if rule.where == "any":
        return True
    if rule.where == "national":
        return province is None
    if province is None:
        return False
    return rule.where == "province" or rule.where == PROVINCE_UNITS.get(province)


@functools.lru_cache(maxsize=1 << 12)
def parent_of(name: str, jurisdiction: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """(name, province or None) of the body an agency belongs to by the first rule of
    tables/agency_parents.csv its slugged name matches, None when none does or when the
    name lists the issuers of a joint issue ('A; B': no one body)."""
    if JOINT_ISSUERS in name:
        return None
    province = canonical_province(jurisdiction) if jurisdiction else None
    s = slug(name, maxlen=400)
    for rule in PARENT_RULES:
        if _rule_applies(rule, province) and rule.pattern.search(s):
            parent = rule.parent.format(province=province or "", place=place_name(province or ""),
                                        unit=PROVINCE_UNITS.get(province or "", ""))
            return parent, (province if rule.parent_where == "province" else None)
    return None


class Hierarchy:
    """The bodies agencies belong to, as IRIs under one base (`parent_of` minted by
    `agency_iri`: the IRI the graph's own agency of that name and province gets)."""

    def __init__(self, base: str) -> None:
        self.base = with_slash(base)

    def parent(self, name: Any, jurisdiction: Any) -> Optional[str]:
        """The IRI of the body agency `name` of province `jurisdiction` belongs to, or None."""
        if not isinstance(name, str) or not name:
            return None
        got = parent_of(name, jurisdiction if isinstance(jurisdiction, str) else None)
        return agency_iri(self.base, *got) if got else None

    def chain(self, name: str, jurisdiction: Optional[str]) -> list[tuple[str, str, Optional[str]]]:
        """(IRI, name, province) of the bodies above an agency, nearest first, up to one that
        belongs to none (a cycle of the rules stops at the first body met twice)."""
        out: list = []
        seen = {agency_iri(self.base, name, jurisdiction)}
        got = parent_of(name, jurisdiction)
        while got is not None:
            s = agency_iri(self.base, *got)
            if s in seen:
                break
            seen.add(s)
            out.append((s, *got))
            got = parent_of(*got)
        return out


def graph_base(iri: dict) -> str:
    """The base of a graph's IRIs, read from an agency IRI ({base}org/vn/…), else the
    default base."""
    for v in iri.values():
        at = v.rfind("org/vn/") if isinstance(v, str) else -1
        if at > 0:
            return v[:at]
    return DEFAULT_BASE


def province_committees(G: nx.MultiDiGraph, iri: dict) -> Hierarchy:
    """The Hierarchy of the graph's IRIs (its base: `graph_base`)."""
    return Hierarchy(graph_base(iri))


def committee_of(hierarchy: Hierarchy, name: Any, jurisdiction: Any) -> Optional[str]:
    """The IRI of the body an agency (a name and its province) belongs to, by the rules of
    tables/agency_parents.csv (`Hierarchy.parent`), else None."""
    return hierarchy.parent(name, jurisdiction)


def named_parent(node_id: str) -> Optional[tuple[str, Optional[str]]]:
    """(name, province) of an agency id (graph.link.identity.agency_id:
    'agency:{province}|{name}', both case-folded), None for another id."""
    head, sep, name = node_id.partition("|")
    if not sep or not head.startswith("agency:") or not name:
        return None
    province = head[len("agency:"):]
    return name, (canonical_province(province) if province else None)


def agency_parents(G: nx.MultiDiGraph, iri: dict, base: Optional[str] = None) -> dict[Any, str]:
    """Agency node -> the IRI of the body it belongs to, where the graph's own edges do not
    say (no part_of edge to an agency, no `parent` that is a node of the graph): the body its
    `parent` names when that is no node but a name of a known agency kind (`agency_kind`),
    else by the rules of tables/agency_parents.csv
    (`Hierarchy.parent`). `base`: the base of `iri` (default: `graph_base`)."""
    hierarchy = Hierarchy(base if base is not None else graph_base(iri))
    out = {}
    for n, a in G.nodes(data=True):
        if a.get("kind") != "agency" or a.get("is_group") or any(
                (d.get("relation") or k) == PART_OF and G.nodes[v].get("kind") == "agency"
                for _, v, k, d in G.out_edges(n, keys=True, data=True)):
            continue
        given = a.get("parent")
        if isinstance(given, str) and given:
            if given in G:
                continue  # written from the attribute (mapping: the node's IRI)
            named = named_parent(given)
            parent = (agency_iri(hierarchy.base, *named)
                      if named and agency_kind({"name": named[0]}) != "other" else None)
        else:
            parent = hierarchy.parent(a.get("name") or a.get("label"), a.get("jurisdiction"))
        if parent is not None and parent != iri[n]:
            out[n] = parent
    return out


def agency_kind_iri(attrs: dict) -> str:
    return PGC + "agency-kind/" + agency_kind(attrs)
