"""The brief as data: JSON with a schema, JSON-LD, TimelineJS and CSV exports.

The serialisers (``brief_json``, ``jsonld``, ``timelinejs``, ``csv_export``) are plain
Python over the merged graph; ``sphinx_hooks`` and ``builder`` adapt them to Sphinx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the ``policybrief`` builder and the export's event handlers."""
    # Imported here so the serialisers can be used without loading Sphinx's builders.
    from . import sphinx_hooks

    sphinx_hooks.setup(app)
