"""Briefs in other languages: our labels and dates translated, the content offered to gettext."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import get_month_names
from babel.messages.pofile import read_po
from helpers import EXAMPLE, Built, build

from sphinxcontrib_policybrief.locale import LOCALE_DIR, MESSAGE_CATALOG

ROOT = Path(__file__).parent / "roots" / "test-i18n"
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"]  # fmt: skip

# Elements whose text the extension writes in full (author content never lands there).
_LABEL_CLASSES = {
    "pb-kind",
    "pb-likelihood",
    "pb-confidence",
    "pb-status",
    "pb-connections-title",
    "pb-tl-year",
    "pb-empty",
    "pb-counts",
    "admonition-title",
}
# Paragraphs that mix our words with links to objects: only the text outside links is ours.
_MIXED_CLASSES = {"pb-claim-facts", "pb-tl-details"}
_FIELD_LISTS = {"pb-meta", "pb-connection-list"}


class _Labels(HTMLParser):
    """Collects the text of generated labels and the generated dates of one page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        # Domain index pages: the title, group headings and kinds (bold) are ours, and in
        # the claim index the likelihood and confidence before each entry's page (the
        # actor index shows roles). Tag pages: the title but the tag, the group headings
        # and the counts; a claim's line but its page.
        self.page = page
        self.tag = page.removeprefix("pb-tag-").removesuffix(".html")
        self.index_tags = {
            "pb-claims.html": {"h1", "strong", "em"},
            "pb-actors.html": {"h1", "strong"},
        }.get(page, {"h1", "h2"})
        self.index_page = page.startswith("pb-")
        self.labels: list[str] = []
        self.dates: list[str] = []
        self.stack: list[tuple[str, set[str], bool]] = []  # tag, classes, collecting

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        inside = self.stack[-1][2] if self.stack else False
        parent_classes = self.stack[-1][1] if self.stack else set()
        if tag == "time" and found.get("title"):
            self.dates.append(str(found["title"]).rsplit(" (", 1)[0])
        if tag == "svg" and "pb-tl-svg" in classes:
            self.labels.append(str(found.get("aria-label")))
        collecting = inside
        if classes & (_LABEL_CLASSES | _MIXED_CLASSES) or (
            tag == "dt" and parent_classes & _FIELD_LISTS
        ):
            collecting = True
        if tag == "a" or "pb-tag" in classes:
            collecting = False  # a link's text is a title; a tag is the author's word
        if self.index_page and (tag in self.index_tags or (tag == "tr" and "cap" in classes)):
            collecting = True
        if classes & {"pb-tag-page-intro", "pb-tag-counts"} or (
            "pb-tag-entry-line" in classes and "pb-tag-group-claim" in self.enclosing()
        ):
            collecting = True
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self.stack.append((tag, classes, collecting))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def enclosing(self) -> set[str]:
        return {c for _, classes, _ in self.stack for c in classes}

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1][2] and data.strip()):
            return
        tag, classes, _ = self.stack[-1]
        if self.page.startswith("pb-tag-") and tag == "h1":
            data = data.replace(self.tag, "")  # the author's tag
        if (tag == "em" and self.page == "pb-claims.html") or "pb-tag-entry-line" in classes:
            data = " · ".join(data.split(" · ")[:-1])  # the page: the author's title
        if data.strip():
            self.labels.append(data)


def scan(outdir: Path) -> tuple[list[str], list[str]]:
    labels: list[str] = []
    dates: list[str] = []
    for page in sorted(outdir.glob("*.html")):
        if page.name in ("genindex.html", "search.html"):
            continue
        parser = _Labels(page.name)
        parser.feed(page.read_text(encoding="utf8"))
        labels += parser.labels
        dates += parser.dates
    return labels, dates


def english_fragments(language: str) -> dict[str, str]:
    """Each English word run of our message ids whose translation differs, by message id."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    fragments: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings:
                continue  # the same word in both languages ("Date" in French)
            for part in re.split(r"%\(\w+\)[sd]|%[sd]|[·:?–()]", msgid):
                part = part.strip(" .")
                if sum(c.isalpha() for c in part) >= 3:
                    fragments[part] = msgid
    return fragments


def leftovers(labels: list[str], fragments: dict[str, str]) -> set[str]:
    text = "\n".join(labels)
    return {
        fragments[part]
        for part in fragments
        if re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", text)
    }


@pytest.fixture(scope="module")
def english_labels(example_build: Built) -> list[str]:
    assert example_build.warnings == ""
    return scan(example_build.outdir)[0]


@pytest.mark.parametrize(
    ("language", "day"),
    [("de", "13. Dezember 2018"), ("fr", "13 décembre 2018"), ("ru", "13 декабря 2018\u00a0г.")],
)
def test_example_has_no_english_label_left(
    language: str, day: str, english_labels: list[str], tmp_path: Path
) -> None:
    fragments = english_fragments(language)
    # The scanner sees our labels: in the English build it finds most of them.
    assert len(leftovers(english_labels, fragments)) >= 40
    app, warnings = build(EXAMPLE, tmp_path, conf={"language": language, "nitpicky": True})
    assert warnings == ""
    labels, dates = scan(Path(app.outdir))
    assert len(labels) > 500
    assert leftovers(labels, fragments) == set()
    assert day in dates
    same = {*get_month_names("wide", locale=language).values()}  # "November" in German
    months = [m for m in ENGLISH_MONTHS if m not in same]
    english_words = re.compile("|".join([*months, "present", "earlier", r"\bc\."]))
    assert [d for d in dates if english_words.search(d)] == []
    # Views repeat the date: the chronology shows it as the reader writes it.
    assert day in (Path(app.outdir) / "timeline.html").read_text(encoding="utf8")


def test_english_build_keeps_its_labels(english_labels: list[str]) -> None:
    text = "\n".join(english_labels)
    for label in ("Connections", "Supported by", "Evidence for", "Key judgment"):
        assert label in text
    assert "moderate confidence" in text and "Overview of the timeline" in text


def test_latex_in_russian_builds(tmp_path: Path) -> None:
    app, warnings = build(EXAMPLE, tmp_path, builder="latex", conf={"language": "ru"})
    assert warnings == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "13 декабря 2018" in tex and "Связи" in tex
    assert "Connections" not in tex


def _root(tmp_path: Path) -> Path:
    # Sphinx compiles the root's .po files next to them: build from a copy.
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def test_gettext_offers_titles_and_options(tmp_path: Path) -> None:
    app, warnings = build(_root(tmp_path), tmp_path / "out", builder="gettext")
    assert warnings == ""
    with (Path(app.outdir) / "index.pot").open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    assert {
        "Ministry of Finance",  # actor's name (the title)
        "Ministry responsible for the budget",  # :role:
        "Budget adopted",
        "Official gazette",  # :source:
        "late 2019",  # :date-label:
        "The budget is balanced",
        "The parliament passed the budget.",
    } <= ids
    # Our own labels live in our catalog, not the project's.
    assert not ids & {"Connections", "Actors", "Evidence for", "Timeline event"}


def test_translated_title_and_role_appear_everywhere(tmp_path: Path) -> None:
    app, warnings = build(_root(tmp_path), tmp_path / "out", conf={"language": "de"})
    assert warnings == ""
    out = Path(app.outdir)
    page = (out / "index.html").read_text(encoding="utf8")
    for text in ("Finanzministerium", "Für den Haushalt zuständiges Ministerium", "Amtsblatt"):
        assert text in page
    assert "Ende 2019" in page and "13. Dezember 2018" in page and "Verbindungen" in page
    views = (out / "views.html").read_text(encoding="utf8")
    # The timeline, the actor index and the claim index repeat titles and roles.
    assert "Haushalt beschlossen" in views and "Finanzministerium" in views
    assert "Für den Haushalt zuständiges Ministerium" in views and "Ende 2019" in views
    assert "Finanzministerium" in (out / "pb-actors.html").read_text(encoding="utf8")
    objects = app.env.get_domain("pb").graph.objects  # type: ignore[attr-defined]
    assert objects["mof"].role == "Für den Haushalt zuständiges Ministerium"
    assert objects["budget"].source == "Amtsblatt"
    assert objects["reform"].date_label == "Ende 2019"
    assert objects["balanced"].title == "The budget is balanced"  # no translation given
    for html in out.glob("*.html"):
        text = html.read_text(encoding="utf8")
        for english in ("Ministry of Finance", "Budget adopted", "late 2019", "Official gazette"):
            assert english not in text, (html.name, english)
