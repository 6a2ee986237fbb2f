"""Graph analysis over the knowledge graph with networkx.

Start from :func:`to_networkx`, which turns the RDF graph into a typed
``MultiDiGraph`` whose relations keep their evidence; every analysis takes
that graph first and returns plain data (dicts and lists)::

    import sockg
    from sockg import analysis
    G = analysis.to_networkx(sockg.load())
    analysis.centrality(G, "organisation-strand", top=5)
    analysis.shortest_path(G, "DfE", "Child sexual exploitation and abuse")

Topic modules:

- :mod:`~sockg.analysis.convert`: RDF to networkx;
- :mod:`~sockg.analysis.projections`: relations, organisation-objective, organisation-strand,
  organisation-threat, strategy-strategy and co-mention graphs;
- :mod:`~sockg.analysis.centrality`, :mod:`~sockg.analysis.communities`,
  :mod:`~sockg.analysis.paths`, :mod:`~sockg.analysis.coverage`, :mod:`~sockg.analysis.overlap`,
  :mod:`~sockg.analysis.gaps`, :mod:`~sockg.analysis.bridges`;
- :mod:`~sockg.analysis.plots`: matplotlib figures of the results.

networkx is imported only when a function needs it.

Imports from sockg: errors, namespaces, terms, names, evidence.
"""

from .bridges import articulation_points, bridges
from .centrality import centrality, pagerank
from .common import find_node
from .communities import communities, community_of
from .convert import curie, to_networkx
from .coverage import MATRICES, coverage
from .gaps import CHECKS, gaps
from .overlap import FACETS, jaccard, overlap, strategy_sets
from .paths import shortest_path
from .projections import PROJECTIONS, project

__all__ = [
    "to_networkx", "curie", "project", "PROJECTIONS", "centrality", "pagerank", "communities", "community_of",
    "shortest_path", "find_node", "coverage", "MATRICES", "overlap", "strategy_sets", "jaccard", "FACETS",
    "gaps", "CHECKS", "articulation_points", "bridges", "ANALYSES",
]

#: The analyses the command line offers (``sockg analyze NAME``).
ANALYSES = ("centrality", "communities", "coverage", "overlap", "gaps", "bridges", "path")
