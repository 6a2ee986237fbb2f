"""Parse headline figures: money, percentages and counts, as numbers with units.

Three compiled patterns, each anchored on what a figure starts with (a
currency sign, or a digit), find

* **money**: ``£37bn``, ``£37 billion``, ``£860 million``, ``$2.5m`` -> value
  in whole units of the currency (``37000000000``) and an ISO 4217 code;
* **percentages**: ``34%``, ``40 per cent`` -> unit ``percent``, with a
  direction where the words around say so ("a 34% fall", "rose by 40%");
* **counts**: ``4,600 organised crime groups``, ``2.5 million people`` ->
  unit the plural noun phrase counted; years, durations and numbers that
  label something (paragraph 16, Figure 2, Cm 9718) are not counts.

A qualifier before the number ("at least", "more than", "over", "an
estimated" ...) is kept, worded as the graph's shapes allow. Each figure says
what it is about where its sentence names a known entity (a threat first,
else the nearest), and which year where the sentence names one.

Examples
--------
>>> from sockg.sources import parse_text
>>> doc = parse_text("Fraud cost at least £37bn. Thefts rose by 40%, and more than 4,600 organised crime groups operate.", "d")
>>> [(f.value, f.unit, f.qualifier, f.text) for f in find_figures(doc, [])]
[(Decimal('37000000000'), 'GBP', 'at least', 'at least £37bn'), (Decimal('40'), 'percent', None, '40%'), (Decimal('4600'), 'organised crime groups', 'more than', 'more than 4,600 organised crime groups')]
>>> find_figures(doc, [])[1].direction
'increase'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from .anchors import find_anchors
from .context import BlockIndex, sentence_span

__all__ = ["Figure", "find_figures", "QUALIFIERS"]

# Patterns start with a digit or a currency sign, never a look-behind, so the regular expression
# engine can skip quickly to the places worth trying; what comes before a number is checked in Python.
# A number is digits grouped in threes by commas ("4,600", "1,000,000") or plain digits ("4600"), with or
# without decimals. A comma that does not start a group of exactly three digits is punctuation ("£1,000, in
# total"); a number that runs on into more digits or groups ("12,34", "1.2.3") is not a figure at all. The
# integer part is atomic and every run is bounded, so a long run of digits costs a bounded time at each
# position (linear overall) instead of being rescanned from every digit in it.
_NUM = r"(?>[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,15})(?:\.[0-9]{1,15})?(?![0-9]|[.,][0-9])"  # [0-9]: ASCII only
_MONEY = re.compile(rf"(?P<cur>[£$€])\s?(?P<num>{_NUM})(?:\s?(?P<mult>bn|billion|mn|m|million|k|thousand|tn|trillion)\b)?")
_PERCENT = re.compile(rf"(?P<num>{_NUM})(?P<unit>\s?%|\s?per\s?cent\b|\s?percent\b|\s?percentage points?\b)")
_SEP = r"(?:[ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)"  # spaces, or one line break
_WORDISH = r"(?:[a-z][a-z’'-]*|[A-Z]{2,}s)"
_COUNT = re.compile(rf"(?P<num>{_NUM})(?:\s(?P<mult>million|billion|thousand))?{_SEP}"
                    rf"(?P<noun>{_WORDISH}(?:{_SEP}{_WORDISH}){{0,4}})")
_MULT = {"bn": 10**9, "billion": 10**9, "m": 10**6, "mn": 10**6, "million": 10**6, "k": 10**3, "thousand": 10**3,
         "tn": 10**12, "trillion": 10**12}
_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}

#: qualifier as written -> as the graph records it (the shapes allow only these values)
QUALIFIERS = {
    "at least": "at least", "more than": "more than", "over": "over", "almost": "almost", "nearly": "nearly",
    "around": "around", "about": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "up to": "up to", "less than": "less than",
    "fewer than": "less than", "under": "less than", "in excess of": "more than", "just over": "over",
    "just under": "nearly", "exactly": "exactly",
}
_DIR_AFTER = re.compile(r"\s+(fall|drop|decrease|decline|reduction|cut|rise|increase|growth|jump|uplift)\b", re.I)
_DIR_INSIDE = re.compile(r"\s(fall|drop|decrease|decline|reduction|cut|rise|increase|growth|jump|uplift)\b", re.I)
_DIR_BEFORE = re.compile(r"\b(rise|rises|rose|risen|rising|increase|increases|increased|increasing|grow|grows|grew|"
                         r"grown|growing|up|jumped|fall|falls|fell|fallen|falling|decrease|decreases|"
                         r"decreased|decreasing|dropped|declined|declining|reduced|down|cut|(?:a|an)\s+(?:rise|increase|"
                         r"fall|drop|decrease|reduction|decline)\s+of)(?:\s+by)?\s+(?:some\s+|about\s+|almost\s+|nearly\s+"
                         r"|over\s+|more than\s+)?$", re.I)
_DIR_STEM = re.compile(r"ris|rose|increas|grow|grew|up |jump|fall|fell|decreas|drop|declin|reduc|down|cut")
_FALL = ("fall", "falls", "fell", "fallen", "falling", "drop", "dropped", "decrease", "decreases", "decreased",
         "decreasing", "decline",
         "declined", "declining", "reduction", "reduced", "down", "cut")
_PERIOD = re.compile(r"\s*(each year|every year|per year|a year|per annum|annually|each month|per month|a month|"
                     r"each week|per week|a week)\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d|,\d)")  # and not after a digit, '.', '-' or 'N,' (checked in _year_of)
#: words before a number that make it a label, not a count
_LABEL_BEFORE = re.compile(r"(?:paragraphs?|paras?|figures?|objectives?|cm|cmnd|hc|sections?|parts?|pages?|"
                           r"footnotes?|annex|chapters?|tables?|no\.?|number|step|phase|tier|level|article|clause|"
                           r"schedule|rule|regulation|version|vol\.?|issue)\s*$", re.I)
_NOT_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "times",
                        "centuries", "am", "pm", "per", "percent", "cent", "bn", "million", "billion"})
_STOP = frozenset({"of", "in", "to", "for", "from", "by", "with", "and", "or", "at", "on", "as", "that", "which",
                   "who", "were", "are", "was", "is", "have", "has", "had", "be", "been", "will", "would", "could",
                   "can", "than", "per", "each", "a", "an", "the", "this", "these", "those", "over", "under",
                   "since", "between", "across", "into", "its", "their", "our", "more", "less", "but", "not"})
_IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "staff", "police", "personnel", "youth"})
_CATEGORY_PRIORITY = {"threat": 0, "other": 0, "organisation": 1, "place": 2}  # concepts, then actors, then places


@dataclass(slots=True)
class Figure:
    """A number the document states, with its unit and what it is about."""

    value: Decimal
    unit: str
    qualifier: str | None
    text: str
    start: int
    end: int
    paragraph: str
    kind: str                      # money, percent or count
    direction: str | None = None   # increase or fall
    period: str | None = None      # "each year", ...
    year: int | None = None
    about: str | None = None       # IRI of the entity the sentence says it is about
    about_label: str | None = None
    measure: str = ""              # the sentence that states it, white space collapsed

    def as_dict(self) -> dict:
        v = self.value
        value = int(v) if v == v.to_integral_value() else float(v)
        return {"value": value, "unit": self.unit, "qualifier": self.qualifier, "text": self.text,
                "start": self.start, "end": self.end, "paragraph": self.paragraph, "kind": self.kind,
                "direction": self.direction, "period": self.period, "year": self.year, "about": self.about,
                "about_label": self.about_label, "measure": self.measure}


_NOT_BEFORE_PERCENT = frozenset(".,£$€")
_NOT_BEFORE_COUNT = frozenset(".,£$€/:#-")


def _number_before(text: str, p: int) -> int | None:
    """Where the number written just before ``p`` (and at most one space) starts, or ``None``.

    >>> t = "fell by 12.5 per cent"
    >>> t[_number_before(t, t.index("per")):]
    '12.5 per cent'
    """
    i = p - 1 if p > 0 and text[p - 1].isspace() else p
    j = i
    while j > 0 and i - j < 24 and (text[j - 1].isdigit() or text[j - 1] in ",."):
        j -= 1
    while j < i and not text[j].isdigit():
        j += 1
    return j if j < i and text[i - 1].isdigit() else None


def _clean_start(text: str, start: int, bad: frozenset) -> bool:
    """Whether the number at ``start`` stands on its own (not the tail of a word, number, code or date)."""
    if start == 0:
        return True
    c = text[start - 1]
    return not (c.isalnum() or c == "_" or c in bad)


def _number(num: str, mult: str | None) -> Decimal:
    value = Decimal(num.replace(",", ""))
    if mult:
        value *= _MULT[mult.lower()]
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _count_noun(noun: str) -> str | None:
    """The counted noun phrase: the longest run of words, before a stop word, ending in a plural."""
    words = re.split(r"[ \t\r\n]+", noun)
    best = None
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in _STOP:
            break
        if i == 0 and lw in _NOT_UNITS:
            return None
        if (lw.endswith("s") and not lw.endswith("ss") and len(lw) > 2) or lw in _IRREGULAR_PLURALS:
            best = i
    if best is None:
        return None
    return " ".join(words[: best + 1])


_QUAL_ORDER = sorted(QUALIFIERS, key=len, reverse=True)
_TOKEN = re.compile(r"\S+")
_QUAL_BY_LAST_WORD: dict[str, list[tuple[str, int, str, tuple[str, ...]]]] = {}
for _q in _QUAL_ORDER:  # last word -> [(qualifier, words, first word, other words)], longest first
    _w = _q.split(" ")
    _QUAL_BY_LAST_WORD.setdefault(_w[-1], []).append((_q, len(_w), _w[0], tuple(_w[1:])))


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier written just before ``start`` (and where it starts), or ``(None, start)``.

    Its words may be split by any white space, a line break included.

    >>> _qualifier("NCA is aware of more than 4,600", 26)
    ('more than', 16)
    >>> _qualifier("costs at\\n  least £40bn", 17)
    ('at least', 6)
    """
    lo = max(0, start - 30)
    tail = text[lo:start]
    if not tail[-1:].isspace():
        return None, start  # a qualifier is followed by white space
    last = tail.rsplit(None, 1)[-1:] or [""]
    options = _QUAL_BY_LAST_WORD.get(last[0].lower().lstrip("([{“‘\"'"))
    if not options:
        return None, start
    words = [(m.start(), m.group(0).lower()) for m in _TOKEN.finditer(tail)][-3:]
    for q, n, head, rest in options:  # longest first
        if len(words) < n:
            continue
        first_at, first = words[-n]
        if not first.endswith(head) or tuple(w for _, w in words[len(words) - n + 1:]) != rest:
            continue
        cut = len(first) - len(head)  # punctuation glued before the qualifier: "(about"
        if cut and (first[cut - 1].isalnum() or first[cut - 1] == "_"):
            continue
        if first_at + cut == 0 and lo > 0:
            continue  # the window may have cut a longer word
        return QUALIFIERS[q], lo + first_at + cut
    return None, start


def find_figures(doc, mentions, index: BlockIndex | None = None, anchors: dict | None = None) -> list[Figure]:
    """Figures in ``doc``, in text order; ``mentions`` (sorted by start) say what each is about.

    ``anchors`` (from :func:`~sockg.ingest.anchors.find_anchors`) may be passed when already found.
    """
    text = doc.text
    index = index or BlockIndex(doc)
    anchors = anchors if anchors is not None else find_anchors(text)
    found: list[tuple[int, int, str, Decimal, str, int]] = []  # start, end, kind, value, unit, number start
    for p, _, _ in anchors["money"]:
        m = _MONEY.match(text, p)
        if m is None:
            continue
        found.append((m.start(), m.end(), "money", _number(m.group("num"), m.group("mult")), _CURRENCY[m.group("cur")],
                      m.start()))
    last_percent = -1
    for p, _, _ in anchors["percent"]:
        start = _number_before(text, p)
        m = _PERCENT.match(text, start) if start is not None else None
        if m is None or m.end() <= p or m.start() <= last_percent:
            continue
        last_percent = m.start()
        if not _clean_start(text, m.start(), _NOT_BEFORE_PERCENT):
            continue
        unit = "percentage points" if "point" in m.group("unit") else "percent"
        end = m.end()
        after = _DIR_AFTER.match(text, end, end + 20)
        if after:
            end = after.end()
        found.append((m.start(), end, "percent", _number(m.group("num"), None), unit, m.start()))
    taken = sorted((s, e) for s, e, *_ in found)
    starts = [s for s, _ in taken]
    for m in _COUNT.finditer(text):
        s = m.start()
        if not _clean_start(text, s, _NOT_BEFORE_COUNT):
            continue
        i = bisect_left(starts, s)
        if any(a <= s < b for a, b in taken[max(0, i - 1): i + 1]):
            continue
        num, mult = m.group("num"), m.group("mult")
        if not mult and "," not in num and "." not in num and 1900 <= int(num) <= 2100:
            continue  # a year
        if _LABEL_BEFORE.search(text, max(0, s - 16), s):
            continue
        noun = _count_noun(m.group("noun"))
        if noun is None:
            continue
        noun_start = m.start("noun")
        end = noun_start + len(noun) if "\n" not in m.group("noun") else _span_of_words(text, noun_start, noun)
        found.append((s, end, "count", _number(num, mult), " ".join(noun.split()), s))
    found += _elliptical_counts(text, found)
    found.sort()
    mention_starts = [m.start for m in mentions]
    figures: list[Figure] = []
    for s, e, kind, value, unit, num_start in found:
        qualifier, s = _qualifier(text, s)
        block = index.at(s, e)
        floor, ceiling = (block.start, block.end) if block is not None else (0, len(text))
        direction = None
        window = text[max(floor, s - 40):s].lower()
        before = _DIR_BEFORE.search(window) if _DIR_STEM.search(window) else None
        if before:
            direction = "fall" if any(w in _FALL for w in before.group(1).lower().split()) else "increase"
        if direction is None:
            inside = _DIR_INSIDE.search(text, num_start, e)
            if inside:
                direction = "fall" if inside.group(1).lower() in _FALL else "increase"
        period = _PERIOD.match(text, e, e + 20)
        ss, se = sentence_span(text, s, e, floor, ceiling)
        fig = Figure(value=value, unit=unit, qualifier=qualifier, text=text[s:e], start=s, end=e,
                     paragraph=index.label(block), kind=kind, direction=direction,
                     period=period.group(1).lower() if period else None,
                     year=_year_of(text, ss, se, s, e), measure=" ".join(text[ss:se].split())[:300])
        _about(fig, mentions, mention_starts, ss, se, text)
        figures.append(fig)
    return figures


_ELLIPSIS = re.compile(rf"(?:,|\band|\bor|\bwhile|\bbut)\s+(?P<num>{_NUM})\s+(?=(?:in|into|of|for|on|from|at|with|by|to|"
                       r"against|under|over)\b)")


def _elliptical_counts(text: str, found: list) -> list:
    """Counts that leave their noun to an earlier one: "27 investigations into X and 9 into Y" -> 9 investigations."""
    out = []
    starts = {f[0] for f in found}
    for s, e, kind, value, unit, num_start in [f for f in found if f[2] == "count"]:
        stop = _END_OF_SENTENCE.search(text, e, e + 200)
        for m in _ELLIPSIS.finditer(text, e, stop.start() if stop else min(len(text), e + 200)):
            if m.start("num") not in starts:
                out.append((m.start("num"), m.end("num"), "count", _number(m.group("num"), None), unit,
                            m.start("num")))
    return out


_END_OF_SENTENCE = re.compile(r"[.!?](?=\s|$)|\n\s*\n")


def _span_of_words(text: str, start: int, noun: str) -> int:
    m = re.compile(r"[ \t\r\n]+".join(re.escape(w) for w in noun.split())).match(text, start)
    return m.end() if m else start + len(noun)


def _after_number(text: str, i: int) -> bool:
    return i > 0 and (text[i - 1].isdigit() or text[i - 1] in ".-" or (text[i - 1] == "," and i > 1 and text[i - 2].isdigit()))


def _year_of(text: str, ss: int, se: int, s: int, e: int) -> int | None:
    years = [(m.start(), int(m.group(0))) for m in _YEAR.finditer(text, ss, se)
             if not s <= m.start() < e and not _after_number(text, m.start())]
    if len({y for _, y in years}) == 1:
        return years[0][1]
    with_in = [(abs(p - s), y) for p, y in years if re.search(r"\b(?:in|during|for|by)\s+$", text[max(ss, p - 8):p])]
    return min(with_in)[1] if with_in else None


_OF = re.compile(r"\s+(?:[a-z]+\s+)?(?:into|of|on|against|about|for|to tackle|to fight|in)\s+(?:the\s+)?$")
_CLAUSE = re.compile(r"[,;:()]|\s[–—]\s|\b(?:while|whereas|but|although)\b")


def _about(fig: Figure, mentions, starts: list[int], ss: int, se: int, text: str) -> None:
    """Set what ``fig`` is about: a mention inside it, else the best in its clause (a threat first, then the nearest)."""
    lo, hi = bisect_left(starts, ss), bisect_left(starts, se)
    near = [m for m in mentions[lo:hi] if m.end <= se and m.category != "strategy"]
    if not near:
        return
    inside = [m for m in near if fig.start <= m.start and m.end <= fig.end]
    following = [m for m in near if m.start >= fig.end and _OF.match(text[fig.end:m.start])]
    if inside:
        pick = inside[0]
    elif following:  # "27 investigations into drug trafficking", "£2m for cyber crime"
        pick = following[0]
    else:
        cs = max([ss] + [c.end() for c in _CLAUSE.finditer(text, ss, fig.start)])
        ce = next((c.start() for c in _CLAUSE.finditer(text, fig.end, se)), se)
        clause = [m for m in near if cs <= m.start and m.end <= ce]
        if not clause:
            return

        def dist(m):
            return m.start - fig.end if m.start >= fig.end else fig.start - m.end

        pick = min(clause, key=lambda m: (_CATEGORY_PRIORITY.get(m.category, 5), dist(m), m.start))
    fig.about, fig.about_label = pick.entity, pick.label
