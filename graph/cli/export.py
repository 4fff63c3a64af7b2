"""`policygraph export | import | push`: the graph as linked data (and `html`, if present).

  policygraph export --store out/policygraph.sqlite --format ttl -o out/policygraph.ttl
  policygraph import out/policygraph.ttl -o out/graph.pickle
  policygraph push --store out/policygraph.sqlite --endpoint http://localhost:7878/store
  policygraph ontology --base https://archive.example.vn/ -o out/ontology
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
import time


def register(sub) -> None:
    p = sub.add_parser(
        "export", help="write the graph as RDF (Turtle, JSON-LD, RDF/XML, N-Triples)",
        description="Write the graph as linked data with the policygraph ontology "
                    "(ontology/policygraph.ttl: ELI, ORG, PROV-O, DCTERMS, SKOS). Stable IRIs "
                    "from each document's identity; the same store gives the same bytes.")
    p.add_argument("--store", required=True, help="graph store written by `policygraph build`")
    p.add_argument("--format", choices=("ttl", "jsonld", "xml", "nt"), default=None,
                   help="RDF syntax (default: from the -o extension, else ttl)")
    p.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout)")
    p.add_argument("--base", default=None, help="absolute base IRI of the resources and of the "
                   "vocabulary ({base}ontology; `policygraph ontology` publishes it), default "
                   "https://policygraph.example/")
    p.add_argument("--engine", choices=("auto", "rdflib", "oxigraph"), default="auto",
                   help="serializer: rdflib, or pyoxigraph (fast; the default when installed)")
    p.add_argument("--profile", choices=("default", "rico"), default="default",
                   help="default: the policygraph ontology (ELI, ORG, PROV-O …); rico: ICA "
                        "RiC-O for archival systems (records, instantiations with SHA-256, "
                        "creators, record sets per issuer)")
    p.add_argument("--catalog", metavar="FILE", default=None,
                   help="also write a DCAT/VoID description of the export to FILE (beside it)")
    p.add_argument("--distribution", action="append", default=[], metavar="FILE",
                   help="with --catalog: another file of the same export (another syntax) "
                        "to list as a distribution (repeatable)")
    p.add_argument("--license", default=None,
                   help="with --catalog: licence IRI (default CC BY 4.0, "
                        "https://creativecommons.org/licenses/by/4.0/)")
    p.add_argument("--rights", default=None,
                   help="with --catalog: rights statement (default: the source texts are "
                        "official documents, not protected by copyright, IP Law art. 15)")
    p.add_argument("--publisher", default=None,
                   help="with --catalog: publisher name (default policygraph)")
    p.add_argument("--publisher-iri", default=None,
                   help="with --catalog: publisher IRI (default {base}id/publisher)")
    p.add_argument("--title", default=None, help="with --catalog: the dataset's title")
    p.add_argument("--download-base", default=None, metavar="URL",
                   help="with --catalog: URL the files are published under (default: the "
                        "base IRI)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes writing a large N-Triples/Turtle file (default: the CPUs; "
                        "each holds its share of the output in memory, so use 1 on a machine "
                        "short of memory; the bytes are the same for any N)")
    p.set_defaults(func=run_export)

    p = sub.add_parser(
        "import", help="rebuild the graph from an RDF export",
        description="Read an export (any of the four syntaxes) back into a graph store that "
                    "trace, html and export read like a built one (or into a pickle with -o).\n\n"
                    "Example:\n  policygraph import out/policygraph.ttl --store out/imported.sqlite\n"
                    "  policygraph trace \"Nghị quyết 20\" --store out/imported.sqlite",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="RDF file written by `policygraph export`")
    p.add_argument("-o", "--output", help="pickle file to write (networkx MultiDiGraph)")
    p.add_argument("--store", help="new store to write the imported graph into")
    p.add_argument("--format", choices=("ttl", "jsonld", "xml", "nt"), default=None)
    p.add_argument("--strict", action="store_true",
                   help="write nothing (exit 2) when some triples of the file are not kept")
    p.set_defaults(func=run_import)

    p = sub.add_parser(
        "push", help="load the export into a SPARQL 1.1 store (Graph Store Protocol)",
        description="Send the graph to any SPARQL 1.1 Graph Store HTTP Protocol endpoint "
                    "(Oxigraph: http://host:7878/store, Fuseki: http://host:3030/DS/data).")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--store", help="graph store written by `policygraph build`")
    src.add_argument("--file", help="an RDF file written by `policygraph export`")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL")
    p.add_argument("--graph", default=None, help="named graph IRI (default: the default graph)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--merge", action="store_true",
                     help="add to the target graph (POST) instead of replacing it (PUT, the "
                          "default: the remote graph then equals the export)")
    how.add_argument("--replace", action="store_true",
                     help="replace the target graph: the default, accepted for old scripts")
    p.add_argument("--base", default=None, help="base IRI (with --store)")
    p.set_defaults(func=run_push)

    register_ontology(sub)
    from graph.cli.html import register_html
    register_html(sub)


def register_ontology(sub) -> None:
    p = sub.add_parser(
        "ontology", help="write the ontology, shapes and JSON-LD context under another base",
        description="Write the vocabulary of an export made with `export --base URL`: "
                    "policygraph.ttl, shapes.ttl, shapes-profiles.ttl, context.jsonld and "
                    "queries/*.rq of the package's ontology/, with every vocabulary IRI moved "
                    "under {URL}ontology as the export moves it (the shapes then target the "
                    "export's nodes).\n\nExample:\n"
                    "  policygraph export --store out/pg.sqlite --base https://archive.example.vn/ "
                    "-o out/pg.ttl\n"
                    "  policygraph ontology --base https://archive.example.vn/ -o out/ontology\n"
                    "  pyshacl -s out/ontology/shapes.ttl out/pg.ttl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True, help="the base IRI the export was made with")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write into")
    p.set_defaults(func=run_ontology)


def _load(store: str):
    from graph.link import load_graph

    return load_graph(store)


def _err(cmd: str, msg: str) -> int:
    print(f"policygraph {cmd}: {msg}", file=sys.stderr)
    return 1


def _bad_base(cmd: str, base) -> bool:
    """Say what is wrong with a --base given (one line, before any work), True when it is
    no base IRI (the command then exits 2); the check of `mint_iris`, `terms.base_problem`."""
    from graph.export.rdf.terms import base_problem

    problem = None if base is None else base_problem(base)
    if problem is not None:
        print(f"policygraph {cmd}: --base {base!r} {problem}", file=sys.stderr)
    return problem is not None


def run_export(args: argparse.Namespace) -> int:
    from graph.export import rdf

    if _bad_base("export", args.base):
        return 2
    if not os.path.exists(args.store):
        return _err("export", f"store not found: {args.store}")
    t0 = time.perf_counter()
    G = _load(args.store)
    base = args.base or rdf.DEFAULT_BASE
    fmt = rdf.format_of(args.output, args.format)
    facts = rdf.store_facts(args.store) if args.profile == "rico" or args.catalog else None
    files = facts.files if facts else None
    if args.output == "-":
        if args.catalog:
            return _err("export", "--catalog needs a file (-o FILE), not stdout")
        data = rdf.serialize(G, fmt, base=base, engine=args.engine, profile=args.profile,
                             files=files)
        sys.stdout.buffer.write(data)
        return 0
    if args.workers is not None and args.workers < 1:
        return _err("export", f"--workers must be 1 or more, not {args.workers}")
    missing = [d for d in args.distribution if not os.path.exists(d)]
    if missing:
        return _err("export", f"--distribution file not found: {missing[0]}")
    n = rdf.export(G, args.output, fmt, base=base, engine=args.engine, workers=args.workers,
                   profile=args.profile, files=files)
    print(f"wrote {args.output}: {n} bytes, {G.number_of_nodes()} nodes, "
          f"{G.number_of_edges()} edges, {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if args.catalog:
        n = rdf.write_catalog(G, args.catalog, base, [args.output, *args.distribution], facts,
                              _catalog_options(args, rdf), args.profile)
        print(f"wrote {args.catalog}: {n} bytes (DCAT/VoID)", file=sys.stderr)
    return 0


def _catalog_options(args: argparse.Namespace, rdf):
    given = {k: getattr(args, k) for k in ("title", "license", "rights", "publisher",
                                           "publisher_iri", "download_base")}
    return rdf.CatalogOptions(**{k: v for k, v in given.items() if v is not None})


def run_import(args: argparse.Namespace) -> int:
    from graph.export import rdf

    if not os.path.exists(args.file):
        return _err("import", f"file not found: {args.file}")
    if not args.output and not args.store:
        return _err("import", "give -o OUT.pickle or --store FILE")
    try:
        G, report = rdf.import_with_report(args.file, args.format)
    except rdf.NotPolicygraphRDF as exc:
        return _err("import", str(exc))
    print(_import_summary(report), file=sys.stderr)
    if args.strict and report.lost:
        print(f"policygraph import: --strict: {report.lost} triples would not be kept; "
              "nothing written", file=sys.stderr)
        return 2
    if args.store:
        from graph.link import save_graph
        try:
            save_graph(G, args.store)
        except ValueError as exc:
            return _err("import", str(exc))
        print(f"wrote store {args.store}: {G.number_of_nodes()} nodes, {G.number_of_edges()} "
              f"edges (trace, html, export read it with --store)", file=sys.stderr)
    if args.output:
        from graph.files import atomic_write
        with atomic_write(args.output, "wb") as fh:
            pickle.dump(G, fh, protocol=pickle.HIGHEST_PROTOCOL)
        print(f"wrote {args.output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges",
              file=sys.stderr)
    return 0


def _import_summary(report) -> str:
    """What an import read, and each predicate whose triples it did not keep."""
    head = (f"read {report.file}: {report.triples} triples -> {report.nodes} nodes, "
            f"{report.edges} edges (base {report.base})")
    if not report.lost:
        return head + "; every triple kept"
    lines = [head + f"; {report.lost} triples NOT kept (exporting the graph again does not "
             "write them), by predicate:"]
    lines += [f"  {n:>8}  {p}" for p, n in sorted(report.not_kept.items(), key=lambda x: (-x[1], x[0]))]
    return "\n".join(lines)


def run_push(args: argparse.Namespace) -> int:
    import urllib.error

    from graph.export import rdf

    if _bad_base("push", args.base):
        return 2
    if args.store:
        if not os.path.exists(args.store):
            return _err("push", f"store not found: {args.store}")
        what = _load(args.store)
    else:
        if not os.path.exists(args.file):
            return _err("push", f"file not found: {args.file}")
        what = args.file
    try:
        status = rdf.push(what, args.endpoint, args.graph, merge=args.merge,
                          base=args.base or rdf.DEFAULT_BASE)
    except urllib.error.HTTPError as exc:
        return _err("push", f"{args.endpoint}: HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, OSError) as exc:
        return _err("push", f"{args.endpoint}: {getattr(exc, 'reason', exc)}")
    print(f"pushed to {args.endpoint} ({'merged into' if args.merge else 'replaced'} "
          f"{args.graph or 'the default graph'}): HTTP {status}", file=sys.stderr)
    return 0


def run_ontology(args: argparse.Namespace) -> int:
    from graph.export.rdf import vocab_root
    from graph.export.rdf.publish import write_ontology

    if _bad_base("ontology", args.base):
        return 2
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        return _err("ontology", f"-o {args.output}: not a folder")
    try:
        written = write_ontology(args.base, args.output)
    except (ValueError, OSError) as exc:
        return _err("ontology", str(exc))
    print(f"wrote {len(written)} files into {args.output} (vocabulary under "
          f"{vocab_root(args.base)})", file=sys.stderr)
    return 0
