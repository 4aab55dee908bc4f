"""The view directives: one per entry of the view registry (:mod:`.core.views`).

Each records a :class:`~.core.model.ViewRequest` at read time and leaves a placeholder;
the objects it lists are chosen after every document is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from .config import settings_from
from .core.date_hints import nearest_date
from .core.dates import DateError, FuzzyDate, parse_date
from .core.ids import normalise_id, split_list, tag_list
from .core.model import ViewRequest
from .core.suggest import closest_words, with_suggestion
from .core.views import GROUPINGS, SCOPES, VIEWS, ViewSpec
from .diagnostics import Subtype
from .directives import (
    LenientOptionSpec,
    ReportingDirective,
    UnknownOption,
    checked_options,
    source_position,
)
from .render.nodes import pb_view

_SERIAL_KEY = "pb_view_serial"


class ViewDirective(ReportingDirective):
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
        self.options = checked_options(self, self.option_spec, self._warn)
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

    def _scope(self) -> str:
        raw = self.options.get("scope")
        if raw is None or isinstance(raw, UnknownOption):
            return "document"
        value = str(raw).strip().lower()
        if value not in SCOPES:
            message = f"unknown :scope: {raw!r} (allowed: {', '.join(SCOPES)}); using 'document'"
            suggested = with_suggestion(message, closest_words(value, SCOPES))
            self._warn(Subtype.VIEW_OPTION, suggested, "scope")
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
            hint = nearest_date(raw)
            # A view shows no date, so words have nowhere to go: only the value is offered.
            advice = f"; {hint.advice(option, label_option='')}" if hint is not None else ""
            self._warn(Subtype.VIEW_OPTION, f"invalid :{option}: {raw!r}: {exc}{advice}", option)
            return None

    def _group_by(self) -> str:
        raw: str | None = self.options.get("group-by")
        if raw is None:
            return ""
        value = raw.strip().lower()
        if value not in GROUPINGS:
            message = f"unknown :group-by: {raw!r} (allowed: {', '.join(GROUPINGS)})"
            self._warn(
                Subtype.VIEW_OPTION,
                with_suggestion(message, closest_words(value, GROUPINGS)),
                "group-by",
            )
            return ""
        return value


def _directive_for(spec: ViewSpec) -> type[ViewDirective]:
    """A directive class for one registry entry, taking exactly the options it lists."""
    options: dict[str, Callable[..., Any]] = dict.fromkeys(spec.all_options, directives.unchanged)
    options["class"] = directives.class_option
    name = "".join(word.capitalize() for word in spec.name.split("-")) + "Directive"
    attributes = {"view": spec.name, "option_spec": LenientOptionSpec(options)}
    return type(name, (ViewDirective,), attributes)


VIEW_DIRECTIVES: dict[str, type[ViewDirective]] = {
    name: _directive_for(spec) for name, spec in VIEWS.items()
}
