"""A SPARQL 1.1 tokenizer: enough of the grammar's terminals to read a query safely.

The safety checks (:mod:`sockg.query.safety`) need to know which words of a
query are *keywords*: ``SERVICE`` inside a string, an IRI, a comment, a
variable name or a prefixed name is harmless, while a bare ``SERVICE`` makes
an engine fetch a URL. A substring test cannot tell those apart; this lexer
follows the terminals of the SPARQL 1.1 grammar (section 19.8) -- IRIs,
the four kinds of string literal with their escapes, comments, variables,
prefixed names, blank-node labels, language tags and numbers -- so every
character is given to exactly one token, as an engine would.

Examples
--------
>>> [t.kind for t in tokenize('SELECT ?s WHERE { ?s a "SERVICE" } # SERVICE')]
['word', 'var', 'word', 'punct', 'var', 'word', 'string', 'punct', 'comment']
>>> t = tokenize('ASK {\\n  ?s skos:prefLabel ?l }')[3]
>>> (t.kind, t.text, t.line, t.column)
('pname', 'skos:prefLabel', 2, 6)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import QueryError

__all__ = ["Token", "tokenize", "LexError"]

# PN_CHARS_BASE of the SPARQL grammar, exactly (section 19.8, production 164).
_BASE_UNICODE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                 "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_EXTRA_UNICODE = "\u00B7\u0300-\u036F\u203F-\u2040"   # what PN_CHARS adds to letters, digits, '-' and '_'
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_ECHAR = r"(?:\\[tbnrf\\\"']|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})"  # ECHAR, and UCHAR escapes


def _token_rules(base: str, extra: str) -> list[tuple[str, str]]:
    """The token patterns, with PN_CHARS_BASE as ``base`` and PN_CHARS's extra characters as ``extra``."""
    u = base + "_"                                    # PN_CHARS_U
    chars = u + r"\-0-9" + extra                      # PN_CHARS
    prefix = rf"[{base}](?:[{chars}.]*[{chars}])?"
    local = rf"(?:[{u}:0-9]|{_PLX})(?:(?:[{chars}.:]|{_PLX})*(?:[{chars}:]|{_PLX}))?"
    varname = rf"[{u}0-9][{u}0-9{extra}]*"
    return [
        ("ws", r"[ \t\r\n]+"),
        ("comment", r"#[^\r\n]*"),
        ("iri", r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"),
        ("string", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''"),
        ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'),
        ("string", rf"'(?:[^'\\\n\r]|{_ECHAR})*'"),
        ("string", rf'"(?:[^"\\\n\r]|{_ECHAR})*"'),
        ("var", rf"[?$]{varname}"),
        ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
        ("bnode", rf"_:[{u}0-9](?:[{chars}.]*[{chars}])?"),
        ("pname", rf"(?:{prefix})?:(?:{local})?"),
        ("number", r"[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?"),
        ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
        ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*/+\-=<>!|^?$@&]"),
    ]


_KIND = {f"{kind}{i}": kind for i, (kind, _) in enumerate(_token_rules("A-Za-z", ""))}


@lru_cache(maxsize=2)
def _master(unicode: bool):
    """The token pattern. On ASCII text the ASCII classes give exactly the same tokens, and compile in
    a fraction of the time (the full Unicode classes cost tens of milliseconds at every start)."""
    rules = _token_rules(_BASE_UNICODE, _EXTRA_UNICODE) if unicode else _token_rules("A-Za-z", "")
    return re.compile("|".join(f"(?P<{kind}{i}>{rx})" for i, (kind, rx) in enumerate(rules)))


# Openings that start a token of their own kind; if the token does not match, the text is broken there.
_UNTERMINATED = {'"': "string", "'": "string"}


class LexError(QueryError):
    """The query cannot be read into tokens (an unterminated string, a stray backslash, ...)."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(f"syntax error at line {line}, column {column}: {message}")
        self.line_no, self.column = line, column


@dataclass(frozen=True)
class Token:
    """One token: its kind, its text and where it starts (1-based line and column)."""

    kind: str
    text: str
    offset: int
    line: int
    column: int

    @property
    def upper(self) -> str:
        return self.text.upper()


def tokenize(text: str, *, keep_space: bool = False) -> list[Token]:
    """Split SPARQL ``text`` into :class:`Token` objects (white space dropped unless ``keep_space``).

    Raises :class:`LexError`, with line and column, for text no SPARQL
    engine could read: an unterminated string or a backslash outside a string
    or a prefixed name (a codepoint escape such as ``\\u0053`` there would
    be decoded by some engines before parsing, so it is not accepted).

    >>> [t.text for t in tokenize("FILTER(?a<?b)")]
    ['FILTER', '(', '?a', '<', '?b', ')']
    >>> [t.kind for t in tokenize("<http://x/#y> 'it''s'")]
    ['iri', 'string', 'string']
    >>> tokenize('SELECT * { ?s ?p "oops }')
    Traceback (most recent call last):
    ...
    sockg.query.lexer.LexError: syntax error at line 1, column 18: unterminated string
    """
    tokens: list[Token] = []
    master = _master(not text.isascii())
    pos, line, line_start, n = 0, 1, 0, len(text)
    while pos < n:
        m = master.match(text, pos)
        ch = text[pos]
        if m is None or (ch in _UNTERMINATED and _KIND[m.lastgroup] != "string"):
            col = pos - line_start + 1
            if ch in _UNTERMINATED:
                raise LexError("unterminated string", line, col)
            if ch == "\\":
                raise LexError("a backslash is only allowed inside strings and prefixed names "
                               "(write characters themselves, not \\u escapes)", line, col)
            tokens.append(Token("other", ch, pos, line, col))
            if ch == "\n":
                line, line_start = line + 1, pos + 1
            pos += 1
            continue
        kind, value = _KIND[m.lastgroup], m.group()
        if keep_space or kind != "ws":
            tokens.append(Token(kind, value, pos, line, pos - line_start + 1))
        newlines = value.count("\n")
        if newlines:
            line += newlines
            line_start = pos + value.rindex("\n") + 1
        pos = m.end()
    return tokens
