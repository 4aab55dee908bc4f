"""Message ids of the core: how labels are marked for translation without importing Sphinx.

The core speaks English and never translates itself. Labels that are literals are marked
with :func:`gettext_noop`, which the catalog extractor (``scripts/update_catalogs.py``)
recognises; labels that are computed from defaults (kind names, scale terms, statuses) are
listed by :func:`computed_messages`. Functions that compose a label from parts (dates,
timeline headings) take a :class:`Translations` object: the shell passes the build's
message catalog, and :data:`ENGLISH` gives today's English labels.
"""

from __future__ import annotations

import gettext
from typing import Protocol

__all__ = ["ENGLISH", "Translations", "computed_messages", "gettext_noop"]


class Translations(Protocol):
    """What :class:`gettext.NullTranslations` offers and composed labels need."""

    def gettext(self, message: str, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


#: No catalog: every message id is its own English text.
ENGLISH: Translations = gettext.NullTranslations()


def gettext_noop(message: str) -> str:
    """Mark *message* for the catalog and return it as it is; it is translated when shown."""
    return message


def computed_messages() -> list[str]:
    """Labels that no literal spells out: default kind names, scale terms, statuses.

    An author's own kinds or scale terms are not in the catalog and are shown as written.
    """
    # Imported here: model imports this module for gettext_noop.
    from .labels import humanise
    from .model import Kind
    from .scales import DEFAULT_CONFIDENCE_LEVELS, PRESETS
    from .settings import CLAIM_STATUSES, DEFAULT_ACTOR_KINDS, DEFAULT_CLAIM_KINDS

    found = [kind.label for kind in Kind]
    found += [humanise(k) for k in (*DEFAULT_CLAIM_KINDS, *DEFAULT_ACTOR_KINDS)]
    found += [row.term for scale in PRESETS.values() for row in scale.terms]
    found += [*DEFAULT_CONFIDENCE_LEVELS, *CLAIM_STATUSES]
    # Sources: their default kinds and the wording of the Admiralty grades.
    from .scales import ADMIRALTY_CREDIBILITY, ADMIRALTY_RELIABILITY
    from .settings import DEFAULT_SOURCE_KINDS

    found += [humanise(k) for k in DEFAULT_SOURCE_KINDS]
    found += [g.wording for g in (*ADMIRALTY_RELIABILITY.grades, *ADMIRALTY_CREDIBILITY.grades)]
    return list(dict.fromkeys(found))
