"""What the reader is shown is true: titles as text, ids unique, warnings on every build,
short names never silently taken, bad classes kept out of LaTeX, links on their lines."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import build, copy_root

from sphinxcontrib_policybrief.directives import mark_repeated_rst_options

ROOTS = Path(__file__).parent / "roots"
_CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n'
_CONF += 'myst_enable_extensions = ["colon_fence"]\nproject = "Case"\n'


def _project(tmp: Path, pages: dict[str, str], conf: str = _CONF) -> Path:
    src = tmp / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf8")
    toctree = "\n".join(p for p in pages if p != "index")
    index = pages.get("index", "# Case\n")
    (src / "index.md").write_text(f"{index}\n```{{toctree}}\n{toctree}\n```\n", encoding="utf8")
    for name, text in pages.items():
        if name != "index":
            (src / f"{name}.md").write_text(text, encoding="utf8")
    return src


# -- markup in titles ------------------------------------------------------------------

_TITLED = {
    "people": "# People\n\n:::{actor} Karsa Orlong\n:id: karsa\n:::\n\n"
    "(harbour)=\n## The harbour\n\nWhere it happened.\n",
    "events": "# Events\n\n"
    ":::{timeline-event} Talks with {actor}`karsa` per {ref}`harbour` and a note[^n]\n"
    ":id: talks\n:date: 2019-05\n:actors: karsa\n\nHeld at {ref}`harbour`[^n].\n:::\n\n"
    ":::{claim} Because of {event}`talks`\n:id: because\n:evidence: talks\n"
    ":source: See [the report](https://example.org/r) by {actor}`karsa`\n:::\n\n"
    "[^n]: The note.\n",
    "views": "# Views\n\n:::{timeline}\n:::\n\n:::{claim-index}\n:::\n",
}
_SHOWN = "Talks with Karsa Orlong per The harbour and a note"


def test_titles_keep_their_rendered_text_everywhere(tmp_path: Path) -> None:
    app, warnings = build(_project(tmp_path, _TITLED), tmp_path / "out")
    assert warnings == "", warnings
    out = Path(app.outdir)
    brief = json.loads((out / "policybrief.json").read_text(encoding="utf8"))
    assert _SHOWN in json.dumps(brief, ensure_ascii=False)
    timeline = (out / "policybrief-timeline.json").read_text(encoding="utf8")
    assert _SHOWN in json.loads(timeline)["events"][0]["text"]["headline"]
    assert _SHOWN in (out / "policybrief-events.csv").read_text(encoding="utf8")
    views = (out / "views.html").read_text(encoding="utf8")
    assert f'title="Timeline event: {_SHOWN}"' in views
    events = (out / "events.html").read_text(encoding="utf8")
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', events, re.S)
    assert jsonld is not None and _SHOWN in jsonld.group(1)
    # A title that links to another shows that one's rendered title in turn.
    assert f"Because of {_SHOWN}" in (out / "policybrief-claims.csv").read_text(encoding="utf8")
    # :source: as text, its link and role as a reader sees them.
    assert '"source": "See the report by Karsa Orlong"' in json.dumps(brief)
    # The summary, too: a {ref} reads as its section's title, a footnote reference is gone.
    assert "Held at The harbour." in views
    assert "Held at The harbour." in json.dumps(brief)
    for text in (views, timeline, json.dumps(brief)):
        assert "with karsa" not in text and "note1" not in text and "note n" not in text


_TRANSFORMED = {
    "index": "# Case\n\n:::{claim} Target\n:id: target\n:::\n\n"
    ":::{claim} See [the target](#target), [a section](#the-harbour) and {ref}`harbour`\n"
    ":id: linked\n:::\n\n(harbour)=\n## The harbour\n\nWhere it happened.\n",
}
_RST_TITLES = """Substitutions
=============

.. |kar| replace:: Karsa Orlong

.. claim:: |kar| will renew the treaty
   :id: subst

.. claim:: The treaty as of |today|, with a note [#]_ and `Substitutions`_
   :id: dated

.. [#] The note.

.. claim:: A reference to `nowhere`_ in a title
   :id: dangling

.. claim-index::
"""


@pytest.mark.parametrize("builder", ["html", "singlehtml", "text", "latex"])
def test_markup_in_titles_is_resolved_by_docutils_and_sphinx(tmp_path: Path, builder: str) -> None:
    """Substitutions, named references, auto-numbered footnotes and MyST links in a title
    are resolved in place by the transforms that track them (they replace the very nodes
    the parser made, so the title keeps them and nothing else holds them): the page shows
    the text, and the link goes where it points. A dangling rST reference is docutils'
    error, reported where it is written, and the build goes on."""
    src = _project(tmp_path, _TRANSFORMED)
    src.joinpath("subst.rst").write_text(_RST_TITLES, encoding="utf8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf8") + "```{toctree}\nsubst\n```\n", "utf8")
    app, warnings = build(src, tmp_path / "out", builder=builder)
    lines = [w for w in warnings.splitlines() if "WARNING" in w or "ERROR" in w]
    assert len(lines) == 1 and 'subst.rst:14: ERROR: Unknown target name: "nowhere"' in lines[0]
    out = Path(app.outdir)
    written = [p for p in sorted(out.rglob("*.*")) if "_sources" not in p.parts]
    text = "\n".join(
        p.read_text(encoding="utf8") for p in written if p.suffix in (".html", ".txt", ".tex")
    )
    assert "Karsa Orlong will renew the treaty" in text
    assert "|kar|" not in text and "|today|" not in text
    if builder == "html":
        page = (out / "index.html").read_text(encoding="utf8")
        assert re.search(r'See <a class="reference internal" href="#target"[^>]*>', page)
        assert re.search(r'<a class="reference internal" href="#the-harbour"', page)
        subst = (out / "subst.html").read_text(encoding="utf8")
        assert re.search(r'with a note <a class="footnote-reference[^"]*" href="#id\d+"', subst)
        assert '<a class="reference internal" href="#substitutions">Substitutions</a>' in subst


@pytest.mark.parametrize("including", ["index", "zz-later"])
def test_a_document_also_included_elsewhere_is_named_as_such(
    tmp_path: Path, including: str
) -> None:
    """A document in the toctree that another document also includes defines its objects
    twice, at one place: the warning says so (whichever of the two is read first), rather
    than pointing at the same line as "already used"."""
    pages = {"inc": "# Inc\n\n:::{claim} Included\n:id: included\n:::\n"}
    include = "```{include} inc.md\n```\n"
    if including == "index":
        pages["index"] = "# Case\n\n" + include
    else:
        pages[including] = "# Later\n\n" + include
    _, warnings = build(_project(tmp_path, pages), tmp_path / "out")
    lines = [w for w in warnings.splitlines() if "WARNING" in w]
    assert len(lines) == 1, warnings
    assert (
        "inc.md:3: WARNING: duplicate id 'included': inc.md is a document of its own" in (lines[0])
    )
    assert f"also included by {including!r}" in lines[0]
    assert "[policybrief.duplicate-id]" in lines[0]


def test_a_dangling_role_is_quoted_as_the_author_wrote_it(tmp_path: Path) -> None:
    src = _project(tmp_path, {"myst": "# MyST\n\nSee {claim}`nope`.\n"})
    src.joinpath("plain.rst").write_text("Plain\n=====\n\nSee :claim:`undef`.\n", "utf8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf8") + "```{toctree}\nplain\n```\n", "utf8")
    _, warnings = build(src, tmp_path / "out")
    assert "plain.rst:4: WARNING: :claim: reference to 'undef': no such claim" in warnings
    assert "myst.md:3: WARNING: {claim} reference to 'nope': no such claim" in warnings


# -- HTML ids across documents -----------------------------------------------------------


def _duplicate_ids(html: str) -> list[str]:
    return sorted(i for i, n in Counter(re.findall(r'\sid="([^"]*)"', html)).items() if n > 1)


def test_singlehtml_has_no_id_twice_with_timelines_in_several_documents(tmp_path: Path) -> None:
    src = copy_root(ROOTS / "test-every-view", tmp_path / "src")
    app, _ = build(src, tmp_path / "out", builder="singlehtml")
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf8")
    assert 'id="pb-tl0-2019-2"' in html  # the second document's timeline, numbered
    assert _duplicate_ids(html) == []


# -- project-level warnings on every build -------------------------------------------------

_PROBLEMS = {
    "claims": "# Claims\n\n:::{claim} A\n:id: a\n:supports: nowhere\n:::\n\n"
    ":::{claim} B\n:id: b\n:supports: c\n:::\n\n:::{claim} C\n:id: c\n:supports: b\n:::\n"
}


def test_project_problems_are_reported_on_every_build(tmp_path: Path) -> None:
    src = _project(tmp_path, _PROBLEMS)
    out = tmp_path / "out"
    _, first = build(src, out)
    assert first.count("[policybrief.unknown-ref]") == 1 and first.count("[policybrief.cycle]") == 1
    # Nothing read again, nothing written again: the same warnings, once each.
    _, again = build(src, out)
    assert again.count("[policybrief.unknown-ref]") == 1 and again.count("[policybrief.cycle]") == 1
    # An output-only change: every page written again, no document read.
    _, output_only = build(src, out, conf={"policybrief_timeline_overview": False})
    assert output_only.count("[policybrief.unknown-ref]") == 1


# -- short names held by another extension ---------------------------------------------------

_OTHER_EXTENSION = """
from docutils import nodes
from docutils.parsers.rst import Directive


class OtherClaim(Directive):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self):
        return [nodes.paragraph("", "OTHER-CLAIM " + " ".join(self.arguments))]


def setup(app):
    if app.config.overrides.get("other_late"):
        app.connect("config-inited", lambda app, config: app.add_directive(
            "claim", OtherClaim, override=True), priority=950)
    else:
        app.add_directive("claim", OtherClaim)
    return {"parallel_read_safe": True}
"""


def _clash_project(tmp: Path, order: str, *, late: bool = False) -> Path:
    names = '"other_claims", "sphinxcontrib_policybrief"'
    if order == "ours-first":
        names = '"sphinxcontrib_policybrief", "other_claims"'
    conf = (
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        f"extensions = ['myst_parser', {names}]\n"
        'myst_enable_extensions = ["colon_fence"]\nproject = "Clash"\n'
    )
    src = _project(
        tmp,
        {"page": "# Page\n\n:::{claim} Theirs\n:::\n\n:::{pb:claim} Ours\n:id: ours\n:::\n"},
        conf,
    )
    (src / "other_claims.py").write_text(f"LATE = {late}\n{_OTHER_EXTENSION}", encoding="utf8")
    return src


def test_a_short_name_held_by_another_extension_stays_theirs_with_a_warning(
    tmp_path: Path,
) -> None:
    for order in ("theirs-first", "ours-first"):
        src = _clash_project(tmp_path / order, order)
        app, warnings = build(src, tmp_path / order / "out")
        assert "[policybrief.name-clash]" in warnings and "'other_claims'" in warnings, order
        assert warnings.count("[policybrief.name-clash]") == 1, warnings
        page = (Path(app.outdir) / "page.html").read_text(encoding="utf8")
        assert "OTHER-CLAIM Theirs" in page, order
        assert 'id="ours"' in page, order


def test_a_short_name_taken_after_ours_is_reported(tmp_path: Path) -> None:
    src = _clash_project(tmp_path, "ours-first", late=True)
    app, warnings = build(src, tmp_path / "out")
    assert warnings.count("[policybrief.name-clash]") == 1, warnings
    assert "'other_claims'" in warnings
    assert "OTHER-CLAIM Theirs" in (Path(app.outdir) / "page.html").read_text(encoding="utf8")


# -- bad classes and LaTeX -----------------------------------------------------------------


def test_a_bad_class_never_reaches_latex(tmp_path: Path) -> None:
    src = _project(
        tmp_path, {"page": "# Page\n\n:::{claim} A claim\n:id: a\n:class: 50% {x} fine\n:::\n"}
    )
    app, warnings = build(src, tmp_path / "out", builder="latex")
    assert "[policybrief.option-value]" in warnings
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "50%" not in tex and "{x}" not in tex


# -- links inside :source: --------------------------------------------------------------------


def test_links_in_source_are_located_on_their_line(tmp_path: Path) -> None:
    pages = {
        "md": "# MyST\n\n:::{claim} A claim\n:id: a\n:kind: finding\n"
        ":source: See [the report](http://127.0.0.1:9/md-report).\n:::\n",
    }
    src = _project(tmp_path, pages)
    (src / "rst.rst").write_text(
        "reST\n====\n\n.. claim:: B claim\n   :id: b\n   :kind: finding\n"
        "   :source: See `the report <http://127.0.0.1:9/rst-report>`_.\n",
        encoding="utf8",
    )
    _edit_toctree(src, "rst")
    app, _ = build(src, tmp_path / "out", builder="linkcheck", conf={"linkcheck_timeout": 1})
    found = [json.loads(line) for line in (Path(app.outdir) / "output.json").open()]
    lines = {Path(r["filename"]).stem: r["lineno"] for r in found if "127.0.0.1" in r["uri"]}
    assert lines == {"md": 6, "rst": 7}


def _edit_toctree(src: Path, name: str) -> None:
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf8").replace("md\n```", f"md\n{name}\n```"))


@pytest.mark.parametrize("order", ["needs-first", "ours-first"])
def test_sphinx_needs_keeps_its_claim_need_type(order: str, tmp_path: Path) -> None:
    pytest.importorskip("sphinx_needs")  # in the bench extra
    names = ["sphinx_needs", "sphinxcontrib_policybrief"]
    if order == "ours-first":
        names.reverse()
    conf = (
        f"extensions = ['myst_parser', {', '.join(repr(n) for n in names)}]\n"
        'myst_enable_extensions = ["colon_fence"]\nproject = "Needs"\n'
        "needs_types = [dict(directive='claim', title='Claim', prefix='C_', "
        "color='#BFD8D2', style='node')]\n"
    )
    page = "# Page\n\n:::{claim} A need\n:id: C_001\n:::\n\n:::{pb:claim} Ours\n:id: ours\n:::\n"
    app, warnings = build(_project(tmp_path, {"page": page}, conf), tmp_path / "out")
    assert warnings.count("[policybrief.name-clash]") == 1, warnings
    assert "'sphinx_needs'" in warnings
    html = (Path(app.outdir) / "page.html").read_text(encoding="utf8")
    assert "C_001" in html and 'id="ours"' in html
    assert 'id="c_001"' not in html  # not read as a policybrief claim


# -- repeated options in reStructuredText ------------------------------------------------------


def test_earlier_copies_of_a_repeated_rst_option_are_renamed_in_place() -> None:
    source = (
        ".. note::\n\n   .. pb:claim:: A claim\n      :id: first\n      :source: a long\n"
        "         :id: not-an-option\n      :ID: second\n      :kind: finding\n\n"
        "      Body with :id: in it.\n\n.. figure:: x.png\n   :alt: a\n   :alt: b\n"
    )
    marked = mark_repeated_rst_options(source)
    assert marked.count("\n") == source.count("\n")
    assert ":pb-repeated-id: first" in marked and ":ID: second" in marked
    # Continuation lines, bodies and other directives are left alone.
    assert ":id: not-an-option" in marked and "Body with :id: in it." in marked
    assert marked.endswith("   :alt: a\n   :alt: b\n")
