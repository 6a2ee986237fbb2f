"""The support check: no claim beyond its evidence.

A verbatim quote proves the words are in the source; it does not prove the
claim beside it says what the words say. This check asks, for every curated
relation claim that is not marked as a reading (``sockg:reading``):

* does the sentence holding one of its quotes name **both** ends of the
  claim? An end is named by one of its labels (preferred, alternative, as the
  one name index :class:`sockg.names.NameIndex` holds them, compared word for
  word with case and punctuation folded), by words a curated coreference
  declares for it in that part of the text (``this strategy`` in the excerpts
  of the 2018 strategy), by the quote standing in the entity's own text (a
  coreference with no words: the excerpts of a strategy, the printed wording
  of an objective) or by being the very document, section or block the quote
  stands in. A list item is read with the sentence that introduces the list
  ("We have four overarching objectives to achieve our aim:");
* for ``sockg:mentionedIn`` claims: does each quote name the entity at all?

Claims with a citation among their evidence are not checked here: the
citation says what its place establishes, and ``sockg verify`` checks the
place against the publication's official text.

Claims that fail are reported one line each with the place they were curated
(``file:line``), the quote and the end that was not found. ``sockg validate``
fails on any; ``sockg build`` lists them as warnings. Readings are not checked:
their reason is in the graph, for every reader to see.

Examples
--------
>>> from sockg.names import NameIndex
>>> names = NameIndex([("x:ho", "Home Office", "pref"), ("x:s", "SOC Strategy", "pref")])
>>> check = Support(names, [])
>>> check.missing_ends("The Home Office has led work to produce the strategy.", "x:b", "x:ho", "x:s")
['object']
>>> check = Support(names, [Coreference("x:b", "x:s", ("the strategy",))])
>>> check.missing_ends("The Home Office has led work to produce the strategy.", "x:b/1", "x:ho", "x:s")
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..evidence.model import BOOKKEEPING, CITED, METHODS, C, P

__all__ = ["Coreference", "Support", "SupportProblem", "check_support", "coreferences", "lead_ins", "fidelity",
           "fidelity_line"]

#: Claims about an entity's place in sockg's own vocabulary, not about what the text says.
_NOT_RELATIONS = BOOKKEEPING | {P.mentioned_in}


@dataclass(frozen=True)
class Coreference:
    """Within ``part`` (a document, section or block IRI), ``words`` stand for ``means``; with no words,
    the part is ``means``'s own text."""

    part: str
    means: str
    words: tuple[str, ...] = ()

    def covers(self, block: str | None) -> bool:
        return block is not None and (block == self.part or block.startswith(self.part + "/"))


@dataclass
class SupportProblem:
    """A claim whose evidence does not name what it claims."""

    sites: list[str]
    subject: str
    predicate: str
    object: str
    quote: str
    missing: list[str] = field(default_factory=list)

    def line(self) -> str:
        where = ", ".join(self.sites) or "(no curated site)"
        quote = " ".join(self.quote.split())
        quote = quote if len(quote) <= 90 else quote[:87] + "..."
        if self.missing == ["names nothing"]:
            what = f"a mention of {self.subject} whose quote does not name it"
        else:
            ends = " nor ".join(f"the {m} ({self.subject if m == 'subject' else self.object})" for m in self.missing)
            what = f"{self.subject} {self.predicate} {self.object}: its quote's sentence names neither {ends}" \
                if len(self.missing) > 1 else \
                f"{self.subject} {self.predicate} {self.object}: its quote's sentence does not name {ends}"
        return f"{where}: {what} (quote “{quote}”); give a quote that states it, or mark it as a reading"


class Support:
    """The check over one graph's names and coreferences (see the module documentation).

    ``lead_ins`` maps a list item's block IRI to the sentence that introduces its list.
    """

    def __init__(self, names, corefs, lead_ins: dict[str, str] | None = None):
        self.names = names
        self.corefs = list(corefs)
        self.lead_ins = lead_ins or {}

    def names_end(self, sentence: str, block: str | None, iri: str) -> bool:
        """Whether ``sentence`` (standing in ``block``) names ``iri``."""
        if block is not None and (block == iri or block.startswith(iri + "/")):
            return True   # the end is the document, section or block the quote stands in
        here = [c for c in self.corefs if c.means == iri and c.covers(block)]
        if any(not c.words for c in here):
            return True   # the quote stands in the entity's own text
        return self.names.named_in(sentence, iri, [w for c in here for w in c.words]) is not None

    def missing_ends(self, sentence: str, block: str | None, subject: str, obj: str) -> list[str]:
        """Which of ``subject`` and ``obj`` the sentence (read with its list's lead-in) does not name."""
        text = f"{self.lead_ins[block]} {sentence}" if block in self.lead_ins else sentence
        return [end for end, iri in (("subject", subject), ("object", obj))
                if not self.names_end(text, block, iri)]


def coreferences(store) -> list[Coreference]:
    """The curated coreferences in ``store``."""
    import pyoxigraph as ox

    out = []
    for q in store.quads_for_pattern(None, ox.NamedNode(P.type), ox.NamedNode(C.coreference), None):
        node = q.subject

        def objects(p):
            return [x.object.value for x in store.quads_for_pattern(node, ox.NamedNode(p), None, None)]

        parts, means, words = objects(P.in_part), objects(P.refers_to), objects(P.words)
        if parts and means:
            out.append(Coreference(parts[0], means[0], tuple(sorted(words))))
    return out


def lead_ins(store) -> dict[str, str]:
    """For each list item in ``store``'s documents, the last sentence of its paragraph before the first item."""
    import re

    from ..namespaces import PREFIXES

    rows = store.query("""
        SELECT ?item ?istart ?text ?pstart WHERE {
          ?item sockg:blockKind "item" ; sockg:start ?istart ; dcterms:isPartOf ?para .
          ?para sockg:text ?text ; sockg:start ?pstart .
        }""", prefixes=PREFIXES)
    first: dict[str, tuple[int, str, int]] = {}
    items: dict[str, str] = {}
    for r in rows:
        item, para = r["item"].value, r["text"].value
        items[item] = para
        start, pstart = int(r["istart"].value), int(r["pstart"].value)
        if para not in first or start < first[para][0]:
            first[para] = (start, para, pstart)
    out = {}
    for item, para in items.items():
        start, text, pstart = first[para]
        before = text[: max(0, start - pstart)].strip()
        sentences = re.split(r"(?<=[.!?])\s+", before)
        if sentences and sentences[-1]:
            out[item] = sentences[-1]
    return out


def check_support(store, claims=None) -> list[SupportProblem]:
    """Every curated claim in ``store`` that is neither a reading nor supported by its evidence.

    ``claims`` are the store's :class:`~sockg.evidence.read.ClaimRecord` when the caller has read them already.
    """
    from ..evidence.read import ClaimReader
    from ..names import NameIndex

    names = NameIndex.from_store(store, kinds=("pref", "alt", "label"))
    support = Support(names, coreferences(store), lead_ins(store))
    claims = ClaimReader(store).all() if claims is None else claims

    def shown(iri: str) -> str:
        return names.label(iri) or iri

    problems = []
    for c in claims:
        if c.reading or METHODS.get(c.method or "") != "quoted" or not c.object_is_iri or not c.evidence:
            continue
        if any(e.kind == CITED for e in c.evidence):
            continue   # a citation states it; ``sockg verify`` checks the place it names
        if c.predicate == P.mentioned_in:
            for e in c.evidence:
                if e.quote is not None and not support.names_end(e.quote, e.block, c.subject):
                    problems.append(SupportProblem(c.sites, shown(c.subject), "mentionedIn", shown(c.object),
                                                   e.quote, ["names nothing"]))
            continue
        if c.predicate in _NOT_RELATIONS:
            continue
        best = None
        for e in c.evidence:
            missing = support.missing_ends(e.sentence or e.quote or "", e.block, c.subject, c.object)
            if best is None or len(missing) < len(best[0]):
                best = (missing, e)
        if best[0]:
            from ..terms import curie

            problems.append(SupportProblem(c.sites, shown(c.subject), curie(c.predicate), shown(c.object),
                                           best[1].quote or "", best[0]))
    return sorted(problems, key=lambda p: (p.sites, p.subject, p.predicate, p.object, p.quote))


def fidelity(claims) -> dict:
    """How many claims are stated by their evidence and how many are readings, by kind of evidence.

    A claim with evidence of several kinds counts once under each. Returns
    ``{"stated": {kind: n}, "reading": {kind: n}, "claims": {"stated": n, "reading": n}}``.

    >>> from sockg.evidence.read import ClaimRecord, EvidenceRecord
    >>> c = ClaimRecord("c", "s", "p", "o", True, "curated", [], [EvidenceRecord("quoted")], reading="a reason")
    >>> fidelity([c])["reading"]
    {'quoted': 1}
    """
    out: dict = {"stated": {}, "reading": {}, "claims": {"stated": 0, "reading": 0}}
    for c in claims:
        side = "reading" if c.reading else "stated"
        out["claims"][side] += 1
        for kind in c.kinds:
            out[side][kind] = out[side].get(kind, 0) + 1
    for side in ("stated", "reading"):
        out[side] = dict(sorted(out[side].items()))
    return out


def fidelity_line(f: dict) -> str:
    """``fidelity`` as one line: ``412 stated (quoted 160, extracted 252); 40 readings (quoted 40)``."""
    def part(side: str, noun: str) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in f[side].items())
        return f"{f['claims'][side]} {noun}" + (f" ({kinds})" if kinds else "")

    return f"{part('stated', 'stated by their evidence')}; {part('reading', 'readings')}"
