"""What a written page reads from the merged view, and a digest of it: pages never go stale.

One function, :func:`page_reads`, decides what a page depends on, walking what the renderer
walks: the page's own objects, the objects its views select, the objects its roles name,
and one step further along relations, summary links and title links (the renderer shows
those neighbours' titles, badges, dates and anchors). Beyond objects: the pages of the
tags it links, the tags index its claim and actor indexes link to, and the timeline each
of its actors links to. The renderer records what it really reads
(``render.blocks.Linker``); the tests check that this is always within the prediction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .graph import BriefGraph
from .model import Kind, PolicyObject, ViewRequest
from .sources import base_key, resting_on
from .tags import TagPages
from .views import select, shown_ids

#: Views that end with a link to the tags index (beside the link to their domain index).
TAG_INDEX_VIEWS = ("claim-index", "actor-index")


@dataclass(frozen=True, slots=True)
class PageReads:
    """The ids of objects a page shows (some perhaps missing) and the documents they live in."""

    shown: frozenset[str]  # the page's objects, its views' selections, its roles' targets
    ids: frozenset[str]  # those and their neighbours
    docnames: frozenset[str]
    # Tags whose pages the page may link (those of the objects it shows), whether it links
    # to the tags index, and (actor, document) for each of its actors' timeline links.
    tags: frozenset[str] = frozenset()
    tag_index: bool = False
    timelines: frozenset[tuple[str, str]] = frozenset()


def page_reads(
    graph: BriefGraph,
    records: Sequence[PolicyObject],
    mention_targets: Iterable[str],
    views: Sequence[ViewRequest],
    timelines: Mapping[str, str] | None = None,
) -> PageReads:
    """What a page shows from the merged view; *timelines* is
    :func:`~.views.actor_timelines` of the whole project."""
    shown = {obj.id for obj in records} | set(mention_targets)
    for request in views:
        shown.update(shown_ids(graph, request))
    ids = set(shown)
    for ident in shown:
        obj = graph.objects.get(ident)
        if obj is None:
            continue
        ids.update(edge.other for edge in graph.edges(ident))
        ids.update(target for _, target in obj.summary if target)
        for _, target in (*obj.title_parts, *obj.source_parts):
            if target and target[0] != "#":
                ids.add(target)
    docnames = {graph.objects[i].docname for i in ids if i in graph.objects}
    tags = {tag for i in shown if i in graph.objects for tag in graph.objects[i].tags}
    linked = timelines or {}
    actor_links = {(o.id, linked[o.id]) for o in records if o.kind is Kind.ACTOR and o.id in linked}
    return PageReads(
        frozenset(shown),
        frozenset(ids),
        frozenset(docnames),
        frozenset(tags),
        any(r.view in TAG_INDEX_VIEWS for r in views),
        frozenset(actor_links),
    )


def page_digest(
    graph: BriefGraph,
    records: Sequence[PolicyObject],
    mention_targets: Iterable[str],
    views: Sequence[ViewRequest],
    document_title: Callable[[str], str],
    tag_pages: TagPages | None = None,
    timelines: Mapping[str, str] | None = None,
) -> str:
    """A digest of everything :func:`page_reads` finds, as the merged view has it now."""
    reads = page_reads(graph, records, mention_targets, views, timelines)
    pages = tag_pages or TagPages()
    digest = hashlib.sha1(usedforsecurity=False)

    def add(*parts: object) -> None:
        digest.update(repr(parts).encode())

    for obj in records:
        add("own", obj, graph.is_winner(obj))
    for request in views:
        add("view", request, [o.id for o in select(graph, request)])
    if any(request.view == "key-judgments" for request in views):
        # The box shows evidence bases once the brief has a source anywhere.
        add("graded", bool(graph.sorted_objects(Kind.SOURCE)))
    for ident in sorted(reads.ids):
        # What ``add("object", ident, obj)`` would write, with the object's repr made once
        # per build rather than once for every page that shows it.
        digest.update(f"('object', {ident!r}, {object_repr(graph, ident)})".encode())
    for ident in sorted(reads.shown):
        add("mentions", ident, graph.mentions.get(ident, ()))
        # Shown from further than one step: a claim's evidence base (sources several links
        # away, with their grades) and the claims resting on a source.
        shown = graph.objects.get(ident)
        if shown is not None and shown.kind is Kind.CLAIM:
            add("base", ident, base_key(graph, ident))
        elif shown is not None and shown.kind is Kind.SOURCE:
            add("resting", ident, resting_on(graph, ident))
    for docname in sorted(reads.docnames):
        add("title", docname, document_title(docname))
    # Page names change when a document takes a tag page's name.
    for tag in sorted(reads.tags):
        add("tag", tag, pages.page(tag))
    if reads.tag_index:
        add("tag-index", pages.index)
    for actor, docname in sorted(reads.timelines):
        add("timeline", actor, docname)
    return digest.hexdigest()


def object_repr(graph: BriefGraph, ident: str) -> str:
    """``repr()`` of the object *ident* ("None" when there is none), once per graph."""
    return graph.memo(("repr", ident), lambda: repr(graph.objects.get(ident)))


def changed_pages(
    previous: Mapping[str, str], fresh: Mapping[str, str], existing: Iterable[str]
) -> list[str]:
    """Documents whose digest differs from the last build's (new pages included)."""
    known = set(existing)
    return [d for d, value in sorted(fresh.items()) if previous.get(d) != value and d in known]
