"""Placeholder nodes: left by directives at read time, replaced by the renderer at write time."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class pb_header(nodes.General, nodes.Element):
    """Holds an object's parsed title (and source); becomes its header and metadata."""


class pb_connections(nodes.General, nodes.Element):
    """Where an object's connections, computed from the whole project, are drawn."""


class pb_view(nodes.General, nodes.Element):
    """A timeline or index directive; replaced by the list it asks for."""


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    # Only reached if rendering was skipped for this builder: show nothing rather than fail.
    raise nodes.SkipNode


_SKIP = (_skip, None)


def register(app: Sphinx) -> None:
    for node_class in (pb_header, pb_connections, pb_view):
        app.add_node(node_class, html=_SKIP, latex=_SKIP, text=_SKIP, man=_SKIP, texinfo=_SKIP)
