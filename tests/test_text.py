"""graph.text: the one fold, squash and keys every stage uses."""
from __future__ import annotations

from graph.text import (DASHES, SPACES, casefold_key, fold, key, mostly_upper, name_key, plain_dashes,
                        squash, squash_name, strip_accents, symbol_norm)


def test_fold_is_one_character_for_one():
    s = "ỦY BAN Nhân dân – Ðồng Nai\u00a0*x|y Ⅻ"
    assert fold(s) == "uy ban nhan dan - dong nai  x\ny ⅻ"
    assert len(fold(s)) == len(s)
    assert fold("Ủy ban") == fold("uy ban") == fold("UỶ BAN")
    assert set(fold(DASHES)) == {"-"} and set(fold(SPACES)) == {" "}


def test_the_two_squashes_trim_different_signs():
    assert squash("  Kế hoạch\n số 5 ( sau đây gọi tắt ) ;, ") == "Kế hoạch số 5 (sau đây gọi tắt)"
    assert squash("Sở Y tế.") == "Sở Y tế."
    assert squash_name(" Sở  Y tế.: ") == "Sở Y tế"


def test_keys():
    assert key("QĐ") == key("qđ") == key("QD") == "QD"
    assert casefold_key("  Ủy   ban\tTỈNH ") == "ủy ban tỉnh"  # diacritics kept
    assert strip_accents("Ủy ban TỈNH Đồng") == "uy ban tinh dong"
    assert name_key("Sở Lao động - Thương binh & Xã hội") == "so lao dong thuong binh va xa hoi"
    assert symbol_norm("05/KH\u2013UBND") == symbol_norm(" 5 / kh-ubnd") == "5/kh-ubnd"
    assert symbol_norm("020-NQ/TW") == "20-nq/tw"
    assert plain_dashes("a\u2014b\uff0dc") == "a-b-c"


def test_mostly_upper():
    assert mostly_upper("ỦY BAN NHÂN DÂN TỈNH")
    assert not mostly_upper("Ủy ban nhân dân tỉnh")
    assert not mostly_upper("A")  # fewer letters than asked for
    assert mostly_upper("KẾ HOẠCH THỰC HIỆN số 5", min_letters=6)
    assert not mostly_upper("KẾ HOẠCH", min_letters=8)
