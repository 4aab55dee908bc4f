"""Object ids: one case-insensitive namespace across claims, actors, events and paradoxes."""

from __future__ import annotations

import re
import unicodedata

#: The longest id accepted; long enough for any slug, short enough for a URL anchor.
MAX_ID_LENGTH = 120

# Letters and marks of any script (a Devanagari vowel sign or an Arabic haraka belongs to
# the letter before it), and digits; '-', '_' and '.' may join them.
_WORD_CATEGORIES = ("L", "M", "N")
_JOINERS = frozenset("-_.")


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in _WORD_CATEGORIES


def normalise_id(raw: str) -> str:
    """The canonical form of an id as written by an author (case-folded, NFC).

    Lower-casing can decompose a letter ("İ" becomes "i" and a combining dot), so the
    result is composed again.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", raw.strip()).lower())


def is_valid_id(ident: str) -> bool:
    """Whether an already normalised id may be used.

    It starts with a letter or digit (so ids never look like options or relative paths),
    and holds only letters, marks, digits, '-', '_' and '.'.
    """
    if not 0 < len(ident) <= MAX_ID_LENGTH:
        return False
    first = unicodedata.category(ident[0])[0]
    if first not in ("L", "N"):
        return False
    return all(_is_word_char(c) or c in _JOINERS for c in ident)


def derive_id(title: str) -> str:
    """An id made from a title, for objects whose author gave none.

    Returns "" when the title has no letter or digit at all.
    """
    chars = [c if _is_word_char(c) or c == "." else "-" for c in normalise_id(title)]
    slug = re.sub(r"-{2,}", "-", "".join(chars))
    # Strip until it starts with a letter or digit, not a mark or a joiner.
    while slug and (slug[0] in "-." or unicodedata.category(slug[0])[0] == "M"):
        slug = slug[1:]
    slug = slug.rstrip("-.")
    return slug[:MAX_ID_LENGTH].rstrip("-.")


def split_list(raw: str | None) -> tuple[str, ...]:
    """A comma-separated option as a tuple, tolerant of stray spaces and commas."""
    if not raw:
        return ()
    return tuple(part.strip() for part in raw.replace("\n", ",").split(",") if part.strip())


def tag_list(raw: str | None) -> tuple[str, ...]:
    """The ``:tags:`` of an object or a view: each tag made id-like ("Foreign policy" is
    ``foreign-policy``), so a tag can be a CSS class and a filter value; duplicates and
    tags without a letter or digit are dropped."""
    tags: list[str] = []
    for part in split_list(raw):
        tag = derive_id(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)
