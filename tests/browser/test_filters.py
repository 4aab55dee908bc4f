"""The timeline filters in a browser: chips, years, jump links, overview marks, the count,
"Show all", the keyboard, print, and the filter in the address (including hostile ones).

Pages are opened from file://, as a reader opening a built brief from disk would.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import Built, build
from local_chrome import _chrome, page_url

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=window.__pwned=1>"
CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + (
    'myst_enable_extensions = ["colon_fence"]\nproject = "Счёт"\nlanguage = "ru"\n'
)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with _chrome(tmp_path_factory.mktemp("chrome")) as chrome:
        yield chrome


@pytest.fixture
def timeline(example_build: Built, driver: Any) -> Iterator[Path]:
    page = example_build.outdir / "timeline.html"
    yield page
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def _open(driver: Any, page: Path, fragment: str = "") -> None:
    driver.get("about:blank")  # a new document, even when only the fragment differs
    driver.get(page_url(page, fragment))
    _wait(driver, "return document.querySelectorAll('.pb-filter').length > 0")


def _wait(driver: Any, condition: str, *args: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(lambda d: d.execute_script(condition, *args))


# What the page shows, read from the DOM (view: which timeline on the page, from 0).
STATE = """
const view = document.querySelectorAll('.pb-timeline')[arguments[0]];
const shown = e => e.getClientRects().length > 0;
const entries = [...view.querySelectorAll('.pb-tl-event')];
const years = [...view.querySelectorAll('.pb-tl-year')];
const jump = view.querySelector('.pb-tl-jump');
return {
  total: entries.length,
  shown: entries.filter(shown).map(e => e.getAttribute('data-pb-event')),
  classes: entries.map(e => [e.getAttribute('data-pb-event'), e.className]),
  years: years.map(y => [y.id, shown(y),
    y.nextElementSibling.querySelectorAll('.pb-tl-event').length,
    [...y.nextElementSibling.querySelectorAll('.pb-tl-event')].filter(shown).length]),
  jump: jump ? [...jump.querySelectorAll('a')].filter(shown).map(a => a.hash.slice(1)) : [],
  jumpText: jump ? jump.innerText.trim() : '',
  count: view.querySelector('.pb-filter-count').textContent,
  live: view.querySelector('.pb-filter-count').getAttribute('aria-live'),
  clear: shown(view.querySelector('.pb-filter-clear')),
  pressed: [...view.querySelectorAll('.pb-chip[aria-pressed=true]')].map(c => c.textContent),
  hash: location.hash,
};
"""


def _state(driver: Any, view: int = 0) -> dict[str, Any]:
    state: dict[str, Any] = driver.execute_script(STATE, view)
    state["classes"] = dict(state["classes"])  # in the page's order: a list of pairs in JSON
    return state


def _chip(driver: Any, label: str, view: int = 0) -> Any:
    return driver.execute_script(
        "return [...document.querySelectorAll('.pb-timeline')[arguments[0]]"
        ".querySelectorAll('.pb-chip')].find(c => c.textContent === arguments[1]) || null",
        view,
        label,
    )


def _click(driver: Any, element: Any) -> None:
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    element.click()


def _with(state: dict[str, Any], *classes: str) -> list[str]:
    return [a for a in state["shown"] if all(c in state["classes"][a].split() for c in classes)]


def _check_years_and_jump(state: dict[str, Any]) -> None:
    for ident, shown, _, visible in state["years"]:
        assert shown == (visible > 0), ident  # a year shows exactly when it has a shown event
    assert state["jump"] == [ident for ident, shown, _, _ in state["years"] if shown]
    # The separators go with their links: none doubled, none at either end.
    text = state["jumpText"]
    assert "· ·" not in text and not text.startswith("·") and not text.endswith("·"), text


# -- chips ------------------------------------------------------------------------------------


def test_an_actor_chip_filters_entries_years_and_jump_links(driver: Any, timeline: Path) -> None:
    _open(driver, timeline)
    before = _state(driver)
    assert before["total"] == 30 and len(before["shown"]) == 30
    assert before["count"] == "30 of 30 events" and before["live"] == "polite"
    assert not before["clear"] and before["pressed"] == []
    _click(driver, _chip(driver, "Alexander Lukashenko"))
    after = _state(driver)
    everyone = [a for a in after["classes"] if "pb-a-lukashenko" in after["classes"][a].split()]
    assert after["shown"] == everyone and 0 < len(everyone) < 30
    assert after["count"] == f"{len(everyone)} of 30 events"
    assert after["pressed"] == ["Alexander Lukashenko"] and after["clear"]
    hidden_years = [y for y in after["years"] if not y[1]]
    assert hidden_years, "some years have no event of his"
    _check_years_and_jump(after)
    assert len(after["jump"]) < len(before["jump"])
    assert after["hash"] == "#filter=actor:lukashenko"


def test_actor_and_tag_together_show_what_has_both(driver: Any, timeline: Path) -> None:
    _open(driver, timeline)
    _click(driver, _chip(driver, "Republic of Belarus"))
    _click(driver, _chip(driver, "#energy"))
    state = _state(driver)
    both = _with({**state, "shown": list(state["classes"])}, "pb-a-belarus", "pb-t-energy")
    assert state["shown"] == both and both
    assert state["count"] == f"{len(both)} of 30 events"
    assert state["hash"] == "#filter=actor:belarus,tag:energy"
    _check_years_and_jump(state)
    # The same chip again lets that half go.
    _click(driver, _chip(driver, "#energy"))
    state = _state(driver)
    assert state["hash"] == "#filter=actor:belarus" and state["pressed"] == ["Republic of Belarus"]


def test_show_all_restores_everything(driver: Any, timeline: Path) -> None:
    _open(driver, timeline)
    _click(driver, _chip(driver, "#security"))
    assert len(_state(driver)["shown"]) < 30
    clear = driver.execute_script("return document.querySelector('.pb-filter-clear')")
    _click(driver, clear)
    state = _state(driver)
    assert len(state["shown"]) == 30 and all(y[1] for y in state["years"])
    assert state["count"] == "30 of 30 events" and state["pressed"] == [] and not state["clear"]
    assert state["hash"] == "" and driver.execute_script("return location.href").endswith(
        "timeline.html"
    )
    assert driver.execute_script("return document.querySelectorAll('.pb-hidden').length") == 0
    # The button went away under the keyboard's focus: focus is on the first chip instead.
    assert driver.execute_script(
        "return document.activeElement === document.querySelector('.pb-chip')"
    )


def test_the_filter_works_from_the_keyboard(driver: Any, timeline: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    _open(driver, timeline)
    chip = _chip(driver, "#tax")
    driver.execute_script("arguments[0].focus()", chip)
    chip.send_keys(Keys.ENTER)
    assert _state(driver)["pressed"] == ["#tax"]
    driver.switch_to.active_element.send_keys(Keys.SPACE)
    assert _state(driver)["pressed"] == []
    # Tab moves on: no control keeps the focus.
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert not driver.execute_script("return document.activeElement === arguments[0]", chip)


def test_other_timelines_on_the_page_follow_the_filter(driver: Any, timeline: Path) -> None:
    _open(driver, timeline)
    _click(driver, _chip(driver, "#summit"))
    first, second = _state(driver, 0), _state(driver, 1)
    assert second["shown"] == _with({**second, "shown": list(second["classes"])}, "pb-t-summit")
    assert (
        second["pressed"] == ["#summit"]
        and second["count"] == f"{len(second['shown'])} of 4 events"
    )
    assert len(first["shown"]) == len(
        _with({**first, "shown": list(first["classes"])}, "pb-t-summit")
    )


# -- the address ------------------------------------------------------------------------------


def test_a_filter_in_the_address_is_applied_on_load(driver: Any, timeline: Path) -> None:
    _open(driver, timeline, "#filter=actor:lukashenko,tag:negotiations")
    state = _state(driver)
    want = _with({**state, "shown": list(state["classes"])}, "pb-a-lukashenko", "pb-t-negotiations")
    assert state["shown"] == want and want
    assert sorted(state["pressed"]) == ["#negotiations", "Alexander Lukashenko"]
    assert state["hash"] == "#filter=actor:lukashenko,tag:negotiations"
    _check_years_and_jump(state)


def test_chips_and_the_address_round_trip(driver: Any, timeline: Path) -> None:
    _open(driver, timeline)
    _click(driver, _chip(driver, "Russian Federation"))
    _click(driver, _chip(driver, "#military-base"))
    chosen = _state(driver)
    address = driver.execute_script("return location.href")
    assert address.endswith("timeline.html#filter=actor:russia,tag:military-base")
    driver.get("about:blank")
    driver.get(address)
    _wait(driver, "return document.querySelectorAll('.pb-filter').length > 0")
    again = _state(driver)
    assert again["shown"] == chosen["shown"] and again["pressed"] == chosen["pressed"]


def test_a_changed_address_changes_the_filter(driver: Any, timeline: Path) -> None:
    _open(driver, timeline)
    driver.execute_script("location.hash = '#filter=tag:energy'")
    _wait(
        driver,
        "return document.querySelector('.pb-filter-count').textContent !== '30 of 30 events'",
    )
    state = _state(driver)
    assert state["pressed"] == ["#energy"] and len(state["shown"]) == 4
    # A link to a heading is followed and leaves the filter alone.
    driver.execute_script("location.hash = '#alexander-lukashenko-s-part'")
    assert _state(driver)["pressed"] == ["#energy"]


def test_a_value_with_one_event_gets_its_chip_pressed(driver: Any, timeline: Path) -> None:
    _open(driver, timeline)
    assert _chip(driver, "Dmitry Medvedev") is None  # one event: no chip of its own
    _open(driver, timeline, "#filter=actor:medvedev")
    state = _state(driver)
    assert state["pressed"] == ["Dmitry Medvedev"] and state["count"] == "1 of 30 events"
    assert state["shown"] == ["medvedev-offer"]


def test_an_anchor_in_the_address_is_still_an_anchor(driver: Any, timeline: Path) -> None:
    _open(driver, timeline, "#alexander-lukashenko-s-part")
    state = _state(driver)
    assert len(state["shown"]) == 30 and state["hash"] == "#alexander-lukashenko-s-part"
    # The theme scrolls smoothly: the heading arrives in view a moment later.
    _wait(
        driver,
        "const r = document.getElementById('alexander-lukashenko-s-part').getBoundingClientRect();"
        "return scrollY > 0 && r.top >= 0 && r.top < innerHeight",
    )
    assert _state(driver)["hash"] == "#alexander-lukashenko-s-part"


@pytest.mark.parametrize(
    "fragment",
    [
        f"#{HOSTILE}",
        f"#filter=actor:{HOSTILE}",
        "#filter=actor:%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
        f"#filter=tag:{HOSTILE},actor:lukashenko%",  # a broken escape: ignored, not thrown
        "#filter=actor:lukashenko,actor:belarus,colour:red,:,tag",
        "#filter=actor:__proto__,tag:constructor",
    ],
)
def test_a_hostile_address_injects_nothing_and_shows_everything(
    driver: Any, timeline: Path, fragment: str
) -> None:
    _open(driver, timeline)
    clean = driver.execute_script("return document.getElementsByTagName('*').length")
    _open(driver, timeline, fragment)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.getElementsByTagName('*').length") == clean
    state = _state(driver)
    if "lukashenko,actor:belarus" in fragment:
        # The first actor counts; the second, the unknown kind and the bare parts do not.
        assert state["pressed"] == ["Alexander Lukashenko"]
        return
    assert len(state["shown"]) == 30 and state["pressed"] == [] and not state["clear"]
    assert driver.execute_script("return document.querySelectorAll('.pb-hidden').length") == 0


# -- print ------------------------------------------------------------------------------------


def test_print_shows_every_event_and_no_control(driver: Any, timeline: Path) -> None:
    _open(driver, timeline, "#filter=actor:lukashenko")
    assert len(_state(driver)["shown"]) < 30
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    state = _state(driver)
    assert len(state["shown"]) == 30 and all(y[1] for y in state["years"])
    assert driver.execute_script(
        "return [...document.querySelectorAll('.pb-filter')]"
        ".every(e => getComputedStyle(e).display === 'none')"
    )


# -- the overview's marks (the contract with the overview drawing) --------------------------------


def _marked_page(example: Built, tmp_path: Path) -> tuple[Path, dict[str, set[str]]]:
    """The example's timeline with marks as the overview draws them: one per event, one
    for two events together, one naming no event of this page. Returns the page and each
    mark's events."""
    site = tmp_path / "site"
    shutil.copytree(example.outdir, site)
    page = (site / "timeline.html").read_text(encoding="utf8")
    first = page.split('<div class="pb-view pb-timeline', 2)[1]
    entries = dict(
        (anchor, classes.split())
        for classes, anchor in re.findall(
            r'<div class="pb-tl-event ([^"]*) docutils container" data-pb-event="([^"]*)">', first
        )
    )
    luka = next(a for a, c in entries.items() if "pb-a-lukashenko" in c and "pb-t-energy" not in c)
    energy = next(
        a for a, c in entries.items() if "pb-t-energy" in c and "pb-a-lukashenko" not in c
    )
    marks = {f"m-{anchor}": {anchor} for anchor in entries}
    marks["m-cluster"] = {luka, energy}
    marks["m-elsewhere"] = {"an-event-on-another-page"}
    drawn = []
    for name, events in marks.items():
        classes = sorted({c for e in events for c in entries.get(e, ["pb-a-lukashenko"])})
        drawn.append(
            f'<g id="{name}" class="pb-tl-m {" ".join(classes)}" '
            f'data-pb-events="{" ".join(sorted(events))}"><circle r="3" /></g>'
        )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" class="pb-tl-svg">{"".join(drawn)}</svg>'
    # The hand-made marks replace the drawings the build made, so that only they are judged.
    drawings = iter([svg])
    marked, replaced = re.subn(
        r'<div class="no-search pb-tl-overview">.*?</svg></div>',
        lambda _: f'<div class="no-search pb-tl-overview">{next(drawings, "")}</div>',
        page,
        flags=re.S,
    )
    assert replaced >= 1
    (site / "timeline-marks.html").write_text(marked, encoding="utf8")
    return site / "timeline-marks.html", marks


def test_overview_marks_hide_when_none_of_their_events_shows(
    driver: Any, example_build: Built, tmp_path: Path
) -> None:
    page, marks = _marked_page(example_build, tmp_path)
    hidden = "return [...document.querySelectorAll('.pb-tl-m.pb-hidden')].map(m => m.id).sort()"
    for fragment, wanted in (
        ("", ()),
        ("#filter=actor:lukashenko", ("pb-a-lukashenko",)),
        ("#filter=tag:energy", ("pb-t-energy",)),
        # The cluster has an event of his and an energy event, but none that is both.
        ("#filter=actor:lukashenko,tag:energy", ("pb-a-lukashenko", "pb-t-energy")),
    ):
        _open(driver, page, fragment)
        state = _state(driver)
        shown = set(_with(state, *wanted))
        expected = sorted(
            name for name, events in marks.items() if name != "m-elsewhere" and not events & shown
        )
        # A mark naming no event of this page is judged by its own classes (here his).
        if "pb-t-energy" in wanted:
            expected = sorted([*expected, "m-elsewhere"])
        assert driver.execute_script(hidden) == expected, fragment
        if fragment.endswith("tag:energy") and "actor" in fragment:
            assert "m-cluster" in expected


# Each overview mark: its events, whether it is hidden, its number (a cluster's, across the
# page) and its label.
MARKS = """
return [...document.querySelectorAll('.pb-tl-overview .pb-tl-m')].map(m => [
  m.dataset.pbEvents, m.classList.contains('pb-hidden'),
  (m.querySelector('.pb-tl-count') || {}).textContent || null,
  (m.querySelector('.pb-tl-label') || {}).textContent || null,
  (m.querySelector(':scope > title') || {}).textContent || null,
]);
"""


def test_the_drawn_overview_follows_the_filter(driver: Any, timeline: Path) -> None:
    """The build's own drawings (across and down the page): a mark is hidden exactly when
    none of the events it stands for is shown, and a cluster counts the ones shown, its
    number, its label ("1 event, 2015" for "3 events, 2015") and its tooltip (the heading
    counted so, and the lines of the shown events only); "Show all" puts back what was
    drawn."""
    _open(driver, timeline)
    as_drawn = driver.execute_script(MARKS)
    counted = named = 0
    for fragment in ("", "#filter=actor:lukashenko", "#filter=tag:energy"):
        _open(driver, timeline, fragment)
        shown = set(_state(driver)["shown"])
        drawn = driver.execute_script(MARKS)
        assert len(drawn) >= 20, "the example's overview draws its events as marks"
        for (events, hidden, number, text, tip), (_, _, number0, text0, tip0) in zip(
            drawn, as_drawn, strict=True
        ):
            of_them = set(events.split())
            assert hidden == (not of_them & shown), (fragment, events)
            if hidden or len(of_them) == 1:
                assert (number, text, tip) == (number0, text0, tip0), (fragment, events)
                continue
            k = len(of_them & shown)
            if number0 is not None:
                assert number == str(k), (fragment, events, number)
            if text0 is not None and re.match(r"\d+ events", text0):
                expected = re.sub(r"^\d+ events", f"{k} event" + ("s" if k != 1 else ""), text0)
                assert text == expected, (fragment, events, text)
                counted += k < len(of_them)
            # The drawn tooltip: a heading, then a line per event in data-pb-events order,
            # the first twelve of more than thirteen, then "… and N more".
            head0, *lines0 = tip0.split("\n")
            anchors = events.split()
            if len(anchors) > 13:
                assert lines0.pop() == f"… and {len(anchors) - 12} more", tip0
            head = re.sub(r"^\d+ events?", f"{k} event" + ("s" if k != 1 else ""), head0)
            kept = [line for a, line in zip(anchors, lines0, strict=False) if a in shown]
            head1, *lines1 = tip.split("\n")
            assert head1 == head, (fragment, events, tip)
            assert len(lines1) == (k if k <= 13 else 13), (fragment, events, tip)
            assert lines1[: len(kept)] == kept, (fragment, events, tip)
            named += k < len(of_them)
        if fragment:
            assert any(hidden for _, hidden, *_ in drawn), fragment
    assert counted, "a filter shows some of a cluster's events in the example"
    assert named, "a filter leaves some of a cluster's events out of its tooltip"
    clear = driver.execute_script("return document.querySelector('.pb-filter-clear')")
    _click(driver, clear)
    assert driver.execute_script(MARKS) == as_drawn


# -- the reader's language --------------------------------------------------------------------


def _events(n: int, tag: str = "") -> str:
    return "".join(
        f":::{{timeline-event}} Event {i}\n:id: e{i}\n:date: {2000 + i}\n"
        f":actors: {'a, b' if i % 2 else 'a'}\n:tags: {'t5' if i < 5 else 'other'}\n:::\n\n"
        for i in range(n)
    )


def _one_page(tmp_path: Path, text: str, language: str = "ru") -> Path:
    """A project of one page, *text*, built as HTML in *language*: the page's path."""
    src = tmp_path / "src"
    src.mkdir()
    conf = CONF.replace('language = "ru"', f"language = {language!r}")
    (src / "conf.py").write_text(conf, encoding="utf8")
    (src / "index.md").write_text(text, encoding="utf8")
    app, _ = build(src, tmp_path / "out", fresh=True)
    return Path(app.outdir) / "index.html"


# What each overview mark of *n* events (drawn, not hidden) shows: the script's body maps
# each mark ``m`` to what is read from it.
def _of_marks(n: int, read: str) -> str:
    return (
        "return [...document.querySelectorAll('.pb-tl-overview .pb-tl-m')]"
        f".filter(m => m.dataset.pbEvents.split(' ').length === {n} && m.getClientRects().length)"
        f".map(m => {read})"
    )


def test_the_count_speaks_russian_with_its_plural_forms(driver: Any, tmp_path: Path) -> None:
    page = _one_page(
        tmp_path,
        "# Хронология\n\n:::{actor} А\n:id: a\n:::\n\n:::{actor} Б\n:id: b\n:::\n\n"
        + _events(21)
        + ":::{timeline}\n:::\n\n:::{timeline}\n:tags: t5\n:::\n",
    )
    _open(driver, page)
    assert _state(driver, 0)["count"] == "21 из 21 события"  # 21: the singular genitive
    assert _state(driver, 1)["count"] == "5 из 5 событий"
    _click(driver, _chip(driver, "Б"))
    assert _state(driver, 0)["count"] == "10 из 21 события"
    assert _state(driver, 1)["count"] == "2 из 5 событий"
    assert driver.execute_script(
        "return document.querySelector('.pb-filter-clear').textContent"
    ) == ("Показать все")


def test_a_cluster_counts_its_shown_events_in_russian(driver: Any, tmp_path: Path) -> None:
    """Twelve events of one day are drawn together; under a filter the cluster's label
    counts those shown with the plural form Russian gives each number, and so does its
    tooltip, which names the shown events only."""
    events = "".join(
        f":::{{timeline-event}} Переговоры {i}\n:id: d{i}\n:date: 2019-12-07\n"
        f":actors: {'a, b' if i < 2 else 'a'}\n:tags: {'t5' if i < 5 else 'x'}\n:::\n\n"
        for i in range(12)
    )
    far = ":::{timeline-event} Раньше\n:id: early\n:date: 2010\n:actors: a\n:::\n\n"
    page = _one_page(
        tmp_path,
        "# Хронология\n\n:::{actor} А\n:id: a\n:::\n\n:::{actor} Б\n:id: b\n:::\n\n"
        + events
        + far
        + ":::{timeline}\n:::\n",
    )
    labels = _of_marks(12, "m.querySelector('.pb-tl-label').textContent")
    _open(driver, page)
    (drawn,) = driver.execute_script(labels)
    assert drawn.startswith("12 событий"), drawn
    tips = _of_marks(12, "m.querySelector(':scope > title').textContent")
    (tip0,) = driver.execute_script(tips)
    assert tip0.startswith("12 событий"), tip0
    for fragment, counted, names in (
        ("#filter=actor:b", "2 события", range(2)),
        ("#filter=tag:t5", "5 событий", range(5)),
    ):
        _open(driver, page, fragment)
        assert driver.execute_script(labels) == [drawn.replace("12 событий", counted)], fragment
        (tip,) = driver.execute_script(tips)
        head, *lines = tip.split("\n")
        assert head == tip0.split("\n")[0].replace("12 событий", counted), tip
        assert [line.split(" — ")[0] for line in lines] == [f"Переговоры {i}" for i in names]


def test_a_long_cluster_tooltip_counts_the_shown_events_past_twelve(
    driver: Any, tmp_path: Path
) -> None:
    """A tooltip names twelve events and counts the rest ("… and 3 more"), whether the
    drawing or a filter chose them; thirteen are all named (a line for one more is no
    shorter)."""
    events = "".join(
        f":::{{timeline-event}} Talks {i:02d}\n:id: d{i}\n:date: 2019-12-07\n"
        f":actors: a\n:tags: {'many' if i < 15 else 'x'}{', few' if i < 13 else ''}\n:::\n\n"
        for i in range(20)
    )
    far = ":::{timeline-event} Earlier\n:id: early\n:date: 2010\n:actors: a\n:::\n\n"
    page = _one_page(
        tmp_path,
        "# Timeline\n\n:::{actor} A\n:id: a\n:::\n\n" + events + far + ":::{timeline}\n:::\n",
        language="en",
    )
    tips = _of_marks(20, "m.querySelector(':scope > title').textContent.split('\\n')")
    _open(driver, page)
    ((head, *lines),) = driver.execute_script(tips)
    assert head.startswith("20 events, ") and lines[-1] == "… and 8 more", lines
    assert [line.split(" — ")[0] for line in lines[:-1]] == [f"Talks {i:02d}" for i in range(12)]
    for fragment, count, named, more in (
        ("#filter=tag:many", 15, 12, "… and 3 more"),
        ("#filter=tag:few", 13, 13, None),
    ):
        _open(driver, page, fragment)
        ((head, *lines),) = driver.execute_script(tips)
        assert head.startswith(f"{count} events, "), (fragment, head)
        if more is not None:
            assert lines.pop() == more, fragment
        assert [line.split(" — ")[0] for line in lines] == [f"Talks {i:02d}" for i in range(named)]
