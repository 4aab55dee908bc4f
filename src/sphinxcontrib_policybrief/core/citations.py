"""Citations of sphinxcontrib-bibtex inside titles, summaries and ``:source:``.

At read time such a citation becomes a part whose text is its key in brackets and whose
target is ``@cite:<role type>:<keys>``. Views draw it again as a citation (the shell makes
a new cross-reference for bibtex to resolve); exports and other plain text show
:func:`cite_text`: the label bibtex gave each entry, in brackets, or the key where no label
is known (bibtex not loaded, or the key not in any bibliography).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

CITE_PREFIX = "@cite:"

# bibtex's target syntax allows "{pre}key{post}" around each key.
_BRACED = re.compile(r"\{[^{}]*\}")


def cite_target(reftype: str, reftarget: str) -> str:
    """The part target that stands for a citation of role type *reftype*."""
    return f"{CITE_PREFIX}{reftype}:{reftarget}"


def is_cite(target: str) -> bool:
    return target.startswith(CITE_PREFIX)


def parse_cite(target: str) -> tuple[str, str]:
    """(role type, the role's target) of a citation part's target."""
    reftype, _, reftarget = target[len(CITE_PREFIX) :].partition(":")
    return reftype, reftarget


def cite_keys(target: str) -> list[str]:
    """The bibliography keys a citation part cites, in order."""
    _, reftarget = parse_cite(target)
    keys = (_BRACED.sub("", key).strip() for key in reftarget.split(","))
    return [key for key in keys if key]


def fallback_text(target: str) -> str:
    """What the part reads as without bibtex's labels: its target in brackets."""
    return f"[{parse_cite(target)[1]}]"


def cite_text(target: str, labels: Mapping[str, str]) -> str:
    """The citation as plain text: each entry's label (its key when unknown), in brackets."""
    keys = cite_keys(target)
    if not keys:
        return fallback_text(target)
    return "[" + ", ".join(labels.get(key, key) for key in keys) + "]"
