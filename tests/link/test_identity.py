"""Identity: which mention is which document (hand-made records, no extractor needed)."""
from graph.link import identity as I
from graph.link.assemble import assemble
from graph.models import Header, Record, Reference, Statement


def rec(path, symbol=None, date=None, issuer=None, juris=None, refs=(), stmts=(), title=None):
    return (path, None, Record(source=path, document=Header(
        symbol=symbol, date=date, issuer=issuer, jurisdiction=juris, title=title),
        references=list(refs), statements=list(stmts)).to_dict())


def ref(symbol, date=None, relation="implements", juris=None, issuer=None):
    return Reference(symbol=symbol, date=date, relation=relation, jurisdiction=juris,
                     issuer=issuer, evidence=f"Thực hiện {symbol}", offset=10)


def docs(G, symbol):
    return sorted(n for n, a in G.nodes(data=True)
                  if a.get("kind") == "document" and I.symbol_norm(a.get("symbol") or "") == I.symbol_norm(symbol))


def test_party_number_restarts_with_term():
    a = I.make_key("20-NQ/TW", "2017-10-25", None)
    b = I.make_key("20-NQ/TW", "2022-06-16", None)
    c = I.make_key("20-nq/tw", "2018-01-01", None)
    assert a != b
    assert a == c  # same term XII, spelling does not matter


def test_normative_symbol_carries_its_year():
    k = I.make_key("31/2013/NĐ-CP", None, None)
    assert k.complete and k.period == "2013"


def test_admin_numbers_of_two_provinces_stay_two_nodes():
    G = assemble([
        rec("hg.txt", "71/KH-UBND", "2022-04-27", "Ủy ban nhân dân tỉnh Hậu Giang", "Hậu Giang"),
        rec("sl.txt", "71/KH-UBND", "2022-03-02", "Ủy ban nhân dân tỉnh Sơn La", "Sơn La"),
        rec("x.txt", "5/KH-SYT", "2022-06-01", "Sở Y tế", "Sơn La",
            refs=[ref("71/KH-UBND", "2022-03-02")]),
    ])
    nodes = docs(G, "71/KH-UBND")
    assert len(nodes) == 2
    assert {G.nodes[n]["jurisdiction"] for n in nodes} == {"Hậu Giang", "Sơn La"}
    # the Sơn La department plan implements Sơn La's 71, not Hậu Giang's
    target = [v for _, v, k in G.out_edges(I.make_key("5/KH-SYT", "2022-06-01", "Sơn La").node_id, keys=True)
              if k == "implements"]
    assert len(target) == 1 and G.nodes[target[0]]["jurisdiction"] == "Sơn La"
    assert not G.nodes[target[0]]["stub"]


def test_undated_reference_attaches_to_only_fitting_candidate_or_stays_ambiguous():
    G = assemble([
        rec("a.txt", "1/KH-UBND", "2019-03-01", "UBND tỉnh A", "Thái Bình",
            refs=[ref("20-NQ/TW", "2017-10-25")]),
        rec("b.txt", "2/KH-UBND", "2023-03-01", "UBND tỉnh A", "Thái Bình",
            refs=[ref("20-NQ/TW", "2022-06-16")]),
        # 2020: the 2022 resolution did not exist yet -> only the 2017 one fits
        rec("c.txt", "3/KH-UBND", "2020-01-01", "UBND tỉnh A", "Thái Bình",
            refs=[ref("20-NQ/TW", None, "cites")]),
        # 2024: both fit -> ambiguous, never merged
        rec("d.txt", "4/KH-UBND", "2024-01-01", "UBND tỉnh A", "Thái Bình",
            refs=[ref("20-NQ/TW", None, "cites")]),
    ])
    n2017 = I.make_key("20-NQ/TW", "2017-10-25", None).node_id
    n2022 = I.make_key("20-NQ/TW", "2022-06-16", None).node_id
    c = I.make_key("3/KH-UBND", "2020-01-01", "Thái Bình").node_id
    d = I.make_key("4/KH-UBND", "2024-01-01", "Thái Bình").node_id
    assert G.has_edge(c, n2017, key="cites")
    amb = [v for _, v, k in G.out_edges(d, keys=True) if k == "cites"]
    assert len(amb) == 1
    a = G.nodes[amb[0]]
    assert a["ambiguous"] is True
    assert set(a["candidates"]) == {n2017, n2022}
    assert amb[0] not in (n2017, n2022)


def test_header_fills_stub_in_any_order_and_conflicts_are_kept():
    citing = rec("p.txt", "9/KH-UBND", "2018-05-01", "UBND tỉnh", "Thái Bình",
                 refs=[ref("127-KH/TU", "2018-04-06", juris=None)])
    own = rec("tu.txt", "127-KH/TU", "2018-04-05", "Tỉnh ủy Thái Bình", "Thái Bình",
              title="Kế hoạch thực hiện Nghị quyết 20")
    for order in ([citing, own], [own, citing]):
        G = assemble(order)
        nodes = docs(G, "127-KH/TU")
        assert len(nodes) == 1
        a = G.nodes[nodes[0]]
        assert a["stub"] is False and a["title"] == "Kế hoạch thực hiện Nghị quyết 20"
        assert a["date"] == "2018-04-05"  # the header wins
        assert {c["value"] for c in a["conflicts"]} == {"2018-04-05", "2018-04-06"}
        assert {c["source"] for c in a["conflicts"]} == {"p.txt", "tu.txt"}


def test_unnumbered_plan_gets_file_identity():
    G = assemble([rec("u.txt", None, "2018-06-01", "Sở Lao động - Thương binh và Xã hội", None,
                      refs=[ref("127-KH/TU", "2018-04-05")], title="Kế hoạch thực hiện")])
    ids = [n for n in G if n.startswith("doc:file:")]
    assert len(ids) == 1
    a = G.nodes[ids[0]]
    assert a["level"] == "department" and a["issuer"].startswith("Sở")
    assert a["stub"] is False


def test_statement_from_another_document_makes_an_edge():
    G = assemble([rec("tb.txt", "5/KH-UBND", "2018-10-01", "UBND tỉnh Thái Bình", "Thái Bình",
                      refs=[ref("60-KH/TU", "2018-01-11"), ref("20-NQ/TW", None, "cites")],
                      stmts=[Statement("60-KH/TU", "implements", "20-NQ/TW", "số 60-KH/TU về việc thực hiện Nghị quyết số 20-NQ/TW", 50)])])
    kh60 = I.make_key("60-KH/TU", "2018-01-11", "Thái Bình").node_id
    edges = [(v, d) for _, v, k, d in G.out_edges(kh60, keys=True, data=True) if k == "implements"]
    assert len(edges) == 1
    assert edges[0][1]["origin"] == "statement" and edges[0][1]["source"] == "tb.txt"
    assert G.nodes[kh60]["level"] == "party"


def test_one_symbol_parser_for_extraction_and_identity():
    from graph.extract.symbols import find_symbols, parse_symbol
    assert I.parse_symbol is parse_symbol
    text = "theo Kế hoạch số 1883/CTr-BLĐTBXH-BYT và Nghị quyết 20-NQ/TW, Nghị định 31/2013/NĐ-CP"
    for m in find_symbols(text):
        p = parse_symbol(m.raw)
        assert (p.symbol, p.family, p.type_code, list(p.issuers), p.year) == \
            (m.symbol, m.family, m.type_code, m.issuer_codes, m.year)
    p = parse_symbol(" 0071 / ct\u2013ubnd ")  # spaces, a long dash, leading zeros, small letters
    assert (p.number, p.type_code, p.issuers, p.family) == ("71", "ct", ("ubnd",), "admin")
    assert parse_symbol("31/2013/NĐ-CP").symbol == parse_symbol("31/2013/nđ-CP").symbol == "31/2013/NĐ-CP"
    assert parse_symbol("Nghị quyết").family == "other"


def test_issuer_codes_are_read_without_their_term():
    assert I.issuer_scope(I.parse_symbol("76/2014/QH13"))[:2] == ("central", "national")
    assert I.make_key("191/2015/NQ-HĐND17", None, None, "Bắc Ninh").province == "bắc ninh"


def test_level_prefixes_are_whole_words():
    assert I.level_of_name("Bộ Y tế") == ("central", "national")
    assert I.level_of_name("Bội chi") == (None, None)
    assert I.level_of_name("Sở, ban, ngành") == ("department", "province")


# ---------------------------------------------------------------- facts forbid merges (issue 14)

def page(path, refs):
    return (path, None, Record(source=path, kind="page", references=list(refs)).to_dict())


def test_a_printed_year_gives_the_period():
    assert I.make_key("20-NQ/TW", None, None, year=2017).period == "XII"  # term of the year
    assert I.make_key("20-NQ/TW", None, None, year=2021).period == I.UNKNOWN  # across two terms
    assert I.make_key("20-NQ/TW", None, None, year=1979).period == "1979"  # before the table's terms
    assert I.make_key("71/KH-UBND", None, "Sơn La", year=2022).period == "2022"
    assert I.make_key("19-NQ/TW", None, None, term="XIII").period == "XIII"
    assert I.make_key("19-NQ/TW", "2017-10-25", None, year=2022).period == "XII"  # the date first


def test_a_renamed_province_keeps_its_numbering():
    assert I.make_key("10/2022/NQ-HĐND", None, "Thừa Thiên Huế") == I.make_key("10/2022/NQ-HĐND", None, "Huế")
    assert I.make_key("1/2022/NQ-HĐND", None, "Bắc Giang") != I.make_key("1/2022/NQ-HĐND", None, "Bắc Ninh")


def test_clash_names_the_fact():
    k1979 = I.make_key("20-NQ/TW", "1979-05-10", None)
    assert I.clash(k1979, "1979-05-10", I.Facts(year=2017))[0] == "year"
    assert I.clash(k1979, "1979-05-10", I.Facts(year=1979)) is None
    kxii = I.make_key("19-NQ/TW", "2017-10-25", None)
    assert I.clash(kxii, None, I.Facts(term="XIII"))[0] == "term"
    assert I.clash(kxii, None, I.Facts(term="XII")) is None
    kht = I.make_key("2890/QĐ-UBND", "2024-10-01", "Hà Tĩnh")
    assert I.clash(kht, None, I.Facts(province="Đồng Nai"))[0] == "province"


def test_issuer_clash_with_the_symbols_code():
    assert I.issuer_clash("71-NQ/TW", "Chính phủ")
    assert not I.issuer_clash("71-NQ/TW", "Bộ Chính trị")
    assert not I.issuer_clash("71-NQ/TW", "Bộ")  # a name cut short says nothing
    assert I.issuer_clash("1983/QĐ-TTg", "Ủy ban nhân dân tỉnh Hà Tĩnh")
    assert not I.issuer_clash("01/KH-BCĐ", "Chính phủ")  # a code the tables do not know


def test_an_undated_mention_is_never_merged_against_its_year():
    G = assemble([rec("old.txt", "20-NQ/TW", "1979-05-10", "Bộ Chính trị"),
                  page("p.txt", [Reference("20-NQ/TW", year=2017, evidence="Nghị quyết 20-NQ/TW năm 2017")]),
                  page("q.txt", [Reference("20-NQ/TW", year=1979, evidence="Nghị quyết 20-NQ/TW năm 1979")])])
    old = I.make_key("20-NQ/TW", "1979-05-10", None).node_id
    new = I.make_key("20-NQ/TW", "2017-10-25", None).node_id
    assert G.has_edge("doc:file:" + _h("p.txt"), new) and not G.has_edge("doc:file:" + _h("p.txt"), old)
    assert G.has_edge("doc:file:" + _h("q.txt"), old)
    assert G.nodes[new]["refused"] == [{
        "symbol": "20-NQ/TW", "candidate": old, "fact": "year", "value": 2017,
        "node_value": "1979-05-10", "evidence": "Nghị quyết 20-NQ/TW năm 2017", "source": "p.txt",
        "offset": 0}]
    assert "refused" not in G.nodes[old]


def _h(path):
    return I.file_node_id(None, path)[len("doc:file:"):]


def test_unrelated_text_yields_nothing():
    G = assemble([("u.txt", None, Record(source="u.txt", kind="unrelated").to_dict())])
    assert G.number_of_nodes() == 0


def test_the_resolver_is_a_parameter():
    class Never(I.Resolver):
        """Another identity policy: an incomplete key is never settled."""

        def resolve(self, key, before=None, facts=I.NO_FACTS, bare=None):
            return I.Resolution(key.node_id, not key.complete)

    records = [rec("a.txt", "20-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương Đảng"),
               page("p.txt", [Reference("20-NQ/TW")])]
    read = I.make_key("20-NQ/TW", "2017-10-25", None).node_id
    assert G_targets(assemble(records), "p.txt") == {read}
    assert G_targets(assemble(records, resolver=Never()), "p.txt") == {"doc:20-nq/tw||?"}


def G_targets(G, path):
    return {v for _, v in G.out_edges(I.file_node_id(None, path))}


def test_make_key_cache_agrees_with_the_function():
    args = [("20-NQ/TW", None, None, None, 2017, None), ("19-NQ/TW", None, None, None, None, "XIII"),
            ("2890/QĐ-UBND", None, "Đồng Nai", None, None, None)]
    for a in args:
        assert I.make_key(*a) == I.make_key.__wrapped__(*a)


def test_patch_replaces_the_refused_merges_of_a_changed_file():
    from graph.link.assemble import patch

    def citing(evidence):
        return rec("c.txt", "1/BC-BNV", "2025-12-01", "Bộ Nội vụ",
                   refs=[Reference("20-NQ/TW", year=2017, evidence=evidence, relation="cites")])
    old = [rec("old.txt", "20-NQ/TW", "1979-05-10", "Bộ Chính trị"), citing("Nghị quyết 20-NQ/TW năm 2017 cũ")]
    new = [old[0], citing("Nghị quyết 20-NQ/TW năm 2017 mới")]
    state: dict = {}
    G = assemble(old, state=state)
    got = patch(G, state["known"], state["files"], [new[1]])
    want = assemble(new)
    node = I.make_key("20-NQ/TW", "2017-10-25", None).node_id
    assert got is not None
    assert [e["evidence"] for e in got.nodes[node]["refused"]] == ["Nghị quyết 20-NQ/TW năm 2017 mới"]
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))


def test_a_decision_cited_without_its_year_on_its_own_day_is_the_one_with_it():
    """"63/QĐ-UBND ngày 24/10/2024" of Hà Nội is "63/2024/QĐ-UBND" of Hà Nội of that day:
    one node, whichever file comes first; another day (the other numbering series, which
    restarts each year) stays apart, and an undated mention goes to the one document."""
    normative = rec("n.txt", "63/2024/QĐ-UBND", "2024-10-24", "Ủy ban nhân dân thành phố Hà Nội",
                    "Hà Nội")
    citing = rec("c.txt", "5/KH-SYT", "2024-12-01", "Sở Y tế", "Hà Nội",
                 refs=[ref("63/QĐ-UBND", "2024-10-24", "cites")])
    undated = rec("u.txt", "6/KH-SYT", "2024-12-05", "Sở Y tế", "Hà Nội",
                  refs=[ref("63/QĐ-UBND", None, "cites")])
    for order in ([normative, citing, undated], [undated, citing, normative]):
        G = assemble(order)
        assert docs(G, "63/2024/QĐ-UBND") == ["doc:63/2024/qđ-ubnd|hà nội|2024"]
        assert docs(G, "63/QĐ-UBND") == []
        for src in ("doc:5/kh-syt|hà nội|2024", "doc:6/kh-syt|hà nội|2024"):
            assert "doc:63/2024/qđ-ubnd|hà nội|2024" in G.succ[src]
    other_day = rec("c.txt", "5/KH-SYT", "2024-12-01", "Sở Y tế", "Hà Nội",
                    refs=[ref("63/QĐ-UBND", "2024-01-08", "cites")])
    G = assemble([normative, other_day])
    assert docs(G, "63/QĐ-UBND") == ["doc:63/qđ-ubnd|hà nội|2024"]
    assert len(docs(G, "63/2024/QĐ-UBND")) == 1
