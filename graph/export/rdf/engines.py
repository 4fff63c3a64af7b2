"""The two ways to write the export: rdflib (the plain path) and the fast path.

engine="rdflib": `to_rdflib` adds the triples of the mapping (`mapping.triples`) to an
rdflib.Graph and rdflib's serializers write it (N-Triples lines sorted, so the bytes are
deterministic). engine="oxigraph" (the default when pyoxigraph is installed): N-Triples and
Turtle are written as text by the fast writer (`writer.TextWriter`, forked workers for a big
graph, `parallel`), RDF/XML by streaming that N-Triples text through pyoxigraph's parser into
its serializer, JSON-LD by turning that text into compact node objects. Both write the same
triples (tests/test_rdf_fast.py); the bytes differ between engines but are stable for each.
JSON-LD is compact, with the published @context
embedded (`jsonld.write_jsonld`), the same bytes from both engines.

`profile="rico"` writes the RiC-O profile instead (`rico.rico_triples`, one path for both
engines): the triples sorted as N-Triples lines, in any of the four syntaxes.
"""
from __future__ import annotations

import io
import os
from typing import Iterable, Optional, Union

import networkx as nx

from graph.files import atomic_write

from . import parallel
from .context import context_prefixes
from .jsonld import nt_lines, write_jsonld
from .mapping import triples
from .rico import rico_triples
from .syntax import NT, TTL, nt_line
from .terms import DEFAULT_BASE, FORMATS, I, format_of, no_gc, norm_base, prefixes_for
from .writer import TextWriter


def iter_ntriples(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, chunk_size: int = 1 << 20
                  ) -> Iterable[str]:
    """The export as N-Triples text, in chunks of about `chunk_size` characters (one process).

    Lines are sorted and unique: the concatenation is the canonical, deterministic N-Triples
    file of the graph (what `export(..., "nt")` writes).
    """
    tx = TextWriter(G, base, NT)
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
    return io.BufferedReader(_ChunkReader(parallel.iter_bytes(G, base, NT, workers)),
                             buffer_size=1 << 20)


def to_oxigraph(G: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> list:
    """The export as pyoxigraph Triples, in the deterministic order (the N-Triples text
    parsed by pyoxigraph)."""
    import pyoxigraph

    with no_gc():
        return list(pyoxigraph.parse(_nt_reader(G, base), pyoxigraph.RdfFormat.N_TRIPLES))


def to_rdflib(G: nx.MultiDiGraph, base: str = DEFAULT_BASE, graph=None):
    """The export as an rdflib.Graph (default in-memory store), prefixes bound."""
    import rdflib
    from rdflib import Literal, URIRef

    g = graph if graph is not None else rdflib.Graph()
    for p, ns in prefixes_for(base).items():
        g.bind(p, rdflib.Namespace(ns), override=True, replace=True)
    cache: dict[str, URIRef] = {}

    def u(x: str) -> URIRef:
        r = cache.get(x)
        if r is None:
            r = cache[x] = URIRef(x)
        return r

    add = g.add
    trs = triples(G, base)
    with no_gc():
        for s, p, o in trs:
            if isinstance(o, I):
                ot = u(o)
            else:
                # the lexical form as written (rdflib would rewrite 'Z' as '+00:00')
                ot = Literal(o.value, lang=o.lang,
                             datatype=u(o.datatype) if o.datatype else None, normalize=False)
            add((u(s), u(p), ot))
    return g


def _engine(engine: str) -> str:
    if engine == "auto":
        return "oxigraph" if _has_oxigraph() else "rdflib"
    if engine not in ("oxigraph", "rdflib"):
        raise ValueError(f"unknown engine {engine!r}; use auto, rdflib or oxigraph")
    return engine


def _has_oxigraph() -> bool:
    try:
        import pyoxigraph  # noqa: F401
        return True
    except ImportError:
        return False


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
    """The fast path: N-Triples and Turtle written as text (nt, ttl); compact JSON-LD from
    that N-Triples text (`jsonld`); RDF/XML by streaming it through pyoxigraph's parser into
    its serializer."""
    with no_gc():
        if fmt in ("nt", "ttl"):
            for chunk in parallel.iter_bytes(G, base, TTL if fmt == "ttl" else NT, workers):
                fh.write(chunk)
            return
        if fmt == "jsonld":
            write_jsonld(nt_lines(parallel.iter_bytes(G, base, NT, workers)), fh, base)
            return
        import pyoxigraph

        trs = pyoxigraph.parse(_nt_reader(G, base, workers), pyoxigraph.RdfFormat.N_TRIPLES)
        pyoxigraph.serialize(trs, fh, pyoxigraph.RdfFormat.RDF_XML, prefixes=prefixes_for(base))


def _serialize_rdflib(G: nx.MultiDiGraph, fmt: str, base: str) -> bytes:
    """The plain path: rdflib's serializers over `to_rdflib`."""
    g = to_rdflib(G, base)
    if fmt == "nt":  # rdflib's N-Triples follow store order: sort the lines
        data = g.serialize(format="nt", encoding="utf-8")
        lines = sorted(set(line for line in data.split(b"\n") if line.strip()))
        return b"\n".join(lines) + b"\n"
    return g.serialize(format=FORMATS[fmt][0], encoding="utf-8")


def serialize_triples(trs: list, fmt: str, base: Optional[str] = None) -> bytes:
    """Light triples (s, p, I | L), sorted as N-Triples lines, in a syntax: N-Triples lines;
    Turtle and RDF/XML through pyoxigraph (the prefixes it uses); compact JSON-LD."""
    buf = io.BytesIO()
    lines = [nt_line(s, p, o) for s, p, o in trs]
    if fmt == "jsonld":
        write_jsonld(lines, buf, base)
        return buf.getvalue()
    nt = "".join(line + "\n" for line in lines).encode("utf-8")
    if fmt == "nt":
        return nt
    import pyoxigraph

    used = {p: ns for p, ns in context_prefixes(base).items() if ns.encode("utf-8") in nt}
    pyoxigraph.serialize(pyoxigraph.parse(nt, pyoxigraph.RdfFormat.N_TRIPLES), buf,
                         getattr(pyoxigraph.RdfFormat, FORMATS[fmt][1]), prefixes=used)
    return buf.getvalue()


PROFILES = ("default", "rico")


def _profile_bytes(G: nx.MultiDiGraph, fmt: str, base: str, engine: str, profile: str,
                   files: Optional[dict]) -> Optional[bytes]:
    """The bytes of an export that is not the fast path's (rdflib engine, JSON-LD of the
    plain path, a profile other than the default); None for the fast path."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; use one of {', '.join(PROFILES)}")
    if profile == "rico":
        return serialize_triples(rico_triples(G, base, files), fmt, base)
    if _engine(engine) == "rdflib":
        if fmt == "jsonld":
            return serialize_triples(triples(G, base), fmt, base)
        return _serialize_rdflib(G, fmt, base)
    return None


def serialize(G: nx.MultiDiGraph, format: str = "ttl", base: str = DEFAULT_BASE,
              engine: str = "auto", workers: Optional[int] = None, profile: str = "default",
              files: Optional[dict] = None) -> bytes:
    """The export as bytes; same graph -> same bytes (per engine, whatever `workers`).

    `profile`: "default" (the policygraph ontology) or "rico" (RiC-O; `files`: path ->
    `rico.FileFacts` of the source files, from the store)."""
    fmt = format_of("", format)
    data = _profile_bytes(G, fmt, base, engine, profile, files)
    if data is not None:
        return data
    buf = io.BytesIO()
    _write_fast(G, fmt, base, buf, workers)
    return buf.getvalue()


def export(G: nx.MultiDiGraph, out: Union[str, os.PathLike, io.IOBase], format: Optional[str] = None,
           base: str = DEFAULT_BASE, engine: str = "auto", workers: Optional[int] = None,
           profile: str = "default", files: Optional[dict] = None) -> int:
    """Write G as RDF (ttl, jsonld, xml, nt) to a path or binary file; returns bytes written.

    The fast path streams to the file: the whole export is never held in memory. A big graph
    is made by `workers` forked processes (default: the CPUs available; 1 for none); the
    bytes are the same for any number of workers. `profile`, `files`: see `serialize`."""
    fmt = format_of(out, format)
    data = _profile_bytes(G, fmt, base, engine, profile, files)
    if data is not None:
        if hasattr(out, "write"):
            out.write(data)
            return len(data)
        _makedirs_for(out)
        with atomic_write(out, "wb") as fh:
            fh.write(data)
        return len(data)
    norm_base(base)  # fail before the file is created
    if hasattr(out, "write"):
        w = _CountingWriter(out)
        _write_fast(G, fmt, base, w, workers)
        return w.n
    _makedirs_for(out)
    workers = parallel.default_workers() if workers is None else workers
    if (fmt in ("nt", "ttl") and workers > 1 and parallel.parallel_ok()
            and G.number_of_nodes() + G.number_of_edges() >= parallel.MIN_PARALLEL):
        n = _export_parallel_atomic(G, out, TTL if fmt == "ttl" else NT, base, workers)
        if n is not None:
            return n
    with atomic_write(out, "wb") as fh:
        w = _CountingWriter(fh)
        _write_fast(G, fmt, base, w, workers)
    return w.n


def _export_parallel_atomic(G, out, syntax, base: str, workers: int) -> Optional[int]:
    """The parallel writer into a temporary file beside `out`, renamed into place when it is
    whole: a kill leaves the old export (or none), never a torn one."""
    target = os.path.abspath(os.fspath(out))
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        with no_gc():
            n = parallel.export_parallel(G, tmp, syntax, base, workers)
        if n is not None:
            os.replace(tmp, target)
        return n
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _makedirs_for(path) -> None:
    d = os.path.dirname(os.fspath(path))
    if d:
        os.makedirs(d, exist_ok=True)
