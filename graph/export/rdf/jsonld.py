"""Compact JSON-LD of the export, with the published @context embedded.

One node object per subject (subjects in the order given: the sorted N-Triples order), every
vocabulary IRI a compact IRI of the context's prefixes (`context.jsonld_context`), rdf:type as
`@type`, a plain string as a JSON string, a tagged or typed literal as a value object whose
lexical form is kept as written (numbers stay strings with their datatype, so the round trip
is exact). One node per line; the context is embedded, so reading needs no request.
"""
from __future__ import annotations

import json
from typing import IO, Iterable, Optional

from .context import context_prefixes, jsonld_context
from .terms import A, RDF, XSD, I, L

PLAIN_TYPES = (XSD + "string", RDF + "langString")


def light(oxigraph_triples: Iterable) -> Iterable[tuple]:
    """(s, p, o) as (str, str, I | L) from pyoxigraph Triples (a plain string: no datatype)."""
    from pyoxigraph import NamedNode

    for t in oxigraph_triples:
        o = t.object
        if isinstance(o, NamedNode):
            ot = I(o.value)
        else:
            dt = o.datatype.value
            ot = L(o.value, None if dt in PLAIN_TYPES else dt, o.language)
        yield t.subject.value, t.predicate.value, ot


class Compactor:
    """IRIs to compact IRIs with the context's prefixes (longest namespace first)."""

    def __init__(self, prefixes: Optional[dict] = None):
        pairs = (prefixes or context_prefixes()).items()
        self.namespaces = sorted(((ns, p) for p, ns in pairs), key=lambda x: -len(x[0]))
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        for ns, p in self.namespaces:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if not local.startswith("//"):
                    return p + ":" + local
        return iri

    def vocab(self, iri: str) -> str:
        """A predicate, class or datatype (few distinct: cached)."""
        c = self.cache.get(iri)
        if c is None:
            c = self.cache[iri] = self.iri(iri)
        return c

    def value(self, o) -> object:
        if isinstance(o, I):
            return {"@id": self.iri(o)}
        if o.lang:
            return {"@language": o.lang, "@value": o.value}
        if o.datatype:
            return {"@type": self.vocab(o.datatype), "@value": o.value}
        return o.value


def _node(s: str, pos: list, cx: Compactor) -> dict:
    node: dict = {"@id": cx.iri(s)}
    types = []
    props: dict[str, list] = {}
    for p, o in pos:
        if p == A and isinstance(o, I):
            types.append(cx.vocab(o))
        else:
            props.setdefault(cx.vocab(p), []).append(cx.value(o))
    if types:
        node["@type"] = types[0] if len(types) == 1 else types
    for k, vals in props.items():
        node[k] = vals[0] if len(vals) == 1 else vals
    return node


def write_jsonld(triples: Iterable[tuple], fh: IO[bytes]) -> None:
    """Write compact JSON-LD of (s, p, o) light triples, each subject's triples together
    (sorted input gives deterministic bytes)."""
    cx = Compactor()
    head = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, sort_keys=True)
    fh.write((head[:-1] + ',\n"@graph": [').encode("utf-8"))
    sep = "\n"
    cur, pos = None, []
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode

    def flush():
        fh.write((sep + dumps(_node(cur, pos, cx))).encode("utf-8"))

    for s, p, o in triples:
        if s != cur:
            if cur is not None:
                flush()
                sep = ",\n"
            cur, pos = s, []
        pos.append((p, o))
    if cur is not None:
        flush()
    fh.write(b"\n]}\n")
