"""graph.tables: the one loader of the CSV tables."""
from __future__ import annotations

from pathlib import Path

from graph import tables


def test_every_table_is_read_and_listed_in_the_readme():
    readme = (tables.TABLES / "README.md").read_text(encoding="utf-8")
    for path in sorted(Path(tables.TABLES).glob("*.csv")):
        rows = tables.rows(path.name)
        assert rows and all(None not in row for row in rows)
        assert f"`{path.name}`" in readme


def test_values_are_stripped_and_codes_keyed_one_way():
    assert all(v == v.strip() for row in tables.rows("levels.csv") for v in row.values())
    assert tables.doc_types()["QD"]["code"] == "QĐ"
    assert tables.issuer_row("ttg")["code"] == "TTg"
    assert tables.issuer_row("QH15")["code"] == "QH"  # the Assembly's term is read off
    assert tables.issuer_row("XYZ") is None


def test_typed_accessors():
    words = [w for w, _ in tables.type_words()]
    assert words == sorted(words, key=len, reverse=True)
    assert ("nghị quyết", "NQ") in tables.type_words()
    assert tables.cues("subject_line") == ("V/v",)
    assert "Thành phố Hồ Chí Minh" in tables.province_aliases()
    assert tables.party_terms()["national"][-1][2] == "9999-12-31"  # an open term
    assert any(" - " in n for n in tables.dashed_names())
