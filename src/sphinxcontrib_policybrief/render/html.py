"""HTML visitors: html, dirhtml and singlehtml, and epub (which draws the overview apart).

Every attribute and text goes through the translator's ``starttag`` and ``encode``, which
escape them; the one piece of markup not made here, the overview drawing, is written by
the core's XML serialiser.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes

from ..core.argument_map_svg import render_svg
from ..core.calibration_svg import render_calibration
from ..core.timeline_svg import draw_overview
from ..locale import translations
from .nodes import (
    pb_argument_map,
    pb_badge,
    pb_calibration_chart,
    pb_date,
    pb_fold,
    pb_object_title,
    pb_timeline_overview,
)

# A badge's tone is a class of ours ("pb-tone-info"): policybrief.css gives each tone a
# light and a dark colour pair that follow the theme's mode.
_TONES = frozenset(
    ("dark", "danger", "warning", "secondary", "info", "primary", "success", "plain")
)

# Visitors are bound to the translator by Sphinx; "Any" since the html5 translator's
# methods (starttag, encode, visit_container) are not typed as one class for every builder.
Translator = Any


def visit_block(self: Translator, node: nodes.Element) -> None:
    """Objects, their connections, views and timeline entries: a <div> with their classes,
    and the ``data-*`` attributes the page scripts read (``pb_data``: name -> text)."""
    data = node.get("pb_data") or {}
    attributes = {f"data-{name}": str(value) for name, value in sorted(data.items())}
    self.body.append(self.starttag(node, "div", CLASS="docutils container", **attributes))


def depart_block(self: Translator, node: nodes.Element) -> None:
    self.depart_container(node)


def visit_transparent(self: Translator, node: nodes.Element) -> None:
    """A grouping that needs no element of its own in HTML (the header, a timeline)."""


def depart_transparent(self: Translator, node: nodes.Element) -> None:
    pass


def visit_object_title(self: Translator, node: pb_object_title) -> None:
    """The title as a heading one level below its section's (``role="heading"``), so that
    a screen reader moves from object to object without the title joining the theme's
    outline of real headings; with a permalink as Sphinx gives its headings."""
    level = min(int(getattr(self, "section_level", 0)) + 1, 6)
    self.body.append(self.starttag(node, "p", "", role="heading", **{"aria-level": str(level)}))


def depart_object_title(self: Translator, node: pb_object_title) -> None:
    anchor = node.get("pb_anchor", "")
    if anchor and self.config.html_permalinks and getattr(self.builder, "add_permalinks", False):
        href, title = self.encode(anchor), self.encode(node.get("pb_link_title", ""))
        icon = self.config.html_permalinks_icon  # markup by design, as Sphinx inserts it
        self.body.append(f'<a class="headerlink" href="#{href}" title="{title}">{icon}</a>')
    self.body.append("</p>\n")


def visit_fold(self: Translator, node: pb_fold) -> None:
    self.body.append(self.starttag(node, "details", "", CLASS="pb-fold"))
    self.body.append(
        self.starttag(nodes.Element(), "summary", "") + self.encode(node.get("pb_summary", ""))
    )
    self.body.append("</summary>")


def depart_fold(self: Translator, node: pb_fold) -> None:
    self.body.append("</details>\n")


def visit_badge(self: Translator, node: pb_badge) -> None:
    # "pb-badge", the tone's class, then the node's own ("pb-likelihood").
    tone = node.get("pb_tone", "")
    classes = ["pb-badge", f"pb-tone-{tone if tone in _TONES else 'secondary'}"]
    extra = {"title": node["pb_tooltip"]} if node.get("pb_tooltip") else {}
    self.body.append(self.starttag(node, "span", "", classes=classes, **extra))


def depart_badge(self: Translator, node: pb_badge) -> None:
    self.body.append("</span>")


def visit_date(self: Translator, node: pb_date) -> None:
    if node.get("pb_unknown") or not node.get("pb_datetime"):
        self.body.append(self.starttag(node, "span", ""))
        return
    self.body.append(
        self.starttag(
            node, "time", "", datetime=node["pb_datetime"], title=node.get("pb_tooltip", "")
        )
    )


def depart_date(self: Translator, node: pb_date) -> None:
    unknown = node.get("pb_unknown") or not node.get("pb_datetime")
    self.body.append("</span>" if unknown else "</time>")


def visit_key_judgments(self: Translator, node: nodes.Element) -> None:
    self.visit_admonition(node)


def depart_key_judgments(self: Translator, node: nodes.Element) -> None:
    self.depart_admonition(node)


def visit_jump(self: Translator, node: nodes.Element) -> None:
    self.visit_paragraph(node)


def depart_jump(self: Translator, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_year(self: Translator, node: nodes.Element) -> None:
    self.visit_rubric(node)


def depart_year(self: Translator, node: nodes.Element) -> None:
    self.depart_rubric(node)


def visit_overview(self: Translator, node: pb_timeline_overview) -> None:
    """Both drawings, across and down the page; the stylesheet shows the one that fits.
    In an EPUB the first as an image, whose alternative text is its description."""
    label = node.get("pb_label", "")
    epub = self.builder.name.startswith("epub")
    drawing = draw_overview(
        node["pb_marks"],
        label=label,
        language=self.config.language,
        translations=translations(),
        undated=node.get("pb_undated", 0),
        filterable=not epub,
    )
    self.body.append(self.starttag(node, "div", "", CLASS="pb-tl-overview"))
    if epub:
        src = _svg_image(self, _file_name(node), drawing.horizontal)
        # A bare element: the <div> carries the node's ids and classes, the image none.
        alt = f"{label}: {drawing.description}"
        self.body.append(
            self.emptytag(nodes.Element(), "img", "", src=src, alt=alt, CLASS="pb-tl-svg")
        )
    else:
        self.body.append(drawing.horizontal)
        self.body.append(drawing.vertical)
    self.body.append("</div>")
    raise nodes.SkipNode


def _file_name(node: pb_timeline_overview) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(node.get("pb_name", "timeline")))
    return f"pb-overview-{stem}.svg"


def visit_calibration(self: Translator, node: pb_calibration_chart) -> None:
    """The calibration chart: inline SVG, or an image in an EPUB (as the overview)."""
    label = node.get("pb_label", "")
    svg = render_calibration(node["pb_bars"], label=label)
    self.body.append(self.starttag(node, "div", "", CLASS="pb-calibration"))
    if self.builder.name.startswith("epub"):
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(node.get("pb_name", "calibration")))
        name = f"pb-calibration-{stem}.svg"
        src = _svg_image(self, name, svg)
        self.body.append(self.emptytag(node, "img", "", src=src, alt=label, CLASS="pb-cal-svg"))
    else:
        self.body.append(svg)
    self.body.append("</div>")
    raise nodes.SkipNode


# -- analysis: argument maps, ACH matrices ------------------------------------------------------


def visit_argument_map(self: Translator, node: pb_argument_map) -> None:
    """The map as inline SVG whose nodes link to their objects; in EPUB an image of it."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", str(node.get("pb_name", "map")))
    hrefs: dict[str, str] = node.get("pb_hrefs", {})
    epub = self.builder.name.startswith("epub")
    svg = render_svg(
        node["pb_layout"],
        href=(lambda ident: "") if epub else (lambda ident: hrefs.get(ident, "")),
        title=node.get("pb_title", ""),
        description=node.get("pb_description", ""),
        id_prefix=f"pb-map-{name}",
        relation_labels=node.get("pb_relation_labels", {}),
    )
    self.body.append(self.starttag(node, "div", "", CLASS="pb-map"))
    if epub:
        # As for the timeline overview: an EPUB page cannot declare inline SVG.
        file_name = f"pb-map-{name}.svg"
        src = _svg_image(self, file_name, svg)
        self.body.append(
            self.emptytag(
                node, "img", "", src=src, alt=node.get("pb_title", ""), CLASS="pb-map-svg"
            )
        )
    else:
        self.body.append(svg)
    self.body.append("</div>")
    raise nodes.SkipNode


def visit_ach_matrix(self: Translator, node: nodes.Element) -> None:
    self.visit_table(node)


def depart_ach_matrix(self: Translator, node: nodes.Element) -> None:
    self.depart_table(node)


def _svg_image(self: Translator, name: str, svg: str) -> str:
    """Write *svg* as the image file *name* of an EPUB and return its path for ``src``.

    EPUB readers take inline SVG only from pages declared to hold it, which Sphinx's
    manifest cannot say: there each drawing is an image file the manifest lists.
    """
    folder = Path(self.builder.outdir, self.builder.imagedir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n", encoding="utf-8"
    )
    return str(posixpath.join(self.builder.imgpath, name))
