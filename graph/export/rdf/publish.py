"""The vocabulary published under another base: `policygraph ontology --base URL -o DIR`
(the base checked as every writer checks it, `terms.norm_base`).

`export --base URL` moves every minted IRI, the vocabulary's too: `pg:` becomes
`{base}ontology#`, the concept schemes `{base}ontology/{doctype,level,…}/`
(`terms.vocab_root`, `terms.rebase`). This writes the files of ontology/ that name the
vocabulary with the same move, so the rebased export has its ontology, its shapes (which
then target its nodes), its JSON-LD context and its SPARQL queries:

  policygraph.ttl, shapes.ttl, shapes-profiles.ttl   Turtle, every `{DEFAULT_BASE}ontology…`
                                                     IRI moved (SPARQL constraints too)
  context.jsonld                                     the @context of `prefixes_for(base)`
  queries/*.rq                                       the same move

The files are read from the installed package (graph/ontology is ontology/, package data).
"""
from __future__ import annotations

import json
import os
import re
from typing import Union

from graph.files import atomic_write

from .context import jsonld_context
from .terms import ONTOLOGY_DIR, VOCAB_ROOT, norm_base, rebase, vocab_root

TURTLE_FILES = ("policygraph.ttl", "shapes.ttl", "shapes-profiles.ttl")
QUERIES = "queries"
CONTEXT = "context.jsonld"



# an IRI of the vocabulary as the files write it: in <…>, in a SPARQL PREFIX inside a
# literal, or after '@prefix'; it ends where an IRI cannot go on
_VOCAB_IRI = re.compile(re.escape(VOCAB_ROOT) + r"[^\s<>\"'{}|^`\\]*")


def rebase_text(text: str, base: str) -> str:
    """The text with every IRI of the vocabulary moved under `base` (`terms.rebase`)."""
    root = vocab_root(norm_base(base))
    return _VOCAB_IRI.sub(lambda m: rebase(m.group(0), root), text)


def context_text(base: str) -> str:
    """context.jsonld of an export under `base` (ontology/context.jsonld for the default)."""
    return json.dumps({"@context": jsonld_context(norm_base(base))}, ensure_ascii=False,
                      indent=2) + "\n"


def published_files(base: str) -> dict[str, bytes]:
    """Relative path -> the bytes of each published file under `base`; every Turtle file is
    parsed (pyoxigraph) before it is given. ValueError for a bad base, FileNotFoundError
    when the package has no ontology/."""
    import pyoxigraph

    base = norm_base(base)
    if not (ONTOLOGY_DIR / TURTLE_FILES[0]).is_file():
        raise FileNotFoundError(f"{ONTOLOGY_DIR}: the ontology files are not installed")
    out: dict[str, bytes] = {}
    for name in TURTLE_FILES:
        data = rebase_text((ONTOLOGY_DIR / name).read_text(encoding="utf-8"), base).encode()
        try:
            for _ in pyoxigraph.parse(data, pyoxigraph.RdfFormat.TURTLE):
                pass
        except SyntaxError as exc:  # a base the IRI check let through but Turtle refuses
            raise ValueError(f"{name} under base {base!r} is no valid Turtle: {exc}") from exc
        out[name] = data
    out[CONTEXT] = context_text(base).encode()
    for q in sorted((ONTOLOGY_DIR / QUERIES).glob("*.rq")):
        out[f"{QUERIES}/{q.name}"] = rebase_text(q.read_text(encoding="utf-8"), base).encode()
    return out


def write_ontology(base: str, out_dir: Union[str, os.PathLike]) -> list[str]:
    """Write the published files under `base` into `out_dir` (each file whole or not at all:
    every one is made before the first is written); returns the paths written."""
    files = published_files(base)
    written = []
    for rel, data in files.items():
        path = os.path.join(os.fspath(out_dir), rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with atomic_write(path, "wb") as fh:
            fh.write(data)
        written.append(path)
    return written
