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
sub-items is a heading: its sub-items are the tasks. Items are numbered up to 9999 ("100."
counts after "99."); the parts of a dotted number have at most two digits ("1.500" is a
number). Partners: "phối hợp (với) X, Y và Z"; deadlines: the field or inline ("trước ngày …",
"trong quý II năm 2025"; never before the plan's year). A lead ends before its verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Optional

from graph import tables
from graph.extract import agencies as ag
from graph.extract.deadlines import find_deadline, parse_deadline
from graph.extract.symbols import find_symbols
from graph.models import Header, Task
from graph.text import fold, mostly_upper, name_key, squash_name

_MARKER_RE = re.compile(
    r"(?P<roman>[IVXLC]{1,6})[.)]\s+"
    r"|(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+"
    r"|(?P<num1>\d{1,4})[.)]\s+"
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
    ordinal: int = 0  # its place among its parent's children of its kind, from 1
    _upper: Optional[bool] = field(default=None, repr=False, compare=False)

    def title(self, text: str) -> str:
        """The item's text after its marker, blanks squeezed."""
        return squash_name(text[self.title_start:self.end])

    def is_upper(self, text: str) -> bool:
        """Is the item's text written in capitals (a heading)? Read once the outline is
        built (`end` is final then), many times (every task asks its ancestors for its
        section): kept once known."""
        if self._upper is None:
            self._upper = mostly_upper(text[self.title_start:self.end], min_letters=3)
        return self._upper


# ---------------------------------------------------------------- cues

@cache
def _cues(kind: str, weak: bool = True) -> tuple[str, ...]:
    """The folded phrases of one kind of task_cues.csv, longest first; without the weak
    ones (column 'weak') when `weak` is False."""
    rows = [r["phrase"] for r in tables.rows("task_cues.csv")
            if r["kind"] == kind and (weak or r["weak"] != "yes")]
    return tuple(fold(p) for p in sorted(rows, key=len, reverse=True))


@cache
def _start_cue_re(kind: str) -> re.Pattern:
    """A cue of `kind` opening the (stripped) text, followed by no letter or digit."""
    alt = "|".join(re.escape(p) for p in _cues(kind)) or "(?!)"
    return re.compile(rf"\s*(?:{alt})(?![^\W_])")


def _starts_with_cue(f: str, kind: str) -> bool:
    """Does f open (after blanks) with a cue phrase of `kind`?"""
    return _start_cue_re(kind).match(f) is not None


@cache
def _field_roles() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((role, _cue_re("field_role_" + role))
                 for role in ("partner", "deadline", "output", "lead"))


def _field(text: str, a: int, b: int) -> Optional[tuple[str, str]]:
    """text[a:b] 'Đơn vị tham mưu: Văn phòng Sở.' -> ('lead', 'Văn phòng Sở.'); None if it is
    not a field: a label (all before the first ':', blanks squeezed, at most 60 characters,
    no ';' or '.') that opens with a field label cue and names a role."""
    c = text.find(":", a, b)
    if c < 0:
        return None
    label = " ".join(text[a:c].split())
    if len(label) > 60 or ";" in label or "." in label:
        return None
    f = fold(label)
    if not _starts_with_cue(f, "field_label"):
        return None
    for role, pat in _field_roles():
        if pat.search(f):
            return role, " ".join(text[c + 1:b].split())
    return None


# ---------------------------------------------------------------- outline

def _marker(text: str, a: int, b: int):
    """(kind, label, rank, end of the marker) of an outline item opening text[a:b], or None:
    a letter needs a capital after it, a dash or '+' no digit or small letter ("- 2025 trên
    địa bàn" is a wrapped line)."""
    m = _MARKER_RE.match(text, a, b)
    if not m:
        return None
    kind = m.lastgroup  # each branch has one group, the marker itself
    e = m.end()
    if kind in ("bullet", "plus") and (e == b or text[e].isdigit() or text[e].islower()):
        return None
    if kind == "letter" and not (e < b and text[e].isupper()):
        return None
    if kind == "num":
        label = m.group("num")
        return kind, label, 1 + label.count("."), e
    if kind == "num1":
        return "num", m.group("num1"), 1, e
    return kind, m.group(kind), _RANK[kind], e


def _add_plain(text: str, owner: Node, a: int, b: int) -> None:
    """A paragraph without a marker: it continues the last one (no sentence end before it,
    or the item's own title wraps onto a small letter), or is a body paragraph of `owner`."""
    ob = owner.body
    if ob and text[ob[-1][1] - 1] not in ".;:!?":
        ob[-1] = (ob[-1][0], b)
    elif not ob and owner.kind != "root" and not owner.children and \
            text[owner.end - 1] not in ".;:!?" and text[a].islower():
        owner.end = b
    else:
        ob.append((a, b))


_RECIPIENT_SEP_RE = re.compile(r";\s*[-–•]\s")


def _is_recipient_list(text: str, a: int, b: int) -> bool:
    """"- Chính phủ; - Ban Tổ chức Trung ương; - …": recipients ("Nơi nhận:" lost), no task."""
    return text[a] in "-–•" and len(_RECIPIENT_SEP_RE.findall(text, a, b)) >= 2


def _outline(text: str, paragraphs, folded: str) -> Node:
    """The numbered outline of the text up to its closing paragraph ("Nơi nhận", "Trên đây
    là …"), without lists of recipients; `folded` is fold(text)."""
    root = Node("root", "", -1, 0, 0, 0)
    stack = [root]
    closing = _start_cue_re("closing")
    last = 0  # the number of the last item "N."
    kinds: dict[tuple[int, str], int] = {}  # (id of a node, kind) -> children of that kind
    for a, b in paragraphs:
        if closing.match(folded, a, b):
            break
        if _is_recipient_list(text, a, b):
            continue
        mk = _marker(text, a, b)
        if mk is not None and mk[0] == "num" and mk[2] == 1:
            if len(mk[1]) > 2 and int(mk[1]) != last + 1:
                mk = None  # "2020. …": three or four digits open an item only after the one before
            else:
                last = int(mk[1])
        if mk is None:
            _add_plain(text, stack[-1], a, b)
            continue
        kind, label, rank, e = mk
        node = Node(kind, label, rank, a, e, b)
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        node.parent = stack[-1]
        kinds[id(node.parent), kind] = node.ordinal = kinds.get((id(node.parent), kind), 0) + 1
        stack[-1].children.append(node)
        stack.append(node)
    return root


# ---------------------------------------------------------------- agencies in text

_YEAR_RE = re.compile(r"\d{4}")


class _Ctx:
    def __init__(self, ct, header: Header, folded: str):
        self.text = ct.text
        # fold(ct.text): the same length, so offsets in text are offsets in folded
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


@cache
def _cue_re(kind: str) -> re.Pattern:
    """One pattern for all cue phrases of a kind (longest first), each a whole phrase."""
    alt = "|".join(re.escape(p) for p in _cues(kind)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


@cache
def _request_re() -> re.Pattern:
    """A request word ('đề nghị', 'giao': agencies.csv) and the blanks after it."""
    alt = "|".join(re.escape(fold(p)) for p in ag.cue_phrases("request_prefix")) or "(?!)"
    return re.compile(rf"\s*(?:{alt})\s+")


def _strip_request(folded: str, start: int, end: int) -> int:
    """Skip a request word opening an item ("Đề nghị", "Giao"): `folded` is the folded text."""
    m = _request_re().match(folded, start, end)
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
    # "Ủy ban nhân dân Thành phố có quyền hạn và trách nhiệm:" heads its duties too
    if not found or stop < end and not _cue_re("heading_tail").fullmatch(
            ctx.folded, ag.after_ws(ctx.text, stop, end), end):
        return None
    return [p for p, _, _ in found]


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches


def _whole_phrases(f: str, phrase: str, start: int, end: int):
    """The offsets where `phrase` stands in f[start:end] as whole words (no word character
    right before or after it), left to right, not overlapping."""
    n = len(phrase)
    i = f.find(phrase, start, end)
    while i >= 0:
        j = i + n
        if (i == 0 or not _is_word_char(f[i - 1])) and (j >= end or not _is_word_char(f[j])):
            yield i
            i = f.find(phrase, j, end)
        else:
            i = f.find(phrase, i + 1, end)


_WORD_START_RE = re.compile(r"(?<!\w)\w")
_WORD_CHAR_RE = re.compile(r"\w")


@cache
def _after_list() -> tuple[str, ...]:
    """What follows a list of names that goes on ('và …', '(…)'): not a lead's end."""
    return tuple(fold(p) + " " for p in ag.cue_phrases("and")) + ("(",)


def list_end(text: str, pos: int, folded: str, endpos: int, memo: dict) -> Optional[int]:
    """The end of the list `ag.read_agencies(text, pos, folded, endpos)` reads, None when it
    reads no name. `memo` (one dict per text and `endpos`) keeps it for every name start
    passed: a list read from one of its names on ends where the whole list does."""
    sep, chain = ag.sep_re(), []  # chain: (start, end) of the names a separator follows
    cur = ag.after_ws(text, pos, endpos)
    while cur < endpos and cur not in memo:
        m = ag.match_agency(text, cur, folded, endpos)
        s = sep.match(text, m[0], endpos) if m else None
        if not s:
            rest = memo[cur] = m[0] if m else None
            break
        chain.append((cur, m[0]))
        cur = s.end()
    else:
        rest = memo.get(cur)  # None at the end of the text
    for start, end in reversed(chain):  # a name ends the list when no name follows it
        rest = memo[start] = end if rest is None else rest
    return rest


def _lead_at_start(ctx: _Ctx, start: int, end: int) -> Optional[list[str]]:
    """The agencies opening an item (after a request word), when what follows them is not
    more of a list ('và …', '(…)'): "Sở Y tế, Sở Tài chính: …", "Sở Y tế chủ trì"."""
    text, f = ctx.text, ctx.folded  # read as if they ended at `end`
    s = _strip_request(f, start, end)
    found, stop = ag.read_agencies(text, s, f, end)
    if found:
        nxt = f[stop:min(stop + 40, end)].lstrip(" ,")
        if nxt and not nxt.startswith(_after_list()):
            return [p for p, _, _ in found]
    return None


def _word_starts(f: str, left: int, a: int, b: int) -> list[int]:
    """Word starts within f[max(a, left):b], the clause's first character (`left`) counting
    as one."""
    starts = [m.start() for m in _WORD_START_RE.finditer(f, max(a, left + 1), b)]
    if a <= left and _WORD_CHAR_RE.match(f, left, b):
        starts.insert(0, left)
    return starts


def _lead_inside_plain(ctx: _Ctx, start: int, end: int) -> list[str]:
    """Lead agencies named inside an item: at its start, or right before 'chủ trì' (every
    word of the clause before each cue tried)."""
    got = _lead_at_start(ctx, start, end)
    if got is not None:
        return got
    text, f = ctx.text, ctx.folded
    for cue in _cues("lead_cue", weak=False):
        for cue_at in _whole_phrases(f, cue, start, end):
            left = max(start, f.rfind(";", start, cue_at) + 1, f.rfind(".", start, cue_at) + 1)
            if left >= cue_at:
                continue
            for p in _word_starts(f, left, left, cue_at):
                got, e = ag.read_agencies(text, p, f, end)
                gap = f[e:cue_at].strip(" ,")  # nothing, or "khẩn trương" ("Bộ Y tế khẩn trương chủ trì")
                if got and (gap == "" or _cue_re("lead_adverb").fullmatch(gap)):
                    return [x for x, _, _ in got]
    return []


def _lead_inside(ctx: _Ctx, start: int, end: int) -> list[str]:
    """`_lead_inside_plain`, each word tried once per cue phrase: a word that gave no lead
    before one cue gives none before a later one (its list ends before the first cue, so
    before the later one's blanks too), so a cue tries only the words after the one before
    it; where lists end is kept (`list_end`) for all the words and cue phrases."""
    got = _lead_at_start(ctx, start, end)
    if got is not None:
        return got
    text, f = ctx.text, ctx.folded
    ends: dict[int, Optional[int]] = {}  # list_end's memo
    for cue in _cues("lead_cue", weak=False):
        tried = left = start  # words before `tried` gave no lead before an earlier cue
        for cue_at in _whole_phrases(f, cue, start, end):
            # the clause's start, looked for after the last cue only
            left = max(left, f.rfind(";", tried, cue_at) + 1, f.rfind(".", tried, cue_at) + 1)
            if left >= cue_at:
                tried = cue_at
                continue
            g = _before_adverb(f, left, cue_at)  # a list ending at g or after it ends right before the cue
            for p in _word_starts(f, left, tried, cue_at):
                e = list_end(text, p, f, end, ends)
                if e is not None and e >= g:
                    return [x for x, _, _ in ag.read_agencies(text, p, f, end)[0]]
            tried = cue_at
    return []


def _before_adverb(f: str, left: int, at: int) -> int:
    """Where the blanks before `at` begin, and before them an adverb ("khẩn trương"), if any."""
    g = at
    while g > left and f[g - 1] in " ,":
        g -= 1
    for adv in _cues("lead_adverb"):
        s = g - len(adv)
        if s > left and f.endswith(adv, s, g) and f[s - 1] in " ,":
            g = s
            while g > left and f[g - 1] in " ,":
                g -= 1
            break
    return g


def _partners_inside(ctx: _Ctx, start: int, end: int) -> list[str]:
    text, f = ctx.text, ctx.folded  # read as if they ended at `end`
    out = []
    for cue in _cues("partner_cue"):
        for at in _whole_phrases(f, cue, start, end):
            got, _ = ag.read_agencies(text, at + len(cue), f, end)
            out.extend(p for p, _, _ in got)
    return out


# ---------------------------------------------------------------- tasks

def _path(node: Node) -> str:
    labels = []
    n = node
    while n is not None and n.kind != "root":
        if n.kind in ("bullet", "plus"):
            labels.append(f"({n.ordinal})")
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
    if deadline is None:
        deadline = find_deadline(text)
        due = parse_deadline(deadline).due if deadline else None
        if due and ctx.plan_year and due < str(ctx.plan_year):
            deadline = None  # "nhà xây trước ngày 01/01/1995": a date before the plan, no deadline
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
    """The tasks of an item and its sub-items: an item with field lines is one task; under
    a heading (roman, capitals) or outside task sections only sub-items count; an item that
    is agency names leads the tasks below it; an item with sub-items is their heading; a
    leaf is one task."""
    if node.kind == "root":
        for c in node.children:
            _walk(ctx, c, region, inherited, inherited_partners)
        return
    region = _region(ctx, node, region)
    fields, children, body = _fields_of(ctx, node)
    if {r for r, _, _ in fields} & {"lead", "deadline", "partner"}:
        _field_task(ctx, node, fields, body)
        return
    if region not in ("task", "loose") or node.kind == "roman" or node.is_upper(ctx.text):
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
    _one_task(ctx, node, region, inherited, inherited_partners, body)


def _body_tasks(ctx: _Ctx, node: Node, body, leads: list[str], rel: list[str]) -> None:
    """Tasks of an item headed by its agencies: one per body paragraph."""
    for i, (a, b) in enumerate(body):
        number = _path(node) + (f".({i + 1})" if len(body) > 1 else "")
        partners = rel + _partners_inside(ctx, a, b)
        _make_task(ctx, node, number, a, b, [(a, b)], leads, partners, None)


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


def _field_task(ctx: _Ctx, node: Node, fields, body) -> None:
    lead, partners, deadline = [], [], None
    for role, value, _ in fields:
        if role == "lead":
            lead += ag.field_names(value)
        elif role == "partner":
            partners += ag.field_names(value)
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
    folded = fold(ct.text)
    root = _outline(ct.text, ct.paragraphs, folded)
    ctx = _Ctx(ct, header, folded)
    has_sections = any(c.kind == "roman" or c.is_upper(ct.text) for c in root.children)
    _walk(ctx, root, None if has_sections else "loose", [], [])
    return ctx.tasks
