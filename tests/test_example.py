"""The example brief: complete, clean, and navigable from its front page."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from helpers import Built, ExampleBuilds


@pytest.fixture
def example_html(example_build: Built) -> Path:
    assert example_build.warnings == "", example_build.warnings
    return example_build.outdir


def _inventory(outdir: Path) -> dict[str, set[str]]:
    raw = (outdir / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    found: dict[str, set[str]] = {}
    for line in body.splitlines():
        name, role = line.split(" ", 2)[:2]
        if role.startswith("pb:"):
            found.setdefault(role, set()).add(name)
    return found


def test_counts_from_the_inventory(example_html: Path) -> None:
    inventory = _inventory(example_html)
    assert len(inventory["pb:claim"]) >= 20
    assert len(inventory["pb:actor"]) >= 15
    assert len(inventory["pb:event"]) >= 15
    assert inventory["pb:paradox"] >= {
        "sovereign-equality",
        "no-benefit-full-cost",
        "coerce-and-discourage",
    }
    assert "thesis-main" in inventory["pb:claim"]


def _links(page: Path) -> set[str]:
    html = page.read_text(encoding="utf8")
    return set(re.findall(r'href="([^"#:]*\.html)(?:#[^"]*)?"', html))


def _anchors_linked(page: Path) -> set[str]:
    html = page.read_text(encoding="utf8")
    return set(re.findall(r'href="[^"]*#([^"]+)"', html))


def test_every_object_within_two_clicks_of_the_index(example_html: Path) -> None:
    everything = set().union(*_inventory(example_html).values())
    first_click = _links(example_html / "index.html")
    reachable = _anchors_linked(example_html / "index.html")
    for page in first_click:
        path = example_html / page
        if path.exists():
            reachable |= _anchors_linked(path)
    assert everything - reachable == set()


def test_vague_dates_keep_the_authors_wording(example_html: Path) -> None:
    timeline = (example_html / "timeline.html").read_text(encoding="utf8")
    assert "mid-2000s" in timeline and "since at least 2012" in timeline
    assert re.search(r'<time class="pb-date[^"]*" datetime="2021-04"', timeline)


@pytest.fixture(scope="module")
def example_singlehtml(example_builds: ExampleBuilds) -> Path:
    single = example_builds("singlehtml")
    assert single.warnings == "", single.warnings
    return single.outdir


def _html_ids(page: Path) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', page.read_text(encoding="utf8"))


def _duplicates(pages: list[Path]) -> dict[str, list[str]]:
    found = {}
    for page in pages:
        ids = _html_ids(page)
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            found[page.name] = repeated
    return found


def test_every_html_id_is_unique_on_its_page(example_html: Path) -> None:
    pages = sorted(example_html.glob("*.html"))
    assert len(pages) >= 10
    assert _duplicates(pages) == {}


def test_every_html_id_is_unique_in_singlehtml(example_singlehtml: Path) -> None:
    page = example_singlehtml / "index.html"
    # Several documents' timelines and objects on one page, and still no id twice.
    assert len(_html_ids(page)) > 150
    assert _duplicates([page]) == {}


def test_every_link_on_the_singlehtml_page_lands_on_an_element(example_singlehtml: Path) -> None:
    """Every document is on the one page, so a link to an object is its anchor alone: no
    "#document-<name>#<anchor>", whose fragment no element carries."""
    page = (example_singlehtml / "index.html").read_text(encoding="utf8")
    ids = set(re.findall(r'\sid="([^"]*)"', page))
    fragments = re.findall(r'href="#([^"]*)"', page)
    assert len(fragments) > 1000
    # Sphinx's own {doc} link to the root document (the page itself) is not ours.
    missing = {f for f in fragments if f and f not in ids and f != "document-index"}
    assert missing == set()
    assert re.search(r'href="#[^"]*#', page) is None


def _search_index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf8")
    index: dict[str, Any] = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return index


def test_every_object_search_result_lands_on_its_object(example_html: Path) -> None:
    index = _search_index(example_html)
    ours = {int(k): v for k, v in index["objtypes"].items() if v.startswith("pb:")}
    landed = 0
    for prefix, entries in index["objects"].items():
        for docindex, typeindex, _prio, short, name in entries:
            if typeindex not in ours:
                continue
            # How Sphinx's searchtools.js turns an entry into a link.
            fullname = f"{prefix}.{name}" if prefix else name
            anchor = {"": fullname, "-": f"{index['objnames'][str(typeindex)][1]}-{fullname}"}.get(
                short, short
            )
            page = example_html / f"{index['docnames'][docindex]}.html"
            assert anchor in _html_ids(page), (page.name, anchor)
            landed += 1
    assert landed == sum(len(v) for v in _inventory(example_html).values())


def test_every_inventory_anchor_is_on_its_page(example_html: Path) -> None:
    raw = (example_html / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    for line in body.splitlines():
        name, role, _prio, uri = line.split(" ", 4)[:4]
        if not role.startswith("pb:"):
            continue
        page, _, anchor = uri.partition("#")
        anchor = anchor.replace("$", name) if anchor.endswith("$") else anchor
        assert anchor in _html_ids(example_html / page), (page, anchor)


def test_timeline_drawing_is_not_indexed_for_search(example_html: Path) -> None:
    terms = _search_index(example_html)["terms"]
    # The overview's tick labels run together ("20122014…") when read as page text.
    assert not [t for t in terms if re.fullmatch(r"(?:19|20)\d\d(?:(?:19|20)\d\d)+", t)]


def test_the_analysis_pages(example_html: Path) -> None:
    """The motive matrix (three hypotheses, ten events), the thesis map and the project map."""
    inventory = _inventory(example_html)
    assert {"h-tool", "h-cost-cutting", "h-genuine-union"} <= inventory["pb:claim"]
    motives = (example_html / "motives.html").read_text(encoding="utf8")
    assert motives.count('<td class="pb-ach-evidence') == 10
    row = re.search(r'<tr class="pb-ach-score-row[^"]*">(.*?)</tr>', motives, re.S)
    assert row is not None
    cells = [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
    ]
    # Instrument 0; cost-cutting 1 (the offer's aid); genuine union 10.
    assert cells[1:] == ["0 least inconsistent", "1", "10"]
    assert motives.count("(non-diagnostic)") == 1  # the presidents' meeting
    conclusion = (example_html / "conclusion.html").read_text(encoding="utf8")
    assert conclusion.count('<div class="pb-map">') == 1
    project = (example_html / "argument-map.html").read_text(encoding="utf8")
    # Every claim of the brief is a box of the project map.
    boxes = set(re.findall(r'<a class="pb-map-node[^"]*" href="[^"#]*#([^"]+)"', project))
    assert boxes == inventory["pb:claim"]


def test_sources_and_every_event_cites_one(example_html: Path) -> None:
    inventory = _inventory(example_html)
    # The paper itself and the eight statements and articles it reports.
    assert len(inventory["pb:source"]) == 9
    assert "source-paper" in inventory["pb:source"]
    document = json.loads((example_html / "policybrief.json").read_text(encoding="utf8"))
    assert len(document["events"]) == len(inventory["pb:event"])
    uncited = [e["id"] for e in document["events"] if not e["sources"] or not e["credibility"]]
    assert uncited == []
    # Every source is cited by something.
    assert all(s["cited_by"] for s in document["sources"])


def test_key_judgments_show_their_evidence_bases(example_html: Path) -> None:
    index = (example_html / "index.html").read_text(encoding="utf8")
    box = index[index.index("pb-key-judgments-box") :]
    box = box[: box.index("</ol>")]
    bases = re.findall(
        r'pb-evidence-base">\s*· (\d+) sources?, reliability ([A-F](?:–[A-F])?)', box
    )
    assert len(bases) == 5 and all(int(n) >= 1 for n, _ in bases)
