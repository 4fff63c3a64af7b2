"""The fast writer in forked worker processes: the same bytes as one process.

Two ways, both on platforms that fork:
  * `iter_bytes`: the index of subjects is made once, then ranges of subjects are made in
    forked workers that inherit it (nothing is pickled but the bytes that come back), in
    order (a stream: stdout, a file object, pyoxigraph's parser);
  * `export_parallel`, to a file: the nodes are cut in W slices in graph order (reading the
    graph in the order it lies in memory is about twice as fast as in subject order); each
    process makes the blocks of its nodes and of their out-edges' assertions, sorts them by
    subject, and sends the parent only the subject terms and sizes. The parent merges the
    terms, gives each block its offset in the file, and every process copies its blocks into
    the file (mmap). A subject made by two slices (an IRI collision) sends the export back to
    the sequential path.
"""
from __future__ import annotations

import array
import itertools
import mmap
import multiprocessing
import os
import time
import traceback
from typing import Iterable, Optional

import networkx as nx

from .mapping import extra_names
from .resources import Seen
from .syntax import Syntax
from .terms import EDGE_MAPPED, no_gc
from .writer import TextWriter

RANGE = 8192  # subjects per range (~100k N-Triples lines, ~15 MB)
MIN_PARALLEL = 50_000  # fewer subjects (or nodes + edges) than this: one process
PHASES: dict[str, float] = {}  # seconds of each phase of the last parallel export (bench_rdf)

_FORKED: Optional[TextWriter] = None  # the writer the forked range workers inherit


def _make_range(lo_hi: tuple) -> bytes:
    return _FORKED.text(*lo_hi).encode("utf-8")


def parallel_ok() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """Processes for the export: the CPUs this process may use (at most 8)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def iter_bytes(G: nx.MultiDiGraph, base: str, syntax: Syntax, workers: Optional[int] = None,
               range_size: int = RANGE, min_parallel: Optional[int] = None) -> Iterable[bytes]:
    """The export in `syntax` as UTF-8 chunks, in order; ranges of subjects are made by
    `workers` forked processes when the graph is big enough (same bytes as one process)."""
    global _FORKED
    min_parallel = MIN_PARALLEL if min_parallel is None else min_parallel
    with no_gc():
        tx = TextWriter(G, base, syntax)
        if syntax.ttl:
            yield tx.sx.header().encode("utf-8")
        n = len(tx.keys)
        ranges = [(lo, min(lo + range_size, n)) for lo in range(0, n, range_size)]
        workers = default_workers() if workers is None else workers
        if workers > 1 and len(ranges) > 1 and n >= min_parallel and parallel_ok():
            _FORKED = tx
            try:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    yield from pool.imap(_make_range, ranges)
            finally:
                _FORKED = None
        else:
            for r in ranges:
                yield tx.text(*r).encode("utf-8")


def shard(tx: TextWriter, nodes: list) -> tuple:
    """Sorted subject terms, their encoded blocks, the blocks' sizes in the file, and what
    the nodes name (`resources.Seen`), for `nodes` and their out-edges.

    An N-Triples block is kept compact, its pairs joined by newlines without the subject
    (a third of the size): `copy_blocks` writes the lines."""
    term, iri, attrs, succ = tx.term, tx.iri, tx.attrs, tx.succ
    node_pairs, assertion_pairs, assertion_term = tx.node_pairs, tx.assertion_pairs, tx.assertion_term
    ttl, block = tx.sx.ttl, tx.sx.block
    keys: list[str] = []
    blocks: list[bytes] = []
    kadd, badd = keys.append, blocks.append
    mapped = frozenset(EDGE_MAPPED)
    seen = Seen()
    sources = seen.sources
    on_node = tx.succession_split()[0]  # (made once, before the workers fork: see iter_bytes)

    def add_other(others: dict) -> None:  # records and readings: resources of their own
        for t, pos in others.items():
            kadd(t)
            pos = sorted(set(pos))
            badd((block(t, pos) if ttl else "\n".join(pos)).encode("utf-8"))

    for n in nodes:
        s = term[n]
        kadd(s)
        pos = sorted(set(node_pairs(n) + on_node.get(s, [])))
        badd((block(s, pos) if ttl else "\n".join(pos)).encode("utf-8"))
        tx.note(n, seen)
        add_other(tx.satellites(n))
        iu = iri[n]
        for v, kd in succ[n].items():
            iv = iri[v]
            for k, d in kd.items():
                st = assertion_term(iu, d.get("relation") or k, iv, k)
                kadd(st)
                pos = assertion_pairs(n, v, k, d)
                badd((block(st, pos, grouped=False) if ttl else "\n".join(pos)).encode("utf-8"))
                src = d.get("source")
                if src is not None:
                    sources.add(src if type(src) is str else str(src))
                if not mapped.issuperset(d):
                    extra_names(d, seen)
                    add_other(tx.edge_extras(n, v, k, d)[1])
    order = sorted(range(len(keys)), key=keys.__getitem__)
    keys = [keys[i] for i in order]
    blocks = [blocks[i] for i in order]
    if ttl:
        sizes = array.array("q", map(len, blocks))
    else:  # n lines of 'subject pair .\n' from n pairs joined by n-1 newlines
        sizes = array.array("q", (len(b) + 1 + (b.count(10) + 1) * (len(k.encode("utf-8")) + 3)
                                  for k, b in zip(keys, blocks)))
    return keys, blocks, sizes, seen


def copy_blocks(fd: int, size: int, blocks: list, offsets, keys: Optional[list] = None) -> None:
    """Copy blocks to their offsets in the file; with `keys`, the blocks are compact
    N-Triples blocks of those subjects (see `shard`)."""
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


def _shard_child(tx: TextWriter, nodes: list, conn, fd: int) -> None:
    """A worker: shard its slice, send the terms and sizes, receive the offsets (or None:
    the parent writes sequentially), copy its blocks into the file."""
    try:
        keys, blocks, sizes, seen = shard(tx, nodes)
        conn.send((keys, sizes.tobytes(), seen))
        msg = conn.recv()
        if msg is not None:
            size, offsets = msg
            copy_blocks(fd, size, blocks, array.array("q", offsets),
                        None if tx.sx.ttl else keys)
        conn.send("ok")
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def _slices(tx: TextWriter, n: int) -> list:
    """The nodes in graph order, cut in n slices of about equal work."""
    nodes = list(tx.attrs)
    succ = tx.succ
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


def _start_children(tx: TextWriter, slices: list, fd: int, conns: list, procs: list) -> None:
    ctx = multiprocessing.get_context("fork")
    for nodes in slices:
        here, there = ctx.Pipe()
        p = ctx.Process(target=_shard_child, args=(tx, nodes, there, fd), daemon=True)
        p.start()
        there.close()
        conns.append(here)
        procs.append(p)


def _gather(conns: list, seen: Seen) -> list:
    """The (terms, sizes) of each worker's shard; what their nodes name is added to `seen`."""
    parts = []
    for c in conns:
        msg = c.recv()
        if msg[0] == "error":
            raise RuntimeError("export worker failed:\n" + msg[1])
        keys, sizes, got = msg
        parts.append((keys, array.array("q", sizes)))
        seen.update(got)
    return parts


def _layout(parts: list, start: int) -> Optional[tuple]:
    """(offset of every block in the parts' order, where each part starts in it, file size),
    blocks in subject order after `start` bytes; None when two parts share a subject."""
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
        return None
    del merged
    offsets = array.array("q", bytes(8 * len(order)))
    pos = start
    for i in order:
        offsets[i] = pos
        pos += sizes[i]
    return offsets, starts, pos


def _wait_ok(conns: list) -> None:
    for c in conns:
        msg = c.recv()
        if msg != "ok":
            raise RuntimeError("export worker failed:\n" + msg[1])


def _stop(conns: list, procs: list) -> None:
    for c in conns:
        c.close()
    for p in procs:
        p.join(timeout=60)
        if p.is_alive():
            p.terminate()


def _phase_clock():
    """mark(name): record the seconds since the previous mark in PHASES."""
    PHASES.clear()
    last = [time.perf_counter()]

    def mark(name: str) -> None:
        now = time.perf_counter()
        PHASES[name] = now - last[0]
        last[0] = now
    return mark


def export_parallel(G: nx.MultiDiGraph, path, syntax: Syntax, base: str, workers: int
                    ) -> Optional[int]:
    """Write the export to `path` with `workers` processes; the bytes written, or None when
    two slices made one subject (the caller then uses the sequential path)."""
    mark = _phase_clock()
    tx = TextWriter(G, base, syntax, index=False)
    tx.succession_split()  # once, in the parent: the forked workers share it
    header = tx.sx.header().encode("utf-8")
    slices = _slices(tx, workers)
    with open(path, "w+b") as fh:
        fd = fh.fileno()
        conns: list = []
        procs: list = []
        try:
            _start_children(tx, slices[1:], fd, conns, procs)
            mark("iris_s")
            keys0, blocks0, sizes0, seen = shard(tx, slices[0])
            mark("shard_s")
            parts = [(keys0, sizes0)] + _gather(conns, seen)
            mark("wait_s")
            other = sorted(tx.other_blocks(seen))
            ob = [b.encode("utf-8") for _, b in other]
            parts.append(([k for k, _ in other], array.array("q", map(len, ob))))
            layout = _layout(parts, len(header))
            if layout is None:
                for c in conns:
                    c.send(None)
                _wait_ok(conns)
                return None
            offsets, starts, size = layout
            fh.truncate(size)
            mark("merge_s")
            for c, st, (keys, _) in zip(conns, starts[1:], parts[1:]):
                c.send((size, offsets[st:st + len(keys)].tobytes()))
            if header:
                os.pwrite(fd, header, 0)
            copy_blocks(fd, size, blocks0, offsets[:len(keys0)],
                        None if syntax.ttl else keys0)
            del blocks0
            copy_blocks(fd, size, ob, offsets[starts[-1]:])
            _wait_ok(conns)
            mark("copy_s")
            return size
        finally:
            _stop(conns, procs)
