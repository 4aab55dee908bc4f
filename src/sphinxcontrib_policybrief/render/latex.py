"""LaTeX visitors: our nodes as the environments and macros of ``policybrief.sty``.

Text always reaches the output through the translator (its ``encode`` or the visitors of
the child nodes), which escapes it for LaTeX; this module only writes macro names and
arguments it controls (tones, kinds: fixed words).

Some visitors walk their children themselves (``_inline``) and then skip them, where a
node's print layout differs from its screen layout: the object header on a few tight
lines, connections as a run-in paragraph, a timeline as a chronology table.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes

from ..config import settings_from
from ..core.argument_map_tikz import render_tikz
from ..locale import _
from .nodes import (
    pb_ach_matrix,
    pb_argument_map,
    pb_badge,
    pb_calibration_chart,
    pb_connections_box,
    pb_date,
    pb_key_judgments,
    pb_object,
    pb_object_header,
    pb_timeline,
    pb_timeline_event,
    pb_timeline_year,
)

# Sphinx binds these functions to its LaTeXTranslator (or a project's subclass of it).
Translator = Any

_WORD = re.compile(r"[a-z]+")


def _word(value: object, default: str) -> str:
    """*value* if it is a plain lowercase word (a tone, a kind), else *default*."""
    text = str(value or "")
    return text if _WORD.fullmatch(text) else default


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
            self.body.append(sep)
        first = False
        if isinstance(child, nodes.paragraph):
            for grandchild in child.children:
                _walk(self, grandchild)
        elif isinstance(child, nodes.Element):
            # A card of a paradox (a claim and its badges) reads as one phrase.
            inner = " " if "pb-tension-side" in child.get("classes", ()) else sep
            _inline(self, child, inner)


def _fields(
    self: Translator, field_list: nodes.Element, macro: str = r"\pbfield", *, flat: bool = True
) -> None:
    """Each field as ``<macro>{name}{value}``: the value as running text, or (not *flat*)
    its first paragraph so and its lists as lists."""
    fields = [f for f in field_list.children if isinstance(f, nodes.field)]
    for index, field in enumerate(fields):
        name, body = field.children[0], field.children[1]
        assert isinstance(body, nodes.Element)
        if macro == r"\pbrel" and index:
            self.body.append(r"\pbrelsep" + "\n")
        self.body.append(f"{macro}{{{self.encode(name.astext())}}}{{")
        blocks = list(body.children)
        if flat:
            _inline(self, body)
            blocks = []
        elif blocks and isinstance(blocks[0], nodes.paragraph):
            _inline(self, blocks[0])
            blocks = blocks[1:]
        self.body.append("}\n" if macro == r"\pbfield" else "}")
        for block in blocks:
            _walk(self, block)


# -- objects ----------------------------------------------------------------------------------


def visit_object(self: Translator, node: pb_object) -> None:
    kind = _word(node.get("pb_kind"), "claim")
    self.body.append("\n" + rf"\begin{{pbobject}}{{{kind}}}" + "\n")
    # The writer labels sections and targets, not containers: label the box itself, with
    # an anchor of its own, so that links to the object land on it.
    if node.get("ids"):
        self.body.append(self.hypertarget_to(node, anchor=True) + "\n")


def depart_object(self: Translator, node: pb_object) -> None:
    self.body.append("\n" + r"\end{pbobject}" + "\n")


def visit_object_header(self: Translator, node: pb_object_header) -> None:
    for child in node.children:
        classes = child.get("classes", ()) if isinstance(child, nodes.Element) else ()
        if isinstance(child, nodes.paragraph) and "pb-kicker" in classes:
            self.body.append(r"\pbkicker{")
            _inline(self, child)
            self.body.append("}\n")
        elif isinstance(child, nodes.paragraph) and "pb-title" in classes:
            self.body.append(r"\pbtitle{")
            # The title's own emphasis (it is bold in HTML) is the macro's job here.
            strong = child.children[0] if len(child.children) == 1 else None
            _inline(self, strong if isinstance(strong, nodes.strong) else child)
            self.body.append("}\n")
        elif isinstance(child, nodes.field_list):
            _fields(self, child)
        else:
            _walk(self, child)
    self.body.append(r"\pbheaderend" + "\n")
    raise nodes.SkipNode


def visit_badge(self: Translator, node: pb_badge) -> None:
    self.body.append(rf"\pbbadge{{{_word(node.get('pb_tone'), 'secondary')}}}{{")


def depart_badge(self: Translator, node: pb_badge) -> None:
    self.body.append("}")
    if node.get("pb_tooltip"):  # a grade's wording: on paper there is no hover
        self.body.append(rf" {{\small({self.encode(node['pb_tooltip'])})}}")


def visit_date(self: Translator, node: pb_date) -> None:
    self.body.append(r"\pbdateuncertain{" if node.get("pb_uncertain") else r"\pbdate{")


def depart_date(self: Translator, node: pb_date) -> None:
    self.body.append("}")


def visit_connections(self: Translator, node: pb_connections_box) -> None:
    mode = settings_from(self.config).latex_connections
    if mode == "none":
        raise nodes.SkipNode
    title = next((c for c in node.children if isinstance(c, nodes.rubric)), None)
    field_list = next((c for c in node.children if isinstance(c, nodes.field_list)), None)
    if field_list is None:
        raise nodes.SkipNode
    heading = self.encode(title.astext()) if title is not None else ""
    self.body.append("\n" + r"\begin{pbconnections}" + "\n")
    if mode == "compact":
        self.body.append(rf"\pbconnectionsrunin{{{heading}}}")
        _fields(self, field_list, r"\pbrel")
    else:
        self.body.append(rf"\pbconnectionstitle{{{heading}}}" + "\n")
        _fields(self, field_list, flat=False)
    self.body.append("\n" + r"\end{pbconnections}" + "\n")
    raise nodes.SkipNode


# -- views ------------------------------------------------------------------------------------


def visit_view(self: Translator, node: nodes.Element) -> None:
    self.body.append("\n")


def depart_view(self: Translator, node: nodes.Element) -> None:
    self.body.append("\n")


def visit_key_judgments(self: Translator, node: pb_key_judgments) -> None:
    title = next((c for c in node.children if isinstance(c, nodes.title)), None)
    heading = self.encode(title.astext()) if title is not None else ""
    self.body.append("\n" + rf"\begin{{pbkeyjudgments}}{{{heading}}}" + "\n")
    for child in node.children:
        if child is not title:
            _walk(self, child)
    self.body.append("\n" + r"\end{pbkeyjudgments}" + "\n")
    raise nodes.SkipNode


def visit_timeline(self: Translator, node: pb_timeline) -> None:
    """The events as a chronology table: date, event with its summary, actors."""
    rows = list(node.findall(lambda n: isinstance(n, pb_timeline_year | pb_timeline_event)))
    if not any(isinstance(n, pb_timeline_event) for n in rows):
        raise nodes.SkipNode
    date, event, actors = (self.encode(str(h)) for h in (_("Date"), _("Event"), _("Actors")))
    self.body.append("\n" + rf"\begin{{pbchronology}}{{{date}}}{{{event}}}{{{actors}}}" + "\n")
    years = sum(isinstance(n, pb_timeline_year) for n in rows)
    for row in rows:
        if isinstance(row, pb_timeline_year):
            if years > 1:  # one heading over the whole table says nothing
                self.body.append(rf"\pbchronoyear{{{self.encode(row.astext())}}}" + "\n")
        elif isinstance(row, pb_timeline_event):
            _chronology_row(self, row)
    self.body.append(r"\end{pbchronology}" + "\n")
    raise nodes.SkipNode


def _part(event: nodes.Element, cls: str) -> nodes.Element | None:
    for found in event.findall(nodes.Element):
        if found is not event and cls in found.get("classes", ()):
            return found
    return None


def _chronology_row(self: Translator, event: nodes.Element) -> None:
    date, title = _part(event, "pb-tl-date"), _part(event, "pb-tl-title")
    summary, actors = _part(event, "pb-tl-summary"), _part(event, "pb-tl-actors")
    evidence = _part(event, "pb-tl-evidence")
    if date is not None:
        _inline(self, date)
    self.body.append(" & ")
    if title is not None:
        _inline(self, title)
    if summary is not None:
        self.body.append(" --- ")
        _inline(self, summary)
    if evidence is not None:
        self.body.append(r"\pbchronoevidence{")
        _inline(self, evidence)
        self.body.append("}")
    self.body.append(" & ")
    if actors is not None:
        # Its first child is the label ("Actors: "), which the column heading replaces.
        for child in actors.children[1:]:
            _walk(self, child)
    self.body.append(r" \pbchronorowend" + "\n")


def visit_skip(self: Translator, node: nodes.Node) -> None:
    """The overview drawing and the year links are for the screen: the table replaces them."""
    raise nodes.SkipNode


def visit_year(self: Translator, node: pb_timeline_year) -> None:
    self.visit_rubric(node)


def depart_year(self: Translator, node: pb_timeline_year) -> None:
    self.depart_rubric(node)


def visit_group(self: Translator, node: nodes.Element) -> None:
    """A grouping with no look of its own in print: its content as it comes."""


def depart_group(self: Translator, node: nodes.Element) -> None:
    pass


def visit_calibration(self: Translator, node: pb_calibration_chart) -> None:
    """The calibration chart as rows of ``\\pbcalrow``: a band over the stated range and
    a mark at the observed frequency, drawn with rules (``policybrief.sty``)."""
    self.body.append("\n" + r"\begin{pbcalibration}" + "\n")
    for bar in node["pb_bars"]:
        low = (bar.low or 0.0) / 100
        width = ((bar.high or 0.0) - (bar.low or 0.0)) / 100 if bar.high is not None else 0.0
        mark = f"{bar.frequency:.4f}" if bar.frequency is not None else ""
        self.body.append(
            rf"\pbcalrow{{{self.encode(bar.label)}}}{{{low:.4f}}}{{{width:.4f}}}"
            rf"{{{mark}}}{{{self.encode(bar.count_label)}}}" + "\n"
        )
    self.body.append(r"\end{pbcalibration}" + "\n")
    raise nodes.SkipNode


# -- analysis: argument maps, ACH matrices ------------------------------------------------------

#: The text width of a Sphinx manual, and the room a landscape page offers (its text
#: height across, its text width down, less the title).
_TEXT_WIDTH_PT = 426.0
_LANDSCAPE_PT = (600.0, 380.0)
#: A map is never scaled below this (its 11pt titles would fall under 5.5pt). A map that
#: would need more goes on a landscape page; one too large even there is split into
#: overlapping tiles, each on a landscape page of its own, read left to right, top down.
MAP_SCALE_FLOOR = 0.5
_TILE_OVERLAP = 120.0  # layout units shared by neighbouring tiles, so no box is lost
_LEGEND_ROW = 20.0


def visit_argument_map(self: Translator, node: pb_argument_map) -> None:
    """The map as a TikZ picture with links to the objects, never below
    :data:`MAP_SCALE_FLOOR`: at text width, on a landscape page, or in tiles."""
    drawn = node["pb_layout"]
    labels: dict[str, str] = node.get("pb_labels", {})
    kinds = {(b.node.kind, b.node.claim_kind) for b in drawn.boxes}
    width = max(float(drawn.width), 1.0)
    height = float(drawn.height) + (len(drawn.relations) + len(kinds) + 1) * _LEGEND_ROW
    title = self.encode(str(node.get("pb_title", "")))
    relation_labels: dict[str, str] = node.get("pb_relation_labels", {})
    if _TEXT_WIDTH_PT / width >= MAP_SCALE_FLOOR:
        picture = render_tikz(
            drawn, link=labels.get, max_width_pt=_TEXT_WIDTH_PT, relation_labels=relation_labels
        )
        self.body.append("\n" + rf"\begin{{pbmap}}{{{title}}}" + "\n" + picture)
        self.body.append(r"\end{pbmap}" + "\n")
        raise nodes.SkipNode
    across, down = _LANDSCAPE_PT
    scale = max(MAP_SCALE_FLOOR, min(0.75, across / width, down / height))
    picture = render_tikz(
        drawn, link=labels.get, max_width_pt=width * scale, relation_labels=relation_labels
    )
    tile_w, tile_h = across / scale, down / scale
    xs = _tile_starts(width, tile_w)
    ys = _tile_starts(height, tile_h)
    tiles = [(x, y) for y in ys for x in xs]
    self.body.append("\n" + r"\begin{landscape}" + "\n")
    head, _sep, rest = picture.partition("\n")
    for index, (x, y) in enumerate(tiles, start=1):
        if index > 1:
            self.body.append(r"\clearpage" + "\n")
        heading = title
        if len(tiles) > 1:
            part = _("part %(part)d of %(parts)d") % {"part": index, "parts": len(tiles)}
            heading = f"{title} ({self.encode(part)})"
        self.body.append(rf"\pbmaptitle{{{heading}}}" + "\n" + r"\begin{center}" + "\n")
        right, bottom = min(width, x + tile_w), min(height, y + tile_h)
        box = f"({x:.1f},{y:.1f}) rectangle ({right:.1f},{bottom:.1f})"
        clip = f"\\path[use as bounding box] {box};\n\\clip {box};\n" if len(tiles) > 1 else ""
        self.body.append(head + "\n" + clip + rest)
        self.body.append(r"\end{center}" + "\n")
    self.body.append(r"\end{landscape}" + "\n")
    raise nodes.SkipNode


def _tile_starts(extent: float, tile: float) -> list[float]:
    """Where each tile starts along one axis, neighbours overlapping by _TILE_OVERLAP."""
    if extent <= tile:
        return [0.0]
    step = tile - _TILE_OVERLAP
    starts = [0.0]
    while starts[-1] + tile < extent:
        starts.append(min(starts[-1] + step, extent - tile))
    return starts


def visit_ach_matrix(self: Translator, node: pb_ach_matrix) -> None:
    """The matrix as a longtable: each rating cell shaded (light fills, dark text, so it
    reads in greyscale) and carrying its code as text."""
    fills: dict[str, str] = node.get("pb_fills", {})
    title = next((c for c in node.children if isinstance(c, nodes.title)), None)
    rows = list(node.findall(nodes.row))
    cols = max((len(r.children) for r in rows), default=1)
    share = 0.6 / max(1, cols - 1)
    spec = "|p{0.34\\linewidth}|" + "".join(
        rf">{{\centering\arraybackslash}}p{{{share:.3f}\linewidth}}|" for _ in range(cols - 1)
    )
    heading = self.encode(title.astext()) if title is not None else ""
    self.body.append("\n" + rf"\begin{{pbach}}{{{spec}}}{{{heading}}}" + "\n")
    for index, row in enumerate(rows):
        cells = []
        for entry in row.children:
            assert isinstance(entry, nodes.Element)
            classes: list[str] = entry.get("classes", [])
            fill = next((fills[c] for c in classes if c in fills), "")
            start = len(self.body)
            if fill:
                self.body.append(rf"\cellcolor[HTML]{{{fill.lstrip('#').upper()}}}")
                self.body.append(self.encode(entry.astext()))
            else:
                _inline(self, entry)
            cells.append("".join(self.body[start:]))
            del self.body[start:]
        line = " & ".join(cells) + r" \\ \hline"
        if "pb-ach-score-row" in row.get("classes", ()):
            line = r"\hline " + line
        self.body.append(line + "\n")
        if index == 0:
            self.body.append(r"\endhead" + "\n")
    self.body.append(r"\end{pbach}" + "\n")
    raise nodes.SkipNode


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
