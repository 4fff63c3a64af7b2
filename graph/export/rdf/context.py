"""The published JSON-LD @context of the export (ontology/context.jsonld) and the namespaces
of the profiles and the catalogue beside the default vocabulary.

The context maps a prefix to each namespace the exports use (`terms.PREFIXES`, plus RiC-O,
SPDX, DCAT, VoID and FOAF); compact JSON-LD (`jsonld`) writes every vocabulary IRI as a
compact IRI of these prefixes and embeds this context, so reading a file needs no request.
ontology/context.jsonld is the same context for publishing (tests/export/test_rdf_catalog.py
checks they are equal; regenerate it with `python -m graph.export.rdf.context`).
"""
from __future__ import annotations

import json
import sys

from typing import Optional

from .terms import PREFIXES, RICO, SPDX, prefixes_for

DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"

PROFILE_PREFIXES = {"rico": RICO, "spdx": SPDX, "dcat": DCAT, "void": VOID, "foaf": FOAF}


def context_prefixes(base: Optional[str] = None) -> dict[str, str]:
    """prefix -> namespace of every profile (the vocabulary's own prefixes first, moved under
    `base` as the export moves them)."""
    out = dict(prefixes_for(base) if base else PREFIXES)
    for p, ns in PROFILE_PREFIXES.items():
        out.setdefault(p, ns)
    return out


def jsonld_context(base: Optional[str] = None) -> dict:
    """The @context object: {prefix: namespace, ...}, keys sorted (JSON-LD 1.0 and 1.1:
    every namespace ends in '/' or '#', so each prefix makes compact IRIs in both)."""
    return dict(sorted(context_prefixes(base).items()))


def context_document() -> str:
    """The text of ontology/context.jsonld."""
    return json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # python -m graph.export.rdf.context > ontology/context.jsonld
    sys.stdout.write(context_document())
