"""The reader's language: every label the extension generates is translated through here.

Labels are looked up in the ``policybrief`` message catalog (shipped in ``locale/``) in the
build's ``language``. The core keeps English message ids; the shell translates them when
it draws a page, so a label is never baked into the pickled environment.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.locale import get_translation, get_translator

from .core.date_format import format_fuzzy_date
from .core.dates import FuzzyDate
from .core.messages import Translations
from .core.model import TimelineEvent

MESSAGE_CATALOG = "policybrief"
LOCALE_DIR = Path(__file__).parent / "locale"

#: ``_("Connections")``: a lazy translation, so it can stand in class attributes too.
_ = get_translation(MESSAGE_CATALOG)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``ngettext("%d event", "%d events", n)``: the form for *n* in the reader's language."""
    # Sphinx's get_translation has no plural form: ask its translator object directly.
    return get_translator(MESSAGE_CATALOG).ngettext(singular, plural, n)


def translated(message: str) -> str:
    """A label from the core (a kind, a relation's end, a heading), in the reader's language."""
    return str(_(message)) if message else message


def on_page(title: str) -> str:
    """ "in “Claims”": the page an object is on, in the lines of tag pages and indices."""
    # Translators: the document (page) an object is on, in a tag page or a domain index.
    return str(_("in “%s”")) % title


def translations() -> Translations:
    """The build's catalog, for core functions that compose a label from parts."""
    return get_translator(MESSAGE_CATALOG)


def date_label(fd: FuzzyDate, language: str | None) -> str:
    """A parsed date as a reader of *language* (the build's ``language``) writes it."""
    return _date_label(fd, language, cast(Hashable, translations()))


# Babel's formatting is slow next to a lookup, and one date is shown on many pages (the
# event's own, the timeline, its actors' and its claims' connections). The catalog is part
# of the key: a build in another language, or with reloaded catalogs, gets its own labels.
@functools.lru_cache(maxsize=8192)
def _date_label(fd: FuzzyDate, language: str | None, catalog: Hashable) -> str:
    return format_fuzzy_date(fd, language, cast(Translations, catalog))


def event_date_label(event: TimelineEvent, language: str | None) -> str:
    """The date an event shows: the author's ``:date-label:`` as written, else its date."""
    if event.date_label:
        return event.date_label
    return date_label(event.date, language) if event.date is not None else ""


def register(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
