"""Stage 3: records -> SQLite store + networkx MultiDiGraph.

    from graph.link import build, load_graph
    report = build(["data/samples"], "out/policygraph.sqlite", jobs=2)
    G = load_graph("out/policygraph.sqlite")

`build` reads every file (graph.ingest), extracts it (graph.extract.extract_source, a pure
function of the text, run in a process pool with `jobs` > 1) and writes each file in its own
transaction. Unchanged files (same sha256) are skipped; changed files replace their rows; a
file that cannot be read or extracted is recorded with its reason and never stops the batch.

`build(..., prune=True)` (`policygraph build --prune`) then removes from the store the files
it holds under `paths` that are gone from disk (`prune`); without it they are only counted.

Extraction being a pure function of the text, a corpus beyond one machine can be extracted by
any distributed engine and written with `build_from_records`, e.g. with Dask (the README's
"Running at scale" recipe, run by tests/test_dask_recipe.py):

    import dask.bag as db
    paths = files_to_extract(["corpus"], store)          # new or changed files only
    rows = db.from_sequence(paths, npartitions=64).map(extract_row).compute()
    report = build_from_records(rows, store)             # bad files land in report.failures

Modules: `pipeline` (files -> store: build, build_from_records, extract_row, prune),
`store` (the SQLite file), `assemble` (records -> graph, identity over the whole corpus;
`patch` for a few changed files), `identity` (keys of documents and agencies), `load`
(store -> graph: load_graph, save_graph), `cache` (the graph caches next to a store), `lean`
(the read-only view the CLI queries open).
"""
from graph.link.assemble import assemble
from graph.link.cache import cache_path, lean_cache_path, state_path
from graph.link.load import load_graph, save_graph
from graph.link.pipeline import (BuildReport, build, build_from_records, extract_row,
                                 files_to_extract, prune)

__all__ = ["BuildReport", "build", "build_from_records", "extract_row", "files_to_extract",
           "prune", "load_graph", "save_graph", "assemble", "cache_path", "lean_cache_path",
           "state_path"]
