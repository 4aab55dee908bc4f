"""Analytic lint: optional checks of analytic craft, one table of rules, one setting.

A rule looks at the merged project (and its ACH matrices) and returns problems. Each
rule has a name (what ``policybrief_lint`` uses), a warning subtype ``lint-<name>`` (what
``suppress_warnings`` uses) and a level under the ``"recommended"`` preset. Lint is off
by default, so a project that builds clean with ``-W`` today still does after an upgrade.

``policybrief_lint`` is one of:

``"none"`` (the default)
    no rule runs;
``"recommended"``
    every rule at its recommended level (``"warning"``, ``"info"`` or ``"off"``);
``"all"``
    every rule, as a warning;
a mapping ``{rule name: "warning" | "info" | "off"}``
    the rules named, at those levels; a rule not named is off.

A new rule (the sources and forecast checks add theirs) is one :class:`LintRule` in
:data:`RULES`, one :class:`~.problems.Subtype` and one entry in the warnings reference.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .ach import AchMatrix
from .argument_map import ArgumentMapRequest
from .dates import FuzzyDate
from .graph import BriefGraph
from .model import Claim, Kind, PolicyObject, ViewRequest
from .problems import Problem, Subtype, with_article
from .review import overdue_forecasts, unreviewed_key_judgments
from .scales import ADMIRALTY_RELIABILITY, WEAK_RELIABILITY, GradeScale
from .sources import citing, evidence_base
from .suggest import closest_words, with_suggestion

SETTING = "policybrief_lint"


class LintLevel(enum.StrEnum):
    OFF = "off"
    INFO = "info"
    WARNING = "warning"


class LintPreset(enum.StrEnum):
    NONE = "none"
    RECOMMENDED = "recommended"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class LintContext:
    """What a rule may look at."""

    graph: BriefGraph
    matrices: tuple[AchMatrix, ...] = ()
    # Forecasts and review (core/review.py): the build date (SOURCE_DATE_EPOCH when set),
    # policybrief_as_of and policybrief_review_after.
    today: date | None = None
    as_of: FuzzyDate | None = None
    review_after: int = 365  # settings.DEFAULT_REVIEW_AFTER (settings imports this module)
    reliability: GradeScale = ADMIRALTY_RELIABILITY  # for the sources rules
    # The views and argument maps of the project, in document order (view-options).
    views: tuple[ViewRequest, ...] = ()
    maps: tuple[ArgumentMapRequest, ...] = ()


@dataclass(frozen=True, slots=True)
class LintRule:
    name: str
    subtype: Subtype
    recommended: LintLevel
    description: str
    check: Callable[[LintContext], list[Problem]] = field(compare=False)


@dataclass(frozen=True, slots=True)
class LintFinding:
    """A problem a rule found, with the level it is to be reported at."""

    level: LintLevel
    rule: str
    problem: Problem


def _at(obj: PolicyObject, subtype: Subtype, message: str, lineno: int = 0) -> Problem:
    return Problem(subtype, message, obj.docname, lineno or obj.lineno, obj.srcfile)


def _claims(graph: BriefGraph) -> Iterable[Claim]:
    return (o for o in graph.sorted_objects(Kind.CLAIM) if isinstance(o, Claim))


def check_key_judgment_scales(context: LintContext) -> list[Problem]:
    """ICD 203, standard 1: a key judgment states both its likelihood and its confidence."""
    problems = []
    for claim in _claims(context.graph):
        if claim.claim_kind != "key-judgment":
            continue
        missing = [name for name in ("likelihood", "confidence") if not getattr(claim, name)]
        if missing:
            problems.append(
                _at(
                    claim,
                    Subtype.LINT_KEY_JUDGMENT_SCALES,
                    f"key judgment {claim.id!r} gives no :{'/'.join(missing)}: "
                    "(ICD 203 asks every key judgment for its likelihood and its confidence)",
                )
            )
    return problems


def check_contradiction_without_paradox(context: LintContext) -> list[Problem]:
    """Two claims that contradict each other, and no paradox names them both."""
    graph = context.graph
    named: set[frozenset[str]] = set()
    for paradox in graph.sorted_objects(Kind.PARADOX):
        members = graph.related(paradox.id, "claims", incoming=False)
        named |= {frozenset((a, b)) for a in members for b in members if a != b}
    problems = []
    seen: set[frozenset[str]] = set()
    for claim in _claims(graph):
        for link in claim.links:
            pair = frozenset((claim.id, link.target))
            if (
                link.relation != "contradicts"
                or link.target not in graph.objects
                or len(pair) < 2
                or pair in seen
            ):
                continue
            seen.add(pair)
            if pair not in named:
                problems.append(
                    _at(
                        claim,
                        Subtype.LINT_CONTRADICTION_WITHOUT_PARADOX,
                        f"claims {claim.id!r} and {link.target!r} contradict each other, but "
                        "no paradox names them both: say how the brief holds the tension",
                        link.lineno,
                    )
                )
    return problems


def check_supports_and_attacks(context: LintContext) -> list[Problem]:
    """A claim that both supports and attacks the same claim."""
    problems = []
    for claim in _claims(context.graph):
        attacked = set(claim.targets("attacks"))
        for link in claim.links:
            if link.relation == "supports" and link.target in attacked:
                problems.append(
                    _at(
                        claim,
                        Subtype.LINT_SUPPORTS_AND_ATTACKS,
                        f"claim {claim.id!r} both supports and attacks {link.target!r}",
                        link.lineno,
                    )
                )
                attacked.discard(link.target)
    return problems


def check_ach_size(context: LintContext) -> list[Problem]:
    """An ACH matrix too small to compare hypotheses: under three rows or two hypotheses."""
    problems = []
    for matrix in sorted(context.matrices, key=lambda m: (m.docname, m.lineno, m.id)):
        too_few = []
        if len(matrix.hypotheses) < 2:
            too_few.append(f"{len(matrix.hypotheses)} hypothesis(es), fewer than 2")
        if len(matrix.rows) < 3:
            too_few.append(f"{len(matrix.rows)} evidence row(s), fewer than 3")
        if too_few:
            problems.append(
                Problem(
                    Subtype.LINT_ACH_SIZE,
                    f"ach-matrix {matrix.id!r} has {' and '.join(too_few)}: too small to tell "
                    "hypotheses apart",
                    matrix.docname,
                    matrix.lineno,
                    matrix.srcfile,
                )
            )
    return problems


def check_view_options(context: LintContext) -> list[Problem]:
    """Options that each name something real but leave a view showing less than they
    seem to ask for: ``:from:`` after ``:to:`` (were they swapped?), an ``:actors:`` id
    that is another kind of object's, an argument map's ``:root:`` that is not a claim.
    Values nobody has are ``view-option`` and ``unknown-ref`` warnings already."""
    graph = context.graph
    found: list[tuple[ViewRequest | ArgumentMapRequest, str]] = []

    def kind_of(ident: str) -> str:
        return with_article(graph.objects[ident].kind.label.lower())

    for view in context.views:
        start, end = view.date_from, view.date_to
        if start and end and start.lower and end.upper and start.lower > end.upper:
            found.append(
                (
                    view,
                    f"{view.view}: :from: {start.edtf} begins after :to: {end.edtf} ends, so "
                    "only an event that spans both is shown; were they swapped?",
                )
            )
        for actor in view.actors:
            obj = graph.objects.get(actor)
            if obj is not None and obj.kind is not Kind.ACTOR:
                found.append(
                    (
                        view,
                        f"{view.view}: :actors: names {actor!r}, which is {kind_of(actor)}, "
                        "not an actor: it selects nothing",
                    )
                )
    for request in context.maps:
        root = graph.objects.get(request.root) if request.root else None
        if root is not None and root.kind is not Kind.CLAIM:
            found.append(
                (
                    request,
                    f"argument-map: :root: names {request.root!r}, which is "
                    f"{kind_of(request.root)}, not a claim: the map shows what it is linked "
                    "to by the map's relations, not an argument",
                )
            )
    return [
        Problem(Subtype.LINT_VIEW_OPTIONS, message, where.docname, where.lineno, where.srcfile)
        for where, message in found
    ]


def check_forecast_overdue(context: LintContext) -> list[Problem]:
    """A pending forecast whose ``:resolves-by:`` date has passed by the build date."""
    if context.today is None:
        return []
    return overdue_forecasts(context.graph, context.today)


def check_review_overdue(context: LintContext) -> list[Problem]:
    """Key judgments not reviewed within ``policybrief_review_after`` days of
    ``policybrief_as_of``; runs only when ``policybrief_as_of`` is set."""
    if context.as_of is None or context.as_of.upper is None:
        return []
    return unreviewed_key_judgments(context.graph, context.as_of.upper, context.review_after)


# -- sources -------------------------------------------------------------------------------


def _key_judgments(graph: BriefGraph) -> Iterable[Claim]:
    return (c for c in _claims(graph) if c.claim_kind == "key-judgment")


def check_key_judgment_evidence(context: LintContext) -> list[Problem]:
    """A key judgment that names no evidence, no source, and no claim supporting it."""
    graph = context.graph
    problems = []
    for claim in _key_judgments(graph):
        if not (
            graph.related(claim.id, "evidence", incoming=False)
            or graph.related(claim.id, "sources", incoming=False)
            or graph.related(claim.id, "supports", incoming=True)
        ):
            problems.append(
                _at(
                    claim,
                    Subtype.LINT_KEY_JUDGMENT_EVIDENCE,
                    f"key judgment {claim.id!r} rests on no evidence at all: name its "
                    ":evidence:, its :sources: or the claims that support it",
                )
            )
    return problems


def check_single_source(context: LintContext) -> list[Problem]:
    """A key judgment whose whole evidence base is one source."""
    problems = []
    for claim in _key_judgments(context.graph):
        base = evidence_base(context.graph, claim.id, context.reliability)
        if base.count == 1:
            problems.append(
                _at(
                    claim,
                    Subtype.LINT_SINGLE_SOURCE,
                    f"key judgment {claim.id!r} rests on a single source ({base.sources[0]!r}): "
                    "look for corroboration",
                )
            )
    return problems


def _weak(code: str, scale: GradeScale) -> bool:
    if scale == ADMIRALTY_RELIABILITY:
        return code in WEAK_RELIABILITY
    # A custom scale: its lower half, as D-F are the lower half of A-F.
    return scale.rank(code) >= len(scale.grades) // 2


def check_weak_sources(context: LintContext) -> list[Problem]:
    """A key judgment all of whose sources are of reliability D, E or F (or ungraded)."""
    graph, scale = context.graph, context.reliability
    problems = []
    for claim in _key_judgments(graph):
        base = evidence_base(graph, claim.id, scale)
        if not base.count:
            continue
        codes = [getattr(graph.objects[i], "reliability", "") for i in base.sources]
        if all(not code or _weak(code, scale) for code in codes):
            problems.append(
                _at(
                    claim,
                    Subtype.LINT_WEAK_SOURCES,
                    f"key judgment {claim.id!r} rests only on sources of low or unknown "
                    f"reliability ({', '.join(c or '?' for c in codes)})",
                )
            )
    return problems


def check_uncited_source(context: LintContext) -> list[Problem]:
    """A source that no claim or event cites."""
    graph = context.graph
    return [
        _at(
            source,
            Subtype.LINT_UNCITED_SOURCE,
            f"source {source.id!r} is cited by nothing: name it in :sources: or :evidence:",
        )
        for source in graph.sorted_objects(Kind.SOURCE)
        if not citing(graph, source.id)
    ]


#: Every rule, in the order the docs list them and findings are reported.
RULES: tuple[LintRule, ...] = (
    LintRule(
        "key-judgment-scales",
        Subtype.LINT_KEY_JUDGMENT_SCALES,
        LintLevel.WARNING,
        "a key judgment without :likelihood: or without :confidence: (ICD 203, standard 1)",
        check_key_judgment_scales,
    ),
    LintRule(
        "contradiction-without-paradox",
        Subtype.LINT_CONTRADICTION_WITHOUT_PARADOX,
        # A rival claim the brief refutes needs no paradox: a nudge, not a fault.
        LintLevel.INFO,
        "two claims that contradict each other with no paradox naming both",
        check_contradiction_without_paradox,
    ),
    LintRule(
        "supports-and-attacks",
        Subtype.LINT_SUPPORTS_AND_ATTACKS,
        LintLevel.WARNING,
        "a claim that both supports and attacks the same claim",
        check_supports_and_attacks,
    ),
    LintRule(
        "ach-size",
        Subtype.LINT_ACH_SIZE,
        LintLevel.WARNING,
        "an ach-matrix with fewer than three evidence rows or fewer than two hypotheses",
        check_ach_size,
    ),
    LintRule(
        "view-options",
        Subtype.LINT_VIEW_OPTIONS,
        LintLevel.WARNING,
        "a view or argument map whose :from: is after its :to:, whose :actors: names an "
        "object that is not an actor, or whose :root: is not a claim",
        check_view_options,
    ),
    # Forecasts and review: their subtypes are the rule names, without "lint-".
    LintRule(
        "forecast-overdue",
        Subtype.FORECAST_OVERDUE,
        LintLevel.WARNING,
        "a pending forecast whose :resolves-by: date is past the build date",
        check_forecast_overdue,
    ),
    LintRule(
        "review-overdue",
        Subtype.REVIEW_OVERDUE,
        LintLevel.WARNING,
        "a key judgment not reviewed within policybrief_review_after days of policybrief_as_of",
        check_review_overdue,
    ),
    # Sources
    LintRule(
        "key-judgment-evidence",
        Subtype.LINT_KEY_JUDGMENT_EVIDENCE,
        LintLevel.WARNING,
        "a key judgment with no evidence, no source and no supporting claim",
        check_key_judgment_evidence,
    ),
    LintRule(
        "single-source",
        Subtype.LINT_SINGLE_SOURCE,
        LintLevel.WARNING,
        "a key judgment whose evidence base is a single source",
        check_single_source,
    ),
    LintRule(
        "weak-sources",
        Subtype.LINT_WEAK_SOURCES,
        LintLevel.WARNING,
        "a key judgment resting only on sources of reliability D, E or F (or ungraded)",
        check_weak_sources,
    ),
    LintRule(
        "uncited-source",
        Subtype.LINT_UNCITED_SOURCE,
        # A reading list may hold sources kept for later: only "all" turns this on.
        LintLevel.OFF,
        "a source that no claim or event cites",
        check_uncited_source,
    ),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


def lint_levels(value: object) -> tuple[tuple[tuple[str, LintLevel], ...], list[str]]:
    """The level of every rule from a ``policybrief_lint`` value, and the messages about
    what could not be used (an unusable value turns lint off; an unknown rule or level in
    a mapping is skipped)."""
    problems: list[str] = []
    levels = {rule.name: LintLevel.OFF for rule in RULES}
    if isinstance(value, str) and value.strip().lower() in set(LintPreset):
        preset = LintPreset(value.strip().lower())
        for rule in RULES:
            if preset is LintPreset.RECOMMENDED:
                levels[rule.name] = rule.recommended
            elif preset is LintPreset.ALL:
                levels[rule.name] = LintLevel.WARNING
    elif isinstance(value, Mapping):
        for name, level in value.items():
            if name not in RULES_BY_NAME:
                message = f"{SETTING}: unknown rule {name!r} (rules: {', '.join(RULES_BY_NAME)})"
                near = closest_words(str(name), tuple(RULES_BY_NAME))
                problems.append(with_suggestion(message, near))
            elif not isinstance(level, str) or level.strip().lower() not in set(LintLevel):
                problems.append(
                    f"{SETTING}: rule {name!r}: level must be 'warning', 'info' or 'off', "
                    f"not {level!r}; the rule is off"
                )
            else:
                levels[name] = LintLevel(level.strip().lower())
    else:
        problems.append(
            f"{SETTING} must be 'none', 'recommended', 'all' or a mapping of rule names to "
            f"'warning', 'info' or 'off', not {value!r}; lint is off"
        )
    return tuple(levels.items()), problems


def run_lint(
    levels: Iterable[tuple[str, LintLevel]] | Mapping[str, LintLevel], context: LintContext
) -> list[LintFinding]:
    """The findings of every rule that is on, in the order of :data:`RULES`."""
    chosen = dict(levels.items() if isinstance(levels, Mapping) else levels)
    findings: list[LintFinding] = []
    for rule in RULES:
        level = chosen.get(rule.name, LintLevel.OFF)
        if level is LintLevel.OFF:
            continue
        findings += [LintFinding(level, rule.name, p) for p in rule.check(context)]
    return findings
