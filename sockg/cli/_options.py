"""Options the commands share, as ``Annotated`` aliases, and the fixed choices as Enums (``--help`` lists them).

The names of analyses, projections, matrices, facets and checks are written
here rather than imported from :mod:`sockg.analysis`, so that ``sockg --help``
does not load networkx; a test checks that they match the library's registries.
"""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import output_file

__all__ = ["choices", "BuildDir", "OutputFile", "Top", "TableOrJson", "TextOrJson", "Tabular", "QueryFormat",
           "ExportFormat", "IngestFormat", "Projection", "Matrix", "Facet", "GapCheck", "Measure", "CommunityMethod",
           "AuthScheme", "ANALYSES", "PROJECTION_NAMES", "MATRIX_NAMES", "FACET_NAMES", "CHECK_NAMES", "MEASURE_NAMES",
           "RESULT_FORMAT_NAMES", "GRAPH_FORMAT_NAMES", "EXPORT_FORMAT_NAMES"]

ANALYSES = ("centrality", "communities", "coverage", "overlap", "gaps", "bridges", "path")
PROJECTION_NAMES = ("relations", "organisation-objective", "organisation-strand", "organisation-threat",
                    "strategy-strategy", "co-mention")
MATRIX_NAMES = ("threat-strand", "threat-objective", "organisation-strand", "organisation-objective",
                "organisation-threat", "threat-strategy")
FACET_NAMES = ("threats", "organisations", "strands", "all")
CHECK_NAMES = ("threat-without-lead", "objective-without-power-or-programme", "organisation-without-role",
               "figure-without-year", "strand-without-organisation", "objective-without-organisation",
               "relation-without-evidence")
MEASURE_NAMES = ("degree", "betweenness", "pagerank")
RESULT_FORMAT_NAMES = ("table", "json", "xml", "csv", "tsv")
GRAPH_FORMAT_NAMES = ("ttl", "nt", "jsonld", "rdfxml")
EXPORT_FORMAT_NAMES = ("ttl", "nt", "jsonld", "graphml", "gexf")


def choices(name: str, values) -> type[Enum]:
    """An Enum of string ``values`` (typer shows them in ``--help`` and refuses others)."""
    return Enum(name, [(v, v) for v in values], type=str)


TableOrJson = choices("TableOrJson", ("table", "json"))
TextOrJson = choices("TextOrJson", ("text", "json"))
Tabular = choices("Tabular", ("table", "json", "csv"))
QueryFormat = choices("QueryFormat", RESULT_FORMAT_NAMES + GRAPH_FORMAT_NAMES)
ExportFormat = choices("ExportFormat", EXPORT_FORMAT_NAMES)
IngestFormat = choices("IngestFormat", ("json", "ttl", "nt"))
Projection = choices("Projection", PROJECTION_NAMES)
Matrix = choices("Matrix", MATRIX_NAMES)
Facet = choices("Facet", FACET_NAMES)
GapCheck = choices("GapCheck", CHECK_NAMES)
Measure = choices("Measure", MEASURE_NAMES)
AuthScheme = choices("AuthScheme", ("basic", "digest"))
CommunityMethod = choices("CommunityMethod", ("louvain", "greedy"))

#: The folder of the built graph.
BuildDir = Annotated[Path, typer.Option("--build-dir", "-b", help="Folder of the built graph.")]
#: A file to write instead of stdout, checked before any work is done.
OutputFile = Annotated[Optional[Path], typer.Option(
    "--output", "-o", callback=output_file, help="Write to this file (default: stdout), replaced whole.")]
#: How many rows to show.
Top = Annotated[int, typer.Option("--top", "-n", min=0, help="Show the first N rows (0: all).")]
