"""Each node type drawn by each writer (html, latex, text, epub), and the LaTeX package."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree
from helpers import build

from sphinxcontrib_policybrief.render import nodes as pb
from sphinxcontrib_policybrief.render.writers import LATEX_DIR, VISITORS

BASIC = Path(__file__).parent / "roots" / "test-basic"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """test-basic built once by each writer."""
    found = {}
    # EPUB wants a version and a copyright in its metadata.
    epub = {"version": "1.0", "copyright": "2024, the tests"}
    for builder in ("html", "latex", "text", "epub"):
        conf = epub if builder == "epub" else {}
        app, warnings = build(BASIC, tmp_path_factory.mktemp(builder), builder=builder, conf=conf)
        assert "Traceback" not in warnings and "WARNING" not in warnings, warnings
        found[builder] = Path(app.outdir)
    return found


SVG = "{http://www.w3.org/2000/svg}"


def _html(outputs: dict[str, Path], page: str) -> str:
    return (outputs["html"] / f"{page}.html").read_text(encoding="utf8")


def _tex(outputs: dict[str, Path]) -> str:
    return next(outputs["latex"].glob("*.tex")).read_text(encoding="utf8")


def _text(outputs: dict[str, Path], page: str) -> str:
    return (outputs["text"] / f"{page}.txt").read_text(encoding="utf8")


def test_every_drawn_node_has_html_latex_and_text_visitors() -> None:
    assert set(VISITORS) == set(pb.DRAWN)
    for node_class, handlers in VISITORS.items():
        assert {"html", "latex", "text"} <= set(handlers), node_class.__name__


# -- one test per node type ------------------------------------------------------------------


def test_object(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "analysis")
    assert re.search(r'<div class="pb-object pb-claim docutils container" id="deal-is-tool">', html)
    tex = _tex(outputs)
    # A box of the kind's colour, labelled so that links land on it.
    assert re.search(
        r"\\begin\{pbobject\}\{claim\}\n"
        r"\\phantomsection\\label\{\\detokenize\{analysis:deal-is-tool\}\}\n",
        tex,
    )
    assert "\\begin{pbobject}{event}" in tex and "\\begin{pbobject}{actor}" in tex
    assert tex.count("\\begin{pbobject}") == tex.count("\\end{pbobject}")
    text = _text(outputs, "analysis")
    # Under its title, everything of the object is indented.
    assert re.search(
        r"^\[Key judgment\] \[likely \(55–80 %\)\] \[moderate confidence\]\n"
        r"The deal serves Moscow's unilateral goals rather than a negotiated\nconsensus\n"
        r"   Actors: Russia, Belarus\n",
        text,
        re.M,
    )
    assert re.search(r"^   Body: the reasoning, with \*\*MyST\*\* markup\.$", text, re.M)


def test_object_header(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "analysis")
    # No element of its own in HTML: kicker, title and metadata sit in the object.
    start = '<div class="pb-object pb-claim docutils container" id="deal-is-tool">'
    assert f'{start}\n<p class="pb-kicker">' in html
    tex = _tex(outputs)
    start = tex.index("\\label{\\detokenize{analysis:deal-is-tool}}\n")
    header = tex[start : tex.index("\\pbheaderend", start)]
    assert "\\pbkicker{\\pbbadge{dark}{Key judgment}" in header
    assert "\\pbtitle{The deal serves Moscow" in header  # the macro, not \sphinxstylestrong
    assert (
        "\\pbfield{Actors}{" in header and "\\pbfield{Tags}{\\pbbadge{plain}{strategy}}" in header
    )
    assert "\\pbheaderend" in tex
    # In text the title is a line of its own, not wrapped in "**".
    assert "\nThe main thesis\n" in _text(outputs, "analysis")


def test_badge(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "analysis")
    assert '<span class="pb-badge pb-tone-dark pb-kind">Key judgment</span>' in html
    assert '<span class="pb-badge pb-tone-plain pb-tag">strategy</span>' in html
    tex = _tex(outputs)
    assert re.search(r"\\pbbadge\{\w+\}\{likely \(55\\textendash\{\}80 \\%\)\}", tex)
    assert "\\pbbadge{info}{moderate confidence}" in tex
    assert "[" not in re.sub(r"\[[^\]]*\]\{", "", tex[tex.index("\\pbkicker") :][:200])
    assert "[Key judgment] [likely (55–80 %)] [moderate confidence]" in _text(outputs, "analysis")


def test_date(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "analysis")
    assert re.search(
        r'<time class="pb-date" datetime="2018-12-13" title="13 December 2018 \(2018-12-13\)">'
        r"13 December 2018</time>",
        html,
    )
    assert re.search(
        r'<time class="pb-date pb-date-uncertain" datetime="2019"[^>]*>during 2019<', html
    )
    tex = _tex(outputs)
    assert "\\pbdate{13 December 2018}" in tex and "\\pbdateuncertain{during 2019}" in tex
    assert "[Timeline event] 13 December 2018\n" in _text(outputs, "analysis")


def test_connections_box(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "analysis")
    assert '<div class="pb-connections docutils container">' in html
    tex = _tex(outputs)
    assert "\\begin{pbconnections}\n\\pbconnectionsrunin{Connections}\\pbrel{Supports}{" in tex
    text = _text(outputs, "analysis")
    assert re.search(r"^   Connections:\n      Supports: The main thesis$", text, re.M)
    # A list in a field (an actor's events in date order): one line per item.
    actors = _text(outputs, "actors")
    assert re.search(
        r"^      Events:\n         - 13 December 2018 — Russia's prime minister proposes \"deeper\n"
        r"           integration\"\n      Claims: ",
        actors,
        re.M,
    )


def test_view_box(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "views")
    for view in ("key-judgments", "timeline", "claim-index", "actor-index", "paradox-index"):
        # A timeline's box also carries the words of its filter script (data-pb-filter).
        tail = " data-pb-filter=" if view == "timeline" else ">"
        assert f'<div class="pb-view pb-{view} docutils container"{tail}' in html, view
    # The claim index is lists in every writer.
    assert "\\sphinxstylestrong{{\\hyperref[\\detokenize{analysis:deal-is-tool}]" in _tex(outputs)
    assert "* **The deal serves Moscow's unilateral goals" in _text(outputs, "views")


def test_key_judgments(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "views")
    start = '<div class="pb-key-judgments-box admonition">'
    assert f'{start}\n<p class="admonition-title">Key judgments</p>' in html
    tex = _tex(outputs)
    box = tex[
        tex.index("\\begin{pbkeyjudgments}{Key judgments}") : tex.index("\\end{pbkeyjudgments}")
    ]
    assert "\\begin{enumerate}" in box and "analysis:deal-is-tool" in box
    assert "Key judgments\n~~~~~~~~~~~~~\n\n1. " in _text(outputs, "views")


def test_timeline_chronology(outputs: dict[str, Path]) -> None:
    tex = _tex(outputs)
    table = tex[tex.index("\\begin{pbchronology}{Date}{Event}{Actors}") :]
    table = table[: table.index("\\end{pbchronology}")]
    # Date & event with its summary and evidence & actors (no "Actors:" label in the cell).
    row = next(line for line in table.splitlines() if "medvedev-offer" in line)
    date, event, actors = row.split(" & ")
    assert date == "\\pbdate{13 December 2018}"
    assert "Medvedev puts two paths on the table." in event and "\\pbchronoevidence{" in event
    assert "Actors" not in actors and "actors:medvedev" in actors
    assert actors.endswith("\\pbchronorowend")
    assert "\\pbchronoyear{2018}" in table and "\\pbchronoyear{2019}" in table


def test_timeline_jump_and_years(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "views")
    assert re.search(
        r'<p class="pb-tl-jump"><a class="reference internal" href="#pb-tl\d+-2018">', html
    )
    assert re.search(r'<p class="pb-tl-year rubric" id="pb-tl\d+-2018">2018</p>', html)
    tex = _tex(outputs)
    assert "pb-tl-jump" not in tex and "pb-tl1-2018" not in tex  # the table has year rows
    text = _text(outputs, "views")
    assert "\n2018\n----\n" in text and "2018 · 2019" not in text


def test_timeline_event(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "views")
    # data-pb-event: the anchor that the overview's marks name the event by.
    assert re.search(
        r'<div class="pb-tl-event pb-a-medvedev[^"]* docutils container"'
        r' data-pb-event="medvedev-offer">',
        html,
    )
    assert '<span class="pb-tl-actors">Actors: <a ' in html
    assert '<span class="pb-tl-evidence">Evidence for: <a ' in html
    text = _text(outputs, "views")
    assert re.search(
        r"^13 December 2018 — Russia's prime minister proposes \"deeper\nintegration\"\n"
        r"   Medvedev puts two paths on the table\.\n\n"
        r"   Actors: Dmitry Medvedev, Russia, Belarus\n"
        r"   Evidence for: The deal serves Moscow's unilateral goals rather than\n"
        r"                 a negotiated consensus\n",
        text,
        re.M,
    )


def test_timeline_overview(outputs: dict[str, Path]) -> None:
    html = _html(outputs, "views")
    # "no-search": the search index skips the drawing's words, which repeat the list's.
    assert '<div class="no-search pb-tl-overview"><svg xmlns="http://www.w3.org/2000/svg"' in html
    # Across and down the page, each a named, described picture that links nowhere.
    drawing = re.search(r'<div class="no-search pb-tl-overview">(.*?)</div>', html, re.S)
    assert drawing is not None
    svgs = [ElementTree.fromstring(s) for s in re.findall(r"<svg\b.*?</svg>", drawing[1], re.S)]
    assert [s.get("class") for s in svgs] == ["pb-tl-svg pb-tl-h", "pb-tl-svg pb-tl-v"]
    for svg in svgs:
        assert svg.get("role") == "img"
        assert svg[0].tag == f"{SVG}title" and svg[1].tag == f"{SVG}desc"
        assert svg[1].text and svg[1].text.startswith("2 events from ")
        assert svg.find(f".//{SVG}a") is None
    assert "<svg" not in _tex(outputs) and "pb-tl-svg" not in _tex(outputs)
    assert "Overview of the timeline" not in _text(outputs, "views")


def test_epub_draws_the_overview_as_an_image_file(outputs: dict[str, Path]) -> None:
    page = (outputs["epub"] / "views.xhtml").read_text(encoding="utf8")
    assert "<svg" not in page  # inline SVG would need a manifest property Sphinx cannot set
    # The text alternative is the drawing's name and description.
    sources = re.findall(
        r'<img alt="Overview of the timeline: 2 events from [^"]+" class="pb-tl-svg" '
        r'src="([^"]+)"',
        page,
    )
    assert len(sources) == 1  # the second timeline of the page has no events
    opf = (outputs["epub"] / "content.opf").read_text(encoding="utf8")
    for src in sources:
        assert f'href="{src}" media-type="image/svg+xml"' in opf
        root = ElementTree.fromstring((outputs["epub"] / src).read_bytes())
        assert root.tag == f"{SVG}svg"
        assert root.get("class") == "pb-tl-svg pb-tl-h"  # the drawing across the page
        assert root.find(f".//{SVG}a") is None  # an image links nowhere
        assert root.find(f".//{SVG}circle") is not None
        # An image file needs no hooks for the filter chips.
        assert not [g for g in root.iter(f"{SVG}g") if g.get("data-pb-events") is not None]


# -- the LaTeX package ----------------------------------------------------------------------


def test_latex_package_is_copied_and_loaded(outputs: dict[str, Path]) -> None:
    outdir = outputs["latex"]
    shipped = (LATEX_DIR / "policybrief.sty").read_bytes()
    assert (outdir / "policybrief.sty").read_bytes() == shipped
    assert "\\usepackage{policybrief}" in _tex(outputs)
    cfg = (outdir / "policybrief.cfg").read_text(encoding="utf8")
    assert "\\pbdomainindex{Claim index}" in cfg and "\\pbdomainindex{Actor index}" in cfg
    # Only LaTeX builds get the files.
    assert not (outputs["html"] / "policybrief.sty").exists()
    assert not list(outputs["html"].rglob("*.sty"))


@pytest.mark.parametrize(
    ("value", "present", "absent"),
    [
        ("full", ["\\pbconnectionstitle{Connections}", "\\pbfield{Supports}{"], ["\\pbrel{"]),
        (
            "compact",
            ["\\pbconnectionsrunin{Connections}", "\\pbrel{Supports}{"],
            ["\\pbfield{Supports}"],
        ),
        ("none", [], ["pbconnections", "\\pbrel{", "{Supports}"]),
    ],
)
def test_latex_connections_setting(
    value: str, present: list[str], absent: list[str], tmp_path: Path
) -> None:
    app, warnings = build(
        BASIC, tmp_path, builder="latex", conf={"policybrief_latex_connections": value}
    )
    assert "WARNING" not in warnings, warnings
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    for fragment in present:
        assert fragment in tex, fragment
    for fragment in absent:
        assert fragment not in tex, fragment


def test_bad_latex_connections_value_warns_and_falls_back(tmp_path: Path) -> None:
    app, warnings = build(
        BASIC, tmp_path, builder="latex", conf={"policybrief_latex_connections": "some"}
    )
    assert "policybrief_latex_connections must be one of 'full', 'compact', 'none'" in warnings
    assert "not 'some'; using 'compact'" in warnings
    assert warnings.count("[policybrief.config]") == 1
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "\\pbconnectionsrunin{Connections}" in tex


def _latexmk() -> str | None:
    return shutil.which("latexmk") if shutil.which("pdflatex") else None


@pytest.mark.skipif(_latexmk() is None, reason="needs latexmk and pdflatex")
def test_pdf_compiles_with_the_package(outputs: dict[str, Path], tmp_path: Path) -> None:
    work = shutil.copytree(outputs["latex"], tmp_path / "latex")
    tex = next(work.glob("*.tex"))
    done = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    log = tex.with_suffix(".log").read_text(encoding="latin-1")
    assert "Overfull \\vbox" not in log  # the chronology breaks across pages
    # Our indexes in one column and the body font: no typewriter entries.
    body = tex.read_text(encoding="utf8")
    assert "\\sphinxstyleindexentry{The deal serves" in body
