"""A timeline overview drawn at build time as SVG, on a true linear time scale.

The drawing is built as an element tree and written by ``xml.etree.ElementTree``, which
escapes every text and attribute: nothing here escapes by hand. What is removed by hand is
what XML cannot carry at all (control characters, lone surrogates).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import Element, SubElement, tostring

from .dates import DateError, FuzzyDate, Precision, parse_date

__all__ = ["TimelineMark", "render_overview"]

# C0 and C1 controls other than tab and newline, lone surrogates and the two non-characters
# XML 1.0 forbids: any of them makes the SVG invalid or smuggles terminal escapes into it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Browsers drop tabs, newlines and leading spaces or controls when they read a URL's scheme,
# so "java\tscript:" runs as script; compare with all of those removed.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\s]+")
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")

_SVG_NS = "http://www.w3.org/2000/svg"
_MARGIN = 16.0  # room for half a year label and an arrowhead at either end
_AXIS_Y = 24.0
_LABEL_Y = _AXIS_Y - 9.0
_FONT_SIZE = 10
_CHAR_WIDTH = 6.5  # a generous estimate for digits at _FONT_SIZE
_LABEL_GAP = 10.0
_LANE_GAP = 3.0  # horizontal space kept between marks sharing a lane
_MIN_BAR = 3.0
_ARROW = 5.0
_FADE = 18.0
_FADE_STEPS = (0.5, 0.3, 0.15)
_MINOR_TICK_MAX_MONTHS = 36
_DAYS_PER_YEAR_MIN = 365  # a year is never shorter, so label spacing is never overestimated


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """One event on the overview: where it links, its title, its date."""

    href: str
    title: str
    date: FuzzyDate
    label: str = ""  # the author's wording of the date, shown instead of the generated one


def _clean(text: str) -> str:
    """*text* without the characters XML 1.0 cannot hold."""
    return _CONTROL.sub("", text)


def _attribute(text: str) -> str:
    # A parser reads a literal tab or newline in an attribute as a space; the serialiser
    # would keep them as character references instead, so say what a reader gets.
    return _clean(text).replace("\t", " ").replace("\n", " ")


def _safe_href(href: str) -> str:
    """The link target to write, or "" when there is none or it could run script."""
    kept = _CONTROL.sub("", href).replace("\t", "").replace("\n", "").strip()
    compact = _URL_IGNORED.sub("", href).lower()
    if compact.startswith(_UNSAFE_SCHEMES):
        return ""
    return kept


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _tick_step(px_per_year: float, widest_label: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... years whose labels do not touch."""
    needed = widest_label * _CHAR_WIDTH + _LABEL_GAP
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if step * px_per_year >= needed or step >= 10_000:
                return step
        magnitude *= 10


@dataclass(frozen=True, slots=True)
class _Placed:
    mark: TimelineMark
    x0: float  # left edge of the shape
    x1: float  # right edge of the shape
    reach: float  # right edge including decorations, for lane packing
    point: bool
    tail: float = 0.0  # a fade drawn left of x0: a date whose start is not known


class _Scale:
    """Days to x: the whole years from the earliest to the latest bound fill the axis."""

    def __init__(self, first: date, last: date, width: int) -> None:
        self.start = date(first.year, 1, 1).toordinal()
        # One past the last day, so the last day of the axis has a width too.
        self.stop = date(last.year, 12, 31).toordinal() + 1
        self.first_year, self.last_year = first.year, last.year
        self.left, self.right = _MARGIN, width - _MARGIN

    def x(self, ordinal: float) -> float:
        fraction = (ordinal - self.start) / (self.stop - self.start)
        return self.left + (self.right - self.left) * fraction

    @property
    def px_per_year(self) -> float:
        return (self.right - self.left) * _DAYS_PER_YEAR_MIN / (self.stop - self.start)


def _place(mark: TimelineMark, scale: _Scale) -> _Placed:
    fd = mark.date
    point = fd.precision is Precision.DAY and not fd.is_interval and not fd.earlier
    if point and fd.lower is not None:
        centre = scale.x(fd.lower.toordinal() + 0.5)
        return _Placed(mark, centre - 4.0, centre + 4.0, centre + 4.0, True)
    known = _known_end(fd)
    if known is not None and known.lower is not None and known.upper is not None:
        # "2011 or earlier", "until May 2012": the bar covers the period that is known and
        # a fixed tail fades out to its left; a bar from the first event would claim a start.
        x0 = scale.x(known.lower.toordinal())
        x1 = max(scale.x(known.upper.toordinal() + 1), x0 + _MIN_BAR)
        return _Placed(mark, x0, x1, x1, False, tail=min(_FADE, x0))
    x0 = scale.x(fd.lower.toordinal()) if fd.lower is not None else scale.left
    x1 = scale.x(fd.upper.toordinal() + 1) if fd.upper is not None else scale.right
    x1 = max(x1, x0 + _MIN_BAR)
    reach = x1 + _ARROW if fd.end == "open" else x1
    return _Placed(mark, x0, x1, reach, False)


def _known_end(fd: FuzzyDate) -> FuzzyDate | None:
    """The one known end of a date with no start: ``[..2011]``, ``../2012-05``, ``/2012``."""
    if fd.earlier:
        text = fd.edtf.strip()[3:-1]
    elif fd.is_interval and fd.start != "closed":
        text = fd.edtf.partition("/")[2]
    else:
        return None
    try:
        return parse_date(text)
    except DateError:  # pragma: no cover - the whole value was read, so its end reads too
        return None


def _pack(placed: Sequence[_Placed]) -> list[int]:
    """Greedy interval partitioning: in left-to-right order, the first lane that is free."""
    lanes: list[float] = []
    chosen: list[int] = []
    for item in placed:
        left = item.x0 - item.tail
        lane = next((i for i, right in enumerate(lanes) if right + _LANE_GAP <= left), len(lanes))
        if lane == len(lanes):
            lanes.append(item.reach)
        else:
            lanes[lane] = item.reach
        chosen.append(lane)
    return chosen


def _classes(fd: FuzzyDate) -> str:
    classes = ["pb-tl-mark"]
    if fd.approximate or fd.uncertain:
        classes.append("pb-tl-approx")
    if fd.end != "closed" or fd.earlier:
        classes.append("pb-tl-open")
    if fd.end == "unknown":
        classes.append("pb-tl-unknown")
    if fd.earlier:
        classes.append("pb-tl-earlier")
    return " ".join(classes)


def _style(fd: FuzzyDate) -> dict[str, str]:
    # Presentation attributes rather than style="": the theme's CSS classes override them.
    attrs = {"fill": "currentColor", "stroke": "currentColor"}
    if fd.end != "closed" or fd.earlier:
        attrs |= {"stroke-dasharray": "4 3", "fill-opacity": "0.4"}
    elif fd.approximate or fd.uncertain:
        attrs |= {"stroke-dasharray": "3 2", "fill-opacity": "0.5"}
    return attrs


def _fade(
    parent: Element, x: float, y: float, height: float, length: float, leftwards: bool
) -> None:
    """A tail of steps of falling opacity (no gradients: they would need ids on the page)."""
    step = length / len(_FADE_STEPS)
    for i, opacity in enumerate(_FADE_STEPS):
        left = x - (i + 1) * step if leftwards else x + i * step
        SubElement(
            parent,
            "rect",
            {
                "class": "pb-tl-fade",
                "x": _num(left),
                "y": _num(y),
                "width": _num(step),
                "height": _num(height),
                "fill": "currentColor",
                "fill-opacity": str(opacity),
            },
        )


def _tip(parent: Element, text: str) -> None:
    SubElement(parent, "title").text = text


def _draw(parent: Element, item: _Placed, y: float, bar: float) -> None:
    fd = item.mark.date
    tip = " — ".join(t for t in (_clean(item.mark.title), _clean(item.mark.label or fd.label)) if t)
    href = _safe_href(item.mark.href)
    if href:
        parent = SubElement(parent, "a", {"href": href})
        _tip(parent, tip)
    attrs = {"class": _classes(fd)}
    centre = y + bar / 2
    if item.point:
        radius = min(4.0, bar / 2 + 1)
        attrs |= {
            "cx": _num((item.x0 + item.x1) / 2),
            "cy": _num(centre),
            "r": _num(radius),
            **_style(fd),
        }
        shape = SubElement(parent, "circle", attrs)
        if not href:
            _tip(shape, tip)
        return
    x0, x1 = item.x0, item.x1
    fade = min(_FADE, (x1 - x0) / 2)
    if fd.end == "unknown":
        x1 -= fade
    attrs |= {
        "x": _num(x0),
        "y": _num(y),
        "width": _num(x1 - x0),
        "height": _num(bar),
        "rx": "2",
        **_style(fd),
    }
    shape = SubElement(parent, "rect", attrs)
    if not href:
        _tip(shape, tip)
    if item.tail:
        _fade(parent, x0, y, bar, item.tail, leftwards=True)
    if fd.end == "unknown":
        _fade(parent, x1, y, bar, fade, leftwards=False)
    if fd.end == "open":
        tip_x, back = x1 + _ARROW, x1
        half = bar / 2 + 1
        for y1 in (centre - half, centre + half):
            SubElement(
                parent,
                "line",
                {
                    "class": "pb-tl-arrow",
                    "x1": _num(back),
                    "y1": _num(y1),
                    "x2": _num(tip_x),
                    "y2": _num(centre),
                    "stroke": "currentColor",
                },
            )


def _ticks(parent: Element, scale: _Scale, bottom: float) -> None:
    step = _tick_step(scale.px_per_year, len(str(scale.last_year)))
    first = scale.first_year + (-scale.first_year % step)
    # A span too long for even one round year still gets its start labelled.
    years = range(first, scale.last_year + 1, step) or range(scale.first_year, first, step)
    for year in years:
        x = _num(scale.x(date(year, 1, 1).toordinal()))
        SubElement(
            parent,
            "line",
            {
                "class": "pb-tl-tick",
                "x1": x,
                "y1": _num(_AXIS_Y - 5),
                "x2": x,
                "y2": _num(bottom),
                "stroke": "currentColor",
                "stroke-opacity": "0.25",
            },
        )
        label = SubElement(
            parent,
            "text",
            {"class": "pb-tl-tick-label", "x": x, "y": _num(_LABEL_Y), "text-anchor": "middle"},
        )
        label.text = str(year)
    months = (scale.last_year - scale.first_year + 1) * 12
    if months <= _MINOR_TICK_MAX_MONTHS:
        for index in range(months):
            year, month = scale.first_year + index // 12, index % 12 + 1
            if month == 1:
                continue
            x = _num(scale.x(date(year, month, 1).toordinal()))
            SubElement(
                parent,
                "line",
                {
                    "class": "pb-tl-tick pb-tl-minor",
                    "x1": x,
                    "y1": _num(_AXIS_Y - 2),
                    "x2": x,
                    "y2": _num(_AXIS_Y + 2),
                    "stroke": "currentColor",
                    "stroke-opacity": "0.5",
                },
            )


def _svg(label: str, width: int, height: float) -> Element:
    # The namespace as a plain attribute: ElementTree then writes it as given, without
    # inventing a prefix (and without registering one process-wide).
    root = Element(
        "svg",
        {
            "xmlns": _SVG_NS,
            "class": "pb-tl-svg",
            "role": "img",
            "aria-label": _attribute(label),
            "viewBox": f"0 0 {width} {_num(height)}",
            "width": "100%",
            "font-size": str(_FONT_SIZE),
            "fill": "currentColor",
        },
    )
    _tip(root, _clean(label))
    return root


def render_overview(
    marks: Sequence[TimelineMark],
    *,
    width: int = 760,
    row_height: int = 14,
    label: str = "Timeline overview",
    empty: str = "No events",
) -> str:
    """The SVG markup (no XML prolog) for *marks*; the same input gives the same bytes.

    Each mark takes a lane of *row_height* units; overlapping marks stack in as few lanes
    as they need. Marks without any bound cannot be placed and are left out; with none
    left, the drawing says *empty*. Raises ``ValueError`` for a *width* under 100 or a
    *row_height* under 4.
    """
    if width < 100:
        raise ValueError(f"width must be at least 100, not {width}")
    if row_height < 4:
        raise ValueError(f"row_height must be at least 4, not {row_height}")
    usable = [m for m in marks if m.date.lower is not None or m.date.upper is not None]
    if not usable:
        root = _svg(label, width, 24.0)
        text = SubElement(root, "text", {"class": "pb-tl-empty", "x": _num(_MARGIN), "y": "16.0"})
        text.text = _clean(empty)
        return _serialise(root)

    bounds = [d for m in usable for d in (m.date.lower, m.date.upper) if d is not None]
    scale = _Scale(min(bounds), max(bounds), width)
    placed = sorted(
        (_place(m, scale) for m in usable),
        key=lambda p: (
            p.x0 - p.tail,
            p.mark.date.sort_key(),
            p.mark.date.edtf,
            p.mark.title,
            p.mark.href,
        ),
    )
    lanes = _pack(placed)
    bar = min(8.0, max(2.0, row_height * 0.6))
    top = _AXIS_Y + 6.0
    height = top + (max(lanes) + 1) * row_height + 2.0

    root = _svg(label, width, height)
    SubElement(
        root,
        "line",
        {
            "class": "pb-tl-axis",
            "x1": _num(scale.left),
            "y1": _num(_AXIS_Y),
            "x2": _num(scale.right),
            "y2": _num(_AXIS_Y),
            "stroke": "currentColor",
        },
    )
    _ticks(root, scale, height - 2.0)
    for item, lane in zip(placed, lanes, strict=True):
        _draw(root, item, top + lane * row_height + (row_height - bar) / 2, bar)
    return _serialise(root)


def _serialise(root: Element) -> str:
    # short_empty_elements writes <line ... /> rather than <line ...></line>.
    return tostring(root, encoding="unicode", short_empty_elements=True)
