"""Seed documents: decoding, structure with offsets, metadata sidecars, and the seeds of a folder.

* :mod:`~sockg.sources.decode`: bytes to text (UTF-8, Windows-1252, detection);
* :mod:`~sockg.sources.html`: the text of an HTML page;
* :mod:`~sockg.sources.reader`: a document as sections and blocks with exact offsets;
* :mod:`~sockg.sources.sidecar`: the ``NAME.meta.toml`` beside a seed;
* :mod:`~sockg.sources.seed`: a seed on disk (document, sidecar, SHA-256) and a folder's seeds.

Imports from sockg: errors, text.
"""

from .reader import Block, Document, Footnote, Section, find_quote, parse_text, read_document

__all__ = ["Block", "Document", "Footnote", "Section", "find_quote", "parse_text", "read_document"]
