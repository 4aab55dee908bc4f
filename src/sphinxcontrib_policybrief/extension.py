"""The extension's ``setup()``: a table of contents of what it registers, in event order."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from docutils.parsers.rst import directives as rst_directives
from docutils.parsers.rst import roles as rst_roles
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.fileutil import copy_asset

from . import __version__, export_hooks, locale, previews
from . import config as config_values
from .analysis_directives import ANALYSIS_DIRECTIVES
from .builder import PolicyBriefBuilder
from .checks import report_problems
from .collect import on_doctree_read
from .colon_fence import report_colon_fences
from .diagnostics import Subtype, warn
from .directives import DIRECTIVE_NAMES, directive_for, on_include_read, on_source_read
from .domain import KIND_FOR_ROLE, PolicyBriefDomain, settle_matrix_labels, short_role
from .indices import add_index_stylesheet
from .read_warnings import repeat_unread, start_recording, stop_recording
from .references import warn_missing_reference
from .render import writers
from .render.transform import RenderPolicyBrief
from .rewrite import pages_to_rewrite
from .search_anchors import restore_anchors
from .tag_pages import setup_tag_pages
from .view_directives import VIEW_DIRECTIVES
from .worker_memory import keep_inherited_memory_shared

STATIC = Path(__file__).parent / "static"
# Rules for particular themes, with selectors an EPUB may not hold: HTML pages only.
THEMES_CSS = "policybrief-themes.css"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension; the comments give the order in which Sphinx calls back."""
    app.setup_extension("sphinx_design")  # badges and cards
    config_values.register(app)
    locale.register(app)  # the policybrief message catalog, in the build's language
    writers.register(app)  # our nodes' visitors per writer, and the LaTeX package
    app.add_domain(PolicyBriefDomain)
    app.add_post_transform(RenderPolicyBrief)
    # -j: forked workers keep sharing the memory they inherit.
    keep_inherited_memory_shared(app)

    # 1. config-inited: validate settings; register directives that depend on them.
    app.connect("config-inited", config_values.on_config_inited)
    #    Short names last, after other extensions' own (sphinx-needs adds need types
    #    here): a name another extension holds stays theirs, with a warning.
    app.connect("config-inited", register_directives, priority=900)
    # 2. builder-inited: CSS and JS for HTML builders only.
    app.connect("builder-inited", add_assets)
    #    The preview cards of links to objects: their script here, the data file's
    #    <script> on html-page-context, the data file itself on build-finished.
    previews.setup(app)
    app.connect("builder-inited", check_short_names)
    # 3. source-read and include-read (per document): an rST option given twice is kept
    #    for the directive to report, as MyST does, instead of docutils losing the object.
    app.connect("source-read", on_source_read)
    app.connect("include-read", on_include_read)
    # 4. doctree-read (per document, maybe in a worker): final titles, summaries, mentions.
    app.connect("doctree-read", on_doctree_read)
    app.connect("doctree-read", report_colon_fences)  # ":::{claim}" left as plain text
    # 5. env-updated (main process, after merging): pages to rewrite for edits elsewhere,
    #    then cross-document problems, once, on the merged view. Not env-check-consistency:
    #    Sphinx skips that when no document is read, and -W would pass a rebuild that a
    #    clean build fails.
    #    Warnings given while reading are kept per document from env-before-read-docs,
    #    and repeated first thing on env-updated for the documents not read again.
    app.connect("env-before-read-docs", start_recording)
    app.connect("env-updated", repeat_unread, priority=100)
    app.connect("build-finished", stop_recording)
    app.connect("env-updated", settle_matrix_labels)
    app.connect("env-updated", pages_to_rewrite)
    app.connect("env-updated", report_problems)
    # 6. while resolving references: dangling pb roles as typed warnings.
    app.connect("warn-missing-reference", warn_missing_reference)
    # 7. html-page-context and build-finished: JSON-LD per page, then the data files
    #    (policybrief.json, TimelineJS, CSV); also the data-only ``policybrief`` builder.
    export_hooks.setup(app)
    #    html-page-context, too: our domain index pages get a stylesheet of their own.
    app.connect("html-page-context", add_index_stylesheet)
    #    html-collect-pages (after the documents are written): a page per tag, and the
    #    page of every tag; their template folder joins the loaders on builder-inited.
    setup_tag_pages(app)
    #    build-finished, too: object search results get their full anchors.
    app.connect("build-finished", restore_anchors)
    app.add_builder(PolicyBriefBuilder)
    return {
        "version": __version__,
        "env_version": PolicyBriefDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def register_directives(app: Sphinx, config: Config) -> None:
    settings = config_values.settings_from(config)
    for kind, name in DIRECTIVE_NAMES.items():
        cls = directive_for(kind, settings)
        app.add_directive_to_domain("pb", name, cls, override=True)
        if settings.short_names:
            _add_short_directive(app, name, cls)
    for name, view_cls in VIEW_DIRECTIVES.items():
        app.add_directive_to_domain("pb", name, view_cls, override=True)
        if settings.short_names:
            _add_short_directive(app, name, view_cls)
    # Analysis: argument maps and ACH matrices (the assumptions view is in VIEW_DIRECTIVES).
    for name, analysis_cls in ANALYSIS_DIRECTIVES.items():
        app.add_directive_to_domain("pb", name, analysis_cls, override=True)
        if settings.short_names:
            _add_short_directive(app, name, analysis_cls)
    if settings.short_names:
        for role in KIND_FOR_ROLE:
            if _check_free(role, _registered_role(role), "role"):
                app.add_role(role, short_role(role), override=True)
                _TAKEN.setdefault(app, set()).add(("role", role))


def _add_short_directive(app: Sphinx, name: str, cls: type[Any]) -> None:
    if _check_free(name, _registered_directive(name), "directive"):
        app.add_directive(name, cls, override=True)
        _TAKEN.setdefault(app, set()).add(("directive", name))


# docutils keeps its registries private; reading them is the only way to name the owner.
def _registered_directive(name: str) -> object:
    return getattr(rst_directives, "_directives", {}).get(name)


def _registered_role(name: str) -> object:
    return getattr(rst_roles, "_roles", {}).get(name)


#: The short names each application took, to notice another extension taking them later.
_TAKEN: WeakKeyDictionary[Sphinx, set[tuple[str, str]]] = WeakKeyDictionary()


def _owner(registered: object) -> str:
    """The top-level package of whatever registered a directive or role."""
    module = getattr(registered, "__module__", None) or type(registered).__module__
    return str(module).split(".")[0]


def _ours(registered: object) -> bool:
    return _owner(registered) == __name__.split(".")[0]


def _check_free(name: str, registered: object, what: str) -> bool:
    """Whether the short name is ours to take; warns, naming the other extension, if not."""
    if registered is None or _ours(registered):
        return True
    warn(
        Subtype.NAME_CLASH,
        f"the {what} name {name!r} is already registered by {_owner(registered)!r}; it keeps "
        f"it, and policybrief's is available as 'pb:{name}' (set policybrief_short_names = "
        "False to silence this)",
    )
    return False


def check_short_names(app: Sphinx) -> None:
    """After every extension's setup and config-inited: were any short names taken later?"""
    for what, name in sorted(_TAKEN.get(app, ())):
        lookup = _registered_directive if what == "directive" else _registered_role
        _check_free(name, lookup(name), what)


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    # Copied here rather than through html_static_path: a configuration value changed by an
    # extension is one Sphinx reports as changed on every following build. Before any page
    # is written, so that each page links the files with their checksum (``?v=``), and
    # before Sphinx copies html_static_path, so that a project's own file of the same name
    # is the one served.
    epub = app.builder.name.startswith("epub")
    cards = previews.previews_wanted(app)

    def left_out(path: str) -> bool:
        # epubcheck reads every stylesheet in the book, and rejects :has(); the card
        # script only goes where pages load it.
        return (epub and path.endswith(THEMES_CSS)) or (
            not cards and path.endswith(previews.SCRIPT)
        )

    copy_asset(STATIC, Path(app.builder.outdir, "_static"), excluded=left_out, force=True)
    app.add_css_file("policybrief.css")
    if not epub:
        app.add_css_file(THEMES_CSS)
    app.add_js_file("policybrief.js", defer="defer")
