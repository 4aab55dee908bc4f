"""What helps a reader find their way: objects as headings with permalinks, folded long
connection lists, no zero counts, links to the domain index pages, the print styles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from helpers import build

CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + (
    'myst_enable_extensions = ["colon_fence"]\n'
)

# Ten claims rest on one event: its "Evidence for" list is long. A section named like
# the actor takes its id first, so the actor's anchor is "belarus-2", not its id
# (with a warning, which these tests expect).
BRIEF = """\
# Brief

## Belarus

:::{actor} Republic of Belarus
:id: belarus
:kind: state
:::

:::{timeline-event} Loans withheld
:id: e-loans
:date: 2019-12
:::

"""
BRIEF += "".join(
    f":::{{claim}} Claim number {n}\n:id: c-{n}\n:evidence: e-loans\n:::\n\n" for n in range(10)
)
BRIEF += ":::{claim} A claim nobody backs\n:id: c-alone\n:::\n"

VIEWS = """\
# Views

:::{claim-index}
:::

:::{actor-index}
:::
"""


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nbrief\nviews\n```\n", encoding="utf8")
    (src / "brief.md").write_text(BRIEF, encoding="utf8")
    (src / "views.md").write_text(VIEWS, encoding="utf8")
    return src


def _html(tmp_path: Path, name: str, **conf: Any) -> tuple[str, str]:
    app, warnings = build(_project(tmp_path), tmp_path / "out", fresh=True, conf=conf)
    return (Path(app.outdir) / name).read_text(encoding="utf8"), warnings


def _event_box(html: str) -> str:
    start = html.index('id="e-loans"')
    return html[start : html.index('id="c-0"', start)]


def test_object_titles_are_headings_with_permalinks(tmp_path: Path) -> None:
    html, warnings = _html(tmp_path, "brief.html")
    assert warnings.count("WARNING") == 1 and "[policybrief.anchor-clash]" in warnings
    # Below the page's <h1> and the section's <h2>: level 3; the link is to the record's
    # anchor, which is not the id here.
    actor = re.search(r'<div class="[^"]*pb-actor[^"]*" id="([^"]+)">', html)
    assert actor is not None and actor.group(1) == "belarus-2"
    assert (
        '<p aria-level="3" class="pb-title" role="heading"><strong>Republic of Belarus</strong>'
        f'<a class="headerlink" href="#{actor.group(1)}" title="Link to this object">¶</a></p>'
    ) in html
    assert html.count('class="headerlink" href="#c-') == 11


def test_permalinks_follow_the_html_settings(tmp_path: Path) -> None:
    html, _ = _html(tmp_path / "icon", "brief.html", html_permalinks_icon="#")
    assert 'title="Link to this object">#</a>' in html
    html, _ = _html(tmp_path / "off", "brief.html", html_permalinks=False)
    assert 'role="heading"' in html and "Link to this object" not in html


def test_long_connection_lists_fold_in_html(tmp_path: Path) -> None:
    html, _ = _html(tmp_path / "default", "brief.html")
    box = _event_box(html)
    # The first eight links, then the other two inside a <details> (no script needed).
    assert '<details class="pb-fold"><summary>Show all 10</summary>' in box
    shown, folded = box.split("<details", 1)
    assert shown.count("reference internal") == 8 and folded.count("reference internal") == 2
    html, _ = _html(tmp_path / "three", "brief.html", policybrief_connections_fold=3)
    assert _event_box(html).split("<details", 1)[0].count("reference internal") == 3
    html, _ = _html(tmp_path / "never", "brief.html", policybrief_connections_fold=0)
    assert "pb-fold" not in html and _event_box(html).count("reference internal") == 10


def test_print_and_text_list_every_connection(tmp_path: Path) -> None:
    src = _project(tmp_path)
    app, warnings = build(src, tmp_path / "out", builder="text", fresh=True)
    assert warnings.count("WARNING") == 1, warnings
    text = (Path(app.outdir) / "brief.txt").read_text(encoding="utf8")
    evidence = text[text.index("Loans withheld") : text.index("Claim number 0\n")]
    assert evidence.count("Claim number") == 10 and "Show all" not in text
    app, _ = build(src, tmp_path / "out", builder="latex", fresh=True)
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "Show all" not in tex and "details" not in tex
    assert tex.count("Claim number 9") >= 2  # its own title and the event's list


def test_fold_setting_is_validated(tmp_path: Path) -> None:
    _, warnings = _html(tmp_path, "brief.html", policybrief_connections_fold=-2)
    assert "policybrief_connections_fold must be a whole number of links" in warnings
    assert "[policybrief.config]" in warnings


def test_indexes_show_no_zero_counts_and_link_to_the_index_pages(tmp_path: Path) -> None:
    views, _ = _html(tmp_path / "on", "views.html")
    assert "0 supporting" not in views and "0 attacking" not in views
    entry = views[views.index("A claim nobody backs") :]
    assert "pb-claim-facts" not in entry[: entry.index("</li>")]
    assert '<a class="reference internal" href="pb-claims.html">Index of all claims</a>' in views
    assert '<a class="reference internal" href="pb-actors.html">Index of all actors</a>' in views
    # No index pages written, no links to them.
    views, _ = _html(tmp_path / "off", "views.html", html_domain_indices=False)
    assert "Index of all" not in views


def test_print_stylesheet() -> None:
    css = Path(__file__).parent.parent / "src/sphinxcontrib_policybrief/static/policybrief.css"
    text = css.read_text(encoding="utf8")
    printed = text[text.index("@media print") :]
    for rule in (".pb-chips", ".pb-tl-jump", "break-inside: avoid", "attr(href)", "border"):
        assert rule in printed
