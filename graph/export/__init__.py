"""Export stage: the graph as linked data (`graph.export.rdf`) and as HTML (`html`).

Sub-modules are imported lazily by the CLI; `from graph.export import rdf` for the RDF API.
"""
