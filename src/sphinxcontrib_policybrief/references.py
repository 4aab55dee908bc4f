"""warn-missing-reference: dangling pb roles as typed warnings that say what went wrong."""

from __future__ import annotations

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain

from .core.ids import normalise_id
from .core.problems import with_article
from .core.suggest import closest_ids, with_suggestion
from .diagnostics import Subtype, warn
from .domain import KIND_FOR_ROLE, pb_domain


def warn_missing_reference(
    app: Sphinx, domain: Domain | None, node: addnodes.pending_xref
) -> bool | None:
    """Report a dangling role as a policybrief warning (after intersphinx had its chance)."""
    if node.get("pb_summary"):
        return True  # a summary's copy of a role that was reported where it is written
    if domain is None or domain.name != "pb":
        return None
    role = str(node["reftype"])
    wanted = KIND_FOR_ROLE.get(role)
    noun = wanted.label.lower() if wanted is not None else role
    objects = pb_domain(app.env).graph.objects
    found = objects.get(normalise_id(str(node["reftarget"])))
    if found is not None and found.kind is not wanted:
        # The id exists, under another kind: say which, so the fix is obvious.
        problem = f"it is {with_article(found.kind.label.lower())}, not {with_article(noun)}"
    else:
        kinds = None if wanted is None else (wanted,)
        near = closest_ids(str(node["reftarget"]), objects.values(), kinds)
        problem = with_suggestion(f"no such {noun} in the project", near)
    # The role as the author wrote it: :claim: in reStructuredText, {claim} in MyST.
    source = str(node.source or app.env.doc2path(node.get("refdoc", app.env.docname)))
    written = f":{role}:" if source.endswith(".rst") else f"{{{role}}}"
    warn(Subtype.UNKNOWN_REF, f"{written} reference to {node['reftarget']!r}: {problem}", node)
    return True
