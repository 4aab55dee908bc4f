"""A document's warnings, given again by every build that does not read it again.

Sphinx prints the warnings of a document only while it reads it (sphinx-doc/sphinx#725):
run a ``-W`` build that fails, run it again without fixing anything, and the second one
passes, since nothing has changed and nothing is read. Each warning this extension gives
while a document is read is kept with the document's data in the environment (merged
from ``-j`` readers like the rest), dropped when the document is read again or removed,
and given again, unchanged, on ``env-updated`` of any build that did not read it. So an
incremental build warns, and with ``-W`` fails, wherever a clean build does.

Warnings found on the merged view (:mod:`.checks`) are found again on every build and
need no keeping; other extensions' warnings, and Sphinx's own, are theirs.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import get_node_location

from . import diagnostics
from .diagnostics import WARNING_TYPE, Subtype, logger
from .domain import READ_WARNINGS, pb_domain

#: What is kept of a warning: its subtype, its message and where it points.
Kept = tuple[str, str, "tuple[str, int] | str | None"]


def _reading(env: BuildEnvironment) -> str:
    """The document being read, or "" between documents."""
    try:
        return str(env.docname or "")
    except (AttributeError, KeyError):  # Sphinx 8 keeps it in temp_data
        return ""


def _kept_location(location: Any) -> tuple[str, int] | str | None:
    """A location that pickles and means the same in a later build: a node's file and
    line, as Sphinx would print them."""
    if isinstance(location, nodes.Node):
        return get_node_location(location)
    if isinstance(location, tuple) and len(location) == 2:
        return (str(location[0]), int(location[1] or 0))
    if isinstance(location, str):
        return location
    return None


def start_recording(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: keep what :func:`~.diagnostics.warn` says while reading (in
    ``-j`` readers too, which inherit this when they fork)."""

    def record(subtype: Subtype, message: str, location: Any) -> None:
        docname = _reading(env)
        if docname:
            kept = pb_domain(env).data.setdefault(READ_WARNINGS, {})
            kept.setdefault(docname, []).append((str(subtype), message, _kept_location(location)))

    diagnostics.recorder = record


def repeat_unread(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: stop keeping; give again the kept warnings of every document this
    build did not read, in document order, as they were first given."""
    diagnostics.recorder = None
    domain = pb_domain(env)
    kept: dict[str, list[Kept]] = domain.data.get(READ_WARNINGS, {})
    for docname in sorted(kept):
        if docname in domain.cleared or docname not in env.all_docs:
            continue
        for subtype, message, location in kept[docname]:
            logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)


def stop_recording(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: a build that stopped while reading must not leave a recorder."""
    diagnostics.recorder = None
