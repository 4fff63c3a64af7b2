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
    # PUT replaces: pushing again with replace leaves the count unchanged
    assert rdf.push(out, server + "/store", replace=True) in (200, 201, 204)
    rows = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]["value"]) == n


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
