"""The merged view of a whole project: every object by id, relations both ways, problems.

Built once per build, after all documents are read and merged, from the records the
domain holds. It has no Sphinx import: the domain feeds it, the renderers read it.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePosixPath
from typing import TypeVar, cast

from .citations import cite_text, fallback_text, is_cite
from .date_format import decade_heading
from .dates import Precision
from .ids import is_valid_id
from .messages import ENGLISH, Translations
from .messages import gettext_noop as N_
from .model import (
    Kind,
    Mention,
    PolicyObject,
    RelationType,
    TimelineEvent,
)
from .problems import Problem, Subtype, with_article
from .suggest import closest_ids, with_suggestion

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Edge:
    """A resolved relation as seen from one end."""

    relation: RelationType
    other: str  # the id at the other end
    incoming: bool

    @property
    def label(self) -> str:
        return self.relation.incoming if self.incoming else self.relation.outgoing


def placement_key(event: TimelineEvent) -> tuple[int, int, int]:
    """Where an event stands in a chronology (see :meth:`BriefGraph.events_in_time_order`)."""
    if event.date is None:
        return (date.max.toordinal() + 1, 0, 0)
    low, high, precision = event.date.sort_key()
    # "2012 or earlier" and "until 2012" have no start: they stand at their one known date.
    if event.date.lower is None and event.date.upper is not None:
        low = event.date.upper.toordinal()
    return (low, high, precision)


def placement_year(event: TimelineEvent) -> int | None:
    """The year heading an event is listed under; None when it has no date."""
    if event.date is None:
        return None
    return date.fromordinal(placement_key(event)[0]).year


def placement_heading(event: TimelineEvent, translations: Translations = ENGLISH) -> str:
    """The heading an event is listed under: its year, or its decade or century when the
    date is no finer than that (a "mid-2000s" event is not an event of the year 2000).

    In English by default, which is also what anchors are made from; pass the build's
    *translations* for the heading a reader sees.
    """
    year = placement_year(event)
    if year is None or event.date is None:
        return translations.gettext(N_("Undated"))
    if event.date.precision == Precision.DECADE and not event.date.earlier:
        return decade_heading(year - year % 10, translations)
    if event.date.precision == Precision.CENTURY and not event.date.earlier:
        return decade_heading(year - year % 100, translations)
    return str(year)


def _where(obj: PolicyObject) -> tuple[str, int, str]:
    return (obj.docname, obj.lineno, obj.srcfile)


def _duplicate_message(first: PolicyObject, obj: PolicyObject) -> str:
    kind = obj.kind.label.lower()
    if obj.srcfile and (first.srcfile, first.lineno) == (obj.srcfile, obj.lineno):
        # One directive, read twice: its file is included by two documents.
        return (
            f"duplicate id {obj.id!r}: {obj.srcfile} is included by the documents "
            f"{first.docname!r} and {obj.docname!r}, so its {kind} is defined in both; "
            f"the copy in {obj.docname!r} is left out of links and indexes (include the "
            "file once, or move the object into one document)"
        )
    # One directive read twice: a document of its own that another one also includes.
    for own, spliced in ((first, obj), (obj, first)):
        if (
            not own.srcfile
            and spliced.srcfile
            and own.lineno == spliced.lineno
            and PurePosixPath(spliced.srcfile).with_suffix("").as_posix() == own.docname
        ):
            return (
                f"duplicate id {obj.id!r}: {spliced.srcfile} is a document of its own and is "
                f"also included by {spliced.docname!r}, so its {kind} is defined in both; the "
                f"copy in {obj.docname!r} is left out of links and indexes (include a file "
                "that is not a document: name it in exclude_patterns and leave it out of "
                "the toctree)"
            )
    place = f"{first.srcfile or first.docname}:{first.lineno}"
    if first.srcfile:
        place += f" (included in {first.docname!r})"
    return (
        f"duplicate id {obj.id!r}: already used by the {first.kind.label.lower()} at {place}; "
        f"this {kind} is left out of links and indexes"
    )


class BriefGraph:
    """Objects by id and their resolved relations; derived, never pickled."""

    def __init__(
        self,
        records: Mapping[str, Sequence[PolicyObject]],
        mentions: Mapping[str, Sequence[Mention]],
        relations: Sequence[RelationType],
        section_titles: Mapping[str, str] | None = None,
    ) -> None:
        self.relations = {rel.name: rel for rel in relations}
        self.objects: dict[str, PolicyObject] = {}
        self.problems: list[Problem] = []
        self._edges: dict[str, list[Edge]] = defaultdict(list)
        # Facts derived from the finished graph (related ids, evidence bases, reprs for the
        # digests), computed once per build and read by every page that shows them.
        self._memo: dict[Hashable, object] = {}
        self._collect(records)
        self._resolve_titles(section_titles or {})
        self._resolve()
        self._check_cycles()
        self.mentions: dict[str, list[Mention]] = defaultdict(list)
        for docname in sorted(mentions):
            for mention in mentions[docname]:
                if mention.target in self.objects:
                    self.mentions[mention.target].append(mention)

    # -- building -----------------------------------------------------------------

    def _collect(self, records: Mapping[str, Sequence[PolicyObject]]) -> None:
        # Sorted by document then line, so the same object wins a duplicate-id clash
        # whether documents were read serially or in parallel.
        ordered = sorted(
            (obj for docname in records for obj in records[docname]),
            key=lambda o: (o.docname, o.lineno, o.id),
        )
        for obj in ordered:
            first = self.objects.get(obj.id)
            if first is None:
                self.objects[obj.id] = obj
                continue
            self.problems.append(
                Problem(Subtype.DUPLICATE_ID, _duplicate_message(first, obj), *_where(obj))
            )

    def _resolve_titles(self, section_titles: Mapping[str, str]) -> None:
        # A title with a role shows, wherever it is repeated (views, tooltips, exports), what
        # the page shows: the target's title; an unlabelled {ref}, its section's title.
        # :source: and summaries are read the same way.
        resolved: dict[str, str] = {}

        def text_of(parts: Sequence[tuple[str, str]], seen: frozenset[str]) -> str:
            out = []
            for text, target in parts:
                if text or not target:
                    out.append(text)
                elif target.startswith("#"):
                    out.append(section_titles.get(target[1:], target[1:]))
                elif target in self.objects and target not in seen:
                    other = self.objects[target]
                    out.append(other.short or title_of(target, seen | {target}))
                else:  # another project's object, a dangling reference, or a loop of titles
                    out.append(target.split(":", 1)[-1])
            return " ".join("".join(out).split())

        def title_of(ident: str, seen: frozenset[str]) -> str:
            if ident in resolved:
                return resolved[ident]
            obj = self.objects[ident]
            if not obj.title_parts:
                return obj.title
            title = text_of(obj.title_parts, seen) or obj.title
            if not seen - {ident}:
                resolved[ident] = title
            return title

        changed: dict[str, PolicyObject] = {}
        for ident in sorted(self.objects):
            obj = self.objects[ident]
            title = title_of(ident, frozenset({ident})) if obj.title_parts else obj.title
            source = text_of(obj.source_parts, frozenset({ident})) or obj.source
            summary = tuple(
                (section_titles.get(target[1:], target[1:]), "")
                if target.startswith("#") and not text
                else (text, "" if target.startswith("#") else target)
                for text, target in obj.summary
            )
            if (title, source, summary) != (obj.title, obj.source, obj.summary):
                changed[ident] = replace(obj, title=title, source=source, summary=summary)
        self.objects.update(changed)

    def with_citation_labels(self, labels: Mapping[str, str]) -> BriefGraph:
        """This graph with its citations (``core.citations``) written as *labels* give them:
        in titles, ``:source:`` and summaries. The graph itself when there is nothing to do."""
        if not labels:
            return self
        changed: dict[str, PolicyObject] = {}
        for ident, obj in self.objects.items():
            cites = [
                target
                for _, target in (*obj.title_parts, *obj.source_parts, *obj.summary)
                if is_cite(target)
            ]
            if not cites:
                continue
            title, source = obj.title, obj.source
            for target in cites:
                title = title.replace(fallback_text(target), cite_text(target, labels))
                source = source.replace(fallback_text(target), cite_text(target, labels))
            summary = tuple(
                (cite_text(target, labels) if is_cite(target) else text, target)
                for text, target in obj.summary
            )
            changed[ident] = replace(obj, title=title, source=source, summary=summary)
        if not changed:
            return self
        other = copy.copy(self)
        other.objects = {**self.objects, **changed}
        other._memo = {}  # some of its facts are drawn from the objects' text
        return other

    def is_winner(self, record: PolicyObject) -> bool:
        """Whether *record* is the object its id stands for (not the loser of a duplicate)."""
        winner = self.objects.get(record.id)
        return winner is not None and (winner.docname, winner.lineno, winner.srcfile) == (
            record.docname,
            record.lineno,
            record.srcfile,
        )

    def _resolve(self) -> None:
        for obj in self.sorted_objects():
            seen: set[tuple[str, str]] = set()
            for link in obj.links:
                rel = self.relations.get(link.relation)
                if rel is None or (link.relation, link.target) in seen:
                    continue
                seen.add((link.relation, link.target))
                target = self.objects.get(link.target)
                where = (obj.docname, link.lineno or obj.lineno, obj.srcfile)
                if target is None:
                    valid = is_valid_id(link.target)
                    message = (
                        f"{obj.kind.value} {obj.id!r}: :{rel.name}: names {link.target!r}, "
                        "which is not defined anywhere in the project"
                        if valid
                        else f"{obj.kind.value} {obj.id!r}: :{rel.name}: {link.target!r} "
                        "is not a valid id"
                    )
                    near = closest_ids(link.target, self.objects.values(), rel.targets)
                    self._problem(
                        Subtype.UNKNOWN_REF if valid else Subtype.INVALID_ID,
                        with_suggestion(message, near),
                        *where,
                    )
                elif target.id == obj.id:
                    self._problem(
                        Subtype.SELF_REFERENCE,
                        f"{obj.kind.value} {obj.id!r} names itself in :{rel.name}:",
                        *where,
                    )
                elif target.kind not in rel.targets:
                    allowed = " or ".join(sorted(k.value for k in rel.targets))
                    self._problem(
                        Subtype.WRONG_KIND,
                        f"{obj.kind.value} {obj.id!r}: :{rel.name}: must name "
                        f"{with_article(allowed)}, "
                        f"but {target.id!r} is {with_article(target.kind.value)}",
                        *where,
                    )
                else:
                    self._edges[obj.id].append(Edge(rel, target.id, incoming=False))
                    self._edges[target.id].append(Edge(rel, obj.id, incoming=True))
            if obj.kind is Kind.PARADOX and len(set(obj.targets("claims"))) < 2:
                self._problem(
                    Subtype.PARADOX,
                    f"paradox {obj.id!r} needs at least two claims in tension in :claims:",
                    obj.docname,
                    obj.lineno,
                    obj.srcfile,
                )

    def _check_cycles(self) -> None:
        for rel in self.relations.values():
            if not rel.acyclic:
                continue
            reported: set[frozenset[str]] = set()
            for start in sorted(self.objects):
                cycle = self._find_cycle(start, rel)
                if cycle and frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    first = self.objects[min(cycle)]
                    path = " → ".join([*cycle, cycle[0]])
                    self._problem(
                        Subtype.CYCLE,
                        f":{rel.name}: relations form a loop: {path}",
                        first.docname,
                        first.lineno,
                        first.srcfile,
                    )

    def _find_cycle(self, start: str, rel: RelationType) -> list[str]:
        """The loop through *start* along *rel*, as ids starting at *start*, or []."""
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        visited: set[str] = set()
        while stack:
            node, path = stack.pop()
            for edge in self._edges.get(node, ()):
                if edge.incoming or edge.relation is not rel:
                    continue
                if edge.other == start:
                    return path
                if edge.other not in visited:
                    visited.add(edge.other)
                    stack.append((edge.other, [*path, edge.other]))
        return []

    def _problem(
        self, subtype: Subtype, message: str, docname: str, lineno: int, srcfile: str = ""
    ) -> None:
        self.problems.append(Problem(subtype, message, docname, lineno, srcfile))

    # -- reading --------------------------------------------------------------------

    def sorted_objects(self, kind: Kind | None = None) -> list[PolicyObject]:
        """Objects in reading order: document, then line."""
        return list(self.memo(("sorted", kind), lambda: tuple(self._sorted_objects(kind))))

    def _sorted_objects(self, kind: Kind | None) -> list[PolicyObject]:
        objs: Iterable[PolicyObject] = self.objects.values()
        if kind is not None:
            objs = (o for o in objs if o.kind is kind)
        return sorted(objs, key=lambda o: (o.docname, o.lineno, o.id))

    def events_in_time_order(self, events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
        """Lower bound, then upper bound, then precision; id last, so the order is total.

        Undated events come last. "2012 or earlier" has no lower bound; it is placed at
        its one known date, where a reader of a chronology looks for it.
        """
        return sorted(events, key=lambda e: (*placement_key(e), e.id))

    def edges(self, ident: str) -> list[Edge]:
        return self._edges.get(ident, [])

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """*compute()*, once per graph for each *key*: for facts that depend on the graph
        alone and that many pages read (a graph is never changed once built)."""
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def related(self, ident: str, relation: str, *, incoming: bool) -> list[str]:
        """Ids at the other end of *relation*; a symmetric relation reads both ways.

        Outgoing ids keep the author's order; incoming ones come in reading order.
        """
        key = ("related", ident, relation, incoming)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = tuple(self._related(ident, relation, incoming))
        return list(cast(tuple[str, ...], found))

    def _related(self, ident: str, relation: str, incoming: bool) -> list[str]:
        rel = self.relations.get(relation)
        symmetric = rel is not None and rel.symmetric
        found = [
            e.other
            for e in self.edges(ident)
            if e.relation.name == relation and (e.incoming == incoming or symmetric)
        ]
        if incoming or symmetric:
            return sorted(set(found), key=self._reading_key)
        return list(dict.fromkeys(found))

    def _reading_key(self, ident: str) -> tuple[str, int, str]:
        obj = self.objects[ident]
        return (obj.docname, obj.lineno, obj.id)

    def members(self, actor_id: str) -> list[str]:
        return self.related(actor_id, "affiliation", incoming=True)

    def involving(self, actor_id: str, kind: Kind) -> list[str]:
        return [
            i
            for i in self.related(actor_id, "actors", incoming=True)
            if self.objects[i].kind is kind
        ]

    def evidence_for(self, ident: str) -> list[str]:
        return self.related(ident, "evidence", incoming=True)

    def count(self, ident: str, relation: str, *, incoming: bool) -> int:
        return len(self.related(ident, relation, incoming=incoming))

    def summary_text(self, ident: str) -> str:
        """The summary as plain text, references shown as their targets' titles."""
        obj = self.objects[ident]
        out = []
        for text, target in obj.summary:
            other = self.objects.get(target) if target else None
            if text or other is not None:
                out.append(text or (other.link_text if other else ""))
            else:  # another project's object ("project:id") or a dangling reference
                out.append(target.split(":", 1)[-1])
        return "".join(out)
