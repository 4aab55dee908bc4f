"""schema.org JSON-LD for one page: its claims, events and actors as an ``@graph``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Actor, Claim, PolicyObject, Source, TimelineEvent
from .brief import Brief

#: schema.org type for each built-in actor kind; any other kind is an Organization.
ACTOR_TYPES: dict[str, str] = {
    "person": "Person",
    "state": "GovernmentOrganization",
    "government": "GovernmentOrganization",
    "organization": "Organization",
    "organisation": "Organization",
    "group": "Organization",
}

# Characters that could end the <script> element or open a comment inside it; JSON
# lets them be written as \uXXXX escapes, which read back as the same text.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)

JSONObject = dict[str, Any]


def page_graph(
    brief: Brief,
    objects: Iterable[PolicyObject],
    iri: Callable[[PolicyObject], str],
    page_iri: str,
) -> JSONObject | None:
    """The JSON-LD of the claims, events, actors and sources in *objects*; None if none.

    *iri* names an object as this page must write it (relative IRIs resolve against the
    page), so the same object has the same ``@id`` on every page that mentions it.
    """
    nodes: list[JSONObject] = []
    for obj in objects:
        if isinstance(obj, Claim):
            nodes.append(_claim(brief, obj, iri, page_iri))
        elif isinstance(obj, TimelineEvent):
            nodes.append(_event(brief, obj, iri))
        elif isinstance(obj, Actor):
            nodes.append(_actor(brief, obj, iri))
        elif isinstance(obj, Source):
            nodes.append(_source(brief, obj, iri))
        if isinstance(obj, Claim | TimelineEvent):
            cited = _refs(brief, brief.related(obj, "sources"), iri)
            if cited:
                nodes[-1]["citation"] = cited
    if not nodes:
        return None
    return {"@context": "https://schema.org", "@graph": nodes}


def script_element(data: JSONObject) -> str:
    """``<script type="application/ld+json">`` holding *data*, safe for any text inside."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'


def _refs(brief: Brief, ids: Iterable[str], iri: Callable[[PolicyObject], str]) -> list[JSONObject]:
    objects = brief.graph.objects
    return [{"@id": iri(objects[i])} for i in ids if i in objects]


def _base(brief: Brief, obj: PolicyObject, iri: Callable[[PolicyObject], str]) -> JSONObject:
    node: JSONObject = {"@id": iri(obj), "url": iri(obj), "name": obj.title, "identifier": obj.id}
    summary = brief.summary(obj)
    if summary:
        node["description"] = summary
    return node


def _claim(
    brief: Brief, claim: Claim, iri: Callable[[PolicyObject], str], page_iri: str
) -> JSONObject:
    node = _base(brief, claim, iri)
    node["@type"] = "Claim"
    node["text"] = claim.title
    node["appearance"] = {"@type": "WebPage", "url": page_iri}
    if brief.project.author:
        # Sphinx's ``author`` may name a person or a team: leave the type open.
        node["author"] = {"name": brief.project.author}
    actors = _refs(brief, brief.related(claim, "actors"), iri)
    if actors:
        node["about"] = actors
    if claim.tags:
        node["keywords"] = list(claim.tags)
    return node


def _event(brief: Brief, event: TimelineEvent, iri: Callable[[PolicyObject], str]) -> JSONObject:
    node = _base(brief, event, iri)
    node["@type"] = "Event"
    if event.date is not None:
        if event.date.lower is not None:
            node["startDate"] = event.date.lower.isoformat()
        if event.date.upper is not None:
            node["endDate"] = event.date.upper.isoformat()
    actors = _refs(brief, brief.related(event, "actors"), iri)
    if actors:
        node["about"] = actors
    return node


def _actor(brief: Brief, actor: Actor, iri: Callable[[PolicyObject], str]) -> JSONObject:
    node = _base(brief, actor, iri)
    node["@type"] = ACTOR_TYPES.get(actor.actor_kind, "Organization")
    if actor.aliases:
        node["alternateName"] = list(actor.aliases)
    if actor.role:
        key = "jobTitle" if node["@type"] == "Person" else "disambiguatingDescription"
        node[key] = actor.role
    affiliation = _refs(brief, brief.related(actor, "affiliation"), iri)
    if affiliation:
        node["memberOf"] = affiliation
    return node


def _source(brief: Brief, source: Source, iri: Callable[[PolicyObject], str]) -> JSONObject:
    """A source as a schema.org CreativeWork; claims and events cite it (``citation``)."""
    node = _base(brief, source, iri)
    node["@type"] = "CreativeWork"
    node["genre"] = source.source_kind
    if source.url:
        node["sameAs"] = source.url
    if source.archived:
        node["archivedAt"] = source.archived
    if source.publisher:
        node["publisher"] = {"name": source.publisher}
    if source.date is not None and source.date.lower is not None:
        node["datePublished"] = source.date.edtf
    authors = _refs(brief, brief.related(source, "actors"), iri)
    if authors:
        node["author"] = authors
    return node
