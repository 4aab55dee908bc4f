"""The calibration chart of forecast-record, drawn by the core through ElementTree."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

import pytest

from sphinxcontrib_policybrief.core.calibration_svg import CalibrationBar, render_calibration

SVG = "{http://www.w3.org/2000/svg}"


def _bars() -> list[CalibrationBar]:
    return [
        CalibrationBar("unlikely (20–45 %)", 20, 45, 0.0, "0 of 1 happened (0 %)"),
        CalibrationBar("likely (55–80 %)", 55, 80, 0.5, "1 of 2 happened (50 %)"),
        CalibrationBar("<b>&term</b>", None, None, None, "no resolved forecasts"),
    ]


def test_a_band_per_ranged_term_and_a_dot_per_used_term() -> None:
    root = fromstring(render_calibration(_bars(), width=640))
    ranges = root.findall(f"{SVG}rect")
    dots = root.findall(f"{SVG}circle")
    assert len(ranges) == 2 and len(dots) == 2
    # The track runs from x=190 (0 %) to x=520 (100 %): 55 % starts at 371.5.
    assert ranges[1].get("x") == "371.5" and ranges[1].get("width") == "82.5"
    assert dots[1].get("cx") == "355.0"  # 50 %
    assert dots[0].get("cx") == "190.0"  # 0 %


def test_texts_are_escaped_and_output_is_deterministic() -> None:
    markup = render_calibration(_bars(), label="Calibration & <chart>")
    assert "<b>" not in markup and "&lt;b&gt;&amp;term&lt;/b&gt;" in markup
    assert 'aria-label="Calibration &amp; &lt;chart&gt;"' in markup
    assert markup == render_calibration(_bars(), label="Calibration & <chart>")


def test_a_narrow_chart_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 400"):
        render_calibration(_bars(), width=300)
