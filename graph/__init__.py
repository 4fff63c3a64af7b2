"""policygraph: a knowledge graph of Vietnamese policy references.

Stages (each a package of plain functions over plain data, see `graph.models`):
ingest (files -> text) -> extract (text -> records) -> build (records -> store + graph)
-> query (trace, impact, coverage, overdue, find, check) -> export (HTML, RDF).
"""
__version__ = "0.1.0"
