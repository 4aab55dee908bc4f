"""build-finished: search results for objects land on the object, not at the top of its page.

Sphinx's search index shortens an object's anchor to "" when it equals the object's name,
and its search page then uses the *display* name (our title) as the anchor, which is no
id on the page. ``get_objects`` must keep name and anchor equal for ``objects.inv`` (so
intersphinx links land on ``#id``), so the index is given the anchors in full afterwards.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.search import js_index

from .domain import pb_domain


def restore_anchors(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or getattr(app.builder, "indexer", None) is None:
        return
    path = Path(app.builder.outdir, app.builder.searchindex_filename)  # type: ignore[attr-defined]
    if not path.is_file():
        return
    try:
        index = js_index.loads(path.read_text(encoding="utf8"))
    except ValueError:  # another format than Sphinx's own: leave it be
        return
    if isinstance(index, dict) and fix_index(index, app):
        path.write_text(js_index.dumps(index), encoding="utf8")


def fix_index(index: dict[str, Any], app: Sphinx) -> bool:
    """Put each pb object's full anchor into *index*; whether anything changed."""
    docnames = index.get("docnames")
    objects = index.get("objects")
    objtypes = index.get("objtypes")
    if not isinstance(docnames, list) or not isinstance(objects, dict):
        return False
    if not isinstance(objtypes, dict):
        return False
    ours = {int(k) for k, v in objtypes.items() if isinstance(v, str) and v.startswith("pb:")}
    fn2index = {docname: i for i, docname in enumerate(docnames)}
    # Sphinx adds a domain's objects in sorted order, each to the list of its display
    # name's prefix: walking ours the same way pairs each entry with its object.
    expected: dict[str, list[str]] = {}
    for _name, dispname, _type, docname, anchor, prio in sorted(pb_domain(app.env).get_objects()):
        if docname not in fn2index or prio < 0:
            continue
        prefix = html.escape(dispname).rpartition(".")[0]
        expected.setdefault(prefix, []).append(anchor)
    changed = False
    for prefix, entries in objects.items():
        anchors = iter(expected.get(prefix, ()))
        for entry in entries:
            if isinstance(entry, list) and len(entry) == 5 and entry[1] in ours:
                full = next(anchors, None)
                if full is not None and entry[3] != full:
                    entry[3] = full
                    changed = True
    return changed
