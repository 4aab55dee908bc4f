"""The ``argument-map`` and ``ach-matrix`` directives: record a request or a matrix, leave a
placeholder. (The ``assumptions`` view is an entry of :data:`.core.views.VIEWS`.)

What they show depends on the whole project, so it is chosen after every document is
read (``render/analysis.py``); here only what the directive itself can tell is checked
and reported, at the line it concerns: options, and the rows of a matrix's body.
"""

from __future__ import annotations

import itertools
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .core.ach import parse_hypotheses, parse_matrix
from .core.argument_map import map_request
from .core.ids import is_valid_id, normalise_id
from .diagnostics import Subtype, location, warn
from .directives import (
    LenientOptionSpec,
    ReportingDirective,
    checked_options,
    directive_location,
    source_position,
)
from .render.nodes import pb_ach_slot, pb_map_slot

_MAP_SERIAL = "pb_map_serial"


class ArgumentMapDirective(ReportingDirective):
    """``argument-map``: a claim's neighbourhood, or every claim of a document or project."""

    has_content = False
    # Lenient, as for objects and views: a misspelt option costs a warning, not the map.
    option_spec: ClassVar[LenientOptionSpec] = LenientOptionSpec(  # type: ignore[misc,assignment]
        {
            "root": directives.unchanged,
            "depth": directives.unchanged,
            "relations": directives.unchanged,
            "scope": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def run(self) -> list[nodes.Node]:
        self.options = checked_options(self, self.option_spec, self._warn)
        serial = int(self.env.temp_data.get(_MAP_SERIAL) or 0)
        self.env.temp_data[_MAP_SERIAL] = serial + 1
        srcfile, line = source_position(self)
        request, problems = map_request(
            docname=self.env.docname,
            lineno=line,
            root=self.options.get("root"),
            depth=self.options.get("depth"),
            relations=self.options.get("relations"),
            scope=self.options.get("scope"),
            srcfile=srcfile,
            serial=serial,
        )
        for message in problems:
            warn(Subtype.VIEW_OPTION, message, directive_location(self))
        self.env.get_domain("pb").note_map(request)  # type: ignore[attr-defined]
        node = pb_map_slot(pb_serial=serial, pb_docname=self.env.docname)
        node["classes"] = ["pb-view", "pb-argument-map", *self.options.get("class", [])]
        self.set_source_info(node)
        return [node]


class AchMatrixDirective(ReportingDirective):
    """``ach-matrix``: hypotheses across, evidence down, one rating per cell."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[LenientOptionSpec] = LenientOptionSpec(  # type: ignore[misc,assignment]
        {
            "id": directives.unchanged,
            "hypotheses": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def run(self) -> list[nodes.Node]:
        self.options = checked_options(self, self.option_spec, self._warn)
        srcfile, line = source_position(self)
        docname = self.env.docname
        title = " ".join(self.arguments[0].split()) if self.arguments else ""

        def report(subtype: Subtype, message: str, lineno: int) -> None:
            warn(subtype, message, location(self.env.srcdir, docname, lineno, srcfile))

        raw_id = self.options.get("id")
        ident = normalise_id(raw_id or "")
        if not ident or not is_valid_id(ident):
            if raw_id:
                report(Subtype.INVALID_ID, f"ach-matrix: invalid :id: {raw_id!r}", line)
            else:
                report(Subtype.MISSING_ARGUMENT, "ach-matrix: needs an :id:", line)
            serial = int(self.env.temp_data.get("pb_ach_serial") or 0)
            self.env.temp_data["pb_ach_serial"] = serial + 1
            ident = f"ach-{serial + 1}"
        if not title:
            report(Subtype.MISSING_ARGUMENT, f"ach-matrix {ident!r}: needs a title", line)
        hypotheses, problems = parse_hypotheses(self.options.get("hypotheses"), line)
        # The body's first line in the file it is written in (an included file counts its
        # own lines): the directive's line plus the distance to its content.
        first_line = line + (_body_start(self) - self.lineno)
        domain = self.env.get_domain("pb")
        # The matrix's HTML id: its :id:, unless an element written earlier on this page
        # (a section, a label, an object or a matrix) has it; the clash is reported across
        # the project by checks.py. Registered with the document, so that nothing after
        # it takes the id either.
        document = self.state.document
        taken = {m.anchor for m in domain.ach.get(docname, [])}  # type: ignore[attr-defined]
        taken |= {o.id for o in domain.records.get(docname, [])}  # type: ignore[attr-defined]
        candidates = itertools.chain([ident], (f"{ident}-{n}" for n in itertools.count(2)))
        anchor = next(a for a in candidates if a not in taken and a not in document.ids)
        matrix, body_problems = parse_matrix(
            ident,
            title or ident,
            hypotheses,
            list(self.content),
            first_line=first_line,
            docname=docname,
            lineno=line,
            anchor=anchor,
            srcfile=srcfile,
        )
        for problem in [*problems, *body_problems]:
            report(problem.subtype, problem.message, problem.lineno)
        # Its label of the standard domain ({ref}`ach-motive`) is noted by the domain once
        # the page's own labels are known (PolicyBriefDomain.process_doc).
        domain.note_matrix(matrix)  # type: ignore[attr-defined]
        target = nodes.target("", "", ids=[anchor])
        document.set_id(target)
        node = pb_ach_slot(pb_anchor=anchor, pb_docname=docname)
        node["classes"] = ["pb-view", "pb-ach", *self.options.get("class", [])]
        self.set_source_info(node)
        return [target, node]


def _body_start(directive: SphinxDirective) -> int:
    """The line of the directive's first body line, counted as ``directive.lineno`` is.

    docutils gives ``content_offset`` as the body's absolute 0-based line; MyST gives it
    relative to the directive's own line.
    """
    if type(directive.state).__module__.startswith("myst_parser"):
        return directive.lineno + directive.content_offset + 1
    return directive.content_offset + 1


ANALYSIS_DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "argument-map": ArgumentMapDirective,
    "ach-matrix": AchMatrixDirective,
}
