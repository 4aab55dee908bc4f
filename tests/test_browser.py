"""The example brief as a reader sees it: in a real browser, in every theme we support.

One test per theme builds the example in that theme and checks it, so that pytest-xdist
spreads the themes over its workers and no theme is built twice; each worker starts one
Chromium (a session fixture). What each test checks:

- **Valid HTML** on every page: the Nu validator finds no error. A theme's own markup (or
  Sphinx's, in a theme that keeps Sphinx's templates) may: each such message is filtered
  precisely in ``NU_THEIRS``, by theme, message and markup, with the reason; never by page.
- **Accessibility**: axe-core finds no violation in our markup, every rule on ``PAGES``,
  a page of each kind we draw (the colour rules on one element of each look). A violation
  is ours when its element has a ``pb-`` class or is inside one, or is the index of a
  domain index page (Sphinx's markup, our content); a failure of colour there is ours only
  when our stylesheet makes it (a theme whose link colour fails on its own pages fails on
  our links too). ``pagecheck._AXE_RUN`` says how. The theme's own violations are not ours
  to fix; a failure message lists them apart, for information.
- **Colour in every mode** the theme has: light; dark as the system asks for it
  (``prefers-color-scheme``), with axe's colour rules again; and dark or light
  as the reader chose it in the theme's switcher against the system's choice, which must
  colour our markup exactly as the same mode does when the system asks for it. A theme
  without a dark mode must look the same whatever the system prefers. Badges and filter
  chips in every mode: text of 12px or more, a shape that stands out from the page (3:1),
  a pressed chip's text at 4.5:1.
- **A phone's width** (412 CSS px, every page of ``PAGES``): no page scrolls sideways (when
  one does, the elements that stick out say whose it is), and no element of ours reaches
  past the viewport or spills out of (or is clipped by) its own box.
- **The year bar**: after a jump to a year, neither the year's heading nor the bar is
  hidden (by the bar, which sticks to the top, or by a theme's own sticky header). Where a
  theme makes its content a scroll box (furo does at a phone's width) the bar cannot stick,
  and only the heading is checked.

Which theme runs where. Every theme installs on Sphinx 8.2 and 9.2, but two of them narrow
what else can be installed: sphinx-rtd-theme caps docutils (below 0.23) and
sphinx-book-theme pins one pydata-sphinx-theme release (0.20). CI's newest run (Python
3.13, Sphinx 9.2, docutils 0.23) tests furo and the newest pydata-sphinx-theme, and so
keeps the newest docutils; its oldest run (Python 3.11, Sphinx 8.2, where docutils is below
0.22 anyway) installs the ``themes`` extra and tests sphinx-book-theme, sphinx-rtd-theme
and alabaster. Each theme is tested in one of the two runs, so that neither carries all
five. CONTRIBUTING.md says the same.

``POLICYBRIEF_BROWSER_THEMES`` (comma-separated ``html_theme`` names) chooses the themes to
test, and a chosen theme that is not installed fails; unset, every installed theme is
tested. The browser, its driver, Java or the Python tools missing skip every test, unless
``POLICYBRIEF_REQUIRE_BROWSER=1`` (which CI sets) makes that a failure.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pagecheck import (
    Browser,
    NuMessage,
    Tools,
    Violation,
    axe_version,
    browser,
    find_tools,
    nu_errors,
    serve,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLE = Path(__file__).parents[1] / "example"

# A page of each kind we draw: the front page with its key judgments, the timeline, the
# claim, actor, paradox and source indexes, a chapter full of objects (claims, events and a
# paradox with its two sides), the ACH matrix, the argument map, the forecast record and
# the two domain index pages.
PAGES = (
    "index.html",
    "timeline.html",
    "claims.html",
    "actors.html",
    "paradoxes.html",
    "sources.html",
    "lose-lose.html",
    "motives.html",
    "argument-map.html",
    "forecasts.html",
    "pb-claims.html",
    "pb-actors.html",
)
# Pages whose colours are compared between a mode chosen in the switcher and the same mode
# asked for by the system.
COMPARED_PAGES = ("timeline.html", "lose-lose.html")

# Violations in our markup tolerated for now, by rule and the start of the element's
# markup: none (the timeline overview, which nested links in an SVG with role="img", is a
# picture without links since it was redrawn).
AXE_KNOWN: set[tuple[str, str]] = set()

# Nu validator errors in a theme's own markup (or Sphinx's, in a theme that keeps Sphinx's
# templates): the themes, the start of the message and a piece of the markup it quotes.
NU_THEIRS = (
    # The search box of pydata-sphinx-theme (so of sphinx-book-theme) and Sphinx's own (in
    # alabaster) carry Safari's autocorrect="off", which the validator does not know.
    (
        ("pydata_sphinx_theme", "sphinx_book_theme", "alabaster"),
        "Attribute “autocorrect” not allowed on element “input”",
        'name="q"',
    ),
    # alabaster's sidebar search box names a label ("searchlabel") that it does not draw.
    (
        ("alabaster",),
        "The “aria-labelledby” attribute must point to an element in the same document.",
        'aria-labelledby="searchlabel"',
    ),
    # Sphinx's search page (alabaster keeps it) submits its form to itself with action="".
    (
        ("alabaster",),
        "Bad value “” for attribute “action” on element “form”",
        '<form action="" method="get">',
    ),
)


@dataclass(frozen=True)
class Theme:
    name: str  # html_theme
    package: str  # the module that must be importable
    # localStorage items that choose dark or light in the theme's own switcher ("{}" is
    # the mode); None for a theme without a dark mode.
    switcher: dict[str, str] | None = field(default=None)
    # How long its test takes on a quiet two-core machine, for the scheduler (conftest.py).
    seconds: float = 40


THEMES = (
    Theme("furo", "furo", {"theme": "{}"}, seconds=42),
    Theme("pydata_sphinx_theme", "pydata_sphinx_theme", {"mode": "{}", "theme": "{}"}, 43),
    Theme("sphinx_book_theme", "sphinx_book_theme", {"mode": "{}", "theme": "{}"}, 47),
    Theme("sphinx_rtd_theme", "sphinx_rtd_theme", seconds=28),
    Theme("alabaster", "alabaster", seconds=29),
)


def _listed(name: str) -> set[str]:
    return {t.strip() for t in os.environ.get(name, "").split(",") if t.strip()}


@pytest.fixture(scope="session")
def browser_tools() -> Tools:
    tools, missing = find_tools()
    if tools is None:
        message = "the browser tests need: " + "; ".join(missing)
        if os.environ.get("POLICYBRIEF_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (POLICYBRIEF_REQUIRE_BROWSER=1)")
        pytest.skip(message)
    return tools


@pytest.fixture(scope="session")
def chromium(browser_tools: Tools) -> Iterator[Browser]:
    with browser(browser_tools) as opened:
        yield opened


@dataclass
class Findings:
    """What a theme's pages got wrong, by kind; and, apart, what the theme's own markup got
    wrong (not ours to fix: listed for information when the test fails)."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    theirs: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, where: str, items: list[str], *, theirs: bool = False) -> None:
        # The same problem on many elements of a page (every badge of a tone) is one line.
        counts = Counter(items)
        (self.theirs if theirs else self.problems).setdefault(kind, []).extend(
            (f"{where}: " if where else "") + item + (f" (x{n})" if n > 1 else "")
            for item, n in counts.items()
        )

    def axe(self, where: str, found: list[Violation]) -> None:
        known = [
            v for v in found if any(v.rule == r and v.html.startswith(t) for r, t in AXE_KNOWN)
        ]
        self.add("axe", where, [str(v) for v in found if v.ours and v not in known])
        theirs = Counter(v.rule for v in found if not v.ours)
        if theirs:
            summary = ", ".join(f"{rule} ({n})" for rule, n in sorted(theirs.items()))
            self.add("axe", where, [summary], theirs=True)

    def report(self) -> str:
        lines = []
        for kind, items in self.problems.items():
            lines.append(f"{kind}: {len(items)}")
            lines += [f"  {item}" for item in items[:40]]
            if len(items) > 40:
                lines.append(f"  ... and {len(items) - 40} more")
        for kind, items in self.theirs.items():
            if items:
                lines.append(f"the theme's own markup, not ours ({kind}), on {len(items)} pages:")
                lines += [f"  {item}" for item in sorted(set(i.split(": ", 1)[1] for i in items))]
        return "\n".join(lines)


# The themes chosen by POLICYBRIEF_BROWSER_THEMES (all when it is unset): the others are
# skipped when collected, before the browser is looked for.
CHOSEN = _listed("POLICYBRIEF_BROWSER_THEMES")


def _param(theme: Theme) -> Any:
    skip = pytest.mark.skipif(
        bool(CHOSEN) and theme.name not in CHOSEN,
        reason=f"{theme.name} is not in POLICYBRIEF_BROWSER_THEMES",
    )
    return pytest.param(theme, id=theme.name, marks=[skip, pytest.mark.slow(seconds=theme.seconds)])


def _installed(theme: Theme) -> None:
    """Skip a theme that is not installed; fail when it was chosen."""
    if importlib.util.find_spec(theme.package) is not None:
        return
    if theme.name in CHOSEN:
        pytest.fail(f"{theme.package} is not installed (POLICYBRIEF_BROWSER_THEMES)")
    pytest.skip(f"{theme.package} is not installed (pip install -e '.[themes]')")


def test_the_chosen_themes_are_known() -> None:
    # A misspelt name would skip a theme that CI means to test.
    unknown = CHOSEN - {t.name for t in THEMES}
    assert not unknown, f"POLICYBRIEF_BROWSER_THEMES names no such theme: {sorted(unknown)}"


def _storage(theme: Theme, mode: str) -> dict[str, str]:
    return {k: v.format(mode) for k, v in (theme.switcher or {}).items()}


@pytest.mark.parametrize("theme", [_param(t) for t in THEMES])
def test_the_example_in_a_browser(
    theme: Theme, browser_tools: Tools, chromium: Browser, tmp_path: Path
) -> None:
    _installed(theme)
    # In a process of its own: themes keep state in their modules (pydata-sphinx-theme's
    # templates, which sphinx-book-theme shares), so a second theme built in the same
    # process can fail.
    outdir = tmp_path / "html"
    sphinx = [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
    done = subprocess.run(
        [*sphinx, "-D", f"html_theme={theme.name}", str(EXAMPLE), str(outdir)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    missing = [page for page in PAGES if not (outdir / page).is_file()]
    assert not missing, f"pages the test expects are not built: {missing}"
    found = Findings()

    nu = nu_errors(browser_tools, sorted(outdir.glob("*.html")))
    found.add("Nu", "", [str(m) for m in nu if not _theirs(theme, m)])
    with serve(outdir) as base:
        looks = _each_page(chromium, base, theme, found)
        if theme.switcher is not None:
            for mode, system in (("dark", "light"), ("light", "dark")):
                chromium.mode(scheme=system, storage=_storage(theme, mode))
                _compare_modes(chromium, base, looks, mode, found, f"chosen, system {system}")
        chromium.mode()

    found.problems = {k: v for k, v in found.problems.items() if v}
    if found.problems:
        axe = f"axe-core {axe_version(browser_tools)}"
        pytest.fail(f"{theme.name} ({axe}):\n{found.report()}", pytrace=False)


def _each_page(b: Browser, base: str, theme: Theme, found: Findings) -> dict[tuple[str, str], Any]:
    """Each page, loaded once: light mode as wide as a desktop (axe, badges and chips);
    the system's dark mode (axe's colour rules, badges and chips again; in a theme without
    a dark mode, our markup must look as it did); a phone's width (overflow); and on the
    timeline, a jump from the year bar at both widths."""
    looks: dict[tuple[str, str], Any] = {}
    for page in PAGES:
        b.mode(scheme="light")
        b.open(base + page)
        index_page = page.startswith("pb-")
        found.axe(page, b.axe(index_page=index_page))
        found.add("badges and chips", page, b.marks())
        light = looks["light", page] = b.fingerprint()
        if page == "timeline.html":
            found.add("badges and chips", page, b.press_chip())
        b.scheme("dark")
        if theme.switcher is None:
            if b.fingerprint() != light:
                found.add("modes", page, ["our markup changes colour when the system is dark"])
        else:
            if b.background() > 0.2:
                found.add("modes", page, ["the page did not turn dark with the system"])
            where = f"{page} (dark)"
            found.axe(where, b.axe(structure=False, index_page=index_page))
            found.add("badges and chips", where, b.marks())
            looks["dark", page] = b.fingerprint()
            if page == "timeline.html":
                found.add("badges and chips", where, b.press_chip())
        b.scheme("light")
        if page == "timeline.html":
            found.add("year bar", page, b.jump(_a_year(b)))
        # A phone's width: the page laid out again, as when a window is narrowed (themes
        # animate what they hide at that width: their sidebars slide away).
        b.mode(width=412, height=915, mobile=True)
        b.settle()
        ours, theirs = b.overflow(index_page=index_page)
        found.add("412px", page, ours)
        found.add("412px", page, theirs, theirs=True)
        if page == "timeline.html":
            found.add("year bar", f"{page} (412px)", b.jump(_a_year(b)))
    return looks


def _compare_modes(
    b: Browser, base: str, looks: dict[tuple[str, str], Any], mode: str, found: Findings, how: str
) -> None:
    """Our markup coloured exactly as in *mode* (the browser set up otherwise, as *how*)."""
    for page in COMPARED_PAGES:
        b.open(base + page)
        expected, got = looks[mode, page], b.fingerprint()
        where = f"{page} ({mode}, {how})"
        if len(expected) != len(got):
            found.add("modes", where, [f"{len(got)} elements of ours, {len(expected)} in {mode}"])
            continue
        differ = [f"{e}  ->  {g}" for e, g in zip(expected, got, strict=True) if e != g]
        if differ:
            found.add("modes", where, [f"{len(differ)} elements coloured otherwise: {differ[0]}"])


def _a_year(b: Browser) -> str:
    """A year in the middle of the first timeline's year bar."""
    years = b.evaluate(
        "return [...document.querySelectorAll('.pb-tl-jump a')].map((a) => a.getAttribute('href'))"
    )
    assert len(years) >= 3, years
    return str(years[len(years) // 2])


def _theirs(theme: Theme, message: NuMessage) -> bool:
    return any(
        theme.name in themes and message.message.startswith(start) and markup in message.extract
        for themes, start, markup in NU_THEIRS
    )
