"""The text of terms in N-Triples and Turtle, for the fast writer.

N-Triples: full IRIs `<…>`, canonical string escapes (ECHAR for \\t \\b \\n \\r \\f " \\,
UCHAR for the other control characters), one line per triple. Turtle: the same literals and
node IRIs, prefixed names for the vocabulary, `a` for rdf:type, a subject's pairs joined with
';' and one predicate's objects with ','.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable

from .terms import (A, DCT, DEFAULT_BASE, ELI, KIND_CLASSES, ORG, PG, PROV, RDF, RDFS,
                    ROLE_PREDICATES, SKOS, XSD, I, Term, json_text, prefixes_for, rebase,
                    vocab_root)

NT_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
NT_ESCAPES = str.maketrans({**{chr(c): f"\\u{c:04X}" for c in list(range(0x20)) + [0x7f]},
                            "\t": "\\t", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\f": "\\f",
                            '"': '\\"', "\\": "\\\\"})


def nt_iri(iri: str) -> str:
    """An IRI as an N-Triples term."""
    return "<" + iri + ">"


def quoted(value: str) -> str:
    """A Python string as a quoted N-Triples (and Turtle) string."""
    if NT_NEEDS_ESCAPE.search(value):
        value = value.translate(NT_ESCAPES)
    return '"' + value + '"'


def vi_literal(value: Any) -> str:
    """str(value) as a literal tagged @vi."""
    return quoted(str(value)) + "@vi"


def json_literal(v: Any) -> str:
    """The JSON text of a value as a plain literal."""
    return quoted(json_text(v))


def nt_term(o: Term) -> str:
    """An object term (I or L) in N-Triples."""
    if isinstance(o, I):
        return "<" + o + ">"
    if o.lang:
        return quoted(o.value) + "@" + o.lang
    if o.datatype:
        return quoted(o.value) + "^^<" + o.datatype + ">"
    return quoted(o.value)


def nt_line(s: str, p: str, o: Term) -> str:
    """A triple as an N-Triples line, without its newline."""
    return "<" + s + "> <" + p + "> " + nt_term(o) + " ."


# Predicates the fast path writes: name -> IRI (a term carries the space before the object).
VOCAB = {
    "TYPE": A, "IDENTIFIER": DCT + "identifier", "UNMAPPED": PG + "unmappedAttributes",
    "LABEL": RDFS + "label", "ALT_LABEL": SKOS + "altLabel", "MENTIONED_IN": PG + "mentionedIn",
    "PG_LABEL": PG + "label", "JURISDICTION": PG + "jurisdiction", "SPATIAL": DCT + "spatial",
    "ELI_JURISDICTION": ELI + "jurisdiction", "ID_LOCAL": ELI + "id_local",
    "DOC_TYPE_NAME": PG + "docTypeName", "TYPE_DOCUMENT": ELI + "type_document",
    "TYPE_CODE": PG + "typeCode", "DATE_DOCUMENT": ELI + "date_document",
    "DATE_TEXT": PG + "dateText", "YEAR": PG + "year", "ISSUER_NAME": PG + "issuerName",
    "LEVEL": PG + "level", "LEVEL_TEXT": PG + "levelText", "TITLE": DCT + "title",
    "INGESTED_FROM": PG + "ingestedFrom", "SHA256": PG + "sha256", "DOC_KIND": PG + "docKind",
    "SECTION": PG + "section", "READ_FROM": PG + "readFrom", "OFFSET": PG + "offset",
    "PASSED_BY": ELI + "passed_by",
    "CANDIDATE": PG + "candidate", "CANDIDATE_ID": PG + "candidateId",
    "ISSUER_PARENT": PG + "issuerParentName", "NUMBER": ELI + "number", "DESCRIPTION": DCT + "description",
    "DEADLINE_TEXT": PG + "deadlineText", "DUE": PG + "due", "DUE_TEXT": PG + "dueText",
    "RECURRENCE": PG + "recurrence", "CONDITION": PG + "condition", "PLAN": PG + "plan",
    "IS_PART_OF": ELI + "is_part_of", "PLAN_ID": PG + "planId", "PREF_LABEL": SKOS + "prefLabel",
    "CLASSIFICATION": ORG + "classification", "PARENT": PG + "parent",
    "SUB_ORGANIZATION_OF": ORG + "subOrganizationOf", "PARENT_ID": PG + "parentId",
    "IS_GROUP": PG + "isGroup", "STUB": PG + "stub", "AMBIGUOUS": PG + "ambiguous",
    "IMPLEMENTS_ELI": ELI + "ensures_implementation_of", "BASED_ON": ELI + "based_on",
    "LEAD": ROLE_PREDICATES["lead"],
    "PARTNER": ROLE_PREDICATES["partner"], "PATH": PG + "path", "NOTATION": SKOS + "notation",
    "IN_SCHEME": SKOS + "inScheme",
    # an assertion's lines, in the order they sort in as N-Triples (checked in tests)
    "A_OBJECT": RDF + "object", "A_PREDICATE": RDF + "predicate", "A_SUBJECT": RDF + "subject",
    "A_DERIVED_FROM": PROV + "wasDerivedFrom", "A_GENERATED_BY": PROV + "wasGeneratedBy",
    "A_EDGE_KEY": PG + "edgeKey",
    "A_EVIDENCE": PG + "evidence", "A_METHOD": PG + "extractionMethod", "A_OFFSET": PG + "offset",
    "A_OFFSET_TEXT": PG + "offsetText", "A_ORIGIN": PG + "origin", "A_RELATION": PG + "relation",
    "A_ROLE": PG + "role", "A_SOURCE_PATH": PG + "sourcePath",
    "MENTIONED_IN_PATH": PG + "mentionedInPath", "INGESTED_FROM_PATH": PG + "ingestedFromPath",
}
ASSERTION_PREDICATE_ORDER = (RDF + "object", RDF + "predicate", RDF + "subject", A,
                             PROV + "wasDerivedFrom", PROV + "wasGeneratedBy", PG + "edgeKey",
                             PG + "evidence",
                             PG + "extractionMethod", PG + "offset", PG + "offsetText",
                             PG + "origin", PG + "relation", PG + "role", PG + "sourcePath",
                             PG + "unmappedAttributes")

# Turtle: prefixed names for the vocabulary (longest namespace first), full IRIs otherwise.
_PN_LOCAL_SAFE = re.compile(r"[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?")


def ttl_namer(prefixes: dict) -> Callable[[str], str]:
    """ttl_iri(iri): an IRI as a Turtle term, a prefixed name of `prefixes` when its local
    part is plainly safe."""
    by_ns = {}
    for prefix, ns in sorted(prefixes.items(), reverse=True):  # the first prefix in order wins
        by_ns[ns] = prefix

    def ttl_iri(iri: str) -> str:
        # a safe local part holds no '/' or '#': the namespace ends at the last of them
        i = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = by_ns.get(iri[:i])
        if prefix is not None and _PN_LOCAL_SAFE.fullmatch(iri, i):
            return prefix + ":" + iri[i:]
        return "<" + iri + ">"
    return ttl_iri


class Syntax:
    """The terms of one output syntax under one base: an attribute per name of VOCAB (the
    predicate with the space before its object) and the fixed pairs (types, an assertion's).
    `term(iri)` writes an IRI, the vocabulary moved under the base. N-Triples: full IRIs, a
    line per triple. Turtle: prefixed names for the vocabulary, `a` for rdf:type, the two
    types of an assertion as one pair. `for_base(base)` gives the syntax of another base."""

    def __init__(self, ttl: bool = False, base: str = DEFAULT_BASE):
        self.ttl = ttl
        self.base = base
        self.prefixes = prefixes_for(base)
        root = self.root = vocab_root(base)
        plain = ttl_namer(self.prefixes) if ttl else nt_iri
        if root == vocab_root(DEFAULT_BASE):
            term = plain
        else:
            def term(iri: str) -> str:
                return plain(rebase(iri, root))
        self.term = term
        for name, iri in VOCAB.items():
            setattr(self, name, "a " if ttl and iri == A else term(iri) + " ")
        self.INTEGER = "^^" + term(XSD + "integer")
        self.DATE = "^^" + term(XSD + "date")
        boolean = "^^" + term(XSD + "boolean")
        self.BOOL = {True: '"true"' + boolean, False: '"false"' + boolean}
        self.KIND_TYPES = {k: [self.TYPE + term(c) for c in cls]
                           for k, cls in KIND_CLASSES.items()}
        self.NODE_TYPES = [self.TYPE + term(PG + "Node")]
        self.A_TYPES = (self.TYPE + term(RDF + "Statement"), self.TYPE + term(PG + "Assertion"))
        if ttl:  # one pair, as the grouping of a node's pairs would write it
            self.A_TYPES = (self.A_TYPES[0] + " , " + self.A_TYPES[1][len(self.TYPE):],)
        self.ROLES = {"lead": self.LEAD, "partner": self.PARTNER}
        order = [term(p) for p in ASSERTION_PREDICATE_ORDER]
        self.sort_assertions = not ttl and order != sorted(order)

    def for_base(self, base: str) -> "Syntax":
        """This syntax under `base` (itself when the vocabulary does not move)."""
        if vocab_root(base) == vocab_root(self.base):
            return self
        return _for_base(self.ttl, vocab_root(base))

    def subject(self, iri: str) -> str:
        """A subject as the writer keys it: the full IRI `<…>` (the vocabulary moved)."""
        return "<" + rebase(iri, self.root) + ">"

    def pair(self, p: str, o: Term) -> str:
        """A 'predicate object' pair of plain terms."""
        return ("a " if self.ttl and p == A else self.term(p) + " ") + self.obj(o)

    def header(self) -> str:
        """The Turtle prefixes ('' in N-Triples)."""
        if not self.ttl:
            return ""
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self.prefixes.items())) + "\n"

    def obj(self, o: Term) -> str:
        """An object term (I or L)."""
        if isinstance(o, I):
            return self.term(o)
        if o.lang:
            return quoted(o.value) + "@" + o.lang
        if o.datatype:
            return quoted(o.value) + "^^" + self.term(o.datatype)
        return quoted(o.value)

    def block(self, s: str, pos: list, grouped: bool = True) -> str:
        """A subject's text from its sorted, unique 'predicate object' pairs (`grouped`
        False: no predicate comes twice, as in an assertion's pairs)."""
        if self.ttl:
            return s + " " + " ;\n\t".join(group(pos) if grouped else pos) + " .\n"
        return s + " " + (" .\n" + s + " ").join(pos) + " .\n"


NT = Syntax(False)
TTL = Syntax(True)


@functools.lru_cache(maxsize=16)
def _for_base(ttl: bool, root: str) -> Syntax:
    return Syntax(ttl, root[:-len("ontology")])


def group(pos: list) -> list:
    """Turtle: sorted 'predicate object' pairs, one predicate's objects joined with ','."""
    out: list[str] = []
    prev = None
    for pair in pos:
        i = pair.index(" ")
        p = pair[:i]
        if p == prev:
            out[-1] += " ," + pair[i:]
        else:
            out.append(pair)
            prev = p
    return out
