"""All ``policybrief_*`` settings: registered with types, validated once, read as one object."""

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

# name -> (default, rebuild, types); "env" because directives read them while parsing, ""
# for what only the LaTeX writer reads (it writes every page on every build anyway).
_VALUES: dict[str, tuple[Any, Literal["env", "html", ""], tuple[type, ...]]] = {
    "policybrief_short_names": (True, "env", (bool,)),
    "policybrief_claim_kinds": (list(DEFAULT_CLAIM_KINDS), "env", (list, tuple)),
    "policybrief_default_claim_kind": ("assessment", "env", (str,)),
    "policybrief_actor_kinds": (list(DEFAULT_ACTOR_KINDS), "env", (list, tuple)),
    "policybrief_likelihood_scale": ("icd203", "env", (str, list, tuple)),
    "policybrief_confidence_levels": (list(DEFAULT_CONFIDENCE_LEVELS), "env", (list, tuple)),
    "policybrief_relations": ([], "env", (list, tuple)),
    "policybrief_timeline_overview": (True, "html", (bool,)),
    "policybrief_export": (True, "html", (bool,)),
    "policybrief_export_formats": (list(EXPORT_FORMATS), "html", (list, tuple)),
    # Editions and review: "env", so that a change re-reads and re-checks every page.
    "policybrief_edition": ("", "env", (str,)),
    "policybrief_as_of": ("", "env", (str,)),
    "policybrief_previous_edition": (None, "env", (str, type(None))),
    "policybrief_review_after": (DEFAULT_REVIEW_AFTER, "env", (int,)),
    "policybrief_lint": ("none", "env", (str, dict)),
    "policybrief_latex_connections": ("compact", "", (str,)),
    "policybrief_connections_fold": (DEFAULT_CONNECTIONS_FOLD, "html", (int,)),
    "policybrief_previews": (True, "html", (bool,)),
    # Sources
    "policybrief_source_kinds": (list(DEFAULT_SOURCE_KINDS), "env", (list, tuple)),
    "policybrief_reliability_scale": ("admiralty", "env", (str, list, tuple)),
    "policybrief_credibility_scale": ("admiralty", "env", (str, list, tuple)),
    # Tag pages: only what HTML builders write changes.
    "policybrief_tag_pages": (True, "html", (bool,)),
}


def register(app: Sphinx) -> None:
    for name, (default, rebuild, types) in _VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)


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
