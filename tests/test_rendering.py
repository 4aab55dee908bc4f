"""What readers see: the same doctree from MyST and rST, HTML fragments, every builder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import sphinx
from docutils import nodes
from fragments import cut
from helpers import Built, ExampleBuilds, check_snapshot
from sphinx.testing.util import SphinxTestApp

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _object_trees(app: SphinxTestApp, docname: str, prefix: str) -> dict[str, str]:
    # Sphinx 9 asks for the build's tags (required from Sphinx 11); 8.2 knows no such argument.
    tags = {"tags": app.builder.tags} if sphinx.version_info >= (9,) else {}
    doctree = app.env.get_and_resolve_doctree(docname, app.builder, **tags)
    found = {}
    for container in doctree.findall(nodes.container):
        ident = container.get("pb_id", "")
        if ident:
            # Back-links name the enclosing section, which differs by design ("MyST"/"rST").
            text = (
                container.pformat()
                .replace(f"{prefix}-", "X-")
                .replace(f'refid="{docname}"', 'refid="D"')
                .replace({"myst": "MyST", "rst": "rST"}[docname], "SECTION")
            )
            found[ident.removeprefix(f"{prefix}-")] = text
    last = list(doctree.findall(nodes.paragraph))[-1].pformat()
    found["roles"] = last.replace(f"{prefix}-", "X-")
    return found


@pytest.mark.sphinx("html", testroot="rst")
def test_myst_and_rst_give_the_same_doctree(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    myst = _object_trees(app, "myst", "m")
    rst = _object_trees(app, "rst", "r")
    assert sorted(myst) == ["claim", "lukashenko", "offer", "other", "paradox", "roles"]
    for key in myst:
        assert myst[key] == rst[key], key


@pytest.mark.sphinx("html", testroot="rst")
def test_qualified_and_short_names(app: SphinxTestApp) -> None:
    app.build()
    html = (Path(app.outdir) / "myst.html").read_text(encoding="utf8")
    # The unlabelled role shows the title; the labelled one its own text.
    assert re.search(r'href="#m-claim"[^>]*><span class="xref pb pb-claim">A claim about it<', html)
    assert re.search(r'href="#m-offer"[^>]*><span class="xref pb pb-event">the offer<', html)


def _check_snapshot(name: str, fragment: str) -> None:
    check_snapshot(SNAPSHOTS / name, fragment, update=bool(os.environ.get("UPDATE_SNAPSHOTS")))


def test_html_fragments(basic_build: Built) -> None:
    out = basic_build.outdir
    analysis = (out / "analysis.html").read_text(encoding="utf8")
    views = (out / "views.html").read_text(encoding="utf8")
    actors = (out / "actors.html").read_text(encoding="utf8")
    fragments = {
        "claim.html": cut(analysis, id="deal-is-tool"),
        "event.html": cut(analysis, id="medvedev-offer"),
        "paradox.html": cut(analysis, id="sovereign-equality"),
        "actor.html": cut(actors, id="russia"),
        "key-judgments.html": cut(views, cls="pb-key-judgments"),
        "timeline.html": cut(views, cls="pb-timeline"),
        "claim-index.html": cut(views, cls="pb-claim-index"),
        "actor-index.html": cut(views, cls="pb-actor-index"),
        "paradox-index.html": cut(views, cls="pb-paradox-index"),
    }
    for name, fragment in fragments.items():
        assert fragment, name
        _check_snapshot(name, fragment)


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text"])
def test_every_builder_builds_the_example(builder: str, example_builds: ExampleBuilds) -> None:
    # The session's builds of the example, made once for every module that reads them.
    example = example_builds(builder)
    warnings, out = example.warnings, example.outdir
    assert warnings == "", warnings
    if builder == "text":
        timeline = (out / "timeline.txt").read_text(encoding="utf8")
        assert "13 December 2018" in timeline and "since at least 2012" in timeline
        claims = (out / "claims.txt").read_text(encoding="utf8")
        # The key judgments once there, as the claim index's first group; the box is on
        # the front page.
        assert "Key judgment (5)" in claims and "likely" in claims
        assert "Key judgments" in (out / "index.txt").read_text(encoding="utf8")
    if builder == "latex":
        tex = next(out.glob("*.tex")).read_text(encoding="utf8")
        # The chronology is a table in PDF output; objects are hyperlinked targets.
        assert "Date" in tex and "\\label{\\detokenize{timeline:" in tex
        assert "\\hyperref[\\detokenize{context:medvedev-offer}]" in tex
