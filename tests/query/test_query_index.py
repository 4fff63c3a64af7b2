"""The lookup index: built from the graph, taken from a lean cache when it holds one, rebuilt
when the cached one cannot be read (a pickle from an older version)."""
import networkx as nx

from graph.query import build_index, find, resolve
from graph.query.index import Index, fold_query, index_of


def small_graph(cls=nx.MultiDiGraph):
    G = cls()
    G.add_node("doc:20-nq/tw", kind="document", symbol="20-NQ/TW", doc_type="Nghị quyết",
               type_code="NQ", date="2017-10-25", year=2017, aliases=["Nghị quyết 20"],
               title="Về tăng cường công tác bảo vệ sức khỏe nhân dân")
    G.add_node("agency:y te", kind="agency", name="Sở Y tế", jurisdiction="Phú Yên")
    G.add_node("task:1", kind="task", text="Tuyên truyền, phổ biến Nghị quyết")
    return G


def test_index_tables():
    idx = build_index(small_graph())
    assert isinstance(idx, Index)
    assert idx.by_type_number[("nq", "20")] == ["doc:20-nq/tw"]
    assert idx.by_alias["nghi quyet 20"] == ["doc:20-nq/tw"]
    ids, texts = idx.fuzzy_choices(["agency"])
    assert ids == ["agency:y te"] and texts == ["so y te phu yen"]  # with its province
    ids, texts = idx.fuzzy_choices(None)
    assert set(ids) == {"doc:20-nq/tw", "agency:y te", "task:1"}


def test_fold_query():
    assert fold_query("  Sở Lao động, Thương binh  (và) Xã hội ") == "so lao dong thuong binh va xa hoi"
    assert fold_query("20-NQ/TW; Đề án 1.2") == "20-nq/tw de an 1.2"  # / . - stay
    assert fold_query(None) == ""


class WithIndex(nx.MultiDiGraph):
    """A graph carrying a prebuilt index, as graph.link's lean graph does."""
    stored = None

    def prebuilt_index(self):
        if isinstance(self.stored, Exception):
            raise self.stored
        return self.stored


def test_prebuilt_index_is_used():
    G = small_graph(WithIndex)
    G.stored = build_index(G)
    G.stored.by_alias["rieng"] = ["task:1"]  # only in the stored index
    assert index_of(G) is G.stored
    assert resolve(G, "rieng", fuzzy=False) == ["task:1"]


def test_unreadable_prebuilt_index_is_rebuilt():
    G = small_graph(WithIndex)
    G.stored = AttributeError("Can't get attribute '_Index' on <module 'graph.query'>")
    idx = index_of(G)
    assert isinstance(idx, Index) and idx.by_symbol
    assert find(G, "nghi quyet 20")[0]["id"] == "doc:20-nq/tw"
