"""Find, in one pass, every literal that a figure, reference or candidate name hangs on.

Figures start at a currency sign or end at a percent sign; references end in a
document word ("Strategy", "Plan", "Act") or are a command paper ("Cm 9718");
candidate organisations end in an organisation word ("Agency", "Unit") or
start with one ("Department for", "Operation"). Rather than scanning the text
once per pattern, one case-sensitive Aho-Corasick automaton finds all these
literals at once; each finder then applies its anchored pattern at the few
places found. Hits are whole words only and, where literals overlap ("Task
Force" and "Force"), the leftmost-longest one is kept.

Examples
--------
>>> a = find_anchors("The Border Force Agency spent £4m under the Action Plan (https://x.uk).")
>>> a["org-tail"], [t for _, _, t in a["doc"]]
([(11, 16, 'Force'), (17, 23, 'Agency')], ['Action Plan'])
>>> a["money"], [s for s, _, _ in a["url"]]
([(30, 31, '£')], [57])
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["find_anchors", "DOC_WORDS", "ORG_TAILS", "ORG_HEADS"]

DOC_WORDS = ("Strategy", "Strategies", "Action Plan", "Plan", "Review", "Assessment", "Framework", "Vision",
             "White Paper", "Green Paper", "Act", "Bill", "Concordat", "Charter", "Programme")
ORG_TAILS = ("Agency", "Authority", "Force", "Service", "Services", "Unit", "Units", "Board", "Commission",
             "Commissioner", "Commissioners", "Council", "Centre", "Foundation", "Trust", "Partnership", "Taskforce",
             "Task Force", "Inspectorate", "Directorate", "Bureau", "Executive", "Police", "Constabulary", "Institute",
             "Tribunal", "Forum", "Alliance", "Panel", "Network")
ORG_HEADS = ("Department for", "Department of", "Ministry of", "Ministry for", "Office for", "Office of", "HM",
             "His Majesty’s", "His Majesty's")
_KINDS = {
    "money": ("£", "$", "€"),
    "percent": ("%", "per cent", "percent", "per\u00a0cent", "percentage point", "percentage points"),
    "paper": ("Cm", "Cmnd", "CM", "HC"),
    "operation": ("Operation",),
    "url": ("http://", "https://", "www."),
    "doc": DOC_WORDS,
    "org-tail": ORG_TAILS,
    "org-head": ORG_HEADS,
}
#: kinds whose literal must stand as a whole word (the others are signs or carry their own boundary)
_WHOLE_WORD = frozenset({"paper", "operation", "doc", "org-tail", "org-head"})
#: kinds for which a literal must also end a word ("per cent", "HM" yes; "£" no)
_WORD_END = frozenset({"paper", "doc", "org-tail", "org-head", "percent"})


@lru_cache(maxsize=1)
def _automaton():
    import ahocorasick

    auto = ahocorasick.Automaton()
    keys: dict[str, list[str]] = {}
    for kind, literals in _KINDS.items():
        for lit in literals:
            keys.setdefault(lit, []).append(kind)
    for lit, kinds in keys.items():
        auto.add_word(lit, (len(lit), tuple(kinds)))
    auto.make_automaton()
    return auto


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


def find_anchors(text: str) -> dict[str, list[tuple[int, int, str]]]:
    """``{kind: [(start, end, literal), ...]}`` sorted by start, leftmost-longest within each kind."""
    hits: dict[str, list[tuple[int, int, str]]] = {k: [] for k in _KINDS}
    n = len(text)
    for last, (length, kinds) in _automaton().iter(text):
        start, end = last - length + 1, last + 1
        for kind in kinds:
            if kind in _WHOLE_WORD and start > 0 and _word_char(text[start - 1]):
                continue
            if kind in _WORD_END and end < n and _word_char(text[end]) and text[end - 1] != "%":
                continue
            hits[kind].append((start, end, text[start:end]))
    for kind, found in hits.items():
        found.sort(key=lambda h: (h[0], -h[1]))
        kept: list[tuple[int, int, str]] = []
        for h in found:
            if kept and h[0] < kept[-1][1]:
                continue
            kept.append(h)
        hits[kind] = kept
    return hits
