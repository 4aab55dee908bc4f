"""Preview cards of objects on hover and focus: which builds get them, and their data file.

Event order: ``builder-inited`` adds the preview script to the HTML builds that get cards
(``policybrief_previews`` on, not an e-book, no sphinx-tippy or sphinx-hoverxref, which
show previews of their own); ``html-page-context`` (per page, maybe in a worker process)
adds the data file's ``<script>`` element; ``build-finished`` (main process, once, from the
merged environment) writes the data file, so serial, parallel, clean and incremental
builds write the same bytes.

The data file's ``<script>`` element carries no ``?v=`` checksum, unlike Sphinx's own
assets: a page that an incremental build does not write again would keep the checksum of
an older file, and differ from a clean build's.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .config import settings_from
from .core.labels import kind_label
from .core.model import Claim, PolicyObject, Source, TimelineEvent
from .core.previews import DATA_FILE, Badge, Preview, previews_script, shorten
from .core.settings import Settings
from .export_hooks import brief_for, publishes_site
from .locale import _, event_date_label, translated
from .render.blocks import claim_badges, grade_badge
from .render.nodes import pb_badge

#: Extensions that show previews of links themselves (the names Sphinx loads them by).
OTHER_PREVIEWS = ("sphinx_tippy", "hoverxref.extension")

#: The script that draws the cards, in ``static/``.
SCRIPT = "policybrief-previews.js"


def other_previews(app: Sphinx) -> list[str]:
    """The extensions of this build that show link previews of their own."""
    return [name for name in OTHER_PREVIEWS if name in app.extensions]


def previews_wanted(app: Sphinx) -> bool:
    """Whether this build's pages get our cards: previews on, an HTML site, no other
    extension drawing previews (it is left to them, silently: both were asked for)."""
    return (
        settings_from(app.config).previews
        and publishes_site(app.builder)
        and not other_previews(app)
    )


def add_script(app: Sphinx) -> None:
    """builder-inited: the card script (``add_assets`` has put ``static/`` on the path)."""
    if previews_wanted(app):
        app.add_js_file(SCRIPT, defer="defer")


def add_data_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: load the data file on every page (index pages link objects too)."""
    if not previews_wanted(app):
        return
    src = html.escape(context["pathto"](f"_static/{DATA_FILE}", resource=True), quote=True)
    tag = f'<script defer="defer" src="{src}"></script>'
    context["metatags"] = f"{context.get('metatags') or ''}\n    {tag}"


def write_data(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: the data file, or none (removing it and the card script where an
    earlier build left them)."""
    if exception is not None or not publishes_site(app.builder):
        return
    path = Path(app.builder.outdir, "_static", DATA_FILE)
    if not previews_wanted(app):
        path.unlink(missing_ok=True)
        path.with_name(SCRIPT).unlink(missing_ok=True)
        return
    data = data_script(app).encode("utf-8")
    # An unchanged file keeps its timestamp, like Sphinx's own unchanged pages.
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def data_script(app: Sphinx) -> str:
    """Every object's card, keyed by its URL relative to the output directory."""
    brief = brief_for(app.builder)
    settings = settings_from(app.config)
    language = app.config.language
    cards = {
        brief.url(obj): object_preview(obj, brief.summary(obj), settings, language)
        for obj in brief.graph.sorted_objects()
    }
    return previews_script(cards)


def object_preview(
    obj: PolicyObject, summary: str, settings: Settings, language: str | None
) -> Preview:
    """The card of *obj*: what its own block shows above its title, the title, the summary."""
    badges: list[Badge] = []
    date = ""
    if isinstance(obj, Claim):
        badges = [_badge(node) for node in claim_badges(obj, settings.likelihood)]
    elif isinstance(obj, TimelineEvent):
        date = event_date_label(obj, language) or str(_("date unknown"))
    elif isinstance(obj, Source):
        grade = grade_badge(obj.reliability, "", settings, "pb-reliability")
        if grade is not None:
            badges = [_badge(grade)]
    return Preview(
        kind=translated(kind_label(obj)),
        kind_class=obj.kind.value,
        title=obj.title,
        summary=shorten(summary),
        badges=tuple(b for b in badges if b.text),
        date=date,
    )


def _badge(node: Any) -> Badge:
    if not isinstance(node, pb_badge):  # the spaces between badges
        return Badge("")
    return Badge(node.astext(), str(node.get("pb_tone", "secondary")), node.get("pb_tooltip", ""))


def setup(app: Sphinx) -> None:
    """Connect the handlers (``extension.setup`` calls this)."""
    app.connect("builder-inited", add_script)
    app.connect("html-page-context", add_data_script)
    app.connect("build-finished", write_data)
