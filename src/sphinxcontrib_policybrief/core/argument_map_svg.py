"""An argument map's layout drawn as SVG for HTML pages, built with ElementTree.

The picture is not an image with one label: each node is a link (``<a href>``) that
keyboard and screen-reader users can reach, the map has a ``<title>`` and a ``<desc>``,
and the caller shows :func:`~.argument_map.outline` next to it as the text alternative.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping

from .argument_map import (
    CAPTION_SIZE,
    FONT_SIZE,
    LINE_HEIGHT,
    ArgumentMapLayout,
    EdgeStyle,
    LayoutOptions,
    MapNode,
    edge_style,
    legend_kinds,
    node_classes,
    node_style,
    text_width,
)
from .timeline_svg import _safe_href as safe_href

SVG_NS = "http://www.w3.org/2000/svg"
# Characters XML 1.0 cannot hold: dropped from every text and attribute written.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LEGEND_ROW = 20.0
_LEGEND_SAMPLE = 44.0
_CONFIDENCE_NOTE = "Border: thick high, medium moderate, thin low confidence; dashed: none given"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _dash(pattern: tuple[float, ...]) -> str:
    return " ".join(_num(v) for v in pattern)


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
    )
    if text:
        element.text = _clean(text)
    return element


def _marker(defs: ET.Element, marker_id: str, style: EdgeStyle) -> None:
    marker = _sub(
        defs,
        "marker",
        id=marker_id,
        viewBox="0 0 10 10",
        refX="9",
        refY="5",
        markerWidth="7",
        markerHeight="7",
        orient="auto-start-reverse",
        markerUnits="strokeWidth",
    )
    fill = style.colour if style.head == "filled" else "#ffffff"
    _sub(marker, "path", d="M 0 0 L 10 5 L 0 10 z", fill=fill, stroke=style.colour)


def render_svg(
    layout: ArgumentMapLayout,
    *,
    href: Callable[[str], str],
    title: str,
    description: str = "",
    id_prefix: str = "pb-map",
    relation_labels: Mapping[str, str] | None = None,
    options: LayoutOptions | None = None,
) -> str:
    """The map as one ``<svg>`` element (a string, to be embedded in the page).

    *href* gives each node's link; *id_prefix* keeps ids unique when a page has several
    maps; *relation_labels* names relations in the legend ("Supports"), by default the
    relation name.
    """
    opts = options or LayoutOptions()
    labels = relation_labels or {}
    kinds = legend_kinds(layout)
    legend_rows = len(layout.relations) + len(kinds) + 1
    legend_height = legend_rows * _LEGEND_ROW + opts.margin
    widest_legend = max(
        [text_width(_CONFIDENCE_NOTE, CAPTION_SIZE)]
        + [text_width(labels.get(r, r)) + _LEGEND_SAMPLE + 8 for r in layout.relations]
        + [text_width(k) + _LEGEND_SAMPLE + 8 for k, _ in kinds]
    )
    width = max(layout.width, widest_legend + 2 * opts.margin)
    height = layout.height + legend_height
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "pb-argument-map",
            "viewBox": f"0 0 {_num(width)} {_num(height)}",
            "width": _num(width),
            "height": _num(height),
            "aria-labelledby": title_id,
            "aria-describedby": desc_id,
            "font-family": "sans-serif",
        },
    )
    _sub(svg, "title", title, id=title_id)
    summary = description or (
        f"Argument map of {len(layout.boxes)} objects and {len(layout.edges)} relations; "
        "the outline that follows lists the same."
    )
    _sub(svg, "desc", summary, id=desc_id)

    defs = _sub(svg, "defs")
    markers: dict[str, str] = {}
    for relation in layout.relations:
        markers[relation] = marker_id = f"{id_prefix}-arrow-{len(markers)}"
        _marker(defs, marker_id, edge_style(relation))

    edges = _sub(svg, "g", class_="pb-map-edges", fill="none")
    titles = {b.node.id: b.node.title for b in layout.boxes}
    for path in layout.edges:
        style = edge_style(path.edge.relation)
        attrs = {
            "class": f"pb-map-edge pb-relation-{path.edge.relation}",
            "points": " ".join(f"{_num(x)},{_num(y)}" for x, y in path.points),
            "stroke": style.colour,
            "stroke-width": _num(style.width),
            "marker-end": f"url(#{markers[path.edge.relation]})",
        }
        if style.dash:
            attrs["stroke-dasharray"] = _dash(style.dash)
        if path.edge.symmetric:
            attrs["marker-start"] = attrs["marker-end"]
        line = ET.SubElement(edges, "polyline", attrs)
        relation = labels.get(path.edge.relation, path.edge.relation)
        _sub(line, "title", f"{titles[path.edge.tail]} — {relation} — {titles[path.edge.head]}")

    nodes = _sub(svg, "g", class_="pb-map-nodes")
    for box in layout.boxes:
        look = node_style(box.node)
        link_attrs = {"class": " ".join(node_classes(box.node))}
        target = safe_href(href(box.node.id))
        if target:
            link_attrs["href"] = target
        link = ET.SubElement(nodes, "a", link_attrs)
        _sub(link, "title", box.node.title or box.node.id)
        rect = {
            "x": _num(box.x),
            "y": _num(box.y),
            "width": _num(box.width),
            "height": _num(box.height),
            "rx": "4",
            "fill": look.fill,
            "stroke": look.border,
            "stroke-width": _num(look.border_width),
        }
        if look.border_dash:
            rect["stroke-dasharray"] = _dash(look.border_dash)
        ET.SubElement(link, "rect", rect)
        x = box.x + opts.padding
        y = box.y + opts.padding
        text = _sub(link, "text", font_size=_num(FONT_SIZE), fill="#111111")
        for line_text in box.lines:
            y += FONT_SIZE * LINE_HEIGHT
            _sub(text, "tspan", line_text, x=_num(x), y=_num(y - FONT_SIZE * 0.3))
        caption = _sub(
            link, "text", class_="pb-map-caption", font_size=_num(CAPTION_SIZE), fill="#333333"
        )
        for line_text in box.caption_lines:
            y += CAPTION_SIZE * LINE_HEIGHT
            _sub(caption, "tspan", line_text, x=_num(x), y=_num(y - CAPTION_SIZE * 0.3))

    _legend(svg, layout, labels, markers, kinds, opts.margin, layout.height)
    return ET.tostring(svg, encoding="unicode")


def _legend(
    svg: ET.Element,
    layout: ArgumentMapLayout,
    labels: Mapping[str, str],
    markers: Mapping[str, str],
    kinds: tuple[tuple[str, MapNode], ...],
    margin: float,
    top: float,
) -> None:
    legend = _sub(svg, "g", class_="pb-map-legend", font_size=_num(FONT_SIZE), fill="#111111")
    y = top + _LEGEND_ROW / 2
    for relation in layout.relations:
        style = edge_style(relation)
        attrs = {
            "x1": _num(margin),
            "y1": _num(y),
            "x2": _num(margin + _LEGEND_SAMPLE - 6),
            "y2": _num(y),
            "stroke": style.colour,
            "stroke-width": _num(style.width),
            "marker-end": f"url(#{markers[relation]})",
        }
        if style.dash:
            attrs["stroke-dasharray"] = _dash(style.dash)
        ET.SubElement(legend, "line", attrs)
        _sub(
            legend,
            "text",
            labels.get(relation, relation),
            x=_num(margin + _LEGEND_SAMPLE + 8),
            y=_num(y + FONT_SIZE * 0.35),
        )
        y += _LEGEND_ROW
    for label, node in kinds:
        look = node_style(node)
        _sub(
            legend,
            "rect",
            x=_num(margin),
            y=_num(y - 7),
            width=_num(_LEGEND_SAMPLE - 6),
            height="14",
            rx="3",
            fill=look.fill,
            stroke=look.border,
            stroke_width="1.5",
        )
        _sub(
            legend, "text", label, x=_num(margin + _LEGEND_SAMPLE + 8), y=_num(y + FONT_SIZE * 0.35)
        )
        y += _LEGEND_ROW
    _sub(
        legend,
        "text",
        _CONFIDENCE_NOTE,
        x=_num(margin),
        y=_num(y + CAPTION_SIZE * 0.35),
        font_size=_num(CAPTION_SIZE),
    )
