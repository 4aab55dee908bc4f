"""Cross-project references: project B links to A's claims, actors, events and paradoxes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import build

ROOTS = Path(__file__).parent / "roots"
A_URL = "https://a.example.org/brief/"


@pytest.fixture(scope="module")
def b_index(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("xproj")
    a_app, a_warnings = build(ROOTS / "test-xproj-a", tmp / "a", fresh=True)
    assert a_warnings == "", a_warnings
    inventory = Path(a_app.outdir) / "objects.inv"
    # Published at A_URL, its inventory read from the local build.
    mapping = {"a": (A_URL, str(inventory))}
    b_app, b_warnings = build(
        ROOTS / "test-xproj-b",
        tmp / "b",
        fresh=True,
        conf={"intersphinx_mapping": mapping, "nitpicky": True},
    )
    assert b_warnings == "", b_warnings
    return (Path(b_app.outdir) / "index.html").read_text(encoding="utf8")


def _link(html: str, href: str) -> list[str]:
    """The texts of the links to *href*."""
    pattern = rf'<a class="reference external" href="{re.escape(href)}"[^>]*>(.*?)</a>'
    return [re.sub(r"<[^>]+>", "", text) for text in re.findall(pattern, html, re.S)]


@pytest.mark.parametrize(
    ("anchor", "title"),
    [
        ("budget-passes", "The budget will pass"),
        ("finance-ministry", "Ministry of Finance"),
        ("budget-tabled", "The budget is tabled"),
        ("pass-and-fail", "Pass and fail"),
    ],
)
def test_roles_link_to_the_other_projects_anchors(b_index: str, anchor: str, title: str) -> None:
    # Unlabelled roles show the object's title from the other project's inventory.
    assert title in _link(b_index, f"{A_URL}findings.html#{anchor}")


def test_short_role_with_its_own_text(b_index: str) -> None:
    assert "the budget claim" in _link(b_index, f"{A_URL}findings.html#budget-passes")


def test_myst_inventory_links(b_index: str) -> None:
    assert "the tabling" in _link(b_index, f"{A_URL}findings.html#budget-tabled")
    # Without domain and type, MyST searches every object type of the inventory.
    assert "the paradox" in _link(b_index, f"{A_URL}findings.html#pass-and-fail")


def test_the_other_projects_objects_are_not_exported_as_ours(b_index: str) -> None:
    assert b_index.count('<script type="application/ld+json">') == 1
    data = re.findall(r'<script type="application/ld\+json">(.*?)</script>', b_index, re.S)[0]
    # B's own objects only; B's event mentions A's claim in its description, by its id.
    assert '"identifier":"budget-passes"' not in data
    assert '"identifier":"b-reacts"' in data
    assert "a:budget-passes" not in data


def test_summaries_link_to_the_other_project(b_index: str) -> None:
    # The timeline repeats the event's first paragraph; its role into project A is resolved
    # through intersphinx there as well, not left as the raw "a:budget-passes".
    timeline = b_index[b_index.index('class="pb-view pb-timeline') :]
    assert "The budget will pass" in _link(timeline, f"{A_URL}findings.html#budget-passes")
    assert "a:budget-passes" not in re.sub(r"<[^>]+>", "", timeline)
