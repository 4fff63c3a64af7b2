"""find: exact symbol / short-form / alias matches first, partial matches do not outrank them."""
import pytest

from graph import query as Q
from graph.link import identity as I
from graph.link.assemble import assemble
from graph.models import Header, Record, Reference


def rec(path, symbol, date, issuer, juris, refs=(), title=None, doc_type=None):
    return (path, None, Record(source=path, document=Header(
        symbol=symbol, date=date, issuer=issuer, jurisdiction=juris, title=title, doc_type=doc_type),
        references=list(refs)).to_dict())


@pytest.fixture(scope="module")
def G():
    recs = [
        rec("a.txt", "127-KH/TU", "2018-04-05", "Tỉnh ủy Quảng Ngãi", "Quảng Ngãi",
            refs=[Reference(symbol="20-NQ/TW", date="2017-10-25", relation="implements",
                            evidence="Thực hiện Nghị quyết số 20-NQ/TW", aliases=["Nghị quyết 20"])],
            title="Kế hoạch thực hiện Nghị quyết số 20-NQ/TW về công tác bảo vệ sức khỏe nhân dân"),
        # unrelated documents whose text shares most words with the query
        rec("b.txt", "42-NQ/TW", "2023-11-24", "Ban Chấp hành Trung ương", None,
            title="Nghị quyết về tiếp tục đổi mới chính sách xã hội", doc_type="Nghị quyết"),
        rec("c.txt", "21-NQ/TW", "2017-10-25", "Ban Chấp hành Trung ương", None,
            title="Nghị quyết về công tác dân số", doc_type="Nghị quyết"),
        rec("d.txt", "5/KH-UBND", "2019-01-02", "Ủy ban nhân dân tỉnh Thái Bình", "Thái Bình",
            title="Kế hoạch thực hiện nghị quyết của Hội đồng nhân dân tỉnh"),
    ]
    # many more unrelated documents: the prepared choices list must stay fast and exact
    for i in range(300):
        recs.append(rec(f"z{i}.txt", f"{100 + i}/KH-UBND", "2020-01-01", "Ủy ban nhân dân tỉnh Sơn La",
                        "Sơn La", title=f"Kế hoạch thực hiện nghị quyết số {100 + i} của tỉnh"))
    return assemble(recs)


N20 = I.make_key("20-NQ/TW", "2017-10-25", None).node_id


@pytest.mark.parametrize("q", ["nghi quyet 20", "Nghị quyết 20", "NQ 20", "20-NQ/TW", "nghị quyết số 20"])
def test_right_document_first_unrelated_ones_below(G, q):
    res = Q.find(G, q)
    assert res[0]["id"] == N20 and res[0]["score"] == 100.0
    others = {r["symbol"]: r["score"] for r in res[1:] if r["kind"] == "document"}
    for sym in ("42-NQ/TW", "21-NQ/TW", "5/KH-UBND"):
        assert others.get(sym, 0) < 70, (q, sym, others)


def test_typo_still_finds_the_document_and_agency(G):
    res = Q.find(G, "nghi quyet ve cong tac dan so")
    assert res[0]["symbol"] == "21-NQ/TW"
    res = Q.find(G, "Uy ban nhan dan tinh Thai Binh", kinds=("agency",))
    assert res and res[0]["kind"] == "agency" and "thái bình" in res[0]["id"]


def test_number_of_the_query_decides_among_similar_titles(G):
    res = Q.find(G, "ke hoach thuc hien nghi quyet so 250")
    assert res[0]["symbol"] == "250/KH-UBND"
