"""The explorer's fast paths against their plain versions, on the samples: the first
documents of each cell (a windowed query) and the cascade timeline drawn from them, the
implements links read hop by hop, search pages cut from the hit ids."""
from __future__ import annotations

import pytest

from graph.explorer import index as X
from graph.explorer import pages
from graph.explorer.queries import Index
from graph.link import build

from explorer_util import SAMPLES

AT = "2020-01-01"


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    s = tmp_path_factory.mktemp("explorer_paths") / "s.sqlite"
    build([str(SAMPLES)], s, jobs=1, progress=False)
    return Index(X.ensure_index(s))


def slug_of(ix, symbol):
    return ix.one("SELECT slug FROM doc WHERE symbol = ?", (symbol,))["slug"]


@pytest.mark.parametrize("per_cell", [1, 2, 4])
@pytest.mark.parametrize("unit", [None, "Quảng Ngãi", "Hà Nội"])
def test_first_documents_of_each_cell_as_the_plain_grouping(ix, per_cell, unit):
    for (root,) in ix.all("SELECT id FROM doc WHERE n_below > 0"):
        fast = ix.below_firsts(root, unit, per_cell)
        plain = pages.firsts(ix.below(root, unit=unit, limit=10 ** 9), per_cell)
        assert fast == plain


def test_timeline_of_the_first_documents_as_the_plain_one(ix):
    d = ix.doc(slug_of(ix, "20-NQ/TW"))
    below = ix.below(d["id"], limit=10 ** 9)
    for most in (0, 1):  # fewer than the dated documents: the first of each cell
        cells = ix.below_firsts(d["id"], per_cell=4)
        want = pages.timeline(below, d, most=most)
        assert want["first"] and want["points"]
        got = pages.timeline_of_firsts(cells, d, len(below), most=most)
        slugs = lambda t: [(p["x"], p["y"], p["doc"]["slug"]) for p in t.pop("points")]  # noqa: E731
        assert slugs(got) == slugs(want) and got == want
    with pytest.raises(ValueError):
        pages.timeline_of_firsts(ix.below_firsts(d["id"]), d, len(below), most=100)


RECURSIVE_UP = """WITH RECURSIVE up(id, depth) AS (
        SELECT ?, 0 UNION SELECT l.dst, up.depth + 1 FROM link l JOIN up ON l.src = up.id
         WHERE l.rel = 'implements' AND up.depth < ?)
    SELECT DISTINCT l.src, l.dst, l.evidence, l.file, l."offset", l.origin FROM link l
     WHERE l.rel = 'implements' AND l.src IN (SELECT id FROM up) ORDER BY l.src, l.dst"""


def test_links_up_hop_by_hop_as_the_recursive_query(ix):
    from graph.explorer.queries import MAX_DEPTH
    n = 0
    for (doc,) in ix.all("SELECT id FROM doc"):
        want = sorted(tuple(r) for r in ix.all(RECURSIVE_UP, (doc, MAX_DEPTH)))
        got = [tuple(r) for r in ix.implements_up(doc)]
        assert sorted(got) == want and [g[:2] for g in got] == sorted(g[:2] for g in got)
        n += bool(want)
    assert n > 5


@pytest.mark.parametrize("rank_max", [0, 3, None])
def test_search_pages_cut_from_the_hits_as_paged_in_sql(ix, monkeypatch, rank_max):
    from graph.explorer import search as S
    if rank_max is not None:
        monkeypatch.setattr(S, "RANK_MAX", rank_max)
    for q in ("kế hoạch", "tai nạn lao động", "nghi quyet 20", "Sở", "phối hợp", "20-NQ/TW"):
        for page in (1, 2, 3):
            fast = S.search(ix, q, page=page, per_page=7, at=AT)
            plain = S.search(ix, q, page=page, per_page=7, at=AT, plain=True)
            assert fast == plain, (q, page)
        assert fast["total"] > 0, q
