"""The colon-fence trap: ``:::{claim}`` in a Markdown page whose project lacks ``colon_fence``.

Without MyST's ``colon_fence`` extension, a colon-fenced directive is not an error: MyST
reads it as a paragraph of text, so the object silently disappears. Such a paragraph is
unmistakable (it starts with ``:::{`` and one of our directive names), so it is reported.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from .core.views import VIEWS
from .diagnostics import Subtype, warn
from .directives import DIRECTIVE_NAMES

_NAMES = "|".join(re.escape(n) for n in sorted({*DIRECTIVE_NAMES.values(), *VIEWS}))
_BROKEN = re.compile(rf":{{3,}}\{{(?P<name>(?:pb:)?(?:{_NAMES}))\}}")


def report_colon_fences(app: Sphinx, doctree: nodes.document) -> None:
    """Warn at each paragraph that is a colon-fenced directive MyST did not recognise."""
    if "colon_fence" in (getattr(app.config, "myst_enable_extensions", None) or ()):
        return  # MyST read the fences; a paragraph like this one was written on purpose
    if not _is_markdown(app, app.env.docname):
        return
    for para in doctree.findall(nodes.paragraph):
        first = para.children[0] if para.children else None
        if not isinstance(first, nodes.Text):
            continue  # e.g. an inline literal showing the syntax
        match = _BROKEN.match(str(first))
        if match is None:
            continue
        warn(
            Subtype.COLON_FENCE,
            f":::{{{match['name']}}} is shown as plain text: colon fences need MyST's "
            'colon_fence extension: add myst_enable_extensions = ["colon_fence"] to conf.py',
            para,
        )


def _is_markdown(app: Sphinx, docname: str) -> bool:
    suffixes = app.config.source_suffix
    path = str(app.env.doc2path(docname))
    if isinstance(suffixes, dict):
        return any(path.endswith(s) and p == "markdown" for s, p in suffixes.items())
    return path.endswith(".md")
