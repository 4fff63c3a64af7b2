"""Generate a realistic synthetic corpus of Vietnamese policy documents with known true edges.

Cascade: Party resolutions (…-NQ/TW, dated within a Party term) -> central documents
(…/QĐ-TTg, …-KH/TW, …/NQ-CP) -> provincial plans (…-KH/TU of a Tỉnh ủy, …/KH-UBND of a
provincial People's Committee; numbers repeat across provinces) -> department plans (…/KH-SYT of
Sở Y tế tỉnh X …) -> numbered tasks with lead / partner agencies and deadlines.

    python bench/generate_corpus.py --docs 100000 --out /tmp/corpus --seed 1

Writes OUT/docs/NNN/*.txt (1,000 files per folder), OUT/truth.jsonl and OUT/manifest.json.
truth.jsonl holds one JSON object per line:
  {"kind": "document", "file", "symbol", "doc_type", "date", "issuer", "jurisdiction", "level"}
  {"kind": "edge", "relation": "implements" | "cites", "file", "source": {symbol, date, issuer},
   "target": {symbol, date, issuer}}
  {"kind": "task", "file", "plan": symbol, "number", "lead": [...], "partners": [...],
   "deadline"}
Same seed -> same bytes. Options: --legacy-share F writes that share of provincial/department
files in Windows-1258 / TCVN3 / VNI bytes (to exercise the readers).
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TERMS = [("XI", 2011, 2015), ("XII", 2016, 2020), ("XIII", 2021, 2025)]
PLENUM = ["hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]
TOPICS = [
    ("tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân trong tình hình mới",
     "SYT", "Sở Y tế"),
    ("công tác dân số trong tình hình mới", "SYT", "Sở Y tế"),
    ("đổi mới căn bản, toàn diện giáo dục và đào tạo", "SGDĐT", "Sở Giáo dục và Đào tạo"),
    ("phát triển kinh tế tư nhân trở thành một động lực quan trọng của nền kinh tế thị trường "
     "định hướng xã hội chủ nghĩa", "SKHĐT", "Sở Kế hoạch và Đầu tư"),
    ("chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
     "STTTT", "Sở Thông tin và Truyền thông"),
    ("nông nghiệp, nông dân, nông thôn đến năm 2030, tầm nhìn đến năm 2045", "SNN",
     "Sở Nông nghiệp và Phát triển nông thôn"),
    ("chủ động ứng phó với biến đổi khí hậu, tăng cường quản lý tài nguyên và bảo vệ môi "
     "trường", "STNMT", "Sở Tài nguyên và Môi trường"),
    ("xây dựng và phát triển văn hóa, con người Việt Nam đáp ứng yêu cầu phát triển bền vững "
     "đất nước", "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("cải cách chính sách tiền lương đối với cán bộ, công chức, viên chức, lực lượng vũ trang "
     "và người lao động trong doanh nghiệp", "SNV", "Sở Nội vụ"),
    ("cải cách chính sách bảo hiểm xã hội", "SLĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động "
     "của các đơn vị sự nghiệp công lập", "SNV", "Sở Nội vụ"),
    ("đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
     "SKHCN", "Sở Khoa học và Công nghệ"),
    ("tiếp tục đổi mới, hoàn thiện thể chế, chính sách, nâng cao hiệu quả quản lý và sử dụng "
     "đất đai", "STNMT", "Sở Tài nguyên và Môi trường"),
    ("bảo đảm an ninh năng lượng quốc gia đến năm 2030, tầm nhìn đến năm 2045", "SCT",
     "Sở Công Thương"),
]
DEPARTMENTS = [
    ("SYT", "Sở Y tế"), ("SGDĐT", "Sở Giáo dục và Đào tạo"), ("STC", "Sở Tài chính"),
    ("SNV", "Sở Nội vụ"), ("SKHĐT", "Sở Kế hoạch và Đầu tư"), ("STP", "Sở Tư pháp"),
    ("STNMT", "Sở Tài nguyên và Môi trường"), ("SNN", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("STTTT", "Sở Thông tin và Truyền thông"), ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SLĐTBXH", "Sở Lao động - Thương binh và Xã hội"), ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SCT", "Sở Công Thương"), ("SXD", "Sở Xây dựng"), ("SGTVT", "Sở Giao thông vận tải"),
]
PROVINCE_ORGS = ["Ban Tuyên giáo Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                 "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bảo hiểm xã hội tỉnh",
                 "Đài Phát thanh và Truyền hình tỉnh", "Báo {p}", "Liên đoàn Lao động tỉnh",
                 "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh"]
DEPT_UNITS = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính",
              "Phòng Tổ chức cán bộ", "Phòng Nghiệp vụ", "Phòng Quản lý hành nghề",
              "Trung tâm Kiểm soát bệnh tật tỉnh", "Bệnh viện Đa khoa tỉnh",
              "Chi cục Dân số - Kế hoạch hóa gia đình", "Trung tâm Công nghệ thông tin"]
GROUPS = ["Ủy ban nhân dân các huyện, thị xã, thành phố", "các sở, ban, ngành liên quan",
          "các cơ quan, đơn vị có liên quan"]
VERBS = ["Tổ chức quán triệt, tuyên truyền sâu rộng", "Rà soát, sửa đổi, bổ sung các cơ chế, "
         "chính sách về", "Xây dựng và triển khai đề án về", "Kiện toàn tổ chức bộ máy, nâng cao "
         "năng lực đội ngũ thực hiện", "Tăng cường kiểm tra, giám sát việc thực hiện",
         "Đẩy mạnh ứng dụng công nghệ thông tin trong", "Bố trí kinh phí, huy động các nguồn lực "
         "cho", "Sơ kết, đánh giá kết quả thực hiện", "Nâng cao chất lượng, hiệu quả",
         "Đào tạo, bồi dưỡng nguồn nhân lực phục vụ"]
NORMS = [("Luật", "QH"), ("Luật", "QH"), ("Nghị định", "NĐ-CP"), ("Thông tư", "TT-BTC"),
         ("Thông tư", "TT-BYT"), ("Nghị định", "NĐ-CP")]
FILLER = [
    "Nâng cao nhận thức, trách nhiệm của các cấp ủy đảng, chính quyền, Mặt trận Tổ quốc và các "
    "đoàn thể chính trị - xã hội đối với {topic}.",
    "Xác định rõ nhiệm vụ, giải pháp cụ thể, phân công trách nhiệm cho các cơ quan, đơn vị; bảo "
    "đảm sự phối hợp chặt chẽ, đồng bộ, hiệu quả trong tổ chức thực hiện.",
    "Các mục tiêu, chỉ tiêu phải phù hợp với điều kiện thực tế của địa phương, có lộ trình "
    "thực hiện và được kiểm tra, đánh giá định kỳ.",
    "Huy động sự tham gia của toàn xã hội, phát huy vai trò của người dân và doanh nghiệp.",
]
DEADLINES = ["Trong năm {y}", "Quý {q}/{y}", "Trước ngày 30/6/{y}", "Thường xuyên",
             "Hằng năm", "Năm {y} và các năm tiếp theo", "Trước ngày 31/12/{y}"]
ROMAN = ["I", "II", "III", "IV", "V"]


@dataclass
class Doc:
    idx: int
    level: str
    symbol: str
    doc_type: str
    type_code: str
    issuer: str
    date: tuple  # (y, m, d)
    topic: int
    province: str | None = None
    dept: tuple | None = None
    parents: list = field(default_factory=list)
    file: str = ""

    @property
    def iso(self) -> str:
        y, m, d = self.date
        return f"{y:04d}-{m:02d}-{d:02d}"

    def short(self) -> dict:
        return {"symbol": self.symbol, "date": self.iso, "issuer": self.issuer}


def load_provinces() -> list[str]:
    with open(ROOT / "graph" / "tables" / "provinces.csv", encoding="utf-8") as f:
        return [r["name"] for r in csv.DictReader(f)
                if not (r.get("since") or "").strip() and r["name"] != "Thành phố Hồ Chí Minh"
                ] + ["Hồ Chí Minh"]


def add_days(date: tuple, days: int) -> tuple:
    import datetime as dt
    d = dt.date(*date) + dt.timedelta(days=days)
    return (min(d.year, 2025), d.month, d.day) if d.year <= 2025 else (2025, 12, min(d.day, 28))


def vn_date(date: tuple, long: bool = True) -> str:
    y, m, d = date
    return f"ngày {d:02d} tháng {m:02d} năm {y}" if long else f"ngày {d}/{m}/{y}"


class Generator:
    def __init__(self, n_docs: int, seed: int):
        self.rnd = random.Random(seed)
        self.n = n_docs
        self.provinces = load_provinces()
        self.counters: dict = {}
        self.docs: list[Doc] = []

    def number(self, issuer: str, year: int, lo: int = 1, hi: int = 150) -> int:
        key = (issuer, year)
        if key not in self.counters:
            self.counters[key] = self.rnd.randint(lo, hi)
        self.counters[key] += self.rnd.randint(1, 4)
        return self.counters[key]

    # --- the cascade ------------------------------------------------------------------------
    def plan(self) -> list[Doc]:
        rnd = self.rnd
        n = self.n
        n_res = max(3, n // 1000)
        n_central = max(3, n // 100)
        n_prov = max(4, n // 4)
        n_dept = max(0, n - n_res - n_central - n_prov)
        docs = []
        for _ in range(n_res):
            term, y0, y1 = rnd.choice(TERMS)
            y = rnd.randint(y0, y1 - 1)
            date = (y, rnd.randint(1, 12), rnd.randint(1, 28))
            issuer = rnd.choice(["Ban Chấp hành Trung ương", "Bộ Chính trị"])
            num = self.number(("TW-NQ", term), y0, 1, 20)  # numbered within the term
            d = Doc(len(docs), "party", f"{num}-NQ/TW", "Nghị quyết", "NQ", issuer, date,
                    rnd.randrange(len(TOPICS)))
            d.term = term
            docs.append(d)
        resolutions = list(docs)
        centrals = []
        for _ in range(n_central):
            res = rnd.choice(resolutions)
            date = add_days(res.date, rnd.randint(20, 240))
            kind = rnd.choice(["QĐ-TTg", "KH/TW", "NQ-CP"])
            if kind == "QĐ-TTg":
                num = self.number("TTg", date[0], 100, 1500)
                d = Doc(len(docs), "central", f"{num}/QĐ-TTg", "Quyết định", "QĐ",
                        "Thủ tướng Chính phủ", date, res.topic)
            elif kind == "NQ-CP":
                num = self.number("CP", date[0], 1, 120)
                d = Doc(len(docs), "central", f"{num}/NQ-CP", "Nghị quyết", "NQ", "Chính phủ",
                        date, res.topic)
            else:
                num = self.number("TW-KH", date[0], 1, 60)
                d = Doc(len(docs), "party", f"{num}-KH/TW", "Kế hoạch", "KH",
                        rnd.choice(["Bộ Chính trị", "Ban Bí thư"]), date, res.topic)
            d.parents = [res]
            docs.append(d)
            centrals.append(d)
        provincials = []
        for _ in range(n_prov):
            c = rnd.choice(centrals)
            res = c.parents[0]
            p = rnd.choice(self.provinces)
            if rnd.random() < 0.35:
                date = add_days(res.date, rnd.randint(30, 200))
                num = self.number(("TU", p), date[0], 1, 90)
                d = Doc(len(docs), "provincial", f"{num}-KH/TU", "Kế hoạch", "KH",
                        f"Tỉnh ủy {p}", date, res.topic, province=p)
                d.parents = [res]
            else:
                date = add_days(c.date, rnd.randint(15, 300))
                num = self.number(("UBND", p), date[0], 1, 200)
                d = Doc(len(docs), "provincial", f"{num}/KH-UBND", "Kế hoạch", "KH",
                        f"Ủy ban nhân dân tỉnh {p}", date, res.topic, province=p)
                d.parents = [c]
                # often also implements the Tỉnh ủy plan for the same resolution
                tu = [x for x in provincials[-400:] if x.province == p and x.symbol.endswith(
                    "KH/TU") and x.parents[0] is res and x.date < d.date]
                if tu:
                    d.parents.append(tu[-1])
                elif rnd.random() < 0.5:
                    d.parents.append(res)
            docs.append(d)
            provincials.append(d)
        ubnd = [d for d in provincials if d.symbol.endswith("KH-UBND")] or provincials
        for _ in range(n_dept):
            parent = rnd.choice(ubnd)
            p = parent.province
            code, name = TOPICS[parent.topic][1:] if rnd.random() < 0.6 else rnd.choice(
                DEPARTMENTS)
            date = add_days(parent.date, rnd.randint(7, 120))
            num = self.number((code, p), date[0], 1, 300)
            d = Doc(len(docs), "department", f"{num}/KH-{code}", "Kế hoạch", "KH",
                    f"{name} tỉnh {p}", date, parent.topic, province=p, dept=(code, name))
            d.parents = [parent]
            docs.append(d)
        self.docs = docs
        return docs

    # --- text -------------------------------------------------------------------------------
    def ref_phrase(self, d: Doc) -> str:
        """How a document is cited in running text."""
        issuer = d.issuer
        if d.level == "provincial" and d.symbol.endswith("KH-UBND"):
            issuer = "Ủy ban nhân dân tỉnh"
        elif d.level == "provincial":
            issuer = "Tỉnh ủy"
        long = self.rnd.random() < 0.5
        s = f"{d.doc_type} số {d.symbol} {vn_date(d.date, long)} của {issuer}"
        if d.symbol.endswith("NQ/TW"):
            s += f" về {TOPICS[d.topic][0]}"
        return s

    def header(self, d: Doc) -> list[str]:
        y, m, dd = d.date
        place = "Hà Nội"
        if d.level in ("party",) and d.symbol.endswith(("NQ/TW", "KH/TW")):
            return ["BAN CHẤP HÀNH TRUNG ƯƠNG", "*", f"Số {d.symbol}",
                    "ĐẢNG CỘNG SẢN VIỆT NAM", f"{place}, {vn_date(d.date)}"]
        if d.level == "central":
            top = "THỦ TƯỚNG CHÍNH PHỦ" if d.issuer.startswith("Thủ tướng") else "CHÍNH PHỦ"
            return [top, "-------", f"Số: {d.symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc", "---------------", f"{place}, {vn_date(d.date)}"]
        p = d.province
        if d.symbol.endswith("KH/TU"):
            return [f"TỈNH ỦY {p.upper()}", "*", f"Số {d.symbol}", "ĐẢNG CỘNG SẢN VIỆT NAM",
                    f"{p}, {vn_date(d.date)}"]
        if d.level == "provincial":
            return ["ỦY BAN NHÂN DÂN", f"TỈNH {p.upper()}", "-------", f"Số: {d.symbol}",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "---------------", f"{p}, {vn_date(d.date)}"]
        return [f"UBND TỈNH {p.upper()}", d.dept[1].upper(), "-------", f"Số: {d.symbol}",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "---------------", f"{p}, {vn_date(d.date)}"]

    def agencies(self, d: Doc) -> tuple[list[str], list[str]]:
        rnd = self.rnd
        if d.level == "department":
            pool = DEPT_UNITS
            lead = [rnd.choice(pool)]
            partners = rnd.sample([u for u in pool if u not in lead], rnd.randint(1, 3))
        elif d.level == "provincial":
            pool = [n for _, n in DEPARTMENTS] + [o.format(p=d.province) for o in PROVINCE_ORGS]
            lead = [rnd.choice(pool)]
            partners = rnd.sample([u for u in pool if u not in lead], rnd.randint(1, 3))
            if rnd.random() < 0.4:
                partners.append(rnd.choice(GROUPS))
        else:
            pool = ["Bộ Y tế", "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư", "Bộ Nội vụ",
                    "Bộ Giáo dục và Đào tạo", "Bộ Thông tin và Truyền thông", "Bộ Tư pháp"]
            lead = [rnd.choice(pool)]
            partners = rnd.sample([u for u in pool if u not in lead], 2)
        return lead, partners

    def render(self, d: Doc) -> tuple[str, list[dict], list[dict]]:
        """Text of one document, its cites edges (beyond parents) and its tasks."""
        rnd = self.rnd
        topic = TOPICS[d.topic][0]
        lines = self.header(d)
        cites: list[dict] = []
        tasks: list[dict] = []
        y = d.date[0]
        if d.symbol.endswith("NQ/TW"):
            if d.issuer == "Bộ Chính trị":
                body = "CỦA BỘ CHÍNH TRỊ"
            else:
                body = (f"HỘI NGHỊ LẦN THỨ {rnd.choice(PLENUM).upper()} BAN CHẤP HÀNH TRUNG "
                        f"ƯƠNG ĐẢNG KHÓA {getattr(d, 'term', 'XII')}")
            lines += ["NGHỊ QUYẾT", body, f"về {topic}",
                      "I. TÌNH HÌNH VÀ NGUYÊN NHÂN",
                      FILLER[0].format(topic=topic), FILLER[3],
                      "II. QUAN ĐIỂM, MỤC TIÊU", FILLER[2],
                      "III. NHIỆM VỤ, GIẢI PHÁP"]
            for i in range(rnd.randint(3, 6)):
                lines.append(f"{i + 1}. {rnd.choice(VERBS)} {topic}.")
            lines += ["IV. TỔ CHỨC THỰC HIỆN",
                      "Các tỉnh ủy, thành ủy, các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy "
                      "trực thuộc Trung ương tổ chức học tập, quán triệt và xây dựng chương "
                      "trình, kế hoạch thực hiện Nghị quyết.", "T/M BAN CHẤP HÀNH TRUNG ƯƠNG",
                      "TỔNG BÍ THƯ"]
            return "\n".join(lines) + "\n", cites, tasks
        parents_txt = "; ".join(self.ref_phrase(p) for p in d.parents)
        if d.symbol.endswith("QĐ-TTg"):
            lines += ["QUYẾT ĐỊNH", f"Ban hành Kế hoạch thực hiện Nghị quyết số "
                      f"{d.parents[0].symbol} về {topic}", "THỦ TƯỚNG CHÍNH PHỦ",
                      "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;" if y >= 2016
                      else "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
                      f"Căn cứ {parents_txt};", "QUYẾT ĐỊNH:",
                      "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Nghị quyết "
                      f"số {d.parents[0].symbol}.",
                      "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.",
                      "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân "
                      "dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành "
                      "Quyết định này.", "KẾ HOẠCH",
                      f"Thực hiện Nghị quyết số {d.parents[0].symbol} về {topic}"]
        elif d.symbol.endswith("NQ-CP"):
            lines += ["NGHỊ QUYẾT", "Ban hành Chương trình hành động của Chính phủ thực hiện "
                      f"Nghị quyết số {d.parents[0].symbol}", "CHÍNH PHỦ",
                      f"Thực hiện {parents_txt}, Chính phủ ban hành Chương trình hành động với "
                      "các nội dung chủ yếu sau:"]
        else:
            verb = "Triển khai thực hiện" if d.level == "department" else "Thực hiện"
            lines += ["KẾ HOẠCH", f"{verb} {d.parents[0].doc_type} số {d.parents[0].symbol} "
                      f"về {topic}"]
            who = {"provincial": "Ủy ban nhân dân tỉnh" if d.symbol.endswith("UBND") else
                   "Ban Thường vụ Tỉnh ủy", "department": d.dept[1] if d.dept else "",
                   "party": d.issuer}.get(d.level, d.issuer)
            lines.append(f"Thực hiện {parents_txt}, {who} ban hành Kế hoạch thực hiện như sau:")
        lines += ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", FILLER[0].format(topic=topic),
                  "2. Yêu cầu", FILLER[1], FILLER[2], "II. NHIỆM VỤ VÀ GIẢI PHÁP"]
        for i in range(rnd.randint(3, 7)):
            lead, partners = self.agencies(d)
            dl = rnd.choice(DEADLINES).format(y=y + rnd.randint(0, 1), q=rnd.choice(
                ["I", "II", "III", "IV"]))
            num = f"{i + 1}"
            lines.append(f"{num}. {rnd.choice(VERBS)} {topic}.")
            if rnd.random() < 0.3:
                kind, code = rnd.choice(NORMS)
                ny = rnd.randint(min(2010, y - 1), y)
                if kind == "Luật":  # the legislature's term number follows the year
                    ny = max(ny, 2012)
                    term = 13 if ny < 2016 else 14 if ny < 2021 else 15
                    sym = f"{rnd.randint(20, 99)}/{ny}/{code}{term}"
                else:
                    sym = f"{rnd.randint(10, 180)}/{ny}/{code}"
                lines.append(f"Thực hiện theo quy định tại {kind} số {sym}.")
                cites.append({"symbol": sym, "doc_type": kind})
            lines.append(f"- Đơn vị chủ trì: {', '.join(lead)}.")
            lines.append(f"- Đơn vị phối hợp: {', '.join(partners)}.")
            lines.append(f"- Thời gian hoàn thành: {dl}.")
            tasks.append({"number": f"II.{num}", "lead": lead, "partners": partners,
                          "deadline": dl})
        lines += ["III. TỔ CHỨC THỰC HIỆN",
                  "Các cơ quan, đơn vị căn cứ nhiệm vụ được giao xây dựng kế hoạch cụ thể, định "
                  "kỳ báo cáo kết quả thực hiện trước ngày 15 tháng 12 hằng năm.",
                  "Nơi nhận:", "- Như trên;", "- Lưu: VT."]
        if d.symbol.endswith(("KH/TU", "KH/TW")):
            lines += ["T/M BAN THƯỜNG VỤ" if d.level == "provincial" else "T/M BỘ CHÍNH TRỊ",
                      "BÍ THƯ" if d.level == "provincial" else "TỔNG BÍ THƯ"]
        elif d.level == "provincial":
            lines += ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        elif d.level == "department":
            lines += ["GIÁM ĐỐC"]
        else:
            lines += ["THỦ TƯỚNG" if "TTg" in d.symbol else "TM. CHÍNH PHỦ"]
        return "\n".join(lines) + "\n", cites, tasks


def encode(text: str, rnd: random.Random, legacy_share: float) -> bytes:
    if legacy_share > 0 and rnd.random() < legacy_share:
        from graph.ingest.encoding import unicode_to_cp1258, unicode_to_tcvn3, unicode_to_vni
        return rnd.choice([unicode_to_cp1258, unicode_to_tcvn3, unicode_to_vni])(text)
    return text.encode("utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--legacy-share", type=float, default=0.0,
                    help="share of provincial/department files written in legacy encodings")
    args = ap.parse_args(argv)
    t0 = time.time()
    out = Path(args.out)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    gen = Generator(args.docs, args.seed)
    docs = gen.plan()
    enc_rnd = random.Random(args.seed + 1)
    n_edges = n_tasks = n_bytes = 0
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
        for d in docs:
            folder = out / "docs" / f"{d.idx // 1000:03d}"
            if d.idx % 1000 == 0:
                folder.mkdir(exist_ok=True)
            d.file = f"docs/{d.idx // 1000:03d}/{d.level}_{d.idx:06d}.txt"
            text, cites, tasks = gen.render(d)
            data = encode(text, enc_rnd, args.legacy_share if d.level in (
                "provincial", "department") else 0.0)
            (out / d.file).write_bytes(data)
            n_bytes += len(data)
            truth.write(json.dumps({
                "kind": "document", "file": d.file, "symbol": d.symbol, "doc_type": d.doc_type,
                "date": d.iso, "issuer": d.issuer, "jurisdiction": d.province,
                "level": d.level}, ensure_ascii=False) + "\n")
            for p in d.parents:
                truth.write(json.dumps({"kind": "edge", "relation": "implements", "file": d.file,
                                        "source": d.short(), "target": p.short()},
                                       ensure_ascii=False) + "\n")
                n_edges += 1
            for c in cites:
                truth.write(json.dumps({"kind": "edge", "relation": "cites", "file": d.file,
                                        "source": d.short(), "target": c},
                                       ensure_ascii=False) + "\n")
                n_edges += 1
            for t in tasks:
                truth.write(json.dumps({"kind": "task", "file": d.file, "plan": d.symbol,
                                        "plan_issuer": d.issuer, **t},
                                       ensure_ascii=False) + "\n")
                n_tasks += 1
    levels: dict = {}
    for d in docs:
        levels[d.level] = levels.get(d.level, 0) + 1
    manifest = {"docs": len(docs), "levels": levels, "edges": n_edges, "tasks": n_tasks,
                "bytes": n_bytes, "seed": args.seed, "legacy_share": args.legacy_share,
                "seconds": round(time.time() - t0, 1)}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    print(json.dumps(manifest, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
