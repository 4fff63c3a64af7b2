"""`check` as an alarm (issue 14), and the traps of the issue rebuilt from made-up sentences:
a mention whose printed year, term, issuer or province contradicts the only document of its
symbol is never merged with it, neither from an official document nor from a page, and
`check` lists each refusal with its sentence and file."""
import json

import pytest

from graph.extract import extract_text
from graph.link.assemble import assemble
from graph.link.identity import make_key
from graph.models import Header, Reference, Record
from graph.query import check

# (the read document: symbol, date, issuer, province) and a sentence contradicting it
TRAPS = [
    (("20-NQ/TW", "1979-05-10", "Bộ Chính trị", None),
     "Ngành y tế đã làm theo Nghị quyết 20-NQ/TW năm 2017 về tăng cường bảo vệ sức khỏe nhân dân.", "year"),
    (("27-NQ/TW", "2022-11-09", "Ban Chấp hành Trung ương Đảng", None),
     "Lương cơ sở thay đổi theo Nghị quyết 27-NQ/TW năm 2018 về cải cách chính sách tiền lương.", "year"),
    (("19-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương Đảng", None),
     "Nông thôn mới gắn với Nghị quyết 19-NQ/TW năm 2022 về nông nghiệp, nông dân, nông thôn.", "year"),
    (("2890/QĐ-UBND", "2024-10-01", "Ủy ban nhân dân tỉnh Hà Tĩnh", "Hà Tĩnh"),
     "Chủ tịch UBND tỉnh Đồng Nai đã ban hành Quyết định 2890/QĐ-UBND về công bố thủ tục hành chính.", "province"),
    (("51/2025/NQ-HĐND", "2025-07-10", "Hội đồng nhân dân thành phố Hà Nội", "Hà Nội"),
     "Tại kỳ họp, HĐND tỉnh Lâm Đồng đã biểu quyết thông qua Nghị quyết 51/2025/NQ-HĐND về mức chi.", "province"),
    (("71-NQ/TW", "2025-08-22", "Bộ Chính trị", None),
     "Nhà trường quán triệt Nghị quyết 71-NQ/TW năm 2025 của Chính phủ về phát triển giáo dục.", "issuer"),
]
# sentences whose facts agree with the read document: they are merged with it
AGREEING = [
    ("19-NQ/TW", "Tỉnh tiếp tục thực hiện Nghị quyết 19-NQ/TW năm 2017 về đổi mới hệ thống tổ chức."),
    ("2890/QĐ-UBND", "Người dân hỏi về Quyết định 2890/QĐ-UBND của UBND tỉnh Hà Tĩnh về thủ tục."),
    ("71-NQ/TW", "Học sinh được học về Nghị quyết 71-NQ/TW năm 2025 của Bộ Chính trị về giáo dục."),
]


def read_document(symbol, date, issuer, province) -> tuple:
    path = f"read/{symbol.replace('/', '_')}.txt"
    return path, None, Record(source=path, kind="official",
                              document=Header(symbol=symbol, date=date, issuer=issuer,
                                              jurisdiction=province, doc_type="Nghị quyết"))


def own_node(symbol, date, province) -> str:
    return make_key(symbol, date, province).node_id


def targets(G, path, symbol):
    """The document nodes of `symbol` the file `path` cites."""
    src = [n for n, a in G.nodes(data=True) if path in (a.get("files") or ())]
    assert len(src) == 1
    return {v for _, v in G.out_edges(src[0]) if G.nodes[v].get("symbol") == symbol}


@pytest.fixture(scope="module", params=["official", "page"])
def trap_graph(request):
    kind = request.param
    records = [read_document(*doc) for doc, _, _ in TRAPS]
    for i, (_, sentence, _) in enumerate(TRAPS):
        records.append(citing(f"{kind}/trap{i}.txt", sentence, kind, i))
    for i, (_, sentence) in enumerate(AGREEING):
        records.append(citing(f"{kind}/agree{i}.txt", sentence, kind, 50 + i))
    return kind, assemble(records)


def citing(path, sentence, kind, i) -> tuple:
    """The sentence read as a page, or as an official report of a ministry (its header given:
    a national document, so no province of its own settles the mention)."""
    rec = extract_text(sentence, path, kind=kind)
    if kind == "official":
        rec.document = Header(symbol=f"{i + 1}/BC-BNV", date="2025-12-01", issuer="Bộ Nội vụ",
                              doc_type="Báo cáo")
    return path, None, rec


def test_no_trap_is_merged(trap_graph):
    kind, G = trap_graph
    for i, ((symbol, date, _, province), _, _) in enumerate(TRAPS):
        got = targets(G, f"{kind}/trap{i}.txt", symbol)
        assert got and own_node(symbol, date, province) not in got, (symbol, got)


def test_agreeing_mentions_are_merged(trap_graph):
    kind, G = trap_graph
    read = {doc[0]: own_node(doc[0], doc[1], doc[3]) for doc, _, _ in TRAPS}
    for i, (symbol, _) in enumerate(AGREEING):
        assert targets(G, f"{kind}/agree{i}.txt", symbol) == {read[symbol]}


def test_check_lists_every_trap_with_its_sentence(trap_graph):
    kind, G = trap_graph
    rep = check(G)
    by_source = {c["source"]: c for c in rep["contradictions"]}
    assert len(rep["contradictions"]) == len(TRAPS)
    for i, ((symbol, date, _, province), sentence, fact) in enumerate(TRAPS):
        c = by_source[f"{kind}/trap{i}.txt"]
        assert (c["symbol"], c["fact"]) == (symbol, fact)
        assert c["candidate"] == own_node(symbol, date, province)
        assert c["evidence"] == sentence
        assert G.nodes[c["id"]]["refused"]  # the node the mention got is flagged


def test_a_year_gives_a_party_number_its_term():
    G = assemble([read_document("19-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương Đảng", None),
                  ("p.txt", None, extract_text(TRAPS[2][1], "p.txt", kind="page"))])
    got = targets(G, "p.txt", "19-NQ/TW")
    assert got == {make_key("19-NQ/TW", "2022-06-16", None).node_id}  # term XIII's own node


# ---------------------------------------------------------------- the other sections

def rec(path, symbol, date, refs=(), juris=None):
    return (path, None, Record(source=path, kind="official", references=list(refs),
                               document=Header(symbol=symbol, date=date, jurisdiction=juris)))


def test_real_ambiguity_only_with_two_candidates():
    G = assemble([
        rec("a.txt", "1/KH-UBND", "2019-03-01", [Reference("20-NQ/TW", date="2017-10-25")], "Thái Bình"),
        rec("b.txt", "2/KH-UBND", "2023-03-01", [Reference("20-NQ/TW", date="2022-06-16")], "Thái Bình"),
        rec("c.txt", "3/KH-UBND", "2024-01-01", [Reference("20-NQ/TW")], "Thái Bình"),  # both fit
        rec("d.txt", "4/KH-UBND", "2024-01-01", [Reference("99-NQ/TW")], "Thái Bình"),  # none read
    ])
    rep = check(G)
    assert [(a["symbol"], len(a["candidates"])) for a in rep["ambiguous"]] == [("20-NQ/TW", 2)]
    assert rep["stub_counts"]["unsettled"] == 1
    # stubs: 20-NQ/TW of 2017 and of 2022, the unsettled 20-NQ/TW, 99-NQ/TW (the last two undated)
    assert rep["stub_counts"]["stubs"] == 4 and rep["stub_counts"]["without date"] == 2


def test_dating_problems_and_stub_counts():
    G = assemble([
        rec("a.txt", "7/KH-UBND", "2017-01-01", [Reference("20-NQ/TW", date="2017-10-25", relation="implements")],
            "Thái Bình"),
        rec("b.txt", "20-NQ/TW", "2017-10-25"),
        rec("c.txt", "8/KH-UBND", "2018-01-01", [Reference("5/QĐ-UBND")], None),  # local, no province
    ])
    rep = check(G)
    assert [(d["symbol"], d["implements_symbol"]) for d in rep["dated_after"]] == [("7/KH-UBND", "20-NQ/TW")]
    assert rep["stub_counts"]["without province"] == 1


def test_cli_prints_each_section_and_json(tmp_path, capsys, trap_graph):
    from graph.cli import main
    from graph.link.pipeline import build_from_records
    store = tmp_path / "t.sqlite"
    records = [read_document(*doc) for doc, _, _ in TRAPS]
    records += [(f"p{i}.txt", None, extract_text(s, f"p{i}.txt", kind="page")) for i, (_, s, _) in enumerate(TRAPS)]
    build_from_records([r for _, _, r in records], store)
    assert main(["check", "--store", str(store), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"contradictions", "conflicts", "ambiguous", "dated_after", "cycles", "stub_counts"}
    assert len(out["contradictions"]) == len(TRAPS)
    assert main(["check", "--store", str(store)]) == 0
    text = capsys.readouterr().out
    for head in ("(a)", "(b)", "(c)", "(d)"):
        assert head in text
    assert TRAPS[3][1][:60] in text


def test_cli_groups_a_conflict_by_value(tmp_path, capsys):
    """A date printed by many files and another printed by one: two lines, each with its
    count of files and the sentence, not one line per file."""
    from graph.cli import main
    from graph.link import build_from_records
    recs = []
    for i in range(6):
        date = "2017-10-30" if i == 0 else "2017-10-31"
        ev = f"Căn cứ Thông tư số 02/2017/TT-VPCP ngày {date[-2:]} tháng 10 năm 2017"
        rec = Record(source=f"c{i}.txt", kind="official", document=Header(
            symbol=f"{i + 1}/KH-UBND", date="2025-01-02", issuer="Ủy ban nhân dân tỉnh Nghệ An",
            jurisdiction="Nghệ An", doc_type="Kế hoạch"),
            references=[Reference(symbol="02/2017/TT-VPCP", date=date, evidence=ev)])
        recs.append((f"c{i}.txt", None, 0, rec.to_dict(), None))
    store = tmp_path / "c.sqlite"
    build_from_records(recs, store)
    assert main(["check", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "date=2017-10-31: c1.txt and 4 other file(s)" in out
    assert "date=2017-10-30: c0.txt\n" in out
    assert out.count("«Căn cứ Thông tư số 02/2017/TT-VPCP") == 2
