"""The pb domain end to end: objects registered, references resolved, inventory written."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from helpers import Built
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief.domain import PolicyBriefDomain


def _domain(app: SphinxTestApp) -> PolicyBriefDomain:
    return app.env.get_domain("pb")  # type: ignore[return-value]


def test_basic_builds_clean(basic_build: Built) -> None:
    assert basic_build.warnings == ""
    graph = _domain(basic_build.app).graph
    assert sorted(graph.objects) == sorted(
        [
            "lukashenko",
            "medvedev",
            "belarus",
            "russia",
            "medvedev-offer",
            "loans-withheld",
            "thesis-main",
            "deal-is-tool",
            "treaty-equality",
            "moscow-unilateralism",
            "sovereign-equality",
        ]
    )
    html = (basic_build.outdir / "analysis.html").read_text(encoding="utf8")
    # Roles and the MyST link resolve to the objects' anchors.
    assert 'href="#deal-is-tool"' in html
    assert 'href="actors.html#lukashenko"' in html
    assert 'href="#medvedev-offer"' in html
    assert html.count('href="#sovereign-equality"') >= 2
    assert '<time class="pb-date" datetime="2018-12-13"' in html


def test_connections_both_ways(basic_build: Built) -> None:
    outdir = basic_build.outdir
    html = (outdir / "analysis.html").read_text(encoding="utf8")
    thesis = html[html.index('id="thesis-main"') : html.index('id="deal-is-tool"')]
    assert "Supported by" in thesis and "#deal-is-tool" in thesis
    deal = html[html.index('id="deal-is-tool"') : html.index('id="treaty-equality"')]
    assert "Supports" in deal and "Evidence" in deal and "Resolves" in deal
    offer = html[html.index('id="medvedev-offer"') : html.index('id="loans-withheld"')]
    assert "Evidence for" in offer and "#deal-is-tool" in offer
    actors = (outdir / "actors.html").read_text(encoding="utf8")
    russia = actors[actors.index('id="russia"') :]
    assert "Members" in russia and "#medvedev" in russia
    # An actor's own events, in date order.
    assert russia.index("medvedev-offer") < russia.index("loans-withheld")
    # Contradicts is symmetric: both ends show it.
    unilateral = html[
        html.index('id="moscow-unilateralism"') : html.index('id="sovereign-equality"')
    ]
    assert "Contradicts" in unilateral and "#treaty-equality" in unilateral


def test_inventory_lists_every_object(basic_build: Built) -> None:
    outdir = basic_build.outdir
    raw = (outdir / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    entries = {tuple(line.split(" ", 2)[:2]) for line in body.splitlines()}
    assert ("deal-is-tool", "pb:claim") in entries
    assert ("lukashenko", "pb:actor") in entries
    assert ("medvedev-offer", "pb:event") in entries
    assert ("sovereign-equality", "pb:paradox") in entries
    assert re.search(r"^deal-is-tool pb:claim 1 analysis\.html#\$ ", body, re.M)


def test_domain_index_pages(basic_build: Built) -> None:
    outdir = basic_build.outdir
    claims = (outdir / "pb-claims.html").read_text(encoding="utf8")
    assert "Key judgment" in claims and "analysis.html#deal-is-tool" in claims
    actors = (outdir / "pb-actors.html").read_text(encoding="utf8")
    assert "Aliaksandr Lukashenka" in actors and "see Alexander Lukashenko" in actors


@pytest.mark.sphinx(
    "html",
    testroot="dangling",
    confoverrides={"nitpicky": True, "nitpick_ignore": [("pb:actor", "ignored-actor")]},
)
def test_dangling_roles_warn_typed_and_respect_nitpick_ignore(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"index\.md:7: WARNING: \{claim\} reference to 'missing-claim': no such claim "
        r"in the project \[policybrief\.unknown-ref\]",
        warnings,
    ), warnings
    assert "ignored-actor" not in warnings
    # The misspelt filter values of the claim index.
    assert "claim-index: :kind: 'key-judgement' is not one of" in warnings
    assert "claim-index: :likelihood: 'probably' is not one of" in warnings
    assert warnings.count("[policybrief.view-option]") == 2
    assert warnings.count("WARNING") == 3
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf8")
    assert "Still rendered." in html and 'href="#present"' in html
