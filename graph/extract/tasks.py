"""Tasks: who must do what, by when.

`extract_tasks(ct, header)` reads the numbered outline of a plan (I. / 1. / 1.1. / a) / - / +)
and turns its items into `Task`s. Three layouts are read:

1. an item followed by field lines "Đơn vị tham mưu: …", "Đơn vị phối hợp: …", "Thời gian
   thực hiện: …" (labels in graph/tables/task_cues.csv, kind field_*);
2. an item that is only an agency name ("1. Sở Lao động - Thương binh và Xã hội", "13. Đề nghị
   Ủy ban MTTQ Việt Nam tỉnh …") whose duties follow (a), b), bullets or plain paragraphs):
   each duty is a task led by the heading agency, even when it starts "Phối hợp với …";
3. an item that names its lead inside ("Sở Y tế chủ trì, phối hợp với …", "Ngành Y tế hỗ
   trợ …").

Only items inside sections whose heading says they hold tasks ("NHIỆM VỤ", "NỘI DUNG THỰC
HIỆN", "TỔ CHỨC THỰC HIỆN" …) are tasks, unless they carry task fields. An item with
sub-items is a heading: its sub-items are the tasks. Partners come from "phối hợp (với) X, Y
và Z"; deadlines from the field or an inline "Thời gian thực hiện: …" / "trước ngày …".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.extract import agencies as ag
from graph.extract.deadlines import find_deadline, may_hold_deadline, parse_deadline
from graph.extract.normalize import mostly_upper
from graph.extract.symbols import find_symbols
from graph.models import Header, Task
from graph.text import fold, name_key, squash_name

_MARKER_RE = re.compile(
    r"(?P<roman>[IVXLC]{1,6})[.)]\s+"
    r"|(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+"
    r"|(?P<num1>\d{1,2})[.)]\s+"
    r"|(?P<letter>[a-zđ])[).]\s+"
    r"|(?P<bullet>[-•·◦▪–])\s*"
    r"|(?P<plus>\+)\s+")

_RANK = {"roman": 0, "letter": 10, "bullet": 20, "plus": 21}


@dataclass
class Node:
    kind: str  # root, roman, num, letter, bullet, plus
    label: str
    rank: int
    start: int  # offset of the paragraph
    title_start: int  # offset of the text after the marker
    end: int
    children: list["Node"] = field(default_factory=list)
    body: list[tuple[int, int]] = field(default_factory=list)  # plain paragraphs under it
    parent: Optional["Node"] = None
    _title: Optional[str] = field(default=None, repr=False, compare=False)
    _upper: Optional[bool] = field(default=None, repr=False, compare=False)

    def title(self, text: str) -> str:
        # `end` is final once the outline is built; titles are only read after that
        t = self._title
        if t is None:
            t = self._title = squash_name(text[self.title_start:self.end])
        return t

    def is_upper(self, text: str) -> bool:
        """Is the title written in capitals (a heading)? `_is_upper(self.title(text))`."""
        u = self._upper
        if u is None:
            if self.end - self.title_start <= _UPPER_HEAD:
                # the title is this span with blanks squeezed and ' ,;.:' stripped at the
                # ends: the same letters, so the same answer, and no title to build
                u = _is_upper_span(text, self.title_start, self.end)
            else:
                u = _is_upper(self.title(text))
            self._upper = u
        return u


# ---------------------------------------------------------------- cues

@lru_cache(maxsize=None)
def _cues(kind: str, weak: bool = True) -> tuple[str, ...]:
    """The folded phrases of one kind of task_cues.csv, longest first; without the weak
    ones (column 'weak') when `weak` is False."""
    rows = [r["phrase"] for r in tables.rows("task_cues.csv")
            if r["kind"] == kind and (weak or r["weak"] != "yes")]
    return tuple(fold(p) for p in sorted(rows, key=len, reverse=True))


@lru_cache(maxsize=None)
def _start_cue_re(kind: str) -> re.Pattern:
    """A cue of `kind` opening the (stripped) text, followed by no letter or digit."""
    alt = "|".join(re.escape(p) for p in _cues(kind)) or "(?!)"
    return re.compile(rf"\s*(?:{alt})(?![^\W_])")


def _starts_with_cue(f: str, kind: str, pos: int = 0, endpos: Optional[int] = None) -> bool:
    """Does f[pos:endpos] open (after blanks) with a cue phrase of `kind`?"""
    return _start_cue_re(kind).match(f, pos, len(f) if endpos is None else endpos) is not None


def _is_upper(s: str) -> bool:
    return mostly_upper(s, min_letters=3)


_UPPER_HEAD = 600  # mostly_upper reads this many characters


def _is_upper_span(text: str, a: int, b: int) -> bool:
    """mostly_upper(text[a:b], min_letters=3) for b - a <= 600."""
    return mostly_upper(text[a:b], min_letters=3)


_FIELD_RE = re.compile(r"(?P<label>[^:;.\n]{2,60}?)\s*:\s*(?P<value>.*)$")


@lru_cache(maxsize=1)
def _field_roles() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((role, _cue_re("field_role_" + role))
                 for role in ("partner", "deadline", "output", "lead"))


def _field(text: str, a: int = 0, b: Optional[int] = None) -> Optional[tuple[str, str]]:
    """'Đơn vị tham mưu: Văn phòng Sở.' -> ('lead', 'Văn phòng Sở.'); None if not a field.
    Reads text[a:b]."""
    if b is None:
        b = len(text)
    c = text.find(":", a, b)
    if c < 0:
        return None  # a field is 'LABEL: value'
    # the label is all before the first ':', without ';' or '.', at most 60 characters
    # once blanks are squeezed (what _FIELD_RE asks of the squeezed text)
    if text.find(";", a, c) >= 0 or text.find(".", a, c) >= 0 or \
            (c - a > 60 and len(" ".join(text[a:c].split())) > 60):
        return None
    s = " ".join(text[a:b].split())
    m = _FIELD_RE.match(s)
    if not m:
        return None
    label = fold(m.group("label"))
    if not _starts_with_cue(label, "field_label"):
        return None
    for role, pat in _field_roles():
        if pat.search(label):
            return role, m.group("value").strip()
    return None


# ---------------------------------------------------------------- outline

class _PrefixFold:
    """fold(text), made chunk by chunk only as far as it is read: nothing after the closing
    paragraph ("Nơi nhận", "Trên đây là …") is read, often half of a document.
    fold works character by character, so the chunks joined are fold(text)[:done]."""

    CHUNK = 2048

    def __init__(self, text: str):
        self.text = text
        self.parts: list[str] = []
        self.done = 0  # text[:done] is folded
        self.cur = ""  # the last chunk, folding text[cur_start:done]
        self.cur_start = 0

    def _extend(self, upto: int) -> None:
        nxt = min(len(self.text), max(upto, self.done + self.CHUNK))
        self.cur = fold(self.text[self.done:nxt])
        self.cur_start = self.done
        self.parts.append(self.cur)
        self.done = nxt

    def window(self, a: int, b: int) -> tuple[str, int, int]:
        """(s, i, j) with s[i:j] == fold(text[a:b])."""
        if b > self.done:
            self._extend(b)
        if a >= self.cur_start:
            return self.cur, a - self.cur_start, b - self.cur_start
        return fold(self.text[a:b]), 0, b - a  # across two chunks: fold it alone

    def upto(self, b: int) -> str:
        """fold(text)[:n] for some n >= b."""
        if b > self.done:
            self._extend(b)
        if len(self.parts) > 1:
            self.parts = [self.cur] = ["".join(self.parts)]
            self.cur_start = 0
        return self.cur


# the characters a _MARKER_RE match can open with, besides \d (str.isdecimal)
_MARKER_FIRST = frozenset("IVXLC0123456789abcdefghijklmnopqrstuvwxyzđ-•·◦▪–+")


class _Everything:
    def __contains__(self, item) -> bool:
        return True


@lru_cache(maxsize=1)
def _closing_first():
    """The first characters of the closing cues (folded); every character if a cue is empty."""
    cues = _cues("closing")
    return frozenset(p[0] for p in cues) if all(cues) else _Everything()


def _outline(ct, folded: Optional[str] = None) -> Node:
    """The numbered outline of the text."""
    return _outline_folded(ct)[0]


def _outline_folded(ct) -> tuple[Node, str]:
    """The numbered outline of the text, and fold(ct.text) at least as far as the outline
    reaches (every node and body paragraph ends within it)."""
    text = ct.text
    pf = _PrefixFold(text)
    root = Node("root", "", -1, 0, 0, 0)
    stack = [root]
    closing = _start_cue_re("closing").match  # the closing cues open a paragraph
    closing_first = _closing_first()
    marker = _MARKER_RE.match
    marker_first = _MARKER_FIRST
    last = 0  # end of the last paragraph read
    cur, cur_start, done = pf.cur, pf.cur_start, pf.done  # pf's state, kept in locals
    for a, b in ct.paragraphs:
        h = a + 80
        if h > b:
            h = b
        if h > done or a < cur_start:
            fs, i, _ = pf.window(a, h)
            cur, cur_start, done = pf.cur, pf.cur_start, pf.done
        else:
            fs, i = cur, a - cur_start
        # the pattern opens with blanks, then a cue: most paragraphs fail on the first letter
        c = fs[i]
        if (c in closing_first or c.isspace()) and closing(fs, i, i + h - a):
            break
        last = b
        c = text[a]
        m = marker(text, a, b) if c in marker_first or c.isdecimal() else None
        kind = None
        if m:
            kind = m.lastgroup  # each branch has one group, the marker itself
            e = m.end()
            if kind in ("bullet", "plus") and (e == b or text[e].isdigit() or text[e].islower()):
                kind = None  # a wrapped line starting with a dash: "- 2025 trên địa bàn"
            elif kind == "letter" and not (e < b and text[e].isupper()):
                kind = None
        if kind is None:
            owner = stack[-1]
            ob = owner.body
            # a line that continues the paragraph before it
            if ob and not text[ob[-1][1] - 1] in ".;:!?":
                ob[-1] = (ob[-1][0], b)
            elif not ob and owner.kind != "root" and not owner.children and \
                    text[owner.end - 1] not in ".;:!?" and text[a].islower():
                owner.end = b
            else:
                ob.append((a, b))
            continue
        if kind == "num":
            label = m.group("num")
            rank = 1 + label.count(".")
        elif kind == "num1":
            kind, label, rank = "num", m.group("num1"), 1
        else:
            label = m.group(kind)
            rank = _RANK[kind]
        node = Node(kind, label, rank, a, m.end(), b)
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        node.parent = stack[-1]
        stack[-1].children.append(node)
        stack.append(node)
    return root, pf.upto(last)


# ---------------------------------------------------------------- agencies in text

_YEAR_RE = re.compile(r"\d{4}")


class _Ctx:
    def __init__(self, ct, header: Header, folded: str):
        self.ct = ct
        self.text = ct.text
        # fold(ct.text), as far as the outline reaches (see _PrefixFold); the same length
        # as the text there, so offsets in text are offsets in folded
        self.folded = folded
        self.province = header.jurisdiction
        self.issuer = header.issuer
        self.plan_year = None
        if header.date and _YEAR_RE.match(header.date):
            self.plan_year = int(header.date[:4])
        self.tasks: list[Task] = []
        self.agencies: dict[str, ag.Agency] = {}

    def norm(self, name: str) -> ag.Agency:
        """The agency a printed name stands for in this document (names repeat: each is
        normalised once)."""
        a = self.agencies.get(name)
        if a is None:
            a = self.agencies[name] = ag.normalize_agency(name, self.province, self.issuer)
        return a


def _names(ctx: _Ctx, printed: list[str]) -> tuple[list[str], list[str]]:
    """(leads, relatives): normalised names, relative groups set apart."""
    leads, rel = [], []
    for p in printed:
        a = ctx.norm(p)
        if not a.name:
            continue
        (rel if a.relative else leads).append(a.name)
    return _dedup(leads), _dedup(rel)


def _dedup(names: list[str]) -> list[str]:
    out, keys = [], set()
    for n in names:
        k = name_key(n)
        if k and k not in keys:
            keys.add(k)
            out.append(n)
    return out


@lru_cache(maxsize=None)
def _cue_re(kind: str) -> re.Pattern:
    """One pattern for all cue phrases of a kind (longest first), each a whole phrase."""
    alt = "|".join(re.escape(p) for p in _cues(kind)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


@lru_cache(maxsize=1)
def _request_re() -> re.Pattern:
    """A request word ('đề nghị', 'giao': agency_cues.csv) and the blanks after it."""
    alt = "|".join(re.escape(fold(p)) for p in ag.cue_phrases("request_prefix")) or "(?!)"
    return re.compile(rf"\s*(?:{alt})\s+")


def _strip_request(folded: str, start: int, end: int) -> int:
    """Skip a request word opening an item ("Đề nghị", "Giao"): `folded` is the folded text."""
    m = _request_re().match(folded, start, min(end, start + 120))
    return m.end() if m else start


def _heading_agencies(ctx: _Ctx, node: Node) -> Optional[list[str]]:
    """The agencies an item heading consists of, or None when it is not just agencies."""
    s = _strip_request(ctx.folded, node.title_start, node.end)
    end = node.end
    while end > s and ctx.text[end - 1] in " .:;,":
        end -= 1
    if end - s < 3:
        return None
    found, stop = ag.read_agencies(ctx.text, s, ctx.folded, end)
    if not found or stop < end:
        return None
    return [p for p, _, _ in found]


@lru_cache(maxsize=None)
def _one_cue_re(cue: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)")


@lru_cache(maxsize=1)
def _inside_lead_cues() -> tuple[tuple[str, re.Pattern], ...]:
    """(cue, its pattern): the literal is looked for first (str.find is fast, a pattern
    opening with a look-behind is not), the pattern runs from the first hit on."""
    return tuple((c, _one_cue_re(c)) for c in _cues("lead_cue", weak=False))


@lru_cache(maxsize=1)
def _partner_cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((c, _one_cue_re(c)) for c in _cues("partner_cue"))


_WORD_START_RE = re.compile(r"(?<!\w)\w")
_WORD_CHAR_RE = re.compile(r"\w")


@lru_cache(maxsize=1)
def _after_list() -> tuple[str, ...]:
    """What follows a list of names that goes on ('và …', '(…)'): not a lead's end."""
    return tuple(fold(p) + " " for p in ag.cue_phrases("and")) + ("(",)


def _lead_inside(ctx: _Ctx, start: int, end: int) -> list[str]:
    """Lead agencies named inside an item: at its start, or right before 'chủ trì'."""
    text, f = ctx.text, ctx.folded  # read as if they ended at `end`
    s = _strip_request(f, start, end)
    found, stop = ag.read_agencies(text, s, f, end)
    if found:
        nxt = f[stop:min(stop + 40, end)].lstrip(" ,")
        # "Sở Y tế, Sở Tài chính: …" or "Sở Y tế chủ trì" or "Văn phòng Sở thường xuyên …"
        if nxt and not nxt.startswith(_after_list()):
            return [p for p, _, _ in found]
    for lit, cue in _inside_lead_cues():
        first = f.find(lit, start, end)
        if first < 0:
            continue
        for m in cue.finditer(f, first, end):
            cue_at = m.start()
            # candidate starts: words before the cue in the same clause
            left = max(start, f.rfind(";", start, cue_at) + 1, f.rfind(".", start, cue_at) + 1)
            if left >= cue_at:
                continue
            # word starts within f[left:cue_at], the clause's first character counting as one
            starts = [m.start() for m in _WORD_START_RE.finditer(f, left + 1, cue_at)]
            if _WORD_CHAR_RE.match(f, left, cue_at):
                starts.insert(0, left)
            for p in starts:
                got, e = ag.read_agencies(text, p, f, end)
                if got and f[e:cue_at].strip(" ,") == "":
                    return [x for x, _, _ in got]
    return []


def _partners_inside(ctx: _Ctx, start: int, end: int) -> list[str]:
    text, f = ctx.text, ctx.folded  # read as if they ended at `end`
    out = []
    for lit, cue in _partner_cues():
        first = f.find(lit, start, end)
        if first < 0:
            continue
        for m in cue.finditer(f, first, end):
            got, _ = ag.read_agencies(text, m.end(), f, end)
            out.extend(p for p, _, _ in got)
    return out


# ---------------------------------------------------------------- tasks

def _path(node: Node) -> str:
    labels = []
    n = node
    while n is not None and n.kind != "root":
        if n.kind in ("bullet", "plus"):
            sibs = [c for c in n.parent.children if c.kind == n.kind]
            labels.append(f"({sibs.index(n) + 1})")
        else:
            labels.append(n.label)
        n = n.parent
    labels.reverse()
    out = []
    for lab in labels:
        if out and "." in lab and lab.startswith(out[-1] + "."):
            out[-1] = lab
        else:
            out.append(lab)
    return ".".join(out)


def _span_end(node: Node) -> int:
    end = node.end
    for a, b in node.body:
        end = max(end, b)
    for c in node.children:
        end = max(end, _span_end(c))
    return end


def _region(ctx: _Ctx, node: Node, region: Optional[str]) -> Optional[str]:
    if node.kind == "roman" or node.is_upper(ctx.text):
        f = fold(node.title(ctx.text))
        if _starts_with_cue(f, "task_section"):
            return "task"
        if _starts_with_cue(f, "other_section"):
            return "other"
        if node.kind == "roman":
            return "loose"  # a section we cannot name: items are tasks only with a lead
    return region


def _section_title(ctx: _Ctx, node: Node) -> Optional[str]:
    n = node
    while n is not None and n.kind != "root":
        if n.kind == "roman" or n.is_upper(ctx.text):
            return n.title(ctx.text)
        n = n.parent
    return None


def _make_task(ctx: _Ctx, node: Node, number: str, start: int, end: int, text_spans,
               lead: list[str], partners: list[str], deadline: Optional[str]) -> None:
    text = squash_name(" ".join(ctx.text[a:b] for a, b in text_spans))
    if not text:
        return
    # text is the spans joined and squashed: their folded join holds every word of it
    if deadline is None and may_hold_deadline(" ".join(ctx.folded[a:b] for a, b in text_spans)):
        deadline = find_deadline(text)
    refs = []
    for s in find_symbols(ctx.text[start:end]):
        if s.symbol not in refs:
            refs.append(s.symbol)
    lead = _dedup(lead)
    lead_keys = {name_key(x) for x in lead}
    partners = [p for p in _dedup([ctx.norm(p).name for p in partners])
                if name_key(p) not in lead_keys]
    ctx.tasks.append(Task(
        number=number, text=text, lead=lead, partners=partners, deadline=deadline,
        due=parse_deadline(deadline, ctx.plan_year) if deadline else None,
        references=refs, offset=start, section=_section_title(ctx, node)))


def _fields_of(ctx: _Ctx, node: Node):
    """Field lines among an item's children and body: [(role, value, para_start)] and the rest."""
    fields, other_children, other_body = [], [], []
    for c in node.children:
        fv = _field(ctx.text, c.title_start, c.end) if not c.children else None
        if fv:
            fields.append((fv[0], fv[1], c.start))
        else:
            other_children.append(c)
    for a, b in node.body:
        fv = _field(ctx.text, a, b)
        if fv:
            fields.append((fv[0], fv[1], a))
        else:
            other_body.append((a, b))
    return fields, other_children, other_body


def _walk(ctx: _Ctx, node: Node, region: Optional[str], inherited: list[str],
          inherited_partners: list[str]) -> None:
    if not node.children and node.kind != "root":
        _walk_leaf(ctx, node, region, inherited, inherited_partners)
        return
    if node.kind != "root":
        region = _region(ctx, node, region)
    fields, children, body = _fields_of(ctx, node) if node.kind != "root" else ([], node.children, [])
    roles = {r for r, _, _ in fields}
    if node.kind != "root" and ("lead" in roles or "deadline" in roles or "partner" in roles):
        _field_task(ctx, node, fields, body)
        return
    if region not in ("task", "loose") or node.kind in ("root", "roman") or node.is_upper(ctx.text):
        for c in node.children:
            _walk(ctx, c, region, inherited, inherited_partners)
        return
    heads = _heading_agencies(ctx, node) if (children or body) else None
    if heads:
        leads, rel = _names(ctx, heads)
        for c in children:
            _walk(ctx, c, region, leads, rel)
        _body_tasks(ctx, node, body, leads, rel)
        return
    if children:
        for c in children:
            _walk(ctx, c, region, inherited, inherited_partners)
        return
    _one_task(ctx, node, region, inherited, inherited_partners, body)  # a leaf


def _walk_leaf(ctx: _Ctx, node: Node, region: Optional[str], inherited: list[str],
               inherited_partners: list[str]) -> None:
    """_walk for an item without sub-items, the same steps without those whose result is
    unused: the region a leaf's own title gives (_region) only matters when the title is
    not a heading (roman or capitals), and then it is the region passed in; a leaf's fields
    come from its body alone."""
    text = ctx.text
    if node.body:
        fields, body = [], []
        for a, b in node.body:
            fv = _field(text, a, b)
            if fv:
                fields.append((fv[0], fv[1], a))
            else:
                body.append((a, b))
        if fields:
            roles = {r for r, _, _ in fields}
            if "lead" in roles or "deadline" in roles or "partner" in roles:
                _field_task(ctx, node, fields, body)
                return
    else:
        body = []
    if region not in ("task", "loose") or node.kind == "roman" or node.is_upper(text):
        return
    heads = _heading_agencies(ctx, node) if body else None
    if heads:
        leads, rel = _names(ctx, heads)
        _body_tasks(ctx, node, body, leads, rel)
        return
    _one_task(ctx, node, region, inherited, inherited_partners, body)


def _body_tasks(ctx: _Ctx, node: Node, body, leads: list[str], rel: list[str]) -> None:
    """Tasks of an item headed by its agencies: one per body group."""
    groups = _body_groups(ctx, body)
    for i, spans in enumerate(groups):
        number = _path(node) + (f".({i + 1})" if len(groups) > 1 else "")
        a, b = spans[0][0], spans[-1][1]
        partners = rel + _partners_inside(ctx, a, b)
        _make_task(ctx, node, number, a, b, spans, leads, partners, None)


def _one_task(ctx: _Ctx, node: Node, region: Optional[str], inherited: list[str],
              inherited_partners: list[str], body) -> None:
    """An item as one task, led by the agencies it inherits or names (none in a loose
    document: no task)."""
    end = _span_end(node)
    lead = list(inherited)
    if not lead:
        lead, _ = _names(ctx, _lead_inside(ctx, node.title_start, end))
    if region == "loose" and not lead:
        return
    partners = list(inherited_partners) + [ctx.norm(p).name for p in
                                           _partners_inside(ctx, node.title_start, end)]
    spans = [(node.title_start, node.end)] + list(body)
    _make_task(ctx, node, _path(node), node.start, end, spans, lead, partners, None)


def _body_groups(ctx: _Ctx, body: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    return [[span] for span in body]


def _field_task(ctx: _Ctx, node: Node, fields, body) -> None:
    lead, partners, deadline = [], [], None
    for role, value, _ in fields:
        if role == "lead":
            lead += ag.split_agency_field(value)
        elif role == "partner":
            partners += ag.split_agency_field(value)
        elif role == "deadline" and deadline is None:
            deadline = " ".join(value.split()).strip(" .;") or None
    leads, rel = _names(ctx, lead)
    end = _span_end(node)
    text_partners = _partners_inside(ctx, node.title_start, node.end)
    pnames = [ctx.norm(p).name for p in partners + text_partners] + rel
    spans = [(node.title_start, node.end)] + list(body)
    _make_task(ctx, node, _path(node), node.start, end, spans, leads, pnames, deadline)


def extract_tasks(ct, header: Header) -> list[Task]:
    """Tasks of a plan: numbered items with their lead, partners and deadline."""
    root, folded = _outline_folded(ct)
    ctx = _Ctx(ct, header, folded)
    has_sections = any(c.kind == "roman" or c.is_upper(ct.text) for c in root.children)
    _walk(ctx, root, None if has_sections else "loose", [], [])
    return ctx.tasks
