"""Find mentions of known entities, deciding with casing and context.

One pass of the gazetteer's automaton over the folded text finds every place
where some name's words occur, whatever the case, punctuation or line breaks
between them. Each hit is then judged against the casing of the name it
matched:

* an acronym (``NCA``, ``DfE``, ``CONTEST``) must appear as written or in
  capitals, so the noun "contest" is not the strategy;
* a capitalised name (``Home Office``) must keep its capitals, so a "home
  office" that is a room is not the department; three or more capitalised
  words are distinctive enough to accept in lower case ("unexplained wealth
  orders", at lower confidence), and a name whose first capital is kept
  mid-sentence ("Welsh government") is accepted at lower confidence;
* a one-word name that is also an ordinary word (the strands ``Prevent``,
  ``Protect``, ``Pursue``, ``Prepare``) must be capitalised, and where the
  capital says nothing (a sentence start, a heading in title case) the next
  word must fit the strand ("Prevent work", "Protect:"), not a verb's object
  ("Protect yourself");
* a sentence-case concept (``Cyber crime``, ``Fraud``) matches in any case.

Accepted hits are reduced to the leftmost-longest non-overlapping set, and
hits inside web addresses are dropped.

Examples
--------
>>> from sockg.ingest.gazetteer import Gazetteer
>>> from sockg.sources import parse_text
>>> gaz = Gazetteer.from_rows([
...     {"iri": "x:ho", "label": "Home Office", "kind": "pref", "types": ["GovernmentDepartment"]},
...     {"iri": "x:pv", "label": "Prevent", "kind": "pref", "types": ["Strand"]},
... ])
>>> doc = parse_text("The Home\\nOffice's Prevent work cannot prevent harm in a home office.", "d")
>>> [(m.entity, m.text) for m in find_mentions(doc, gaz)]
[('x:ho', 'Home\\nOffice'), ('x:pv', 'Prevent')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bisect import bisect_right

from .anchors import find_anchors
from .context import BlockIndex, SpanIndex, next_word, sentence_start, uninformative_case
from .fold import Folded
from .gazetteer import CASELESS, SINGLE

__all__ = ["Mention", "find_mentions", "STRAND_CONTEXT"]

#: words that may follow a one-word strand name where its capital says nothing
STRAND_CONTEXT = frozenset({
    "and", "or", "strand", "strands", "work", "activity", "activities", "programme", "programmes", "partners",
    "is", "will", "has", "have", "aims", "seeks", "team", "teams", "duty", "objective", "objectives", "priorities",
    "priority", "delivery", "framework", "pillar", "funding", "referrals", "case", "cases", "officers",
})
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+")
_WORDS = re.compile(r"[^\W_]+")


@dataclass(slots=True)
class Mention:
    """A place where the document names a known entity."""

    entity: str
    label: str
    text: str
    start: int
    end: int
    paragraph: str
    category: str
    confidence: float
    alternatives: tuple[str, ...] = ()
    generic: bool = field(default=False, repr=False)  # matched a name that carries no capitals ("economic crime")

    def as_dict(self) -> dict:
        d = {"entity": self.entity, "label": self.label, "text": self.text, "start": self.start, "end": self.end,
             "paragraph": self.paragraph, "category": self.category, "confidence": self.confidence}
        if self.alternatives:
            d["alternatives"] = list(self.alternatives)
        return d


def _judge(variant, words: list[str], text: str, start: int, end: int, index) -> float | None:
    """Confidence that ``words`` (the matched text) name ``variant``'s entity, or ``None``."""
    missing = 0
    w = ""
    for rule, surface, w in zip(variant.rules, variant.words, words):
        if rule == "acro":
            if w != surface and w != surface.upper():
                return None
        elif rule == "cap" and not w[0].isupper():
            missing += 1
    if missing == 0:
        if variant.common_word:
            block = index.at(start, end)
            if w.isupper() and len(w) > 1 or uninformative_case(text, start, block):
                ceiling = block.end if block is not None else len(text)
                following = next_word(text, end, ceiling)
                if following and following.isalnum() and following not in STRAND_CONTEXT:
                    return None
                return 0.85
        return 0.95
    if len(words) == 1:
        return None
    if variant.caps_required >= 3:
        return 0.75
    if variant.rules[0] == "cap" and words[0][0].isupper() and missing < variant.caps_required:
        block = index.at(start, end)
        if not sentence_start(text, start, block.start if block is not None else 0):
            return 0.7
    return None


def _pick(cands: list[tuple[float, object]], year: int | None):
    """The best variant among accepted ones; ties between entities go to the latest edition not after ``year``."""
    if len(cands) == 1:
        return cands[0][0], cands[0][1], ()
    best = max(c for c, _ in cands)
    top = [v for c, v in cands if c == best]
    iris = sorted({v.entry.iri for v in top})
    if len(iris) == 1:
        return best, top[0], ()
    entries = {v.entry.iri: v for v in top}

    def rank(iri):
        y = entries[iri].entry.year or 0
        fits = year is None or y <= year
        return (fits, y, iri)

    chosen = max(iris, key=rank)
    return min(best, 0.6), entries[chosen], tuple(i for i in iris if i != chosen)


def _first_two(hit):
    return hit[0], hit[1]


def find_mentions(doc, gazetteer, *, year: int | None = None, folded: Folded | None = None,
                  index: BlockIndex | None = None, anchors: dict | None = None) -> list[Mention]:
    """Mentions of ``gazetteer``'s entities in ``doc`` (a :class:`~sockg.sources.Document`), in text order.

    ``year`` (the document's year) settles names shared by several editions
    of a strategy. ``folded``, ``index`` and ``anchors`` may be passed when already made.
    """
    text = doc.text
    folded = folded or Folded(text)
    index = index or BlockIndex(doc)
    after, shift = folded._after, folded._shift
    words_in = _WORDS.findall
    accepted: list[tuple] = []
    for end_idx, (klen, mode, found) in gazetteer.automaton.iter(folded.folded):
        q = end_idx - klen + 1  # the first letter, in the unpadded folded text
        k = bisect_right(after, q) - 1
        start = q if k < 0 else q + shift[k]
        q = end_idx - 2
        k = bisect_right(after, q) - 1
        end = (q if k < 0 else q + shift[k]) + 1
        if mode == CASELESS:  # one variant, no capitals required
            accepted.append((start, -end, 0.95, found, ()))
            continue
        if mode == SINGLE and not found.common_word and text[start:end] == found.surface:  # as the graph writes it
            accepted.append((start, -end, 0.95, found, ()))
            continue
        words = words_in(text, start, end)
        cands = []
        for v in (found,) if mode == SINGLE else found:
            if len(words) == len(v.rules):
                c = _judge(v, words, text, start, end, index)
                if c is not None:
                    cands.append((c, v))
        if cands:
            conf, v, alts = _pick(cands, year)
            accepted.append((start, -end, conf, v, alts))
    accepted.sort(key=_first_two)  # (start, -end) is unique: one folded span is one key
    urls = SpanIndex(u.span() for u in (_URL.match(text, s) for s, _, _ in (anchors or find_anchors(text))["url"]) if u)
    out: list[Mention] = []
    last_end = -1
    at, label = index.at, index.label
    for start, end, conf, v, alts in accepted:
        end = -end
        if start < last_end or (urls.spans and urls.containing(start, start + 1)):
            continue
        last_end = end
        e = v.entry
        out.append(Mention(e.iri, e.label, text[start:end], start, end, label(at(start, end)), e.category, conf, alts,
                           not any(v.rules)))
    return out
