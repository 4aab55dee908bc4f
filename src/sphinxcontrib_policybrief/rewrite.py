"""env-updated: which pages to write again because of edits in other documents."""

from __future__ import annotations

import hashlib

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .core.ach import matrices_with
from .core.argument_map import select as select_map
from .core.model import Kind
from .core.staleness import changed_pages, object_repr, page_digest
from .core.views import WHOLE_PROJECT_VIEWS
from .domain import pb_domain
from .export_hooks import previous_edition_digest


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents whose drawn content changed because of edits elsewhere (never stale).

    Each document's digest covers what :func:`~.core.staleness.page_reads` says it reads;
    a document whose digest differs from the last build's is written again even though it
    was not re-read.
    """
    domain = pb_domain(env)
    graph = domain.graph

    def document_title(docname: str) -> str:
        title = env.titles.get(docname)
        return title.astext() if title is not None else ""

    docnames = set(domain.records) | set(domain.mentions) | set(domain.views)
    docnames |= set(domain.maps) | set(domain.ach)
    matrices = domain.matrices

    def analysis(docname: str) -> str:
        # Maps show their nodes; matrices their hypotheses and evidence; an object's
        # connections the matrices (anywhere) that test or rate it.
        digest = hashlib.sha1(usedforsecurity=False)
        for map_request in domain.maps.get(docname, ()):
            digest.update(repr(map_request).encode())
            for node in select_map(graph, map_request)[0].nodes:
                digest.update(object_repr(graph, node.id).encode())
        for matrix in domain.ach.get(docname, ()):
            digest.update(repr(matrix).encode())
            for ident in (*matrix.hypotheses, *(row.evidence for row in matrix.rows)):
                digest.update(object_repr(graph, ident).encode())
        for obj in domain.records.get(docname, ()):
            for matrix in matrices_with(matrices, obj.id):
                digest.update(repr(matrix).encode())
                for ident in matrix.hypotheses:
                    digest.update(object_repr(graph, ident).encode())
        return digest.hexdigest()

    # ``only`` is decided when a page is written: a page with objects under ``only`` shows
    # other objects once the tags change (HTML builders notice that; text and LaTeX do not).
    tags = ",".join(sorted(app.tags))
    edition_digest = previous_edition_digest(app)

    def whole_project(docname: str) -> str:
        # edition-changes compares every claim and event with the previous file, which
        # page_reads cannot see: both go into the digest of a page that shows it.
        if not any(r.view in WHOLE_PROJECT_VIEWS for r in domain.views.get(docname, ())):
            return ""
        digest = hashlib.sha1(edition_digest.encode(), usedforsecurity=False)
        for obj in graph.sorted_objects():
            if obj.kind in (Kind.CLAIM, Kind.EVENT):
                digest.update(object_repr(graph, obj.id).encode())
        return digest.hexdigest()

    tag_pages = domain.tag_pages()
    timelines = domain.actor_timelines()
    fresh = {
        docname: tags
        + whole_project(docname)
        + analysis(docname)
        + page_digest(
            graph,
            domain.records.get(docname, ()),
            (m.target for m in domain.mentions.get(docname, ())),
            domain.views.get(docname, ()),
            document_title,
            tag_pages,
            timelines,
        )
        for docname in sorted(docnames)
    }
    changed = changed_pages(domain.digests, fresh, env.all_docs)
    domain.data["digests"] = fresh
    dangling = domain.dangling_roles() & set(env.all_docs)
    return sorted(set(changed) | dangling)
