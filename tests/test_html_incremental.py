"""HTML incremental builds write again only the pages that must change.

After an edit of one document, Sphinx writes that document, the documents whose toctree
lists it and the pages it writes on every build (the general index, the search page, the
domain indices); the extension adds exactly the pages that show what was edited. The
pages that must change are found without the extension's own bookkeeping: they are the
pages whose HTML differs between the build before the edit and a clean build after it.
"""

from __future__ import annotations

import re
import time
from io import StringIO
from pathlib import Path

import pytest
import sphinx_design.extension
from helpers import copy_root
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-every-view"

#: Pages the HTML builder writes on every build, whatever changed (besides tag pages).
EVERY_BUILD = frozenset({"genindex.html", "search.html", "pb-claims.html", "pb-actors.html"})


def _every_build(pages: set[str]) -> set[str]:
    """Of *pages*, those written on every build: Sphinx's and our domain's index pages and
    the tag pages, which are made afresh from the environment each time, as genindex is."""
    return {p for p in pages if p in EVERY_BUILD or p == "pb-tags.html" or p.startswith("pb-tag-")}


#: The document whose toctree lists every other one: written again when one is re-read.
PARENT = "index.html"


def _build(src: Path, out: Path, *, fresh: bool = False) -> tuple[SphinxTestApp, str]:
    status = StringIO()
    app = SphinxTestApp("html", srcdir=src, builddir=out, freshenv=fresh, status=status)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, status.getvalue()


def _pages(out: Path) -> dict[str, bytes]:
    html = out / "html"
    return {str(p.relative_to(html)): p.read_bytes() for p in sorted(html.rglob("*.html"))}


def _mtimes(out: Path) -> dict[str, int]:
    html = out / "html"
    return {str(p.relative_to(html)): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def _rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {page for page, mtime in after.items() if before.get(page) != mtime}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf8")


def _append_prose(src: Path) -> None:
    # At the end of the page, so that no object moves to another line.
    with (src / "people.md").open("a", encoding="utf8") as fh:
        fh.write("\nA closing note on the people of the war, and on nothing else.\n")


def _retitle_claim(src: Path) -> None:
    # One claim's title: the claim's own page, the views and the objects linking to it.
    _edit(src / "claims.md", "The harbour falls\n", "The harbour gives way\n")


@pytest.mark.slow
def test_one_document_edit_rewrites_only_the_pages_that_change(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    inc = tmp_path / "inc"
    _build(src, inc, fresh=True)
    everything = set(_pages(inc))
    for step, (edit, edited_page) in enumerate(
        ((_append_prose, "people.html"), (_retitle_claim, "claims.html"))
    ):
        before_pages, before = _pages(inc), _mtimes(inc)
        edit(src)
        time.sleep(0.01)  # a distinct modification time for every page written
        _build(src, inc)
        rewritten = _rewritten(before, _mtimes(inc))
        clean = tmp_path / f"clean-{step}"
        _build(src, clean, fresh=True)
        fresh = _pages(clean)
        must_change = {page for page, data in fresh.items() if before_pages.get(page) != data}

        assert _pages(inc) == fresh, f"{edit.__name__}: the incremental output is stale"
        assert edited_page in must_change
        assert must_change <= rewritten, f"{edit.__name__}: {must_change - rewritten} not written"
        extra = rewritten - must_change - _every_build(rewritten) - {PARENT}
        assert not extra, f"{edit.__name__}: written again without a change: {sorted(extra)}"
        if edit is _append_prose:
            # Nothing of it is shown elsewhere: the rest of the site stays as it was.
            assert rewritten == ({edited_page, PARENT} | _every_build(everything)) & everything
    # The title edit shows on pages besides the claim's own: views, linked objects.
    assert {"views.html", "timeline.html", "people.html"} <= must_change


@pytest.mark.parametrize("with_design_assets", [True, False], ids=["sphinx-design", "ours-alone"])
def test_a_rebuild_without_edits_writes_only_the_index_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_design_assets: bool
) -> None:
    """No page is written again for a configuration the extensions changed themselves.

    sphinx-design appends its folder to ``html_static_path`` on builder-inited; Sphinx
    then reports the configuration as changed on the next build, but the HTML builder's
    record of the configuration (``.buildinfo``) is made before builder-inited, so no page
    is written again. Ours copies its files and leaves the configuration as it is.
    """
    if not with_design_assets:

        def no_assets(app: Sphinx) -> None:
            return None

        # Before the application exists: sphinx-design connects the function it finds then
        # (named update_css_js before sphinx-design 0.7).
        hook = next(
            name
            for name in ("add_static_assets", "update_css_js")
            if hasattr(sphinx_design.extension, name)
        )
        monkeypatch.setattr(sphinx_design.extension, hook, no_assets)
    src = copy_root(ROOT, tmp_path / "src")
    out = tmp_path / "out"
    first, _ = _build(src, out, fresh=True)
    assert (out / "html" / "_static" / "policybrief.css").is_file()
    assert (out / "html" / "_static" / "policybrief.js").is_file()
    # Copied before the pages were written: a clean build links them with their checksum,
    # as an incremental build does (Sphinx adds it only for a file already in _static).
    page = (out / "html" / "people.html").read_text(encoding="utf8")
    assert 'href="_static/policybrief.css?v=' in page
    assert 'src="_static/policybrief.js?v=' in page
    ours = [p for p in first.config.html_static_path if "policybrief" in str(p)]
    assert ours == [], "the extension changed html_static_path"
    before = _mtimes(out)
    time.sleep(0.01)
    app, status = _build(src, out)
    rewritten = _rewritten(before, _mtimes(out))
    assert rewritten == _every_build(rewritten)
    if not with_design_assets:
        # Nothing left that changes the configuration: Sphinx reports no change of it.
        assert "html_static_path" not in _changed_options(status)
        assert list(app.config.html_static_path) == []


def _changed_options(status: str) -> set[str]:
    """The options Sphinx names in "The configuration has changed (2 options: 'a', 'b')"."""
    found = re.search(r"The configuration has changed \(\d+ options?: ([^)]*)\)", status)
    return set(re.findall(r"'([^']+)'", found.group(1))) if found else set()
