"""Where a link to an object points, in every builder.

Sphinx's ``make_refnode`` joins the builder's relative URI of the target document and the
anchor. In ``singlehtml`` that URI is ``#document-<name>``, so the result,
``#document-<name>#<anchor>``, has the fragment ``document-<name>#<anchor>``, which no
element carries: the browser does not move. There every document is on the one page, and
the object's anchor alone is the link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.builders import Builder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

__all__ = ["object_refnode", "object_uri", "with_anchor"]


def object_uri(builder: Builder, fromdocname: str, todocname: str, anchor: str) -> str:
    """The URI from *fromdocname* to *anchor* in *todocname* (raises ``NoUri`` as the
    builder does when it has none)."""
    return with_anchor(builder, todocname, builder.get_relative_uri(fromdocname, todocname), anchor)


def with_anchor(builder: Builder, todocname: str, uri: str, anchor: str) -> str:
    """*uri*, the builder's relative URI of *todocname*, pointed at *anchor* in it."""
    if anchor and isinstance(builder, SingleFileHTMLBuilder) and todocname in builder.env.all_docs:
        return f"#{anchor}"
    return f"{uri}#{anchor}" if anchor else uri


def object_refnode(
    builder: Builder,
    fromdocname: str,
    todocname: str,
    anchor: str,
    child: nodes.Node | list[nodes.Node],
    title: str | None = None,
) -> nodes.reference:
    """``make_refnode`` with :func:`object_uri`'s target."""
    node = nodes.reference("", "", internal=True)
    if fromdocname == todocname and anchor:
        node["refid"] = anchor
    else:
        node["refuri"] = object_uri(builder, fromdocname, todocname, anchor)
    if title:
        node["reftitle"] = title
    node += child
    return node
