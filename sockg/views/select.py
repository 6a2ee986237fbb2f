"""What a view draws: the source graph and the part of it a person asked for.

:func:`load_source` turns whatever the caller has (a built
:class:`~sockg.kg.KnowledgeGraph`, an RDF file, an rdflib graph, an Oxigraph
store or a networkx graph already converted) into a :class:`Source`: the
networkx graph of :func:`sockg.analysis.convert.to_networkx` plus what the
view's footer says about it (where it came from, when it was built) and the
names of its classes. :func:`select` then cuts out a focus neighbourhood, one
strategy and what it touches, or some classes.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, label, cls in [("ex:a", "Alpha", "ex:T"), ("ex:b", "Beta", "ex:T"), ("ex:c", "Gamma", "ex:U")]:
...     G.add_node(n, iri=n, label=label, cls=cls, types=[cls], alt_labels=["A"] if n == "ex:a" else [])
>>> G.add_edge("ex:a", "ex:b", key="ex:p"); G.add_edge("ex:b", "ex:c", key="ex:p")
'ex:p'
'ex:p'
>>> sel = select(Source(G, "example"), focus="a", depth=1)
>>> sorted(G.nodes[n]["label"] for n in sel.graph), sel.focus
(['Alpha', 'Beta'], 'ex:a')
>>> only_u = select(Source(G, "example"), types=["U"]).graph
>>> sorted(only_u.nodes[n]["label"] for n in only_u)
['Gamma']
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..analysis.common import find_node
from ..errors import EntityNotFoundError, ViewError
from ..terms import expand, local_name, to_store
from ..text import normalise_name
from .style import class_title

__all__ = ["Source", "Selection", "load_source", "select", "landscape_nodes", "find_node", "match_classes",
           "read_rdf_file"]

STRATEGY_CLASS = "sockg:Strategy"
_LABEL_IRIS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label")
_DEFINITION_IRIS = ("http://www.w3.org/2004/02/skos/core#definition", "http://www.w3.org/2000/01/rdf-schema#comment")


@dataclass
class Source:
    """A graph to draw, with what a reader should know about where it came from.

    ``classes`` maps a class's prefixed name to ``{"title": ..., "definition": ...}``
    (filled in by :func:`load_source`; empty means "derive from the name").
    """

    graph: object
    name: str
    built: str | None = None
    classes: dict[str, dict] = field(default_factory=dict)
    short: str = "sockg"


@dataclass
class Selection:
    """The part of a :class:`Source` a view draws."""

    graph: object
    focus: str | None
    filters: list[str]
    title: str


# ----------------------------------------------------------------------------- sources
def read_rdf_file(path: str | Path):
    """Parse an RDF file into an in-memory :class:`pyoxigraph.Store`, fetching nothing.

    Every format (Turtle, N-Triples, N-Quads, TriG, RDF/XML, N3, JSON-LD) is
    parsed by Oxigraph through :func:`sockg.terms.read_store`: a JSON-LD
    ``@context`` given by IRI is refused, never fetched (rdflib's parser would
    make the request, or read a local file for ``file:``). Raises
    :class:`~sockg.errors.ViewError` naming the file when it is missing, a
    folder, not RDF by its name, or not parseable.
    """
    from ..errors import SourceError
    from ..terms import read_store

    path = Path(path)
    try:
        return read_store(path)
    except SourceError as exc:
        message = exc.message
        if path.suffix.lower() in (".jsonld", ".json") and ("LoadDocumentCallback" in message
                                                            or "remote context" in message.lower()):
            message = ("its @context is given by IRI, which sockg does not fetch; "
                       "put the context inline in the file (or convert it to Turtle)")
        raise ViewError(message, path=path) from None


def _literal_for(store, iri: str, predicates) -> str | None:
    import pyoxigraph as ox

    for p in predicates:
        best = None
        for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(p), None, None):
            if isinstance(q.object, ox.Literal):
                lang = q.object.language
                if lang in (None, "en") or best is None:
                    best = q.object.value
                if lang == "en":
                    break
        if best:
            return best
    return None


@lru_cache(maxsize=1)
def _bundled_ontology():
    import pyoxigraph as ox

    from ..resources import ontology_dir
    from ..terms import read_store

    store = ox.Store()
    for name in ("sockg.ttl", "schemes.ttl"):
        path = ontology_dir() / name
        if path.is_file():
            read_store(path, into=store)
    return store


def _class_info(graph, stores) -> dict[str, dict]:
    """Title and definition for every class the graph's nodes use (its own terms first)."""
    out: dict[str, dict] = {}
    classes = {graph.nodes[n].get("cls", "rdfs:Resource") for n in graph}
    for cls in sorted(classes):
        iri = expand(cls)
        label = definition = None
        for st in stores:
            label = label or _literal_for(st, iri, ("http://www.w3.org/2000/01/rdf-schema#label",
                                                    "http://www.w3.org/2004/02/skos/core#prefLabel"))
            definition = definition or _literal_for(st, iri, _DEFINITION_IRIS)
        out[cls] = {"title": class_title(cls, label), "definition": definition}
    return out


def _built_at(build_dir: Path) -> str | None:
    try:
        return json.loads((build_dir / "manifest.json").read_text(encoding="utf-8")).get("built_at")
    except (OSError, ValueError):
        return None


def load_source(source=None, *, build_dir: str | Path = "build") -> Source:
    """A :class:`Source` from a KnowledgeGraph, an RDF file path, an rdflib graph, a store or a networkx graph.

    ``None`` means the built graph in ``build_dir`` (which must exist: see
    :func:`sockg.load` to build it). Raises :class:`~sockg.errors.ViewError`
    for an unreadable file or a graph with nothing to draw.
    """
    import networkx as nx
    import pyoxigraph as ox

    from ..analysis.convert import to_networkx
    from ..kg import KnowledgeGraph

    if isinstance(source, Source):
        return source
    if source is None:
        source = KnowledgeGraph(build_dir)
    built, short = None, "sockg"
    if isinstance(source, (nx.MultiDiGraph, nx.DiGraph, nx.Graph)):
        G = source if isinstance(source, nx.MultiDiGraph) else nx.MultiDiGraph(source)
        src = Source(G, "a networkx graph")
        src.classes = _class_info(G, [_bundled_ontology()])
        return _checked(src)
    if isinstance(source, KnowledgeGraph):
        store, name, built = source.store, str(source.ttl_path), _built_at(source.build_dir)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir() and (path / "sockg.ttl").is_file():
            kg = KnowledgeGraph(path)
            store, name, built = kg.store, str(kg.ttl_path), _built_at(path)
        elif path.is_dir():
            raise ViewError("is a folder with no built graph (sockg.ttl) in it; give an RDF file or a build folder",
                            path=path)
        else:
            store, name, short = read_rdf_file(path), str(path), path.name
            built = _dt.datetime.fromtimestamp(path.stat().st_mtime, _dt.timezone.utc).isoformat(timespec="seconds")
            built = f"{built} (file modified)"
    elif isinstance(source, ox.Store):
        store, name = source, "an Oxigraph store"
    elif hasattr(source, "serialize") and hasattr(source, "triples"):
        store, name = to_store(source), "an rdflib graph"
    else:
        raise ViewError(f"cannot draw a {type(source).__name__}: give a KnowledgeGraph, an RDF file, "
                        "an rdflib Graph, a pyoxigraph Store or a networkx graph")
    G = to_networkx(store)
    src = Source(G, name, built, short=short)
    src.classes = _class_info(G, [store, _bundled_ontology()])
    return _checked(src)


def _checked(src: Source) -> Source:
    if src.graph.number_of_nodes() == 0:
        raise ViewError(f"{src.name}: no entities to draw (no labelled or typed resources)")
    return src


# ----------------------------------------------------------------------------- finding things
def match_classes(G, wanted, classes: dict[str, dict] | None = None) -> set[str]:
    """The class names (prefixed) in ``G`` that the strings in ``wanted`` refer to.

    A class can be named by its prefixed name (``sockg:Agency``), its local name
    (``Agency``, any case), its full IRI or its title (``government department``).
    Raises :class:`~sockg.errors.ViewError` naming the classes that exist.
    """
    present: set[str] = set()
    for n in G:
        present.update(G.nodes[n].get("types") or [])
        present.add(G.nodes[n].get("cls", "rdfs:Resource"))
    keys: dict[str, str] = {}
    for cls in sorted(present):
        local = local_name(cls)
        title = (classes or {}).get(cls, {}).get("title") or class_title(cls)
        for k in (cls, expand(cls), local, title):
            keys.setdefault(normalise_name(k), cls)
    out: set[str] = set()
    for w in wanted:
        w = str(w).strip()
        if not w:
            continue
        hit = keys.get(normalise_name(w)) or keys.get(normalise_name(w.strip("<>")))
        if hit is None:
            shown = sorted({G.nodes[n].get("cls", "rdfs:Resource") for n in G})
            raise ViewError(f"no class {w!r} in this graph; classes with nodes: {', '.join(shown)}")
        out.add(hit)
    return out


# ----------------------------------------------------------------------------- selecting
_THREAT_CLASSES = ("sockg:ThreatCategory", "sockg:CrimeType")
_BODY_CLASSES = ("org:Organization", "org:Post")


def landscape_nodes(G) -> set:
    """The strategies of ``G``, the threats at least two of them address (a strategy that addresses a
    narrower concept, through ``skos:broader``, counts for the broader one; top concepts are left out), the
    narrower concepts that lead there, and the bodies directly related to at least two strategies (as
    publisher, lead, implementer, ... in either direction)."""
    def typed(n, classes):
        return bool(set(G.nodes[n].get("types") or ()) & set(classes))

    strategies = {n for n in G if STRATEGY_CLASS in (G.nodes[n].get("types") or ())}
    broader = {}
    tops = set()
    for u, v, k in G.edges(keys=True):
        if k == "skos:broader":
            broader.setdefault(u, set()).add(v)
        elif k == "skos:topConceptOf":
            tops.add(u)

    def upwards(c):
        seen, todo = {c}, [c]
        while todo:
            for b in broader.get(todo.pop(), ()):
                if b not in seen:
                    seen.add(b)
                    todo.append(b)
        return seen

    by_threat: dict[str, set] = {}
    addressed: dict[str, set] = {}
    for u, v, k in G.edges(keys=True):
        if k == "sockg:addresses" and u in strategies and typed(v, _THREAT_CLASSES):
            addressed.setdefault(v, set()).add(u)
            for c in upwards(v):
                by_threat.setdefault(c, set()).add(u)
    shared = {c for c, ss in by_threat.items() if len(ss) > 1 and c not in tops and c in addressed}
    threats = set(shared) | {c for c in addressed if upwards(c) & shared}
    bodies = set()
    for n in G:
        if typed(n, _BODY_CLASSES) and n not in strategies:
            near = {m for m in nx_neighbours(G, n) if m in strategies}
            if len(near) > 1:
                bodies.add(n)
    return strategies | threats | bodies


def nx_neighbours(G, n) -> set:
    """Nodes related to ``n`` in either direction."""
    return set(G.successors(n)) | set(G.predecessors(n))


def select(source: Source, *, focus: str | None = None, depth: int = 1, types=None,
           strategy: str | None = None, landscape: bool = False) -> Selection:
    """Cut out the part of ``source`` to draw.

    Parameters
    ----------
    source : Source
    focus : str, optional
        An entity (label, acronym or IRI): draw it and its neighbours up to ``depth`` steps away,
        following relations in either direction.
    depth : int
        Steps from the focus (or the strategy), 0 or more.
    types : iterable of str, optional
        Only nodes of these classes (the focus or strategy itself is always kept).
    strategy : str, optional
        A strategy: draw it and what it touches (its neighbours up to ``depth``).
    landscape : bool
        The strategy landscape: every strategy, the threats they share and the bodies that act under
        several of them (see :func:`landscape_nodes`).

    Returns
    -------
    Selection
    """
    import networkx as nx

    G = source.graph
    if sum(bool(x) for x in (focus, strategy, landscape)) > 1:
        raise ViewError("give one of --focus, --strategy and --landscape")
    if depth < 0:
        raise ViewError(f"depth must be 0 or more, not {depth}")
    filters: list[str] = []
    centre = None
    title = "The whole graph" + ("" if source.short == "sockg" else f" of {source.short}")
    if strategy:
        strategies = [n for n in G if STRATEGY_CLASS in (G.nodes[n].get("types") or [])]
        if not strategies:
            raise ViewError("this graph has no strategies (nodes of class sockg:Strategy)")
        try:
            centre = find_node(G, strategy, strategies)
        except EntityNotFoundError:
            try:
                other = find_node(G, strategy)
            except EntityNotFoundError:
                other = None
            names = ", ".join(sorted(G.nodes[n]["label"] for n in strategies))
            if other is not None:
                raise ViewError(f"{G.nodes[other]['label']!r} is a {G.nodes[other].get('cls')}, not a strategy; "
                                f"strategies: {names}") from None
            raise ViewError(f"no strategy matches {strategy!r}; strategies: {names}") from None
        label = G.nodes[centre]["label"]
        filters.append(f"strategy: {label} and what it touches" + (f" (depth {depth})" if depth != 1 else ""))
        title = f"{label}: what it touches"
    elif focus:
        centre = find_node(G, focus)
        label = G.nodes[centre]["label"]
        filters.append(f"focus: {label}, depth {depth}")
        title = f"{label} and its neighbourhood"
    if centre is not None:
        G = nx.ego_graph(G, centre, radius=depth, undirected=True)
    elif landscape:
        keep = landscape_nodes(G)
        if not any(STRATEGY_CLASS in (G.nodes[n].get("types") or ()) for n in keep):
            raise ViewError("this graph has no strategies (nodes of class sockg:Strategy)")
        G = G.subgraph(keep).copy()
        filters.append("strategy landscape: strategies, the threats they share, the bodies under several")
        title = "Strategy landscape: strategies, their shared threats and shared bodies"
    if types:
        wanted = match_classes(G if centre is None else source.graph, types, source.classes)
        keep = [n for n in G if n == centre or wanted & set(G.nodes[n].get("types") or [G.nodes[n].get("cls")])]
        G = G.subgraph(keep).copy()
        names = ", ".join(source.classes.get(c, {}).get("title") or class_title(c) for c in sorted(wanted))
        filters.append(f"classes: {names}")
        title += f" ({names})" if len(title) + len(names) < 110 else ""
    if G.number_of_nodes() == 0:
        raise ViewError("nothing left to draw: no node of the asked classes" + (" near the focus" if centre else ""))
    return Selection(G, centre, filters, title)
