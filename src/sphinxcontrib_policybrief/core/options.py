"""The options of the object directives, besides the relations they take.

One table for the directives that read these options and for the settings that keep a
custom relation from taking one of their names: a relation named like an option would
read that option's value as ids (``:probability: 0.7`` as a reference to ``0.7``).
"""

from __future__ import annotations

from collections.abc import Mapping

from .forecast import FORECAST_OPTIONS
from .model import BUILTIN_RELATIONS, Kind

#: The options every object directive takes.
COMMON_OPTIONS: tuple[str, ...] = ("id", "short", "tags", "class", "source", "reviewed")

#: Each kind's own options; ``affiliation`` and ``actors`` are relations read as options.
OWN_OPTIONS: Mapping[Kind, tuple[str, ...]] = {
    Kind.CLAIM: ("kind", "likelihood", "confidence", "status", "actors", *FORECAST_OPTIONS),
    Kind.ACTOR: ("kind", "role", "affiliation", "aliases"),
    Kind.EVENT: ("date", "date-label", "actors"),
    Kind.PARADOX: ("actors",),
    Kind.SOURCE: (
        "kind",
        "reliability",
        "date",
        "publisher",
        "url",
        "archived",
        "accessed",
        "cite",
        "actors",
    ),
}

#: Kinds that take ``:credibility:`` (and cite sources in ``:sources:``).
GRADED_KINDS = frozenset({Kind.CLAIM, Kind.EVENT})

#: What an earlier copy of a repeated rST option is renamed to before docutils reads it.
REPEAT_MARK = "pb-repeated-"


def option_names(kind: Kind) -> tuple[str, ...]:
    """The options of *kind*'s directive other than custom relations, in the order the
    unknown-option warning lists them from."""
    graded = ("credibility",) if kind in GRADED_KINDS else ()
    relations = tuple(r.name for r in BUILTIN_RELATIONS if kind in r.sources)
    return tuple(dict.fromkeys((*COMMON_OPTIONS, *OWN_OPTIONS[kind], *graded, *relations)))


def reserved_relation_names() -> frozenset[str]:
    """Names a custom relation may not take: any object directive's option, and every
    built-in relation (even one of another kind, so that a name means one thing)."""
    names = {name for kind in Kind for name in option_names(kind)}
    return frozenset(names | {r.name for r in BUILTIN_RELATIONS})
