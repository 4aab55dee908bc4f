"""doctree-read: what each document's finished doctree adds to its records and mentions.

Runs per document, in whichever process read it; the domain merges the results.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .core.citations import cite_target
from .core.ids import is_valid_id, normalise_id
from .core.model import Mention
from .diagnostics import Subtype, location, warn
from .domain import pb_domain
from .render.nodes import pb_header


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    scan = DoctreeScan(doctree)
    refresh_records(app.env, scan)
    collect_mentions(app.env, scan)


class DoctreeScan:
    """What doctree-read needs from a document, found in one walk of its tree."""

    def __init__(self, doctree: nodes.document) -> None:
        #: The containers our directives left, in document order.
        self.objects: list[nodes.container] = []
        #: Every id in the tree and the elements carrying it (sections, labels, automatic ids).
        self.owners: dict[str, list[nodes.Element]] = {}
        self.xrefs: list[addnodes.pending_xref] = []
        #: The first section: the page's title.
        self.top: nodes.section | None = None
        for node in doctree.findall(nodes.Element):
            for ident in node["ids"]:
                self.owners.setdefault(ident, []).append(node)
            if isinstance(node, addnodes.pending_xref):
                self.xrefs.append(node)
            elif isinstance(node, nodes.container):
                if node.get("pb_id"):
                    self.objects.append(node)
            elif self.top is None and isinstance(node, nodes.section):
                self.top = node


def refresh_records(env: BuildEnvironment, scan: DoctreeScan) -> None:
    """Take titles and summaries from the finished doctree (smart quotes applied, roles kept),
    and give each object an HTML anchor that nothing else on the page uses."""
    domain = pb_domain(env)
    records = domain.records.get(env.docname)
    if not records:
        return
    # Records in directive order, which is the document order of their containers; the same
    # id twice on a page (a duplicate) is matched in that order too.
    pending: dict[str, list[int]] = {}
    for i, obj in enumerate(records):
        pending.setdefault(obj.id, []).append(i)
    anchors = AnchorAllocator(scan.owners)
    for container in scan.objects:
        ident = container["pb_id"]
        if not pending.get(ident):
            continue
        i = pending[ident].pop(0)
        obj = records[i]
        header = next((c for c in container.children if isinstance(c, pb_header)), None)
        body_para = next(
            (
                c
                for c in container.children
                if isinstance(c, nodes.paragraph) and "pb-title" not in c["classes"]
            ),
            None,
        )
        title_para = header[0] if header is not None and header.children else None
        title_parts = inline_parts(title_para) if isinstance(title_para, nodes.Element) else ()
        title = "".join(text or target.lstrip("#").split(":")[-1] for text, target in title_parts)
        summary = summary_parts(body_para) if body_para is not None else ()
        source_node = next(
            (
                c
                for c in (header.children if header is not None else ())
                if isinstance(c, nodes.Element) and "pb-source" in c["classes"]
            ),
            None,
        )
        source_parts = inline_parts(source_node) if source_node is not None else ()
        anchor, clash = anchors.allocate(container, ident)
        if clash is not None:
            warn(
                Subtype.ANCHOR_CLASH,
                f"{obj.kind.value} {ident!r}: the {clash} on this page already has the HTML id "
                f"{ident!r}; links to the {obj.kind.value} use the anchor {anchor!r}",
                location(env.srcdir, obj.docname, obj.lineno, obj.srcfile),
            )
        # Options offered to translators: taken from the doctree only when Sphinx's Locale
        # transform translated them; otherwise the value stays exactly as the author wrote
        # it (no smart quotes), as the data files have always carried it.
        translated: dict[str, Any] = {}
        for cls, attribute in _TRANSLATED_OPTIONS:
            found = _translated_text(header, cls) if hasattr(obj, attribute) else None
            if found is not None:
                translated[attribute] = found
        records[i] = replace(
            obj,
            title=" ".join(title.split()) or obj.title,
            title_parts=title_parts,
            source_parts=source_parts,
            summary=summary,
            anchor=anchor,
            **translated,
        )


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


class AnchorAllocator:
    """Hands out HTML ids that no other element of a doctree carries.

    Seeded with every id in the tree (sections, labels, docutils' automatic ids), so an
    object's anchor can never be a second element's id; an author's own section or label
    keeps its id, and the object gets a numbered one.
    """

    def __init__(self, owners: dict[str, list[nodes.Element]]) -> None:
        self.owners = owners  # every id in the tree (``DoctreeScan.owners``)
        self.given: set[str] = set()

    def allocate(self, container: nodes.Element, wanted: str) -> tuple[str, str | None]:
        """The anchor for *container*, and the author's element that held *wanted*, if any.

        Of two objects with one id on a page (a duplicate, reported as such), the first
        keeps the id and the second is numbered without another warning.
        """
        others = [
            n
            for n in self.owners.get(wanted, [])
            if n is not container and n.get("pb_id") != wanted
        ]
        # A label written right above the object is moved onto it by docutils: one element.
        container["ids"] = list(dict.fromkeys(container["ids"]))
        if not others and wanted not in self.given:
            self.given.add(wanted)
            return wanted, None
        anchor = next(
            candidate
            for candidate in (f"{wanted}-{n}" for n in itertools.count(2))
            if candidate not in self.owners and candidate not in self.given
        )
        self.given.add(anchor)
        self.owners.setdefault(anchor, []).append(container)
        container["ids"] = [anchor if i == wanted else i for i in container["ids"]]
        # Sections and explicit labels carry names; docutils' automatic ids (id1 of a
        # footnote reference) do not, and an object that wanted one is renamed quietly.
        authored = [n for n in others if n["names"]]
        return anchor, _describe(authored[0]) if authored else None


def _describe(node: nodes.Element) -> str:
    if isinstance(node, nodes.section):
        title = node[0].astext() if node.children else ""
        return f"section {title!r}"
    return "label"


def summary_parts(para: nodes.Element) -> tuple[tuple[str, str], ...]:
    """A paragraph as (text, target) parts, keeping references to objects as targets."""
    return inline_parts(para)


def inline_parts(para: nodes.Element) -> tuple[tuple[str, str], ...]:
    """Inline content as (text, target) parts, as a reader sees it once the page is written.

    A reference to an object becomes a part with its id as target (drawn as a link, or its
    title where only text fits); footnote references are dropped; a citation reads as its
    label in brackets; a sphinxcontrib-bibtex citation is a part with its key in brackets
    and a ``@cite:`` target (``core.citations``). An unlabelled ``{ref}`` is a part with
    target ``#label``, which the merged view shows as that label's section title.
    """
    parts: list[tuple[str, str]] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, addnodes.pending_xref) and _is_object_ref(node):
            text = node.astext() if node.get("refexplicit") else ""
            parts.append((text, normalise_id(str(node["reftarget"]))))
        elif (
            isinstance(node, addnodes.pending_xref)
            and node.get("refdomain") == "std"
            and node.get("reftype") == "ref"
            and not node.get("refexplicit")
        ):
            parts.append(("", "#" + str(node["reftarget"]).lower()))
        elif isinstance(node, nodes.footnote_reference):
            return
        elif isinstance(node, nodes.citation_reference):
            parts.append((f"[{node.astext()}]", ""))
        elif isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "cite":
            # sphinxcontrib-bibtex: its label is drawn only at write time. The part keeps the
            # key in brackets as its text (what plain text shows without bibtex's labels)
            # and the citation as its target, so views and exports can draw it again.
            target = str(node["reftarget"])
            parts.append((f"[{target}]", cite_target(str(node.get("reftype", "p")), target)))
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


def collect_mentions(env: BuildEnvironment, scan: DoctreeScan) -> None:
    """Remember every role or link to an object, for its "referenced in" back-links."""
    found: list[Mention] = []
    roles: list[tuple[str, str]] = []
    top = scan.top
    page = top[0].astext() if top is not None and top.children else ""
    for ref in scan.xrefs:
        if not _is_object_ref(ref) or ref.get("refdomain") == "doc":
            continue
        target = normalise_id(str(ref.get("reftarget", "")))
        if ref.get("refdomain") == "pb" and not ref.get("pb_summary"):
            roles.append((str(ref.get("reftype", "")), target))
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
    pb_domain(env).set_role_uses(env.docname, roles)


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
