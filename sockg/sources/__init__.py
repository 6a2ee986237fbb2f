"""Seed documents: decoding, structure with offsets, metadata sidecars."""

from .reader import Block, Document, Footnote, Section, find_quote, parse_text, read_document

__all__ = ["Block", "Document", "Footnote", "Section", "find_quote", "parse_text", "read_document"]
