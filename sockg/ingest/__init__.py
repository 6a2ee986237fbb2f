"""Ingest new documents: mentions of known entities, references, figures and candidates.

The pipeline for one document (each step a module with a small API):

* :mod:`~sockg.ingest.fold`: fold the text for matching, keeping a map back to exact offsets;
* :mod:`~sockg.ingest.gazetteer`: the graph's names compiled into one Aho-Corasick automaton;
* :mod:`~sockg.ingest.mentions`: one automaton pass, each hit judged by casing and context;
* :mod:`~sockg.ingest.references`: named strategies and documents, linked or proposed;
* :mod:`~sockg.ingest.figures`: money, percentages and counts as numbers with units;
* :mod:`~sockg.ingest.report`: the JSON report of one document;
* :mod:`~sockg.ingest.rdf`: a report as evidenced, extracted claims (used by ``sockg build``);
* :mod:`~sockg.ingest.compare`: two documents side by side.

Ingest is given the names to look for as data (a :class:`Gazetteer`) and imports neither the build
nor the built graph.

Imports from sockg: errors, namespaces, terms, text, sources, evidence.
"""

from .compare import compare, compare_reports
from .gazetteer import Gazetteer
from .report import Report, ingest_document, ingest_path

__all__ = ["Gazetteer", "Report", "ingest_document", "ingest_path", "compare", "compare_reports"]
