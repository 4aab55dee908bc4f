#!/usr/bin/env python3
"""Retake the gallery's screenshots of the example brief (docs/gallery.md).

Builds the example once in each of the five themes the gallery shows, serves each build
on a loopback port and photographs it in headless Chromium through selenium (Debian's
``chromium`` and ``chromium-driver``; ``pip install selenium``): the timeline and a
chapter in every theme, light and, where the theme has one, dark; furo at a phone's width
(412 CSS px, light and dark); the print stylesheet; a tag page and the tag index; a
preview card; the timeline filtered by an actor. Not part of the test suite.

Usage: scripts/screenshots.py [--out docs/_static/screenshots] [--builds DIR]
       [--theme NAME ...] [--no-build]

``--builds`` keeps the builds (one folder per theme) for another run with ``--no-build``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "example"

# html_theme, and whether the theme has a dark mode (it follows the system's colour
# scheme by default, so prefers-color-scheme chooses it).
THEMES = {
    "furo": True,
    "pydata_sphinx_theme": True,
    "sphinx_book_theme": True,
    "sphinx_rtd_theme": False,
    "alabaster": False,
}
SHORT = {
    "furo": "furo",
    "pydata_sphinx_theme": "pydata",
    "sphinx_book_theme": "book",
    "sphinx_rtd_theme": "rtd",
    "alabaster": "alabaster",
}
CHAPTER = "deal-as-tool.html"
FLAGS = (
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(theme: str, outdir: Path) -> None:
    # One process per theme: themes keep state in their modules.
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"html_theme={theme}"]
    subprocess.run([*cmd, str(EXAMPLE), str(outdir)], check=True, env=env)


class Camera:
    def __init__(self, profile: Path) -> None:
        os.environ.setdefault("SE_OFFLINE", "true")
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "chromium"
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        driver = shutil.which("chromedriver") or "chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver), options=options)

    def close(self) -> None:
        self.driver.quit()

    def cdp(self, command: str, params: dict[str, Any]) -> Any:
        return self.driver.execute_cdp_cmd(command, params)

    def mode(
        self,
        *,
        width: int = 1280,
        height: int = 1100,
        mobile: bool = False,
        scheme: str = "light",
        media: str = "",
    ) -> None:
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )
        self.cdp(
            "Emulation.setEmulatedMedia",
            {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )

    def open(self, url: str, *, scroll_to: str | None = None, offset: int = 16) -> None:
        self.driver.get(url)
        self.driver.execute_script("return document.fonts ? document.fonts.ready : null")
        if scroll_to:
            # The element near the top of the window, below a theme's sticky header.
            # The first shown element near the top of the window, below a theme's sticky
            # header: one scroll down (scrolling up brings out furo's "Back to top").
            self.driver.execute_script(
                """const el = [...document.querySelectorAll(arguments[0])]
                     .find(e => e.getClientRects().length);
                   if (el) {
                     const header = [...document.querySelectorAll(
                       '.bd-header, header.mobile-header, .wy-nav-top')]
                       .find(e => e.getClientRects().length
                                  && getComputedStyle(e).position !== 'static');
                     const h = header ? header.getBoundingClientRect().height : 0;
                     el.style.scrollMarginTop = (h + arguments[1]) + 'px';
                     el.scrollIntoView({block: 'start', behavior: 'instant'});
                   }""",
                scroll_to,
                offset,
            )
        # furo's floating "Back to top" button, which a scroll brings out, would cover
        # the page in the picture.
        self.driver.execute_script(
            "document.querySelectorAll('.back-to-top').forEach(b => b.style.display = 'none')"
        )
        time.sleep(0.4)

    def shoot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


def take_theme(cam: Camera, base: str, theme: str, out: Path) -> None:
    short = SHORT[theme]
    for scheme in ("light", "dark") if THEMES[theme] else ("light",):
        cam.mode(scheme=scheme)
        cam.open(base + "timeline.html", scroll_to=".pb-tl-legend", offset=120)
        cam.shoot(out / f"{short}-timeline-{scheme}.png")
        cam.open(base + CHAPTER, scroll_to=".pb-object", offset=80)
        cam.shoot(out / f"{short}-chapter-{scheme}.png")


def take_furo_extras(cam: Camera, base: str, out: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    for scheme in ("light", "dark"):
        cam.mode(width=412, height=900, mobile=True, scheme=scheme)
        cam.open(base + "timeline.html", scroll_to=".pb-tl-legend")
        cam.shoot(out / f"phone-timeline-{scheme}.png")
        cam.open(base + CHAPTER, scroll_to=".pb-object", offset=80)
        cam.shoot(out / f"phone-chapter-{scheme}.png")

    # The print stylesheet, at the width of an A4 page (96 px to the inch).
    cam.mode(width=794, height=1123, media="print")
    cam.open(base + "timeline.html")
    cam.shoot(out / "print-timeline.png")
    cam.open(base + CHAPTER)
    cam.shoot(out / "print-chapter.png")

    cam.mode()
    cam.open(base + "pb-tags.html")
    cam.shoot(out / "tags-index.png")
    cam.open(base + "pb-tag-integration.html")
    cam.shoot(out / "tag-page.png")
    cam.open(base + "timeline.html#filter=actor:lukashenko", scroll_to=".pb-chips")
    cam.shoot(out / "timeline-filtered.png")

    # A preview card: the pointer on a link to a claim in the prose of a chapter.
    cam.open(base + "conclusion.html")
    links = cam.driver.find_elements(By.CSS_SELECTOR, "section > p a.reference > .pb-claim")
    link = links[0] if links else cam.driver.find_element(By.CSS_SELECTOR, "a .pb-claim")
    cam.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    time.sleep(0.3)
    ActionChains(cam.driver).move_to_element(link).perform()
    WebDriverWait(cam.driver, 5).until(
        lambda d: d.execute_script(
            "const c = document.querySelector('.pb-preview');"
            "return c && !c.hidden && c.getBoundingClientRect().height > 0"
        )
    )
    time.sleep(0.3)
    cam.shoot(out / "preview-card.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs/_static/screenshots")
    parser.add_argument("--builds", type=Path, help="folder for the builds (kept)")
    parser.add_argument("--theme", action="append", choices=sorted(THEMES))
    parser.add_argument("--no-build", action="store_true", help="reuse the builds in --builds")
    args = parser.parse_args()
    themes = args.theme or list(THEMES)
    args.out.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        builds = args.builds or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        profile = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        cam = Camera(profile)
        stack.callback(cam.close)
        for theme in themes:
            outdir = builds / theme
            if not args.no_build:
                build(theme, outdir)
            with serve(outdir) as base:
                take_theme(cam, base, theme, args.out)
                if theme == "furo":
                    take_furo_extras(cam, base, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
