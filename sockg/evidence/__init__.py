"""The evidence model, in one place: what claims and evidence records are, how they are written, how they are read.

* :mod:`~sockg.evidence.model`: the vocabulary (predicates, classes) and the kinds of
  evidence: ``quoted``, ``extracted`` and ``cited``;
* :mod:`~sockg.evidence.write`: :class:`GraphWriter` mints IRIs and writes source
  documents, evidence records and claims into an rdflib graph (used by the build and by ingest);
* :mod:`~sockg.evidence.read`: :class:`ClaimReader` reads claims and their evidence back
  from an Oxigraph store (used by ``sockg entity``, the site, the networkx conversion and validation).

Imports from sockg: errors, namespaces, terms.
"""

from .model import CITED, EXTRACTED, KINDS, QUOTED
from .read import ClaimReader, ClaimRecord, EvidenceRecord, unclaimed_statements

__all__ = ["KINDS", "QUOTED", "CITED", "EXTRACTED", "ClaimReader", "ClaimRecord", "EvidenceRecord",
           "unclaimed_statements", "GraphWriter"]


def __getattr__(name):
    if name == "GraphWriter":  # rdflib is loaded only by those who write
        from .write import GraphWriter

        return GraphWriter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
