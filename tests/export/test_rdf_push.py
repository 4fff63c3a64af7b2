"""push: a real Oxigraph server on loopback, loaded through the Graph Store Protocol."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

import rdf_sample as sample
from graph.export import rdf

HERE = os.path.dirname(os.path.dirname(__file__))  # tests/
OXIGRAPH = os.path.join(os.path.dirname(sys.executable), "oxigraph")
if not os.path.exists(OXIGRAPH):
    OXIGRAPH = shutil.which("oxigraph") or OXIGRAPH

pytestmark = pytest.mark.skipif(not os.path.exists(OXIGRAPH),
                                reason="oxigraph server (PyPI 'oxigraph') not installed")




def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("oxigraph exited: " + proc.stderr.read().decode())
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _select(url: str, q: str) -> list[dict]:
    req = urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"query": q}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)["results"]["bindings"]


def test_push_file_and_graph_then_query_back(server, tmp_path):
    G = sample.sample_graph()
    n = len(rdf.triples(G))
    out = tmp_path / "g.ttl"
    rdf.export(G, out)
    assert rdf.push(out, server + "/store") in (200, 201, 204)
    rows = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]["value"]) == n
    # a named graph, from the in-memory graph (N-Triples on the wire)
    g_iri = "https://archive.example.vn/graph/samples"
    assert rdf.push(G, server + "/store", graph_iri=g_iri) in (200, 201, 204)
    rows = _select(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g_iri}> {{ ?s ?p ?o }} }}")
    assert int(rows[0]["n"]["value"]) == n
    # lineage over SPARQL HTTP, with the shipped query
    with open(os.path.join(os.path.dirname(HERE), "ontology", "queries", "trace.rq"),
              encoding="utf-8") as fh:
        q = fh.read()
    rows = _select(server, q)
    roots = {r["symbol"]["value"] for r in rows if r["isRoot"]["value"] == "true"}
    assert roots == {"20-NQ/TW", "21-NQ/TW"}
    # the default replaces: pushing again leaves the count unchanged
    assert rdf.push(out, server + "/store") in (200, 201, 204)
    rows = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]["value"]) == n


def _remote_lines(url: str) -> set:
    """The remote default graph as canonical N-Triples lines (CONSTRUCT)."""
    import pyoxigraph

    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    req = urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"query": q}).encode(),
                                 headers={"Accept": "application/n-triples",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        data = resp.read()
    return {str(t) for t in pyoxigraph.parse(data, pyoxigraph.RdfFormat.N_TRIPLES)}


def _file_lines(path) -> set:
    import pyoxigraph

    with open(path, "rb") as fh:
        return {str(t) for t in pyoxigraph.parse(fh.read(), pyoxigraph.RdfFormat.N_TRIPLES)}


def test_push_after_a_file_is_removed_leaves_the_export(server, tmp_path):
    from graph.cli import main
    from graph.link import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    samples = os.path.join(os.path.dirname(HERE), "data", "samples")
    names = sorted(os.listdir(samples))
    for name in names:
        shutil.copy(os.path.join(samples, name), corpus / name)
    store, out = tmp_path / "s.sqlite", tmp_path / "g.nt"
    build([str(corpus)], store)
    assert main(["export", "--store", str(store), "-o", str(out)]) == 0
    assert main(["push", "--store", str(store), "--endpoint", server + "/store"]) == 0
    first = _remote_lines(server)
    assert first == _file_lines(out)
    os.unlink(corpus / names[-1])  # a file leaves the corpus: rebuild without it
    build([str(corpus)], store, prune=True)
    assert main(["export", "--store", str(store), "-o", str(out)]) == 0
    assert main(["push", "--file", str(out), "--endpoint", server + "/store"]) == 0
    now = _remote_lines(server)
    want = _file_lines(out)
    assert len(now) == len(want) < len(first)
    assert now == want  # no blank nodes: equal sets of triples are isomorphic graphs
    # --merge adds (POST): the old export's triples come back beside the new ones
    old = tmp_path / "old.nt"
    old.write_text("".join(sorted(t + " .\n" for t in first)), encoding="utf-8")
    assert main(["push", "--file", str(old), "--endpoint", server + "/store", "--merge"]) == 0
    assert _remote_lines(server) == first | want
    # --replace is the default, kept as an alias
    assert main(["push", "--file", str(out), "--endpoint", server + "/store", "--replace"]) == 0
    assert _remote_lines(server) == want


def test_push_cli_reports_unreachable_endpoint(tmp_path):
    out = tmp_path / "g.nt"
    rdf.export(sample.sample_graph(), out)
    from graph.cli import main

    port = _free_port()
    rc = main(["push", "--file", str(out), "--endpoint", f"http://127.0.0.1:{port}/store"])
    assert rc == 1


def test_push_cli_file(server, tmp_path):
    out = tmp_path / "g.nt"
    rdf.export(sample.sample_graph(), out)
    from graph.cli import main

    assert main(["push", "--file", str(out), "--endpoint", server + "/store"]) == 0
    rows = _select(server, f'SELECT ?d WHERE {{ ?d <{rdf.ELI}id_local> "127-KH/TU" }}')
    assert len(rows) == 1
