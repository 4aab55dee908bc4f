"""The example brief: complete, clean, and navigable from its front page."""

from __future__ import annotations

import json
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
