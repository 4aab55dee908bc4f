"""The post-transform: fills every placeholder from the merged view, for any builder.

It builds our node types (``nodes.py``) and never asks which format is being written:
each writer's visitors decide how a node looks.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..citations import bibtex_labels, bibtex_references
from ..config import settings_from
from ..domain import pb_domain
from ..tag_pages import tag_pages_for, writes_site
from .analysis import AnalysisRenderer
from .blocks import Linker
from .nodes import pb_ach_slot, pb_connections, pb_header, pb_map_slot, pb_view
from .objects import ObjectRenderer
from .views import ViewRenderer


def _builder(env: BuildEnvironment) -> Builder:
    # Sphinx 9 deprecates transforms' ``self.app``; 9 keeps the app as ``env._app``,
    # 8.2 as ``env.app``.
    app: Sphinx = getattr(env, "_app", None) or env.app
    return app.builder


class RenderPolicyBrief(SphinxPostTransform):
    """Fills every placeholder from the merged view; runs before references are resolved."""

    default_priority = 5  # ReferencesResolver is 10: our links get resolved like any other

    def run(self, **kwargs: Any) -> None:
        placeholders: list[nodes.Element] = [
            n
            for n in self.document.findall(nodes.Element)
            if isinstance(n, pb_header | pb_connections | pb_view | pb_map_slot | pb_ach_slot)
        ]
        if not placeholders:
            return
        builder = _builder(self.env)
        if builder.name == "gettext":
            # Translators get the author's own text (titles, options, bodies) as the
            # directives left it; generated labels are in our own catalog instead.
            return
        domain = pb_domain(self.env)
        docname = self.env.docname
        labels = bibtex_labels(self.env)
        graph = domain.graph.with_citation_labels(labels)
        linker = Linker(builder, graph, docname, self.document, labels)
        linker.citation_references = bibtex_references(self.env)
        if writes_site(builder):
            linker.tag_pages = tag_pages_for(builder)
            linker.timelines = domain.actor_timelines()
        analysis = AnalysisRenderer(linker, domain.matrices)
        objects = ObjectRenderer(linker, analysis)
        views = ViewRenderer(linker, settings_from(self.config), analysis)
        for node in placeholders:
            # LaTeX and singlehtml assemble many documents into one doctree: each
            # placeholder says which document it came from.
            home = node.get("pb_docname", docname)
            linker.docname = home  # links are relative to the placeholder's own document
            if isinstance(node, pb_header):
                objects.header(node, home)
            elif isinstance(node, pb_connections):
                objects.connections(node, home)
            elif isinstance(node, pb_map_slot):
                found_map = next(
                    (m for m in domain.maps.get(home, []) if m.serial == node["pb_serial"]), None
                )
                if found_map is None:
                    node.parent.remove(node)
                else:
                    analysis.argument_map(node, found_map)
            elif isinstance(node, pb_ach_slot):
                matrix = domain.matrix(home, node["pb_anchor"])
                if matrix is None:
                    node.parent.remove(node)
                else:
                    analysis.ach_matrix(node, matrix)
            elif isinstance(node, pb_view):
                request = next(
                    (v for v in domain.views.get(home, []) if v.serial == node["pb_serial"]),
                    None,
                )
                if request is None:
                    node.parent.remove(node)
                else:
                    views.render(node, request)
