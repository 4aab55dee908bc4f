"""The view directives (timeline, claim-index, key-judgments, actor-index, paradox-index).

A view is a query recorded at read time; which objects it shows is decided at write time,
from the whole project, so it can never miss an object defined in a later document.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .config import settings_from
from .dates import DateError, FuzzyDate, parse_date
from .diagnostics import Subtype, warn
from .directives import (
    LenientOptionSpec,
    UnknownOption,
    directive_location,
    repeated_options,
    source_position,
)
from .graph import BriefGraph
from .ids import normalise_id, split_list, tag_list
from .model import Claim, Kind, PolicyObject, TimelineEvent, ViewRequest
from .nodes import pb_view

GROUPINGS = ("kind", "document", "actor", "none")
SCOPES = ("document", "project")
_SERIAL_KEY = "pb_view_serial"


class ViewDirective(SphinxDirective):
    """Shared parsing of the filter options of every view."""

    view: ClassVar[str]
    has_content = False
    # Lenient, as for objects: a misspelt option costs a warning, not the whole view.
    option_spec: ClassVar[LenientOptionSpec] = LenientOptionSpec(  # type: ignore[misc,assignment]
        {
            "actors": directives.unchanged,
            "tags": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def run(self) -> list[nodes.Node]:
        for name, value in self.options.items():
            if isinstance(value, UnknownOption):
                known = ", ".join(sorted(self.option_spec))
                self._warn(Subtype.UNKNOWN_OPTION, f"unknown option :{name}: (known: {known})")
        for name in repeated_options(self.block_text):
            self._warn(Subtype.REPEATED_OPTION, f":{name}: is given twice; the last value is used")
        serial = int(self.env.temp_data.get(_SERIAL_KEY) or 0)
        self.env.temp_data[_SERIAL_KEY] = serial + 1
        srcfile, line = source_position(self)
        request = ViewRequest(
            view=self.view,
            docname=self.env.docname,
            lineno=line,
            srcfile=srcfile,
            serial=serial,
            actors=self._ids("actors"),
            tags=tag_list(self.options.get("tags")),
            kinds=self._words("kind"),
            confidence=self._words("confidence"),
            likelihood=self._likelihood_terms(),
            status=self._words("status"),
            date_from=self._date("from"),
            date_to=self._date("to"),
            group_by=self._group_by(),
            scope=self._scope(),
        )
        self.env.get_domain("pb").note_view(request)  # type: ignore[attr-defined]
        node = pb_view(pb_serial=serial, pb_view=self.view, pb_docname=self.env.docname)
        node["classes"] = ["pb-view", f"pb-{self.view}", *self.options.get("class", [])]
        self.set_source_info(node)
        return [node]

    def _warn(self, subtype: Subtype, message: str) -> None:
        warn(subtype, f"{self.name}: {message}", directive_location(self))

    def _scope(self) -> str:
        raw = self.options.get("scope")
        if raw is None or isinstance(raw, UnknownOption):
            return "document"
        value = str(raw).strip().lower()
        if value not in SCOPES:
            self._warn(
                Subtype.VIEW_OPTION,
                f"unknown :scope: {raw!r} (allowed: {', '.join(SCOPES)}); using 'document'",
            )
            return "document"
        return value

    def _ids(self, option: str) -> tuple[str, ...]:
        return tuple(normalise_id(v) for v in split_list(self.options.get(option)))

    def _words(self, option: str) -> tuple[str, ...]:
        return tuple(" ".join(v.lower().split()) for v in split_list(self.options.get(option)))

    def _likelihood_terms(self) -> tuple[str, ...]:
        # Synonyms ("probable") select the claims filed under their term ("likely"); an
        # unknown word is kept as written, to be reported with the other filter values.
        scale = settings_from(self.config).likelihood
        terms: list[str] = []
        for word in self._words("likelihood"):
            row = scale.lookup(word)
            terms.append(row.term if row is not None else word)
        return tuple(terms)

    def _date(self, option: str) -> FuzzyDate | None:
        raw = self.options.get(option)
        if not raw:
            return None
        try:
            return parse_date(raw)
        except DateError as exc:
            self._warn(Subtype.VIEW_OPTION, f"invalid :{option}: {raw!r}: {exc}")
            return None

    def _group_by(self) -> str:
        raw: str | None = self.options.get("group-by")
        if raw is None:
            return ""
        value = raw.strip().lower()
        if value not in GROUPINGS:
            self._warn(
                Subtype.VIEW_OPTION, f"unknown :group-by: {raw!r} (allowed: {', '.join(GROUPINGS)})"
            )
            return ""
        return value


class TimelineDirective(ViewDirective):
    view = "timeline"
    option_spec = LenientOptionSpec(
        {
            **ViewDirective.option_spec,
            "from": directives.unchanged,
            "to": directives.unchanged,
        }
    )


class ClaimIndexDirective(ViewDirective):
    view = "claim-index"
    option_spec = LenientOptionSpec(
        {
            **ViewDirective.option_spec,
            **dict.fromkeys(
                ("kind", "confidence", "likelihood", "status", "group-by"), directives.unchanged
            ),
        }
    )


class KeyJudgmentsDirective(ViewDirective):
    view = "key-judgments"
    option_spec = LenientOptionSpec({**ViewDirective.option_spec, "scope": directives.unchanged})


class ActorIndexDirective(ViewDirective):
    view = "actor-index"
    option_spec = LenientOptionSpec({**ViewDirective.option_spec, "kind": directives.unchanged})


class ParadoxIndexDirective(ViewDirective):
    view = "paradox-index"


VIEW_DIRECTIVES: dict[str, type[ViewDirective]] = {
    cls.view: cls
    for cls in (
        TimelineDirective,
        ClaimIndexDirective,
        KeyJudgmentsDirective,
        ActorIndexDirective,
        ParadoxIndexDirective,
    )
}


def select(graph: BriefGraph, request: ViewRequest) -> list[PolicyObject]:
    """The objects a view shows, in the order it shows them."""
    kind = {
        "timeline": Kind.EVENT,
        "claim-index": Kind.CLAIM,
        "key-judgments": Kind.CLAIM,
        "actor-index": Kind.ACTOR,
        "paradox-index": Kind.PARADOX,
    }[request.view]
    found = [o for o in graph.sorted_objects(kind) if _matches(graph, request, o)]
    if request.view == "timeline":
        events = [o for o in found if isinstance(o, TimelineEvent)]
        return list(graph.events_in_time_order(events))
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
    ):
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
