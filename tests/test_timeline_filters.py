"""What the timeline filter script reads from the page: its words in the reader's language,
the actors' names and each entry's anchor; and that a page without the script shows all.

The filters themselves run in a browser: tests/browser/test_filters.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import build

STATIC = Path(__file__).parents[1] / "src" / "sphinxcontrib_policybrief" / "static"
CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + (
    'myst_enable_extensions = ["colon_fence"]\nproject = "Filters"\n'
)
# The section "offer" takes the id first: the event's anchor is "offer-2", not its id.
BRIEF = """\
# Brief

:::{actor} Republic of Belarus
:id: belarus
:::

:::{actor} Russian Federation
:id: russia
:::

## Offer

:::{timeline-event} Medvedev's offer
:id: offer
:date: 2018-12-13
:actors: russia, belarus
:tags: integration
:::

:::{timeline-event} Loans withheld
:id: loans
:date: 2019-12
:actors: russia
:tags: energy
:::

## Timeline

:::{timeline}
:::
"""


def _timeline(tmp_path: Path, **conf: Any) -> tuple[str, str]:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf8")
    (src / "index.md").write_text(BRIEF, encoding="utf8")
    app, warnings = build(src, tmp_path / "out", fresh=True, conf=conf)
    return (Path(app.outdir) / "index.html").read_text(encoding="utf8"), warnings


def _filter_data(page: str) -> dict[str, Any]:
    found = re.findall(r'<div class="pb-view pb-timeline[^"]*" data-pb-filter="([^"]*)">', page)
    assert len(found) == 1
    data: dict[str, Any] = json.loads(html.unescape(found[0]))
    return data


def test_a_timeline_carries_its_filters_words_and_names(tmp_path: Path) -> None:
    page, warnings = _timeline(tmp_path)
    assert "[policybrief.anchor-clash]" in warnings  # the event's anchor is not its id
    data = _filter_data(page)
    assert data == {
        "lang": "en",
        "count": {"one": "{shown} of {total} event", "other": "{shown} of {total} events"},
        "actors": "Actors",
        "tags": "Tags",
        "actorGroup": "Show only the events of one actor",
        "tagGroup": "Show only the events with one tag",
        "filter": "Filter the timeline",
        "showAll": "Show all",
        "names": {"belarus": "Republic of Belarus", "russia": "Russian Federation"},
    }
    # Each entry names its event by the anchor links use, which the overview marks use too.
    entries = re.findall(
        r'<div class="pb-tl-event ([^"]*) docutils container" data-pb-event="([^"]*)">', page
    )
    assert entries == [
        ("pb-a-russia pb-a-belarus pb-t-integration", "offer-2"),
        ("pb-a-russia pb-t-energy", "loans"),
    ]
    assert 'id="offer-2"' in page


@pytest.mark.parametrize(
    ("language", "count", "show_all"),
    [
        (
            "de",
            {"one": "{shown} von {total} Ereignis", "other": "{shown} von {total} Ereignissen"},
            "Alle zeigen",
        ),
        (
            "fr",
            {"one": "{shown} sur {total} événement", "other": "{shown} sur {total} événements"},
            "Tout afficher",
        ),
        # After "из" the count is genitive: 1, 21, 31 … take the singular, every other the plural.
        (
            "ru",
            {
                "one": "{shown} из {total} события",
                "few": "{shown} из {total} событий",
                "many": "{shown} из {total} событий",
                "other": "{shown} из {total} событий",
            },
            "Показать все",
        ),
    ],
)
def test_the_filters_words_are_translated_with_every_plural_form(
    tmp_path: Path, language: str, count: dict[str, str], show_all: str
) -> None:
    page, _ = _timeline(tmp_path, language=language)
    data = _filter_data(page)
    assert data["lang"] == language and data["count"] == count and data["showAll"] == show_all
    english = {"Actors", "Tags", "Filter the timeline", "Show only the events of one actor"}
    assert not english & {data["actors"], data["tags"], data["filter"], data["actorGroup"]}


def test_without_the_script_every_event_shows_and_no_control_is_drawn(tmp_path: Path) -> None:
    page, _ = _timeline(tmp_path)
    for made_by_the_script in (
        "pb-hidden",
        "pb-chip",
        "pb-filter-",
        'class="pb-filter',
        "aria-live",
    ):
        assert made_by_the_script not in page, made_by_the_script
    assert page.count('class="pb-tl-event ') == 2


def test_print_shows_everything_and_no_control() -> None:
    css = (STATIC / "policybrief.css").read_text(encoding="utf8")
    ours = css[css.index("/* -- reader scripts") :]
    printed = ours[ours.index("@media print") :]
    assert ".pb-filter, .pb-preview { display: none !important; }" in printed
    assert ".pb-tl-year.pb-hidden { display: block; }" in printed
    assert "div.pb-tl-list.container.pb-hidden { display: block; }" in printed


@pytest.mark.parametrize("script", ["policybrief.js", "policybrief-previews.js"])
def test_the_scripts_never_write_markup(script: str) -> None:
    code = (STATIC / script).read_text(encoding="utf8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in code, sink
