"""Compact JSON-LD of the export, with the published @context embedded, written from the
sorted N-Triples text.

One node object per subject (subjects in N-Triples order), one per line; every vocabulary
IRI a compact IRI of the context's prefixes (`context.jsonld_context`), rdf:type as `@type`,
a plain string as a JSON string, a tagged or typed literal as a value object whose lexical
form is kept as written (numbers stay strings with their datatype, so the round trip is
exact). The context is embedded, so reading needs no request.

The canonical N-Triples string of a literal (`syntax.quoted`: ECHAR escapes for \\t \\b \\n
\\r \\f \\" \\\\, \\uXXXX for the other control characters, everything else as is) is also a
JSON string of the same value, so literals are copied, not parsed: the text of both engines
and of every profile goes through this one writer (the same bytes).
"""
from __future__ import annotations

import json
from typing import IO, Iterable, Optional

from .context import context_prefixes, jsonld_context
from .terms import A, RDF, XSD, I, L

PLAIN_TYPES = (XSD + "string", RDF + "langString")


def light(oxigraph_triples: Iterable) -> Iterable[tuple]:
    """(s, p, o) as (str, str, I | L) from pyoxigraph Triples (a plain string: no datatype;
    a blank node, which policygraph never writes but foreign files do, as '_:' + its id)."""
    from pyoxigraph import BlankNode, NamedNode

    def name(x) -> str:
        return "_:" + x.value if isinstance(x, BlankNode) else x.value

    for t in oxigraph_triples:
        o = t.object
        if isinstance(o, (NamedNode, BlankNode)):
            ot = I(name(o))
        else:
            dt = o.datatype.value
            ot = L(o.value, None if dt in PLAIN_TYPES else dt, o.language)
        yield name(t.subject), t.predicate.value, ot


class Compactor:
    """IRIs to compact IRIs with the context's prefixes (longest namespace first)."""

    def __init__(self, prefixes: Optional[dict] = None):
        pairs = (prefixes or context_prefixes()).items()
        self.namespaces = sorted(((ns, p) for p, ns in pairs), key=lambda x: -len(x[0]))
        self.any_ns = tuple(ns for ns, _ in self.namespaces)
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        if not iri.startswith(self.any_ns):  # most node IRIs: no prefix
            return iri
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


def _value(o: str, cx: Compactor) -> str:
    """The JSON text of an N-Triples object term."""
    if o[0] == "<":
        return '{"@id": "' + cx.iri(o[1:-1]) + '"}'
    k = o.rindex('"')
    lex, suffix = o[:k + 1], o[k + 1:]
    if not suffix:
        return lex
    if suffix[0] == "@":
        return '{"@language": "' + suffix[1:] + '", "@value": ' + lex + "}"
    return '{"@type": "' + cx.vocab(suffix[3:-1]) + '", "@value": ' + lex + "}"


def _node(s: str, types: list, props: dict, cx: Compactor) -> str:
    """A node object's JSON text, keys sorted (as json.dumps(sort_keys=True) would)."""
    parts = ['{"@id": "' + cx.iri(s) + '"']
    if types:
        parts.append('"@type": ' + (types[0] if len(types) == 1 else "[" + ", ".join(types) + "]"))
    for key in sorted(props):
        vals = props[key]
        parts.append('"' + key + '": ' + (vals[0] if len(vals) == 1 else "[" + ", ".join(vals) + "]"))
    return ", ".join(parts) + "}"


def write_jsonld(lines: Iterable[str], fh: IO[bytes], base: Optional[str] = None) -> None:
    """Write compact JSON-LD of canonical N-Triples lines (each subject's lines together:
    sorted lines give deterministic bytes), the context's vocabulary under `base`."""
    cx = Compactor(context_prefixes(base))
    head = json.dumps({"@context": jsonld_context(base)}, ensure_ascii=False, sort_keys=True)
    out = [head[:-1] + ',\n"@graph": [']
    sep = "\n"
    cur, types, props = None, [], {}
    rdf_type = A
    for line in lines:
        if not line:
            continue
        i = line.index("> ")
        j = line.index("> ", i + 2)
        s, p, o = line[1:i], line[i + 3:j], line[j + 2:-2]
        if s != cur:
            if cur is not None:
                out.append(sep + _node(cur, types, props, cx))
                sep = ",\n"
                if len(out) > 4096:
                    fh.write("".join(out).encode("utf-8"))
                    out = []
            cur, types, props = s, [], {}
        if p == rdf_type and o[0] == "<":
            types.append('"' + cx.vocab(o[1:-1]) + '"')
        else:
            props.setdefault(cx.vocab(p), []).append(_value(o, cx))
    if cur is not None:
        out.append(sep + _node(cur, types, props, cx))
    out.append("\n]}\n")
    fh.write("".join(out).encode("utf-8"))


def nt_lines(chunks: Iterable[bytes]) -> Iterable[str]:
    """The lines of N-Triples text given in byte chunks (a line may span two chunks)."""
    rest = b""
    for chunk in chunks:
        data = rest + chunk
        cut = data.rfind(b"\n") + 1
        rest = data[cut:]
        yield from data[:cut - 1].decode("utf-8").split("\n") if cut else ()
    if rest:
        yield rest.decode("utf-8")
