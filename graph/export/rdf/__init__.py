"""RDF export of the policygraph networkx graph, for archivists and linked-data stores.

The graph follows `graph.models.GRAPH_SCHEMA`; the vocabulary is `ontology/policygraph.ttl`
(ELI for documents, W3C ORG for agencies, PROV-O for where each assertion came from,
DCTERMS, SKOS concept schemes; see `ontology/README.md` for the mapping, RiC-O included).

Entry points:
  * `triples(G, base)`      -> sorted list of (subject, predicate, object) in a light form
  * `to_rdflib(G, base)`    -> rdflib.Graph (the API)
  * `iter_ntriples(G, base)` -> the export as sorted N-Triples text, in chunks (one process)
  * `to_oxigraph(G, base)`  -> list of pyoxigraph Triples (that text parsed by pyoxigraph)
  * `export(G, out, format, base, engine, workers)` -> writes a file, deterministic bytes
  * `serialize(G, format, base, engine)` -> the same bytes in memory
  * `import_rdf(path)`      -> networkx.MultiDiGraph, the same graph back (round trip)
  * `import_with_report(path)` -> (graph, ImportReport: triples not kept, per predicate)
  * `push(path_or_graph, endpoint_url, graph_iri)` -> SPARQL 1.1 Graph Store HTTP Protocol
    (replaces the graph; `merge=True` adds)
  * `export(..., profile="rico", files=store_facts(store).files)` -> the RiC-O profile
  * `write_catalog(G, out, base, distributions, facts, options)` -> DCAT + VoID beside it
  * `write_ontology(base, folder)` -> the ontology, shapes, context and queries under `base`
  * `round_trip_form(G)` -> what `import_rdf` gives back for G (the exact round trip)

Modules, one job each:
  terms      vocabulary, term types I and L, formats, the shared value rules
  iris       IRIs from identity (documents, tasks, agencies, places, assertions, sources,
             the build, concepts)
  resources  the resources besides nodes and edges: source files (fixity), the build
             (prov:Activity), concept schemes, places, issuers (both writers use it)
  mapping    graph -> triples, plainly (the rdflib engine and `triples` use it)
  syntax     N-Triples and Turtle text of terms
  nodepairs  the fast writer's text of a node's attributes and out-edges
  writer     the fast writer: the whole export as sorted N-Triples or Turtle text
  parallel   the fast writer in forked workers (same bytes)
  engines    serialize / export with either engine; to_rdflib, to_oxigraph, iter_ntriples
  context    the published JSON-LD @context (ontology/context.jsonld), profile namespaces
  jsonld     compact JSON-LD with that context embedded
  rico       the RiC-O profile (Record, Instantiation, Date, form type, creator, record set)
  storefacts what the store knows beyond the graph (file SHA-256, size, build times)
  catalog    the DCAT / VoID catalogue written beside an export
  importer   RDF -> graph (refuses foreign RDF, reports what it did not keep)
  gsp        push to a SPARQL store (Graph Store Protocol)
  succession the 2025 mergers as org:ChangeEvents, fulfilment and report links
  publish    the vocabulary's files moved under another base (`policygraph ontology`)
"""
from __future__ import annotations

from .catalog import CatalogOptions, catalog_triples, void_stats, write_catalog
from .context import context_document, jsonld_context
from .engines import (PROFILES, export, iter_ntriples, serialize, serialize_triples, to_oxigraph,
                      to_rdflib)
from .gsp import gsp_url, push
from .importer import (ImportReport, NotPolicygraphRDF, import_rdf, import_with_report,
                       read_triples, round_trip_form)
from .iris import (AGENCY_KINDS, agency_iri, agency_kind, assertion_iri, doctype_iri,
                   document_path, edge_predicate, mint_iris, place_slug, province_iri,
                   replaced_iris, slug, source_iri)
from .mapping import triples
from .parallel import default_workers
from .publish import write_ontology
from .resources import build_of
from .rico import rico_triples
from .storefacts import FileFacts, StoreFacts, file_facts, store_facts
from .syntax import ASSERTION_PREDICATE_ORDER
from .terms import (A, CLASS_KINDS, DCT, DEFAULT_BASE, EDGE_MAPPED, ELI, EXTENSIONS, FORMATS,
                    KIND_CLASSES, KNOWN_ORIGINS, MEDIA_TYPES, ORG, OWL, PG, PGC, PREFIXES,
                    PROV, RDF, RDFS, RELATION_PREDICATES, RICO, ROLE_PREDICATES, SKOS, SPDX,
                    XSD, I, L, Term, base_problem, format_of, norm_base, prefixes_for,
                    readable_label, vocab_root)

__all__ = [
    "CatalogOptions", "catalog_triples", "void_stats", "write_catalog", "context_document",
    "jsonld_context", "PROFILES", "serialize_triples", "rico_triples", "FileFacts",
    "StoreFacts", "store_facts", "export", "iter_ntriples", "serialize", "to_oxigraph",
    "to_rdflib", "gsp_url", "push", "import_rdf", "import_with_report", "ImportReport",
    "NotPolicygraphRDF", "read_triples", "round_trip_form", "write_ontology", "base_problem",
    "norm_base", "AGENCY_KINDS", "agency_iri", "agency_kind",
    "assertion_iri", "doctype_iri", "document_path", "edge_predicate", "mint_iris",
    "place_slug", "province_iri", "replaced_iris", "slug", "source_iri", "triples",
    "build_of", "file_facts", "default_workers", "ASSERTION_PREDICATE_ORDER", "A",
    "CLASS_KINDS", "DCT", "DEFAULT_BASE", "EDGE_MAPPED", "ELI", "EXTENSIONS", "FORMATS",
    "KIND_CLASSES", "KNOWN_ORIGINS", "MEDIA_TYPES", "ORG", "OWL", "PG", "PGC", "PREFIXES",
    "PROV", "RDF", "RDFS", "RELATION_PREDICATES", "RICO", "ROLE_PREDICATES", "SKOS", "SPDX",
    "XSD", "I", "L", "Term", "format_of", "prefixes_for", "readable_label", "vocab_root",
]
