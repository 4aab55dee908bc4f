"""A timeline overview drawn at build time as inline SVG, on a true linear time scale."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from .dates import FuzzyDate, Precision

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)
_MARGIN = 12.0
_AXIS_HEIGHT = 22.0
_TICK_STEPS = (1, 2, 5, 10, 20, 50, 100)


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """One event on the overview: where it links, its title, its date."""

    href: str
    title: str
    date: FuzzyDate
    label: str = ""  # the author's wording of the date, shown instead of the generated one


def _clean(text: str) -> str:
    return escape(_CONTROL.sub("", text), quote=True)


def _safe_href(href: str) -> str:
    stripped = _CONTROL.sub("", href)
    return "" if _UNSAFE_SCHEME.match(stripped) else stripped


def _num(value: float) -> str:
    return f"{value:.1f}"


def render_overview(
    marks: Sequence[TimelineMark],
    *,
    width: int = 760,
    row_height: int = 14,
    label: str = "Timeline overview",
) -> str:
    """The SVG markup (no XML prolog) for *marks*; deterministic for the same input."""
    title = _clean(label)
    if not marks:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{title}" '
            f'viewBox="0 0 {width} 24" width="100%"><title>{title}</title>'
            '<text x="12" y="16">No events</text></svg>'
        )
    bounds = [d for m in marks for d in (m.date.lower, m.date.upper) if d is not None]
    start = date(min(bounds).year, 1, 1)
    end = date(max(bounds).year, 12, 31)
    span = max((end - start).days, 1)
    inner = width - 2 * _MARGIN

    def x_of(day: date) -> float:
        return _MARGIN + inner * (day - start).days / span

    # Greedy lane packing: each mark goes into the first lane where it does not overlap.
    lanes: list[float] = []
    shapes: list[str] = []
    placed: list[tuple[int, str]] = []
    ordered = sorted(marks, key=lambda m: (m.date.sort_key(), m.title, m.href))
    for mark in ordered:
        fd = mark.date
        x0 = x_of(fd.lower) if fd.lower else _MARGIN
        x1 = x_of(fd.upper) if fd.upper else _MARGIN + inner
        point = fd.precision is Precision.DAY and not fd.is_interval and not fd.earlier
        if point:
            x0, x1 = x0 - 4, x0 + 4
        x1 = max(x1, x0 + 4)
        lane = next((i for i, right in enumerate(lanes) if right + 3 < x0), len(lanes))
        if lane == len(lanes):
            lanes.append(x1)
        else:
            lanes[lane] = x1
        y = _AXIS_HEIGHT + 6 + lane * row_height
        classes = ["pb-tl-mark"]
        if fd.approximate or fd.uncertain:
            classes.append("pb-tl-approx")
        if fd.end != "closed" or fd.earlier:
            classes.append("pb-tl-open")
        cls = " ".join(classes)
        tip = f"<title>{_clean(mark.title)} — {_clean(mark.label or fd.label)}</title>"
        if point:
            shape = (
                f'<circle class="{cls}" cx="{_num((x0 + x1) / 2)}" cy="{_num(y + 4)}" '
                f'r="4">{tip}</circle>'
            )
        else:
            shape = (
                f'<rect class="{cls}" x="{_num(x0)}" y="{_num(y)}" width="{_num(x1 - x0)}" '
                f'height="8" rx="2">{tip}</rect>'
            )
        href = _safe_href(mark.href)
        if href:
            shape = f'<a href="{escape(href, quote=True)}">{shape}</a>'
        placed.append((lane, shape))
    shapes = [shape for _, shape in placed]
    height = _AXIS_HEIGHT + 12 + len(lanes) * row_height
    years = end.year - start.year + 1
    step = next((s for s in _TICK_STEPS if years / s <= inner / 48), _TICK_STEPS[-1])
    ticks: list[str] = []
    first_tick = start.year + (-start.year % step)
    for year in range(first_tick, end.year + 1, step):
        x = _num(x_of(date(year, 1, 1)))
        ticks.append(
            f'<line class="pb-tl-tick" x1="{x}" y1="{_num(_AXIS_HEIGHT - 6)}" x2="{x}" '
            f'y2="{_num(height - 4)}" stroke-opacity="0.25"/>'
            f'<text x="{x}" y="{_num(_AXIS_HEIGHT - 10)}" text-anchor="middle">{year}</text>'
        )
    axis = (
        f'<line class="pb-tl-axis" x1="{_num(_MARGIN)}" y1="{_num(_AXIS_HEIGHT)}" '
        f'x2="{_num(width - _MARGIN)}" y2="{_num(_AXIS_HEIGHT)}" stroke="currentColor"/>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{title}" '
        f'viewBox="0 0 {width} {_num(height)}" width="100%" class="pb-tl-svg">'
        f"<title>{title}</title>{axis}{''.join(ticks)}{''.join(shapes)}</svg>"
    )
