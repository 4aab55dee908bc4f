"""Tag pages, the actor's link to its events on the timeline, and our domain index pages.

The project is ``tests/roots/test-tags``: tags in several scripts and two long tags that
start alike, every kind tagged, actors whose events are on the whole timeline, on a
timeline of their own page, and on none.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from helpers import build, copy_root, diff_names, snapshot

from sphinxcontrib_policybrief.core.dates import parse_date
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Actor,
    Claim,
    Link,
    TimelineEvent,
    ViewRequest,
)
from sphinxcontrib_policybrief.core.tags import (
    MAX_SLUG_BYTES,
    TAG_PAGE_PREFIX,
    TAGS_INDEX,
    Clash,
    slug,
    tag_pages,
    tagged,
)
from sphinxcontrib_policybrief.core.views import actor_timelines

ROOT = Path(__file__).parent / "roots" / "test-tags"
LONG = "energy-" + "x" * 92


# -- the core: page names, what carries each tag, which timeline an actor links to -------


def test_slugs_keep_tags_readable_and_fit_a_file_name() -> None:
    assert slug("energy") == "energy"
    assert slug("экономика") == "экономика"  # letters of any script stay as they are
    alpha, beta = slug(LONG + "-alpha"), slug(LONG + "-beta")
    assert alpha != beta and alpha.startswith("energy-xxx") and beta.startswith("energy-xxx")
    assert max(len(alpha.encode()), len(beta.encode())) <= MAX_SLUG_BYTES
    # Cut between letters, never inside one: three bytes a letter in Devanagari.
    hindi = slug("ऊर्जा" * 20)
    assert len(hindi.encode()) <= MAX_SLUG_BYTES and hindi.startswith("ऊर्जा")


def test_page_names_never_take_a_document_or_each_others_name() -> None:
    pages = tag_pages(["energy", "trade", "energy-2"], taken=["index", "PB-Tag-Energy"])
    assert pages.index == TAGS_INDEX
    # The document keeps its name (compared without case, as on macOS and Windows); the
    # tag page is numbered, and a tag that happens to spell that number is numbered too.
    assert pages.page("energy") == "pb-tag-energy-2"
    assert pages.page("energy-2") == "pb-tag-energy-2-2"
    assert pages.page("trade") == "pb-tag-trade"
    assert pages.clashes == (Clash("pb-tag-energy", "PB-Tag-Energy", "pb-tag-energy-2"),)
    assert tag_pages([], taken=["pb-tags"]).index == ""  # no tags, no pages, no clash
    clash = tag_pages(["a"], taken=["pb-tags"])
    assert clash.index == "pb-tags-2" and clash.clashes[0].docname == "pb-tags"
    # Long tags that start alike keep apart, whatever else is taken.
    names = tag_pages([LONG + "-alpha", LONG + "-beta"], taken=[]).pages.values()
    assert len(set(names)) == 2 and all(n.startswith(TAG_PAGE_PREFIX) for n in names)


def _graph() -> BriefGraph:
    def event(ident: str, date: str, actors: str, tags: tuple[str, ...] = ()) -> TimelineEvent:
        links = tuple(Link("actors", a, 1) for a in actors.split(",") if a)
        return TimelineEvent(
            id=ident,
            title=ident,
            docname="events",
            lineno=len(ident),
            anchor=ident,
            date=parse_date(date),
            links=links,
            tags=tags,
        )

    records = {
        "actors": [
            Actor(id=a, title=a, docname="actors", lineno=i, anchor=a)
            for i, a in enumerate(("moscow", "minsk", "ghost"))
        ],
        "events": [
            event("late", "2020", "moscow", ("energy",)),
            event("early", "2010", "moscow,minsk", ("energy",)),
            event("spooky", "2001", "ghost"),
        ],
        "claims": [
            Claim(id="c", title="c", docname="claims", lineno=1, anchor="c", tags=("energy",))
        ],
    }
    return BriefGraph(records, {}, BUILTIN_RELATIONS, {})


def test_tagged_lists_events_by_date_and_the_rest_in_reading_order() -> None:
    found = tagged(_graph())
    assert list(found) == ["energy"]
    assert [o.id for o in found["energy"]] == ["early", "late", "c"]


def _timeline(docname: str, serial: int = 0, **filters: object) -> ViewRequest:
    return ViewRequest(view="timeline", docname=docname, lineno=1, serial=serial, **filters)  # type: ignore[arg-type]


def test_an_actor_links_to_the_timeline_that_shows_most_of_its_events() -> None:
    graph = _graph()
    whole = _timeline("z-chronology")
    recent = _timeline("a-recent", date_from=parse_date("2015"))
    own = _timeline("b-moscow", actors=("moscow",))
    found = actor_timelines(graph, [recent, own, whole])
    # Moscow: both its events on its own timeline and on the whole one; the one without
    # filters wins, though it comes last in reading order. So for Minsk, whose one event
    # the recent timeline leaves out; the ghost's is on the whole timeline alone.
    assert found == {"ghost": "z-chronology", "minsk": "z-chronology", "moscow": "z-chronology"}
    # Without the whole chronology: Moscow's own timeline shows both, the recent one one.
    assert actor_timelines(graph, [recent, own])["moscow"] == "b-moscow"
    # Among equals, the first in reading order; an actor no timeline shows gets nothing.
    assert actor_timelines(graph, [_timeline("b"), _timeline("a", 3)])["moscow"] == "a"
    assert "ghost" not in actor_timelines(graph, [own])


# -- the pages -------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _hrefs(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf8"))
    return parser.hrefs


def _broken_links(outdir: Path, suffix: str = ".html") -> list[tuple[str, str]]:
    """Links between pages of the site that lead to no file."""
    broken = []
    for page in sorted(outdir.rglob(f"*{suffix}")):
        for href in _hrefs(page):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = page.parent / unquote(parts.path)
            if href.endswith("/") or target.is_dir():
                target = target / f"index{suffix}"
            if not target.is_file():
                broken.append((str(page.relative_to(outdir)), href))
    return broken


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app, warnings = build(
        ROOT, tmp_path_factory.mktemp("tags"), fresh=True, conf={"nitpicky": True}
    )
    assert warnings == ""
    return Path(app.outdir)


def test_a_tag_page_lists_what_carries_the_tag_by_kind(html: Path) -> None:
    page = (html / "pb-tag-energy.html").read_text(encoding="utf8")
    assert "<title>Tag: energy" in page and "<h1>Tag: energy</h1>" in page
    headings = re.findall(r"<h2>([^<]+)</h2>", page)
    assert headings == [
        "Claims (2)",
        "Timeline events (2)",
        "Actors (1)",
        "Paradoxes (1)",
        "Sources (1)",
    ]
    assert "7 objects carry this tag." in page and 'href="pb-tags.html">All tags</a>' in page
    # Each entry: its linked title and a line that says what it is and where.
    assert '<a class="reference internal" href="brief.html#c-lever">Energy is the lever</a>' in page
    assert "Key judgment · likely · moderate confidence · in “The brief”" in page
    assert "January 2018 · in “The brief”" in page  # events by date: 2018 before 2019
    assert page.index("The oil dispute") < page.index("Gas talks stall")
    assert "State · in “People”" in page
    assert "Publication · B (usually reliable) · November 2019 · in “The brief”" in page


def test_the_tags_index_lists_every_tag_with_its_count(html: Path) -> None:
    page = (html / "pb-tags.html").read_text(encoding="utf8")
    assert "<title>All tags" in page and "5 tags in this brief." in page
    rows = re.findall(r'<li><a class="reference internal" href="([^"]+)">([^<]+)</a>', page)
    assert [text for _, text in rows] == [
        "energy",
        LONG + "-alpha",
        LONG + "-beta",
        "trade",
        "экономика",
    ]
    assert (
        'energy</a> <span class="pb-tag-counts">· 2 claims, 2 events, 1 actor, 1 paradox, 1 source'
        in page
    )
    for href, _ in rows:
        assert (html / unquote(href)).is_file()


def test_tags_link_to_their_pages_and_the_indexes_to_every_tag(html: Path) -> None:
    brief = (html / "brief.html").read_text(encoding="utf8")
    # Stored like ids ("Energy" is "energy"), shown as badges that are links.
    assert re.search(
        r'<a class="pb-tag-link reference internal" href="pb-tag-energy.html" '
        r'title="Everything tagged energy"><span class="[^"]*pb-tag">energy</span></a>',
        brief,
    )
    # Readable names in any script, percent-encoded in the link as URLs want them.
    assert 'href="pb-tag-%D1%8D%D0%BA%D0%BE%D0%BD%D0%BE%D0%BC%D0%B8%D0%BA%D0%B0.html"' in brief
    assert (html / "pb-tag-экономика.html").is_file()
    # Timeline entries link their tags too.
    timeline = (html / "timeline.html").read_text(encoding="utf8")
    assert 'href="pb-tag-trade.html"' in timeline
    views = (html / "views.html").read_text(encoding="utf8")
    assert views.count('href="pb-tags.html">All tags</a>') == 2  # claim and actor index
    assert _broken_links(html) == []


def test_tag_pages_are_not_searched(html: Path) -> None:
    # As genindex: the objects are found on their own pages; a tag page would repeat them.
    index = (html / "searchindex.js").read_text(encoding="utf8")
    assert (
        "pb-tag" not in index
        and '"docnames":["brief","index","people","timeline","views"]' in index
    )


def test_an_actor_links_to_its_events_on_the_timeline(html: Path) -> None:
    people = (html / "people.html").read_text(encoding="utf8")
    links = dict(
        re.findall(
            r'id="([^"]+)">(?:(?!id=").)*?pb-actor-timeline"><a [^>]*href="([^"]+)"', people, re.S
        )
    )
    assert links == {
        "moscow": "timeline.html#filter=actor:moscow",
        # The id percent-encoded, as the fragment is read back by policybrief.js.
        "минск": "timeline.html#filter=actor:%D0%BC%D0%B8%D0%BD%D1%81%D0%BA",
        # Its only event is outside the timeline's dates, on this page's own timeline.
        "old-guard": "#filter=actor:old-guard",
    }
    # The ghost's event is on no timeline, and nobody has events: no link for either.
    assert people.count("Events on the timeline") == 3


@pytest.mark.parametrize("builder", ["dirhtml"])
def test_dirhtml_links_every_tag_page(builder: str, tmp_path: Path) -> None:
    app, warnings = build(ROOT, tmp_path, builder=builder, conf={"nitpicky": True})
    assert warnings == ""
    out = Path(app.outdir)
    assert (out / "pb-tag-energy" / "index.html").is_file() and (
        out / "pb-tags" / "index.html"
    ).is_file()
    brief = (out / "brief" / "index.html").read_text(encoding="utf8")
    assert 'href="../pb-tag-energy/"' in brief
    people = (out / "people" / "index.html").read_text(encoding="utf8")
    assert 'href="../timeline/#filter=actor:moscow"' in people
    tag = (out / "pb-tag-energy" / "index.html").read_text(encoding="utf8")
    assert 'href="../brief/#c-lever"' in tag and 'href="../pb-tags/"' in tag
    assert _broken_links(out) == []


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "latex", "text"])
def test_other_builders_keep_tags_as_badges(builder: str, tmp_path: Path) -> None:
    conf = {"nitpicky": True, "version": "1", "copyright": "2026, the authors"}  # for EPUB
    app, warnings = build(ROOT, tmp_path, builder=builder, conf=conf)
    assert warnings == ""
    out = Path(app.outdir)
    assert not [p for p in out.rglob("*") if "pb-tag" in p.name]
    text = "\n".join(
        p.read_text(encoding="utf8")
        for p in sorted(out.rglob("*"))
        if p.suffix in (".html", ".xhtml", ".tex", ".txt")
    )
    assert "экономика" in text  # the tag is still shown
    assert "pb-tag-" not in text.replace('class="sd-badge pb-badge pb-tag"', "")
    assert "pb-tags" not in text and "filter=actor" not in text
    assert "Events on the timeline" not in text
    if builder in ("singlehtml", "epub"):
        assert _broken_links(out, ".xhtml" if builder == "epub" else ".html") == []


def test_a_document_named_like_a_tag_page_keeps_its_name(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    (src / "pb-tag-energy.md").write_text("# Energy, by the authors\n", encoding="utf8")
    with (src / "index.md").open("a", encoding="utf8") as f:
        f.write("\n```{toctree}\npb-tag-energy\n```\n")
    app, warnings = build(src, tmp_path / "out", fresh=True)
    out = Path(app.outdir)
    assert re.search(
        r"pb-tag-energy\.md: WARNING: the document 'pb-tag-energy' has the name of a tag "
        r"page; that page is written as 'pb-tag-energy-2' instead .*\[policybrief\.tag-page-name\]",
        warnings,
    )
    assert warnings.count("WARNING") == 1
    assert "Energy, by the authors" in (out / "pb-tag-energy.html").read_text(encoding="utf8")
    assert "<h1>Tag: energy</h1>" in (out / "pb-tag-energy-2.html").read_text(encoding="utf8")
    assert 'href="pb-tag-energy-2.html"' in (out / "brief.html").read_text(encoding="utf8")
    assert _broken_links(out) == []


def test_tag_pages_can_be_turned_off(tmp_path: Path) -> None:
    app, warnings = build(ROOT, tmp_path, fresh=True, conf={"policybrief_tag_pages": False})
    assert warnings == ""
    out = Path(app.outdir)
    assert not list(out.glob("pb-tag*"))
    html = "".join(p.read_text(encoding="utf8") for p in out.glob("*.html"))
    assert "pb-tag-link" not in html and "All tags" not in html
    # The timeline links stay: they do not depend on tag pages.
    assert "#filter=actor:moscow" in (out / "people.html").read_text(encoding="utf8")


def test_tag_pages_in_the_readers_language(tmp_path: Path) -> None:
    app, warnings = build(ROOT, tmp_path, fresh=True, conf={"language": "de"})
    assert warnings == ""
    out = Path(app.outdir)
    page = (out / "pb-tag-energy.html").read_text(encoding="utf8")
    assert "<h1>Schlagwort: energy</h1>" in page and "Ereignisse der Chronik (2)" in page
    assert "7 Objekte tragen dieses Schlagwort." in page and "in „The brief“" in page
    assert "Alle Schlagwörter" in (out / "pb-tags.html").read_text(encoding="utf8")
    assert "Ereignisse in der Chronik" in (out / "people.html").read_text(encoding="utf8")
    claims = (out / "pb-claims.html").read_text(encoding="utf8")
    assert "<strong>Kernurteil:</strong>" in claims


# -- the domain index pages ---------------------------------------------------------------


def test_index_entries_read_as_sentences_with_kind_grade_and_page(html: Path) -> None:
    claims = (html / "pb-claims.html").read_text(encoding="utf8")
    assert (
        '<code class="xref">Energy is the lever</code></a></td><td><strong>Key judgment:</strong>'
        "\n       <em>likely, moderate confidence · in “The brief”</em>"
    ) in claims
    # Their own stylesheet sets the <code> in the body font; other index pages keep theirs.
    assert "_static/policybrief-index.css" in claims
    for other in ("genindex.html", "brief.html", "pb-tag-energy.html"):
        assert "policybrief-index.css" not in (html / other).read_text(encoding="utf8")
    css = (html / "_static" / "policybrief-index.css").read_text(encoding="utf8")
    assert "font-family: inherit" in css
    actors = (html / "pb-actors.html").read_text(encoding="utf8")
    assert "<strong>State:</strong>\n       <em>in “People”</em>" in actors
    assert "pb-actors.html" in (html / "views.html").read_text(encoding="utf8")


def test_printed_indexes_keep_kind_and_grade_beside_the_name(tmp_path: Path) -> None:
    app, _ = build(ROOT, tmp_path, builder="latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    # LaTeX prints only an entry's "extra" words and its page number.
    assert r"\sphinxstyleindexextra{Key judgment; likely, moderate confidence}" in tex


# -- incremental and parallel builds ------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf8")


def test_adding_and_removing_a_tag_updates_every_page(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    inc = tmp_path / "inc"
    app, _ = build(src, inc, fresh=True)
    out = Path(app.outdir)
    # A new tag on one event: its page, the index and the pages showing the event.
    _edit(
        src / "brief.md",
        ":tags: energy\n:::\n\n:::{timeline-event} The oil",
        ":tags: energy, gas\n:::\n\n:::{timeline-event} The oil",
    )
    build(src, inc)
    assert "Gas talks stall" in (out / "pb-tag-gas.html").read_text(encoding="utf8")
    assert 'href="pb-tag-gas.html"' in (out / "timeline.html").read_text(encoding="utf8")
    assert ">gas</a>" in (out / "pb-tags.html").read_text(encoding="utf8")
    _same_as_clean(src, out, tmp_path / "clean-1")
    # The last object with a tag loses it: no page lists it, nothing links to it.
    _edit(src / "brief.md", ":tags: Energy, Экономика\n", ":tags: Energy\n")
    build(src, inc)
    assert "экономика" not in (out / "pb-tags.html").read_text(encoding="utf8")
    assert "%D1%8D" not in (out / "brief.html").read_text(encoding="utf8")
    _same_as_clean(src, out, tmp_path / "clean-2")


def _same_as_clean(src: Path, out: Path, clean_dir: Path) -> None:
    clean, _ = build(src, clean_dir, fresh=True)
    fresh = snapshot(Path(clean.outdir))
    # Sphinx leaves pages nobody writes any more in place (a deleted document's, a tag's
    # that no object carries): compare what a clean build makes.
    kept = {k: v for k, v in snapshot(out).items() if k in fresh}
    assert set(fresh) <= set(kept) and diff_names(kept, fresh) == []


def test_the_actor_page_is_written_again_when_its_timeline_moves(tmp_path: Path) -> None:
    """The text builder writes only outdated pages: the actor's page is among them when a
    timeline that shows more of its events appears in another document."""
    src = copy_root(ROOT, tmp_path / "src")
    out = tmp_path / "out"
    app, _ = build(src, out, fresh=True, builder="text")
    people = Path(app.outdir) / "people.txt"
    brief = Path(app.outdir) / "brief.txt"
    before = people.stat().st_mtime_ns, brief.stat().st_mtime_ns
    _edit(
        src / "views.md", "# Views\n", "# Views\n\n:::{timeline}\n:actors: old-guard, ghost\n:::\n"
    )
    app, _ = build(src, out, builder="text")
    domain = app.env.get_domain("pb")
    assert domain.actor_timelines()["ghost"] == "views"  # type: ignore[attr-defined]
    assert people.stat().st_mtime_ns != before[0]  # its actors' links changed
    assert brief.stat().st_mtime_ns == before[1]  # nothing it shows did


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    # Enough documents that Sphinx really forks writer processes.
    for i in range(12):
        (src / f"extra-{i:02d}.md").write_text(
            f"# Extra {i}\n\n:::{{claim}} Extra claim {i}\n:id: x-{i}\n"
            f":tags: energy, t{i % 3}\n:::\n",
            encoding="utf8",
        )
    with (src / "index.md").open("a", encoding="utf8") as f:
        f.write("\n```{toctree}\n:glob:\n\nextra-*\n```\n")
    serial, _ = build(src, tmp_path / "serial", fresh=True)
    parallel, _ = build(src, tmp_path / "parallel", fresh=True, parallel=2)
    first, second = snapshot(Path(serial.outdir)), snapshot(Path(parallel.outdir))
    assert "pb-tag-t2.html" in first and diff_names(first, second) == []
