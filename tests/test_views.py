"""View behaviours on a small project written in the test: filters, grouping, headings."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import build

CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + (
    'myst_enable_extensions = ["colon_fence"]\n'
)

BRIEF = """\
# Brief

:::{claim} A probable claim
:id: c-likely
:kind: finding
:likelihood: probable
:tags: Foreign Policy
:::

:::{claim} An unlikely claim
:id: c-unlikely
:kind: key-judgment
:likelihood: unlikely
:::

:::{timeline-event} Something in the mid-2000s
:id: e-decade
:date: 200X~
:date-label: mid-2000s
:::

:::{timeline-event} Something in 2000 itself
:id: e-year
:date: 2000-05-03
:::
"""

VIEWS = """\
# Views

## Likely

:::{claim-index}
:likelihood: Probable
:group-by: none
:::

## Tagged

:::{claim-index}
:tags: foreign policy
:group-by: none
:::

## Timeline

:::{timeline}
:::
"""


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nbrief\nviews\n```\n", encoding="utf8")
    (src / "brief.md").write_text(BRIEF, encoding="utf8")
    (src / "views.md").write_text(VIEWS, encoding="utf8")
    return src


def _section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    end = html.find('<section id="', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_views(tmp_path: Path) -> None:
    app, warnings = build(_project(tmp_path), tmp_path / "out", fresh=True)
    assert warnings == "", warnings
    out = Path(app.outdir)
    views = (out / "views.html").read_text(encoding="utf8")

    # A synonym of a scale term selects the claims filed under the term.
    likely = _section(views, "likely")
    assert "A probable claim" in likely and "An unlikely claim" not in likely

    # Tags are id-like: "Foreign Policy" on the claim, "foreign policy" in the filter.
    tagged = _section(views, "tagged")
    assert "A probable claim" in tagged and "An unlikely claim" not in tagged
    brief = (out / "brief.html").read_text(encoding="utf8")
    assert ">foreign-policy<" in brief

    # A decade-precision date is listed under its decade, not under the year 2000.
    timeline = _section(views, "timeline")
    headings = re.findall(r'class="pb-tl-year rubric"[^>]*>([^<]+)<', timeline)
    assert headings == ["2000s", "2000"]  # by lower bound: 1 January 2000 comes first

    # The claim index page is by initial (a group's heading becomes an anchor, which a
    # space would make invalid); each entry says its kind.
    index = (out / "pb-claims.html").read_text(encoding="utf8")
    assert re.findall(r'id="cap-([^"]*)"', index) == ["A"]
    # In the body font (a stylesheet of their own), with kind, grade and page.
    assert "_static/policybrief-index.css" in index
    assert "<strong>Key judgment:</strong>" in index and "<strong>Finding:</strong>" in index
    assert "<em>unlikely · in “Brief”</em>" in index and "<em>likely · in “Brief”</em>" in index
    assert "_static/policybrief-index.css" not in (out / "genindex.html").read_text("utf8")


def test_key_judgments_without_the_kind_warns(tmp_path: Path) -> None:
    src = _project(tmp_path)
    (src / "views.md").write_text("# Views\n\n:::{key-judgments}\n:::\n", encoding="utf8")
    conf = {"policybrief_claim_kinds": ["finding", "assessment"]}
    _, warnings = build(src, tmp_path / "out", fresh=True, conf=conf)
    expected = (
        "views.md:3: WARNING: key-judgments: it lists claims of kind 'key-judgment', "
        "which policybrief_claim_kinds does not include"
    )
    assert expected in warnings
    assert "[policybrief.view-option]" in warnings


def test_role_of_the_wrong_kind_says_what_the_id_is(tmp_path: Path) -> None:
    src = _project(tmp_path)
    (src / "views.md").write_text("# Views\n\nSee {actor}`c-likely`.\n", encoding="utf8")
    _, warnings = build(src, tmp_path / "out", fresh=True)
    assert (
        "views.md:3: WARNING: {actor} reference to 'c-likely': it is a claim, not an actor"
        in warnings
    )
