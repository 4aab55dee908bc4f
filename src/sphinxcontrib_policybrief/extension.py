"""The extension's ``setup()``: a table of contents of what it registers, in event order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import __version__, export_hooks, locale
from . import config as config_values
from .analysis_directives import ANALYSIS_DIRECTIVES
from .builder import PolicyBriefBuilder
from .checks import report_problems
from .collect import on_doctree_read
from .colon_fence import report_colon_fences
from .directives import DIRECTIVE_NAMES, directive_for
from .domain import KIND_FOR_ROLE, PolicyBriefDomain, short_role
from .references import warn_missing_reference
from .render import writers
from .render.transform import RenderPolicyBrief
from .rewrite import pages_to_rewrite
from .view_directives import VIEW_DIRECTIVES

STATIC = Path(__file__).parent / "static"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension; the comments give the order in which Sphinx calls back."""
    app.setup_extension("sphinx_design")  # badges and cards
    config_values.register(app)
    locale.register(app)  # the policybrief message catalog, in the build's language
    writers.register(app)  # our nodes' visitors per writer, and the LaTeX package
    app.add_domain(PolicyBriefDomain)
    app.add_post_transform(RenderPolicyBrief)

    # 1. config-inited: validate settings; register directives that depend on them.
    app.connect("config-inited", config_values.on_config_inited)
    app.connect("config-inited", register_directives)
    # 2. builder-inited: CSS and JS for HTML builders only.
    app.connect("builder-inited", add_assets)
    # 3. doctree-read (per document, maybe in a worker): final titles, summaries, mentions.
    app.connect("doctree-read", on_doctree_read)
    app.connect("doctree-read", report_colon_fences)  # ":::{claim}" left as plain text
    # 4. env-updated (main process, after merging): pages to rewrite for edits elsewhere.
    app.connect("env-updated", pages_to_rewrite)
    # 5. env-check-consistency: cross-document problems, once, on the merged view.
    app.connect("env-check-consistency", report_problems)
    # 6. while resolving references: dangling pb roles as typed warnings.
    app.connect("warn-missing-reference", warn_missing_reference)
    # 7. html-page-context and build-finished: JSON-LD per page, then the data files
    #    (policybrief.json, TimelineJS, CSV); also the data-only ``policybrief`` builder.
    export_hooks.setup(app)
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
            app.add_directive(name, cls, override=True)
    for name, view_cls in VIEW_DIRECTIVES.items():
        app.add_directive_to_domain("pb", name, view_cls, override=True)
        if settings.short_names:
            app.add_directive(name, view_cls, override=True)
    # Analysis: argument maps and ACH matrices (the assumptions view is in VIEW_DIRECTIVES).
    for name, analysis_cls in ANALYSIS_DIRECTIVES.items():
        app.add_directive_to_domain("pb", name, analysis_cls, override=True)
        if settings.short_names:
            app.add_directive(name, analysis_cls, override=True)
    if settings.short_names:
        for role in KIND_FOR_ROLE:
            app.add_role(role, short_role(role), override=True)


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = str(STATIC)
    if static not in app.config.html_static_path:
        # A new list: the default one may be shared between Sphinx applications.
        app.config.html_static_path = [*app.config.html_static_path, static]
    app.add_css_file("policybrief.css")
    app.add_js_file("policybrief.js", defer="defer")
