"""RDF -> graph: rebuild the networkx graph from an export (any of the four syntaxes).

Node ids, kinds, attributes, edges, relations and provenance come back; list attributes
(aliases, sources, candidates) come back sorted, lists of records (conflicts, refused merges,
an edge's other readings) in the builder's order (`terms.RecordSpec.order`), and the
attributes the export leaves out because they hold their kind's empty value
(`models.EMPTY_VALUES`, `models.EDGE_EMPTY_VALUES`) with that value. A file that cannot be parsed, or that holds
no policygraph node (foreign RDF, a `--profile rico` export), is refused with
`NotPolicygraphRDF` naming the file and the problem. `import_with_report` also says what
was not kept: the triples of the file that the rebuilt graph does not give back when it is
exported again, counted per predicate.
"""
from __future__ import annotations

import collections
import copy
import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Union

import networkx as nx

from graph.models import EDGE_EMPTY_VALUES, EMPTY_VALUES

from .engines import iter_ntriples
from .iris import mint_iris
from .jsonld import light
from .syntax import nt_line
from .terms import (A, CLASS_KINDS, DCT, DEFAULT_BASE, EDGE_FIELDS, EDGE_RECORDS, ELI, FORMATS,
                    NODE_RECORDS, NODE_SOURCE_LIST_TERMS, NODE_SOURCE_TERMS, NODE_TEXT_TERMS, PG,
                    PGC, PROV, RDF, RDFS, RETIRED_TERMS, RICO, SKOS, SOURCE_PATH_TERMS, SPDX,
                    VOCAB_ROOT, XSD, Field, I, RecordSpec, Term, format_of, no_gc, rebase,
                    vocab_root_of)


class NotPolicygraphRDF(ValueError):
    """A file that cannot be read as a policygraph export (the message names it)."""


@dataclass
class ImportReport:
    """What an import read and what it did not keep.

    `not_kept`: predicate IRI -> number of triples of the file that exporting the rebuilt
    graph again (with `base`, inferred from the node IRIs) does not write."""

    file: str
    triples: int
    nodes: int
    edges: int
    base: str
    not_kept: dict = field(default_factory=dict)

    @property
    def lost(self) -> int:
        return sum(self.not_kept.values())


def read_triples(path_or_data: Union[str, bytes, os.PathLike], format: Optional[str] = None
                 ) -> Iterable[tuple]:
    """Yield (s, p, o) as (str, str, I | L) from a file or bytes (default Turtle), with
    pyoxigraph; a plain string literal has no datatype."""
    import pyoxigraph

    if isinstance(path_or_data, (bytes, bytearray)):
        fmt = format or "ttl"
        data = bytes(path_or_data)
    else:
        fmt = format_of(path_or_data, format)
        with open(path_or_data, "rb") as fh:
            data = fh.read()
    oxfmt = getattr(pyoxigraph.RdfFormat, FORMATS[fmt][1])
    yield from light(pyoxigraph.parse(data, oxfmt))


def _py(o: Term) -> Any:
    """A literal's Python value by its datatype (an IRI: its text)."""
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
    **NODE_TEXT_TERMS,
}
for _p in RETIRED_TERMS:
    NODE_SCALARS.pop(_p, None)
NODE_IRI_SCALARS = {PG + "plan": "plan", PG + "parent": "parent"}
NODE_LISTS = {SKOS + "altLabel": "aliases", PG + "candidate": "candidates",
              PG + "candidateId": "candidates", PG + "mentionedIn": "sources",
              **NODE_SOURCE_LIST_TERMS}
EDGE_TEXTS = {PG + "relation": "relation", PG + "role": "role", PG + "evidence": "evidence",
              PG + "origin": "origin"}
LEVEL_NS = PGC + "level/"
_SORTED_LISTS = frozenset(NODE_LISTS.values())


def _name(path: Union[str, bytes, os.PathLike]) -> str:
    return "<bytes>" if isinstance(path, (bytes, bytearray)) else os.fspath(path)


def _read_by_subject(path, format: Optional[str]) -> dict[str, list]:
    """subject -> [(predicate, object)], or NotPolicygraphRDF when the file cannot be parsed."""
    by_s: dict[str, list] = {}
    try:
        for s, p, o in read_triples(path, format):
            by_s.setdefault(s, []).append((p, o))
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        fmt = format or ("ttl" if isinstance(path, (bytes, bytearray)) else format_of(path))
        raise NotPolicygraphRDF(f"{_name(path)}: cannot be read as {fmt}: {exc}") from None
    return by_s


def _default_vocabulary(by_s: dict) -> dict[str, list]:
    """The triples with the vocabulary of an export made under another `--base` moved back
    under the default one (its root read from the class IRIs), so the terms are known."""
    root = next((r for pos in by_s.values() for p, o in pos
                 if p == A and isinstance(o, I) and (r := vocab_root_of(str(o)))), None)
    if root is None or root == VOCAB_ROOT:
        return by_s
    back = lambda t: I(rebase(str(t), VOCAB_ROOT, root)) if isinstance(t, I) else t  # noqa: E731
    return {s: [(rebase(p, VOCAB_ROOT, root), back(o)) for p, o in pos] for s, pos in by_s.items()}


def _refuse(path, by_s: dict) -> None:
    """NotPolicygraphRDF for a file with triples but no policygraph node."""
    uses_rico = any(p.startswith(RICO) or (p == A and str(o).startswith(RICO))
                    for pos in by_s.values() for p, o in pos)
    hint = (" It holds RiC-O (rico:) terms: a `--profile rico` export is for archival "
            "systems and is not read back; import the default profile.") if uses_rico else ""
    n = sum(map(len, by_s.values()))
    raise NotPolicygraphRDF(
        f"{_name(path)}: not policygraph RDF: none of its {n} triples describes a "
        f"policygraph node (a resource typed pg:Document, pg:Task, pg:Agency or pg:Node with "
        f"a dcterms:identifier; pg: is {PG}).{hint}")


def import_rdf(path: Union[str, bytes, os.PathLike], format: Optional[str] = None) -> nx.MultiDiGraph:
    """Rebuild the networkx graph from an export (any of the four formats).

    Node ids, kinds, attributes, edges, relations and provenance come back; list attributes
    (aliases, sources, candidates) come back sorted. NotPolicygraphRDF when the file cannot be
    parsed or holds no policygraph node (an empty file gives an empty graph).
    """
    with no_gc():
        return _build(path, _default_vocabulary(_read_by_subject(path, format)))[0]


def import_with_report(path: Union[str, bytes, os.PathLike], format: Optional[str] = None
                       ) -> tuple[nx.MultiDiGraph, ImportReport]:
    """`import_rdf` and what it did not keep (see `ImportReport`)."""
    with no_gc():
        by_s = _read_by_subject(path, format)
        G, node_id = _build(path, _default_vocabulary(by_s))
        base = _infer_base(G, node_id)
        again = set()
        for chunk in iter_ntriples(G, base):
            again.update(chunk.split("\n"))
        lost: collections.Counter = collections.Counter()
        for s, pos in by_s.items():
            for p, o in pos:
                if nt_line(s, p, o) not in again:
                    lost[p] += 1
        report = ImportReport(_name(path), sum(map(len, by_s.values())), G.number_of_nodes(),
                              G.number_of_edges(), base, dict(sorted(lost.items())))
        return G, report


def round_trip_form(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """What `import_rdf` gives back for an export of G: the meaning of an exact round trip.

    The same nodes, edges and attributes, with on each node of a known kind the attributes
    of `models.EMPTY_VALUES` it lacks set to their empty value, on each edge those of its
    relation's `models.EDGE_EMPTY_VALUES`, and the lists of strings of NODE_LISTS sorted
    without repeats. For a graph built by `graph.link` this is G itself (tested on the
    samples and the official texts)."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for n, a in G.nodes(data=True):
        b = dict(a)
        for key, empty in EMPTY_VALUES.get(a.get("kind"), {}).items():
            b.setdefault(key, copy.copy(empty))
        for key in _SORTED_LISTS:
            v = b.get(key)
            if isinstance(v, list) and all(isinstance(x, str) for x in v):
                b[key] = sorted(set(v))
        H.add_node(n, **b)
    for u, v, k, d in G.edges(keys=True, data=True):
        e = dict(d)
        rel = d.get("relation") or k
        for key, empty in (EDGE_EMPTY_VALUES.get(rel, {}) if isinstance(rel, str) else {}).items():
            e.setdefault(key, copy.copy(empty))
        H.add_edge(u, v, key=k, **e)
    return H


def _infer_base(G: nx.MultiDiGraph, node_id: dict) -> str:
    """The base IRI the file was exported with: the most common prefix of its node IRIs
    before what `mint_iris` gives under the default base."""
    minted = mint_iris(G, DEFAULT_BASE)
    votes: collections.Counter = collections.Counter()
    for s, n in node_id.items():
        tail = minted[n][len(DEFAULT_BASE):]
        if tail and s.endswith(tail) and len(s) > len(tail):
            votes[s[:len(s) - len(tail)]] += 1
    return votes.most_common(1)[0][0] if votes else DEFAULT_BASE


def _build(path, by_s: dict) -> tuple[nx.MultiDiGraph, dict]:
    """The graph of a file's triples (subject -> pairs) and its node IRIs (IRI -> node id)."""
    node_id, kinds, source_path = _subjects(by_s)
    if not by_s:  # an export always holds its build and concept schemes: an empty or cut file
        raise NotPolicygraphRDF(f"{_name(path)}: holds no RDF triples (an empty file?)")
    if not node_id:
        _refuse(path, by_s)
    G = nx.MultiDiGraph()
    files = _file_facts(by_s, source_path)
    if files:
        G.graph["files"] = files
    ctx = (by_s, node_id, source_path)
    for s in sorted(node_id, key=lambda x: node_id[x]):
        G.add_node(node_id[s], **_node_attrs(by_s[s], kinds[s], ctx))
    edges = []
    for pos in by_s.values():
        if any(p == A and str(o) == PG + "Assertion" for p, o in pos):
            e = _edge(pos, ctx)
            if e is not None:
                edges.append(e)
    edges.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for u, v, k, d in edges:
        G.add_edge(u, v, key=k, **d)
    return G, node_id


def _epoch(o: Term) -> Optional[float]:
    import datetime
    try:
        return datetime.datetime.fromisoformat(o.value.replace("Z", "+00:00")).timestamp()
    except (AttributeError, ValueError):
        return None


def _file_facts(by_s: dict, source_path: dict) -> dict:
    """path -> {sha256, size, built_at} of the source files with a checksum (the facts a
    store gave the export, `resources.file_facts`), so that exporting the graph again
    names the files and the build as the file did. Per-file build times are not in the
    RDF, only the build's first and last: the last file (by path) gets the end, the others
    the start."""
    start = end = None
    for pos in by_s.values():
        if any(p == A and str(o) == PROV + "Activity" for p, o in pos):
            for p, o in pos:
                if p == PROV + "startedAtTime":
                    start = _epoch(o)
                elif p == PROV + "endedAtTime":
                    end = _epoch(o)
    files: dict[str, dict] = {}
    for s, paths in source_path.items():
        objs = _by_predicate(by_s.get(s, ()))
        sums = [o for c in objs.get(SPDX + "checksum", ()) for p, o in by_s.get(str(c), ())
                if p == SPDX + "checksumValue"]
        if not sums:
            continue
        size = objs.get(PG + "characters")
        for path in paths if isinstance(paths, list) else [paths]:
            files[path] = {"sha256": sums[0].value, "size": _py(size[0]) if size else None,
                           "built_at": start}
    if files and end is not None:
        files[max(files)]["built_at"] = end
    return files


def _subjects(by_s: dict) -> tuple[dict, dict, dict]:
    """Which subjects are nodes (subject -> node id, subject -> kind or None) and which
    are source files (subject -> path)."""
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
            paths = sorted(o.value for p, o in pos if p == PG + "path")
            if paths:  # one content read under several paths: one IRI, all its paths
                source_path[s] = paths[0] if len(paths) == 1 else paths
    return node_id, kinds, source_path


def _path(source_path: dict, o: Term, given: Optional[list] = None) -> Optional[str]:
    """The path of a source file IRI: the one `given` (pg:sourcePath) when it has several."""
    got = source_path.get(str(o))
    if isinstance(got, list):
        return given[0].value if given else got[0]
    return got


def _list_value(key: str, o: Term, node_id: dict, source_path: dict) -> Any:
    if key in ("sources", "files"):  # every path of a file read under several
        return source_path.get(str(o))
    if key == "candidates" and isinstance(o, I):
        return node_id.get(str(o))
    return _py(o)


_ABSENT = object()


def _field(f: Field, objs: list, node_id: dict, source_path: dict) -> Any:
    """The value of a record's or an assertion's field from the objects of its predicate(s)
    (`objs`: {predicate: [objects]}), _ABSENT when it has none."""
    got = objs.get(f.predicate)
    if f.how == "places":
        return sorted({o.value for o in got if not isinstance(o, I)}) if got else _ABSENT
    if f.how == "node":
        if got and isinstance(got[0], I) and str(got[0]) in node_id:
            return node_id[str(got[0])]
        got = objs.get(f.predicate + "Id")
    if not got:
        return _ABSENT
    if f.how == "source":
        path = _path(source_path, got[0], objs.get(f.path))
        return _ABSENT if path is None else path
    return _py(got[0])


def _by_predicate(pos: list) -> dict:
    out: dict[str, list] = {}
    for p, o in pos:
        out.setdefault(p, []).append(o)
    return out


def _records(spec: RecordSpec, links: list, ctx: tuple) -> list:
    """The records (dicts) of the resources `links` point to, in the builder's order."""
    by_s, node_id, source_path = ctx
    out = []
    for t in links:
        objs = _by_predicate(by_s.get(str(t), ()))
        r: dict[str, Any] = {}
        for f in spec.fields:
            v = _field(f, objs, node_id, source_path)
            if v is not _ABSENT:
                r[f.key] = v
            elif f.always:
                r[f.key] = None
        out.append(r)
    return sorted(out, key=spec.order)


def _node_attrs(pos: list, kind: Optional[str], ctx: tuple) -> dict:
    """A node's attributes from its (predicate, object) pairs (`ctx`: every subject's pairs,
    node IRI -> id, source IRI -> path)."""
    by_s, node_id, source_path = ctx
    attrs: dict[str, Any] = {"kind": kind} if kind else {}
    given_path = [o for p, o in pos if p == PG + "sourcePath"]
    list_paths = {key: {o.value for p, o in pos if p == pp}
                  for key, pp in SOURCE_PATH_TERMS.items() if key != "source"}
    lists: dict[str, list] = {}
    links: dict[str, list] = {}
    for p, o in pos:
        if p in NODE_SCALARS and not isinstance(o, I):
            attrs[NODE_SCALARS[p]] = _py(o)
        elif p == PG + "level" and isinstance(o, I) and o.startswith(LEVEL_NS):
            attrs["level"] = o[len(LEVEL_NS):]
        elif p in NODE_SOURCE_TERMS and isinstance(o, I) and str(o) in source_path:
            attrs[NODE_SOURCE_TERMS[p]] = _path(source_path, o, given_path)
        elif p in NODE_IRI_SCALARS and isinstance(o, I) and str(o) in node_id:
            attrs[NODE_IRI_SCALARS[p]] = node_id[str(o)]
        elif p in NODE_LISTS:
            val = _list_value(NODE_LISTS[p], o, node_id, source_path)
            if isinstance(val, list):  # a file read under several paths: those given
                given = list_paths[NODE_LISTS[p]]
                lists.setdefault(NODE_LISTS[p], []).extend(
                    x for x in val if x in given or not given)
            elif val is not None:
                lists.setdefault(NODE_LISTS[p], []).append(val)
        elif p in RECORD_LINKS:
            links.setdefault(RECORD_LINKS[p], []).append(o)
        elif p == PG + "unmappedAttributes":
            attrs.update(json.loads(o.value))
    for key, vals in lists.items():
        attrs[key] = sorted(set(vals))
    for key, ts in links.items():
        attrs[key] = _records(NODE_RECORDS[key], ts, ctx)
    for key, empty in EMPTY_VALUES.get(kind, {}).items():
        if key not in attrs:
            attrs[key] = copy.copy(empty)
    return attrs


RECORD_LINKS = {spec.link: key for key, spec in NODE_RECORDS.items()}


def _edge(pos: list, ctx: tuple) -> Optional[tuple]:
    """(u, v, key, attributes) of an assertion, None when its ends are not nodes."""
    by_s, node_id, source_path = ctx
    d: dict[str, Any] = {}
    subj = obj = key = None
    for p, o in pos:
        if p == RDF + "subject":
            subj = node_id.get(str(o))
        elif p == RDF + "object":
            obj = node_id.get(str(o))
        elif p in EDGE_TEXTS:
            d[EDGE_TEXTS[p]] = o.value
        elif p == PG + "edgeKey":
            key = _py(o)
        elif p == PROV + "wasDerivedFrom" and str(o) in source_path:
            d["source"] = _path(source_path, o, [x for q, x in pos if q == PG + "sourcePath"])
        elif p in (PG + "offset", PG + "offsetText"):
            d["offset"] = _py(o)
        elif p == PG + "unmappedAttributes":
            d.update(json.loads(o.value))
    if subj is None or obj is None or "relation" not in d:
        return None
    objs = _by_predicate(pos)
    for name, f in EDGE_FIELDS.items():
        v = _field(f, objs, node_id, source_path)
        if v is not _ABSENT:
            d[name] = v
    for name, spec in EDGE_RECORDS.items():
        if spec.link in objs:
            d[name] = _records(spec, objs[spec.link], ctx)
    for name, empty in EDGE_EMPTY_VALUES.get(d["relation"], {}).items():
        d.setdefault(name, copy.copy(empty))
    return subj, obj, key if key is not None else d["relation"], d
