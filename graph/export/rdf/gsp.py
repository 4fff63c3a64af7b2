"""Load the export into a SPARQL 1.1 store with the Graph Store HTTP Protocol.

`push` replaces the target graph (PUT) unless `merge=True` (POST): after a file was removed
from the store, a push leaves the remote graph equal to the export, not the union of the
old and new exports.
"""
from __future__ import annotations

import os
import urllib.parse
import urllib.request
from typing import Optional, Union

import networkx as nx

from .engines import serialize
from .terms import DEFAULT_BASE, MEDIA_TYPES, format_of


def gsp_url(endpoint_url: str, graph_iri: Optional[str] = None) -> str:
    """Graph Store Protocol URL: indirect graph identification (?graph=… or ?default)."""
    sep = "&" if "?" in endpoint_url else "?"
    if graph_iri:
        return f"{endpoint_url}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"
    return f"{endpoint_url}{sep}default"


def push(path_or_graph: Union[str, os.PathLike, nx.MultiDiGraph], endpoint_url: str,
         graph_iri: Optional[str] = None, *, merge: bool = False, base: str = DEFAULT_BASE,
         timeout: float = 300.0, format: Optional[str] = None) -> int:
    """Load an export (file) or a graph into a SPARQL 1.1 store with the Graph Store HTTP
    Protocol: PUT (replace the graph; the default) or POST (`merge=True`: add to it) to
    `endpoint_url?graph=IRI` or `?default`.

    `endpoint_url` is the store's Graph Store endpoint (Oxigraph: http://host:7878/store,
    Fuseki: http://host:3030/DATASET/data). Returns the HTTP status code.
    """
    if isinstance(path_or_graph, nx.Graph):
        fmt = "nt"
        data = serialize(path_or_graph, "nt", base=base)
    else:
        fmt = format_of(path_or_graph, format)
        with open(path_or_graph, "rb") as fh:
            data = fh.read()
    req = urllib.request.Request(gsp_url(endpoint_url, graph_iri), data=data,
                                 method="POST" if merge else "PUT",
                                 headers={"Content-Type": MEDIA_TYPES[fmt]})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status
