"""Object ids: one case-insensitive namespace across claims, actors, events and paradoxes."""

from __future__ import annotations

import re
import unicodedata

# Letters (any script), digits, '-', '_' and '.'; must start with a letter or digit so
# ids never look like options or relative paths.
_VALID_ID = re.compile(r"^[^\W_][\w.-]*$", re.UNICODE)
_NOT_ID_CHAR = re.compile(r"[^\w.-]+", re.UNICODE)

#: The longest id accepted; long enough for any slug, short enough for a URL anchor.
MAX_ID_LENGTH = 120


def normalise_id(raw: str) -> str:
    """The canonical form of an id as written by an author (case-folded, NFC)."""
    return unicodedata.normalize("NFC", raw.strip()).lower()


def is_valid_id(ident: str) -> bool:
    """Whether an already normalised id may be used."""
    return 0 < len(ident) <= MAX_ID_LENGTH and _VALID_ID.match(ident) is not None


def derive_id(title: str) -> str:
    """An id made from a title, for objects whose author gave none.

    Returns "" when the title has no letter or digit at all.
    """
    slug = _NOT_ID_CHAR.sub("-", normalise_id(title)).replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-.")
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
