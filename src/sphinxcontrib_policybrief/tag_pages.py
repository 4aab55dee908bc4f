"""Tag pages: one page per tag listing what carries it, and a page of every tag.

Written as Sphinx writes ``genindex``: ``html-collect-pages`` (main process, after every
document is written) yields each page with its context and a template shipped in
``templates/html/``, whose folder joins the builder's template loaders on
``builder-inited``; no configuration value changes, so Sphinx does not take the project
for changed and write every page again. The pages are made afresh on every build from
the merged view, so serial, parallel, clean and incremental builds write the same bytes.
Like ``genindex`` they are not in the search index.

Only builders that write a site of pages get them: not ``singlehtml`` (one page, and it
collects no pages), not EPUB (whose manifest lists its files), not the serialising
builders (which write no template). There, and in print and text, tags stay badges.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders._epub_base import EpubBuilder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader

from .config import settings_from
from .core.labels import kind_label
from .core.model import Actor, Claim, Kind, PolicyObject, Source, TimelineEvent
from .core.scales import GradeScale
from .core.tags import TagPages, by_kind, tagged
from .diagnostics import Subtype, warn
from .domain import pb_domain
from .locale import _, date_label, event_date_label, ngettext, on_page, translated

TEMPLATES = Path(__file__).parent / "templates" / "html"
TAG_TEMPLATE = "policybrief-tag.html"
TAGS_TEMPLATE = "policybrief-tags.html"


def setup_tag_pages(app: Sphinx) -> None:
    # builder-inited: our template folder after the project's and the theme's, so that a
    # project can override a template by placing its own in its templates_path.
    app.connect("builder-inited", add_template_folder)
    # html-collect-pages (main process, once the documents are written).
    app.connect("html-collect-pages", collect_tag_pages)


def writes_site(builder: Builder) -> bool:
    """An HTML builder that writes one page per document and runs our JavaScript."""
    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and not isinstance(builder, SingleFileHTMLBuilder | EpubBuilder)
        # The serialising builders (json, pickle) dump contexts and render no template.
        and getattr(builder, "implementation", None) is None
    )


def writes_tag_pages(builder: Builder) -> bool:
    return (
        writes_site(builder)
        and settings_from(builder.config).tag_pages
        and isinstance(getattr(builder, "templates", None), BuiltinTemplateLoader)
    )


def add_template_folder(app: Sphinx) -> None:
    builder = app.builder
    if not writes_tag_pages(builder):
        return
    templates = getattr(builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return
    folder = str(TEMPLATES)
    if not any(folder in loader.searchpath for loader in templates.loaders):
        templates.loaders.append(SphinxFileSystemLoader(folder))


def tag_pages_for(builder: Builder) -> TagPages | None:
    """The project's tag pages, when *builder* writes them; None otherwise."""
    if not writes_tag_pages(builder):
        return None
    return pb_domain(builder.env).tag_pages()


def collect_tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    builder = app.builder
    pages = tag_pages_for(builder)
    if pages is None or not pages.index:
        return
    for clash in pages.clashes:
        warn(
            Subtype.TAG_PAGE_NAME,
            f"the document {clash.docname!r} has the name of a tag page; that page is "
            f"written as {clash.given!r} instead (rename the document to silence this)",
            clash.docname,
        )
    env = builder.env
    graph = pb_domain(env).graph
    found = tagged(graph)

    def page_title(docname: str) -> str:
        title = env.titles.get(docname)
        return title.astext() if title is not None else docname

    language = builder.config.language
    reliability = settings_from(builder.config).reliability
    all_tags = str(_("All tags"))
    summaries = []
    for tag, objects in found.items():
        pagename = pages.pages[tag]
        groups = [
            {
                "kind": kind.value,
                "heading": f"{_group_label(kind)} ({len(members)})",
                "entries": [
                    {
                        "id": obj.id,
                        "title": obj.title,
                        "docname": obj.docname,
                        "anchor": obj.anchor,
                        "line": _entry_line(obj, page_title(obj.docname), language, reliability),
                    }
                    for obj in members
                ],
            }
            for kind, members in by_kind(objects)
        ]
        count = len(objects)
        carry = ngettext("%d object carries this tag.", "%d objects carry this tag.", count)
        context = {
            "title": str(_("Tag: %s")) % tag,
            "pb_tag": {
                "tag": tag,
                "count": carry % count,
                "groups": groups,
                "index": pages.index,
                "all_tags": all_tags,
            },
        }
        yield pagename, context, TAG_TEMPLATE
        counts = ", ".join(_count_label(kind, len(members)) for kind, members in by_kind(objects))
        summaries.append({"tag": tag, "page": pagename, "count": count, "counts": counts})
    yield (
        pages.index,
        {
            "title": all_tags,
            "pb_tags": {
                "tags": summaries,
                "intro": ngettext("%d tag in this brief.", "%d tags in this brief.", len(found))
                % len(found),
            },
        },
        TAGS_TEMPLATE,
    )


def _group_label(kind: Kind) -> str:
    labels = {
        Kind.CLAIM: _("Claims"),
        Kind.EVENT: _("Timeline events"),
        Kind.ACTOR: _("Actors"),
        Kind.PARADOX: _("Paradoxes"),
        Kind.SOURCE: _("Sources"),
    }
    return str(labels[kind])


def _count_label(kind: Kind, n: int) -> str:
    forms = {
        Kind.CLAIM: ngettext("%d claim", "%d claims", n),
        Kind.EVENT: ngettext("%d event", "%d events", n),
        Kind.ACTOR: ngettext("%d actor", "%d actors", n),
        Kind.PARADOX: ngettext("%d paradox", "%d paradoxes", n),
        Kind.SOURCE: ngettext("%d source", "%d sources", n),
    }
    return forms[kind] % n


def _entry_line(obj: PolicyObject, page: str, language: str | None, reliability: GradeScale) -> str:
    """The short line under an entry: what kind of thing it is, its grade or date, its page."""
    parts: list[str] = []
    if isinstance(obj, Claim):
        parts.append(translated(kind_label(obj)))
        if obj.likelihood:
            parts.append(translated(obj.likelihood))
        if obj.confidence:
            parts.append(str(_("%s confidence")) % translated(obj.confidence))
    elif isinstance(obj, TimelineEvent):
        parts.append(event_date_label(obj, language) or str(_("date unknown")))
    elif isinstance(obj, Actor):
        parts.append(translated(kind_label(obj)))
        if obj.role:
            parts.append(obj.role)
    elif isinstance(obj, Source):
        parts.append(translated(kind_label(obj)))
        grade = reliability.lookup(obj.reliability) if obj.reliability else None
        if grade is not None:
            parts.append(f"{obj.reliability} ({translated(grade.wording)})")
        if obj.date is not None:
            parts.append(date_label(obj.date, language))
    parts.append(on_page(page))
    return " · ".join(parts)
