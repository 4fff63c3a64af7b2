"""Bounds on an HTML page's tree, so that parsing it takes time linear in its size.

The HTML parser (lexbor, through selectolax) spends time in proportion to the depth of the
tree for each element it opens (the "has an element in scope" checks walk the stack of open
elements), to the options already in a <select> for each option, and rebuilds every formatting
element left open (<b>, <font>...) at each new paragraph. A page of 200,000 nested <div>s, of
one <select> with 100,000 options or of 10,000 distinct <font>s never closed thus takes time
(and, for the last, memory) quadratic in its size.

`cut_to_bounds(html)` reads the page's tags once (a tokenizer that follows the HTML one closely
enough: comments, raw text of <script>/<style>/<textarea>..., quoted attribute values) and
keeps a model of the parser's stack of open elements and list of formatting elements that
never holds fewer elements than the parser's (it closes an element only where the parser
surely does). Where the page goes past a bound, the tags past it are dropped:

- an element opened below `MAX_DEPTH` open elements loses its start and end tags (a block or
  cell tag becomes <br>, so its text still ends a line); one whose tag is dropped with its
  content by the reader (`skip_tags`, e.g. <nav>, <select>) is dropped with its content;
- options and option groups past `MAX_OPTIONS` in one <select> lose their tags;
- formatting start tags (b, i, font...) past `MAX_FORMATTING` left open lose their tags.

A page within the bounds is returned unchanged (the same string), so nothing changes for the
pages a reader meets; past them, the text keeps its words and line breaks, and what is lost is
the markup of the elements past the bound (chrome marked only by class/id there, a <pre> or a
metadata table there). `within_bounds(html)` is a quicker, coarser model of the same kind (it
never holds fewer elements either); `bound_html` runs the full one only on the pages the quick
one cannot clear.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

MAX_DEPTH = 256
MAX_OPTIONS = 256
MAX_FORMATTING = 8

VOID = frozenset("area base basefont bgsound br col embed frame hr image img input keygen link "
                 "meta param source track wbr".split())
RAW = frozenset("script style xmp iframe noembed noframes noscript textarea title".split())
ROOTS = frozenset(("html", "head", "body"))
# become <br> when dropped: they end a line in the reader
LINE_TAGS = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr html legend li main ol p pre section summary table "
    "tbody thead tfoot tr ul td th".split())
SCOPE = frozenset("applet caption html table td th marquee object template foreignobject desc "
                  "mi mo mn ms mtext annotation-xml".split())
SPECIAL = frozenset(
    "address applet area article aside base basefont bgsound blockquote body br button caption "
    "center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form "
    "frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li "
    "link listing main marquee menu meta nav noembed noframes noscript object ol p param "
    "plaintext pre script search section select source style summary table tbody td template "
    "textarea tfoot th thead title tr track ul wbr xmp".split()) | SCOPE
# special elements that do not stop the search for an open <li>, <dd> or <dt>
LIST_PASS = frozenset(("address", "div", "p", "li", "dd", "dt"))
CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 "
    "h6 pre listing form plaintext table hr xmp li dd dt".split())
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
MARKERS = frozenset("applet caption marquee object template td th".split())
RUBY_INNER = frozenset(("rb", "rt", "rp", "rtc"))
TABLE_SCOPE = frozenset(("table", "template", "html"))
# ignored by the parser outside a table (or template)
TABLE_PARTS = frozenset("caption colgroup tbody td tfoot th thead tr".split())
TABLE_ENDS = frozenset("table tbody thead tfoot tr td th caption colgroup".split())
TABLE_GROUPS = (frozenset(("tr",)), frozenset(("td", "th")),
                frozenset(("tbody", "thead", "tfoot")), frozenset(("caption", "colgroup")))

# the quick model (`within_bounds`): what a start tag surely closes when it is at the top of the
# stack (each set in turn, one element each), and what an end tag may pass over to close
START_POPS = {
    "li": ({"li"},), "dd": ({"dd", "dt"},), "dt": ({"dd", "dt"},), "option": ({"option"},),
    "optgroup": ({"option"},), "td": ({"td", "th"},), "th": ({"td", "th"},),
    "tr": ({"td", "th"}, {"tr"}), "a": ({"a"},), "nobr": ({"nobr"},), "button": ({"button"},),
    "table": ({"table"},), "select": ({"option"}, {"optgroup"}, {"select"}),
    **{h: (HEADINGS,) for h in HEADINGS},
    **{t: ({"td", "th"}, {"tr"}, {"tbody", "thead", "tfoot"}) for t in ("tbody", "thead",
                                                                         "tfoot")},
}
THROUGH_ANY = frozenset(("option", "optgroup", "rb", "rp", "rt", "rtc"))
THROUGH_SPECIAL = THROUGH_ANY | {"p", "li", "dd", "dt"}
THROUGH_TABLE = THROUGH_SPECIAL | {"td", "th", "tr", "tbody", "thead", "tfoot", "caption",
                                   "colgroup"}
END_THROUGH = {**{t: THROUGH_TABLE for t in ("table", "tbody", "thead", "tfoot", "tr",
                                             "caption", "colgroup")},
               "select": frozenset(("option", "optgroup"))}
MAX_WALK = 16

_ATTRS = (r"""(?:[\s/]++|[^\s/>][^\s/>=]*+"""
          r"""(?:\s*+=\s*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^\s>]*+))?+)*+""")
# One token of the page: a comment or declaration (no group set), an end tag (end), an element
# whose content is raw text with that content (raw), <plaintext> and the rest of the page
# (plain), or a start tag (start, attrs). Text between tokens is skipped by the search.
# Every alternative ends at the tag's end or at the end of the page and never gives back what
# it took (possessive), so no text is read twice.
_TOKEN = re.compile(r"""<(?:
    !---?>
  | !--[^-]*+(?:-(?!-!?>)[^-]*+)*+(?:--!?>|\Z)
  | [!?][^>]*+(?:>|\Z)
  | /(?P<end>[A-Za-z][^\s/>]*+)""" + _ATTRS + r"""(?:>|\Z)
  | (?P<raw>(?i:script|style|xmp|iframe|noembed|noframes|noscript|textarea|title))(?=[\s/>]|\Z)"""
                    + _ATTRS + r"""(?:>|\Z)
        [^<]*+(?:<(?!/(?i:(?P=raw))(?=[\s/>]))[^<]*+)*+
  | (?P<plain>(?i:plaintext))(?=[\s/>]|\Z).*
  | (?P<start>[A-Za-z][^\s/>]*+)(?P<attrs>""" + _ATTRS + r""")(?:>|\Z)
  | /[^>]*+(?:>|\Z)
)""", re.S | re.X)


class _Stack:
    """The model of the parser's stack of open elements and of its list of active formatting
    elements. For each name (and for scope and special elements) the positions where it is
    open are kept, so every question the model asks costs O(1) and every element is popped
    once."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.uids: list[int] = []
        self.at: dict[str, list[int]] = {}
        self.scope: list[int] = []
        self.special: list[int] = []        # every special element
        self.narrow: list[int] = []         # special elements that stop the <li> search
        self.options: dict[int, int] = {}   # position of an open <select> -> options in it
        self.made = 0
        # active formatting elements: (name, attributes, uid, position) or None for a marker
        self.active: list = []
        self.alive = 0                      # entries of `active` that are not markers

    def push(self, name: str, attrs: str = "") -> None:
        i = len(self.names)
        self.made += 1
        self.names.append(name)
        self.uids.append(self.made)
        self.at.setdefault(name, []).append(i)
        if name in SCOPE:
            self.scope.append(i)
            if name in MARKERS:
                self.active.append(None)
        if name in SPECIAL:
            self.special.append(i)
            if name not in LIST_PASS:
                self.narrow.append(i)
        if name in FORMATTING:
            self._noahs_ark(name, attrs)
            self.active.append((name, attrs, self.made, i))
            self.alive += 1

    def _noahs_ark(self, name: str, attrs: str) -> None:
        """At most three equal entries after the last marker (the parser's rule)."""
        same, earliest = 0, -1
        for k in range(len(self.active) - 1, -1, -1):
            entry = self.active[k]
            if entry is None:
                break
            if entry[0] == name and entry[1] == attrs:
                same, earliest = same + 1, k
        if same >= 3:
            del self.active[earliest]
            self.alive -= 1

    def pop_to(self, i: int) -> None:
        """Pop the element at position `i` and every element above it."""
        while len(self.names) > i:
            j = len(self.names) - 1
            name = self.names.pop()
            self.uids.pop()
            self.at[name].pop()
            for marks in (self.scope, self.special, self.narrow):
                if marks and marks[-1] == j:
                    marks.pop()
            self.options.pop(j, None)
            if name in MARKERS:
                while self.active:
                    entry = self.active.pop()
                    if entry is None:
                        break
                    self.alive -= 1

    def is_open(self, entry) -> bool:
        pos = entry[3]
        return pos < len(self.uids) and self.uids[pos] == entry[2]

    def top(self, name: str) -> int:
        marks = self.at.get(name)
        return marks[-1] if marks else -1

    def top_of(self, names: Iterable[str]) -> int:
        return max(self.top(n) for n in names)

    @staticmethod
    def last(marks: list[int]) -> int:
        return marks[-1] if marks else -1

    def in_scope(self, name: str, *extra: str) -> int:
        """Position of the open `name` the parser would find in scope (extra names added to
        the scope's bounds), or -1."""
        i = self.top(name)
        bound = max([self.last(self.scope)] + [self.top(n) for n in extra])
        return i if i >= 0 and i >= bound else -1

    def current(self) -> str:
        return self.names[-1] if self.names else ""

    def select_in_scope(self) -> int:
        """Position of the open <select> with only options and option groups above it (the
        parser's "select scope"), or -1."""
        i = self.top("select")
        if i < 0 or len(self.names) - i > 3 \
                or any(n not in ("option", "optgroup") for n in self.names[i + 1:]):
            return -1
        return i

    def end_formatting(self, name: str) -> bool:
        """The parser's steps for the end tag of a formatting element, as far as the stack's
        length goes; False when no entry of that name follows the last marker."""
        for k in range(len(self.active) - 1, -1, -1):
            entry = self.active[k]
            if entry is None:
                return False
            if entry[0] != name:
                continue
            if not self.is_open(entry):
                del self.active[k]
                self.alive -= 1
            elif entry[3] >= self.last(self.scope) and entry[3] > self.last(self.special):
                del self.active[k]          # no special element above it: popped to it
                self.alive -= 1
                self.pop_to(entry[3])
            return True                     # else a clone takes its place: length kept
        return False


def _close_before(st: _Stack, name: str) -> bool:
    """Close what the parser surely closes before it opens `name`; False when it opens
    nothing (a <select> inside a <select> closes the outer one)."""
    if name in ("li", "dd", "dt"):           # the search stops at the other kind too
        group, other = (("li",), ("dd", "dt")) if name == "li" else (("dd", "dt"), ("li",))
        i = st.top_of(group)
        if i > st.last(st.narrow) and i > st.top_of(other):
            st.pop_to(i)
    if name in CLOSES_P:
        i = st.in_scope("p", "button")
        if i >= 0:
            st.pop_to(i)
    if name in HEADINGS and st.current() in HEADINGS:
        st.pop_to(len(st.names) - 1)
    if name in ("option", "optgroup") and st.current() == "option":
        st.pop_to(len(st.names) - 1)
    if name in RUBY_INNER and st.in_scope("ruby") >= 0:
        implied = RUBY_INNER if name in ("rb", "rtc") else RUBY_INNER - {"rtc"}
        while st.current() in implied:
            st.pop_to(len(st.names) - 1)
    if name in ("a", "nobr"):
        st.end_formatting(name)
    if name == "button" and st.in_scope("button") >= 0:
        st.pop_to(st.top("button"))
    table = st.top_of(TABLE_SCOPE)
    for group in TABLE_GROUPS:
        if name in group:
            i = st.top_of(group)
            if i > table:
                st.pop_to(i)
    if name == "table" and table == st.top("table") \
            and table > st.top_of(("td", "th", "caption")):
        st.pop_to(table)
    if name == "select" and st.select_in_scope() >= 0:
        st.pop_to(st.select_in_scope())
        return False
    return True


def _close_after(st: _Stack, name: str) -> None:
    """Close what the parser surely closes for the end tag `name`."""
    if name in FORMATTING and st.end_formatting(name):
        return
    if name not in SPECIAL:
        i = st.top(name)                # a special element above it keeps it open
        if i >= 0 and i > st.last(st.special):
            st.pop_to(i)
        return
    if name == "form":                      # the parser takes out the form alone
        i = len(st.names) - 1 if st.current() == "form" else -1
    elif name == "select":
        i = st.select_in_scope()
    elif name == "p":
        i = st.in_scope("p", "button")
    elif name == "li":
        i = st.in_scope("li", "ol", "ul")
    elif name in TABLE_ENDS:                # table scope: only a table or template bounds it
        i = st.top(name)
        i = i if i >= 0 and i >= st.top_of(TABLE_SCOPE) else -1
    else:
        i = st.in_scope(name)
    if i >= 0:
        st.pop_to(i)


class _Bounder:
    """The full model run over a page, cutting the tags past the bounds."""

    def __init__(self, html: str, skip_tags: frozenset, max_depth: int, max_options: int,
                 max_formatting: int) -> None:
        self.html = html
        self.skip_tags = skip_tags
        self.max_depth, self.max_options, self.max_formatting = \
            max_depth, max_options, max_formatting
        self.st = _Stack()
        self.dropped: dict[str, int] = {}
        self.out: list[str] = []
        self.last = 0                        # html[:last] is accounted for in out
        self.skip: Optional[list] = None     # [name, depth] of an element dropped whole

    def cut(self, start: int, end: int, name: str) -> None:
        """Replace html[start:end] (a tag, or an element with its content) by what keeps
        its line: <br> for a block or cell tag, nothing otherwise."""
        self.out.append(self.html[self.last:start])
        if name in LINE_TAGS:
            self.out.append("<br>")
        self.last = end

    def run(self) -> str:
        for m in _TOKEN.finditer(self.html):
            start, end = m.group("start"), m.group("end")
            if self.skip is not None:
                self.skipping(m, (start or "").lower(), (end or "").lower())
            elif start:
                self.start(m, start.lower())
            elif end:
                self.end(m, end.lower())
        if self.skip is not None:           # an element dropped whole never ends
            self.cut(self.skip[2], len(self.html), self.skip[0])
        if not self.out:
            return self.html
        self.out.append(self.html[self.last:])
        return "".join(self.out)

    def start(self, m: re.Match, name: str) -> None:
        st = self.st
        if name in VOID or name in ROOTS:
            return
        if name in TABLE_PARTS and st.top("table") < 0 and st.top("template") < 0:
            return
        if not _close_before(st, name):
            return
        # the parser may reopen every active formatting element on top of the stack
        if len(st.names) + st.alive >= self.max_depth:
            if name in self.skip_tags:
                self.skip = [name, 1, m.start()]
            else:
                self.drop(m, name)
            return
        if name in ("option", "optgroup") and st.top("select") >= 0:
            sel = st.top("select")
            st.options[sel] = st.options.get(sel, 0) + 1
            if st.options[sel] > self.max_options:
                self.drop(m, name)
                return
        if name in FORMATTING and st.alive >= self.max_formatting:
            self.drop(m, name)
            return
        st.push(name, " ".join(m.group("attrs").split()))

    def drop(self, m: re.Match, name: str) -> None:
        self.dropped[name] = self.dropped.get(name, 0) + 1
        self.cut(m.start(), m.end(), name)

    def end(self, m: re.Match, name: str) -> None:
        if self.dropped.get(name):
            self.dropped[name] -= 1
            self.cut(m.start(), m.end(), name)
        elif name not in ROOTS and name != "br":
            _close_after(self.st, name)

    def skipping(self, m: re.Match, start: str, end: str) -> None:
        """Inside an element dropped with its content: count the elements of its name (their
        start and end tags) until the one that closes it."""
        name = self.skip[0]
        if start == name:
            self.skip[1] += 1
        elif end == name:
            self.skip[1] -= 1
            if self.skip[1] == 0:
                self.cut(self.skip[2], m.end(), name)
                self.skip = None


def within_bounds(html: str, *, max_depth: int = MAX_DEPTH, max_options: int = MAX_OPTIONS,
                  max_formatting: int = MAX_FORMATTING) -> bool:
    """True when the page surely stays within the bounds, by a quick model: a stack of open
    elements that closes an element only when an end tag names it at the top (or under
    elements whose end tags are implied), or when a start tag closes the same element at the
    top (<p> after <p>, <li> after <li>, a row after a cell ...), which never holds fewer
    elements than the parser's stack. False means only "maybe not": `bound_html` then runs its
    full model."""
    stack: list[str] = []
    formatting = options = selects = tables = 0
    for end, raw, plain, start, attrs in _TOKEN.findall(html):
        if start:
            name = start.lower()
            if name in VOID or name in ROOTS or (name in TABLE_PARTS and not tables):
                continue
            if stack and stack[-1] == "p" and name in CLOSES_P:
                stack.pop()
            closed_select = False
            for pops in START_POPS.get(name, ()):
                if stack and stack[-1] in pops:
                    gone = stack.pop()
                    formatting -= gone in FORMATTING
                    tables -= gone in ("table", "template")
                    if gone == "select":
                        selects -= 1
                        closed_select = True
            if closed_select and name == "select":
                continue                    # a <select> in a <select> closes it, no more
            stack.append(name)
            if name in ("table", "template"):
                tables += 1
            if name in FORMATTING:
                formatting += 1
                if formatting > max_formatting:
                    return False
            elif name == "select":
                selects += 1
                options = 0
            elif selects and name in ("option", "optgroup"):
                options += 1
                if options > max_options:
                    return False
            if len(stack) + formatting >= max_depth:
                return False
        elif end and stack:
            name = end.lower()
            through = END_THROUGH.get(name, THROUGH_SPECIAL) if name in SPECIAL \
                else THROUGH_ANY
            k = len(stack) - 1
            while k >= 0 and stack[k] != name and stack[k] in through \
                    and len(stack) - k < MAX_WALK:
                k -= 1
            if k >= 0 and stack[k] == name:
                for gone in stack[k:]:
                    formatting -= gone in FORMATTING
                    selects -= gone == "select"
                    tables -= gone in ("table", "template")
                del stack[k:]
    return True


def cut_to_bounds(html: str, skip_tags: Iterable[str] = (), *, max_depth: int = MAX_DEPTH,
                  max_options: int = MAX_OPTIONS, max_formatting: int = MAX_FORMATTING) -> str:
    """`html` with the tags past the bounds dropped, by the full model (see the module
    docstring); `html` itself when nothing is past them. `skip_tags`: elements the reader
    drops with their content, dropped with it when they open past `max_depth`."""
    return _Bounder(html, frozenset(skip_tags), max_depth, max_options, max_formatting).run()


def bound_html(html: str, skip_tags: Iterable[str] = (), *, max_depth: int = MAX_DEPTH,
               max_options: int = MAX_OPTIONS, max_formatting: int = MAX_FORMATTING) -> str:
    """`cut_to_bounds(html, ...)`, with the quick model first: a page it finds within the
    bounds is returned as it is without running the full one."""
    limits = dict(max_depth=max_depth, max_options=max_options, max_formatting=max_formatting)
    if within_bounds(html, **limits):
        return html
    return cut_to_bounds(html, skip_tags, **limits)
