"""The analysis directives in real builds: argument maps, ACH matrices, key assumptions.

tests/roots/test-analysis holds the issue's own syntax; the matrix there is scored by hand
below (I counts 1, II counts 2):

=================  ======  ==============  ===============
evidence           h-tool  h-cost-cutting  h-genuine-union
=================  ======  ==============  ===============
medvedev-offer     C       C               CC
tax-manoeuvre      CC      CC              I   (1)
base-pressure      CC      N               II  (2)
loans-withheld     CC      C               I   (1)
score              0       0               4
=================  ======  ==============  ===============
"""

from __future__ import annotations

import json
import re
import shutil
from itertools import pairwise
from pathlib import Path

import jsonschema
import pytest
from helpers import build, snapshot

from sphinxcontrib_policybrief.core.export.brief_json import load_schema

ROOT = Path(__file__).parent / "roots" / "test-analysis"
HAND_SCORES = {"h-tool": 0, "h-cost-cutting": 0, "h-genuine-union": 4}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = {}
    epub = {"version": "1.0", "copyright": "2024, the tests"}
    for builder in ("html", "latex", "text", "epub"):
        conf = epub if builder == "epub" else {}
        app, warnings = build(ROOT, tmp_path_factory.mktemp(builder), builder=builder, conf=conf)
        assert "Traceback" not in warnings and "WARNING" not in warnings, warnings
        found[builder] = Path(app.outdir)
    return found


def _score_row(html: str) -> list[str]:
    row = re.search(r'<tr class="pb-ach-score-row[^"]*">(.*?)</tr>', html, re.S)
    assert row is not None
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
    ]


def test_html_matrix_scores_match_the_hand_computed_ones(outputs: dict[str, Path]) -> None:
    html = (outputs["html"] / "matrix.html").read_text(encoding="utf8")
    cells = _score_row(html)
    assert cells[0] == "Inconsistency score"
    assert [int(c.split()[0]) for c in cells[1:]] == list(HAND_SCORES.values())
    # The least inconsistent (tied: both at 0) are marked, the other is not.
    assert ["least inconsistent" in c for c in cells[1:]] == [True, True, False]
    # Each rating cell carries its code as text and its colour class.
    assert re.search(
        r'<td class="pb-ach-cell pb-ach-ii">\s*<p><abbr title="very inconsistent">II</abbr>', html
    )
    assert html.count('class="pb-ach-cell pb-ach-cc"') == 5


def test_html_flags_a_non_diagnostic_row(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    matrix = src / "matrix.md"
    matrix.write_text(
        matrix.read_text(encoding="utf8").replace(
            "base-pressure: CC, N, II", "base-pressure: N, n, N"
        ),
        encoding="utf8",
    )
    app, warnings = build(src, tmp_path / "out")
    assert "WARNING" not in warnings, warnings
    html = (Path(app.outdir) / "matrix.html").read_text(encoding="utf8")
    flat = re.findall(r'<tr class="pb-ach-flat[^"]*">(.*?)</tr>', html, re.S)
    assert len(flat) == 1 and "Base pressure" in flat[0] and "(non-diagnostic)" in flat[0]
    assert [int(c.split()[0]) for c in _score_row(html)[1:]] == [0, 0, 2]


def test_connections_list_matrices_and_ratings(outputs: dict[str, Path]) -> None:
    html = (outputs["html"] / "claims.html").read_text(encoding="utf8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "(inconsistency score 4)" in text  # h-genuine-union
    assert text.count("inconsistency score 0, least inconsistent") == 2
    # The tax manoeuvre's ratings, hypothesis by hypothesis.
    assert re.search(r"Rated in:\s*Why did Moscow.*?: CC for Moscow uses", text, re.S)


def test_argument_map_svg_links_legend_and_outline(outputs: dict[str, Path]) -> None:
    html = (outputs["html"] / "map.html").read_text(encoding="utf8")
    svgs = re.findall(r"<svg [^>]*role=[^>]*>.*?</svg>", html, re.S) or re.findall(
        r'<div class="pb-map">(.*?)</div>', html, re.S
    )
    assert len(svgs) == 2
    first = svgs[0]
    assert 'href="claims.html#deal-is-tool"' in first
    assert "Supports" in first and "Key judgment" in first  # the legend
    # The outline, the text alternative, with links.
    assert re.search(r'class="[^"]*pb-map-outline', html)
    assert "<em>Supported by</em>: <a" in html


def test_epub_map_is_an_image(outputs: dict[str, Path]) -> None:
    page = (outputs["epub"] / "map.xhtml").read_text(encoding="utf8")
    assert "<svg" not in page.split("</head>")[1]
    images = sorted((outputs["epub"] / "_images").glob("pb-map-*.svg"))
    assert len(images) == 2
    assert re.search(r'<img [^>]*src="_images/pb-map-map-map0.svg"', page)


def test_latex_matrix_and_map(outputs: dict[str, Path]) -> None:
    tex = next(outputs["latex"].glob("*.tex")).read_text(encoding="utf8")
    assert r"\begin{pbach}" in tex
    assert r"\cellcolor[HTML]{F0A8A8}II" in tex
    assert "Inconsistency score" in tex
    assert tex.count(r"\begin{tikzpicture}") == 2
    assert r"\hyperref[claims:deal-is-tool]" in tex
    sty = (outputs["latex"] / "policybrief.sty").read_text(encoding="utf8")
    assert r"\RequirePackage{tikz}" in sty


def test_text_matrix_and_outline(outputs: dict[str, Path]) -> None:
    text = (outputs["text"] / "matrix.txt").read_text(encoding="utf8")
    assert "Inconsistency score" in text and "| CC (very consistent) |" in text
    mapped = (outputs["text"] / "map.txt").read_text(encoding="utf8")
    assert "*Supported by*: Moscow needs control of Belarusian territory" in mapped


def test_assumptions_view(outputs: dict[str, Path]) -> None:
    html = (outputs["html"] / "matrix.html").read_text(encoding="utf8")
    view = html[html.index("pb-assumptions") :]
    assert "Moscow needs control of Belarusian territory" in view
    assert "2 claims rest on it, 1 key judgment" in view


def test_json_ach_validates(outputs: dict[str, Path]) -> None:
    data = json.loads((outputs["html"] / "policybrief.json").read_text(encoding="utf8"))
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    (entry,) = data["ach"]
    assert entry["id"] == "ach-motive"
    assert entry["hypotheses"] == list(HAND_SCORES)
    assert entry["scores"] == HAND_SCORES


def test_edit_elsewhere_rewrites_map_and_matrix_pages(tmp_path: Path) -> None:
    """A claim title shown in another document's map, matrix and connections: incremental
    build = clean build."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    build(src, tmp_path / "inc")
    claims = src / "claims.md"
    claims.write_text(
        claims.read_text(encoding="utf8")
        .replace("The deal is a tool of Russian strategy", "The deal serves Russian strategy")
        .replace("Moscow wants a genuine union", "Moscow seeks a true union"),
        encoding="utf8",
    )
    inc, _ = build(src, tmp_path / "inc")
    clean, _ = build(src, tmp_path / "clean", fresh=True)
    for page in ("map.html", "matrix.html"):
        html = (Path(inc.outdir) / page).read_text(encoding="utf8")
        assert "The deal serves Russian strategy" in html or "Moscow seeks a true union" in html
    assert snapshot(Path(inc.outdir)) == snapshot(Path(clean.outdir))


def test_map_problems_are_reported(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "map.md").write_text(
        "# Map\n\n:::{argument-map}\n:root: no-such-claim\n:depth: zero\n"
        ":relations: supports, bolsters\n:::\n",
        encoding="utf8",
    )
    _, warnings = build(src, tmp_path / "out")
    assert re.search(
        r"map.md:3: WARNING: argument-map: :depth: .*\[policybrief.view-option\]", warnings
    )
    assert re.search(
        r"map.md:3: WARNING: argument-map: :root: names 'no-such-claim'.*unknown-ref", warnings
    )
    assert "unknown relation 'bolsters'" in warnings


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    serial, _ = build(ROOT, tmp_path / "serial", fresh=True)
    parallel, warnings = build(ROOT, tmp_path / "parallel", fresh=True, parallel=2)
    assert "WARNING" not in warnings, warnings
    assert snapshot(Path(parallel.outdir)) == snapshot(Path(serial.outdir))


def test_print_tiles_cover_the_map_and_overlap() -> None:
    from sphinxcontrib_policybrief.render.latex import _TILE_OVERLAP, _tile_starts

    assert _tile_starts(500.0, 1200.0) == [0.0]
    starts = _tile_starts(3470.0, 1200.0)
    assert starts[0] == 0.0 and starts[-1] + 1200.0 == 3470.0  # the last tile ends at the edge
    gaps = [b - a for a, b in pairwise(starts)]
    assert all(0 < g <= 1200.0 - _TILE_OVERLAP for g in gaps)  # neighbours overlap
