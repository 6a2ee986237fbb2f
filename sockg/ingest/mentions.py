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
from dataclasses import asdict, dataclass, field

from .context import BlockIndex, next_word, sentence_start, uninformative_case
from .fold import Folded

__all__ = ["Mention", "find_mentions", "STRAND_CONTEXT"]

#: words that may follow a one-word strand name where its capital says nothing
STRAND_CONTEXT = frozenset({
    "and", "or", "strand", "strands", "work", "activity", "activities", "programme", "programmes", "partners",
    "is", "will", "has", "have", "aims", "seeks", "team", "teams", "duty", "objective", "objectives", "priorities",
    "priority", "delivery", "framework", "pillar", "funding", "referrals", "case", "cases", "officers",
})
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+")
_WORDS = re.compile(r"[^\W_]+")


@dataclass
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
        d = asdict(self)
        del d["generic"]
        d["alternatives"] = list(self.alternatives)
        if not d["alternatives"]:
            del d["alternatives"]
        return d


def _judge(variant, words: list[str], text: str, start: int, end: int, block) -> float | None:
    """Confidence that ``words`` (the matched text) name ``variant``'s entity, or ``None``."""
    missing = 0
    for rule, surface, w in zip(variant.rules, _WORDS.findall(variant.surface), words):
        if rule == "acro":
            if w != surface and w != surface.upper():
                return None
        elif rule == "cap" and not w[0].isupper():
            missing += 1
    if missing == 0:
        if variant.common_word:
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
        floor = block.start if block is not None else 0
        if not sentence_start(text, start, floor):
            return 0.7
    return None


def _pick(cands: list[tuple[float, object]], year: int | None):
    """The best variant among accepted ones; ties between entities go to the latest edition not after ``year``."""
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


def find_mentions(doc, gazetteer, *, year: int | None = None, folded: Folded | None = None,
                  index: BlockIndex | None = None) -> list[Mention]:
    """Mentions of ``gazetteer``'s entities in ``doc`` (a :class:`~sockg.sources.Document`), in text order.

    ``year`` (the document's year) settles names shared by several editions
    of a strategy. ``folded`` and ``index`` may be passed when already made.
    """
    text = doc.text
    folded = folded or Folded(text)
    index = index or BlockIndex(doc)
    variants = gazetteer.variants
    urls = [m.span() for m in _URL.finditer(text)]
    accepted: list[tuple[int, int, float, object, tuple, object]] = []
    for end_idx, (klen, ids) in gazetteer.automaton.iter(folded.folded):
        start, end = folded.span(end_idx - klen + 2, end_idx)
        words = _WORDS.findall(text, start, end)
        block = index.at(start, end)
        cands = []
        for i in ids:
            v = variants[i]
            if len(words) != len(v.rules):
                continue
            c = _judge(v, words, text, start, end, block)
            if c is not None:
                cands.append((c, v))
        if cands:
            conf, v, alts = _pick(cands, year)
            accepted.append((start, end, conf, v, alts, block))
    accepted.sort(key=lambda a: (a[0], -a[1]))
    out: list[Mention] = []
    last_end = -1
    u = 0
    for start, end, conf, v, alts, block in accepted:
        if start < last_end:
            continue
        while u < len(urls) and urls[u][1] <= start:
            u += 1
        if u < len(urls) and urls[u][0] <= start < urls[u][1]:
            continue
        last_end = end
        out.append(Mention(entity=v.entry.iri, label=v.entry.label, text=text[start:end], start=start, end=end,
                           paragraph=block.label if block is not None else "document",
                           category=v.entry.category, confidence=conf, alternatives=alts,
                           generic=not any(v.rules)))
    return out
