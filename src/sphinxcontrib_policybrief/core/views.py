"""The registry of views: each view's name, the kind it lists, its options, and selection.

A view is a query recorded at read time (a :class:`~.model.ViewRequest`); which objects
it shows is decided after every document is read, from the whole project, so it can never
miss an object defined in a later document. Adding a view means one entry here and one
renderer in ``render/views.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .assumptions import key_assumptions, load_of
from .graph import BriefGraph
from .model import Claim, Kind, PolicyObject, Source, TimelineEvent, ViewRequest
from .settings import CLAIM_STATUSES, Settings
from .suggest import closest_words, with_suggestion

GROUPINGS = ("kind", "document", "actor", "none")
SCOPES = ("document", "project")

#: Options every view takes.
COMMON_OPTIONS = ("actors", "tags", "class")


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """One view: what it lists and which options beyond :data:`COMMON_OPTIONS` it takes."""

    name: str
    lists: Kind
    options: tuple[str, ...] = ()

    @property
    def all_options(self) -> tuple[str, ...]:
        return COMMON_OPTIONS + self.options


VIEWS: Mapping[str, ViewSpec] = {
    spec.name: spec
    for spec in (
        ViewSpec("timeline", Kind.EVENT, ("from", "to")),
        ViewSpec(
            "claim-index", Kind.CLAIM, ("kind", "confidence", "likelihood", "status", "group-by")
        ),
        ViewSpec("key-judgments", Kind.CLAIM, ("scope",)),
        ViewSpec("actor-index", Kind.ACTOR, ("kind",)),
        ViewSpec("paradox-index", Kind.PARADOX),
        # Forecasts and editions (core/forecast.py, core/editions.py).
        ViewSpec("forecast-record", Kind.CLAIM),
        ViewSpec("edition-changes", Kind.CLAIM),
        # Analysis (issue 12): the key assumptions check.
        ViewSpec("assumptions", Kind.CLAIM),
        # Sources
        ViewSpec("source-index", Kind.SOURCE, ("kind",)),
    )
}

#: Views drawn from the whole project rather than from the objects they select: each
#: draws its own empty state (the edition-changes view reads the previous edition).
WHOLE_PROJECT_VIEWS = ("edition-changes",)


def filter_problems(request: ViewRequest, settings: Settings) -> list[str]:
    """Filter values nobody can have, which would silently empty the list."""
    lists = VIEWS[request.view].lists
    kinds = {Kind.ACTOR: settings.actor_kinds, Kind.SOURCE: settings.source_kinds}.get(
        lists, settings.claim_kinds
    )
    allowed = {
        "kind": (request.kinds, kinds),
        "confidence": (request.confidence, settings.confidence_levels),
        "likelihood": (request.likelihood, tuple(t.term for t in settings.likelihood.terms)),
        "status": (request.status, CLAIM_STATUSES),
    }
    found: list[str] = []
    for option, (given, known) in allowed.items():
        for value in given:
            if value not in known:
                message = f"{request.view}: :{option}: {value!r} is not one of {', '.join(known)}"
                found.append(with_suggestion(message, closest_words(value, known)))
    if request.view == "key-judgments" and "key-judgment" not in settings.claim_kinds:
        found.append(
            "key-judgments: it lists claims of kind 'key-judgment', which "
            "policybrief_claim_kinds does not include; the box stays empty"
        )
    return found


def select(graph: BriefGraph, request: ViewRequest) -> list[PolicyObject]:
    """The objects a view shows, in the order it shows them."""
    kind = VIEWS[request.view].lists
    if request.view in WHOLE_PROJECT_VIEWS:
        return []
    found = [o for o in graph.sorted_objects(kind) if _matches(graph, request, o)]
    if request.view == "forecast-record":
        return [o for o in found if isinstance(o, Claim) and o.forecast is not None]
    if request.view == "timeline":
        events = [o for o in found if isinstance(o, TimelineEvent)]
        return list(graph.events_in_time_order(events))
    if request.view == "assumptions":
        # Most load-bearing first (core/assumptions.py).
        wanted = {o.id for o in found}
        return [
            graph.objects[load.assumption]
            for load in key_assumptions(graph)
            if load.assumption in wanted
        ]
    return found


def shown_ids(graph: BriefGraph, request: ViewRequest) -> list[str]:
    """Every object a view's page shows, beyond those it lists: for the key assumptions
    check, what rests on each assumption (the staleness digest covers them)."""
    listed = [o.id for o in select(graph, request)]
    if request.view != "assumptions":
        return listed
    found = list(listed)
    for ident in listed:
        found += [i for i in load_of(graph, ident).dependents if i not in found]
    return found


def _matches(graph: BriefGraph, request: ViewRequest, obj: PolicyObject) -> bool:
    if request.actors:
        involved = set(graph.related(obj.id, "actors", incoming=False))
        if obj.kind is Kind.ACTOR:
            involved.add(obj.id)
        if not involved.intersection(request.actors):
            return False
    if request.tags and not set(obj.tags).intersection(request.tags):
        return False
    if isinstance(obj, Claim):
        if request.view == "key-judgments":
            if obj.claim_kind != "key-judgment":
                return False
            if request.scope != "project" and obj.docname != request.docname:
                return False
        checks = (
            (request.kinds, obj.claim_kind),
            (request.confidence, obj.confidence),
            (request.likelihood, obj.likelihood),
            (request.status, obj.status),
        )
        if any(wanted and value not in wanted for wanted, value in checks):
            return False
    elif (
        request.kinds
        and obj.kind is Kind.ACTOR
        and getattr(obj, "actor_kind", "") not in request.kinds
    ) or (request.kinds and isinstance(obj, Source) and obj.source_kind not in request.kinds):
        return False
    if isinstance(obj, TimelineEvent) and (request.date_from or request.date_to):
        if obj.date is None:
            return False
        lower, upper = obj.date.lower, obj.date.upper
        if (
            request.date_from
            and request.date_from.lower
            and upper
            and (upper < request.date_from.lower)
        ):
            return False
        if request.date_to and request.date_to.upper and lower and lower > request.date_to.upper:
            return False
    return True


def actor_timelines(graph: BriefGraph, requests: Iterable[ViewRequest]) -> dict[str, str]:
    """Actor id -> the document whose timeline view an actor's block links to, filtered
    to that actor (``#filter=actor:<id>``).

    Of the timeline views that show some of the actor's events, the one showing the most
    of them; between equals, one without filters of its own (the whole chronology), then
    the first in reading order (document, then position on the page). An actor that no
    timeline shows gets no entry.
    """
    timelines = sorted(
        (r for r in requests if r.view == "timeline"), key=lambda r: (r.docname, r.serial)
    )
    best: dict[str, tuple[tuple[int, int, int], str]] = {}
    for rank, request in enumerate(timelines):
        counts: dict[str, int] = {}
        for event in select(graph, request):
            for actor in graph.related(event.id, "actors", incoming=False):
                counts[actor] = counts.get(actor, 0) + 1
        filtered = bool(request.actors or request.tags or request.date_from or request.date_to)
        for actor, count in counts.items():
            key = (-count, int(filtered), rank)
            if actor not in best or key < best[actor][0]:
                best[actor] = (key, request.docname)
    return {actor: docname for actor, (_, docname) in sorted(best.items())}
