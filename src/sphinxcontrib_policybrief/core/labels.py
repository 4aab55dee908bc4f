"""How kinds read to a person: "Key judgment", "Timeline event"."""

from __future__ import annotations

from .model import Actor, Claim, PolicyObject, Source


def kind_label(obj: PolicyObject) -> str:
    if isinstance(obj, Claim):
        return humanise(obj.claim_kind)
    if isinstance(obj, Actor):
        return humanise(obj.actor_kind)
    if isinstance(obj, Source):
        return humanise(obj.source_kind)
    return obj.kind.label


def humanise(word: str) -> str:
    text = word.replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]
