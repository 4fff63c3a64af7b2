"""The graph of the shared official texts measured against a gold read by hand (issue 14).

    python bench/graph_gold.py                  # build the graph of official.jsonl, print the table
    python bench/graph_gold.py --json           # the figures as JSON
    python bench/graph_gold.py --details        # and every miss: header fields, edges, traps, links

The gold, `tests/gold/graph_gold.json`, was written by reading official texts of
`../shared/corpus/official.jsonl` (named by the `id` of their line; no text is copied): their
header facts, the documents each one implements (complete for the texts listed), mentions
whose printed province or date forbids attaching them to another document of the same số ký
hiệu ("traps"; a printed year, Party term or issuer forbids one the same way), links that must reach a read document's own node, crawled copies of one
document, and read texts that share a số ký hiệu but not a province. Its "rules" say how
each was decided.

The graph is built as a user would: every text written to a temporary folder as `<id>.txt`,
then `graph.link.build` and `graph.link.load_graph`. A document's own node is the node whose
`files` hold its file. Figures:

- implements: precision and recall of the `implements` edges leaving the gold texts' own
  nodes (an edge is right when its target bears the gold symbol and, both being known, date);
- header: per field, the share of gold texts whose own node carries the gold value;
- traps: a trap is merged wrongly when a node its text's mention reaches is the forbidden
  document's own node, lies in a province the mention excludes, or bears another date than
  the one printed; "missed" when the mention reaches no node of that symbol at all;
- links: the share of gold links whose mention reaches the cited document's own node;
- distinct documents: the share of sets of read texts with one số ký hiệu and different
  provinces whose own nodes are all different;
- same document: the share of duplicate sets that share one node;
- check: how many refused merges and real ambiguities `graph.query.check` raises on the graph
  (its alarm: each one a line a user reads).

`tests/test_graph_gold.py` runs `score` and holds the current figures as floors.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.models import IMPLEMENTS  # noqa: E402
from graph.text import casefold_key, symbol_norm  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "graph_gold.json"
CORPUS = ROOT.parent / "shared" / "corpus" / "official.jsonl"
HEADER_FIELDS = ("symbol", "doc_type", "date", "issuer", "province")
TEXT_KEYS = {"id", "symbol", "doc_type", "date", "issuer", "issuer_also", "province", "label",
             "implements"}
TRAP_KEYS = {"id", "text", "symbol", "date", "province_any", "not_text", "not_province", "why"}
MENTION_RELATIONS = ("cites", IMPLEMENTS)


# ---------------------------------------------------------------- gold

def load_gold(path: str | Path = GOLD) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _date_ok(value: Any) -> bool:
    if value is None:
        return True
    return (isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"
            and value.replace("-", "").isdigit())


def _text_problems(t: dict) -> list[str]:
    where = f"text {t.get('id')}"
    out = [f"{where}: unknown key {k}" for k in sorted(set(t) - TEXT_KEYS)]
    for k in ("id", "symbol", "doc_type", "issuer"):
        if not isinstance(t.get(k), str) or not t.get(k):
            out.append(f"{where}: {k} missing")
    if "date" not in t or not _date_ok(t.get("date")):
        out.append(f"{where}: date must be an ISO date or null")
    if "province" not in t:
        out.append(f"{where}: province missing (null for a national organ)")
    for e in t.get("implements") or []:
        if not isinstance(e.get("symbol"), str) or not _date_ok(e.get("date")):
            out.append(f"{where}: bad implements entry {e}")
    return out


def _trap_problems(tr: dict, texts: set[str], ids: set[str]) -> list[str]:
    where = f"trap {tr.get('id')}"
    out = [f"{where}: unknown key {k}" for k in sorted(set(tr) - TRAP_KEYS)]
    if tr.get("text") not in ids:
        out.append(f"{where}: text {tr.get('text')} is not a corpus id")
    if not tr.get("symbol") or not tr.get("why"):
        out.append(f"{where}: symbol and why are required")
    if not _date_ok(tr.get("date")) or not tr.get("province_any"):
        out.append(f"{where}: needs a printed date (ISO) and province_any")
    if not tr.get("not_text") and not tr.get("not_province"):
        out.append(f"{where}: says nothing it must not merge with (not_text / not_province)")
    if tr.get("not_text") and tr["not_text"] not in texts:
        out.append(f"{where}: not_text {tr['not_text']} is not a read gold text")
    allowed = {casefold_key(p) for p in tr.get("province_any") or ()}
    if allowed & {casefold_key(p) for p in tr.get("not_province") or ()}:
        out.append(f"{where}: a province is both allowed and forbidden")
    return out


def problems(gold: dict, corpus_ids: Optional[Iterable[str]] = None) -> list[str]:
    """What is wrong with the gold's form: missing or unknown keys, malformed dates, a text
    listed twice, references to texts that are not read (or, given `corpus_ids`, not in the
    corpus). Empty when well-formed."""
    out: list[str] = []
    texts = gold.get("texts") or []
    seen: set[str] = set()
    for t in texts:
        out += _text_problems(t)
        if t.get("id") in seen:
            out.append(f"text {t.get('id')} listed twice")
        seen.add(t.get("id"))
    ids = set(corpus_ids) if corpus_ids is not None else None
    if ids is not None:
        out += [f"text {i} is not a corpus id" for i in sorted(seen - ids)]
    every = ids if ids is not None else seen | _cited_ids(gold)
    tids = [tr.get("id") for tr in gold.get("traps") or []]
    out += [f"trap id {i} listed twice" for i in sorted({i for i in tids if tids.count(i) > 1})]
    for tr in gold.get("traps") or []:
        out += _trap_problems(tr, seen, every)
    for ln in gold.get("links") or []:
        if ln.get("to") not in seen:
            out.append(f"link {ln}: the cited text is not a read gold text")
        if ln.get("from") not in every or not ln.get("symbol"):
            out.append(f"link {ln}: needs a corpus text 'from' and a symbol")
    for sd in gold.get("same_document") or []:
        if len(sd.get("texts") or []) < 2 or not set(sd["texts"]) <= every:
            out.append(f"same_document {sd}: needs two or more corpus texts")
    for dd in gold.get("distinct_documents") or []:
        if len(dd.get("texts") or []) < 2 or not set(dd["texts"]) <= seen:
            out.append(f"distinct_documents {dd}: needs two or more read gold texts")
    return out


def _cited_ids(gold: dict) -> set[str]:
    out = {ln.get("from") for ln in gold.get("links") or []}
    out |= {tr.get("text") for tr in gold.get("traps") or []}
    for sd in gold.get("same_document") or []:
        out |= set(sd.get("texts") or [])
    return out


# ---------------------------------------------------------------- graph

def read_corpus(path: str | Path = CORPUS) -> dict[str, str]:
    """id -> text of every line of a corpus file."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                row = json.loads(line)
                out[row.get("id") or str(i)] = row["text"]
    return out


def build_graph(corpus: str | Path = CORPUS, workdir: Optional[str | Path] = None):
    """The graph of every text of `corpus`, built from `<id>.txt` files in `workdir` (a
    temporary folder, removed afterwards, when None)."""
    from graph.link import build, load_graph
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="graph_gold_") as tmp:
            return build_graph(corpus, tmp)
    folder = Path(workdir) / "texts"
    folder.mkdir(parents=True, exist_ok=True)
    for key, text in read_corpus(corpus).items():
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    store = Path(workdir) / "gold.sqlite"
    build([str(folder)], str(store), jobs=1, progress=False)
    return load_graph(str(store), use_cache=False)


def own_nodes(G) -> dict[str, str]:
    """text id -> the node whose `files` hold `<id>.txt`."""
    out: dict[str, str] = {}
    for n, a in G.nodes(data=True):
        if a.get("kind") == "document":
            for f in a.get("files") or ():
                name = os.path.basename(f)
                if name.endswith(".txt"):
                    out[name[:-4]] = n
    return out


def _node_symbol(G, n: str) -> str:
    sym = G.nodes[n].get("symbol")
    if sym:
        return symbol_norm(sym)
    return n[4:].split("|")[0] if n.startswith("doc:") and "|" in n else ""


def _node_provinces(G, n: str) -> set[str]:
    """The provinces a node stands in: its identity key's and its jurisdiction's (casefolded)."""
    out = {casefold_key(G.nodes[n].get("jurisdiction"))}
    if n.startswith("doc:") and not n.startswith("doc:file:"):
        parts = n[4:].split("|")
        if len(parts) == 3:
            out.add(parts[1])
    return out - {"", "?"}


def mention_targets(G, doc: str, symbol: str) -> set[str]:
    """The document nodes bearing `symbol` that `doc` reaches by a cites/implements edge, from
    itself or from one of its tasks."""
    want = symbol_norm(symbol)
    sources = [doc] + [t for t in G.successors(doc) if G.nodes[t].get("kind") == "task"
                       and G.nodes[t].get("plan") == doc]
    out: set[str] = set()
    for s in sources:
        for _, v, k in G.out_edges(s, keys=True):
            if (k in MENTION_RELATIONS and G.nodes[v].get("kind") == "document"
                    and _node_symbol(G, v) == want):
                out.add(v)
    return out


# ---------------------------------------------------------------- measures

def _gold_match(G, v: str, edges: list[dict]) -> Optional[int]:
    """Index of the gold edge the target node v is, or None."""
    sym, date = _node_symbol(G, v), G.nodes[v].get("date")
    for i, e in enumerate(edges):
        if symbol_norm(e["symbol"]) == sym and (not e.get("date") or not date or date == e["date"]):
            return i
    return None


def score_implements(G, gold: dict, own: dict[str, str]) -> dict:
    n_gold = found = predicted = correct = 0
    wrong, missed = [], []
    for t in gold["texts"]:
        if "implements" not in t:
            continue
        edges = t["implements"]
        n_gold += len(edges)
        doc = own.get(t["id"])
        hit: set[int] = set()
        targets = [v for _, v, k in G.out_edges(doc, keys=True) if k == IMPLEMENTS] if doc else []
        for v in targets:
            predicted += 1
            i = _gold_match(G, v, edges)
            if i is None:
                wrong.append(f"{t['id']} -> {G.nodes[v].get('symbol') or v}")
            else:
                correct += 1
                hit.add(i)
        found += len(hit)
        missed += [f"{t['id']} -> {e['symbol']}" for i, e in enumerate(edges) if i not in hit]
    return {"gold": n_gold, "found": found, "predicted": predicted, "correct": correct,
            "precision": correct / predicted if predicted else 1.0,
            "recall": found / n_gold if n_gold else 1.0, "wrong": wrong, "missed": missed}


def _field(G, node: Optional[str], field: str) -> Any:
    if node is None:
        return None
    a = G.nodes[node]
    return a.get("jurisdiction") if field == "province" else a.get(field)


def _same(field: str, got: Any, t: dict) -> bool:
    want = t.get(field)
    if field == "symbol":
        return bool(got) and symbol_norm(got) == symbol_norm(want)
    if field == "date":
        return got == want
    if field == "issuer":
        return casefold_key(got) in {casefold_key(x) for x in [want] + list(t.get("issuer_also") or [])}
    return casefold_key(got) == casefold_key(want)


def score_header(G, gold: dict, own: dict[str, str]) -> dict:
    texts = gold["texts"]
    out: dict[str, Any] = {"texts": len(texts), "accuracy": {}, "misses": {}}
    for field in HEADER_FIELDS:
        misses = []
        for t in texts:
            got = _field(G, own.get(t["id"]), field)
            if not _same(field, got, t):
                misses.append(f"{t['id']}: {got!r} (gold {t.get(field)!r})")
        out["accuracy"][field] = 1 - len(misses) / len(texts) if texts else 1.0
        out["misses"][field] = misses
    return out


def trap_verdict(G, trap: dict, own: dict[str, str]) -> tuple[str, list[str]]:
    """('wrong' | 'missed' | 'kept', the nodes the mention reaches)."""
    doc = own.get(trap["text"])
    targets = sorted(mention_targets(G, doc, trap["symbol"])) if doc else []
    if not targets:
        return "missed", []
    allowed = {casefold_key(p) for p in trap["province_any"]}
    forbidden = {casefold_key(p) for p in trap.get("not_province") or ()}
    bad_node = own.get(trap["not_text"]) if trap.get("not_text") else None
    for v in targets:
        provs = _node_provinces(G, v)
        date = G.nodes[v].get("date")
        if (v == bad_node or provs - allowed or provs & forbidden
                or (date and date != trap["date"])):
            return "wrong", targets
    return "kept", targets


def score_traps(G, gold: dict, own: dict[str, str]) -> dict:
    verdicts = {tr["id"]: trap_verdict(G, tr, own) for tr in gold.get("traps") or []}
    by = {k: [i for i, (v, _) in verdicts.items() if v == k] for k in ("wrong", "missed", "kept")}
    return {"total": len(verdicts), **by, "nodes": {i: n for i, (_, n) in verdicts.items()}}


def score_links(G, gold: dict, own: dict[str, str]) -> dict:
    links = gold.get("links") or []
    reached, missed = 0, []
    for ln in links:
        src, dst = own.get(ln["from"]), own.get(ln["to"])
        got = mention_targets(G, src, ln["symbol"]) if src else set()
        if dst is not None and dst in got:
            reached += 1
        else:
            missed.append(f"{ln['from']} -> {ln['symbol']}: {sorted(got) or 'no node'}")
    return {"total": len(links), "reached": reached,
            "share": reached / len(links) if links else 1.0, "missed": missed}


def score_same(gold: dict, own: dict[str, str]) -> dict:
    sets = gold.get("same_document") or []
    ok = [sd for sd in sets if len({own.get(t) for t in sd["texts"]} - {None}) == 1
          and all(t in own for t in sd["texts"])]
    return {"total": len(sets), "merged": len(ok), "share": len(ok) / len(sets) if sets else 1.0}


def score_distinct(gold: dict, own: dict[str, str]) -> dict:
    sets = gold.get("distinct_documents") or []
    ok = [dd for dd in sets if all(t in own for t in dd["texts"])
          and len({own[t] for t in dd["texts"]}) == len(dd["texts"])]
    return {"total": len(sets), "apart": len(ok), "share": len(ok) / len(sets) if sets else 1.0}


def score(G, gold: dict) -> dict:
    """Every figure of the gold on graph G (see the module docstring)."""
    own = own_nodes(G)
    traps = score_traps(G, gold, own)
    return {"implements": score_implements(G, gold, own), "header": score_header(G, gold, own),
            "traps": traps,
            "wrong_merge_share": len(traps["wrong"]) / traps["total"] if traps["total"] else 0.0,
            "links": score_links(G, gold, own), "same_document": score_same(gold, own),
            "distinct_documents": score_distinct(gold, own), "check": score_check(G)}


def score_check(G) -> dict:
    """How loud `check` is on this graph: its lines in sections (a) and (b)."""
    from graph.query import check
    rep = check(G)
    return {"contradictions": len(rep["contradictions"]), "conflicts": len(rep["conflicts"]),
            "ambiguous": len(rep["ambiguous"])}


# ---------------------------------------------------------------- report

def table(fig: dict) -> str:
    imp, hd, tr, ln, sd, dd = (fig["implements"], fig["header"], fig["traps"], fig["links"],
                               fig["same_document"], fig["distinct_documents"])
    rows = [("implements precision", f"{imp['precision']:.3f}",
             f"{imp['correct']} of {imp['predicted']} edges"),
            ("implements recall", f"{imp['recall']:.3f}", f"{imp['found']} of {imp['gold']} gold edges")]
    for field, acc in hd["accuracy"].items():
        right = hd["texts"] - len(hd["misses"][field])
        rows.append((f"header {field}", f"{acc:.3f}", f"{right} of {hd['texts']} texts"))
    rows += [("traps merged wrongly", f"{fig['wrong_merge_share']:.3f}",
              f"{len(tr['wrong'])} of {tr['total']} ({len(tr['missed'])} missed)"),
             ("links to own node", f"{ln['share']:.3f}", f"{ln['reached']} of {ln['total']}"),
             ("copies on one node", f"{sd['share']:.3f}", f"{sd['merged']} of {sd['total']}"),
             ("namesakes on own nodes", f"{dd['share']:.3f}", f"{dd['apart']} of {dd['total']}")]
    ck = fig.get("check")
    if ck:
        rows.append(("check alarms", str(ck["contradictions"] + ck["conflicts"] + ck["ambiguous"]),
                     f"{ck['contradictions']} refused merges, {ck['conflicts']} conflicts, "
                     f"{ck['ambiguous']} ambiguous"))
    w = max(len(r[0]) for r in rows)
    return "\n".join(f"{a:<{w}}  {b:>6}  {c}" for a, b, c in rows)


def details(fig: dict) -> str:
    out = []
    for name in ("wrong", "missed"):
        out += [f"implements {name}: {x}" for x in fig["implements"][name]]
    for field, misses in fig["header"]["misses"].items():
        out += [f"header {field}: {x}" for x in misses]
    traps = fig["traps"]
    for i in traps["wrong"] + traps["missed"]:
        out.append(f"trap {i}: {'wrong' if i in traps['wrong'] else 'missed'} {traps['nodes'][i]}")
    out += [f"link missed: {x}" for x in fig["links"]["missed"]]
    return "\n".join(out)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--details", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    bad = problems(gold, read_corpus(args.corpus))
    if bad:
        print("\n".join(bad), file=sys.stderr)
        return 1
    fig = score(build_graph(args.corpus), gold)
    if args.json:
        print(json.dumps(fig, ensure_ascii=False, indent=1))
    else:
        print(table(fig))
        if args.details:
            print(details(fig))
    return 0


if __name__ == "__main__":
    sys.exit(main())
