"""Entity names: one way to turn a name (label, acronym, variant, IRI or slug) into the IRI it stands for.

A :class:`NameIndex` is built from ``(iri, label, kind)`` rows, where ``kind``
says which property gave the label: ``"pref"`` (``skos:prefLabel``), ``"alt"``
(``skos:altLabel``) or ``"label"`` (``rdfs:label``). :meth:`NameIndex.resolve`
tries, in order:

1. the name as an IRI the index knows;
2. the name as a label, folded by :func:`normalise_name` (case, curly quotes,
   white space, a leading "the"), a preferred label winning over an
   alternative one and an alternative one over an ``rdfs:label``; among equals,
   the smallest IRI;
3. the name as a slug, the last segment of an IRI (after ``/`` or ``#``), in any case.

When nothing matches it raises :class:`~sockg.errors.EntityNotFoundError`
whose suggestions are entities' display labels (preferred label, else
``rdfs:label``, else an alternative label), never folded keys.

This module imports nothing heavy: the query path and the server workers use
it without loading rdflib.

Examples
--------
>>> index = NameIndex([("http://x/org/nca", "National Crime Agency", "pref"),
...                    ("http://x/org/nca", "NCA", "alt"),
...                    ("http://x/org/ho", "Home Office", "pref")])
>>> index.resolve("the NCA"), index.resolve("  national crime  AGENCY "), index.resolve("ho")
('http://x/org/nca', 'http://x/org/nca', 'http://x/org/ho')
>>> index.resolve("Home Ofice")
Traceback (most recent call last):
...
sockg.errors.EntityNotFoundError: no entity matches 'Home Ofice' (did you mean: Home Office?)
"""

from __future__ import annotations

import difflib
from typing import Iterable

from .errors import EntityNotFoundError
from .terms import iri_tail
from .text import fold_words, normalise_name

__all__ = ["normalise_name", "NameIndex", "LABEL_PROPERTIES"]

#: The property behind each kind of label.
LABEL_PROPERTIES = {
    "pref": "http://www.w3.org/2004/02/skos/core#prefLabel",
    "alt": "http://www.w3.org/2004/02/skos/core#altLabel",
    "label": "http://www.w3.org/2000/01/rdf-schema#label",
}
# Classes and properties: their rdfs:labels name vocabulary, not entities.
_VOCABULARY = " ".join(f"<{iri}>" for iri in (
    "http://www.w3.org/2000/01/rdf-schema#Class", "http://www.w3.org/2002/07/owl#Class",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property", "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#DatatypeProperty", "http://www.w3.org/2002/07/owl#AnnotationProperty",
    "http://www.w3.org/2002/07/owl#Ontology"))
# Which label a name resolves to first when two entities share it ...
_MATCH_RANK = {"pref": 0, "alt": 1, "label": 2}
# ... and which label an entity is shown by.
_DISPLAY_RANK = {"pref": 0, "label": 1, "alt": 2}


class NameIndex:
    """Names of entities, looked up the way ``sockg entity NAME`` and named-query parameters look them up.

    ``rows`` are ``(iri, label, kind)`` with ``kind`` one of ``"pref"``,
    ``"alt"`` and ``"label"`` (see the module documentation).
    """

    def __init__(self, rows: Iterable[tuple[str, str, str]]):
        self._keys: dict[str, list[tuple[int, str]]] = {}      # folded label -> [(rank, iri)], best first
        self._shown: dict[str, tuple[int, str]] = {}            # iri -> (rank, label it is shown by)
        self._names: dict[str, set[str]] = {}                   # iri -> every label it has
        for iri, label, kind in rows:
            self._names.setdefault(iri, set()).add(label)
            if kind not in _MATCH_RANK:
                raise ValueError(f"unknown label kind {kind!r}; use one of: {', '.join(_MATCH_RANK)}")
            key = normalise_name(label)
            if key:
                self._keys.setdefault(key, []).append((_MATCH_RANK[kind], iri))
            rank = _DISPLAY_RANK[kind]
            if iri not in self._shown or rank < self._shown[iri][0]:
                self._shown[iri] = (rank, label)
        for hits in self._keys.values():
            hits.sort()
        self._tails: dict[str, list[str]] = {}
        for iri in sorted(self._shown, key=lambda i: (self._shown[i][0], i)):
            self._tails.setdefault(iri_tail(iri).casefold(), []).append(iri)

    @classmethod
    def from_store(cls, store, kinds: Iterable[str] = ("pref", "alt", "label")) -> "NameIndex":
        """The index of a pyoxigraph store: the labels of the given ``kinds`` on every IRI.

        A sockg build names its entities with ``pref`` and ``alt`` labels;
        ``label`` adds the ``rdfs:label`` names other stores use, ranked last,
        except those of classes, properties and ontologies (the vocabulary is
        not what a name parameter means).
        """
        kinds = list(dict.fromkeys(kinds))
        unknown = [k for k in kinds if k not in LABEL_PROPERTIES]
        if unknown or not kinds:
            raise ValueError(f"kinds must be some of: {', '.join(LABEL_PROPERTIES)}")

        def part(kind: str) -> str:
            pattern = f'?s <{LABEL_PROPERTIES[kind]}> ?l BIND("{kind}" AS ?kind)'
            if kind == "label":
                pattern += f" FILTER NOT EXISTS {{ ?s a ?vocabulary VALUES ?vocabulary {{ {_VOCABULARY} }} }}"
            return f"{{ {pattern} }}"

        text = f"SELECT ?s ?l ?kind WHERE {{ {' UNION '.join(part(k) for k in kinds)} " \
               "FILTER(isIRI(?s) && isLiteral(?l)) }"
        return cls((sol["s"].value, sol["l"].value, sol["kind"].value) for sol in store.query(text))

    @classmethod
    def from_networkx(cls, G, nodes=None) -> "NameIndex":
        """The index of a networkx graph from :func:`sockg.analysis.to_networkx`: each node's ``label``
        (as a preferred label, or its IRI's last segment when it has none), ``alt_labels`` and ``notation``."""
        rows = []
        for n in (G if nodes is None else nodes):
            d = G.nodes[n]
            rows.append((n, str(d.get("label") or iri_tail(str(n))), "pref"))
            rows.extend((n, str(a), "alt") for a in d.get("alt_labels") or ())
            if d.get("notation"):  # an objective's number, ranked after every label
                rows.append((n, str(d["notation"]), "label"))
        return cls(rows)

    def __len__(self) -> int:
        return len(self._shown)

    def __contains__(self, iri: object) -> bool:
        return iri in self._shown

    def label(self, iri: str) -> str | None:
        """The label ``iri`` is shown by (preferred, else ``rdfs:label``, else alternative), if it has one."""
        got = self._shown.get(iri)
        return got[1] if got else None

    def names(self, iri: str) -> list[str]:
        """Every label ``iri`` has (preferred, alternative and ``rdfs:label``), sorted."""
        return sorted(self._names.get(iri, ()))

    def named_in(self, text: str, iri: str, also=()) -> str | None:
        """The label of ``iri`` (or one of the words in ``also``) that ``text`` names, word for word, or ``None``.

        Words are compared folded (:func:`sockg.text.fold_words`: case and punctuation do not count).

        >>> NameIndex([("x:ho", "Home Office", "pref")]).named_in("led by the Home-Office.", "x:ho")
        'Home Office'
        """
        folded = f" {fold_words(text)} "
        for name in sorted(self._names.get(iri, ())) + list(also):
            key = fold_words(name)
            if key and f" {key} " in folded:
                return name
        return None

    def lookup(self, name: str) -> str | None:
        """The IRI ``name`` stands for, or ``None`` (see :meth:`resolve`)."""
        name = name.strip()
        if name in self._shown:
            return name
        hits = self._keys.get(normalise_name(name))
        if hits:
            return hits[0][1]
        tails = self._tails.get(name.casefold()) if name else None
        return tails[0] if tails else None

    def resolve(self, name: str) -> str:
        """The IRI ``name`` stands for; :class:`~sockg.errors.EntityNotFoundError` with suggestions if none."""
        found = self.lookup(name)
        if found is None:
            raise EntityNotFoundError(name.strip(), self.suggest(name))
        return found

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Display labels of up to ``n`` entities whose names are close to ``name`` (closest first)."""
        key = normalise_name(name)
        choices = sorted(self._keys)
        close = difflib.get_close_matches(key, choices, n=n, cutoff=0.6)
        if len(close) < 3 and key:
            close += [c for c in choices if key in c and c not in close][: n - len(close)]
        shown: list[str] = []
        for c in close:
            label = self.label(self._keys[c][0][1])
            if label is not None and label not in shown:
                shown.append(label)
        return shown
