"""Read a query before it runs: its form, its prefixes, and anything refused.

sockg queries are read-only and make the process fetch nothing. Both rdflib
and Oxigraph follow ``SERVICE`` to any URL, and rdflib loads ``FROM`` URLs and
files, so :func:`check_query` refuses

* every update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``CREATE``,
  ``DROP``, ``ADD``, ``MOVE``, ``COPY``, ``WITH``, ``USING``);
* ``SERVICE``, ``FROM`` and ``FROM NAMED``, unless ``allow_federation``;

found as *keywords* by the tokenizer of :mod:`sockg.query.lexer`, so the same
words inside strings, IRIs, comments, variable names or prefixed names do not
count. It also refuses a prefixed name whose prefix is one of those words
(``service:``): Oxigraph reads ``SERVICE:{...}`` as the keyword followed by
the empty prefix, whatever ``PREFIX service:`` says. Unknown prefixes are
reported by name, with line and column.

Examples
--------
>>> check_query("SELECT * WHERE { ?s rdfs:label 'SERVICE <http://x/>' }").form
'select'
>>> check_query("DELETE WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
sockg.errors.QueryRefusedError: refused: DELETE at line 1, column 1 is an update; sockg queries are read-only
>>> check_query("SELECT * WHERE {\\n  ?s foo:bar ?o }")
Traceback (most recent call last):
...
sockg.errors.QueryError: unknown prefix 'foo:' at line 2, column 6; declare it with PREFIX foo: <...>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import QueryError, QueryRefusedError
from .lexer import Token, tokenize

__all__ = ["QueryInfo", "check_query", "UPDATE_KEYWORDS", "FEDERATION_KEYWORDS", "FEDERATION_HINT", "QUERY_FORMS",
           "with_prefixes", "where_body_offset"]

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY",
                             "WITH", "USING"})
FEDERATION_KEYWORDS = frozenset({"SERVICE", "FROM"})
QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}


@dataclass
class QueryInfo:
    """What :func:`check_query` learnt about a query."""

    text: str
    form: str                                   #: select, ask, construct or describe
    tokens: list[Token] = field(repr=False)
    declared: dict[str, str] = field(default_factory=dict)   #: PREFIX declarations in the text
    used: list[str] = field(default_factory=list)            #: prefixes used, in order of first use

    @property
    def is_graph(self) -> bool:
        """True for CONSTRUCT and DESCRIBE, whose answer is a graph."""
        return self.form in ("construct", "describe")


def _where(t: Token) -> str:
    return f"line {t.line}, column {t.column}"


#: What a refusal of SERVICE or FROM tells the user to do, by default (the command line's opt-in).
FEDERATION_HINT = "pass --allow-federation to allow it"


def check_query(text: str, *, allow_federation: bool = False, prefixes: dict[str, str] | None = None,
                federation_hint: str = FEDERATION_HINT) -> QueryInfo:
    """Tokenize ``text``, refuse what must not run, and return a :class:`QueryInfo`.

    ``prefixes`` are the predeclared ones (default: every project prefix).
    ``federation_hint`` ends the message that refuses SERVICE or FROM: what
    the user can do instead (a server, which has no opt-in, says so).
    Raises :class:`~sockg.errors.QueryRefusedError` for refused features and
    :class:`~sockg.errors.QueryError` for an unknown prefix, an empty query or
    text that is not a query.

    >>> info = check_query("PREFIX ex: <http://example.org/>\\nASK { ex:a ?p ?o }")
    >>> info.form, info.declared, info.used
    ('ask', {'ex': 'http://example.org/'}, ['ex'])
    >>> check_query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    sockg.errors.QueryRefusedError: refused: FROM at line 1, column 10 would make the process fetch a URL or read a file; pass --allow-federation to allow it
    """
    if prefixes is None:
        from ..namespaces import PREFIXES as prefixes
    tokens = tokenize(text)
    code = [t for t in tokens if t.kind != "comment"]
    if not code:
        raise QueryError("the query is empty")
    declared: dict[str, str] = {}
    used: list[str] = []
    form = None
    for i, t in enumerate(code):
        if t.kind == "word":
            word = t.upper
            if word in UPDATE_KEYWORDS:
                raise QueryRefusedError(f"refused: {word} at {_where(t)} is an update; sockg queries are read-only")
            if word in FEDERATION_KEYWORDS and not allow_federation:
                raise QueryRefusedError(f"refused: {word} at {_where(t)} would make the process fetch a URL or read "
                                        f"a file; {federation_hint}")
            if form is None and word in QUERY_FORMS:
                form = QUERY_FORMS[word]
            elif word == "PREFIX" and i + 2 < len(code) and code[i + 1].kind == "pname" \
                    and code[i + 1].text.endswith(":") and code[i + 2].kind == "iri":
                declared[code[i + 1].text[:-1]] = code[i + 2].text[1:-1]
        elif t.kind in ("string", "iri") and "\\" in t.text:
            _check_escapes(t)
        elif t.kind == "pname":
            prefix = t.text.split(":", 1)[0]
            if prefix.upper() in UPDATE_KEYWORDS | FEDERATION_KEYWORDS:
                raise QueryRefusedError(f"refused: the prefixed name {t.text!r} at {_where(t)} reads as the "
                                        f"{prefix.upper()} keyword to SPARQL engines; rename the prefix")
            if i > 0 and code[i - 1].kind == "word" and code[i - 1].upper == "PREFIX":
                continue  # the declaration itself
            if prefix not in declared and prefix not in prefixes:
                raise QueryError(f"unknown prefix '{prefix}:' at {_where(t)}; declare it with PREFIX {prefix}: <...>")
            if prefix not in used:
                used.append(prefix)
    if form is None:
        first = code[0]
        raise QueryError(f"syntax error at {_where(first)}: expected SELECT, CONSTRUCT, DESCRIBE or ASK, "
                         f"found {first.text[:30]!r}")
    return QueryInfo(text=text, form=form, tokens=tokens, declared=declared, used=used)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SYNTAX_CHARS = set("\"'<>\\{}#")


def _check_escapes(t: Token) -> None:
    """Refuse ``\\u`` escapes that stand for quotes, brackets, braces, ``#`` or control characters.

    Oxigraph decodes them inside the string, but engines that decode escapes
    before parsing (as the SPARQL specification describes) would see the
    string or IRI end there, and read what follows as query text.
    """
    for m in _ESCAPE.finditer(t.text):
        code = int(m.group(1) or m.group(2), 16)
        if code < 0x20 or chr(code) in _SYNTAX_CHARS:
            raise QueryError(f"the escape {m.group()!r} at {_where(t)} stands for a character that ends strings or "
                             "IRIs in some engines; write it another way (\\\" for a quote, \\n for a new line)")


def with_prefixes(info: QueryInfo, prefixes: dict[str, str] | None = None) -> str:
    """The query text with PREFIX lines for the predeclared prefixes it uses but does not declare.

    The declarations go on the first line, before the text, so line numbers
    in a remote server's error messages still match the user's text.

    >>> with_prefixes(check_query("ASK { ?s a skos:Concept }"))
    'PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ASK { ?s a skos:Concept }'
    """
    if prefixes is None:
        from ..namespaces import PREFIXES as prefixes
    missing = [p for p in info.used if p not in info.declared and p in prefixes]
    head = "".join(f"PREFIX {p}: <{prefixes[p]}> " for p in missing)
    return head + info.text


def where_body_offset(info: QueryInfo) -> int:
    """Offset just inside the opening brace of the query's WHERE group.

    Used to bind parameters with a leading ``VALUES`` block when a query goes
    to a remote endpoint (the local engine binds them directly).

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_body_offset(check_query(q)):]
    ' ?s ?p ?o }'
    """
    code = [t for t in info.tokens if t.kind != "comment"]
    start = next(i for i, t in enumerate(code) if t.kind == "word" and t.upper in QUERY_FORMS)
    i = start + 1
    if info.form == "construct" and i < len(code) and code[i].text == "{":
        depth = 0
        for j in range(i, len(code)):          # skip the template
            depth += {"{": 1, "}": -1}.get(code[j].text, 0) if code[j].kind == "punct" else 0
            if depth == 0:
                i = j + 1
                break
    elif info.form == "construct":
        raise QueryError("parameters cannot be bound in the short form CONSTRUCT WHERE { ... }")
    parens = 0
    for t in code[i:]:
        if t.kind != "punct":
            continue
        if t.text == "(":
            parens += 1
        elif t.text == ")":
            parens -= 1
        elif t.text == "{" and parens == 0:
            return t.offset + 1
    raise QueryError("the query has no WHERE { ... } group to bind parameters in")
