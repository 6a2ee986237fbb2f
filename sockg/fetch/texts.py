"""The text of a fetched document: a GOV.UK Content API item, or a PDF with its pages.

Both become Markdown-like text that :func:`sockg.sources.parse_text` reads
into sections and blocks with offsets, like a seed:

* a Content API item (``/api/content/PATH``): its title as a ``#`` heading,
  its summary, the page's metadata (first published, last updated, the
  organisations it is from), then ``details.body`` (and, for a publication,
  the list of its documents; for a collection, its groups) reduced from HTML
  by :func:`sockg.sources.html.html_to_text`. Its ``GOV.UK page`` is this
  whole text;
* a PDF: the text of each page (pypdf), pages separated by a blank line, with
  each page's range kept as ``pages``: its index, its label when the PDF
  defines page labels, and the number printed on it when its first or last
  line is one (a page locator such as ``p. 43`` means the printed number).

Content that is not a publication, malformed JSON, and a PDF with no text
layer are :class:`~sockg.errors.FetchError` naming the document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..errors import FetchError
from ..sources.html import html_to_text

__all__ = ["FetchedText", "content_api_text", "pdf_text", "CONTENT_SCHEMAS"]

#: Content API schemas sockg reads (``schema_name``).
CONTENT_SCHEMAS = ("publication", "html_publication", "document_collection", "news_article", "speech",
                   "detailed_guide")
_FOLIO = re.compile(r"^\s*(?:page\s+)?([0-9]{1,4}|[ivxlcdm]{1,7})\s*$", re.IGNORECASE)


@dataclass
class FetchedText:
    """The text of one fetched document, its kind (``content-api`` or ``pdf``) and, for a PDF, its pages:
    ``{"index": 1, "label": "i", "printed": "3", "start": 0, "end": 1200}``."""

    text: str
    kind: str
    title: str | None = None
    pages: list[dict] = field(default_factory=list)
    schema: str | None = None


def _date(value) -> str | None:
    return str(value)[:10] if value else None


def content_api_text(raw: bytes, label: str) -> FetchedText:
    """The text of a Content API item (the JSON's bytes)."""
    try:
        item = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FetchError(f"{label}: the Content API answer is not JSON ({exc})") from None
    if not isinstance(item, dict) or not isinstance(item.get("details"), dict):
        raise FetchError(f"{label}: the Content API answer is not a content item")
    schema = item.get("schema_name")
    if schema not in CONTENT_SCHEMAS:
        raise FetchError(f"{label}: not a publication content item (schema {schema!r}; sockg reads "
                         f"{', '.join(CONTENT_SCHEMAS)})")
    title = str(item.get("title") or "").strip()
    details = item["details"]
    parts = [f"# {title}" if title else "# (untitled)"]
    if item.get("description"):
        parts.append(" ".join(str(item["description"]).split()))
    meta = []
    if _date(item.get("first_published_at")):
        meta.append(f"Published {_date(item['first_published_at'])}")
    if _date(item.get("public_updated_at")):
        meta.append(f"Last updated {_date(item['public_updated_at'])}")
    links = item.get("links") if isinstance(item.get("links"), dict) else {}
    orgs = [o.get("title") for o in links.get("organisations", []) if isinstance(o, dict) and o.get("title")]
    if orgs:
        meta.append("From: " + ", ".join(orgs))
    if meta:
        parts.append("\n\n".join(meta))
    body = details.get("body")
    if isinstance(body, list):   # multi-part bodies: [{"content_type": "text/html", "content": ...}]
        body = next((b.get("content") for b in body if isinstance(b, dict) and b.get("content_type") == "text/html"),
                    None)
    if isinstance(body, str) and body.strip():
        if schema == "publication":
            parts.append("## Details")
        parts.append(html_to_text(body)[0].strip())
    docs = details.get("documents")
    if isinstance(docs, list) and docs:
        parts.append("## Documents")
        parts += [html_to_text(d)[0].strip() for d in docs if isinstance(d, str) and d.strip()]
    groups = details.get("collection_groups")
    if isinstance(groups, list):
        titles = {d.get("content_id"): d.get("title") for d in links.get("documents", []) if isinstance(d, dict)}
        for g in groups:
            if not isinstance(g, dict):
                continue
            parts.append(f"## {g.get('title') or 'Documents'}")
            if isinstance(g.get("body"), str) and g["body"].strip():
                parts.append(html_to_text(g["body"])[0].strip())
            parts += [f"- {titles[c]}" for c in (g.get("documents") or []) if titles.get(c)]
    text = "\n\n".join(p for p in parts if p) + "\n"
    return FetchedText(text, "content-api", title or None, schema=schema)


def pdf_text(raw: bytes, label: str) -> FetchedText:
    """The text of a PDF, page by page (see the module documentation)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        labels = list(reader.page_labels) if reader.page_labels else []
        texts = [(page.extract_text() or "") for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise FetchError(f"{label}: not a readable PDF ({exc})") from None
    if not any(t.strip() for t in texts):
        raise FetchError(f"{label}: the PDF has no text layer ({len(texts)} page(s) of images only?)")
    out, pages, pos = [], [], 0
    for i, t in enumerate(texts):
        t = t.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        lines = [x for x in t.split("\n") if x.strip()]
        printed = None
        for candidate in (lines[-1:] + lines[:1]) if lines else []:   # a folio is usually in the footer
            m = _FOLIO.match(candidate)
            if m and (m.group(1).isdigit() or labels):   # roman numerals only where the PDF labels its pages
                printed = m.group(1)
                break
        start = pos
        out.append(t)
        pos += len(t)
        pages.append({"index": i + 1, "label": labels[i] if i < len(labels) else str(i + 1), "printed": printed,
                      "start": start, "end": pos})
        out.append("\n\n")
        pos += 2
    return FetchedText("".join(out), "pdf", str(title) if title else None, pages)
