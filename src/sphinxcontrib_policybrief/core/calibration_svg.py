"""The calibration chart of the ``forecast-record`` view as SVG, built with ElementTree.

One row per likelihood term: a band over the term's stated range (0–100 % across), a dot
at the share of its resolved forecasts that happened, and that share with its count at the
right. Terms without resolved forecasts get a band and no dot. Every text is set through
ElementTree, which escapes it; the same rows give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

_SVG_NS = "http://www.w3.org/2000/svg"
_LABEL_WIDTH = 190.0
_COUNT_WIDTH = 120.0
_ROW = 22.0
_TOP = 24.0
_FONT_SIZE = 11


@dataclass(frozen=True, slots=True)
class CalibrationBar:
    """One row as drawn: all texts already in the reader's language."""

    label: str  # the term and its range, "likely (55–80 %)"
    low: float | None  # the range in percent; None when the term has none
    high: float | None
    frequency: float | None  # 0..1; None when no forecast used the term
    count_label: str  # "2 of 3 happened (67 %)" or "no resolved forecasts"


def _num(value: float) -> str:
    return f"{value:.1f}"


def _clean(text: str) -> str:
    # XML 1.0 allows no control characters but tab, newline and carriage return.
    return "".join(c if c >= " " or c in "\t\n\r" else " " for c in text)


def render_calibration(
    bars: Sequence[CalibrationBar], *, label: str = "Calibration", width: int = 640
) -> str:
    """The SVG markup (no XML prolog) of the chart; raises ``ValueError`` for a *width*
    under 400."""
    if width < 400:
        raise ValueError(f"width must be at least 400, not {width}")
    left, right = _LABEL_WIDTH, width - _COUNT_WIDTH
    span = right - left
    height = _TOP + len(bars) * _ROW + 6.0

    def x(percent: float) -> float:
        return left + span * max(0.0, min(100.0, percent)) / 100

    root = Element(
        "svg",
        {
            "xmlns": _SVG_NS,
            "class": "pb-cal-svg",
            "role": "img",
            "aria-label": _clean(label),
            "viewBox": f"0 0 {width} {_num(height)}",
            "width": "100%",
            "font-size": str(_FONT_SIZE),
            "fill": "currentColor",
        },
    )
    title = SubElement(root, "title")
    title.text = _clean(label)
    for percent in (0, 25, 50, 75, 100):
        SubElement(
            root,
            "line",
            {
                "class": "pb-cal-grid",
                "x1": _num(x(percent)),
                "y1": _num(_TOP - 6),
                "x2": _num(x(percent)),
                "y2": _num(height - 4),
                "stroke": "currentColor",
                "stroke-opacity": "0.25",
            },
        )
        tick = SubElement(
            root,
            "text",
            {"class": "pb-cal-tick", "x": _num(x(percent)), "y": "12.0", "text-anchor": "middle"},
        )
        tick.text = f"{percent} %"
    for index, bar in enumerate(bars):
        middle = _TOP + index * _ROW + _ROW / 2
        name = SubElement(root, "text", {"class": "pb-cal-term", "x": "4.0", "y": _num(middle + 4)})
        name.text = _clean(bar.label)
        if bar.low is not None and bar.high is not None:
            SubElement(
                root,
                "rect",
                {
                    "class": "pb-cal-range",
                    "x": _num(x(bar.low)),
                    "y": _num(middle - 5),
                    "width": _num(max(x(bar.high) - x(bar.low), 1.0)),
                    "height": "10.0",
                    "fill": "currentColor",
                    "fill-opacity": "0.3",
                },
            )
        if bar.frequency is not None:
            dot = SubElement(
                root,
                "circle",
                {
                    "class": "pb-cal-observed",
                    "cx": _num(x(bar.frequency * 100)),
                    "cy": _num(middle),
                    "r": "5.0",
                    "fill": "currentColor",
                },
            )
            tip = SubElement(dot, "title")
            tip.text = _clean(bar.count_label)
        count = SubElement(
            root, "text", {"class": "pb-cal-count", "x": _num(right + 8), "y": _num(middle + 4)}
        )
        count.text = _clean(bar.count_label)
    return tostring(root, encoding="unicode", short_empty_elements=True)
