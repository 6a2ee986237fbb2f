"""Graph analysis over the knowledge graph with networkx.

Topic modules each take a graph first and return plain data:
:mod:`~sockg.analysis.convert` turns RDF into a typed ``MultiDiGraph``.
"""

from .convert import curie, to_networkx

__all__ = ["to_networkx", "curie"]
