"""Regression check for speed work on the extractor: the same texts must give the same records.

    python bench/extract_regress.py save     # before a change: write the snapshot
    python bench/extract_regress.py check    # after: list every text whose output differs

Texts: the official texts of ../shared/corpus/official.jsonl, the same re-wrapped at 72
columns (many more hard wraps for `normalize.clean` to decide), the web pages of
../shared/corpus/not-official.jsonl, and the bundled samples raw,
re-wrapped and with CRLF line ends. For each it keeps the record of `extract_text` and hashes
of the clean text and its paragraphs. The snapshot goes to bench/results/ (not committed):
it is a before/after tool for one machine, not a gold standard.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "official.jsonl"
NOT_OFFICIAL = ROOT.parent / "shared" / "corpus" / "not-official.jsonl"
SNAPSHOT = ROOT / "bench" / "results" / "extract_snapshot.json"


def rewrap(text: str, width: int = 72) -> str:
    return "\n".join(textwrap.fill(p, width) if len(p) > width else p for p in text.split("\n"))


def corpus(path: Path):
    texts = []
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
    for i, t in enumerate(texts):
        yield f"official:{i}", t
    for i, t in enumerate(texts):
        yield f"official-rewrapped:{i}", rewrap(t)
    if NOT_OFFICIAL.exists():
        with open(NOT_OFFICIAL, encoding="utf-8") as fh:
            for i, line in enumerate(l for l in fh if l.strip()):
                yield f"not-official:{i}", json.loads(line)["text"]
    for p in sorted((ROOT / "data" / "samples").glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        yield p.name, t
        yield p.name + ":rewrapped", rewrap(t)
        yield p.name + ":crlf", t.replace("\n", "\r\n")


def outputs(path: Path) -> dict:
    from graph.extract import extract_text
    from graph.extract.normalize import clean

    out = {}
    for name, text in corpus(path):
        rec = extract_text(text, source="regress").to_dict()
        ct = clean(text)
        rec["_clean_sha1"] = hashlib.sha1(ct.text.encode("utf-8")).hexdigest()
        rec["_paragraphs_sha1"] = hashlib.sha1(repr(ct.paragraphs).encode()).hexdigest()
        out[name] = rec
    return out


def _differences(a, b, where: str = ""):
    """(path, old, new) of what differs: list items and dict keys one by one when the two
    lists have the same length (a record's references, tasks), else the whole values."""
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                yield from _differences(x, y, f"{where}[{i}]")
    elif isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                yield from _differences(a.get(k), b.get(k), f"{where}.{k}")
    else:
        yield where, a, b


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=("save", "check"))
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    got = outputs(args.corpus)
    if args.action == "save":
        args.snapshot.parent.mkdir(parents=True, exist_ok=True)
        args.snapshot.write_text(json.dumps(got, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"saved {len(got)} records to {args.snapshot} ({time.perf_counter() - t0:.1f} s)")
        return 0
    if not args.snapshot.exists():
        print(f"no snapshot at {args.snapshot}: run 'save' first", file=sys.stderr)
        return 2
    old = json.loads(args.snapshot.read_text(encoding="utf-8"))
    differ = [k for k in old if json.dumps(old[k], sort_keys=True) != json.dumps(got.get(k), sort_keys=True)]
    differ += [k for k in got if k not in old]
    for k in differ[:20]:
        a, b = old.get(k) or {}, got.get(k) or {}
        for field in sorted(set(a) | set(b)):
            if a.get(field) != b.get(field):
                for where, x, y in _differences(a.get(field), b.get(field)):
                    print(f"{k} {field}{where}\n  was: {json.dumps(x, ensure_ascii=False)[:400]}"
                          f"\n  now: {json.dumps(y, ensure_ascii=False)[:400]}")
    print(f"differ: {len(differ)} of {len(old)} ({time.perf_counter() - t0:.1f} s)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
