"""Preview cards in a browser: on hover and on focus, with the object's words, dismissed by
Escape, inside a 412 px viewport, text only for titles holding markup, and found from
html, dirhtml and singlehtml pages opened from file://."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import build
from local_chrome import _chrome, page_url

pytestmark = pytest.mark.browser

HOSTILE_TITLE = "<img src=x onerror=window.__pwned=1> and <b>bold</b>"
CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + (
    'myst_enable_extensions = ["colon_fence"]\nproject = "Cards"\n'
)
BRIEF = """\
# Brief

:::{claim} The deal is a tool
:id: deal-tool
:kind: key-judgment
:likelihood: likely
:confidence: high

Moscow uses the package to lower the cost of integration and to press Minsk.
:::

:::{timeline-event} Medvedev's offer
:id: offer
:date: 2018-12-13

Two paths on the table.
:::

:::{claim} Moscow wants the deal to fail
:id: counter
:::
"""
PAGE = f"""\
Links
=====

.. claim:: {HOSTILE_TITLE}
   :id: hostile-title

   Its summary has <script>window.__pwned=2</script> in it.

Read :claim:`deal-tool`, then :event:`offer`, then :claim:`hostile-title`, then
:claim:`counter`, and a link to `nothing of ours <#links>`_ and to
:claim:`the same claim with its own words <deal-tool>` at the end of a long line of text that
reaches the right edge of a narrow screen before it gets there: :event:`offer`.
"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with _chrome(tmp_path_factory.mktemp("chrome")) as chrome:
        yield chrome


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project built as html, dirhtml and singlehtml: builder -> page with the links."""
    src = tmp_path_factory.mktemp("cards") / "src"
    (src / "sub").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf8")
    (src / "index.md").write_text(
        "# Home\n\n```{toctree}\nsub/brief\nlinks\n```\n", encoding="utf8"
    )
    (src / "sub" / "brief.md").write_text(BRIEF, encoding="utf8")
    (src / "links.rst").write_text(PAGE, encoding="utf8")
    out = {}
    for builder, page in (
        ("html", "links.html"),
        ("dirhtml", "links/index.html"),
        ("singlehtml", "index.html"),
    ):
        app, warnings = build(src, src.parent / builder, builder=builder, fresh=True)
        assert "WARNING" not in warnings, warnings
        out[builder] = Path(app.outdir) / page
    return out


@pytest.fixture
def links(driver: Any, sites: dict[str, Path]) -> Iterator[Path]:
    yield sites["html"]
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _open(driver: Any, page: Path) -> None:
    driver.get("about:blank")
    driver.get(page_url(page))
    _wait(driver, "return typeof window.policybriefPreviews === 'object'")
    driver.execute_script("window.alert = () => { window.__pwned = 'alert'; };")


def _wait(driver: Any, condition: str, *args: Any, timeout: float = 5) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(condition, *args))


def _link(driver: Any, text: str, nth: int = 0) -> Any:
    return driver.execute_script(
        "return [...document.querySelectorAll('a.reference')]"
        ".filter(a => a.textContent === arguments[0])[arguments[1]] || null",
        text,
        nth,
    )


CARD = """
const card = document.querySelector('[role=tooltip].pb-preview');
if (!card) return null;
const r = card.getBoundingClientRect();
return {
  shown: !card.hidden && r.width > 0,
  id: card.id,
  kind: (card.querySelector('.pb-kind') || {}).textContent,
  badges: [...card.querySelectorAll('.pb-preview-kicker .pb-badge:not(.pb-kind)')]
    .map(b => b.textContent),
  date: (card.querySelector('.pb-preview-date') || {}).textContent || '',
  title: card.querySelector('.pb-preview-title').textContent,
  summary: (card.querySelector('.pb-preview-summary') || {}).textContent || '',
  tags: [...card.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
  box: [r.left, r.top, r.right, r.bottom],
  viewport: [document.documentElement.clientWidth, document.documentElement.clientHeight],
};
"""


def _card(driver: Any) -> dict[str, Any] | None:
    card: dict[str, Any] | None = driver.execute_script(CARD)
    return card


def _shown(driver: Any) -> bool:
    card = _card(driver)
    return bool(card and card["shown"])


def _hover(driver: Any, element: Any) -> None:
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    x, y = driver.execute_script(
        "const r = arguments[0].getClientRects()[0];"
        "return [Math.round(r.left + Math.min(4, r.width / 2)), Math.round(r.top + r.height / 2)]",
        element,
    )
    action = ActionBuilder(driver)
    action.pointer_action.move_to_location(x, y)
    action.perform()


def _point_at(driver: Any, x: int, y: int) -> None:
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    action = ActionBuilder(driver)
    action.pointer_action.move_to_location(x, y)
    action.perform()


def test_hovering_a_link_shows_the_objects_card(driver: Any, links: Path) -> None:
    _open(driver, links)
    link = _link(driver, "The deal is a tool")
    assert link.get_dom_attribute("title") == "Claim: The deal is a tool"
    _hover(driver, link)
    _wait(driver, "return !!document.querySelector('.pb-preview:not([hidden])')")
    card = _card(driver)
    assert card is not None
    assert card["kind"] == "Key judgment" and card["badges"] == [
        "likely (55–80 %)",
        "high confidence",
    ]
    assert card["title"] == "The deal is a tool"
    assert (
        card["summary"]
        == "Moscow uses the package to lower the cost of integration and to press Minsk."
    )
    # The tooltip pattern: the link is described by the card while it shows, and the
    # browser's own tooltip (the title) waits until the card has gone.
    assert link.get_dom_attribute("aria-describedby") == card["id"]
    assert link.get_dom_attribute("title") is None
    # Hoverable: the pointer can move onto the card and read it.
    left, top, _, _ = card["box"]
    _point_at(driver, int(left + 10), int(top + 10))
    time.sleep(0.6)
    assert _shown(driver)
    _point_at(driver, 5, 5)  # away from both
    _wait(driver, "return document.querySelector('.pb-preview').hidden")
    assert link.get_dom_attribute("aria-describedby") is None
    assert link.get_dom_attribute("title") == "Claim: The deal is a tool"


def test_an_events_card_shows_its_date(driver: Any, links: Path) -> None:
    _open(driver, links)
    _hover(driver, _link(driver, "Medvedev's offer"))
    _wait(driver, "return !!document.querySelector('.pb-preview:not([hidden])')")
    card = _card(driver)
    assert card is not None
    assert card["kind"] == "Timeline event" and card["date"] == "13 December 2018"
    assert card["summary"] == "Two paths on the table."


def test_focus_shows_the_card_and_escape_dismisses_it(driver: Any, links: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    _open(driver, links)
    link = _link(driver, "The deal is a tool")
    driver.execute_script("arguments[0].focus()", link)
    assert _shown(driver)  # at once: no delay for the keyboard
    card = _card(driver)
    assert card is not None and card["title"] == "The deal is a tool"
    assert link.get_dom_attribute("aria-describedby") == card["id"]
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not _shown(driver)
    assert link.get_dom_attribute("aria-describedby") is None
    # The focus stayed where it was, and Tab goes on to the next link and its card.
    assert driver.execute_script("return document.activeElement === arguments[0]", link)
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.execute_script("return document.activeElement.textContent") == "Medvedev's offer"
    card = _card(driver)
    assert card is not None and card["shown"] and card["title"] == "Medvedev's offer"
    driver.switch_to.active_element.send_keys(Keys.TAB)  # the card itself takes no focus
    assert driver.execute_script("return !document.activeElement.closest('.pb-preview')")


def test_links_to_no_object_get_no_card(driver: Any, links: Path) -> None:
    _open(driver, links)
    driver.execute_script("arguments[0].focus()", _link(driver, "nothing of ours"))
    assert not _shown(driver)
    headerlink = driver.execute_script("return document.querySelector('a.headerlink')")
    driver.execute_script("arguments[0].focus()", headerlink)
    assert not _shown(driver)


def test_a_title_holding_markup_is_shown_as_text(driver: Any, links: Path) -> None:
    _open(driver, links)
    link = _link(driver, HOSTILE_TITLE)
    assert link is not None
    _hover(driver, link)
    _wait(driver, "return !!document.querySelector('.pb-preview:not([hidden])')")
    card = _card(driver)
    assert card is not None
    assert card["title"] == HOSTILE_TITLE
    assert card["summary"] == "Its summary has <script>window.__pwned=2</script> in it."
    assert set(card["tags"]) <= {"p", "span"}  # no <img>, <b> or <script> came in
    time.sleep(0.3)  # an injected onerror would have fired by now
    assert driver.execute_script("return typeof window.__pwned") == "undefined"


def test_cards_stay_inside_a_narrow_viewport(driver: Any, links: Path) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 412, "height": 800, "deviceScaleFactor": 1, "mobile": False},
    )
    _open(driver, links)
    width = driver.execute_script("return document.documentElement.clientWidth")
    assert width <= 412
    count = driver.execute_script("return document.querySelectorAll('a.reference').length")
    checked = 0
    for nth in range(count):
        link = driver.execute_script(
            "return document.querySelectorAll('a.reference')[arguments[0]]", nth
        )
        driver.execute_script(
            "arguments[0].scrollIntoView({block: 'end', behavior: 'instant'});arguments[0].focus()",
            link,
        )
        card = _card(driver)
        if not card or not card["shown"]:
            continue
        left, top, right, bottom = card["box"]
        assert left >= 0 and right <= card["viewport"][0], (nth, card["box"])
        assert top >= 0 and bottom <= card["viewport"][1], (nth, card["box"])
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_cards_are_found_from_dirhtml_and_singlehtml_pages(
    driver: Any, sites: dict[str, Path], builder: str
) -> None:
    _open(driver, sites[builder])
    keys = json.loads(
        driver.execute_script("return JSON.stringify(Object.keys(window.policybriefPreviews))")
    )
    assert ("sub/brief/#deal-tool" if builder == "dirhtml" else "index.html#deal-tool") in keys
    for text, title in (
        ("The deal is a tool", "The deal is a tool"),
        ("Medvedev's offer", "Medvedev's offer"),
    ):
        link = _link(driver, text)
        driver.execute_script("arguments[0].focus()", link)
        card = _card(driver)
        assert card is not None and card["shown"] and card["title"] == title, (builder, text)
