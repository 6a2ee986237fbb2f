"""The build stage: from ``seeds/`` and ``ontology/`` to ``build/sockg.ttl``, its store and its manifest.

In data-flow order:

* :mod:`~sockg.build.curation`: reads the curated statement files (``seeds/curated/*.yaml``), whose
  evidence is quotes of the seeds and citations of official publications;
* :mod:`~sockg.build.catalogue`: reads the catalogue of official publications (``seeds/catalogue.yaml``)
  that citations name;
* :mod:`~sockg.build.assemble`: the ontology, the seeds as documents, the catalogued publications with
  their cited facts, and the curated entities and claims with their located quotes and citations
  (through :mod:`sockg.evidence`);
* :func:`~sockg.build.pipeline.extract`: the ingest over seeds no curated statement quotes
  (:mod:`sockg.ingest` is given the graph's names as its gazetteer);
* :mod:`~sockg.build.validate`: SHACL shapes and the every-statement-has-a-claim rule;
* :mod:`~sockg.build.output`: deterministic Turtle, the Oxigraph store, the manifest;
* :mod:`~sockg.build.inputs`: the ontology and shapes files, and whether a build is stale.

Imports from sockg: errors, namespaces, resources, atomic, terms, text, names, sources, evidence, ingest,
fetch, _version.
Nothing here imports the reading side (kg, query, analysis, views). Importing this package loads
neither rdflib nor pySHACL (the query path checks staleness through it); :func:`build` does.
"""

from .inputs import MANIFEST_NAME, STORE_NAME, TTL_NAME, input_files, is_stale, recorded_inputs, resolve_inputs
from .output import count_by_class, serialise_turtle
from .pipeline import BuildResult, build, extract
from .validate import validate_graph

__all__ = ["BuildResult", "build", "extract", "validate_graph", "input_files", "is_stale", "recorded_inputs",
           "resolve_inputs", "TTL_NAME", "STORE_NAME", "MANIFEST_NAME", "count_by_class", "serialise_turtle"]
