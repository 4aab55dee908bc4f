"""All ``policybrief_*`` settings: registered, validated once (by us), read as one object."""

from __future__ import annotations

from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from .core.scales import DEFAULT_CONFIDENCE_LEVELS
from .core.settings import (
    DEFAULT_ACTOR_KINDS,
    DEFAULT_CLAIM_KINDS,
    DEFAULT_CONNECTIONS_FOLD,
    DEFAULT_REVIEW_AFTER,
    DEFAULT_SOURCE_KINDS,
    EXPORT_FORMATS,
    Settings,
    build_settings,
)
from .diagnostics import Subtype, warn

# name -> (default, rebuild); "env" because directives read them while parsing, "" for
# what only the LaTeX writer reads (it writes every page on every build anyway).
_VALUES: dict[str, tuple[Any, Literal["env", "html", ""]]] = {
    "policybrief_short_names": (True, "env"),
    "policybrief_claim_kinds": (list(DEFAULT_CLAIM_KINDS), "env"),
    "policybrief_default_claim_kind": ("assessment", "env"),
    "policybrief_actor_kinds": (list(DEFAULT_ACTOR_KINDS), "env"),
    "policybrief_likelihood_scale": ("icd203", "env"),
    "policybrief_confidence_levels": (list(DEFAULT_CONFIDENCE_LEVELS), "env"),
    "policybrief_relations": ([], "env"),
    "policybrief_timeline_overview": (True, "html"),
    "policybrief_export": (True, "html"),
    "policybrief_export_formats": (list(EXPORT_FORMATS), "html"),
    # Editions and review: "env", so that a change re-reads and re-checks every page.
    "policybrief_edition": ("", "env"),
    "policybrief_as_of": ("", "env"),
    "policybrief_previous_edition": (None, "env"),
    "policybrief_review_after": (DEFAULT_REVIEW_AFTER, "env"),
    "policybrief_lint": ("none", "env"),
    "policybrief_latex_connections": ("compact", ""),
    "policybrief_connections_fold": (DEFAULT_CONNECTIONS_FOLD, "html"),
    "policybrief_previews": (True, "html"),
    # Sources
    "policybrief_source_kinds": (list(DEFAULT_SOURCE_KINDS), "env"),
    "policybrief_reliability_scale": ("admiralty", "env"),
    "policybrief_credibility_scale": ("admiralty", "env"),
    # Tag pages: only what HTML builders write changes.
    "policybrief_tag_pages": (True, "html"),
}


def register(app: Sphinx) -> None:
    for name, (default, rebuild) in _VALUES.items():
        # types=Any: Sphinx's own type check would warn without a type, so that neither
        # suppress_warnings = ["policybrief"] nor a fallback applies, and it lets "no"
        # through for a boolean. build_settings checks every value instead.
        app.add_config_value(name, default, rebuild, types=Any)


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Validate once, warning about each bad value; the build goes on with the default."""
    settings_from(config, report=True)


def settings_from(config: Config, *, report: bool = False) -> Settings:
    """The settings of *config*, cached on it; bad values fall back to their defaults."""
    cached = config.__dict__.get("_policybrief_settings")
    if isinstance(cached, Settings) and not report:
        return cached
    settings, problems = build_settings(lambda name: getattr(config, name))
    if report:
        for problem in problems:
            warn(Subtype.CONFIG, problem)
    config.__dict__["_policybrief_settings"] = settings
    return settings
