"""sockg: an evidence-linked knowledge graph of UK crime strategies.

Start from :func:`load`, which builds the graph when needed and returns a
:class:`~sockg.kg.KnowledgeGraph`::

    import sockg
    kg = sockg.load()            # builds ./build from ./seeds if missing or stale
    kg.entity("NCA")["label"]    # 'National Crime Agency'
    kg.select("SELECT ...")      # rows as dicts, from the prebuilt Oxigraph store
    kg.query(name="strand-partners", params={"strand": "Prevent"})  # checked, named queries
    kg.graph                     # the rdflib Graph

Heavy libraries are imported only when used, so ``import sockg`` is cheap.
"""

from __future__ import annotations

from ._version import __version__
__all__ = ["__version__", "load", "KnowledgeGraph"]


def load(build_dir="build", seeds=None, *, rebuild: str = "auto"):
    """Return the knowledge graph in ``build_dir``, building it first if needed.

    ``rebuild`` is ``"auto"`` (build when missing or older than its sources),
    ``"always"`` or ``"never"``.
    """
    from .kg import load as _load

    return _load(build_dir, seeds, rebuild=rebuild)


def __getattr__(name):
    if name == "KnowledgeGraph":
        from .kg import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(name)
