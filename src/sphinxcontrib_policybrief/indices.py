"""Domain index pages (``pb-claims``, ``pb-actors``), drawn by Sphinx's own index machinery.

Sphinx's ``domainindex.html`` sets each entry in ``<code>``, made for module and function
names; ours are sentences. Our pages alone load a stylesheet (``html-page-context``) that
sets their entries in the body font, leaving other domains' indices alone.
HTML shows an entry's kind as its qualifier and its grade and page as its description;
LaTeX prints only the "extra" words beside the name, so there they carry the kind and grade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.domains import Index, IndexEntry
from sphinx.environment import BuildEnvironment

from .core.labels import kind_label
from .core.model import Actor, Claim, Kind
from .locale import _, on_page, translated

if TYPE_CHECKING:
    from .domain import PolicyBriefDomain


def initial(name: str) -> str:
    """The group of an index entry: its first letter or digit, as a capital.

    Sphinx's index templates make an anchor of each group's heading (``id="cap-K"``), so
    a heading must be a single character that can stand in an id and a link: a kind
    such as "Key judgment" cannot (a space is invalid in both, and EPUB readers refuse it).
    """
    return next((c.upper() for c in name if c.isalnum()), "*")


#: Our index pages, as the HTML builder names them, and the stylesheet they alone load.
INDEX_PAGES = ("pb-claims", "pb-actors")
INDEX_STYLESHEET = "policybrief-index.css"


def add_index_stylesheet(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: our domain index pages get ``policybrief-index.css`` besides the
    common stylesheet. Sphinx adds a file given here to this page only; a rule scoped
    inside the common sheet would need ``:has()``, which EPUB checkers reject."""
    builder = app.builder
    ours = pagename in INDEX_PAGES and templatename == "domainindex.html"
    if ours and isinstance(builder, StandaloneHTMLBuilder):
        builder.add_css_file(INDEX_STYLESHEET, priority=500)


def _prints(env: BuildEnvironment) -> bool:
    """Whether the index is generated for a printed book (LaTeX and the like), which shows
    an entry's "extra" words and page number but not its qualifier or description."""
    app = getattr(env, "_app", None) or getattr(env, "app", None)
    builder = getattr(app, "builder", None)
    return getattr(builder, "format", "html") != "html"


def _page(domain: PolicyBriefDomain, docname: str) -> str:
    title = domain.env.titles.get(docname)
    return on_page(title.astext() if title is not None else docname)


class ClaimIndex(Index):
    """Every claim by initial, with its kind, likelihood and confidence."""

    name = "claims"
    localname = _("Claim index")
    shortname = "claims"

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = cast("PolicyBriefDomain", self.domain)
        wanted = set(docnames) if docnames is not None else None
        prints = _prints(domain.env)
        groups: dict[str, list[IndexEntry]] = defaultdict(list)
        for obj in domain.graph.sorted_objects(Kind.CLAIM):
            if wanted is not None and obj.docname not in wanted:
                continue
            assert isinstance(obj, Claim)
            confidence = _("%s confidence") % translated(obj.confidence) if obj.confidence else ""
            grade = ", ".join(x for x in (translated(obj.likelihood), confidence) if x)
            kind = translated(kind_label(obj))
            if prints:
                extra = f"{kind}; {grade}" if grade else kind
                entry = IndexEntry(obj.title, 0, obj.docname, obj.anchor, extra, "", "")
            else:
                descr = " · ".join(x for x in (grade, _page(domain, obj.docname)) if x)
                entry = IndexEntry(obj.title, 0, obj.docname, obj.anchor, "", kind, descr)
            groups[initial(obj.title)].append(entry)
        content = [
            (k, sorted(v, key=lambda e: e.name.casefold())) for k, v in sorted(groups.items())
        ]
        return content, False


class ActorIndex(Index):
    """Every actor by name, with aliases listed as entries that lead to the same actor."""

    name = "actors"
    localname = _("Actor index")
    shortname = "actors"

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = cast("PolicyBriefDomain", self.domain)
        wanted = set(docnames) if docnames is not None else None
        prints = _prints(domain.env)
        groups: dict[str, list[IndexEntry]] = defaultdict(list)
        for obj in domain.graph.sorted_objects(Kind.ACTOR):
            if wanted is not None and obj.docname not in wanted:
                continue
            assert isinstance(obj, Actor)
            kind = translated(kind_label(obj))
            descr = " · ".join(x for x in (obj.role, _page(domain, obj.docname)) if x)
            names = [(obj.title, (obj.role or kind) if prints else "")]
            names += [(alias, str(_("see %s") % obj.title)) for alias in obj.aliases]
            for name, extra in names:
                entry = (
                    IndexEntry(name, 0, obj.docname, obj.anchor, extra, "", "")
                    if prints
                    else IndexEntry(name, 0, obj.docname, obj.anchor, extra, kind, descr)
                )
                groups[initial(name)].append(entry)
        content = [
            (k, sorted(v, key=lambda e: e.name.casefold())) for k, v in sorted(groups.items())
        ]
        return content, False
