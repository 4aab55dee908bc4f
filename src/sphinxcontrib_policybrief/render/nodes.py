"""Our node types: what a piece of a brief *is*; each writer's visitors say how it looks.

Two families:

- placeholders (``pb_header``, ``pb_connections``, ``pb_view``), left by the directives at
  read time and replaced by the post-transform once the whole project is known;
- drawn nodes, which the post-transform builds and the html, latex and text visitors
  (``html.py``, ``latex.py``, ``text.py``) render. Each subclasses the docutils node it
  is closest to, so a writer we have no visitors for (man, texinfo, xml) still shows its
  content through that node's own visitor.

``pb_object`` belongs to both: the directive leaves it, the visitors draw it.
"""

from __future__ import annotations

from docutils import nodes

# -- placeholders (read time) -----------------------------------------------------------------


class pb_header(nodes.General, nodes.Element):
    """Holds an object's parsed title (and source); becomes its header and metadata."""


class pb_connections(nodes.General, nodes.Element):
    """Where an object's connections, computed from the whole project, are drawn."""


class pb_view(nodes.General, nodes.Element):
    """A timeline or index directive; replaced by the list it asks for."""


# -- analysis placeholders (argument maps, ACH matrices) ----------------------------------------


class pb_map_slot(nodes.General, nodes.Element):
    """An ``argument-map`` directive: ``pb_serial`` finds its request in the domain."""


class pb_ach_slot(nodes.General, nodes.Element):
    """An ``ach-matrix`` directive: ``pb_anchor`` names its matrix in the domain (not
    ``pb_id``, which marks an object's own container)."""


PLACEHOLDERS = (pb_header, pb_connections, pb_view, pb_map_slot, pb_ach_slot)

# -- drawn nodes ------------------------------------------------------------------------------


class pb_object(nodes.container):
    """One claim, actor, timeline event or paradox: header, body, connections.

    ``pb_id`` and ``pb_kind`` say which object it is; its ``ids`` are the anchor.
    """


class pb_object_header(nodes.container):
    """An object's kicker (badges, date), title and metadata: never parted from its body."""


class pb_object_title(nodes.paragraph):
    """An object's title: a heading for screen readers, with a permalink in HTML.

    ``pb_anchor`` is the object's anchor (its record's, which may differ from the id);
    ``pb_link_title`` the permalink's tooltip. Other writers draw it as a paragraph.
    """


class pb_badge(nodes.inline):
    """A short label in a coloured box: a kind, a likelihood, a confidence, a status, a tag.

    ``pb_tone`` names its colour by meaning (``dark``, ``danger``, ``warning``, ``info``,
    ``primary``, ``success``, ``secondary``; ``plain`` for tags). ``pb_tooltip``, when
    set, is the full wording of a grade ("fairly reliable / possibly true"): a tooltip in
    HTML, written out after the badge in print and text.
    """


class pb_date(nodes.inline):
    """An event's date as the reader should see it; the text is the label.

    ``pb_datetime`` is the machine-readable value (HTML ``datetime``), ``pb_tooltip`` the
    generated wording with its EDTF; ``pb_uncertain`` marks approximate or uncertain dates
    and ``pb_unknown`` an event without a date.
    """


class pb_connections_box(nodes.container):
    """An object's connections from the whole project: a title and one field per relation."""


class pb_fold(nodes.container):
    """The rest of a long connection list, folded in HTML behind ``pb_summary``
    ("Show all 14"): a ``<details>``, which opens without JavaScript. Only HTML builds
    make it; print and text list every link."""


class pb_view_box(nodes.container):
    """What a view directive drew; ``pb_view`` is the view's name (``timeline`` ...)."""


class pb_key_judgments(nodes.admonition):
    """The key judgments: a titled box with the numbered list of judgments."""


class pb_timeline(nodes.container):
    """A timeline's events, year by year: a list on screen, a chronology table in print."""


class pb_timeline_jump(nodes.paragraph):
    """Links to the year headings of a timeline: a navigation aid for long pages."""


class pb_timeline_year(nodes.rubric):
    """The heading of one year (or decade, or "Date unknown") of a timeline."""


class pb_timeline_event(nodes.container):
    """One event of a timeline: date, title, summary, actors, what it is evidence for.

    Its children are paragraphs with the classes ``pb-tl-date``, ``pb-tl-title``,
    ``pb-tl-summary`` and ``pb-tl-details``; inside the details, spans ``pb-tl-actors``
    and ``pb-tl-evidence`` start with their label as a text node.
    """


class pb_timeline_overview(nodes.General, nodes.Element):
    """The overview drawing of a timeline on a linear time scale.

    ``pb_marks`` holds the dated events to draw (``core.timeline_svg.TimelineMark``),
    ``pb_undated`` how many more the timeline lists without a date, ``pb_label`` the
    drawing's accessible name and ``pb_name`` a name unique in the project (for an
    image file); the HTML visitor asks the core to draw it, across and down the page.
    Print and text have the chronology instead.
    """


# -- forecasts and editions (core/forecast.py, core/editions.py) ------------------------------


class pb_calibration_chart(nodes.General, nodes.Element):
    """The calibration chart of a forecast record: each likelihood term's stated range
    against how often its forecasts happened.

    ``pb_bars`` holds the rows (``core.calibration_svg.CalibrationBar``) and ``pb_label``
    the chart's accessible name: SVG in HTML, bars of rules in LaTeX, lines in text.
    """


# -- analysis drawings ---------------------------------------------------------------------------


class pb_argument_map(nodes.General, nodes.Element):
    """An argument map's drawing: ``pb_layout`` (``core.argument_map.ArgumentMapLayout``),
    ``pb_hrefs`` (node id → HTML link), ``pb_labels`` (node id → LaTeX label),
    ``pb_relation_labels``, ``pb_title``, ``pb_name`` (unique per page). The outline list
    beside it is ordinary nodes, the text alternative every writer shows."""


class pb_ach_matrix(nodes.table):
    """An ACH matrix as a table: entries carry ``pb-ach-<rating>`` classes and the rating
    as text; ``pb_fills`` maps each class to its print fill (LaTeX cell colour)."""


DRAWN = (
    pb_object,
    pb_object_header,
    pb_object_title,
    pb_badge,
    pb_date,
    pb_connections_box,
    pb_fold,
    pb_view_box,
    pb_key_judgments,
    pb_timeline,
    pb_timeline_jump,
    pb_timeline_year,
    pb_timeline_event,
    pb_timeline_overview,
    pb_calibration_chart,
    pb_argument_map,
    pb_ach_matrix,
)
