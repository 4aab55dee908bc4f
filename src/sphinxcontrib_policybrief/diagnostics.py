"""Typed, located warnings: the Sphinx side of :mod:`.core.problems`.

Every problem the extension reports is logged here, with ``type="policybrief"`` and a
subtype from :class:`~.core.problems.Subtype`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.util import logging

from .core.problems import WARNING_TYPE, Subtype

logger = logging.getLogger("sphinxcontrib_policybrief")

__all__ = ["WARNING_TYPE", "Subtype", "location", "recorder", "warn"]


def location(srcdir: str | Path, docname: str, lineno: int, srcfile: str) -> tuple[str, int] | str:
    """Where a warning points: the document's line, or the line of the included file."""
    if srcfile:
        return f"{Path(srcdir, srcfile)}:{lineno}"
    return (docname, lineno)


#: While documents are read, what keeps each warning for the document being read
#: (:mod:`.read_warnings`), so that builds which do not read it again repeat it.
recorder: Callable[[Subtype, str, Any], None] | None = None


def warn(subtype: Subtype, message: str, location: Any = None) -> None:
    """Emit one warning; *location* is a node, a ``(docname, line)`` pair or a docname."""
    if recorder is not None:
        recorder(subtype, message, location)
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=str(subtype))
