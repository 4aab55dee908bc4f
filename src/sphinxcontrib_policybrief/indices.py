"""Domain index pages (``pb-claims``, ``pb-actors``), drawn by Sphinx's own index machinery."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from sphinx.domains import Index, IndexEntry

from .core.labels import kind_label
from .core.model import Actor, Claim, Kind
from .locale import _, translated

if TYPE_CHECKING:
    from .domain import PolicyBriefDomain


def initial(name: str) -> str:
    """The group of an index entry: its first letter or digit, as a capital.

    Sphinx's index templates make an anchor of each group's heading (``id="cap-K"``), so
    a heading must be a single character that can stand in an id and a link: a kind
    such as "Key judgment" cannot (a space is invalid in both, and EPUB readers refuse it).
    """
    return next((c.upper() for c in name if c.isalnum()), "*")


class ClaimIndex(Index):
    """Every claim by initial, with its kind, likelihood and confidence."""

    name = "claims"
    localname = _("Claim index")
    shortname = "claims"

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = cast("PolicyBriefDomain", self.domain)
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[IndexEntry]] = defaultdict(list)
        for obj in domain.graph.sorted_objects(Kind.CLAIM):
            if wanted is not None and obj.docname not in wanted:
                continue
            assert isinstance(obj, Claim)
            confidence = _("%s confidence") % translated(obj.confidence) if obj.confidence else ""
            extra = ", ".join(x for x in (translated(obj.likelihood), confidence) if x)
            kind = translated(kind_label(obj))
            extra = f"{kind}; {extra}" if extra else kind
            groups[initial(obj.title)].append(
                IndexEntry(obj.title, 0, obj.docname, obj.anchor, extra, "", obj.id)
            )
        content = [
            (k, sorted(v, key=lambda e: e.name.casefold())) for k, v in sorted(groups.items())
        ]
        return content, False


class ActorIndex(Index):
    """Every actor by name, with aliases listed as entries that lead to the same actor."""

    name = "actors"
    localname = _("Actor index")
    shortname = "actors"

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = cast("PolicyBriefDomain", self.domain)
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[IndexEntry]] = defaultdict(list)
        for obj in domain.graph.sorted_objects(Kind.ACTOR):
            if wanted is not None and obj.docname not in wanted:
                continue
            assert isinstance(obj, Actor)
            kind = translated(kind_label(obj))
            names = [(obj.title, obj.role or kind)]
            names += [(alias, _("see %s") % obj.title) for alias in obj.aliases]
            for name, extra in names:
                groups[initial(name)].append(
                    IndexEntry(name, 0, obj.docname, obj.anchor, extra, "", kind)
                )
        content = [
            (k, sorted(v, key=lambda e: e.name.casefold())) for k, v in sorted(groups.items())
        ]
        return content, False
