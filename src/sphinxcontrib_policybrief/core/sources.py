"""What claims rest on: the evidence base of a claim, and what rests on each source.

A claim's evidence base is the set of distinct sources it rests on, found transitively:
the sources it cites itself, the sources of the events, claims and sources named in its
``:evidence:``, and the evidence bases of the claims that ``:supports:`` it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .graph import BriefGraph
from .model import Kind, Source
from .scales import GradeScale


@dataclass(frozen=True, slots=True)
class EvidenceBase:
    """The distinct sources under a claim, in reading order, with their range of reliability."""

    sources: tuple[str, ...]
    best: str = ""  # the best reliability code among them; "" when none is graded
    worst: str = ""

    @property
    def count(self) -> int:
        return len(self.sources)

    @property
    def reliability_range(self) -> str:
        """ "B–D", "B" or "" (no source graded)."""
        if not self.best:
            return ""
        return self.best if self.best == self.worst else f"{self.best}–{self.worst}"


def _reached(graph: BriefGraph, ident: str) -> frozenset[str]:
    """Every object *ident* rests on, transitively, itself excluded (once per graph: each
    claim's evidence base is shown on its page, in views, exports and digests)."""
    return graph.memo(("reached", ident), lambda: frozenset(_walk(graph, ident)))


def _walk(graph: BriefGraph, ident: str) -> Iterator[str]:
    seen = {ident}
    stack = [ident]
    while stack:
        current = stack.pop()
        nexts = [
            *graph.related(current, "sources", incoming=False),
            *graph.related(current, "evidence", incoming=False),
        ]
        if graph.objects[current].kind is Kind.CLAIM:
            nexts += graph.related(current, "supports", incoming=True)
        for other in nexts:
            if other not in seen:
                seen.add(other)
                stack.append(other)
                yield other


def evidence_base(graph: BriefGraph, ident: str, scale: GradeScale) -> EvidenceBase:
    """The evidence base of the object *ident* (usually a claim)."""
    found = [other for other in _reached(graph, ident) if graph.objects[other].kind is Kind.SOURCE]
    ordered = sorted(
        set(found), key=lambda i: (graph.objects[i].docname, graph.objects[i].lineno, i)
    )
    graded = [
        s.reliability
        for i in ordered
        if isinstance(s := graph.objects[i], Source) and scale.lookup(s.reliability) is not None
    ]
    if not graded:
        return EvidenceBase(tuple(ordered))
    ranked = sorted(graded, key=scale.rank)
    return EvidenceBase(tuple(ordered), ranked[0], ranked[-1])


def resting_on(graph: BriefGraph, source_id: str) -> list[str]:
    """The claims whose evidence base includes *source_id*, in reading order."""
    resting = graph.memo(
        ("resting_on", source_id),
        lambda: tuple(
            claim.id
            for claim in graph.sorted_objects(Kind.CLAIM)
            if source_id in _reached(graph, claim.id)
        ),
    )
    return list(resting)


def citing(graph: BriefGraph, source_id: str) -> list[str]:
    """What names *source_id* directly, in ``:sources:`` or ``:evidence:``."""
    found = {
        *graph.related(source_id, "sources", incoming=True),
        *graph.related(source_id, "evidence", incoming=True),
    }
    return sorted(found, key=lambda i: (graph.objects[i].docname, graph.objects[i].lineno, i))


def base_key(graph: BriefGraph, ident: str) -> str:
    """What an evidence base shows, for staleness digests: the sources and their grades."""

    def key() -> str:
        parts = []
        for other in sorted(_reached(graph, ident)):
            obj = graph.objects[other]
            if isinstance(obj, Source):
                parts.append(f"{obj.id}={obj.reliability}")
        return ",".join(parts)

    return graph.memo(("base_key", ident), key)
