"""The export's Sphinx side: which builds write data, where objects live, page JSON-LD.

Event order: ``html-page-context`` (per page, possibly in a worker process) adds a page's
JSON-LD; ``build-finished`` (main process, once, after the merged environment is final)
writes the data files beside the HTML, so serial, parallel, clean and incremental builds
write the same bytes.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders._epub_base import EpubBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import NoUri

from .citations import bibtex_labels
from .config import settings_from
from .core.editions import EditionChanges, compare_with_file, previous_edition_path
from .core.export.brief import Brief, Project, join_url
from .core.export.brief_json import brief_document, dumps
from .core.export.csv_export import actors_csv, claims_csv, events_csv, sources_csv
from .core.export.jsonld import page_graph, script_element
from .core.export.timelinejs import timeline_document
from .core.model import PolicyObject
from .core.settings import EXPORT_FORMATS
from .domain import PolicyBriefDomain

# Sphinx's placeholder when conf.py sets no author: not a name to publish.
_NO_AUTHOR = "Author name not set"


def setup(app: Sphinx) -> None:
    """Connect the export's event handlers."""
    # html-page-context: a page's objects as schema.org JSON-LD in its <head>.
    app.connect("html-page-context", add_page_jsonld)
    # build-finished: the data files, once, in the main process.
    app.connect("build-finished", write_after_html)


def generator_version() -> str:
    try:
        return version("sphinxcontrib-policybrief")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return ""


def publishes_site(builder: Builder) -> bool:
    """An HTML site that gets the exports: every html-format builder but the e-book ones.

    An EPUB is one zipped file whose manifest lists every member; extra files in its
    output directory would be warned about on the next build, or left out.
    """
    return builder.format == "html" and not isinstance(builder, EpubBuilder)


def export_formats(builder: Builder) -> tuple[str, ...]:
    settings = settings_from(builder.config)
    return tuple(getattr(settings, "export_formats", EXPORT_FORMATS))


def page_url(builder: Builder, docname: str) -> str:
    """The URL of *docname*'s page relative to the output directory, as *builder* names it."""
    if isinstance(builder, SingleFileHTMLBuilder):
        # Every document is part of the one page.
        return f"{builder.config.root_doc}{builder.out_suffix}"
    try:
        return builder.get_target_uri(docname)
    except NoUri:
        return ""


def brief_for(builder: Builder) -> Brief:
    config = builder.config
    settings = settings_from(config)
    author = str(config.author or "")
    project = Project(
        title=str(config.project or ""),
        version=str(config.version or ""),
        release=str(config.release or ""),
        author="" if author == _NO_AUTHOR else author,
        base_url=str(getattr(config, "html_baseurl", "") or ""),
        edition=settings.edition,
        as_of=settings.as_of,
    )
    domain = cast(PolicyBriefDomain, builder.env.get_domain("pb"))
    return Brief(
        project=project,
        graph=domain.graph.with_citation_labels(bibtex_labels(builder.env)),
        likelihood=settings.likelihood,
        confidence_levels=settings.confidence_levels,
        page_url=lambda docname: page_url(builder, docname),
        matrices=domain.matrices,
        reliability=settings.reliability,
        credibility=settings.credibility,
    )


def compare_with_previous(builder: Builder) -> EditionChanges | None:
    """This build against ``policybrief_previous_edition``; None when it is not set."""
    settings = settings_from(builder.config)
    if settings.previous_edition is None:
        return None
    path = previous_edition_path(builder.confdir, settings.previous_edition)
    return compare_with_file(brief_document(brief_for(builder)), path)


def previous_edition_digest(app: Sphinx) -> str:
    """A digest of the previous edition's file ("" when unset or unreadable), so that the
    pages comparing with it are written again when it changes."""
    settings = settings_from(app.config)
    if settings.previous_edition is None:
        return ""
    path = previous_edition_path(app.confdir, settings.previous_edition)
    try:
        return hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()
    except OSError:
        return "unreadable"


def data_files(brief: Brief, formats: Iterable[str]) -> dict[str, str]:
    """File name -> text of every data file *formats* asks for."""
    wanted = set(formats)
    files: dict[str, str] = {}
    if "json" in wanted:
        files["policybrief.json"] = dumps(
            brief_document(brief, generator_version=generator_version())
        )
    if "timelinejs" in wanted:
        files["policybrief-timeline.json"] = dumps(timeline_document(brief))
    if "csv" in wanted:
        files["policybrief-claims.csv"] = claims_csv(brief)
        files["policybrief-actors.csv"] = actors_csv(brief)
        files["policybrief-events.csv"] = events_csv(brief)
        files["policybrief-sources.csv"] = sources_csv(brief)
    return files


def write_data_files(builder: Builder, formats: Iterable[str]) -> list[Path]:
    """Write the data files into the builder's output directory; returns the paths."""
    outdir = Path(builder.outdir)
    written = []
    for name, text in data_files(brief_for(builder), formats).items():
        path = outdir / name
        data = text.encode("utf-8")
        # Unchanged files keep their timestamps, like Sphinx's own unchanged pages.
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written.append(path)
    return written


def write_after_html(app: Sphinx, exception: BaseException | None) -> None:
    """After a successful HTML build, write the data files beside the pages."""
    if exception is not None or not publishes_site(app.builder):
        return
    if not settings_from(app.config).export:
        return
    write_data_files(app.builder, export_formats(app.builder))


def add_page_jsonld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """Add ``<script type="application/ld+json">`` to a page that holds objects."""
    builder = app.builder
    if doctree is None or not publishes_site(builder):
        return
    if not settings_from(app.config).export or "jsonld" not in export_formats(builder):
        return
    brief = brief_for(builder)
    graph = brief.graph
    single = isinstance(builder, SingleFileHTMLBuilder)
    if single:
        objects = graph.sorted_objects()
    else:
        # This page's own records, not a scan of the whole project for every page; a
        # duplicate that lost its id to an earlier object is not described.
        domain = cast(PolicyBriefDomain, builder.env.get_domain("pb"))
        mine = domain.records.get(pagename, [])
        objects = sorted(
            (graph.objects[o.id] for o in mine if graph.is_winner(o)),
            key=lambda o: (o.lineno, o.id),
        )
    if not objects:
        return
    base = brief.project.base_url
    here = page_url(builder, pagename)

    def iri(obj: PolicyObject) -> str:
        # Relative IRIs resolve against the page, so they are made relative to it.
        if base:
            return brief.absolute_url(obj)
        if single:
            return f"#{obj.anchor}"
        return f"{builder.get_relative_uri(pagename, obj.docname)}#{obj.anchor}"

    page_iri = join_url(base, here) if base else (posixpath.basename(here) or "./")
    data = page_graph(brief, objects, iri, page_iri)
    if data is None:
        return
    context["metatags"] = f"{context.get('metatags') or ''}\n    {script_element(data)}"
