"""`policygraph extract`: read documents and print what was found in each."""
from __future__ import annotations

import argparse
import json
import sys

from graph.models import IngestError, Record

HELP = """\
Read policy documents and print, for each, its header (số ký hiệu, type, date, issuer,
province), the documents it refers to (and whether it implements or only cites them), what
it says about other documents, and the tasks it assigns.

Example:
  policygraph extract data/samples/000_262c27ab4c953a99.txt
  policygraph extract --json data/samples/*.txt > out.jsonl
"""


def register(sub) -> None:
    """Add the command to `sub`, the sub-parsers of graph.cli.make_parser."""
    p = sub.add_parser("extract", help="read documents and print what they refer to",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE", help="text, Markdown, HTML, Word or PDF files, or folders")
    p.add_argument("--json", action="store_true", help="one JSON object per document (JSON Lines)")
    p.set_defaults(func=run)


def summary(rec: Record) -> str:
    d = rec.document
    lines = [f"== {rec.source}",
             f"   {d.doc_type or '?'} {d.symbol or '(no number)'} · {d.date or 'no date'} · "
             f"{d.issuer or 'issuer unknown'}" + (f" · {d.jurisdiction}" if d.jurisdiction else "")]
    if d.title:
        lines.append(f"   {d.title[:150]}")
    for r in rec.references:
        lines.append(f"   {r.relation:<10} {r.symbol:<28} {r.date or '':<10}  {r.issuer or ''}")
    for s in rec.statements:
        lines.append(f"   statement  {s.subject} {s.relation} {s.object}")
    if rec.tasks:
        lines.append(f"   {len(rec.tasks)} tasks")
        for t in rec.tasks:
            lead = "; ".join(t.lead) or "?"
            lines.append(f"     {t.number:<8} {lead[:60]:<60} {t.deadline or ''}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from graph.extract import extract_source
    from graph.ingest import iter_files, path_text, read_source

    failed = 0
    passed_over: list = []
    for path in iter_files(args.files, skipped=passed_over):
        try:
            src = read_source(path)
            rec = extract_source(src)
            rec.source = src.path
        except IngestError as exc:
            print(f"policygraph: {exc}", file=sys.stderr)
            failed += 1
            continue
        except Exception as exc:  # one bad file never stops the batch
            print(f"policygraph: {path_text(path)}: extraction failed ({type(exc).__name__}: {exc})", file=sys.stderr)
            failed += 1
            continue
        if args.json:
            sys.stdout.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        else:
            print(summary(rec))
        sys.stdout.flush()
    for item in passed_over:
        print(f"policygraph: {item.path}: {item.reason}", file=sys.stderr)
    return 1 if failed else 0
