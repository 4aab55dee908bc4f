"""An argument map's layout drawn as TikZ code, so the PDF has the same vector picture.

Every piece of text goes through :func:`latex_escape`; nothing else is interpolated but
numbers, colours from the style table and link labels that passed :func:`_safe_label`.
The caller's preamble needs ``\\usepackage{tikz}`` (and hyperref, which Sphinx loads).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .argument_map import (
    CAPTION_SIZE,
    FONT_SIZE,
    LINE_HEIGHT,
    ArgumentMapLayout,
    EdgeStyle,
    LayoutOptions,
    edge_style,
    legend_kinds,
    node_style,
)

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "[": "{[}",  # a bracket right after a macro would read as its optional argument
    "]": "{]}",
}
_SPECIAL = re.compile("|".join(re.escape(k) for k in _SPECIALS))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
# Sphinx's LaTeX labels: docname and anchor joined by ':'; anything else is not linked.
_LABEL = re.compile(r"^[A-Za-z0-9:._/-]+$")
_LEGEND_ROW = 20.0
_LEGEND_SAMPLE = 44.0


def latex_escape(text: str) -> str:
    """*text* as LaTeX that typesets it literally: specials escaped, controls and line
    breaks turned into spaces."""
    return _SPECIAL.sub(lambda m: _SPECIALS[m.group(0)], _CONTROL.sub(" ", text))


def _safe_label(label: str | None) -> str:
    return label if label and _LABEL.match(label) else ""


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _colour(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"{{rgb,255:red,{red};green,{green};blue,{blue}}}"


def _dash(pattern: tuple[float, ...], scale: float) -> str:
    pairs = []
    for index, value in enumerate(pattern):
        pairs.append(f"{'on' if index % 2 == 0 else 'off'} {_num(value * scale)}pt")
    return f"dash pattern={' '.join(pairs)}"


def _edge_options(style: EdgeStyle, scale: float, symmetric: bool) -> str:
    head = "stealth" if style.head == "filled" else "to"
    options = [
        f"draw={_colour(style.colour)}",
        f"line width={_num(style.width * scale)}pt",
        f"{head}-{head}" if symmetric else f"-{head}",
    ]
    if style.dash:
        options.append(_dash(style.dash, scale))
    return ", ".join(options)


def _font(size: float, scale: float) -> str:
    """Node options for text of *size* layout units: set at 10pt and scaled, because
    LaTeX's fonts snap tiny sizes up (Computer Modern has no 4pt), and the text would
    outgrow its box."""
    factor = size * scale / 10
    return rf"scale={_num(factor)}, font=\fontsize{{10}}{{12}}\selectfont\sffamily"


def render_tikz(
    layout: ArgumentMapLayout,
    *,
    link: Callable[[str], str | None] | None = None,
    max_width_pt: float = 426.0,
    relation_labels: Mapping[str, str] | None = None,
    options: LayoutOptions | None = None,
) -> str:
    """The map as a ``tikzpicture`` no wider than *max_width_pt* (the text width of a
    Sphinx manual by default). *link* gives the hyperref label of a node, or None."""
    opts = options or LayoutOptions()
    labels = relation_labels or {}
    scale = min(0.75, max_width_pt / layout.width) if layout.width else 0.75
    out = [
        rf"\begin{{tikzpicture}}[x={_num(scale)}pt, y=-{_num(scale)}pt, "
        "every node/.style={inner sep=0pt, outer sep=0pt, anchor=north west}]"
    ]
    for path in layout.edges:
        style = edge_style(path.edge.relation)
        points = " -- ".join(f"({_num(x)},{_num(y)})" for x, y in path.points)
        out.append(rf"\draw[{_edge_options(style, scale, path.edge.symmetric)}] {points};")
    for box in layout.boxes:
        look = node_style(box.node)
        options_ = [
            f"fill={_colour(look.fill)}",
            f"draw={_colour(look.border)}",
            f"line width={_num(look.border_width * scale)}pt",
            f"rounded corners={_num(4 * scale)}pt",
        ]
        if look.border_dash:
            options_.append(_dash(look.border_dash, scale))
        out.append(
            rf"\draw[{', '.join(options_)}] ({_num(box.x)},{_num(box.y)}) "
            f"rectangle ({_num(box.x + box.width)},{_num(box.y + box.height)});"
        )
        label = _safe_label(link(box.node.id)) if link else ""
        y = box.y + opts.padding
        for size, lines in ((FONT_SIZE, box.lines), (CAPTION_SIZE, box.caption_lines)):
            for line in lines:
                text = latex_escape(line)
                if label:
                    text = rf"\hyperref[{label}]{{{text}}}"
                out.append(
                    rf"\node[{_font(size, scale)}] at "
                    f"({_num(box.x + opts.padding)},{_num(y)}) {{{text}}};"
                )
                y += size * LINE_HEIGHT
    y = layout.height + _LEGEND_ROW / 2
    for relation in layout.relations:
        style = edge_style(relation)
        out.append(
            rf"\draw[{_edge_options(style, scale, False)}] ({_num(opts.margin)},{_num(y)}) -- "
            f"({_num(opts.margin + _LEGEND_SAMPLE - 6)},{_num(y)});"
        )
        out.append(
            rf"\node[{_font(FONT_SIZE, scale)}, anchor=west] at "
            f"({_num(opts.margin + _LEGEND_SAMPLE + 8)},{_num(y)}) "
            f"{{{latex_escape(labels.get(relation, relation))}}};"
        )
        y += _LEGEND_ROW
    for kind_label, node in legend_kinds(layout):
        look = node_style(node)
        out.append(
            rf"\draw[fill={_colour(look.fill)}, draw={_colour(look.border)}] "
            f"({_num(opts.margin)},{_num(y - 7)}) rectangle "
            f"({_num(opts.margin + _LEGEND_SAMPLE - 6)},{_num(y + 7)});"
        )
        out.append(
            rf"\node[{_font(FONT_SIZE, scale)}, anchor=west] at "
            f"({_num(opts.margin + _LEGEND_SAMPLE + 8)},{_num(y)}) {{{latex_escape(kind_label)}}};"
        )
        y += _LEGEND_ROW
    out.append(r"\end{tikzpicture}")
    return "\n".join(out) + "\n"
