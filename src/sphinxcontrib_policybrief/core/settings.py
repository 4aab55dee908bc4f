"""The validated settings every other module reads, built from plain ``policybrief_*`` values.

No Sphinx here: the shell (``config``) hands in the values from conf.py and logs the
problems this module returns.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .dates import DateError, FuzzyDate, parse_date
from .ids import is_valid_id, normalise_id
from .lint import LintLevel, lint_levels
from .model import BUILTIN_RELATIONS, Kind, RelationType
from .options import REPEAT_MARK, reserved_relation_names
from .scales import (
    ADMIRALTY_CREDIBILITY,
    ADMIRALTY_RELIABILITY,
    DEFAULT_CONFIDENCE_LEVELS,
    ICD_203,
    PRESETS,
    GradeScale,
    LikelihoodScale,
    ScaleError,
    build_grade_scale,
    build_scale,
)
from .suggest import closest_words, with_suggestion

DEFAULT_CLAIM_KINDS = (
    "key-judgment",
    "assessment",
    "finding",
    "assumption",
    "forecast",
    "hypothesis",
)
DEFAULT_ACTOR_KINDS = ("person", "state", "organization", "group")
DEFAULT_SOURCE_KINDS = (
    "publication",
    "statement",
    "interview",
    "document",
    "dataset",
    "media",
    "intelligence",
)
CLAIM_STATUSES = ("open", "confirmed", "refuted", "superseded")
#: What ``policybrief_export_formats`` may list (see the exports page of the docs).
EXPORT_FORMATS = ("json", "jsonld", "timelinejs", "csv")
#: Days a key judgment may go unreviewed (``policybrief_review_after``).
DEFAULT_REVIEW_AFTER = 365
#: How much of each object's connections the PDF shows (``policybrief_latex_connections``).
LATEX_CONNECTIONS = ("full", "compact", "none")
#: Links a connection list shows in HTML before the rest fold (``policybrief_connections_fold``).
DEFAULT_CONNECTIONS_FOLD = 8


@dataclass(frozen=True, slots=True)
class Settings:
    """The validated settings every other module reads."""

    short_names: bool
    claim_kinds: tuple[str, ...]
    default_claim_kind: str
    actor_kinds: tuple[str, ...]
    likelihood: LikelihoodScale
    confidence_levels: tuple[str, ...]
    relations: tuple[RelationType, ...]
    timeline_overview: bool
    export: bool
    export_formats: tuple[str, ...] = EXPORT_FORMATS
    # Editions and review (see _edition_settings).
    edition: str = ""
    as_of: FuzzyDate | None = None
    previous_edition: str | None = None  # as written: relative to the directory of conf.py
    review_after: int = DEFAULT_REVIEW_AFTER
    #: Every lint rule's level, from ``policybrief_lint`` (all off by default).
    lint: tuple[tuple[str, LintLevel], ...] = ()
    latex_connections: str = "compact"
    #: HTML connection lists longer than this fold behind "Show all"; 0 never folds.
    connections_fold: int = DEFAULT_CONNECTIONS_FOLD
    #: HTML links to objects show a preview card on hover and focus (``policybrief_previews``).
    previews: bool = True
    # Sources and their grading (policybrief_source_kinds, _reliability_scale, _credibility_scale).
    source_kinds: tuple[str, ...] = DEFAULT_SOURCE_KINDS
    reliability: GradeScale = ADMIRALTY_RELIABILITY
    credibility: GradeScale = ADMIRALTY_CREDIBILITY
    #: HTML builds write a page per tag and link every tag badge to it.
    tag_pages: bool = True

    def relation(self, name: str) -> RelationType | None:
        for rel in self.relations:
            if rel.name == name:
                return rel
        return None

    def relations_from(self, kind: Kind) -> tuple[RelationType, ...]:
        return tuple(rel for rel in self.relations if kind in rel.sources)


def build_settings(lookup: Callable[[str], Any]) -> tuple[Settings, list[str]]:
    """Settings from the ``policybrief_*`` values that *value* looks up by name; bad
    values fall back to their defaults, each with a message among the problems."""
    problems: list[str] = []

    def word_list(name: str, default: Sequence[str]) -> tuple[str, ...]:
        value = lookup(name)
        if (
            isinstance(value, list | tuple)
            and value
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            words = tuple(" ".join(v.lower().split()) for v in value)
            if len(set(words)) == len(words):
                return words
        problems.append(f"{name} must be a non-empty list of distinct strings; using the default")
        return tuple(default)

    claim_kinds = word_list("policybrief_claim_kinds", DEFAULT_CLAIM_KINDS)
    written_kind = lookup("policybrief_default_claim_kind")
    # As the kinds are stored: lower case, single spaces. Not str() of anything, which
    # would turn None into the kind "none".
    default_kind = " ".join(written_kind.lower().split()) if isinstance(written_kind, str) else ""
    if default_kind not in claim_kinds:
        fallback = "assessment" if "assessment" in claim_kinds else claim_kinds[0]
        problems.append(
            f"policybrief_default_claim_kind {written_kind!r} is not one of "
            f"policybrief_claim_kinds; using {fallback!r}"
        )
        default_kind = fallback
    spec = lookup("policybrief_likelihood_scale")
    try:
        scale = build_scale(spec)
    except ScaleError as exc:
        near = closest_words(spec, sorted(PRESETS)) if isinstance(spec, str) else []
        problems.append(
            with_suggestion(f"policybrief_likelihood_scale: {exc}; using ICD 203", near)
        )
        scale = ICD_203
    settings = Settings(
        short_names=_switch("policybrief_short_names", lookup, problems),
        claim_kinds=claim_kinds,
        default_claim_kind=default_kind,
        actor_kinds=word_list("policybrief_actor_kinds", DEFAULT_ACTOR_KINDS),
        likelihood=scale,
        confidence_levels=word_list("policybrief_confidence_levels", DEFAULT_CONFIDENCE_LEVELS),
        relations=BUILTIN_RELATIONS + _custom_relations(lookup("policybrief_relations"), problems),
        timeline_overview=_switch("policybrief_timeline_overview", lookup, problems),
        export=_switch("policybrief_export", lookup, problems),
        export_formats=_export_formats(lookup("policybrief_export_formats"), problems),
        **_edition_settings(lookup, problems),
        lint=_lint(lookup("policybrief_lint"), problems),
        latex_connections=_one_of(
            "policybrief_latex_connections", lookup, LATEX_CONNECTIONS, "compact", problems
        ),
        connections_fold=_connections_fold(lookup("policybrief_connections_fold"), problems),
        previews=_switch("policybrief_previews", lookup, problems),
        **_source_settings(lookup, word_list, problems),
        tag_pages=_switch("policybrief_tag_pages", lookup, problems),
    )
    return settings, problems


def _switch(
    name: str, lookup: Callable[[str], Any], problems: list[str], default: bool = True
) -> bool:
    """An on/off setting: True or False, so that ``"no"`` does not switch it on.

    0 and 1 are read as False and True: Sphinx's own check, which these settings had
    before ours, let them through, so a ``-W`` build that has them must stay clean.
    """
    value = lookup(name)
    if isinstance(value, bool):
        return value
    if type(value) is int and value in (0, 1):
        return bool(value)
    problems.append(f"{name} must be True or False, not {value!r}; using {default}")
    return default


def _connections_fold(value: object, problems: list[str]) -> int:
    # bool is an int to Python; True links is surely a slip.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(
            "policybrief_connections_fold must be a whole number of links, 0 or more "
            f"(0 never folds), not {value!r}; using {DEFAULT_CONNECTIONS_FOLD}"
        )
        return DEFAULT_CONNECTIONS_FOLD
    return value


def _source_settings(
    lookup: Callable[[str], Any],
    word_list: Callable[[str, Sequence[str]], tuple[str, ...]],
    problems: list[str],
) -> dict[str, Any]:
    """``policybrief_source_kinds``, ``_reliability_scale`` and ``_credibility_scale``."""
    found: dict[str, Any] = {
        "source_kinds": word_list("policybrief_source_kinds", DEFAULT_SOURCE_KINDS)
    }
    for key, name, preset in (
        ("reliability", "policybrief_reliability_scale", ADMIRALTY_RELIABILITY),
        ("credibility", "policybrief_credibility_scale", ADMIRALTY_CREDIBILITY),
    ):
        try:
            found[key] = build_grade_scale(lookup(name), preset)
        except ScaleError as exc:
            problems.append(f"{name}: {exc}; using the Admiralty scale")
            found[key] = preset
    return found


def _edition_settings(lookup: Callable[[str], Any], problems: list[str]) -> dict[str, Any]:
    """``policybrief_edition``, ``_as_of``, ``_previous_edition`` and ``_review_after``."""
    edition = lookup("policybrief_edition")
    if edition is None:
        edition = ""
    if not isinstance(edition, str):
        problems.append(f"policybrief_edition must be text, not {edition!r}; leaving it out")
        edition = ""

    as_of: FuzzyDate | None = None
    written = lookup("policybrief_as_of")
    if isinstance(written, str) and written.strip():
        try:
            as_of = parse_date(written)
        except DateError as exc:
            problems.append(f"policybrief_as_of: {exc}; leaving it out")
        else:
            if as_of.is_interval or as_of.earlier:
                problems.append(
                    f"policybrief_as_of {written!r} must be one date (a day, month or year), "
                    "not a range; leaving it out"
                )
                as_of = None
    elif written not in (None, ""):
        problems.append(
            f"policybrief_as_of must be an EDTF date such as '2019-12-20', not {written!r}; "
            "leaving it out"
        )

    previous = lookup("policybrief_previous_edition")
    if isinstance(previous, os.PathLike):
        previous = os.fspath(previous)
    if previous is not None and not isinstance(previous, str):
        problems.append(
            "policybrief_previous_edition must be the path of a policybrief.json "
            f"(relative to conf.py), not {previous!r}; comparing with no previous edition"
        )
        previous = None

    review_after = lookup("policybrief_review_after")
    # bool is an int to Python, but True days is surely a slip.
    if isinstance(review_after, bool) or not isinstance(review_after, int) or review_after < 1:
        problems.append(
            f"policybrief_review_after must be a whole number of days above 0, not "
            f"{review_after!r}; using {DEFAULT_REVIEW_AFTER}"
        )
        review_after = DEFAULT_REVIEW_AFTER
    return {
        "edition": edition.strip(),
        "as_of": as_of,
        "previous_edition": (previous or "").strip() or None,
        "review_after": review_after,
    }


def _lint(value: object, problems: list[str]) -> tuple[tuple[str, LintLevel], ...]:
    levels, found = lint_levels(value)
    problems.extend(found)
    return levels


def _one_of(
    name: str,
    lookup: Callable[[str], Any],
    allowed: Sequence[str],
    default: str,
    problems: list[str],
) -> str:
    value = lookup(name)
    word = " ".join(value.lower().split()) if isinstance(value, str) else value
    if word in allowed:
        return str(word)
    problems.append(
        f"{name} must be one of {', '.join(repr(a) for a in allowed)}, not {value!r}; "
        f"using {default!r}"
    )
    return default


def _export_formats(value: object, problems: list[str]) -> tuple[str, ...]:
    """The data formats to write; unknown names are reported and skipped."""
    if not isinstance(value, list | tuple):
        problems.append("policybrief_export_formats must be a list; writing every format")
        return EXPORT_FORMATS
    chosen = [str(v).lower() for v in value]
    for name in chosen:
        if name not in EXPORT_FORMATS:
            problems.append(
                f"policybrief_export_formats: unknown format {name!r} "
                f"(known: {', '.join(EXPORT_FORMATS)})"
            )
    return tuple(f for f in EXPORT_FORMATS if f in chosen)


#: The keys of a ``policybrief_relations`` item, in the order the docs list them.
RELATION_KEYS = ("name", "outgoing", "incoming", "targets", "acyclic")


def _custom_relations(value: object, problems: list[str]) -> tuple[RelationType, ...]:
    """Extra claim relations declared in conf.py, like sphinx-needs' extra links.

    An item without a usable name is left out; any other bad key is reported and takes
    its default, so the relation still works.
    """
    if not isinstance(value, list | tuple):
        problems.append("policybrief_relations must be a list of mappings")
        return ()
    reserved = reserved_relation_names()
    taken: set[str] = set()
    relations: list[RelationType] = []
    for item in value:
        if not isinstance(item, Mapping):
            problems.append(f"policybrief_relations: {item!r} is not a mapping")
            continue
        name = _relation_name(item, reserved, taken, problems)
        if name is None:
            continue
        relations.append(_relation(name, item, problems))
        taken.add(name)
    return tuple(relations)


def _relation_name(
    item: Mapping[Any, Any], reserved: frozenset[str], taken: set[str], problems: list[str]
) -> str | None:
    written = item.get("name")
    if written is None:
        problems.append(f"policybrief_relations: {dict(item)!r} needs a name; left out")
        return None
    if not isinstance(written, str):
        problems.append(
            f"policybrief_relations: a relation's name must be text, not {written!r}; left out"
        )
        return None
    name = normalise_id(written)
    if not is_valid_id(name):
        problems.append(
            f"policybrief_relations: {written!r} is not a valid name (letters, digits, "
            "'-', '_' and '.'); left out"
        )
    elif name.startswith(REPEAT_MARK):
        # The rST reader renames the earlier copy of a repeated option so.
        problems.append(
            f"policybrief_relations: {name!r}: names starting with {REPEAT_MARK!r} are the "
            "extension's own; choose another name; left out"
        )
    elif name in reserved:
        problems.append(
            f"policybrief_relations: {name!r} is already an option of the object "
            f"directives (:{name}:); choose another name; left out"
        )
    elif name in taken:
        problems.append(f"policybrief_relations: {name!r} is declared twice; the first is kept")
    else:
        return name
    return None


def _relation(name: str, item: Mapping[Any, Any], problems: list[str]) -> RelationType:
    """The relation *item* declares under *name*, each bad key reported and defaulted."""

    def report(message: str) -> None:
        problems.append(f"policybrief_relations: {name!r}: {message}")

    def label(key: str, default: str) -> str:
        written = item.get(key)
        # None and "" are how conf.py says "the default", as before these were checked.
        if written is None or written == "":
            return default
        if isinstance(written, str) and written.strip():
            return " ".join(written.split())
        report(f"{key} must be text, not {written!r}; using {default!r}")
        return default

    outgoing = label("outgoing", name.replace("-", " ").capitalize())
    # Without a label of its own, the other end reads "Based on (from)": the relation's
    # label and the direction, rather than the raw id.
    incoming = label("incoming", f"{outgoing} (from)")

    targets = frozenset({Kind.CLAIM})
    written = item.get("targets", ["claim"])
    kinds = {k.value: k for k in Kind}
    if (
        isinstance(written, list | tuple)
        and written
        and all(isinstance(k, str) and k in kinds for k in written)
    ):
        targets = frozenset(kinds[k] for k in written)
    else:
        report(
            f"targets must be a non-empty list of {', '.join(kinds)}, not {written!r}; "
            "using ['claim']"
        )

    acyclic = item.get("acyclic", False)
    if not isinstance(acyclic, bool):
        report(f"acyclic must be True or False, not {acyclic!r}; using False")
        acyclic = False

    unknown = [key for key in item if key not in RELATION_KEYS]
    for key in unknown:
        report(
            with_suggestion(
                f"unknown key {key!r} (known: {', '.join(RELATION_KEYS)}); ignored",
                closest_words(key, RELATION_KEYS) if isinstance(key, str) else [],
            )
        )
    return RelationType(
        name,
        outgoing,
        incoming[:1].upper() + incoming[1:],
        frozenset({Kind.CLAIM}),
        targets,
        acyclic=acyclic,
    )
