"""Document kind on the shared corpus: a confusion table of `graph.extract.kind.classify`.

    python bench/kind_eval.py                 # all lines, then even and odd lines apart
    python bench/kind_eval.py --misses        # and every text put on the wrong side, with its reasons
    python bench/kind_eval.py --timeit        # and the time of classify next to extract_text

`../shared/corpus/official.jsonl` holds official documents (all should be "official");
`not-official.jsonl` holds web pages that are not (none should be; they split into "page" and
"unrelated" by whether they mention a document). The corpus is read in place, never copied.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.extract.header import extract_header  # noqa: E402
from graph.extract.kind import KINDS, OFFICIAL, classify  # noqa: E402
from graph.extract.normalize import clean  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SIDES = (("official", "official.jsonl"), ("not official", "not-official.jsonl"))


def load(path: Path) -> list[tuple[str, str]]:
    """(id, text) of every line."""
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(r.get("id") or str(i), r["text"]) for i, r in enumerate(rows)]


def table(results: dict[str, list], lines: str) -> tuple[str, dict[str, float]]:
    """The confusion table over the chosen lines ("all", "even", "odd") and each side's rate
    (official read as official; not official read as page or unrelated)."""
    keep = {"all": lambda i: True, "even": lambda i: i % 2 == 0, "odd": lambda i: i % 2 == 1}[lines]
    out = [f"lines: {lines}", f"{'truth':<14}" + "".join(f"{k:>11}" for k in KINDS) + f"{'rate':>8}"]
    rates = {}
    for side, _ in SIDES:
        got = [k.kind for i, (_, k) in enumerate(results[side]) if keep(i)]
        n = Counter(got)
        good = n[OFFICIAL] if side == "official" else len(got) - n[OFFICIAL]
        rates[side] = good / len(got) if got else 0.0
        out.append(f"{side:<14}" + "".join(f"{n[k]:>11}" for k in KINDS) + f"{rates[side]:>8.3f}")
    return "\n".join(out), rates


def misses(results: dict[str, list]) -> list[str]:
    out = []
    for side, _ in SIDES:
        for i, (ident, k) in enumerate(results[side]):
            if (k.kind == OFFICIAL) != (side == "official"):
                out.append(f"{side} line {i} ({ident}) -> {k.kind}: {'; '.join(k.reasons)}")
    return out


def timings(texts: list[str]) -> str:
    """Seconds of clean + extract_header (shared with extraction), of classify alone, and of
    extract_text, over the same texts (best of 3)."""
    from graph.extract import extract_text

    cts = [clean(t) for t in texts]
    headers = [extract_header(ct) for ct in cts]

    def best(fn) -> float:
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - t0)
        return min(runs)

    t_classify = best(lambda: [classify(ct, h) for ct, h in zip(cts, headers)])
    t_extract = best(lambda: [extract_text(t) for t in texts])
    return (f"classify: {t_classify:.4f} s, extract_text: {t_extract:.4f} s, "
            f"classify / extract = {t_classify / t_extract:.1%} ({len(texts)} texts)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the two .jsonl files")
    ap.add_argument("--misses", action="store_true", help="list the texts put on the wrong side")
    ap.add_argument("--timeit", action="store_true", help="time classify next to extract_text")
    args = ap.parse_args(argv)
    data = {side: load(args.corpus / name) for side, name in SIDES}
    results = {side: [(ident, classify(ct, extract_header(ct)))
                      for ident, ct in ((i, clean(t)) for i, t in rows)] for side, rows in data.items()}
    for lines in ("all", "even", "odd"):
        print(table(results, lines)[0], end="\n\n")
    if args.misses:
        print("\n".join(misses(results)) or "no misses")
    if args.timeit:
        for side, rows in data.items():
            print(f"{side}: " + timings([t for _, t in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
