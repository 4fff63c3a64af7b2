"""Generate plans, the documents that carry out their tasks, and the true fulfilments.

Central decisions (…/QĐ-TTg) ask "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"
for a plan; some provinces answer with a plan of their People's Committee (…/KH-UBND). Each
provincial plan has tasks that ask a department for a Kế hoạch, ask a department to advise
the People's Committee to issue a Đề án, or ask for no document. Some tasks are answered (a
department's Kế hoạch, the Committee's Đề án carrying out the plan, dated after it); beside
them are near misses: a department's Quyết định instead of its Kế hoạch, another department's
plan, a plan of another province, a plan carrying out the same decision dated before the
plan that asked for it.

    python bench/generate_fulfil.py --plans 200 --out /tmp/fulfil --seed 1

Writes OUT/docs/*.txt and OUT/truth.jsonl, one JSON object per true fulfilment:
  {"plan": symbol, "plan_province": name or null, "task": number, "document": symbol,
   "document_province": name}
The generator knows each document's issuer, type and date from making it, not from its text.
Same seed -> same bytes. (bench/generate_corpus.py writes the cascade corpus; this module
adds nothing to its output.)
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = [("SYT", "Sở Y tế"), ("SGDĐT", "Sở Giáo dục và Đào tạo"), ("STC", "Sở Tài chính"),
               ("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp"), ("SXD", "Sở Xây dựng"),
               ("SCT", "Sở Công Thương"), ("SKHCN", "Sở Khoa học và Công nghệ")]
TOPICS = ["phát triển nguồn nhân lực chất lượng cao", "chăm sóc sức khỏe ban đầu",
          "chuyển đổi số trong cơ quan nhà nước", "cải cách hành chính",
          "phát triển hạ tầng giao thông nông thôn", "nâng cao chất lượng giáo dục phổ thông"]
ASK_PLAN = ("{d} chủ trì, phối hợp với các sở, ngành liên quan xây dựng Kế hoạch thực hiện "
            "Kế hoạch này.")
ASK_PROJECT = "{d} chủ trì tham mưu Ủy ban nhân dân tỉnh ban hành Đề án về {topic}."
NO_ASK = "{d} chủ trì tổ chức tuyên truyền, phổ biến nội dung Kế hoạch đến cán bộ, công chức."


@dataclass
class Doc:
    symbol: str
    kind: str          # KẾ HOẠCH | QUYẾT ĐỊNH | ĐỀ ÁN
    code: str          # KH | QĐ | ĐA
    issuer: str        # the issuing body, without its province
    province: str | None
    date: tuple
    implements: "Doc | None" = None
    tasks: list = field(default_factory=list)  # (number, text, asked code or None, issuer, topic)
    topic: str | None = None  # what a Đề án is about
    file: str = ""

    @property
    def iso(self) -> str:
        return "%04d-%02d-%02d" % self.date


def provinces() -> list[str]:
    with open(ROOT / "graph" / "tables" / "provinces.csv", encoding="utf-8") as f:
        return [r["name"] for r in csv.DictReader(f) if r["kind"] == "tỉnh" and not r["since"]]


def add_days(date: tuple, days: int) -> tuple:
    import datetime as dt
    d = dt.date(*date) + dt.timedelta(days=days)
    return (d.year, d.month, d.day)


class FulfilGenerator:
    def __init__(self, n_plans: int, seed: int):
        self.rnd = random.Random(seed)
        self.n = n_plans
        self.provinces = provinces()
        self.counters: dict = {}
        self.docs: list[Doc] = []

    def number(self, key, year: int) -> int:
        k = (key, year)
        self.counters[k] = self.counters.get(k, self.rnd.randint(1, 80)) + self.rnd.randint(1, 5)
        return self.counters[k]

    def make(self) -> list[Doc]:
        rnd = self.rnd
        n_central = max(1, self.n // 20)
        for _ in range(n_central):
            date = (rnd.randint(2016, 2022), rnd.randint(1, 12), rnd.randint(1, 28))
            c = Doc(f"{self.number('TTg', date[0])}/QĐ-TTg", "QUYẾT ĐỊNH", "QĐ",
                    "Thủ tướng Chính phủ", None, date)
            due = add_days(date, rnd.randint(60, 200))
            c.tasks.append(("II.1", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương "
                            "xây dựng Kế hoạch thực hiện Quyết định này. Thời hạn hoàn thành: "
                            f"tháng {due[1]} năm {due[0]}.", "KH", "Ủy ban nhân dân", None))
            self.docs.append(c)
        centrals = list(self.docs)
        for _ in range(self.n):
            self.provincial_plan(rnd.choice(centrals), rnd.choice(self.provinces))
        return self.docs

    def provincial_plan(self, central: Doc, p: str) -> None:
        rnd = self.rnd
        if any(d.province == p and d.implements is central for d in self.docs):
            return  # one plan per province and decision
        date = add_days(central.date, rnd.randint(15, 200))
        plan = Doc(f"{self.number(('KH', 'UBND', p), date[0])}/KH-UBND", "KẾ HOẠCH", "KH",
                   "Ủy ban nhân dân tỉnh", p, date, implements=central)
        for i, (code, dept) in enumerate(rnd.sample(DEPARTMENTS, rnd.randint(3, 6)), 1):
            due = add_days(date, rnd.randint(30, 240))
            when = f" Thời hạn hoàn thành: tháng {due[1]} năm {due[0]}."
            r = rnd.random()
            topic = rnd.choice(TOPICS)
            if r < 0.45:
                plan.tasks.append((f"II.{i}", ASK_PLAN.format(d=dept) + when, "KH", dept, None))
            elif r < 0.7:
                plan.tasks.append((f"II.{i}", ASK_PROJECT.format(d=dept, topic=topic) + when,
                                   "ĐA", "Ủy ban nhân dân tỉnh", topic))
            else:
                plan.tasks.append((f"II.{i}", NO_ASK.format(d=dept), None, dept, None))
        self.docs.append(plan)
        for _, _, code, who, topic in plan.tasks:
            self.answers(plan, code, who, topic)

    def answers(self, plan: Doc, code: str | None, who: str, topic: str | None) -> None:
        """Documents carrying out the plan: the asked one (often), near misses (sometimes):
        a Đề án on another topic, a Quyết định instead of a Kế hoạch, another province's."""
        rnd = self.rnd
        p = plan.province
        later = add_days(plan.date, rnd.randint(5, 150))
        dept_code = next((c for c, n in DEPARTMENTS if n == who), "UBND")
        if code and rnd.random() < 0.6:
            kind = {"KH": "KẾ HOẠCH", "ĐA": "ĐỀ ÁN"}[code]
            if code == "ĐA" and rnd.random() < 0.3:
                topic = rnd.choice([t for t in TOPICS if t != topic])
            self.docs.append(Doc(f"{self.number((code, dept_code, p), later[0])}/{code}-{dept_code}",
                                 kind, code, who, p, later, implements=plan, topic=topic))
        r = rnd.random()
        if code == "KH" and r < 0.2:  # the department's Quyết định, not the asked Kế hoạch
            self.docs.append(Doc(f"{self.number(('QĐ', dept_code, p), later[0])}/QĐ-{dept_code}",
                                 "QUYẾT ĐỊNH", "QĐ", who, p, later, implements=plan))
        elif r < 0.3:  # a plan of another province carrying out the same plan's decision
            q = rnd.choice([x for x in self.provinces if x != p])
            self.docs.append(Doc(f"{self.number(('KH', dept_code, q), later[0])}/KH-{dept_code}",
                                 "KẾ HOẠCH", "KH", who, q, later, implements=plan.implements))

    def truth(self) -> list[dict]:
        """Every (task, document) pair the rule holds for, from what the generator made."""
        out = []
        below: dict[int, list[Doc]] = {}
        for d in self.docs:
            if d.implements is not None:
                below.setdefault(id(d.implements), []).append(d)
        for plan in self.docs:
            roots = [plan] + ([plan.implements] if plan.implements else [])
            for number, _, code, who, topic in plan.tasks:
                if not code:
                    continue
                for root in roots:
                    for d in below.get(id(root), []):
                        if d is plan or d.code != code or d.date < plan.date or d.topic != topic:
                            continue
                        group = plan.province is None
                        if d.issuer != (f"{who} tỉnh" if group else who):
                            continue
                        if not group and d.province != plan.province:
                            continue
                        out.append({"plan": plan.symbol, "plan_province": plan.province,
                                    "task": number, "document": d.symbol,
                                    "document_province": d.province})
        return out

    def render(self, d: Doc) -> str:
        y, m, dd = d.date
        if d.province is None:
            head = ["THỦ TƯỚNG CHÍNH PHỦ", "-------"]
            place = "Hà Nội"
        elif d.issuer.startswith("Ủy ban"):
            head, place = ["ỦY BAN NHÂN DÂN", f"TỈNH {d.province.upper()}", "-------"], d.province
        else:
            head = [f"UBND TỈNH {d.province.upper()}", d.issuer.upper(), "-------"]
            place = d.province
        up = d.implements
        title = (f"Thực hiện {'Quyết định' if up.code == 'QĐ' else 'Kế hoạch'} số {up.symbol} "
                 f"ngày {up.date[2]}/{up.date[1]}/{up.date[0]} của "
                 f"{'Thủ tướng Chính phủ' if up.province is None else 'Ủy ban nhân dân tỉnh'}"
                 if up else f"Về {self.rnd.choice(TOPICS)}") + (f" về {d.topic}" if d.topic else "")
        lines = head + [f"Số: {d.symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc", f"{place}, ngày {dd:02d} tháng {m:02d} năm {y}",
                        "", d.kind, title, "", "I. MỤC ĐÍCH, YÊU CẦU",
                        "Triển khai kịp thời, đồng bộ, hiệu quả.", "", "II. NHIỆM VỤ VÀ GIẢI PHÁP"]
        tasks = d.tasks or [("II.1", "Các cơ quan, đơn vị tổ chức thực hiện.", None, "", None)]
        lines += [f"{n.split('.')[-1]}. {text}" for n, text, _, _, _ in tasks]
        lines += ["", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
                  "THỦ TƯỚNG" if d.province is None else
                  ("TM. ỦY BAN NHÂN DÂN" if d.issuer.startswith("Ủy ban") else "GIÁM ĐỐC"),
                  "Nguyễn Văn A"]
        return "\n".join(lines) + "\n"


def write(n_plans: int, out: Path, seed: int = 1) -> dict:
    """Write the documents and truth.jsonl under `out`; returns the manifest."""
    gen = FulfilGenerator(n_plans, seed)
    docs = gen.make()
    (out / "docs").mkdir(parents=True, exist_ok=True)
    for i, d in enumerate(docs):
        d.file = f"docs/{i:06d}.txt"
        (out / d.file).write_text(gen.render(d), encoding="utf-8")
    truth = gen.truth()
    with open(out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for t in truth:
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    manifest = {"documents": len(docs), "fulfilments": len(truth), "seed": seed,
                "asking_tasks": sum(1 for d in docs for t in d.tasks if t[2]),
                "answered_tasks": len({(t["plan"], t["plan_province"], t["task"]) for t in truth})}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=200, help="provincial plans to draw")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    print(json.dumps(write(args.plans, Path(args.out), args.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
