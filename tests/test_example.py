"""The example brief: complete, clean, and navigable from its front page."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from helpers import build

EXAMPLE = Path(__file__).parents[1] / "example"


@pytest.fixture(scope="module")
def example_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app, warnings = build(EXAMPLE, tmp_path_factory.mktemp("example"), conf={"nitpicky": True})
    assert warnings == "", warnings
    return Path(app.outdir)


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
