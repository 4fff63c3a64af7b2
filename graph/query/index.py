"""The lookup index of a graph for `resolve` and `find`: symbols, short forms, aliases and the
folded texts that fuzzy matching compares, built once per graph."""
from __future__ import annotations

import pickle
import unicodedata
import weakref
from typing import TYPE_CHECKING, Any, Iterable, Optional

from graph.extract.symbols import parse_symbol
from graph.text import fold, strip_accents, symbol_norm

if TYPE_CHECKING:
    import networkx as nx

FUZZY_KINDS = ("document", "task", "agency")


class _SpaceTable(dict):
    """str.translate table learning each character once: letters, digits and / . - stay,
    anything else becomes a space."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        r = self[code] = ch if (ch.isalnum() or ch in "/.-") else " "
        return r


_SPACES = _SpaceTable()


def punctuation_to_spaces(text: str) -> str:
    """Every character other than a letter, a digit, '/', '.' or '-' made a space (one for
    one)."""
    return text.translate(_SPACES)


def fold_query(text: Optional[str]) -> str:
    """The form queries and choices are compared in: NFC, folded (`graph.text.fold`: lower
    case, no diacritics, dashes '-'), punctuation to spaces, spaces collapsed."""
    folded = fold(unicodedata.normalize("NFC", text or ""))
    return " ".join(punctuation_to_spaces(folded).split())


def _fuzzy_text(kind: Optional[str], a: dict) -> Optional[str]:
    """The text a node is matched by: a document's symbol, type and title; a task's text; an
    agency's name with its province ("Sở Y tế" of which province)."""
    if kind == "document":
        return " ".join(x for x in (a.get("symbol"), a.get("doc_type"), a.get("title")) if x)
    if kind == "task":
        return a.get("text")
    if kind == "agency":
        text = a.get("name") or a.get("label") or ""
        juris = a.get("jurisdiction")
        if juris and strip_accents(juris) not in strip_accents(text):
            text = f"{text} {juris}"
        return text
    return None


class Index:
    """Lookup tables for `resolve` and `find`, built once per graph (and stored with the lean
    cache by graph.link, so a fresh process does not rebuild them).

    Fuzzy choices are kept per kind as parallel lists (node ids, folded texts) ready for
    rapidfuzz; in a pickle they travel as one nested blob, decoded on the first fuzzy query.
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.by_symbol: dict[str, list[str]] = {}
        self.by_type_number: dict[tuple[str, str], list[str]] = {}
        self.by_alias: dict[str, list[str]] = {}
        fz: dict[str, tuple[list[str], list[str]]] = {k: ([], []) for k in FUZZY_KINDS}
        for n, a in G.nodes(data=True):
            kind = a.get("kind")
            if kind == "document":
                self._add_document(n, a)
            text = _fuzzy_text(kind, a)
            if text and kind in fz:
                fz[kind][0].append(n)
                fz[kind][1].append(fold_query(text))
        self._fuzzy: Any = fz

    def _add_document(self, n: str, a: dict) -> None:
        sym = a.get("symbol")
        if sym:
            self.by_symbol.setdefault(symbol_norm(sym), []).append(n)
            p = parse_symbol(sym)
            if p.number:
                code = strip_accents(a.get("type_code") or p.type_code or "")
                self.by_type_number.setdefault((code, p.number), []).append(n)
        for al in a.get("aliases") or []:
            self.by_alias.setdefault(fold_query(al), []).append(n)

    def fuzzy_choices(self, kinds: Optional[Iterable[str]]) -> tuple[list[str], list[str]]:
        """(node ids, folded texts) of the given kinds (all kinds for None)."""
        if isinstance(self._fuzzy, bytes):
            self._fuzzy = pickle.loads(self._fuzzy)
        key = tuple(sorted(kinds)) if kinds is not None else tuple(sorted(self._fuzzy))
        cache = self.__dict__.setdefault("_merged", {})
        hit = cache.get(key)
        if hit is None:
            ids: list[str] = []
            texts: list[str] = []
            for k in key:
                i, t = self._fuzzy.get(k, ([], []))
                ids.extend(i)
                texts.extend(t)
            hit = cache[key] = (ids, texts)
        return hit

    def __getstate__(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "_merged"}
        if not isinstance(d["_fuzzy"], bytes):
            d["_fuzzy"] = pickle.dumps(d["_fuzzy"], protocol=pickle.HIGHEST_PROTOCOL)
        return d


def build_index(G: nx.MultiDiGraph) -> Index:
    """The lookup index of G (stored by graph.link with its lean cache)."""
    return Index(G)


_INDEXES: "weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, Index]]" = weakref.WeakKeyDictionary()


def _prebuilt(G: nx.MultiDiGraph) -> Optional[Index]:
    """The index stored with a lean graph, None when absent or written by an older version
    (a pickle naming a class that moved)."""
    pre = getattr(G, "prebuilt_index", None)
    if not callable(pre):
        return None
    try:
        idx = pre()
    except (AttributeError, ImportError, pickle.UnpicklingError):
        return None
    return idx if isinstance(idx, Index) else None


def index_of(G: nx.MultiDiGraph) -> Index:
    """The index of G, kept while G has the same number of nodes and edges."""
    stamp = G.number_of_nodes() * 1000003 + G.number_of_edges()
    hit = _INDEXES.get(G)
    if hit and hit[0] == stamp:
        return hit[1]
    idx = _prebuilt(G) or Index(G)
    _INDEXES[G] = (stamp, idx)
    return idx
