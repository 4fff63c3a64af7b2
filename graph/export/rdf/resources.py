"""The resources of an export besides its nodes and edges, as plain triples: the source
files (fixity: content hash, media type, size), the build that made the graph (a
prov:Activity, its software agent, its inputs), the concept schemes of the ontology
(document types, levels, provinces, agency kinds, extraction methods), the concepts and
places met in the data but not in those schemes, the agencies named only as issuers, and the
provisional document IRIs replaced by a dated one.

Both writers use these functions (they make a few hundred resources, not one per edge):
`mapping.triples` adds the triples, `writer.TextWriter` writes them as its other subjects.
`Seen` is what a pass over the nodes collects for them.
"""
from __future__ import annotations

import functools
from typing import Any, NamedTuple, Optional

import networkx as nx

from graph.tables import issuers
from graph.text import casefold_key

from .iris import (JOINT_ISSUERS, Hierarchy, agency_iri, agency_kind_iri, agency_parents,
                   agent_iri, build_iri, committee_of, doctype_iri, is_sha256, named_parent,
                   place_slug, province_iri, source_iri)
from .storefacts import FileFacts, utc_iso
from .terms import (ONTOLOGY_DIR, A, DCT, IANA_MEDIA, ORG, OWL, PG, PROV, RDFS, SKOS, SOFTWARE,
                    SPDX, XSD, I, L, media_type, rdf_word)

ONTOLOGY = ONTOLOGY_DIR / "policygraph.ttl"
SCHEMES = ("DocumentTypes", "Levels", "Provinces", "AgencyKinds", "ExtractionMethods")


def software_version() -> str:
    """The installed version of the software (package metadata), '0' when not installed."""
    from importlib import metadata
    try:
        return metadata.version(SOFTWARE)
    except metadata.PackageNotFoundError:
        return "0"


class Build(NamedTuple):
    """The build the export describes: activity and agent IRIs, version, start and end."""

    iri: str
    agent: str
    version: str
    start: Optional[str]
    end: Optional[str]


def build_of(base: str, facts: dict[str, FileFacts]) -> Build:
    """The build of the graph: IRI from the software version and the inputs' hashes, times
    from the store (the first and last file built), so the same store gives the same bytes."""
    version = software_version()
    hashes = [f.sha256 for f in facts.values() if is_sha256(f.sha256)]
    times = [f.built_at for f in facts.values() if isinstance(f.built_at, (int, float))]
    return Build(build_iri(base, version, hashes), agent_iri(base, SOFTWARE, version), version,
                 utc_iso(min(times)) if times else None, utc_iso(max(times)) if times else None)


class Seen:
    """What the nodes name that the export describes as resources of its own."""

    def __init__(self) -> None:
        self.sources: set[str] = set()
        self.concepts: dict[str, tuple[set, set]] = {}  # doc-type concept -> (codes, names)
        self.places: set[str] = set()
        self.issuers: dict[str, tuple] = {}  # agency IRI -> (name, jurisdiction)

    def update(self, other: "Seen") -> None:
        self.sources |= other.sources
        self.places |= other.places
        for k, v in other.issuers.items():
            self.issuers[k] = min(self.issuers.get(k, v), v)
        for t, (codes, names) in other.concepts.items():
            cs, ns = self.concepts.setdefault(t, (set(), set()))
            cs |= codes
            ns |= names


def issuer_parts(a: dict) -> list[dict]:
    """A document's attributes once per issuer it names: a joint issue ('A; B',
    `iris.JOINT_ISSUERS`) once per body, each with that body as its issuer; any other
    document as it is."""
    issuer = a.get("issuer")
    parts = [x.strip() for x in issuer.split(JOINT_ISSUERS)] if isinstance(issuer, str) else []
    parts = [x for x in parts if x]
    return [{**a, "issuer": x} for x in parts] if len(parts) > 1 else [a]


def issuer_agency(base: str, a: dict) -> Optional[str]:
    """The agency IRI an issuer names (one body), None without an issuer."""
    issuer = a.get("issuer")
    if not isinstance(issuer, str) or not issuer.strip():
        return None
    jur = a.get("jurisdiction")
    return _issuer_iri(base, issuer, jur if isinstance(jur, str) else None)


def issuer_agencies(base: str, a: dict) -> list[str]:
    """The agencies a document's issuer names (`eli:passed_by` when the graph has no
    issued_by edge): one, or one per body of a joint issue, sorted."""
    return sorted({ag for x in issuer_parts(a) if (ag := issuer_agency(base, x)) is not None})


@functools.lru_cache(maxsize=1 << 14)
def _issuer_iri(base: str, issuer: str, jurisdiction: Optional[str]) -> str:
    return agency_iri(base, issuer, jurisdiction)


def note(a: dict, seen: Seen, base: str, issued: bool) -> None:
    """Add what node attributes `a` name to `seen` (`issued`: the node has an issued_by
    edge, so its issuer needs no agency of its own)."""
    srcs = a.get("sources")
    if isinstance(srcs, list):
        seen.sources.update(x for x in srcs if isinstance(x, str))
    kind = a.get("kind")
    jur = a.get("jurisdiction")
    if isinstance(jur, str) and jur:
        seen.places.add(jur)
    if kind == "document":
        files = a.get("files")
        if isinstance(files, list) and all(isinstance(x, str) for x in files):
            seen.sources.update(files)
        code, name = a.get("type_code"), a.get("doc_type")
        if code or name:
            codes, names = seen.concepts.setdefault(doctype_iri(code, name), (set(), set()))
            if code:
                codes.add(str(code))
            if name:
                names.add(str(name))
        if not issued:
            for part in issuer_parts(a):
                ag = issuer_agency(base, part)
                if ag is not None:
                    named = (part["issuer"], jur if isinstance(jur, str) else "")
                    seen.issuers[ag] = min(seen.issuers.get(ag, named), named)
    elif kind == "task" and isinstance(a.get("source"), str):
        seen.sources.add(a["source"])


# ------------------------------------------------------------------ triples

def source_triples(base: str, path: str, f: FileFacts, build: Build) -> list:
    """A source file: a pg:SourceFile (prov:Entity) with its path as a plain literal, its
    media type (dcterms:format, IANA IRI), its size in characters and its SPDX checksum."""
    s = source_iri(base, path, f.sha256)
    out = [(s, A, I(PROV + "Entity")), (s, A, I(PG + "SourceFile")), (s, PG + "path", L(path)),
           (s, DCT + "format", I(IANA_MEDIA + media_type(path)))]
    if isinstance(f.size, int) and not isinstance(f.size, bool):
        out.append((s, PG + "characters", L(str(f.size), XSD + "integer")))
    if is_sha256(f.sha256):
        c = s + "/checksum/sha256"
        out += [(s, SPDX + "checksum", I(c)), (c, A, I(SPDX + "Checksum")),
                (c, SPDX + "algorithm", I(SPDX + "checksumAlgorithm_sha256")),
                (c, SPDX + "checksumValue", L(f.sha256, XSD + "hexBinary"))]
    return out


def build_triples(build: Build, used: list) -> list:
    """The build (a prov:Activity: its times, its software agent, its inputs) and its agent
    (a prov:SoftwareAgent with name and version)."""
    s, ag = build.iri, build.agent
    out = [(s, A, I(PROV + "Activity")), (s, RDFS + "label", L("policygraph build", None, "en")),
           (s, PROV + "wasAssociatedWith", I(ag)),
           (ag, A, I(PROV + "SoftwareAgent")), (ag, RDFS + "label", L(SOFTWARE)),
           (ag, OWL + "versionInfo", L(build.version))]
    if build.start:
        out.append((s, PROV + "startedAtTime", L(build.start, XSD + "dateTime")))
    if build.end:
        out.append((s, PROV + "endedAtTime", L(build.end, XSD + "dateTime")))
    out.extend((s, PROV + "used", I(u)) for u in used)
    return out


@functools.lru_cache(maxsize=1)
def scheme_triples() -> tuple:
    """The triples of the ontology's concept schemes and their concepts (SCHEMES), read
    from ontology/policygraph.ttl: the export carries the same schemes as the ontology."""
    import pyoxigraph

    if not ONTOLOGY.is_file():
        raise FileNotFoundError(f"{ONTOLOGY}: the ontology is needed for its concept schemes")
    by_s: dict[str, list] = {}
    with open(ONTOLOGY, "rb") as fh:
        for t in pyoxigraph.parse(fh, pyoxigraph.RdfFormat.TURTLE):
            o = t.object
            if isinstance(o, pyoxigraph.NamedNode):
                ot: Any = I(o.value)
            else:
                dt = o.datatype.value if o.language is None else None
                ot = L(o.value, None if dt == XSD + "string" else dt, o.language)
            by_s.setdefault(t.subject.value, []).append((t.predicate.value, ot))
    schemes = {PG + s for s in SCHEMES}
    out = []
    for s, pos in by_s.items():
        if s in schemes or any(p == SKOS + "inScheme" and o in schemes for p, o in pos):
            out.extend((s, p, o) for p, o in pos if p != RDFS + "comment")
    return tuple(sorted(out))


@functools.lru_cache(maxsize=1)
def scheme_subjects() -> frozenset:
    return frozenset(s for s, _, _ in scheme_triples())


def concept_triples(concept: str, codes: set, names: set) -> list:
    """A document-type concept met in the data but not in the ontology's scheme."""
    out = [(concept, A, I(SKOS + "Concept")), (concept, SKOS + "inScheme", I(PG + "DocumentTypes"))]
    if codes:
        out.append((concept, SKOS + "notation", L(min(codes))))
    if names:
        out.append((concept, SKOS + "prefLabel", L(min(names), None, "vi")))
    return out


def place_triples(names: list) -> list:
    """A place met in the data whose name is no province of the tables: a dcterms:Location
    labelled with its name as printed."""
    s = province_iri(names[0])
    return [(s, A, I(DCT + "Location")), (s, SKOS + "prefLabel", L(min(names), None, "vi"))]


def issuer_triples(s: str, name: str, parent: Optional[str]) -> list:
    """An agency named only as a document's issuer: an org:Organization with its name, its
    kind and (`iris.committee_of`) the body it belongs to."""
    out = [(s, A, I(ORG + "Organization")), (s, SKOS + "prefLabel", L(name, None, "vi")),
           (s, ORG + "classification", I(agency_kind_iri({"name": name})))]
    if parent is not None and parent != s:
        out.append((s, ORG + "subOrganizationOf", I(parent)))
    return out


def other_triples(base: str, seen: Seen, facts: dict[str, FileFacts], build: Build,
                  node_iris: set, replaced: dict, committees: dict) -> list:
    """The triples of every resource of the export that is no node and no assertion
    (`committees`: `iris.province_committees`)."""
    out = list(scheme_triples())
    known = scheme_subjects()
    used = []
    # the build's inputs: every file it read (the store's, texts that added nothing to the
    # graph included) and every file the graph names
    for path in sorted(set(seen.sources) | set(facts)):
        trs = source_triples(base, path, facts.get(path) or FileFacts(), build)
        used.append(trs[0][0])
        out += trs
    out += build_triples(build, used)
    for concept, (codes, names) in seen.concepts.items():
        if concept not in known:
            out += concept_triples(concept, codes, names)
    places: dict[str, list] = {}
    for name in seen.places:
        places.setdefault(place_slug(name), []).append(name)
    for names in places.values():
        if province_iri(names[0]) not in known:
            out += place_triples(sorted(names))
    for s, (name, jur) in seen.issuers.items():
        if s not in node_iris:
            out += issuer_triples(s, name, committee_of(committees, name, jur))
    for u, pro in replaced.items():
        out += provisional_triples(u, pro)
    return out


def provisional_triples(u: str, pro: Any) -> list:
    """A provisional (undated) document IRI (`iris.replaced_iris`): a pg:UndatedReference
    labelled with its symbol, replaced by the one document it stands for, or with each
    document it may be as a candidate."""
    out = [(u, A, I(PG + "UndatedReference")),
           (u, RDFS + "label", L(f"{pro.symbol} ({rdf_word('undated_label')})", None, "vi"))]
    if len(pro.documents) == 1:
        out.append((u, DCT + "isReplacedBy", I(pro.documents[0])))
    else:
        out += [(u, PG + "candidate", I(d)) for d in pro.documents]
    return out


# ------------------------------------------------------------------ parent organisations
# (the bodies agencies belong to that are no node of the graph: tables/agency_parents.csv)

def _spellings(G: nx.MultiDiGraph) -> dict[str, str]:
    """Case-folded agency name -> a spelling of it: the graph's agency names and the names
    of tables/issuers.csv (an agency id keeps its name case-folded only)."""
    names = [r["name"] for r in issuers().values() if r.get("name")]
    names += [a["name"] for _, a in G.nodes(data=True)
              if a.get("kind") == "agency" and isinstance(a.get("name"), str)]
    return {casefold_key(x): x for x in sorted(names, reverse=True)}


def _spelled(name: str, spellings: dict) -> str:
    got = spellings.get(casefold_key(name))
    return got if got is not None else name[:1].upper() + name[1:]


def parent_org_triples(G: nx.MultiDiGraph, iri: dict, base: str, issuers_seen: dict) -> list:
    """The bodies the graph's agencies and the issuer resources (`issuers_seen`:
    `Seen.issuers`) belong to that are neither nodes nor issuer resources, up to the top of
    their chains (`iris.Hierarchy.chain`), each written as `issuer_triples` writes an agency:
    org:Organization, skos:prefLabel@vi, org:classification and the body it belongs to."""
    hierarchy = Hierarchy(base)
    described = set(iri.values()) | set(issuers_seen)
    spellings = _spellings(G)
    starts: list[tuple[Any, Any]] = list(issuers_seen.values())
    out = []
    for n, parent in agency_parents(G, iri, hierarchy.base).items():
        given = G.nodes[n].get("parent")
        named = named_parent(given) if isinstance(given, str) else None
        if named is not None and given not in G:  # a parent the graph names that is no node: the chain from it
            name = _spelled(named[0], spellings)
            starts.append((name, named[1]))
            if parent not in described:
                described.add(parent)
                out += issuer_triples(parent, name, hierarchy.parent(name, named[1]))
        else:
            a = G.nodes[n]
            starts.append((a.get("name") or a.get("label"), a.get("jurisdiction")))
    for name, jur in starts:
        if not isinstance(name, str) or not name:
            continue
        for s, pname, pjur in hierarchy.chain(name, jur or None):
            if s in described:
                break
            described.add(s)
            out += issuer_triples(s, pname, hierarchy.parent(pname, pjur))
    return out
