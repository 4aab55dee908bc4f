"""``policybrief-timeline.json``: the chronology in Knight Lab's TimelineJS format.

TimelineJS renders ``headline`` and ``text`` as HTML, so every piece of the brief's text
is escaped here. Dates carry only the parts their precision has: a year-precision event
has no month, so TimelineJS does not pretend it happened on 1 January.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from ..dates import DateError, FuzzyDate, Precision, parse_date
from ..model import Kind, TimelineEvent
from .brief import Brief

JSONObject = dict[str, Any]

# Precisions whose single value spans a stretch of months or years worth drawing as a bar.
_SPANS = {Precision.SEASON, Precision.QUARTER, Precision.HALF, Precision.DECADE, Precision.CENTURY}


def timeline_document(brief: Brief) -> JSONObject:
    """The TimelineJS data: a title slide and one slide per dated event, in time order.

    Undated events are left out: TimelineJS needs a start date for every slide.
    """
    graph = brief.graph
    events = [e for e in graph.sorted_objects(Kind.EVENT) if isinstance(e, TimelineEvent)]
    slides = [_slide(brief, e) for e in graph.events_in_time_order(events) if e.date is not None]
    title_text = f"Version {brief.project.version}" if brief.project.version else ""
    return {
        "title": {"text": {"headline": _html(brief.project.title), "text": _html(title_text)}},
        "events": slides,
        "scale": "human",
    }


def _html(text: str) -> str:
    # Element content: quotes may stay as they are, <, > and & may not.
    return escape(text, quote=False)


def date_object(day: date, precision: Precision) -> JSONObject:
    """A TimelineJS date with the year, and the month and day only if *precision* has them."""
    out: JSONObject = {"year": day.year}
    if precision <= Precision.HALF:
        out["month"] = day.month
    if precision is Precision.DAY:
        out["day"] = day.day
    return out


def start_and_end(fuzzy: FuzzyDate) -> tuple[JSONObject, JSONObject | None]:
    """TimelineJS start and end dates for *fuzzy* (end None: a point, or an open end)."""
    if fuzzy.earlier or fuzzy.lower is None:
        # "2012 or earlier" stands at its one known date, as in the HTML timeline.
        assert fuzzy.upper is not None
        return date_object(fuzzy.upper, fuzzy.precision), None
    start = date_object(fuzzy.lower, fuzzy.precision)
    if fuzzy.upper is None:
        return start, None
    if fuzzy.is_interval:
        return start, date_object(fuzzy.upper, _end_precision(fuzzy))
    if fuzzy.precision in _SPANS:
        return start, date_object(fuzzy.upper, fuzzy.precision)
    return start, None


def _end_precision(fuzzy: FuzzyDate) -> Precision:
    try:
        return parse_date(fuzzy.edtf.partition("/")[2]).precision
    except DateError:
        return fuzzy.precision


def _slide(brief: Brief, event: TimelineEvent) -> JSONObject:
    assert event.date is not None
    start, end = start_and_end(event.date)
    paragraphs = []
    summary = brief.summary(event)
    if summary:
        paragraphs.append(f"<p>{_html(summary)}</p>")
    objects = brief.graph.objects
    actors = [objects[i].title for i in brief.related(event, "actors") if i in objects]
    if actors:
        paragraphs.append(f"<p>Actors: {_html(', '.join(actors))}</p>")
    if brief.project.base_url:
        href = escape(brief.absolute_url(event), quote=True)
        paragraphs.append(f'<p><a href="{href}">Read in the brief</a></p>')
    slide: JSONObject = {
        "unique_id": event.id,
        "start_date": start,
        "text": {"headline": _html(event.title), "text": "".join(paragraphs)},
        "display_date": _html(event.display_date),
    }
    if end is not None:
        slide["end_date"] = end
    if event.tags:
        slide["group"] = _html(event.tags[0])
    return slide
