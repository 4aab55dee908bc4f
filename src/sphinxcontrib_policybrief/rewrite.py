"""env-updated: which pages to write again because of edits in other documents."""

from __future__ import annotations

import hashlib

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .core.graph import BriefGraph
from .core.sources import base_key, resting_on
from .core.views import select
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
    fresh: dict[str, str] = {}
    for docname in sorted(docnames):
        digest = hashlib.sha1(usedforsecurity=False)
        for obj in domain.records.get(docname, ()):
            winner = graph.objects.get(obj.id)
            digest.update(_shown(graph, obj.id).encode() if winner is obj else b"dup")
        for mention in domain.mentions.get(docname, ()):
            digest.update(graph.summary_key(mention.target).encode())
        for request in domain.views.get(docname, ()):
            digest.update(repr(request).encode())
            for obj in select(graph, request):
                digest.update(_shown(graph, obj.id).encode())
                digest.update(repr(sorted(graph.mentions.get(obj.id, ()), key=repr)).encode())
        fresh[docname] = digest.hexdigest()
    previous = domain.digests
    changed = [d for d, value in fresh.items() if previous.get(d) != value and d in env.all_docs]
    domain.data["digests"] = fresh
    return changed


def _shown(graph: BriefGraph, ident: str) -> str:
    """An object's fingerprint, with what its block shows from further away: a claim's
    evidence base (sources several steps off) and the claims resting on a source."""
    shown = graph.fingerprint(ident)
    kind = graph.objects[ident].kind.value
    if kind == "claim":
        shown += base_key(graph, ident)
    elif kind == "source":
        shown += ",".join(resting_on(graph, ident))
    return shown
