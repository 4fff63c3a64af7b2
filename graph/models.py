"""The records every stage of policygraph passes on: one module, plain dataclasses.

Data path:  ingest (file -> SourceText) -> extract (text -> Record) -> link (Records ->
store + networkx graph) -> query / export.

`Record.to_dict()` is exactly the JSON object `policygraph extract --json` prints, which is
the contract read by the evaluation scorer (see README, "Output formats"): keys `source`,
`document`, `references`, `statements`, `tasks`, plus a few extra keys the scorer ignores
(`aliases`, `errors`, offsets).

Graph schema (built by `graph.link`, read by `graph.query` and `graph.export`): a networkx
MultiDiGraph whose nodes carry `kind` in NODE_KINDS and whose edges carry `relation` in
RELATIONS (the edge key is the relation too). See GRAPH_SCHEMA below.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

# Relations a document can have with a referenced document.
IMPLEMENTS = "implements"
CITES = "cites"
# Edge relations in the graph.
ASSIGNS = "assigns"
ISSUED_BY = "issued_by"
PART_OF = "part_of"
# Relations read over the assembled graph (graph.link.fulfil) and from reports
# (graph.extract.reports): task -> document that carries it out; report -> what it reports on.
FULFILLED_BY = "fulfilled_by"
REPORTS_ON = "reports_on"
RELATIONS = (IMPLEMENTS, CITES, ASSIGNS, ISSUED_BY, PART_OF, FULFILLED_BY, REPORTS_ON)

NODE_KINDS = ("document", "task", "agency")

# Document levels, top of the cascade first (used for layout and impact grouping).
LEVELS = ("party", "central", "provincial", "department", "local", "unknown")

GRAPH_SCHEMA = {
    "node": {
        "common": {"kind": "document | task | agency", "label": "short display text"},
        "document": {
            "symbol": "số ký hiệu as printed, tidied ('20-NQ/TW'), None when not numbered",
            "doc_type": "full type name ('Nghị quyết')",
            "type_code": "abbreviation ('NQ')",
            "date": "ISO date or None",
            "year": "int or None",
            "issuer": "full issuer name, with province for local issuers",
            "issuer_parent": "the organ the issuer belongs to as its header prints it ('Tỉnh ủy X' "
                             "of 'Ban Thường vụ Tỉnh ủy X'); only when printed",
            "jurisdiction": "province for local documents, None for national",
            "level": "one of LEVELS",
            "title": "title or subject if known",
            "stub": "True when only referenced, never ingested",
            "ambiguous": "True when the identity could not be settled (no year / date)",
            "candidates": "for ambiguous nodes, list of node ids it may be",
            "aliases": "list of short forms ('Nghị quyết 20')",
            "sources": "list of source files that mention or contain it",
            "conflicts": "list of {field, value, source, evidence} for contradictory facts",
            "files": "the files read as this document (its own text), [] for a stub",
            "sha256": "SHA-256 of its one file's bytes, None for a stub",
            "doc_kind": "official | page (a web page about documents), None for a stub",
            "refused": "merges refused by a printed fact: list of {symbol, candidate, fact, value, "
                       "node_value, evidence, source, offset} (graph.link.identity)",
        },
        "task": {
            "number": "number path ('II.2')",
            "text": "task text",
            "deadline": "deadline as printed",
            "due": "ISO due date or None",
            "recurrence": "e.g. 'annual' or None",
            "condition": "condition text or None",
            "plan": "node id of the document that assigns it",
            "section": "the heading of the part of the plan it is in, or None",
            "source": "the file it was read from",
            "offset": "character offset of its text in that file",
            "jurisdiction": "province of the plan",
        },
        "agency": {
            "name": "full official name",
            "jurisdiction": "province or None",
            "parent": "node id of the parent agency or None",
            "is_group": "True for groups ('các sở, ban, ngành')",
            "level": "one of LEVELS, or None when its name does not say",
        },
    },
    "edge": {
        "relation": "one of RELATIONS (also the edge key)",
        "role": "lead | partner on task -> agency assigns edges (plan -> task assigns edges have none)",
        "evidence": "the sentence the edge was read from",
        "source": "source file path",
        "offset": "character offset of the evidence in the source text",
        "origin": "header | preamble | body | statement | task",
        "fulfilled_by (task -> document)": "rule (what matched), doc_evidence and doc_source (the "
                                           "fulfilling document's sentence and file), provinces "
                                           "(a task of many: done / not done), days_after_plan "
                                           "(graph.link.fulfil)",
    },
}


# The attributes the builder (graph.link) sets on every node of a kind, with their empty
# value: the RDF export (graph.export.rdf) does not write an attribute equal to its empty
# value, and `import_rdf` gives it back. An empty value of another shape ("" where the
# builder writes None) or an empty attribute not listed here is kept in pg:unmappedAttributes.
EMPTY_VALUES: dict[str, dict[str, Any]] = {
    "document": {"symbol": None, "doc_type": None, "type_code": None, "date": None,
                 "year": None, "issuer": None, "jurisdiction": None, "title": None,
                 "candidates": [], "aliases": [], "sources": [], "conflicts": [], "files": [],
                 "sha256": None, "doc_kind": None},
    "task": {"label": "", "text": "", "deadline": None, "due": None, "recurrence": None,
             "condition": None, "jurisdiction": None, "section": None},
    "agency": {"jurisdiction": None, "parent": None, "level": None},
}
# The same for edges, by relation (graph.link.fulfil sets all of these on fulfilled_by).
EDGE_EMPTY_VALUES: dict[str, dict[str, Any]] = {
    FULFILLED_BY: {"doc_evidence": None, "doc_source": None, "provinces": [],
                   "days_after_plan": None},
}


@dataclass
class Header:
    """The document's own identity as printed (or inferred from its body)."""

    symbol: Optional[str] = None
    doc_type: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None  # the organ as printed: "Ban Thường vụ Tỉnh ủy Hậu Giang"
    jurisdiction: Optional[str] = None
    title: Optional[str] = None
    type_code: Optional[str] = None
    inferred: list[str] = field(default_factory=list)  # fields inferred from the body
    # the organ the issuer belongs to, for grouping ("Tỉnh ủy Hậu Giang", "Ủy ban nhân dân
    # tỉnh Bình Thuận" of its Sở); None when the issuer belongs to no other printed organ
    issuer_parent: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "doc_type": self.doc_type,
            "date": self.date,
            "issuer": self.issuer,
            "jurisdiction": self.jurisdiction,
            "title": self.title,
            "type_code": self.type_code,
            "inferred": list(self.inferred),
            "issuer_parent": self.issuer_parent,
        }


@dataclass
class Reference:
    """One referenced document, merged over all its mentions in the text."""

    symbol: str
    doc_type: Optional[str] = None
    type_code: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    jurisdiction: Optional[str] = None
    relation: str = CITES
    evidence: str = ""
    offset: int = 0
    family: str = ""  # party | admin | normative | joint | congvan
    aliases: list[str] = field(default_factory=list)
    mentions: int = 1
    title: Optional[str] = None
    # facts printed beside its mentions besides the date: the year ("20-NQ/TW năm 2017"), the
    # Party term of a …/TW citation ("khóa XII" -> "XII"); they forbid merges (graph.link.identity)
    year: Optional[int] = None
    term: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "doc_type": self.doc_type,
            "type_code": self.type_code,
            "date": self.date,
            "issuer": self.issuer,
            "jurisdiction": self.jurisdiction,
            "relation": self.relation,
            "evidence": self.evidence,
            "offset": self.offset,
            "family": self.family,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "title": self.title,
            "year": self.year,
            "term": self.term,
        }


@dataclass
class Statement:
    """A relation the document asserts between two *other* documents."""

    subject: str
    relation: str
    object: str
    evidence: str = ""
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Deadline:
    """A deadline read as data: a due date, a recurrence or a condition; never invented."""

    text: Optional[str] = None
    due: Optional[str] = None  # ISO date
    start: Optional[str] = None  # ISO date, "Từ năm 2018"
    recurrence: Optional[str] = None  # "annual", "monthly", "quarterly", "continuous"
    condition: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Task:
    """A numbered duty the plan assigns: who leads, who cooperates, by when."""

    number: str
    text: str
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    deadline: Optional[str] = None
    due: Optional[Deadline] = None
    references: list[str] = field(default_factory=list)  # symbols cited inside the task
    offset: int = 0
    section: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "lead": list(self.lead),
            "partners": list(self.partners),
            "deadline": self.deadline,
            "due": self.due.to_dict() if self.due else None,
            "references": list(self.references),
            "offset": self.offset,
            "section": self.section,
        }


@dataclass
class Record:
    """Everything extraction read out of one document."""

    source: str
    document: Header = field(default_factory=Header)
    references: list[Reference] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # short form -> symbol
    errors: list[str] = field(default_factory=list)
    sha256: Optional[str] = None
    # what the text is (graph.extract.kind): "official" (a document), "page" (a web page about
    # documents: its mentions are cites, no header, no tasks), "unrelated" (nothing is read);
    # None for records made before the kind was read. kind_reasons: the evidence, as codes.
    kind: Optional[str] = None
    kind_reasons: list[str] = field(default_factory=list)
    # what a report (Báo cáo) reports on, its period, the documents it says were issued
    # (graph.extract.reports); None for any other document. In to_dict only when set.
    report: Optional["Report"] = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "source": self.source,
            "kind": self.kind,
            "kind_reasons": list(self.kind_reasons),
            "document": self.document.to_dict(),
            "references": [r.to_dict() for r in self.references],
            "statements": [s.to_dict() for s in self.statements],
            "tasks": [t.to_dict() for t in self.tasks],
            "aliases": dict(self.aliases),
            "errors": list(self.errors),
            "sha256": self.sha256,
        }
        if self.report is not None:
            d["report"] = self.report.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Record":
        """The Record whose `to_dict()` is `d` (JSON read back from the store or from
        `policygraph extract --json`): `Record.from_dict(r.to_dict()) == r`. Keys that are
        not fields are ignored; missing ones take their defaults."""
        doc = d.get("document") or {}
        header = _from_fields(Header, doc, inferred=list(doc.get("inferred") or []))
        refs = [_from_fields(Reference, r, symbol=r.get("symbol") or "",
                             aliases=list(r.get("aliases") or []))
                for r in d.get("references") or []]
        stmts = [_from_fields(Statement, s, subject=s.get("subject") or "",
                              relation=s.get("relation") or "", object=s.get("object") or "")
                 for s in d.get("statements") or []]
        tasks = [_task_from_dict(t) for t in d.get("tasks") or []]
        return cls(source=d.get("source") or "", document=header, references=refs,
                   statements=stmts, tasks=tasks, aliases=dict(d.get("aliases") or {}),
                   errors=list(d.get("errors") or []), sha256=d.get("sha256"),
                   kind=d.get("kind"), kind_reasons=list(d.get("kind_reasons") or []),
                   report=Report.from_dict(d["report"]) if d.get("report") else None)


def _from_fields(cls, d: dict[str, Any], **fixed: Any) -> Any:
    """cls built from the keys of d that are its fields, `fixed` taking precedence."""
    names = cls.__dataclass_fields__
    return cls(**{**{k: v for k, v in d.items() if k in names}, **fixed})


def _task_from_dict(t: dict[str, Any]) -> Task:
    due = t.get("due")
    return _from_fields(
        Task, t, number=t.get("number") or "", text=t.get("text") or "",
        lead=list(t.get("lead") or []), partners=list(t.get("partners") or []),
        due=_from_fields(Deadline, due) if isinstance(due, dict) else None,
        references=list(t.get("references") or []), offset=t.get("offset") or 0)


@dataclass
class SourceText:
    """A file read into text by `graph.ingest`."""

    path: str
    text: str
    format: str = "text"  # text | markdown | html | docx | pdf
    encoding: Optional[str] = None
    sha256: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


class IngestError(Exception):
    """A file that cannot be read into text; the message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class IssuedDocument:
    """A document a report says its agency issued ("Sở … đã ban hành: Quyết định số 66/QĐ-…"),
    with what it says the document carries out."""

    symbol: str
    doc_type: Optional[str] = None
    implements: Optional[str] = None  # symbol
    evidence: str = ""
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """What a report (Báo cáo) is about: the documents it reports on (symbols), the period it
    covers (as printed and as ISO dates), the documents it says its agency issued."""

    on: list[str] = field(default_factory=list)
    period: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    issued: list[IssuedDocument] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"on": list(self.on), "period": self.period, "start": self.start,
                "end": self.end, "issued": [i.to_dict() for i in self.issued]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Report":
        return _from_fields(cls, d, on=list(d.get("on") or []),
                            issued=[_from_fields(IssuedDocument, i, symbol=i.get("symbol") or "")
                                    for i in d.get("issued") or []])
