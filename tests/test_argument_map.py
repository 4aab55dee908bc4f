"""Argument maps on their own: what a map selects, its layout, and both drawings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET
from helpers import EXAMPLE, build

from sphinxcontrib_policybrief.core.argument_map import (
    ArgumentMapLayout,
    LayoutOptions,
    MapSelection,
    Scope,
    edge_style,
    ids_in,
    layout,
    map_request,
    outline,
    relation_problems,
    select,
    select_neighbourhood,
    select_scope,
    text_width,
    wrap,
)
from sphinxcontrib_policybrief.core.argument_map_svg import render_svg
from sphinxcontrib_policybrief.core.argument_map_tikz import latex_escape, render_tikz
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Claim,
    Link,
    PolicyObject,
    RelationType,
    TimelineEvent,
)
from sphinxcontrib_policybrief.core.problems import Subtype

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = 'A </text><script>alert("x")</script> & }\\end{tikzpicture}\\input{x} $%#_^~[o]|"\x07'


def claim(
    ident: str, lineno: int = 1, docname: str = "doc", kind: str = "assessment", **rels: str
) -> Claim:
    links = tuple(Link(r, t, 1) for r, ts in rels.items() for t in ts.split(","))
    return Claim(
        id=ident,
        title=f"Claim {ident}",
        docname=docname,
        lineno=lineno,
        anchor=ident,
        links=links,
        claim_kind=kind,
    )


def graph_of(*objs: PolicyObject, relations: tuple[RelationType, ...] = ()) -> BriefGraph:
    records: dict[str, list[PolicyObject]] = {}
    for obj in objs:
        records.setdefault(obj.docname, []).append(obj)
    return BriefGraph(records, {}, BUILTIN_RELATIONS + relations)


def small_graph() -> BriefGraph:
    return graph_of(
        claim("thesis", 1),
        claim("pro", 2, supports="thesis"),
        claim("con", 3, attacks="thesis"),
        claim("deep", 4, supports="pro", assumes="premise"),
        claim("premise", 5, kind="assumption"),
        claim("rival", 6, contradicts="thesis"),
        claim("back", 7, contradicts="rival"),
        TimelineEvent(id="offer", title="The offer", docname="doc", lineno=8, anchor="offer"),
        Claim(
            id="proved",
            title="Proved",
            docname="doc",
            lineno=9,
            anchor="proved",
            links=(Link("evidence", "offer", 9), Link("supports", "thesis", 9)),
        ),
        claim("elsewhere", 1, docname="other", supports="thesis"),
    )


def test_neighbourhood_depth_and_relations() -> None:
    g = small_graph()
    one = select_neighbourhood(g, "thesis", depth=1)
    assert {n.id for n in one.nodes} == {"thesis", "pro", "con", "rival", "proved", "elsewhere"}
    two = select_neighbourhood(g, "thesis", depth=2)
    assert {"deep", "offer", "back"} <= {n.id for n in two.nodes}
    assert "premise" not in {n.id for n in two.nodes}
    only_support = select_neighbourhood(g, "thesis", depth=3, relations=["supports"])
    assert {n.id for n in only_support.nodes} == {"thesis", "pro", "deep", "proved", "elsewhere"}
    assert {e.relation for e in only_support.edges} == {"supports"}
    assert select_neighbourhood(g, "nobody").nodes == ()


def test_edges_point_up_to_what_they_bear() -> None:
    sel = select_neighbourhood(small_graph(), "thesis", depth=3)
    edges = {(e.relation, e.tail, e.head) for e in sel.edges}
    assert ("supports", "pro", "thesis") in edges
    assert ("evidence", "offer", "proved") in edges  # the event sits below its claim
    assert ("assumes", "premise", "deep") in edges  # the assumption below what rests on it
    # A symmetric relation is one edge, the root above.
    assert [
        e for e in sel.edges if e.relation == "contradicts" and "thesis" in (e.tail, e.head)
    ] == [next(e for e in sel.edges if (e.tail, e.head) == ("rival", "thesis"))]


def test_scope_selects_claims_of_the_document_or_project() -> None:
    g = small_graph()
    doc = select_scope(g, scope=Scope.DOCUMENT, docname="doc")
    assert "elsewhere" not in {n.id for n in doc.nodes} and "offer" not in {n.id for n in doc.nodes}
    project = select_scope(g)
    assert "elsewhere" in {n.id for n in project.nodes}


def test_custom_relations_are_drawn_and_unknown_ones_reported() -> None:
    refines = RelationType(
        "refines",
        "Refines",
        "Refined by",
        BUILTIN_RELATIONS[0].sources,
        BUILTIN_RELATIONS[0].targets,
    )
    g = graph_of(claim("a"), claim("b", 2, refines="a"), relations=(refines,))
    assert [e.relation for e in select_scope(g).edges] == ["refines"]
    assert edge_style("refines") != edge_style("supports")
    assert relation_problems(["supports", "nonsense"], g) == [
        "argument-map: unknown relation 'nonsense' in :relations: (known: "
        + ", ".join(g.relations)
        + ")"
    ]


def test_wrapping_keeps_lines_within_width() -> None:
    title = "An extraordinarily long title with a Supercalifragilisticexpialidocious word in it"
    lines = wrap(title, 80)
    assert all(text_width(line) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert wrap("", 80) == ("",)
    assert text_width("WWW") > text_width("iii")


def assert_no_overlap(result: ArgumentMapLayout) -> None:
    boxes = result.boxes
    for index, box in enumerate(boxes):
        assert box.x >= 0 and box.y >= 0
        assert box.x + box.width <= result.width and box.y + box.height <= result.height
        for other in boxes[index + 1 :]:
            assert not box.overlaps(other), (box.node.id, other.node.id)


def generated(count: int) -> MapSelection:
    # A deterministic tangle: each claim supports one or two earlier ones, some attack.
    objs: list[PolicyObject] = [claim("c0", 0)]
    for i in range(1, count):
        rels: dict[str, str] = {"supports": f"c{(i * 7) % i}"}
        if i % 3 == 0:
            rels["attacks"] = f"c{(i * 5) % i}"
        if i % 11 == 0:
            rels["contradicts"] = f"c{i - 1}"
        objs.append(claim(f"c{i}", i, **rels))
    return select_scope(graph_of(*objs))


def test_layout_of_a_tangle_has_no_overlaps_and_edges_meet_boxes() -> None:
    result = layout(generated(60))
    assert_no_overlap(result)
    for path in result.edges:
        tail, head = result.box(path.edge.tail), result.box(path.edge.head)
        (sx, sy), (ex, ey) = path.points[0], path.points[-1]
        assert tail.x <= sx <= tail.x + tail.width and sy in (tail.y, tail.y + tail.height)
        assert head.x <= ex <= head.x + head.width and ey in (head.y, head.y + head.height)


def test_loops_lay_out() -> None:
    g = graph_of(claim("a", attacks="b"), claim("b", 2, attacks="c"), claim("c", 3, attacks="a"))
    result = layout(select_scope(g))
    assert_no_overlap(result)
    assert len({b.layer for b in result.boxes}) == 3


def test_layout_and_drawings_are_deterministic_across_processes() -> None:
    script = (
        "import sys; sys.path.insert(0, 'tests');"
        "from test_argument_map import generated, render_both;"
        "print(render_both(40))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            cwd=Path(__file__).parents[1],
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and render_both(40) + "\n" in outputs


def render_both(count: int) -> str:
    result = layout(generated(count))
    return render_svg(result, href=lambda i: f"#{i}", title="T") + render_tikz(result)


def test_outline_lists_every_node_once_in_full() -> None:
    sel = select_neighbourhood(small_graph(), "thesis", depth=3)
    items = outline(sel, small_graph())
    assert items[0].id == "thesis"
    assert ids_in(items) == {n.id for n in sel.nodes}

    def full(entries: tuple) -> list[str]:  # type: ignore[type-arg]
        found = []
        for entry in entries:
            if not entry.repeated:
                found.append(entry.id)
            found += full(entry.children)
        return found

    assert sorted(full(items)) == sorted(n.id for n in sel.nodes)
    labels = {c.id: c.relation for c in items[0].children}
    assert labels["pro"] == "Supported by" and labels["con"] == "Attacked by"


def test_svg_links_titles_legend_and_escaping() -> None:
    g = graph_of(
        Claim(
            id="bad",
            title=HOSTILE,
            docname="d",
            lineno=1,
            anchor="bad",
            confidence="high",
            likelihood="likely",
            claim_kind="key-judgment",
        ),
        claim("pro", 2, supports="bad"),
        claim("con", 3, attacks="bad"),
    )
    result = layout(select_scope(g))
    hrefs = {"bad": "javascript:alert(1)", "pro": "p.html#pro", "con": "p.html#con"}
    svg = render_svg(result, href=hrefs.__getitem__, title=HOSTILE, id_prefix="m1")
    root = SafeET.fromstring(svg)
    assert root.find(f"{SVG}title").text == HOSTILE.replace("\x07", "")
    assert root.get("aria-labelledby") == "m1-title" and root.find(f"{SVG}desc") is not None
    assert root.get("role") is None
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == [None, "p.html#pro", "p.html#con"]
    assert "pb-claim-kind-key-judgment" in links[0].get("class")
    assert "pb-likelihood-likely" in links[0].get("class")
    assert "pb-confidence-high" in links[0].get("class")
    assert "<script>" not in svg
    edges = root.findall(f".//{SVG}polyline")
    dashes = {e.get("class"): e.get("stroke-dasharray") for e in edges}
    assert dashes["pb-map-edge pb-relation-supports"] is None
    assert dashes["pb-map-edge pb-relation-attacks"]  # dashed, not just another colour
    legend = root.find(f".//{SVG}g[@class='pb-map-legend']")
    assert {t.text for t in legend.iter(f"{SVG}text")} >= {"supports", "attacks", "Key judgment"}


def test_latex_escape_leaves_no_special_unescaped() -> None:
    escaped = latex_escape(HOSTILE)
    bare = re.sub(r"\\text[a-z]+\{\}|\\[{}$&%#_]|\{\[\}|\{\]\}", "", escaped)
    assert not set(bare) & set('\\{}$&%#_^~[]|"<>\x07')


def test_tikz_with_a_hostile_title_compiles(tmp_path: Path) -> None:
    g = graph_of(
        Claim(id="bad", title=HOSTILE, docname="d", lineno=1, anchor="bad"),
        claim("pro", 2, supports="bad"),
    )
    code = render_tikz(layout(select_scope(g)), link=lambda i: f"d:{i}" if i == "pro" else "x y")
    assert code.startswith("\\begin{tikzpicture}") and code.endswith("\\end{tikzpicture}\n")
    assert code.count("\\begin{") == 1 and "\\hyperref[d:pro]" in code
    assert "\\hyperref[x y]" not in code
    if shutil.which("pdflatex") is None:
        pytest.skip("no pdflatex to compile with")
    (tmp_path / "map.tex").write_text(
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{tikz}"
        "\\usepackage{hyperref}\\begin{document}\n" + code + "\\end{document}\n",
        encoding="utf8",
    )
    done = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "map.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory: pytest.TempPathFactory) -> BriefGraph:
    app, _ = build(EXAMPLE, tmp_path_factory.mktemp("example-map"), builder="dummy")
    graph: BriefGraph = app.env.get_domain("pb").graph  # type: ignore[attr-defined]
    return graph


def test_the_whole_example_lays_out_without_overlaps(example_graph: BriefGraph) -> None:
    selection = select_scope(example_graph, scope=Scope.PROJECT)
    assert len(selection.nodes) == 57  # 54 claims and the 3 hypotheses of the ACH page
    result = layout(selection, LayoutOptions())
    assert_no_overlap(result)
    assert len(result.edges) >= 40
    assert ids_in(outline(selection, example_graph)) == {n.id for n in selection.nodes}
    svg = render_svg(result, href=lambda i: f"#{i}", title="The whole argument")
    assert len(SafeET.fromstring(svg).findall(f".//{SVG}a")) == 57


def test_a_layer_is_no_wider_than_its_boxes_and_gaps() -> None:
    # One claim with ten supporters: the supporters' layer packs tight under it.
    g = graph_of(claim("top"), *(claim(f"s{i}", i + 2, supports="top") for i in range(10)))
    opts = LayoutOptions()
    result = layout(select_scope(g), opts)
    row = [b for b in result.boxes if b.layer == 1]
    span = max(b.x + b.width for b in row) - min(b.x for b in row)
    assert len(row) == 10
    assert span <= sum(b.width for b in row) + 9 * opts.node_gap + 1
    top = result.box("top")
    assert abs(top.centre[0] - (min(b.x for b in row) + span / 2)) < 1


def test_map_request_from_raw_options() -> None:
    request, problems = map_request(
        docname="doc", lineno=4, root="Thesis", depth="3", relations="supports, Attacks"
    )
    assert (request.root, request.depth, request.relations) == (
        "thesis",
        3,
        ("supports", "attacks"),
    )
    assert problems == []
    request, problems = map_request(docname="doc", lineno=4, depth="0", scope="everything")
    assert (request.depth, request.scope) == (2, Scope.DOCUMENT)
    assert len(problems) == 2 and ":depth:" in problems[0] and ":scope:" in problems[1]
    _, problems = map_request(docname="doc", lineno=4, depth="two")
    assert problems and "'two'" in problems[0]


def test_select_dispatches_and_reports_what_the_graph_reveals() -> None:
    g = small_graph()
    request, _ = map_request(
        docname="doc", lineno=4, root="thesis", depth="1", relations="supports, nope"
    )
    selection, problems = select(g, request)
    assert {n.id for n in selection.nodes} == {"thesis", "pro", "proved", "elsewhere"}
    assert [(p.subtype, p.lineno) for p in problems] == [(Subtype.VIEW_OPTION, 4)]
    request, _ = map_request(docname="other", lineno=2, root="ghost")
    selection, problems = select(g, request)
    assert selection.nodes == () and [p.subtype for p in problems] == [Subtype.UNKNOWN_REF]
    request, _ = map_request(docname="other", lineno=2)
    assert [n.id for n in select(g, request)[0].nodes] == ["elsewhere"]
    request, _ = map_request(docname="other", lineno=2, scope="project")
    assert len(select(g, request)[0].nodes) == len(select_scope(g).nodes)


def test_records_are_frozen_and_picklable() -> None:
    import pickle

    request, _ = map_request(docname="doc", lineno=4, root="thesis", relations="supports")
    assert pickle.loads(pickle.dumps(request)) == request
    result = layout(select_scope(small_graph()))
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(AttributeError):
        request.depth = 5  # type: ignore[misc]


def test_parts_keep_the_given_order_of_vertices_and_edges() -> None:
    """grandalf's own Graph gathers each part's edges in a set hashed by address, so the
    layout changed between processes (two clean builds of the example differed)."""
    from grandalf.graphs import Edge, Vertex

    from sphinxcontrib_policybrief.core.argument_map import _components

    ids = ["a", "b", "c", "d", "e", "f"]
    vertices = {i: Vertex(i) for i in ids}
    pairs = [("a", "c"), ("a", "b"), ("b", "c"), ("e", "f")]
    by_pair = {(x, y): Edge(vertices[x], vertices[y]) for x, y in pairs}
    parts = _components(ids, vertices, by_pair)
    assert [[v.data for v in p.sV] for p in parts] == [["a", "b", "c"], ["e", "f"], ["d"]]
    assert [[(e.v[0].data, e.v[1].data) for e in p.sE] for p in parts] == [
        [("a", "c"), ("a", "b"), ("b", "c")],
        [("e", "f")],
        [],
    ]
