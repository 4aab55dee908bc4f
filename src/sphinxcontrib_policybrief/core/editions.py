"""What changed since the previous edition: this build's export against an older policybrief.json.

Objects are matched by id (an id that changed reads as one removed and one added).
Reading the previous file never raises: a file that cannot be used gives no changes and
a message naming it, for the shell to report as an ``edition`` warning.
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .export.brief_json import READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION

__all__ = [
    "CLAIM_FIELDS",
    "ChangeKind",
    "ClaimChange",
    "EditionChanges",
    "EventChange",
    "FieldChange",
    "compare_documents",
    "compare_with_file",
    "compare_with_text",
    "previous_edition_path",
]

#: The claim fields compared, in the order changes are listed.
CLAIM_FIELDS = ("title", "kind", "likelihood", "confidence", "status", "outcome")
KEY_JUDGMENT_KIND = "key-judgment"


class ChangeKind(enum.StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    REDATED = "re-dated"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a claim, old → new; None where the edition had no value."""

    field: str  # one of CLAIM_FIELDS
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim added, removed or changed; title and kind are the newest known."""

    change: ChangeKind
    id: str
    title: str
    claim_kind: str
    key_judgment: bool  # a key judgment in either edition
    fields: tuple[FieldChange, ...] = ()  # for CHANGED only


@dataclass(frozen=True, slots=True)
class EventChange:
    """A timeline event added, removed or re-dated (its EDTF value changed)."""

    change: ChangeKind
    id: str
    title: str
    old_date: str | None = None  # EDTF values; None when undated or absent
    new_date: str | None = None
    old_label: str | None = None  # what the pages showed
    new_label: str | None = None


@dataclass(frozen=True, slots=True)
class EditionChanges:
    """Everything the ``edition-changes`` view lists, and why it may be empty."""

    claims: tuple[ClaimChange, ...] = ()  # key judgments first
    events: tuple[EventChange, ...] = ()
    previous_edition: str | None = None  # the previous file's edition name
    previous_as_of: str | None = None  # and its as-of date (EDTF)
    problems: tuple[str, ...] = ()  # why the previous file could not be used

    @property
    def unchanged(self) -> bool:
        return not self.claims and not self.events


def previous_edition_path(confdir: str | os.PathLike[str], value: str) -> Path:
    """``policybrief_previous_edition`` resolved against the directory of conf.py."""
    return Path(confdir, value)


def compare_with_file(current: Mapping[str, Any], path: str | os.PathLike[str]) -> EditionChanges:
    """*current* (as :func:`~.export.brief_json.brief_document` returns it) against the
    ``policybrief.json`` at *path*."""
    name = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return _unusable(f"the previous edition {name!r} does not exist")
    except UnicodeDecodeError:
        return _unusable(f"the previous edition {name!r} is not UTF-8 text")
    except OSError as exc:
        return _unusable(f"cannot read the previous edition {name!r}: {exc.strerror or exc}")
    return compare_with_text(current, text, name)


def compare_with_text(current: Mapping[str, Any], text: str, name: str) -> EditionChanges:
    """As :func:`compare_with_file`, with the previous file's *text*; *name* names it in
    messages."""
    try:
        previous = json.loads(text)
    except json.JSONDecodeError as exc:
        return _unusable(
            f"the previous edition {name!r} is not valid JSON "
            f"(line {exc.lineno}, column {exc.colno}: {exc.msg})"
        )
    except (ValueError, RecursionError):  # nested too deep, or numbers too long to read
        return _unusable(f"the previous edition {name!r} is not valid JSON it can read")
    problem = _shape_problem(previous, name)
    if problem:
        return _unusable(problem)
    return compare_documents(current, previous)


def _unusable(message: str) -> EditionChanges:
    return EditionChanges(problems=(f"{message}; no changes are listed",))


def _shape_problem(previous: object, name: str) -> str:
    """Why *previous* is not a ``policybrief.json`` this version reads; "" if it is."""
    if not isinstance(previous, dict):
        return f"the previous edition {name!r} is not a policybrief.json (not a JSON object)"
    if "schema_version" not in previous:
        return f"the previous edition {name!r} has no schema_version: not a policybrief.json"
    version = previous["schema_version"]
    if not isinstance(version, str):
        # Written as JSON, as the file has it: 1, null, not Python's 1, None.
        return (
            f"the previous edition {name!r} has schema_version {json.dumps(version)}, which "
            'is not a string such as "1.1": not a policybrief.json'
        )
    if version not in READABLE_SCHEMA_VERSIONS:
        return (
            f"the previous edition {name!r} has schema version {version!r}, which this "
            f"version of the extension (schema version {SCHEMA_VERSION}) cannot read; "
            "readable: " + ", ".join(READABLE_SCHEMA_VERSIONS)
        )
    for key in ("claims", "events"):
        where = f"the previous edition {name!r} (schema version {version})"
        if key not in previous:
            return f"{where} has no {key!r} list"
        items = previous[key]
        if not isinstance(items, list):
            return f"{where}: {key!r} is not a list"
        for number, item in enumerate(items, start=1):
            if not (isinstance(item, dict) and isinstance(item.get("id"), str)):
                return f"{where}: item {number} of {key!r} is not an object with a string id"
    return ""


# -- comparing ---------------------------------------------------------------------------


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _claim_field(claim: Mapping[str, Any], field: str) -> str | None:
    if field == "title":
        return _text(claim.get("statement"))
    if field == "likelihood":
        likelihood = claim.get("likelihood")
        return _text(likelihood.get("term")) if isinstance(likelihood, Mapping) else None
    if field == "outcome":
        # Files before schema 1.1 have no forecasts; a pending one has nothing to report
        # yet, so "none" and "pending" are the same for a change list.
        forecast = claim.get("forecast")
        outcome = _text(forecast.get("outcome")) if isinstance(forecast, Mapping) else None
        return None if outcome == "pending" else outcome
    return _text(claim.get(field))


def _date_parts(event: Mapping[str, Any]) -> tuple[str | None, str | None]:
    date = event.get("date")
    edtf = _text(date.get("edtf")) if isinstance(date, Mapping) else None
    return edtf, _text(event.get("display_date"))


def _by_id(items: object) -> dict[str, Mapping[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {
        item["id"]: item
        for item in items
        if isinstance(item, Mapping) and isinstance(item.get("id"), str)
    }


_CHANGE_ORDER = {
    ChangeKind.CHANGED: 0,
    ChangeKind.REDATED: 0,
    ChangeKind.ADDED: 1,
    ChangeKind.REMOVED: 2,
}


def compare_documents(current: Mapping[str, Any], previous: Mapping[str, Any]) -> EditionChanges:
    """The changes from *previous* to *current*, both ``policybrief.json`` documents.

    Claims: key judgments first, then changed, added, removed, each group by id. Events:
    re-dated, added, removed, by id.
    """
    claims: list[ClaimChange] = []
    now, before = _by_id(current.get("claims")), _by_id(previous.get("claims"))
    for ident in sorted(now.keys() | before.keys()):
        new, old = now.get(ident), before.get(ident)
        shown = new if new is not None else old
        assert shown is not None  # the id came from one of them
        kinds = {_claim_field(c, "kind") for c in (new, old) if c is not None}
        fields: tuple[FieldChange, ...] = ()
        if new is None:
            change = ChangeKind.REMOVED
        elif old is None:
            change = ChangeKind.ADDED
        else:
            fields = tuple(
                FieldChange(field, _claim_field(old, field), _claim_field(new, field))
                for field in CLAIM_FIELDS
                if _claim_field(old, field) != _claim_field(new, field)
            )
            if not fields:
                continue
            change = ChangeKind.CHANGED
        claims.append(
            ClaimChange(
                change,
                ident,
                _claim_field(shown, "title") or ident,
                _claim_field(shown, "kind") or "",
                KEY_JUDGMENT_KIND in kinds,
                fields,
            )
        )
    claims.sort(key=lambda c: (not c.key_judgment, _CHANGE_ORDER[c.change], c.id))

    events: list[EventChange] = []
    now, before = _by_id(current.get("events")), _by_id(previous.get("events"))
    for ident in sorted(now.keys() | before.keys()):
        new, old = now.get(ident), before.get(ident)
        old_date, old_label = _date_parts(old) if old is not None else (None, None)
        new_date, new_label = _date_parts(new) if new is not None else (None, None)
        if new is None:
            change = ChangeKind.REMOVED
        elif old is None:
            change = ChangeKind.ADDED
        elif old_date != new_date:
            change = ChangeKind.REDATED
        else:
            continue
        shown = new if new is not None else old
        assert shown is not None
        events.append(
            EventChange(
                change,
                ident,
                _text(shown.get("title")) or ident,
                old_date,
                new_date,
                old_label,
                new_label,
            )
        )
    events.sort(key=lambda e: (_CHANGE_ORDER[e.change], e.id))

    as_of = previous.get("as_of")
    return EditionChanges(
        claims=tuple(claims),
        events=tuple(events),
        previous_edition=_text(previous.get("edition")),
        previous_as_of=_text(as_of.get("edtf")) if isinstance(as_of, Mapping) else None,
    )
