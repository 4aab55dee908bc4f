"""env-updated: which pages to write again because of edits in other documents."""

from __future__ import annotations

import hashlib

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .core.ach import matrices_with
from .core.argument_map import select as select_map
from .core.graph import BriefGraph
from .core.views import shown_ids
from .domain import pb_domain


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents whose drawn content changed because of edits elsewhere (never stale).

    Each document's digest covers what its objects, mentions and views show; a document
    whose digest differs from the last build's is written again even though it was not
    re-read.
    """
    domain = pb_domain(env)
    graph = domain.graph
    docnames = set(domain.records) | set(domain.mentions) | set(domain.views)
    docnames |= set(domain.maps) | set(domain.ach)
    matrices = domain.matrices
    fresh: dict[str, str] = {}
    for docname in sorted(docnames):
        digest = hashlib.sha1(usedforsecurity=False)
        for obj in domain.records.get(docname, ()):
            winner = graph.objects.get(obj.id)
            digest.update(graph.fingerprint(obj.id).encode() if winner is obj else b"dup")
        for mention in domain.mentions.get(docname, ()):
            digest.update(graph.summary_key(mention.target).encode())
        for request in domain.views.get(docname, ()):
            digest.update(repr(request).encode())
            for ident in shown_ids(graph, request):
                digest.update(graph.fingerprint(ident).encode())
                digest.update(repr(sorted(graph.mentions.get(ident, ()), key=repr)).encode())
        # Analysis: maps show their nodes; matrices their hypotheses and evidence; an
        # object's connections the matrices (anywhere) that test or rate it.
        for map_request in domain.maps.get(docname, ()):
            digest.update(repr(map_request).encode())
            for node in select_map(graph, map_request)[0].nodes:
                digest.update(graph.fingerprint(node.id).encode())
        for matrix in domain.ach.get(docname, ()):
            for ident in (*matrix.hypotheses, *(row.evidence for row in matrix.rows)):
                digest.update(_fingerprint(graph, ident))
        for obj in domain.records.get(docname, ()):
            for matrix in matrices_with(matrices, obj.id):
                digest.update(repr(matrix).encode())
                for ident in matrix.hypotheses:
                    digest.update(_fingerprint(graph, ident))
        fresh[docname] = digest.hexdigest()
    previous = domain.digests
    changed = [d for d, value in fresh.items() if previous.get(d) != value and d in env.all_docs]
    domain.data["digests"] = fresh
    return changed


def _fingerprint(graph: BriefGraph, ident: str) -> bytes:
    return graph.fingerprint(ident).encode() if ident in graph.objects else b"missing"
