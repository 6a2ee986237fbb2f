"""Text folding and slugs: the one place where sockg decides when two pieces of text are "the same".

Three folds serve three questions, built on one table of punctuation
(curly quotes and the en dash written plainly):

* :func:`normalise_name`: does this name refer to that entity? (case, spacing,
  a leading "the"; used by :class:`sockg.names.NameIndex`);
* :func:`fold_stated`: is this value written in that quote? (also drops
  footnote markers and acronyms in brackets; used by the build's check that a
  title or a year is stated by its evidence);
* :func:`fold_words`: do these words match, whatever the punctuation between
  them? (every run of non-alphanumerics becomes one space; used by ingest,
  whose :class:`~sockg.ingest.fold.Folded` also maps offsets back).

:func:`slugify` makes every slug: individuals' IRIs, document ids from file
names, and the names of the files views and sites write.

This module imports nothing from sockg.

Examples
--------
>>> normalise_name("  The  Home Office’s ")
"home office's"
>>> fold_stated("the 2015 National Security Strategy (NSS) and ...[footnote 4]")
'the 2015 national security strategy and ...'
>>> fold_words("  the UK’s Anti-Corruption\\nStrategy ")
'the uk s anti corruption strategy'
>>> slugify("Scotland’s Serious Organised Crime Strategy 2015")
'scotlands-serious-organised-crime-strategy-2015'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["PLAIN_PUNCTUATION", "plain_punctuation", "normalise_name", "fold_stated", "fold_words",
           "lower_same_length", "slugify", "WORD_SEPARATORS"]

#: Curly quotes and the en dash, written plainly.
PLAIN_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "–": "-"})
#: A run of characters that are neither letters nor digits (underscore counts as punctuation).
WORD_SEPARATORS = re.compile(r"[\W_]+")
_FOOTNOTE = re.compile(r"\[footnote \d+\]")
_BRACKETED_ACRONYM = re.compile(r"\s*\([A-Z]{2,8}\)")
_LEADING_THE = re.compile(r"^the ")


def plain_punctuation(text: str) -> str:
    """``text`` with curly quotes and en dashes written plainly.

    >>> plain_punctuation("‘Pursue’ – Prevent")
    "'Pursue' - Prevent"
    """
    return text.translate(PLAIN_PUNCTUATION)


def _casefold_spaced(text: str) -> str:
    return " ".join(plain_punctuation(text).casefold().split())


def normalise_name(name: str) -> str:
    """Fold a name for matching: case, curly quotes, white space, a leading 'the'.

    >>> normalise_name("the  NCA")
    'nca'
    """
    return _LEADING_THE.sub("", _casefold_spaced(name))


def fold_stated(text: str) -> str:
    """Fold text for "is it stated" checks: case, quote marks, footnotes, bracketed acronyms, spaces.

    >>> fold_stated("Serious and Organised Crime (SOC) Strategy")
    'serious and organised crime strategy'
    """
    text = plain_punctuation(text)
    text = _FOOTNOTE.sub(" ", text)
    text = _BRACKETED_ACRONYM.sub(" ", text)
    return " ".join(text.casefold().split())


def lower_same_length(text: str) -> str:
    """``text`` lower-cased, keeping its length (the few characters that lower-case to two stay as they are).

    >>> lower_same_length("İstanbul ABC")
    'İstanbul abc'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_words(text: str) -> str:
    """Lower-case ``text`` and collapse every run of non-alphanumerics into one space.

    >>> fold_words("Cyber-crime, and  CYBER crime")
    'cyber crime and cyber crime'
    """
    return WORD_SEPARATORS.sub(" ", lower_same_length(text)).strip()


def slugify(text: str, limit: int | None = None) -> str:
    """A readable, stable slug: ASCII letters and digits joined by hyphens, at most ``limit`` characters.

    Accents are dropped (``é`` is ``e``) and apostrophes vanish (``Scotland’s``
    is ``scotlands``); an empty result stays empty, so callers choose their own fallback.

    >>> slugify("Department of Health and Social Care (DHSC)")
    'department-of-health-and-social-care-dhsc'
    >>> slugify("Serious & Organised Crime Strategy 2018!", limit=20)
    'serious-organised-cr'
    >>> slugify("£ –")
    ''
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['’]", "", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if limit is not None:
        slug = slug[:limit].rstrip("-")
    return slug
