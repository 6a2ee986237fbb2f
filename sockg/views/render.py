"""Render a selection as one self-contained, offline, script-safe HTML file.

The drawing is a pyvis :class:`~pyvis.network.Network` rendered through
sockg's own Jinja2 template (``templates/view.html``) instead of pyvis's:

* vis-network's script and stylesheet are read from the installed pyvis
  package at render time and inlined, so the file needs no network and no
  ``lib/`` folder (pyvis's ``"in_line"`` mode still fetches Bootstrap from a
  CDN, its ``"local"`` mode writes ``lib/`` into the current folder);
* data goes into the page only as JSON in ``<script type="application/json">``
  blocks, with ``<``, ``>`` and ``&`` written as ``\\u003c`` and friends, so
  ``</script>`` or ``<!--`` inside a label cannot end the block; the page's
  script (``static/view.js``) puts every string into the DOM as text;
* nodes carry no ``title`` (pyvis switches to an ``innerHTML`` popup when any
  title contains "href"), and pyvis's ``heading`` and menus are not used;
* a Content-Security-Policy allows only the two inline scripts, by hash.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ex:a", iri="ex:a", label="</script><script>alert(1)</script>", cls="ex:T", types=["ex:T"])
>>> G.add_node("ex:b", iri="ex:b", label="B", cls="ex:T", types=["ex:T"])
>>> _ = G.add_edge("ex:a", "ex:b", key="ex:p", predicate="ex:p", label="p")
>>> v = render_view(G)
>>> v.nodes, v.edges, "<script>alert" in v.html, "https://" in v.html.split("<script>")[0]
(2, 1, False, False)
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .._version import __version__
from ..atomic import write_text
from ..errors import ViewError
from .frame import iframe_html
from .select import Selection, Source, load_source, select
from .style import assign_styles, node_size, short_label

__all__ = ["View", "render_view", "vis_assets", "json_for_script", "TEMPLATE_DIR"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Seed of vis-network's initial placement: the same graph is laid out the same way every time.
RANDOM_SEED = 7
MAX_EVIDENCE = 5
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass
class View:
    """A rendered view: the HTML and what it shows."""

    html: str
    title: str
    nodes: int
    edges: int
    focus: str | None = None
    filters: list[str] = field(default_factory=list)
    node_ids: dict[str, int] = field(default_factory=dict, repr=False)

    def write(self, path: str | Path) -> Path:
        """Write the HTML to ``path`` (atomically); return the path."""
        return write_text(path, self.html, error=ViewError)

    def _repr_html_(self) -> str:  # shown inline by Jupyter
        return iframe_html(self.html)


def json_for_script(value) -> str:
    """JSON text that is safe inside a ``<script>`` element.

    >>> json_for_script({"a": "</script><!--"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    if isinstance(value, str):
        value = json.loads(value)
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _inline_script(text: str, what: str) -> str:
    """Script text ready to inline: newlines normalised (the CSP hash must match what the browser sees)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"<!--|</script", text, re.IGNORECASE):
        raise ViewError(f"{what} contains '<!--' or '</script' and cannot be inlined safely")
    return text


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str, str]:
    """``(version, script, stylesheet)`` of the newest vis-network that the installed pyvis ships."""
    try:
        import pyvis
    except ImportError as exc:  # pragma: no cover - pyvis is a dependency
        raise ViewError("pyvis is not installed (pip install pyvis)") from exc
    root = Path(pyvis.__file__).resolve().parent
    found = []
    for lib in (root / "templates" / "lib", root / "lib"):
        for d in lib.glob("vis-*"):
            m = re.fullmatch(r"vis-(\d+)\.(\d+)\.(\d+)", d.name)
            if m and (d / "vis-network.min.js").is_file():
                found.append((tuple(int(x) for x in m.groups()), d))
    if not found:
        raise ViewError(f"no vis-network script found in the installed pyvis ({root})")
    version, d = max(found)
    js = (d / "vis-network.min.js").read_text(encoding="utf-8")
    # the source map is not shipped; drop the pointer so no tool goes looking for it
    js = _inline_script(re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js), "vis-network.min.js")
    css_path = d / "vis-network.css"
    css = css_path.read_text(encoding="utf-8") if css_path.is_file() else ""
    if re.search(r"url\(\s*(?!['\"]?data:)", css) or "</style" in css.lower():
        raise ViewError(f"{css_path} refers to outside files and cannot be inlined")
    return ".".join(map(str, version)), js, css


@lru_cache(maxsize=1)
def _own_assets() -> tuple[str, str]:
    js = _inline_script((STATIC_DIR / "view.js").read_text(encoding="utf-8"), "view.js")
    css = (STATIC_DIR / "view.css").read_text(encoding="utf-8")
    return js, css


def _template_env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined)
    env.filters["json_script"] = lambda v: Markup(json_for_script(v))
    return env, Markup


class _NodeIds(list):
    """pyvis's list of node ids with set-speed membership.

    pyvis checks ``id in self.node_ids`` for every node and twice for every
    edge, which is quadratic: on 5,000 nodes and 17,000 edges that alone took
    most of the render time.
    """

    def __init__(self):
        super().__init__()
        self._set: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item) -> bool:
        return item in self._set


def _darker(colour: str, factor: float = 0.72) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * factor), int(g * factor), int(b * factor))


def _static_layout(G, order: list[str], seed: int) -> dict[str, tuple[float, float]]:
    """Positions for a view drawn without physics.

    Up to 400 nodes: networkx's spring layout (seeded). Larger: one cluster per
    class, its nodes on a sunflower spiral with the busiest in the middle, the
    clusters packed in rows, biggest first (linear time, and no SciPy needed).
    """
    import math

    import networkx as nx

    n = len(order)
    if n <= 400:
        pos = nx.spring_layout(nx.Graph(G.to_undirected(as_view=True)), seed=seed, iterations=150)
        scale = 120 * math.sqrt(n) + 100
        return {k: (float(x) * scale, float(y) * scale) for k, (x, y) in pos.items()}
    by_class: dict[str, list[str]] = {}
    for k in order:
        by_class.setdefault(G.nodes[k].get("cls", ""), []).append(k)
    spacing, golden = 44.0, math.pi * (3 - math.sqrt(5))
    clusters = sorted(by_class.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    radii = [spacing * math.sqrt(len(members)) + 60 for _, members in clusters]
    row_width = max(2 * max(radii), math.sqrt(sum((2 * r) ** 2 for r in radii)) * 1.2)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for (cls, members), r in zip(clusters, radii):
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + r, y + r
        for i, k in enumerate(sorted(members, key=lambda k: (-G.degree(k), k))):
            rho, theta = spacing * math.sqrt(i + 0.5), i * golden
            pos[k] = (cx + rho * math.cos(theta), cy + rho * math.sin(theta))
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return pos


def _options(n_nodes: int, n_edges: int, physics: bool) -> dict:
    # fewer, coarser steps for big graphs: a few thousand nodes settle in well under a minute
    iterations = 600 if n_nodes <= 300 else 400 if n_nodes <= 1500 else 200
    theta = 0.5 if n_nodes <= 1500 else 0.9
    big = n_nodes > 1500
    return {
        "autoResize": True,
        "layout": {"randomSeed": RANDOM_SEED, "improvedLayout": n_nodes <= 150},
        "physics": {
            "enabled": physics, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"theta": theta, "gravitationalConstant": -70, "centralGravity": 0.01, "springLength": 120,
                                 "springConstant": 0.05, "damping": 0.5, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 20, "fit": True},
            "minVelocity": 1.0, "maxVelocity": 60, "timestep": 0.5, "adaptiveTimestep": True,
        },
        "interaction": {"hover": True, "hoverConnectedEdges": False, "tooltipDelay": 150, "multiselect": False,
                        "navigationButtons": False, "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"size": 13, "face": "system-ui, sans-serif", "color": "#1b1f23",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}}, "arrowStrikethrough": False,
                  "color": {"color": "#9aa5b1", "highlight": "#34495e", "hover": "#34495e", "inherit": False},
                  "font": {"size": 10, "color": "#4a5560", "strokeWidth": 3, "strokeColor": "#ffffff",
                           "align": "middle"},
                  "width": 1, "selectionWidth": 1.5, "hoverWidth": 1, "smooth": False},
    }


def _smooth(u: str, v: str, index: int, count: int):
    """Curvature of the ``index``-th of ``count`` relations between one pair, so that all of them show.

    >>> _smooth("a", "b", 0, 1), _smooth("a", "b", 0, 2), _smooth("b", "a", 1, 2)
    (False, {'enabled': True, 'type': 'curvedCW', 'roundness': 0.2}, {'enabled': True, 'type': 'curvedCW', 'roundness': 0.2})
    """
    if count == 1:
        return False
    # signed offsets from the straight line: 2 -> +-0.2; 3 -> 0, +-0.25; 4 -> +-0.2, +-0.4; ...
    step = 0.25 if count % 2 else 0.2
    offsets = [0.0] if count % 2 else []
    k = 1
    while len(offsets) < count:
        offsets += [step * k, -step * k]
        k += 1
    off = offsets[index]
    if off == 0:
        return False
    if u > v:  # measured from the pair's first node, so reversed edges bend to their own side too
        off = -off
    return {"enabled": True, "type": "curvedCW" if off > 0 else "curvedCCW", "roundness": round(min(abs(off), 0.95), 2)}


def _evidence(records) -> list[dict]:
    """What the page shows of each evidence record: a quote and where it is, or a citation's note, publication,
    locator and official address (only an https address is kept)."""
    out = []
    for r in (records or [])[:MAX_EVIDENCE]:
        if r.get("quote"):
            out.append({"kind": r.get("kind"), "quote": r.get("quote"), "paragraph": r.get("paragraph"),
                        "document": r.get("document")})
        elif r.get("kind") == "cited" and r.get("note"):
            url = r.get("url") if str(r.get("url") or "").startswith("https://") else None
            out.append({"kind": "cited", "note": _text(r.get("note")), "locator": _text(r.get("locator")),
                        "publication": _text(r.get("publication") or r.get("document")), "url": url})
    return out


def _text(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def render_view(source=None, *, focus: str | None = None, depth: int = 1, types=None, strategy: str | None = None,
                landscape: bool = False, physics: bool = True, title: str | None = None,
                build_dir: str | Path = "build") -> View:
    """Draw ``source`` (or part of it) as one self-contained HTML page.

    Parameters
    ----------
    source : KnowledgeGraph, path, rdflib Graph, pyoxigraph Store, networkx graph or Source, optional
        What to draw; ``None`` is the built graph in ``build_dir``.
    focus, depth, types, strategy, landscape
        What part to draw: see :func:`sockg.views.select.select`.
    physics : bool
        Lay the graph out in the browser (then stop), or place nodes in Python and draw them still.
    title : str, optional
        The page's title (default: says what is shown).

    Returns
    -------
    View
    """
    from pyvis.network import Network

    src: Source = load_source(source, build_dir=build_dir)
    sel: Selection = select(src, focus=focus, depth=depth, types=types, strategy=strategy, landscape=landscape)
    G, full = sel.graph, src.graph
    order = sorted(G)
    ids = {n: i for i, n in enumerate(order)}
    classes = sorted({G.nodes[n].get("cls", "rdfs:Resource") for n in order})
    styles = assign_styles(classes)
    class_index = {c: i for i, c in enumerate(classes)}
    counts = {c: 0 for c in classes}
    positions = None if physics else _static_layout(G, order, RANDOM_SEED)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.node_ids = _NodeIds()
    info_nodes = []
    for n in order:
        d = G.nodes[n]
        cls = d.get("cls", "rdfs:Resource")
        counts[cls] += 1
        colour, shape = styles[cls]
        label = _text(d.get("label") or n)
        extra = {}
        if positions is not None:
            extra.update(x=round(positions[n][0], 1), y=round(positions[n][1], 1))
        if n == sel.focus:
            extra.update(borderWidth=4, font={"size": 16})
        net.add_node(ids[n], label=short_label(label, d.get("alt_labels") or ()) or "?", shape=shape,
                     color={"background": colour, "border": _darker(colour),
                            "highlight": {"background": colour, "border": "#111111"},
                            "hover": {"background": colour, "border": "#111111"}},
                     size=node_size(full.degree(n) if n in full else G.degree(n)), **extra)
        attrs = [[k, " | ".join(_text(x) for x in v) if isinstance(v, list) else _text(v)]
                 for k, v in sorted((d.get("attributes") or {}).items())][:12]
        mentions = d.get("mentions") or []
        info_nodes.append({"label": label, "iri": str(d.get("iri") or n), "cls": class_index[cls],
                           "alt": [_text(a) for a in d.get("alt_labels") or []],
                           "definition": _text(d.get("definition")) or None,
                           "comment": _text(d.get("comment")) or None,
                           "notation": _text(d.get("notation")) or None, "attributes": attrs,
                           "evidence": _evidence(mentions), "evidence_total": len(mentions)})

    pairs: dict[tuple[str, str], list] = {}
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        pairs.setdefault((min(u, v), max(u, v)), []).append((u, v, k, d))
    info_edges = []
    for (a, b), group in sorted(pairs.items()):
        for i, (u, v, k, d) in enumerate(group):
            eid = len(info_edges)
            pred = _text(d.get("predicate") or k)
            kinds = list(d.get("kinds") or [])
            cited_only = kinds == ["cited"]
            net.add_edge(ids[u], ids[v], id=eid, label=short_label(_text(d.get("label") or pred), limit=24),
                         smooth=_smooth(u, v, i, len(group)), dashes=cited_only)
            ev = d.get("evidence") or []
            info_edges.append({"predicate": pred, "label": _text(d.get("label") or pred), "cited_only": cited_only,
                               "quote": _text(d.get("quote")) or None, "paragraph": _text(d.get("paragraph")) or None,
                               "document": _text(d.get("document")) or None, "method": d.get("method"),
                               "kinds": kinds, "reading": _text(d.get("reading")) or None,
                               "evidence": _evidence(ev), "evidence_total": len(ev)})

    net.options = _options(len(order), len(info_edges), physics)
    page_title = title or sel.title
    info = {
        "title": page_title,
        "summary": {"nodes": len(order), "edges": len(info_edges), "total_nodes": full.number_of_nodes(),
                    "total_edges": full.number_of_edges()},
        "filters": sel.filters, "source": src.name, "built": src.built, "version": __version__,
        "focus": ids.get(sel.focus) if sel.focus else None,
        "classes": [{"key": c, "title": (src.classes.get(c) or {}).get("title") or c,
                     "definition": (src.classes.get(c) or {}).get("definition"), "color": styles[c][0],
                     "shape": styles[c][1], "count": counts[c]} for c in classes],
        "nodes": info_nodes, "edges": info_edges,
    }
    html = _generate(net, info, page_title)
    return View(html=html, title=page_title, nodes=len(order), edges=len(info_edges), focus=sel.focus,
                filters=list(sel.filters), node_ids={n: ids[n] for n in order})


def _generate(net, info: dict, page_title: str) -> str:
    """Render the pyvis network through sockg's template with everything inlined."""
    env, Markup = _template_env()
    vis_version, vis_js, vis_css = vis_assets()
    view_js, view_css = _own_assets()
    net.set_template_dir(str(TEMPLATE_DIR) + os.sep, "view.html")
    net.templateEnv = env
    env.globals.update(
        info=info, page_title=page_title, version=__version__, vis_version=vis_version,
        vis_js=Markup(vis_js), view_js=Markup(view_js), vis_css=Markup(vis_css), view_css=Markup(view_css),
        script_hashes=Markup(" ".join((_csp_hash(vis_js), _csp_hash(view_js)))),
    )
    return net.generate_html(name="view.html")
