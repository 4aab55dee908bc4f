"""Our own colours: every badge tone's text on its fill, and its border against the page.

The badge palette lives in ``static/policybrief.css`` as custom properties, one set for
light pages and one for dark (written twice, for the themes that mark dark mode with an
attribute and for furo's "auto" that follows the system). The browser tests measure the
built pages with axe-core; this test holds the palette itself to WCAG 2's ratios against
the backgrounds of the themes we support, so that a colour changed by hand cannot slip
below them in a mode or theme the browser tests do not reach.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinxcontrib_policybrief.render import html

CSS = Path(html.__file__).parents[1] / "static" / "policybrief.css"
TONES = ("dark", "danger", "warning", "secondary", "info", "primary", "success")

# The page and box backgrounds a badge sits on, by mode: white, our fallback surface, and
# furo's, pydata-sphinx-theme's (and so sphinx-book-theme's), sphinx-rtd-theme's and
# alabaster's page and secondary backgrounds.
BACKGROUNDS = {
    "light": ("#ffffff", "#f6f8fa", "#f8f9fb", "#fcfcfc"),
    "dark": ("#131416", "#1a1c1e", "#14181e", "#222832"),
}


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _block(css: str, selector: str) -> dict[str, str]:
    start = css.index(selector + " {")
    body = css[start : css.index("}", start)]
    return dict(re.findall(r"--pb-badge-([a-z]+-(?:fill|text|rule)):\s*(#[0-9a-f]{6})", body))


def palettes() -> dict[str, dict[str, str]]:
    css = CSS.read_text(encoding="utf8")
    light_start = css.index("--pb-badge-dark-fill")
    light = _block(css[css.rindex("body {", 0, light_start) :], "body")
    dark = _block(css, 'html[data-theme="dark"] body, body[data-theme="dark"]')
    auto = _block(css, 'body[data-theme="auto"]')
    assert auto == dark, "the two dark blocks of policybrief.css differ"
    return {"light": light, "dark": dark}


def test_the_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#17a2b8") == pytest.approx(3.04, abs=0.01)  # sphinx-design's info


def test_every_tone_in_both_modes() -> None:
    for mode, colours in palettes().items():
        assert set(colours) == {
            f"{t}-{part}" for t in TONES for part in ("fill", "text", "rule")
        }, mode


def test_every_tone_has_a_rule_in_the_stylesheet() -> None:
    css = CSS.read_text(encoding="utf8")
    for tone in (*TONES, "plain"):
        assert f".pb-tone-{tone} {{" in css
    assert {*TONES, "plain"} == html._TONES


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("tone", TONES)
def test_badge_text_on_its_fill(mode: str, tone: str) -> None:
    colours = palettes()[mode]
    assert contrast(colours[f"{tone}-text"], colours[f"{tone}-fill"]) >= 7


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("tone", TONES)
def test_badge_border_against_the_page(mode: str, tone: str) -> None:
    rule = palettes()[mode][f"{tone}-rule"]
    for background in BACKGROUNDS[mode]:
        assert contrast(rule, background) >= 3, (rule, background)
