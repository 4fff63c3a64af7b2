"""Fuzz the extractor (issue 16): no exception, and time linear in the text.

    python bench/fuzz_extract.py [--n 10000] [--seed 0] [--budget 10] [--json OUT]

Inputs, drawn with one seeded random generator (same seed -> same inputs): mutations of the
official texts (../shared/corpus/official.jsonl) and of the web pages that are not official
documents (../shared/corpus/not-official.jsonl), read in place and never copied: cuts,
copies of a span many times over, a line repeated hundreds of times, random characters,
shuffled lines, all line breaks removed or every blank made a line break, word soup of the
extractor's cue words, runs of separators (cut at 400,000 characters); and adversarial generators: runs of separators, repeated symbols,
repeated field lines, long lists of agencies, deep outlines, numbered items by the thousand.

For each input `extract_text` runs under `graph.link.pipeline.within_budget` (--budget
seconds). Reported: inputs, exceptions (must be 0), inputs over the budget, and the worst
seconds per 100 KB, an input shorter than 10 KB counted as 10 KB (a 200-character input that
takes 2 ms is not slow). The goal: under 1 s per 100 KB for every input.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = [ROOT.parent / "shared" / "corpus" / "official.jsonl",
           ROOT.parent / "shared" / "corpus" / "not-official.jsonl"]
FLOOR = 10_000  # characters: shorter inputs are timed as if they were this long
CAP = 400_000  # characters: a mutated text is cut there (the budget per file is about time)

WORDS = ["Nghị quyết", "số", "Kế hoạch", "Quyết định", "ngày", "tháng", "năm", "của", "Tỉnh ủy",
         "Ủy ban nhân dân tỉnh", "Thực hiện", "Căn cứ", "-NQ/TW", "/KH-UBND", "-KH/TU", "/QĐ-TTg",
         "/2018/NĐ-CP", "Đơn vị chủ trì:", "Đơn vị phối hợp:", "Thời gian hoàn thành:", "Sở Y tế",
         "Trong năm 2019", "Số:", "I.", "II.", "1.", "2.1.", "a)", "-", "+", "\n", "20", "127",
         "25/10/2017", "Bộ Chính trị", "chủ trì", "phối hợp với", "và", ",", ";", ".", ":", "|",
         "các sở, ban, ngành", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN", "Nơi nhận", "Tải về", "(", ")"]
CHARS = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữự"
         "ABCĐKHQNUBT0123456789/-–.:,;()[]*|#_ \n\n\t\u0301\u00a0\ufeff\u200b\r\x00")
SEPARATORS = ["\n", " ", ";", ".", ":", "-", "|", ",", "\t", "*", "_", "#", "\r\n", " . ", "; "]
FIELD = "Đơn vị chủ trì: Sở Y tế"
HEAD = "KẾ HOẠCH\nThực hiện công tác y tế\nII. NHIỆM VỤ\n"


def load_texts() -> list[str]:
    texts = []
    for path in CORPORA:
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts or [HEAD + "1. Sở Y tế chủ trì triển khai.\n"]


def mutate(text: str, rnd: random.Random) -> tuple[str, str]:
    """(a mutated text, the names of its mutations)."""
    names = []
    for _ in range(rnd.randint(1, 4)):
        n = len(text)
        i = rnd.randrange(n) if n else 0
        j = min(n, i + rnd.randint(0, 2_000))
        op = rnd.randrange(10)
        names.append(str(op))
        if op == 0:
            text = text[:i] + text[j:]
        elif op == 1:  # a span copied many times over
            text = text[:i] + text[i:j] * rnd.randint(2, 60) + text[i:]
        elif op == 2:  # one line repeated hundreds of times
            lines = text.split("\n")
            k = rnd.randrange(len(lines))
            lines[k:k + 1] = [lines[k]] * rnd.randint(50, 800)
            text = "\n".join(lines)
        elif op == 3:
            text = text[:i] + "".join(rnd.choice(CHARS) for _ in range(rnd.randint(1, 400))) + text[i:]
        elif op == 4:
            lines = text.split("\n")
            rnd.shuffle(lines)
            text = "\n".join(lines)
        elif op == 5:
            text = text.replace("\n", " ")
        elif op == 6:
            text = text.replace(" ", "\n")
        elif op == 7:
            text = text[:i] + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(10, 3_000))) + text[j:]
        elif op == 8:
            text = text[:i]
        else:  # a separator run
            text = text[:i] + rnd.choice(SEPARATORS) * rnd.randint(100, 20_000) + text[i:]
        text = text[:CAP]
    return text, "mutate " + ",".join(names)


def generate(rnd: random.Random) -> tuple[str, str]:
    """An adversarial text: (the text, its generator's name)."""
    n = rnd.choice([1_000, 10_000, 50_000, 100_000])
    sep = rnd.choice(SEPARATORS)
    kind = rnd.randrange(8)
    if kind == 0:
        return sep * n, "separator run"
    if kind == 1:
        return ("Sở Y tế" + sep * (n // 4) + "\n") * 4, "separators between names"
    if kind == 2:
        sym = rnd.choice(["20-NQ/TW", "số 20-NQ/TW", "Nghị quyết số 20-NQ/TW ngày 25/10/2017",
                          "127/KH-UBND", "Kế hoạch 15"])
        return (sym + sep) * (n // (len(sym) + len(sep))), "repeated symbol"
    if kind == 3:
        return HEAD + "1. Triển khai " + (FIELD + sep) * (n // 25), "repeated field lines"
    if kind == 4:
        names = ["Sở Y tế", "Sở Tài chính", "Công an tỉnh", "UBND huyện", "các sở, ban, ngành"]
        lst = ", ".join(rnd.choice(names) for _ in range(n // 12))
        return HEAD + "1. Sau khi " + lst + rnd.choice([" chủ trì", " đã họp, Sở Y tế chủ trì", ""]), \
            "long list of agencies"
    if kind == 5:
        marks = ["I.", "1.", "1.1.", "1.1.1.", "a)", "-", "+"]
        body = "".join(" " * (i % 7) + marks[i % len(marks)] + " Sở Y tế chủ trì\n"
                       for i in range(n // 20))
        return HEAD + body, "deep outline"
    if kind == 6:
        return HEAD + "".join(f"{i}. Sở Y tế chủ trì việc {i}\n" for i in range(1, n // 25)), \
            "numbered items"
    return "".join(rnd.choice(WORDS) + rnd.choice(" \n") for _ in range(n // 6)), "word soup"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="inputs (default 10,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds per input (default 10)")
    ap.add_argument("--json", help="write the figures and the worst inputs' names here")
    args = ap.parse_args(argv)

    from graph.extract import extract_text
    from graph.link.pipeline import TooComplex, within_budget

    texts = load_texts()
    extract_text(texts[0])  # tables loaded and patterns compiled before timing
    rnd = random.Random(args.seed)
    exceptions, over, worst = [], [], []
    by_kind: dict[str, tuple] = {}  # generator (or "mutate") -> its worst (s/100 KB, s, chars)
    chars = 0
    t0 = time.perf_counter()
    for k in range(args.n):
        if rnd.random() < 0.8:
            text, name = mutate(rnd.choice(texts), rnd)
        else:
            text, name = generate(rnd)
        chars += len(text)
        t = time.perf_counter()
        try:
            within_budget(extract_text, text, seconds=args.budget)
        except TooComplex:
            over.append((k, name, len(text)))
        except Exception as exc:  # what the fuzzing looks for
            exceptions.append((k, name, f"{type(exc).__name__}: {exc}",
                               traceback.format_exc(limit=-3)))
        secs = time.perf_counter() - t
        rate = secs * 100_000 / max(len(text), FLOOR)
        family = "mutate" if name.startswith("mutate") else name
        by_kind[family] = max(by_kind.get(family, (0.0,)), (rate, secs, len(text)))
        worst.append((rate, secs, len(text), k, name))
        worst = sorted(worst, reverse=True)[:10]
        if (k + 1) % 1000 == 0:
            print(f"{k + 1} inputs, {len(exceptions)} exceptions, {len(over)} over budget, "
                  f"worst {worst[0][0]:.3f} s/100 KB", file=sys.stderr, flush=True)
    total = time.perf_counter() - t0
    out = {"inputs": args.n, "seed": args.seed, "characters": chars, "seconds": round(total, 1),
           "exceptions": len(exceptions), "over_budget": len(over),
           "worst_seconds_per_100kb": round(worst[0][0], 4) if worst else 0.0,
           "worst_by_kind": {f: {"s_per_100kb": round(w[0], 4), "seconds": round(w[1], 3),
                                 "chars": w[2]} for f, w in sorted(by_kind.items())},
           "worst": [{"s_per_100kb": round(w, 4), "seconds": round(s, 3), "chars": n,
                      "input": k, "kind": name} for w, s, n, k, name in worst],
           "exception_list": [{"input": k, "kind": name, "error": e, "trace": tb}
                              for k, name, e, tb in exceptions[:20]],
           "over_budget_list": [{"input": k, "kind": name, "chars": n} for k, name, n in over[:20]]}
    print(f"inputs: {args.n} ({chars / 1e6:.1f} M characters, {total:.0f} s)")
    print(f"exceptions: {len(exceptions)}")
    print(f"over the {args.budget:g} s budget: {len(over)}")
    print(f"worst seconds per 100 KB: {out['worst_seconds_per_100kb']:.3f} "
          f"({worst[0][4]}, {worst[0][2]} characters, {worst[0][1]:.2f} s)" if worst else "")
    for family, w in sorted(by_kind.items(), key=lambda kv: -kv[1][0]):
        print(f"  {family}: {w[0]:.3f} s/100 KB ({w[2]} characters, {w[1]:.2f} s)")
    for e in exceptions[:5]:
        print("  ", e[0], e[1], e[2])
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if exceptions or over or (worst and worst[0][0] >= 1.0) else 0


if __name__ == "__main__":
    sys.exit(main())
