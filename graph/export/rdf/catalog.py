"""The catalogue of an export: a DCAT dataset with its distributions and VoID statistics,
written beside the export (`policygraph export --catalog FILE`).

  {base}id/dataset[/{profile}]  a dcat:Dataset, void:Dataset: dcterms:title, description,
      license, rights, issued / modified (the store's first and last build), publisher (a
      foaf:Agent), dcat:distribution per file, void:triples, void:entities,
      void:distinctSubjects, void:properties, void:classes, void:uriSpace, void:dataDump,
      void:classPartition (void:class, void:entities) and void:propertyPartition
      (void:property, void:triples), counted on the profile's triples
  …/distribution/{file name}  a dcat:Distribution: dcat:downloadURL, dcat:mediaType (IANA
      IRI), dcterms:format, dcat:byteSize, spdx:checksum (SHA-256), dcterms:license
Beside the export, not in it: the statistics describe the file, so inside it they would count
themselves; catalogue harvesters fetch the description on its own; and the export's bytes
and speed do not change. The same store and options give the same bytes.
"""
from __future__ import annotations

import collections
import hashlib
import os
from typing import Iterable, NamedTuple, Optional

import networkx as nx

from .context import DCAT, FOAF, VOID
from .engines import iter_ntriples, serialize_triples
from .jsonld import Compactor
from .rico import rico_triples
from .storefacts import StoreFacts
from .syntax import nt_line
from .terms import A, DCT, IANA_MEDIA, MEDIA_TYPES, SPDX, XSD, I, L, format_of, norm_base

DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_RIGHTS = ("The source texts are official documents of Viet Nam (legal and administrative "
                  "documents are not protected by copyright: Law on Intellectual Property, "
                  "Article 15); the graph read from them is published under the licence given.")
DEFAULT_PUBLISHER = "policygraph"
DEFAULT_TITLE = "policygraph: references between Vietnamese policy documents"


class CatalogOptions(NamedTuple):
    """What the catalogue says that the graph does not know (CLI options, defaults above).
    `download_base`: the URL the files are published under (default: the base IRI);
    `publisher_iri`: default {base}id/publisher."""

    title: str = DEFAULT_TITLE
    license: str = DEFAULT_LICENSE
    rights: str = DEFAULT_RIGHTS
    publisher: str = DEFAULT_PUBLISHER
    publisher_iri: Optional[str] = None
    download_base: Optional[str] = None


class VoidStats(NamedTuple):
    triples: int
    distinct_subjects: int
    classes: dict     # class IRI -> number of distinct subjects typed with it
    properties: dict  # predicate IRI -> number of triples


def void_stats(lines: Iterable[str]) -> VoidStats:
    """VoID counts of N-Triples lines (one triple per line, blank nodes none)."""
    n = 0
    subjects: set = set()
    typed: dict = collections.defaultdict(set)
    props: collections.Counter = collections.Counter()
    rdf_type = "<" + A + ">"
    for line in lines:
        if not line.strip():
            continue
        s, p, rest = line.split(" ", 2)
        n += 1
        subjects.add(s)
        props[p[1:-1]] += 1
        if p == rdf_type and rest.startswith("<"):
            typed[rest[1:rest.index(">")]].add(s)
    return VoidStats(n, len(subjects), {c: len(v) for c, v in sorted(typed.items())},
                     dict(sorted(props.items())))


def profile_lines(G: nx.MultiDiGraph, base: str, profile: str, files: Optional[dict]
                  ) -> Iterable[str]:
    """The N-Triples lines of an export profile."""
    if profile == "rico":
        return (nt_line(*t) for t in rico_triples(G, base, files))
    return (line for chunk in iter_ntriples(G, base) for line in chunk.split("\n"))


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _partition_iri(ds: str, kind: str, iri: str, cx: Compactor) -> str:
    c = cx.iri(iri)
    tail = c.replace(":", "/", 1) if c != iri else "iri/" + hashlib.sha1(iri.encode()).hexdigest()[:16]
    return f"{ds}/{kind}/{tail}"


def _distribution(ds: str, path: str, opts: CatalogOptions, base: str) -> list:
    name = os.path.basename(os.fspath(path))
    d = f"{ds}/distribution/{name}"
    mt = MEDIA_TYPES[format_of(path)]
    url = (opts.download_base or base).rstrip("/") + "/" + name
    cs = d + "/checksum/sha256"
    return [
        (ds, DCAT + "distribution", I(d)), (ds, VOID + "dataDump", I(url)),
        (d, A, I(DCAT + "Distribution")), (d, DCAT + "downloadURL", I(url)),
        (d, DCAT + "mediaType", I(IANA_MEDIA + mt)), (d, DCT + "format", L(mt)),
        (d, DCAT + "byteSize", L(str(os.path.getsize(path)), XSD + "nonNegativeInteger")),
        (d, DCT + "title", L(name)), (d, DCT + "license", I(opts.license)),
        (d, SPDX + "checksum", I(cs)), (cs, A, I(SPDX + "Checksum")),
        (cs, SPDX + "algorithm", I(SPDX + "checksumAlgorithm_sha256")),
        (cs, SPDX + "checksumValue", L(_sha256(path), XSD + "hexBinary")),
    ]


def _void(ds: str, stats: VoidStats) -> list:
    integer = XSD + "integer"
    out = [(ds, VOID + "triples", L(str(stats.triples), integer)),
           (ds, VOID + "entities", L(str(stats.distinct_subjects), integer)),
           (ds, VOID + "distinctSubjects", L(str(stats.distinct_subjects), integer)),
           (ds, VOID + "properties", L(str(len(stats.properties)), integer)),
           (ds, VOID + "classes", L(str(len(stats.classes)), integer))]
    cx = Compactor()
    for c, n in stats.classes.items():
        part = _partition_iri(ds, "class", c, cx)
        out += [(ds, VOID + "classPartition", I(part)), (part, VOID + "class", I(c)),
                (part, VOID + "entities", L(str(n), integer))]
    for p, n in stats.properties.items():
        part = _partition_iri(ds, "property", p, cx)
        out += [(ds, VOID + "propertyPartition", I(part)), (part, VOID + "property", I(p)),
                (part, VOID + "triples", L(str(n), integer))]
    return out


def _kinds(G: nx.MultiDiGraph) -> collections.Counter:
    return collections.Counter(a.get("kind") for _, a in G.nodes(data=True))


def catalog_triples(G: nx.MultiDiGraph, base: str, distributions: Iterable[str],
                    facts: Optional[StoreFacts] = None, options: Optional[CatalogOptions] = None,
                    profile: str = "default") -> list:
    """The catalogue of G's export (`distributions`: the files written, in any syntax) as
    light triples sorted as N-Triples lines."""
    base = norm_base(base)
    opts = options or CatalogOptions()
    ds = base + "id/dataset" + ("" if profile == "default" else "/" + profile)
    pub = opts.publisher_iri or base + "id/publisher"
    facts = facts or StoreFacts({}, None, None)
    k = _kinds(G)
    desc = (f"{k['document']} documents, {k['task']} tasks and {k['agency']} agencies read "
            f"from {len(facts.files)} source files, with the references between them and "
            f"where each was read; the {profile} profile of the export.")
    out = [(ds, A, I(DCAT + "Dataset")), (ds, A, I(VOID + "Dataset")),
           (ds, DCT + "title", L(opts.title, None, "en")),
           (ds, DCT + "description", L(desc, None, "en")),
           (ds, DCT + "license", I(opts.license)), (ds, DCT + "rights", L(opts.rights, None, "en")),
           (ds, DCT + "publisher", I(pub)), (pub, A, I(FOAF + "Agent")),
           (pub, FOAF + "name", L(opts.publisher)), (ds, VOID + "uriSpace", L(base))]
    for p, t in ((DCT + "issued", facts.first_built), (DCT + "modified", facts.last_built)):
        if t:
            out.append((ds, p, L(t, XSD + "dateTime")))
    for path in sorted(set(map(os.fspath, distributions))):
        out += _distribution(ds, path, opts, base)
    out += _void(ds, void_stats(profile_lines(G, base, profile, facts.files)))
    return sorted(set(out), key=lambda t: nt_line(*t))


def write_catalog(G: nx.MultiDiGraph, out: str, base: str, distributions: Iterable[str],
                  facts: Optional[StoreFacts] = None, options: Optional[CatalogOptions] = None,
                  profile: str = "default") -> int:
    """Write the catalogue (syntax from `out`'s extension); returns bytes written."""
    from graph.files import atomic_write

    data = serialize_triples(catalog_triples(G, base, distributions, facts, options, profile),
                             format_of(out), base)
    d = os.path.dirname(os.fspath(out))
    if d:
        os.makedirs(d, exist_ok=True)
    with atomic_write(out, "wb") as fh:
        fh.write(data)
    return len(data)
