"""doctree-read: what each document's finished doctree adds to its records and mentions.

Runs per document, in whichever process read it; the domain merges the results.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .core.ids import is_valid_id, normalise_id
from .core.model import Mention
from .domain import pb_domain
from .render.nodes import pb_header


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    refresh_records(app.env, doctree)
    collect_mentions(app.env, doctree)


def refresh_records(env: BuildEnvironment, doctree: nodes.document) -> None:
    """Take titles and summaries from the finished doctree (smart quotes applied, roles kept)."""
    domain = pb_domain(env)
    records = domain.records.get(env.docname)
    if not records:
        return
    by_id = {obj.id: i for i, obj in enumerate(records)}
    for container in doctree.findall(nodes.container):
        ident = container.get("pb_id")
        if ident not in by_id:
            continue
        header = next((c for c in container.children if isinstance(c, pb_header)), None)
        body_para = next(
            (
                c
                for c in container.children
                if isinstance(c, nodes.paragraph) and "pb-title" not in c["classes"]
            ),
            None,
        )
        i = by_id.pop(ident)
        obj = records[i]
        title = header[0].astext() if header is not None and header.children else obj.title
        summary = summary_parts(body_para) if body_para is not None else ()
        changes: dict[str, str] = {"title": " ".join(title.split()) or obj.title}
        # Options offered to translators: taken from the doctree only when Sphinx's Locale
        # transform translated them; otherwise the value stays exactly as the author wrote
        # it (no smart quotes), as the data files have always carried it.
        for cls, attribute in _TRANSLATED_OPTIONS:
            found = _translated_text(header, cls) if hasattr(obj, attribute) else None
            if found is not None:
                changes[attribute] = found
        records[i] = replace(obj, summary=summary, **changes)  # type: ignore[arg-type]


_TRANSLATED_OPTIONS = (
    ("pb-source", "source"),
    ("pb-role", "role"),
    ("pb-date-label", "date_label"),
)


def _translated_text(header: pb_header | None, cls: str) -> str | None:
    if header is None:
        return None
    for child in header.children:
        if isinstance(child, nodes.paragraph) and cls in child["classes"]:
            return " ".join(child.astext().split()) if child.get("translated") else None
    return None


def summary_parts(para: nodes.Element) -> tuple[tuple[str, str], ...]:
    """A paragraph as (text, target) parts, keeping references to objects as targets."""
    parts: list[tuple[str, str]] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, addnodes.pending_xref) and _is_object_ref(node):
            text = node.astext() if node.get("refexplicit") else ""
            parts.append((text, normalise_id(str(node["reftarget"]))))
        elif isinstance(node, nodes.Text):
            parts.append((str(node), ""))
        elif isinstance(node, nodes.Element):
            for child in node.children:
                walk(child)

    walk(para)
    merged: list[tuple[str, str]] = []
    for text, target in parts:
        if not target and merged and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, "")
        else:
            merged.append((text, target))
    # Whitespace runs fold to one space; spaces next to a link are kept.
    squashed = [(re.sub(r"\s+", " ", text), target) for text, target in merged]
    if squashed and not squashed[0][1]:
        squashed[0] = (squashed[0][0].lstrip(), "")
    if squashed and not squashed[-1][1]:
        squashed[-1] = (squashed[-1][0].rstrip(), "")
    return tuple(part for part in squashed if part[0] or part[1])


def _is_object_ref(node: addnodes.pending_xref) -> bool:
    return node.get("refdomain") == "pb" or node.get("reftype") in ("myst", "any")


def collect_mentions(env: BuildEnvironment, doctree: nodes.document) -> None:
    """Remember every role or link to an object, for its "referenced in" back-links."""
    found: list[Mention] = []
    top = next(iter(doctree.findall(nodes.section)), None)
    page = top[0].astext() if top is not None and top.children else ""
    for ref in doctree.findall(addnodes.pending_xref):
        if not _is_object_ref(ref) or ref.get("refdomain") == "doc":
            continue
        target = normalise_id(str(ref.get("reftarget", "")))
        if not is_valid_id(target):
            continue
        section = next((a for a in _ancestors(ref) if isinstance(a, nodes.section)), None)
        anchor = section["ids"][0] if section is not None and section["ids"] else ""
        title = section[0].astext() if section is not None and section.children else ""
        found.append(
            Mention(
                target,
                env.docname,
                ref.line or 0,
                anchor,
                title,
                page if section is not top else "",
            )
        )
    # The object pages themselves must not list their own roles as "mentions" twice.
    pb_domain(env).set_mentions(env.docname, _dedupe(found))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, str]] = set()
    out = []
    for m in mentions:
        if (m.target, m.anchor) not in seen:
            seen.add((m.target, m.anchor))
            out.append(m)
    return out
