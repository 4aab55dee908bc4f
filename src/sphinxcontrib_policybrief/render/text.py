"""Plain-text visitors: objects as indented blocks under a kicker and title, one line per field.

Text reaches the output through the translator (``add_text`` and the visitors of the child
nodes). The layout is the one a reader of a text file expects: badges in brackets, a field
as "Name: value" with its continuation lines indented, headings underlined.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from .nodes import (
    pb_badge,
    pb_calibration_chart,
    pb_connections_box,
    pb_key_judgments,
    pb_object,
    pb_object_header,
    pb_timeline_event,
    pb_timeline_year,
)

# Sphinx binds these functions to its TextTranslator.
Translator = Any

_INDENT = 3  # the text writer's own indent for nested blocks


def _walk(self: Translator, node: nodes.Node) -> None:
    node.walkabout(self)


def _inline(self: Translator, node: nodes.Element, sep: str = "; ") -> None:
    """*node*'s content as running text: paragraphs and list items joined by *sep*."""
    first = True
    for child in node.children:
        if isinstance(child, nodes.system_message | nodes.comment | nodes.target):
            continue
        if isinstance(child, nodes.Text | nodes.Inline):
            _walk(self, child)
            continue
        if not first:
            self.add_text(sep)
        first = False
        if isinstance(child, nodes.paragraph):
            for grandchild in child.children:
                _walk(self, grandchild)
        elif isinstance(child, nodes.Element):
            inner = " " if "pb-tension-side" in child.get("classes", ()) else sep
            _inline(self, child, inner)


def _line(self: Translator, content: nodes.Element, first: str | None = None) -> None:
    """One wrapped line of running text; with *first*, a hanging "Name: value" line."""
    self.new_state(len(first) if first else 0)
    _inline(self, content)
    self.end_state(end=None, first=first)


def _fields(self: Translator, field_list: nodes.Element) -> None:
    for field in field_list.children:
        if not isinstance(field, nodes.field):
            continue
        name, body = field.children[0], field.children[1]
        assert isinstance(body, nodes.Element)
        items = body.children[0] if len(body.children) == 1 else None
        if isinstance(items, nodes.bullet_list):
            # A list (an actor's events in date order): one line per item under the name.
            self.states[-1].append((0, [f"{name.astext()}:"]))
            self.new_state(_INDENT)
            for item in items.children:
                assert isinstance(item, nodes.Element)
                _line(self, item, first="- ")
            self.end_state(end=None)
        else:
            _line(self, body, first=f"{name.astext()}: ")
    _blank(self)


def _blank(self: Translator) -> None:
    self.states[-1].append((0, [""]))


def _underlined(self: Translator, text: str, char: str) -> None:
    self.states[-1].append((0, [text, char * len(text), ""]))


def _title(self: Translator, para: nodes.Element) -> None:
    # The title's bold is the layout's job: no "**" around it.
    strong = para.children[0] if len(para.children) == 1 else None
    _line(self, strong if isinstance(strong, nodes.strong) else para)


# -- objects ----------------------------------------------------------------------------------


def visit_object(self: Translator, node: pb_object) -> None:
    header = next((c for c in node.children if isinstance(c, pb_object_header)), None)
    rest: list[nodes.Node] = []
    if header is not None:
        for child in header.children:
            classes = child.get("classes", ()) if isinstance(child, nodes.Element) else ()
            if isinstance(child, nodes.paragraph) and "pb-kicker" in classes:
                _line(self, child)
            elif isinstance(child, nodes.paragraph) and "pb-title" in classes:
                _title(self, child)
            else:
                rest.append(child)
    rest += [c for c in node.children if c is not header]
    # Everything under the title is indented, so that a reader sees where the object ends.
    self.new_state(_INDENT)
    for child in rest:
        if isinstance(child, nodes.field_list):
            _fields(self, child)
        else:
            _walk(self, child)
    self.end_state()
    raise nodes.SkipNode


def visit_object_header(self: Translator, node: pb_object_header) -> None:
    """Reached only for a header outside an object: its parts as they come."""


def depart_object_header(self: Translator, node: pb_object_header) -> None:
    pass


def visit_badge(self: Translator, node: pb_badge) -> None:
    self.add_text("[")


def depart_badge(self: Translator, node: pb_badge) -> None:
    self.add_text("]")
    if node.get("pb_tooltip"):  # a grade's wording: written out, as there is no hover
        self.add_text(f" ({node['pb_tooltip']})")


def visit_connections(self: Translator, node: pb_connections_box) -> None:
    for child in node.children:
        if isinstance(child, nodes.rubric):
            self.states[-1].append((0, [f"{child.astext()}:"]))
        elif isinstance(child, nodes.field_list):
            self.new_state(_INDENT)
            _fields(self, child)
            self.end_state(end=None)
    raise nodes.SkipNode


# -- views ------------------------------------------------------------------------------------


def visit_key_judgments(self: Translator, node: pb_key_judgments) -> None:
    for child in node.children:
        if isinstance(child, nodes.title):
            _underlined(self, child.astext(), "~")
        else:
            _walk(self, child)
    raise nodes.SkipNode


def visit_year(self: Translator, node: pb_timeline_year) -> None:
    _underlined(self, node.astext(), "-")
    raise nodes.SkipNode


def visit_event(self: Translator, node: pb_timeline_event) -> None:
    """The date and title on one line; the summary and details indented below it."""
    parts: dict[str, nodes.Element] = {}
    for child in node.children:
        if isinstance(child, nodes.paragraph):
            for cls in child["classes"]:
                parts[cls] = child
    self.new_state(0)
    if "pb-tl-date" in parts:
        _inline(self, parts["pb-tl-date"])
        self.add_text(" — ")
    if "pb-tl-title" in parts:
        title = parts["pb-tl-title"]
        strong = title.children[0] if len(title.children) == 1 else None
        _inline(self, strong if isinstance(strong, nodes.strong) else title)
    self.end_state(end=None)
    self.new_state(_INDENT)
    if "pb-tl-summary" in parts:
        _walk(self, parts["pb-tl-summary"])
    if "pb-tl-details" in parts:
        _details(self, parts["pb-tl-details"])
    self.end_state()
    raise nodes.SkipNode


def _details(self: Translator, para: nodes.Element) -> None:
    """Actors and evidence each on a "Name: value" line, then the tags."""
    rest = nodes.paragraph()
    for child in para.children:
        classes = child.get("classes", ()) if isinstance(child, nodes.Element) else ()
        if isinstance(child, nodes.inline) and {"pb-tl-actors", "pb-tl-evidence"} & set(classes):
            label, value = child.children[0], nodes.inline("", "", *child.children[1:])
            _line(self, value, first=label.astext())
        elif isinstance(child, pb_badge):
            if rest.children:
                rest += nodes.Text(" ")
            rest += child.deepcopy()
    if rest.children:
        _line(self, rest)
    _blank(self)


def visit_skip(self: Translator, node: nodes.Node) -> None:
    """The overview drawing and the year links: nothing to show in a text file."""
    raise nodes.SkipNode


def visit_group(self: Translator, node: nodes.Element) -> None:
    """A grouping with no look of its own in text: its content as it comes."""


def depart_group(self: Translator, node: nodes.Element) -> None:
    pass


def visit_calibration(self: Translator, node: pb_calibration_chart) -> None:
    """The calibration chart as lines: each term's range, then what happened."""
    for bar in node["pb_bars"]:
        _line(self, nodes.paragraph("", f"{bar.label}: {bar.count_label}"))
    _blank(self)
    raise nodes.SkipNode


# -- analysis: argument maps, ACH matrices ------------------------------------------------------


def visit_ach_matrix(self: Translator, node: nodes.Element) -> None:
    self.visit_table(node)


def depart_ach_matrix(self: Translator, node: nodes.Element) -> None:
    self.depart_table(node)


def visit_object_title(self: Translator, node: nodes.Element) -> None:
    """An object's title outside its header (the header draws its own): a paragraph."""
    self.visit_paragraph(node)


def depart_object_title(self: Translator, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_fold(self: Translator, node: nodes.Element) -> None:
    """Only HTML builds fold a list; should one reach this writer, it shows every link."""
    self.visit_container(node)


def depart_fold(self: Translator, node: nodes.Element) -> None:
    self.depart_container(node)
