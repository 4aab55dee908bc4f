"""Preview cards: the data file and its <script>, the setting, escaping, other preview
extensions, every HTML builder, and the same bytes from every kind of build.

The cards themselves (hover, focus, Escape) are tested in a browser: tests/browser/.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from helpers import ExampleBuilds, build
from pagecheck import SHORT_RUN_JVM_FLAGS

from sphinxcontrib_policybrief.core.plurals import plural_forms, plural_samples, script_language
from sphinxcontrib_policybrief.core.previews import (
    DATA_FILE,
    GLOBAL_NAME,
    Badge,
    Preview,
    previews_script,
    shorten,
)

CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + (
    'myst_enable_extensions = ["colon_fence"]\nproject = "Cards"\n'
)
LONG = " ".join(["Minsk weighs every offer against what it would cost at home."] * 8)
HOSTILE_TITLE = "<img src=x onerror=window.__pwned=1> and <b>bold</b> & *stars*"

BRIEF = f"""\
# Brief

:::{{claim}} The deal is a tool
:id: deal-tool
:kind: key-judgment
:likelihood: likely
:confidence: high
:actors: belarus

{LONG}
:::

:::{{actor}} Republic of Belarus
:id: belarus
:kind: state

Russia's ally.
:::

:::{{timeline-event}} Medvedev's offer
:id: offer
:date: 2018-12-13
:actors: belarus
:sources: tass

Two paths on the table, see {{claim}}`deal-tool`.
:::

:::{{source}} A news agency report
:id: tass
:kind: media
:reliability: B
:::

:::{{claim}} Moscow wants the deal to fail
:id: counter
:::

:::{{paradox}} Pressing and discouraging at once
:id: press
:claims: deal-tool, counter
:::
"""

HOSTILE = f"""\
Hostile
=======

.. claim:: {HOSTILE_TITLE}
   :id: hostile-title

   A summary with </script> and <b>bold</b> in it.

See :claim:`hostile-title` and :claim:`deal-tool`.
"""


def _project(tmp_path: Path, conf: str = CONF) -> Path:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf8")
    (src / "index.md").write_text(
        "# Home\n\n```{toctree}\nsub/brief\nhostile\n```\n", encoding="utf8"
    )
    (src / "sub" / "brief.md").write_text(BRIEF, encoding="utf8")
    (src / "hostile.rst").write_text(HOSTILE, encoding="utf8")
    return src


def _cards(outdir: Path) -> dict[str, Any]:
    text = (outdir / "_static" / DATA_FILE).read_text(encoding="utf8")
    prefix = f"window.{GLOBAL_NAME} = "
    body = text[text.index(prefix) + len(prefix) :].strip()
    assert body.endswith(";")
    cards: dict[str, Any] = json.loads(body[:-1])
    return cards


def _built(tmp_path: Path, builder: str = "html", **conf: Any) -> tuple[Path, str]:
    app, warnings = build(
        _project(tmp_path), tmp_path / "out", builder=builder, fresh=True, conf=conf
    )
    return Path(app.outdir), warnings


# -- the data file ----------------------------------------------------------------------------


def test_each_object_has_a_card_under_its_url(tmp_path: Path) -> None:
    outdir, warnings = _built(tmp_path)
    assert "WARNING" not in warnings, warnings
    cards = _cards(outdir)
    assert sorted(cards) == [
        "hostile.html#hostile-title",
        "sub/brief.html#belarus",
        "sub/brief.html#counter",
        "sub/brief.html#deal-tool",
        "sub/brief.html#offer",
        "sub/brief.html#press",
        "sub/brief.html#tass",
    ]
    for key in cards:  # each key is where links point: a page and an anchor on it
        page, anchor = key.split("#")
        assert f'id="{anchor}"' in (outdir / page).read_text(encoding="utf8"), key
    claim = cards["sub/brief.html#deal-tool"]
    assert claim["kind"] == "Key judgment" and claim["type"] == "claim"
    assert claim["title"] == "The deal is a tool"
    assert claim["badges"] == [["likely (55–80 %)", "info", ""], ["high confidence", "success", ""]]
    # The card's words are the block's: the same badges stand above the claim's title.
    page = (outdir / "sub" / "brief.html").read_text(encoding="utf8")
    assert ">likely (55–80 %)</span>" in page and ">high confidence</span>" in page
    # Long summaries are cut at a word, on one line.
    assert claim["summary"].endswith("…") and len(claim["summary"]) <= 281
    assert LONG.startswith(claim["summary"][:-1])
    event = cards["sub/brief.html#offer"]
    assert event["date"] == "13 December 2018" and event["kind"] == "Timeline event"
    assert event["summary"] == "Two paths on the table, see The deal is a tool."
    source = cards["sub/brief.html#tass"]
    assert source["badges"] == [["B", "success", "usually reliable"]] and source["kind"] == "Media"
    assert cards["sub/brief.html#belarus"]["kind"] == "State"
    assert cards["sub/brief.html#press"] == {
        "badges": [],
        "kind": "Paradox",
        "summary": "",
        "title": "Pressing and discouraging at once",
        "type": "paradox",
    }


def test_every_page_loads_the_data_without_a_checksum_and_the_script(tmp_path: Path) -> None:
    outdir, _ = _built(tmp_path)
    pages = sorted(outdir.rglob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "genindex.html", "search.html", "brief.html"}
    for page in pages:
        html = page.read_text(encoding="utf8")
        prefix = "../" if page.parent.name == "sub" else ""
        # No ?v=: a page an incremental build leaves alone would name an older file.
        assert f'<script defer="defer" src="{prefix}_static/{DATA_FILE}"></script>' in html
        assert re.search(
            rf'<script defer="defer" src="{prefix}_static/policybrief-previews\.js\?v=\w+">', html
        ), page


def test_titles_holding_markup_stay_text(tmp_path: Path) -> None:
    outdir, _ = _built(tmp_path)
    raw = (outdir / "_static" / DATA_FILE).read_text(encoding="utf8")
    # Nothing that a browser could read as a tag, a comment or the end of a script.
    assert "<" not in raw.split("\n", 1)[1]
    card = _cards(outdir)["hostile.html#hostile-title"]
    assert card["title"] == HOSTILE_TITLE.replace("*stars*", "stars")  # rST emphasis is text
    assert card["summary"] == "A summary with </script> and <b>bold</b> in it."
    script = (
        Path(__file__).parents[1] / "src/sphinxcontrib_policybrief/static/policybrief-previews.js"
    ).read_text(encoding="utf8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "eval(" not in script and "document.write" not in script


def test_the_export_hostile_root_gives_a_valid_script(tmp_path: Path) -> None:
    root = Path(__file__).parent / "roots" / "test-export-hostile"
    app, _ = build(root, tmp_path, fresh=True)
    cards = _cards(Path(app.outdir))
    assert cards["index.html#hostile-claim"]["title"].startswith("Breakout </script><script>")


@pytest.mark.parametrize(
    ("builder", "page", "key"),
    [
        ("dirhtml", "sub/brief/index.html", "sub/brief/#offer"),
        ("singlehtml", "index.html", "index.html#offer"),
    ],
)
def test_dirhtml_and_singlehtml_key_cards_as_their_links_point(
    tmp_path: Path, builder: str, page: str, key: str
) -> None:
    outdir, warnings = _built(tmp_path, builder)
    assert "WARNING" not in warnings, warnings
    cards = _cards(outdir)
    assert key in cards and len(cards) == 7
    assert 'id="offer"' in (outdir / page).read_text(encoding="utf8")
    if builder == "singlehtml":
        assert {k.split("#")[0] for k in cards} == {"index.html"}


# -- when there are none ----------------------------------------------------------------------


def test_switched_off_there_is_no_data_and_no_script(tmp_path: Path) -> None:
    outdir, warnings = _built(tmp_path, policybrief_previews=False)
    assert "WARNING" not in warnings, warnings
    assert not (outdir / "_static" / DATA_FILE).exists()
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf8")
        assert "policybrief-previews" not in html, page
    # The timeline filters do not depend on it.
    assert "policybrief.js" in (outdir / "index.html").read_text(encoding="utf8")


def test_a_value_that_is_not_a_boolean_warns_and_keeps_previews_on(tmp_path: Path) -> None:
    # In conf.py: Sphinx refuses a string for a boolean given on the command line.
    outdir, warnings = _built_with(tmp_path, CONF + 'policybrief_previews = "no"\n')
    assert "policybrief_previews must be True or False, not 'no'; using True" in warnings
    assert "[policybrief.config]" in warnings
    assert (outdir / "_static" / DATA_FILE).is_file()


def test_epub_has_no_previews(tmp_path: Path) -> None:
    outdir, _ = _built(tmp_path, "epub")
    assert not (outdir / "_static" / DATA_FILE).exists()
    pages = list(outdir.rglob("*.xhtml"))
    assert pages
    for page in pages:
        assert "policybrief-previews" not in page.read_text(encoding="utf8"), page


@pytest.mark.slow(seconds=10)
@pytest.mark.skipif(
    shutil.which("java") is None or not Path("/usr/bin/epubcheck").exists(),
    reason="epubcheck (java -jar /usr/bin/epubcheck) is not installed",
)
def test_the_examples_epub_passes_epubcheck(example_builds: ExampleBuilds) -> None:
    (book,) = example_builds("epub").outdir.glob("*.epub")
    run = subprocess.run(
        ["java", *SHORT_RUN_JVM_FLAGS, "-jar", "/usr/bin/epubcheck", str(book)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 fatals / 0 errors" in run.stdout


def _stub(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """An extension loaded under *name* that does nothing, as if the real one were there."""
    module = types.ModuleType(name)
    module.setup = lambda app: {"parallel_read_safe": True, "parallel_write_safe": True}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, name, module)
    if "." in name:
        parent = name.split(".")[0]
        monkeypatch.setitem(sys.modules, parent, types.ModuleType(parent))


@pytest.mark.parametrize("other", ["sphinx_tippy", "hoverxref.extension"])
def test_other_preview_extensions_are_left_to_draw_theirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str
) -> None:
    _stub(monkeypatch, other)
    conf = CONF.replace('"sphinxcontrib_policybrief"]', f'"sphinxcontrib_policybrief", "{other}"]')
    outdir, warnings = _built_with(tmp_path, conf)
    assert "WARNING" not in warnings, warnings
    assert not (outdir / "_static" / DATA_FILE).exists()
    assert "policybrief-previews" not in (outdir / "sub" / "brief.html").read_text(encoding="utf8")


def test_real_sphinx_tippy_draws_the_previews(tmp_path: Path) -> None:
    pytest.importorskip("sphinx_tippy")
    conf = CONF.replace(
        '"sphinxcontrib_policybrief"]', '"sphinxcontrib_policybrief", "sphinx_tippy"]'
    )
    outdir, warnings = _built_with(tmp_path, conf)
    assert "policybrief" not in warnings, warnings
    assert not (outdir / "_static" / DATA_FILE).exists()
    page = (outdir / "sub" / "brief.html").read_text(encoding="utf8")
    assert "policybrief-previews" not in page and "tippy" in page


def _built_with(tmp_path: Path, conf: str) -> tuple[Path, str]:
    app, warnings = build(_project(tmp_path, conf), tmp_path / "out", fresh=True)
    return Path(app.outdir), warnings


# -- the same bytes from every kind of build -----------------------------------------------------


def test_incremental_and_parallel_builds_write_the_clean_builds_data(tmp_path: Path) -> None:
    src = _project(tmp_path)
    build(src, tmp_path / "inc")
    brief = src / "sub" / "brief.md"
    brief.write_text(
        brief.read_text(encoding="utf8")
        .replace("The deal is a tool", "The deal is an instrument")
        .replace(":likelihood: likely", ":likelihood: very likely"),
        encoding="utf8",
    )
    app, _ = build(src, tmp_path / "inc")
    incremental = (Path(app.outdir) / "_static" / DATA_FILE).read_bytes()
    clean, _ = build(src, tmp_path / "clean", fresh=True)
    assert incremental == (Path(clean.outdir) / "_static" / DATA_FILE).read_bytes()
    parallel, _ = build(src, tmp_path / "parallel", fresh=True, parallel=2)
    assert incremental == (Path(parallel.outdir) / "_static" / DATA_FILE).read_bytes()
    card = _cards(Path(app.outdir))["sub/brief.html#deal-tool"]
    assert card["title"] == "The deal is an instrument"
    assert card["badges"][0][0] == "very likely (80–95 %)"
    # Switched off later: the file an earlier build left goes, as a clean build has none.
    assert (Path(app.outdir) / "_static" / "policybrief-previews.js").is_file()
    app, _ = build(src, tmp_path / "inc", conf={"policybrief_previews": False})
    assert not (Path(app.outdir) / "_static" / DATA_FILE).exists()
    # Nor the card script, which no page loads then (a clean build copies none).
    assert not (Path(app.outdir) / "_static" / "policybrief-previews.js").exists()
    off, _ = build(src, tmp_path / "off", fresh=True, conf={"policybrief_previews": False})
    assert not (Path(off.outdir) / "_static" / "policybrief-previews.js").exists()
    assert (Path(off.outdir) / "_static" / "policybrief.js").is_file()


def test_an_unchanged_data_file_is_not_written_again(tmp_path: Path) -> None:
    src = _project(tmp_path)
    app, _ = build(src, tmp_path / "out")
    path = Path(app.outdir) / "_static" / DATA_FILE
    stamp = path.stat().st_mtime_ns
    build(src, tmp_path / "out")
    assert path.stat().st_mtime_ns == stamp


# -- the core ---------------------------------------------------------------------------------


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("a  short\n text") == "a short text"
    assert shorten("one two three four", 9) == "one two…"
    assert shorten("one two, three", 8) == "one two…"
    assert shorten("unbreakable", 4) == "unbr…"


def test_the_script_is_sorted_and_escaped() -> None:
    cards = {
        "b.html#x": Preview("Claim", "claim", "</script><b>", "line\u2028break"),
        "a.html#y": Preview(
            "Timeline event", "event", "An event", date="2019", badges=(Badge("B", "info", "w"),)
        ),
    }
    script = previews_script(cards)
    assert script.index('"a.html#y"') < script.index('"b.html#x"')
    assert "<" not in script.split("\n", 1)[1] and "\u2028" not in script
    body = script.split(" = ", 1)[1].rstrip().rstrip(";")
    assert json.loads(body)["b.html#x"]["title"] == "</script><b>"
    assert json.loads(body)["a.html#y"]["badges"] == [["B", "info", "w"]]
    assert script == previews_script(dict(reversed(cards.items())))


def test_plural_samples_follow_cldr() -> None:
    assert plural_samples(None) == {"one": 1, "other": 0}
    assert plural_samples("fr") == {"one": 0, "other": 2}
    # Russian has no whole number in "other": it takes the form most counts take.
    assert plural_samples("ru") == {"one": 1, "few": 2, "many": 0, "other": 0}
    assert plural_samples("ja") == {"other": 0}
    forms = plural_forms("ru", lambda n: f"form for {n}")
    assert forms == {
        "one": "form for 1",
        "few": "form for 2",
        "many": "form for 0",
        "other": "form for 0",
    }
    assert script_language("pt_BR") == "pt-BR" and script_language(None) == "en"
