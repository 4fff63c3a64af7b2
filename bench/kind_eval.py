"""Document kind on the shared corpus: a confusion table of `graph.extract.kind.classify`.

    python bench/kind_eval.py                 # all lines, then even and odd lines apart
    python bench/kind_eval.py --misses        # and every text put on the wrong side, with its reasons
    python bench/kind_eval.py --timeit        # and the time of classify next to extract_text
    python bench/kind_eval.py --stress        # and the official texts altered (see `stress`)

`../shared/corpus/official.jsonl` holds official documents (all should be "official");
`not-official.jsonl` holds web pages that are not (none should be; they split into "page" and
"unrelated" by whether they mention a document). The corpus is read in place, never copied.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import timeit
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


# the tops of made-up web pages put above an official text (words of this project, not of the corpus)
PAGE_TOPS = {
    "question": "Quy định mới về vấn đề này như thế nào?\nNội dung chính\n",
    "posting date": "Tỉnh ban hành văn bản mới\nThứ Hai, 12/05/2025, 09:00\n",
    "report": "Tỉnh ban hành văn bản mới\nỦy ban nhân dân tỉnh vừa ban hành văn bản về nhiệm vụ năm 2025.\n",
    "long lede": "Tỉnh ban hành văn bản mới\n" + ("Nhằm thúc đẩy phát triển kinh tế - xã hội bền vững, địa "
                  "phương đã đề ra nhiều giải pháp đồng bộ, các sở, ngành phối hợp chặt chẽ. ") * 4 + "\n",
}


def stress(texts: list[str]) -> list[str]:
    """Official texts altered: the header lost (the text from its first paragraph of prose on,
    should stay official) and under the top of a web page (should become a page)."""
    out = []
    bodies = []
    for t in texts:
        # the body: from the first paragraph of prose after the number line ("Số: …")
        ct = clean(t)
        paras = ct.paragraphs
        number = next((i for i, (a, b) in enumerate(paras) if re.match(r"\s*Số\s*[:\d]", ct.text[a:b])), None)
        first = None if number is None else next(
            (a for a, b in paras[number:] if b - a >= 80 and not ct.text[a:b].isupper()), None)
        if first is not None:
            bodies.append(ct.text[first:])
    got = Counter(classify(ct, extract_header(ct)).kind for ct in map(clean, bodies))
    out.append(f"header lost ({len(bodies)} texts): {dict(got)}, official {got[OFFICIAL] / len(bodies):.3f}")
    for name, top in PAGE_TOPS.items():
        got = Counter(classify(ct, extract_header(ct)).kind for ct in (clean(top + t) for t in texts))
        out.append(f"under a page's top, {name} ({len(texts)} texts): {dict(got)}, "
                   f"not official {1 - got[OFFICIAL] / len(texts):.3f}")
    return out


def timings(texts: list[str]) -> str:
    """Seconds of clean + extract_header (shared with extraction), of classify alone, and of
    extract_text, over the same texts (best of 3)."""
    from graph.extract import extract_text

    cts = [clean(t) for t in texts]
    headers = [extract_header(ct) for ct in cts]

    def best(fn) -> float:
        return min(timeit.repeat(fn, number=1, repeat=3))

    t_classify = best(lambda: [classify(ct, h) for ct, h in zip(cts, headers)])
    t_extract = best(lambda: [extract_text(t) for t in texts])
    return (f"classify: {t_classify:.4f} s, extract_text: {t_extract:.4f} s, "
            f"classify / extract = {t_classify / t_extract:.1%} ({len(texts)} texts)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the two .jsonl files")
    ap.add_argument("--misses", action="store_true", help="list the texts put on the wrong side")
    ap.add_argument("--timeit", action="store_true", help="time classify next to extract_text")
    ap.add_argument("--stress", action="store_true", help="classify official texts altered")
    args = ap.parse_args(argv)
    data = {side: load(args.corpus / name) for side, name in SIDES}
    results = {side: [(ident, classify(ct, extract_header(ct)))
                      for ident, ct in ((i, clean(t)) for i, t in rows)] for side, rows in data.items()}
    for lines in ("all", "even", "odd"):
        print(table(results, lines)[0], end="\n\n")
    if args.misses:
        print("\n".join(misses(results)) or "no misses")
    if args.stress:
        print("\n".join(stress([t for _, t in data["official"]])))
    if args.timeit:
        for side, rows in data.items():
            print(f"{side}: " + timings([t for _, t in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
