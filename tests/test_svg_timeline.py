"""The SVG overview: well-formed, one shape per event, a linear scale, lanes, and inert text."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_policybrief.core.dates import parse_date
from sphinxcontrib_policybrief.core.timeline_svg import TimelineMark, render_overview

NS = "{http://www.w3.org/2000/svg}"
Element = ElementTree.Element


def mark(when: str, title: str = "An event", href: str = "page.html#event") -> TimelineMark:
    return TimelineMark(href=href, title=title, date=parse_date(when))


def parse(svg: str) -> Element:
    assert not svg.startswith("<?xml")
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def shapes(root: Element) -> list[Element]:
    return [e for e in root.iter() if "pb-tl-mark" in e.get("class", "").split()]


def extent(shape: Element) -> tuple[float, float, float, float]:
    """Left, right, top, bottom of a mark's main shape."""
    if shape.tag == f"{NS}circle":
        cx, cy, r = (float(shape.get(k, "")) for k in ("cx", "cy", "r"))
        return cx - r, cx + r, cy - r, cy + r
    assert shape.tag == f"{NS}rect"
    x, y, w, h = (float(shape.get(k, "")) for k in ("x", "y", "width", "height"))
    return x, x + w, y, y + h


def tooltip(root: Element, shape: Element) -> str:
    """The tooltip of a mark: in its <a> when it links, otherwise in the shape itself."""
    for link in root.iter(f"{NS}a"):
        if shape in list(link):
            found = link.find(f"{NS}title")
            assert found is not None
            return found.text or ""
    found = shape.find(f"{NS}title")
    assert found is not None
    return found.text or ""


def sample() -> list[TimelineMark]:
    return [
        mark("2018-12-13", "Offer"),
        mark("2019~", "Loans withheld"),
        mark("2012/..", "Still going"),
        mark("2014/", "Unknown end"),
        mark("[..2013]", "Since at least 2013"),
        mark("2016-34", "A quarter"),
        mark("2016-24?", "A winter"),
        mark("2015-06/2017-03", "An interval"),
        mark("2018-12-20", "A week later"),
    ]


# -- structure ----------------------------------------------------------------------------------


def test_standalone_accessible_scalable_svg() -> None:
    svg = render_overview(sample(), label='Overview "of" <it>')
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'Overview "of" <it>'
    assert root.get("width") == "100%"
    view = root.get("viewBox", "").split()
    assert view[:3] == ["0", "0", "760"] and float(view[3]) < 120
    first = root[0]
    assert first.tag == f"{NS}title" and first.text == 'Overview "of" <it>'
    assert root.find(f".//{NS}line[@class='pb-tl-axis']") is not None
    assert "style=" not in svg  # colours come from classes and currentColor only
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(", svg.replace("page.html#event", ""))


def test_one_shape_per_mark_with_its_tooltip_and_link() -> None:
    marks = sample()
    root = parse(render_overview(marks))
    found = shapes(root)
    assert len(found) == len(marks)
    tips = sorted(tooltip(root, s) for s in found)
    assert tips == sorted(f"{m.title} — {m.date.label}" for m in marks)
    assert len(root.findall(f".//{NS}a")) == len(marks)
    assert {a.get("href") for a in root.iter(f"{NS}a")} == {"page.html#event"}


def test_authors_wording_of_the_date_is_used_in_the_tooltip() -> None:
    item = TimelineMark("x.html#a", "Talks", parse_date("2019-23"), label="late 2019")
    root = parse(render_overview([item]))
    assert tooltip(root, shapes(root)[0]) == "Talks — late 2019"


def test_day_is_a_circle_and_everything_else_a_bar() -> None:
    marks = [mark(v) for v in ("2018-12-13", "2019-12", "2019", "2019-21", "200X", "2012/2015")]
    marks.append(mark("2018-12-13/2018-12-14"))
    root = parse(render_overview(marks))
    tags = sorted(s.tag.removeprefix(NS) for s in shapes(root))
    assert tags == ["circle"] + ["rect"] * 6


def test_uncertainty_and_open_ends_look_different() -> None:
    marks = [mark("2019", "plain"), mark("2018~", "approx"), mark("2017?", "uncertain")]
    marks += [mark("2016/..", "open"), mark("2015/", "unknown"), mark("[..2014]", "earlier")]
    root = parse(render_overview(marks))
    by_title = {tooltip(root, s).split(" — ")[0]: s for s in shapes(root)}
    plain = by_title["plain"]
    assert plain.get("class") == "pb-tl-mark" and plain.get("stroke-dasharray") is None
    for name in ("approx", "uncertain"):
        shape = by_title[name]
        assert "pb-tl-approx" in shape.get("class", "").split()
        assert shape.get("stroke-dasharray") and float(shape.get("fill-opacity", "1")) < 1
    for name in ("open", "unknown", "earlier"):
        shape = by_title[name]
        assert "pb-tl-open" in shape.get("class", "").split()
        assert shape.get("stroke-dasharray")
    assert len(root.findall(f".//{NS}line[@class='pb-tl-arrow']")) == 2  # one arrowhead
    assert root.findall(f".//{NS}rect[@class='pb-tl-fade']")  # faded tails


def test_open_marks_reach_the_right_edge_and_earlier_marks_fade_from_their_known_end() -> None:
    root = parse(render_overview([mark("2000"), mark("2010"), mark("2012/.."), mark("[..2011]")]))
    axis = root.find(f".//{NS}line[@class='pb-tl-axis']")
    assert axis is not None
    left, right = float(axis.get("x1", "")), float(axis.get("x2", ""))
    extents = {tooltip(root, s): extent(s) for s in shapes(root)}
    tails = [extent(r) for r in root.iter(f"{NS}rect") if r.get("class") == "pb-tl-fade"]
    _, open_right, _, _ = extents["An event — 2012 – present"]
    assert open_right == pytest.approx(right, abs=0.1)
    arrow_tips = [float(line.get("x2", "")) for line in root.iter(f"{NS}line")]
    assert max(arrow_tips) > right  # the arrowhead points past the end of the axis
    # "2011 or earlier" covers 2011 and fades out just before it: it does not claim a start
    # at the first event (2000), as a bar from the axis' left end would.
    x0, x1, _, _ = extents["An event — 2011 or earlier"]
    year = (right - left) / 13  # the axis runs from 2000 to 2012, 13 whole years
    assert x0 == pytest.approx(left + 11 * year, abs=0.5)
    assert x1 == pytest.approx(left + 12 * year, abs=0.5)
    earlier_left = min(t[0] for t in tails)
    assert earlier_left == pytest.approx(x0 - 18.0, abs=0.5)
    assert earlier_left > left + 10 * year


def test_empty_input_is_a_small_valid_svg() -> None:
    svg = render_overview([])
    root = parse(svg)
    assert root.get("role") == "img" and root.get("aria-label")
    assert "No events" in "".join(root.itertext())
    assert not shapes(root)
    assert float(root.get("viewBox", "").split()[3]) <= 30


def test_empty_wording_is_the_callers_and_stays_text() -> None:
    # The caller passes the wording in the reader's language; markup in it is text.
    root = parse(render_overview([], label="Übersicht", empty="<b>Keine</b> Ereignisse & so"))
    assert "".join(root.itertext()) == "Übersicht<b>Keine</b> Ereignisse & so"
    assert root.find(f".//{NS}b") is None


def test_text_and_attributes_are_escaped_by_the_serialiser() -> None:
    # Written by ElementTree: every character an author may type survives a parse as is.
    title = "a < b & c > d \"q\" 'a' ]]> <!-- x -->"
    root = parse(render_overview([mark("2019", title, "p.html?a=1&b=2#x")], label=title))
    assert root.get("aria-label") == title and root[0].text == title
    link = root.find(f".//{NS}a")
    assert link is not None and link.get("href") == "p.html?a=1&b=2#x"
    assert tooltip(root, shapes(root)[0]) == f"{title} — 2019"


def test_nonsense_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="width"):
        render_overview([mark("2019")], width=10)
    with pytest.raises(ValueError, match="row_height"):
        render_overview([mark("2019")], row_height=1)


# -- the scale ----------------------------------------------------------------------------------


def test_scale_is_linear_in_days() -> None:
    # 2012 is a leap year: its bar is 366/365 of the others.
    marks = [mark(str(y), str(y)) for y in (2012, 2013, 2014)]
    root = parse(render_overview(marks, width=1000))
    widths = {tooltip(root, s)[:4]: extent(s)[1] - extent(s)[0] for s in shapes(root)}
    assert widths["2013"] == pytest.approx(widths["2014"], abs=0.15)
    assert widths["2012"] / widths["2013"] == pytest.approx(366 / 365, abs=0.002)
    lefts = sorted(extent(s)[0] for s in shapes(root))
    assert lefts[1] - lefts[0] == pytest.approx(widths["2012"], abs=0.15)


@given(st.lists(st.dates(date(1, 1, 1), date(9999, 12, 31)), min_size=2, max_size=10, unique=True))
@settings(deadline=None)
def test_later_start_is_further_right(days: list[date]) -> None:
    marks = [mark(d.isoformat(), f"e{i}") for i, d in enumerate(days)]
    root = parse(render_overview(marks, width=100_000))
    centre = {tooltip(root, s).split(" — ")[0]: float(s.get("cx", "")) for s in shapes(root)}
    ordered = sorted(range(len(days)), key=lambda i: days[i])
    xs = [centre[f"e{i}"] for i in ordered]
    assert xs == sorted(xs)


@pytest.mark.parametrize(
    ("first", "last", "width"),
    [
        ("2019", "2019", 760),
        ("2010", "2020", 760),
        ("1900", "2020", 760),
        ("1900", "2020", 200),
        ("0001", "9999", 760),
        ("0001", "9999", 100),
        ("1999", "2001", 100),
    ],
)
def test_year_labels_never_overlap(first: str, last: str, width: int) -> None:
    root = parse(render_overview([mark(first), mark(last)], width=width))
    labels = [t for t in root.iter(f"{NS}text") if t.get("class") == "pb-tl-tick-label"]
    assert labels
    positions = [(float(t.get("x", "")), t.text or "") for t in labels]
    assert positions == sorted(positions, key=lambda p: p[0])
    steps = {int(b[1]) - int(a[1]) for a, b in pairwise(positions)}
    assert len(steps) <= 1  # evenly spaced, every 1, 2, 5, 10, ... years
    if steps:
        assert str(steps.pop()).lstrip("125").strip("0") == ""
    for (xa, ta), (xb, tb) in pairwise(positions):
        # 10px digits are at most ~6.5 units wide; half of each label either side.
        assert xb - xa >= (len(ta) + len(tb)) / 2 * 6.5


# -- lanes --------------------------------------------------------------------------------------


def _assert_lanes_do_not_overlap(root: Element) -> None:
    boxes = [extent(s) for s in shapes(root)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            vertical = a[2] < b[3] and b[2] < a[3]
            horizontal = a[0] < b[1] and b[0] < a[1]
            assert not (vertical and horizontal), (a, b)


def test_overlapping_marks_stack_and_disjoint_ones_share_a_lane() -> None:
    overlapping = [mark("2019", "a"), mark("2019-06", "b"), mark("2019-21", "c")]
    root = parse(render_overview(overlapping))
    _assert_lanes_do_not_overlap(root)
    assert len({extent(s)[2] for s in shapes(root)}) == 3
    disjoint = [mark("2010", "a"), mark("2015", "b"), mark("2019", "c")]
    root = parse(render_overview(disjoint))
    assert len({extent(s)[2] for s in shapes(root)}) == 1


def test_height_grows_only_with_the_lanes_needed() -> None:
    one = parse(render_overview([mark(str(y)) for y in range(2000, 2020, 2)]))
    three = parse(render_overview([mark("2019"), mark("2019-06"), mark("2019-21")]))
    h_one = float(one.get("viewBox", "").split()[3])
    h_three = float(three.get("viewBox", "").split()[3])
    assert h_three - h_one == pytest.approx(2 * 14)


DATES = st.sampled_from(
    [
        "2018-12-13",
        "2019-12",
        "2019",
        "2019~",
        "2019-12?",
        "200X",
        "19XX",
        "2019-21",
        "2019-24",
        "2019-36",
        "2019-41",
        "2012/2015",
        "2012~/2015",
        "2012/..",
        "2012/",
        "[..2012]",
        "2018-12-13/2019-12-20",
        "1066-10-14",
        "1990/1991",
        "2020-02-29",
    ]
)


@given(st.lists(st.tuples(DATES, st.text(max_size=20)), max_size=25))
@settings(deadline=None)
def test_any_marks_give_wellformed_packed_svg(items: list[tuple[str, str]]) -> None:
    marks = [mark(when, title, f"p.html#e{i}") for i, (when, title) in enumerate(items)]
    svg = render_overview(marks)
    root = parse(svg)
    assert len(shapes(root)) == len(marks)
    _assert_lanes_do_not_overlap(root)
    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="(-?[\d.]+)"', svg)
    assert all(re.fullmatch(r"\d+(\.\d)?|\d+%?", n) for n in numbers)
    assert render_overview(marks) == svg


# -- untrusted text -----------------------------------------------------------------------------

HOSTILE_TITLES = [
    "<script>alert('t1')</script>",
    "x\"><img src=x onerror=alert('t2')>",
    "</title></a></svg><script>alert('t3')</script>",
    "a & b ' \" < >",
    "ctl\x00\x01\x08\x0b\x0c\x1b[31m\x7f\x85\x9b\ud800\ufffeend",
    "tab\tand\nnewline",
    "]]><!-- -->",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_stay_text(title: str) -> None:
    svg = render_overview([mark("2019", title)], label=title)
    root = parse(svg)
    tags = {e.tag.removeprefix(NS) for e in root.iter()}
    assert tags <= {"svg", "title", "line", "text", "rect", "circle", "a"}
    for element in root.iter():
        assert not any(name.startswith("on") for name in element.attrib)
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", "", title)
    assert tooltip(root, shapes(root)[0]) == f"{expected} — 2019"
    # XML parsers turn a literal tab or newline in an attribute into a space.
    assert root.get("aria-label") == re.sub(r"[\t\n]", " ", expected)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", svg)
    svg.encode("utf-8")  # no lone surrogates left


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "jav\x00ascript:alert(1)",
        "javascript :alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:image/svg+xml;base64,AAAA",
        "vbscript:msgbox(1)",
        "VbScript:msgbox(1)",
        "",
    ],
)
def test_dangerous_or_empty_hrefs_are_dropped(href: str) -> None:
    root = parse(render_overview([mark("2019", "Title", href)]))
    assert root.find(f".//{NS}a") is None
    assert len(shapes(root)) == 1
    assert tooltip(root, shapes(root)[0]) == "Title — 2019"


@pytest.mark.parametrize(
    "href",
    [
        "context.html#medvedev-offer",
        "#local",
        "../up/page.html#a",
        "https://example.org/?a=1&b=2",
        'page.html#x"onmouseover="alert(1)',
        "javascript.html#not-a-scheme",
    ],
)
def test_ordinary_hrefs_are_kept_and_escaped(href: str) -> None:
    svg = render_overview([mark("2019", "Title", href)])
    root = parse(svg)
    link = root.find(f".//{NS}a")
    assert link is not None and link.get("href") == href
    assert list(link.attrib) == ["href"]


# -- determinism --------------------------------------------------------------------------------


def test_output_is_deterministic_and_independent_of_input_order() -> None:
    marks = sample()
    first = render_overview(marks)
    assert render_overview(list(marks)) == first
    assert render_overview(list(reversed(marks))) == first
    assert render_overview(marks, width=500) != first


def test_output_does_not_depend_on_today() -> None:
    # Open ends stop at the last known bound, not at the date of the build.
    root = parse(render_overview([mark("2012/..")]))
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert labels == ["2012"]
