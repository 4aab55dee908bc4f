"""Which visitor draws each node in each writer, and the LaTeX package that goes with them.

``html`` serves every HTML builder (html, dirhtml, singlehtml, epub): Sphinx looks visitors
up by builder name, then by format. Writers not listed here (man, texinfo, xml) fall back
on the docutils node each of ours subclasses; the overview drawing, which has none, is
skipped there.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes as docutils_nodes
from sphinx.application import Sphinx

from ..indices import ActorIndex, ClaimIndex
from . import html, latex, text
from . import nodes as pb

LATEX_PACKAGE = "policybrief"
LATEX_DIR = Path(__file__).parent.parent / "latex"

Visitor = Callable[[Any, Any], None]
Handlers = tuple[Visitor, Visitor | None]


def _skip(self: docutils_nodes.NodeVisitor, node: docutils_nodes.Node) -> None:
    # A placeholder reaches a writer only if rendering was skipped: show nothing, not fail.
    raise docutils_nodes.SkipNode


_SKIP: Handlers = (_skip, None)

#: node -> {writer: (visit, depart)}
VISITORS: dict[type[docutils_nodes.Element], dict[str, Handlers]] = {
    pb.pb_object: {
        "html": (html.visit_block, html.depart_block),
        "latex": (latex.visit_object, latex.depart_object),
        "text": (text.visit_object, None),
    },
    pb.pb_object_header: {
        "html": (html.visit_transparent, html.depart_transparent),
        "latex": (latex.visit_object_header, None),
        "text": (text.visit_object_header, text.depart_object_header),
    },
    pb.pb_object_title: {
        "html": (html.visit_object_title, html.depart_object_title),
        "latex": (latex.visit_object_title, latex.depart_object_title),
        "text": (text.visit_object_title, text.depart_object_title),
    },
    pb.pb_badge: {
        "html": (html.visit_badge, html.depart_badge),
        "latex": (latex.visit_badge, latex.depart_badge),
        "text": (text.visit_badge, text.depart_badge),
    },
    pb.pb_date: {
        "html": (html.visit_date, html.depart_date),
        "latex": (latex.visit_date, latex.depart_date),
        "text": (text.visit_group, text.depart_group),
    },
    pb.pb_connections_box: {
        "html": (html.visit_block, html.depart_block),
        "latex": (latex.visit_connections, None),
        "text": (text.visit_connections, None),
    },
    # Made in HTML builds only; other writers would draw its content in full.
    pb.pb_fold: {
        "html": (html.visit_fold, html.depart_fold),
        "latex": (latex.visit_fold, latex.depart_fold),
        "text": (text.visit_fold, text.depart_fold),
    },
    pb.pb_view_box: {
        "html": (html.visit_block, html.depart_block),
        "latex": (latex.visit_view, latex.depart_view),
        "text": (text.visit_group, text.depart_group),
    },
    pb.pb_key_judgments: {
        "html": (html.visit_key_judgments, html.depart_key_judgments),
        "latex": (latex.visit_key_judgments, None),
        "text": (text.visit_key_judgments, None),
    },
    pb.pb_timeline: {
        "html": (html.visit_transparent, html.depart_transparent),
        "latex": (latex.visit_timeline, None),
        "text": (text.visit_group, text.depart_group),
    },
    pb.pb_timeline_jump: {
        "html": (html.visit_jump, html.depart_jump),
        "latex": (latex.visit_skip, None),
        "text": (text.visit_skip, None),
    },
    pb.pb_timeline_year: {
        "html": (html.visit_year, html.depart_year),
        "latex": (latex.visit_year, latex.depart_year),
        "text": (text.visit_year, None),
    },
    pb.pb_timeline_event: {
        "html": (html.visit_block, html.depart_block),
        "latex": (latex.visit_group, latex.depart_group),
        "text": (text.visit_event, None),
    },
    pb.pb_timeline_overview: {
        "html": (html.visit_overview, None),
        "latex": (latex.visit_skip, None),
        "text": (text.visit_skip, None),
        "man": _SKIP,
        "texinfo": _SKIP,
    },
    # Forecasts and editions.
    pb.pb_calibration_chart: {
        "html": (html.visit_calibration, None),
        "latex": (latex.visit_calibration, None),
        "text": (text.visit_calibration, None),
        "man": _SKIP,
        "texinfo": _SKIP,
    },
    # -- analysis: argument maps (the outline beside it is the text alternative), ACH
    pb.pb_argument_map: {
        "html": (html.visit_argument_map, None),
        "latex": (latex.visit_argument_map, None),
        "text": (text.visit_skip, None),
        "man": _SKIP,
        "texinfo": _SKIP,
    },
    pb.pb_ach_matrix: {
        "html": (html.visit_ach_matrix, html.depart_ach_matrix),
        "latex": (latex.visit_ach_matrix, None),
        "text": (text.visit_ach_matrix, text.depart_ach_matrix),
    },
}


def register(app: Sphinx) -> None:
    for placeholder in pb.PLACEHOLDERS:
        app.add_node(placeholder, html=_SKIP, latex=_SKIP, text=_SKIP, man=_SKIP, texinfo=_SKIP)
    for node_class, handlers in VISITORS.items():
        app.add_node(node_class, **handlers)  # type: ignore[arg-type]  # kwargs: writer names
    app.add_latex_package(LATEX_PACKAGE)
    app.connect("builder-inited", copy_latex_support)


def copy_latex_support(app: Sphinx) -> None:
    """Put ``policybrief.sty`` and its ``policybrief.cfg`` next to the ``.tex`` files.

    The configuration names our domain indexes in the build's language, as the LaTeX
    writer titles them, so that the package can set those (and only those) its own way.
    """
    if app.builder.format != "latex":
        return
    outdir = Path(app.builder.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LATEX_DIR / f"{LATEX_PACKAGE}.sty", outdir / f"{LATEX_PACKAGE}.sty")
    names = "".join(
        # As the writer puts it into \indexname: the title unescaped.
        rf"\pbdomainindex{{{index.localname}}}" + "\n"
        for index in (ClaimIndex, ActorIndex)
    )
    (outdir / f"{LATEX_PACKAGE}.cfg").write_text(
        "% Written by sphinxcontrib-policybrief for this build: our domain indexes.\n" + names,
        encoding="utf-8",
    )
