"""policygraph: a knowledge graph of Vietnamese policy references.

Stages (each a package of plain functions over plain data, see `graph.models`):
ingest (files -> text) -> extract (text -> records) -> link (records -> store + graph)
-> query (trace, impact, coverage, overdue, find, check) -> export (HTML, RDF), explorer;
the command line (`graph.cli`) composes them.
"""
__version__ = "0.1.0"
