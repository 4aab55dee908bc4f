"""'Did you mean …?': the valid words and ids nearest to what an author wrote.

Pure functions over plain values, used wherever a warning names something unknown: an
option, a scale term, a confidence level, a kind, a status, a relation name or an id.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Collection, Iterable, Sequence

from .ids import derive_id
from .model import Actor, Kind, PolicyObject

__all__ = ["closest_ids", "closest_words", "did_you_mean", "with_suggestion"]

#: Words authors use for a configured one that is spelt nothing like it.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "medium": ("moderate",),
    "mid": ("moderate",),
    "middling": ("moderate",),
    "average": ("moderate",),
    "fair": ("moderate",),
    "strong": ("high",),
    "weak": ("low",),
    "probably": ("likely", "probable"),
    "possible": ("roughly even chance", "realistic possibility"),
    "even chance": ("roughly even chance",),
    "fifty-fifty": ("roughly even chance",),
    "certain": ("almost certain",),
    "impossible": ("almost no chance", "remote chance"),
    "judgment": ("key-judgment",),
    "judgement": ("key-judgment",),
    "key-judgement": ("key-judgment",),
    "key judgment": ("key-judgment",),
    "key judgement": ("key-judgment",),
    "organization": ("organisation",),
    "organisation": ("organization",),
    "support": ("supports",),
    "evidences": ("evidence",),
    "actor": ("actors",),
    "claim": ("claims",),
    "alias": ("aliases",),
    "tag": ("tags",),
    "label": ("date-label",),
    "date_label": ("date-label",),
    "datelabel": ("date-label",),
}

# Titles are slugged again for every unknown id reported; a project's titles repeat.
_slug = functools.lru_cache(maxsize=16384)(derive_id)

_LIMIT = 3
_MANY = 1000
_CUTOFF = 0.6
# Matches much worse than the best one are noise: "likly" is 'likely', not 'very likely'.
_MARGIN = 0.1
# Titles are longer than ids, so a loose match on them finds unrelated objects.
_TITLE_CUTOFF = 0.85


def closest_words(written: str, allowed: Sequence[str], *, limit: int = _LIMIT) -> list[str]:
    """The allowed words nearest to *written*: synonyms first, then by spelling."""
    wanted = " ".join(written.lower().split())
    synonyms = [w for w in SYNONYMS.get(wanted, ()) if w in allowed and w != wanted]
    if synonyms:
        return synonyms[:limit]
    return [w for w in _close(wanted, allowed, _CUTOFF) if w != wanted][:limit]


def _close(word: str, choices: Iterable[str], cutoff: float) -> list[str]:
    """Choices spelt like *word*, best first, leaving out those far behind the best."""
    matcher = difflib.SequenceMatcher(b=word)
    scored = []
    for choice in dict.fromkeys(choices):
        matcher.set_seq1(choice)
        # The cheap upper bounds first, as difflib.get_close_matches does: most ids of a
        # large project are nothing like the one written.
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            continue
        score = matcher.ratio()
        if score >= cutoff:
            scored.append((-score, choice))
    scored.sort()
    if not scored:
        return []
    best = -scored[0][0]
    return [choice for score, choice in scored if -score >= best - _MARGIN]


def closest_ids(
    written: str,
    objects: Iterable[PolicyObject],
    kinds: Collection[Kind] | None = None,
    *,
    limit: int = _LIMIT,
) -> list[str]:
    """Ids of objects an author may have meant by *written*, of the given kinds.

    First the objects whose title, short name or alias *is* what was written
    (``Donald Trump`` for the actor ``trump``), then ids and titles spelt like it.
    """
    candidates = [o for o in objects if kinds is None or o.kind in kinds]
    slug = derive_id(written)
    names: dict[str, list[str]] = {}
    for obj in candidates:
        for name in _names(obj):
            names.setdefault(_slug(name), []).append(obj.id)
    found = list(dict.fromkeys(names.get(slug, ())))
    ids = sorted(o.id for o in candidates)
    if len(ids) > _MANY:
        # Comparing with every id costs a fifth of a second per warning at 5,000 objects;
        # typing slips rarely hit the first letter.
        ids = [i for i in ids if i[:1] == slug[:1]]
    for ident in _close(slug, ids, _CUTOFF):
        if ident not in found:
            found.append(ident)
    # A name misspelt ("Donald Trum") is written with spaces; an id typed as an id is
    # compared with ids only, which keeps a large project's warnings quick.
    if " " in written.strip():
        for key in _close(slug, sorted(names), _TITLE_CUTOFF):
            for ident in names[key]:
                if ident not in found:
                    found.append(ident)
    # An id equal to the slug is a suggestion too: "Velen Republic" for ``velen-republic``.
    return [i for i in found if i != written][:limit]


def _names(obj: PolicyObject) -> tuple[str, ...]:
    aliases = obj.aliases if isinstance(obj, Actor) else ()
    return tuple(name for name in (obj.title, obj.short, *aliases) if name)


def did_you_mean(suggestions: Sequence[str], show: Callable[[str], str] = repr) -> str:
    """``"did you mean 'likely'?"``, ``"did you mean 'a', 'b' or 'c'?"``; "" for none."""
    if not suggestions:
        return ""
    shown = [show(s) for s in suggestions]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
    return f"did you mean {listed}?"


def with_suggestion(
    message: str, suggestions: Sequence[str], show: Callable[[str], str] = repr
) -> str:
    """*message*, followed by "; did you mean …?" when there is something to suggest."""
    hint = did_you_mean(suggestions, show)
    return f"{message}; {hint}" if hint else message
