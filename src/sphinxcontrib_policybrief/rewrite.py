"""env-updated: which pages to write again because of edits in other documents."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .core.staleness import changed_pages, page_digest
from .domain import pb_domain


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
    # ``only`` is decided when a page is written: a page with objects under ``only`` shows
    # other objects once the tags change (HTML builders notice that; text and LaTeX do not).
    tags = ",".join(sorted(app.tags))
    fresh = {
        docname: tags
        + page_digest(
            graph,
            domain.records.get(docname, ()),
            (m.target for m in domain.mentions.get(docname, ())),
            domain.views.get(docname, ()),
            document_title,
        )
        for docname in sorted(docnames)
    }
    changed = changed_pages(domain.digests, fresh, env.all_docs)
    domain.data["digests"] = fresh
    return changed
