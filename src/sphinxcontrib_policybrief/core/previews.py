"""Preview cards of objects: what a card shows, and the script file that carries them.

A link to a claim, actor, event, paradox or source shows a small card on hover and focus
(``static/policybrief-previews.js``). The cards' text is decided at build time, in the
build's language, and written as one script file that sets a global: pages load it with a
``<script>`` element, which also works from ``file://``, where reading a JSON file would
not. The browser builds each card from text nodes; nothing here is markup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["DATA_FILE", "GLOBAL_NAME", "Badge", "Preview", "previews_script", "shorten"]

#: The data file, in the HTML output's ``_static`` folder.
DATA_FILE = "policybrief-previews-data.js"
#: The global the data file sets and the preview script reads.
GLOBAL_NAME = "policybriefPreviews"
#: Characters of a summary a card shows before it is cut at a word.
SUMMARY_LIMIT = 280


@dataclass(frozen=True, slots=True)
class Badge:
    """A badge as the object's block shows it: its text, its tone and any tooltip."""

    text: str
    tone: str = "secondary"
    note: str = ""  # a grade's wording ("usually reliable"), written out on the card


@dataclass(frozen=True, slots=True)
class Preview:
    """One object's card: its kind ("Key judgment"), badges, date, title and summary."""

    kind: str  # what the reader sees
    kind_class: str  # "claim", "actor", "event", "paradox", "source": the card's colour
    title: str
    summary: str = ""
    badges: tuple[Badge, ...] = ()
    date: str = ""  # an event's date as its block shows it

    def as_data(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": self.kind,
            "type": self.kind_class,
            "title": self.title,
            "summary": self.summary,
            "badges": [[b.text, b.tone, b.note] for b in self.badges],
        }
        if self.date:
            data["date"] = self.date
        return data


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """*text* on one line, cut at the last word that fits in *limit* characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.—–-") + "…"


def previews_script(previews: Mapping[str, Preview]) -> str:
    """The data file: ``window.policybriefPreviews = {url: card, ...};``, keys sorted.

    Keys are each object's URL relative to the output directory, as links point to it
    (``context.html#gas-wars``; ``context/#gas-wars`` in dirhtml). The JSON is escaped for
    a script: ``<`` and the two JavaScript line separators never appear as themselves.
    """
    body = json.dumps(
        {url: previews[url].as_data() for url in sorted(previews)},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        indent=None,
    )
    body = body.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (
        "/* sphinxcontrib-policybrief: preview cards of this site's objects, written by the "
        "build. */\n"
        f"window.{GLOBAL_NAME} = {body};\n"
    )
