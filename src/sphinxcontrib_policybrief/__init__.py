"""Policy briefs in Sphinx: claims, actors, timeline events and paradoxes, cross-referenced.

Importing the package loads nothing of Sphinx: the plain-Python core
(``sphinxcontrib_policybrief.core``) can be used on its own. Sphinx calls :func:`setup`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

try:
    __version__ = version("sphinxcontrib-policybrief")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point; the registrations are listed in :mod:`.extension`."""
    from .extension import setup as register_extension

    return register_extension(app)
