"""Tag pages: which objects carry each tag, and the page name each tag's page is written to.

A tag is stored like an id (``core.ids.tag_list``): lower case, NFC, letters of any script,
digits and ``-_.``. Its page name keeps it readable (``pb-tag-экономика``), shortened
with a digest of the whole tag when its UTF-8 form is too long for a file name; a name an
author's document (or an earlier tag) already holds gets a number, so no page overwrites
another and every link stays right.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .graph import BriefGraph
from .model import Kind, PolicyObject, TimelineEvent

#: The page listing every tag, and the prefix of each tag's own page.
TAGS_INDEX = "pb-tags"
TAG_PAGE_PREFIX = "pb-tag-"

#: The longest slug in UTF-8 bytes: file systems allow 255 bytes a name, and the prefix,
#: a numbered suffix and ".html" must fit beside it (Cyrillic takes two bytes a letter,
#: Devanagari three).
MAX_SLUG_BYTES = 96
_DIGEST_LENGTH = 8

#: The order the groups of a tag page follow.
KIND_ORDER = (Kind.CLAIM, Kind.EVENT, Kind.ACTOR, Kind.PARADOX, Kind.SOURCE)


def slug(tag: str) -> str:
    """The readable part of a tag's page name: the tag itself, cut to fit a file name.

    A cut tag ends in a digest of the whole tag, so two long tags that start alike keep
    pages of their own.
    """
    if len(tag.encode("utf8")) <= MAX_SLUG_BYTES:
        return tag
    digest = hashlib.sha1(tag.encode("utf8"), usedforsecurity=False).hexdigest()
    room = MAX_SLUG_BYTES - _DIGEST_LENGTH - 1
    head = tag.encode("utf8")[:room].decode("utf8", errors="ignore").rstrip("-._")
    return f"{head}-{digest[:_DIGEST_LENGTH]}"


@dataclass(frozen=True, slots=True)
class Clash:
    """A page name this extension wanted that a document of the project already has."""

    wanted: str
    docname: str
    given: str  # the name the page got instead


@dataclass(frozen=True, slots=True)
class TagPages:
    """The tag pages of one project: each tag's page name, and the index page's name.

    ``index`` is "" when no object carries a tag (then no page is written).
    """

    pages: Mapping[str, str] = field(default_factory=dict)
    index: str = ""
    clashes: tuple[Clash, ...] = ()

    def page(self, tag: str) -> str | None:
        return self.pages.get(tag)


def tag_pages(tags: Iterable[str], taken: Iterable[str]) -> TagPages:
    """Page names for *tags*, none of them one of the *taken* names (documents, Sphinx's
    own pages), compared without case, as a case-insensitive file system would."""
    wanted = sorted(set(tags))
    if not wanted:
        return TagPages()
    owners: dict[str, str] = {}
    for name in sorted(taken):
        owners.setdefault(name.casefold(), name)
    used: set[str] = set(owners)
    clashes: list[Clash] = []

    def allocate(name: str) -> str:
        given, n = name, 1
        while given.casefold() in used:
            n += 1
            given = f"{name}-{n}"
        used.add(given.casefold())
        owner = owners.get(name.casefold())
        if owner is not None:
            clashes.append(Clash(name, owner, given))
        return given

    index = allocate(TAGS_INDEX)
    pages = {tag: allocate(TAG_PAGE_PREFIX + slug(tag)) for tag in wanted}
    return TagPages(pages, index, tuple(clashes))


def tagged(graph: BriefGraph) -> dict[str, list[PolicyObject]]:
    """Tag -> the objects carrying it, each kind in the order its page lists it: events by
    date, the others in reading order."""
    found: dict[str, list[PolicyObject]] = {}
    events = graph.events_in_time_order(
        o for o in graph.sorted_objects(Kind.EVENT) if isinstance(o, TimelineEvent)
    )
    others = [
        o for kind in KIND_ORDER if kind is not Kind.EVENT for o in graph.sorted_objects(kind)
    ]
    for obj in (*events, *others):
        for tag in obj.tags:
            found.setdefault(tag, []).append(obj)
    return {tag: found[tag] for tag in sorted(found)}


def by_kind(objects: Sequence[PolicyObject]) -> list[tuple[Kind, list[PolicyObject]]]:
    """*objects* grouped by kind, in :data:`KIND_ORDER`, each group keeping its order."""
    groups = [(kind, [o for o in objects if o.kind is kind]) for kind in KIND_ORDER]
    return [(kind, members) for kind, members in groups if members]
