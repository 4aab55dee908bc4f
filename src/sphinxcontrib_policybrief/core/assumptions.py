"""The key assumptions check: each assumption, what rests on it, most load-bearing first.

What *rests on* an assumption A: every claim that assumes A (``assumes``, read from A's
end), every claim A supports, and, transitively, whatever rests on those in turn, through
``assumes`` and ``supports`` only (an attack or a piece of evidence does not carry the
weight of a premise upwards). Key judgments are followed past, since one key judgment may
carry another.

*Load-bearing* is measured, in this order, by: the number of key judgments that rest on
the assumption; then the number of claims that rest on it at all; then the number that
rest on it directly. Ties keep reading order. An assumption nothing rests on comes last;
the check still lists it, since an unused assumption is itself worth a look.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .graph import BriefGraph
from .model import Claim, Kind

ASSUMPTION_KIND = "assumption"
KEY_JUDGMENT_KIND = "key-judgment"


@dataclass(frozen=True, slots=True)
class AssumptionLoad:
    """One assumption and what rests on it; ids in reading order."""

    assumption: str
    direct: tuple[str, ...]  # claims that assume it or that it supports
    dependents: tuple[str, ...]  # everything resting on it, directly or not
    key_judgments: tuple[str, ...]  # the key judgments among the dependents
    #: For each key judgment, one shortest chain from the assumption up to it.
    chains: tuple[tuple[str, ...], ...] = ()

    @property
    def rank_key(self) -> tuple[int, int, int]:
        return (-len(self.key_judgments), -len(self.dependents), -len(self.direct))


def resting_on(graph: BriefGraph, ident: str) -> list[str]:
    """The claims that rest directly on *ident*: those that assume it, those it supports."""
    found = graph.related(ident, "assumes", incoming=True)
    found += [i for i in graph.related(ident, "supports", incoming=False) if i not in found]
    return [i for i in found if graph.objects[i].kind is Kind.CLAIM]


def load_of(graph: BriefGraph, ident: str, *, key_kind: str = KEY_JUDGMENT_KIND) -> AssumptionLoad:
    """What rests on the claim *ident*, found breadth first so chains are shortest."""
    direct = resting_on(graph, ident)
    parent: dict[str, str] = {}
    queue = deque([ident])
    while queue:
        current = queue.popleft()
        for above in resting_on(graph, current):
            if above != ident and above not in parent:
                parent[above] = current
                queue.append(above)
    order = {o.id: n for n, o in enumerate(graph.sorted_objects(Kind.CLAIM))}
    dependents = tuple(sorted(parent, key=order.__getitem__))
    keys = tuple(
        i
        for i in dependents
        if isinstance(claim := graph.objects[i], Claim) and claim.claim_kind == key_kind
    )
    chains = []
    for key in keys:
        chain = [key]
        while chain[-1] != ident:
            chain.append(parent[chain[-1]])
        chains.append(tuple(reversed(chain)))
    return AssumptionLoad(
        ident, tuple(sorted(direct, key=order.__getitem__)), dependents, keys, tuple(chains)
    )


def key_assumptions(
    graph: BriefGraph,
    *,
    assumption_kind: str = ASSUMPTION_KIND,
    key_kind: str = KEY_JUDGMENT_KIND,
) -> list[AssumptionLoad]:
    """Every claim of kind *assumption_kind*, most load-bearing first (see the module)."""
    loads = [
        load_of(graph, claim.id, key_kind=key_kind)
        for claim in graph.sorted_objects(Kind.CLAIM)
        if isinstance(claim, Claim) and claim.claim_kind == assumption_kind
    ]
    # sorted() is stable: equal loads stay in reading order.
    return sorted(loads, key=lambda load: load.rank_key)
