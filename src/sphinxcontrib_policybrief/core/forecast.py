"""Forecasts: reading their options, the effective probability, verdicts, Brier scores, calibration.

Plain Python: the claim directive hands the option texts to :func:`build_forecast` and
stores the :class:`~.model.Forecast` it returns on the claim; the forecast views read
:func:`forecast_record`. See ``docs/explanation/forecasts.md`` for what the numbers mean.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .dates import DateError, FuzzyDate, parse_date
from .graph import BriefGraph
from .model import Claim, Forecast, Kind, Outcome, ProbabilitySource
from .problems import Subtype
from .scales import LikelihoodScale, LikelihoodTerm

__all__ = [
    "FORECAST_OPTIONS",
    "CalibrationRow",
    "ForecastError",
    "ForecastProblem",
    "ForecastRecord",
    "ScoredForecast",
    "Verdict",
    "brier_score",
    "build_forecast",
    "called_right",
    "forecast_claims",
    "forecast_record",
    "format_brier",
    "midpoint",
    "parse_outcome",
    "parse_probability",
    "verdict",
]

#: The claim options that make a claim a forecast (besides ``:kind: forecast``).
FORECAST_OPTIONS = ("probability", "resolves-by", "criteria", "outcome", "outcome-date")
#: The claim kind that is a forecast even without forecast options.
FORECAST_KIND = "forecast"

# ASCII digits only, as in dates.py: float() also reads "nan", "inf", "1e-1" and other
# scripts' digits, none of which an author means as a probability.
_NUMBER = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(?P<percent>%?)")
# Percentages on a scale are written with a few decimals at most; this absorbs the float
# error of 0.65 * 100 without letting a real difference through.
_RANGE_TOLERANCE = 1e-9


class ForecastError(ValueError):
    """A ``:probability:`` or ``:outcome:`` value that cannot be used; the message says why."""


class Verdict(enum.StrEnum):
    """What a forecast's badge says; the value is the label's message key.

    Independent of ``:status:``, which says whether the *statement* is true: a right
    "unlikely" call that did not happen is a right call, not a refuted claim.
    """

    RIGHT = "right call"
    MISSED = "missed"
    PENDING = "pending"
    AMBIGUOUS = "ambiguous"
    UNSCORED = "not scored"  # resolved, but there is no probability to judge it by


@dataclass(frozen=True, slots=True)
class ForecastProblem:
    """A bad forecast option, for the directive to warn about at its line."""

    subtype: Subtype
    option: str
    message: str


def parse_probability(text: str) -> float:
    """``0.65`` or ``65%`` as a probability in [0, 1]; raises :class:`ForecastError`."""
    raw = text.strip() if isinstance(text, str) else ""
    match = _NUMBER.fullmatch(raw)
    negated = _NUMBER.fullmatch(raw.removeprefix("-")) if match is None else None
    if negated is not None:
        # "-0" is zero, not below it; + 0.0 turns -0.0 into 0.0, which shows as "0%".
        if float(negated["number"]) == 0:
            return 0.0
        raise ForecastError(f"probability {raw!r} is below 0")
    if match is None:
        raise ForecastError(
            f"probability {raw!r} is not a number; write it as 0.65 or 65%"
            if raw
            else "the probability is empty; write it as 0.65 or 65%"
        )
    value = float(match["number"])
    if match["percent"]:
        if value > 100:
            raise ForecastError(f"probability {raw!r} is above 100%")
        return value / 100
    if value > 1:
        hint = f"; for a percentage, write {raw}%" if value <= 100 else ""
        raise ForecastError(f"probability {raw!r} is above 1{hint}")
    return value


def parse_outcome(text: str) -> Outcome:
    """``happened``, ``did-not-happen`` or ``ambiguous``; raises :class:`ForecastError`."""
    word = "-".join(text.lower().split()) if isinstance(text, str) else ""
    written = (Outcome.HAPPENED, Outcome.DID_NOT_HAPPEN, Outcome.AMBIGUOUS)
    for outcome in written:
        if word == outcome.value:
            return outcome
    choices = ", ".join(o.value for o in written)
    raise ForecastError(
        f"outcome {text.strip()!r} is not one of {choices} (leave :outcome: out while pending)"
    )


def midpoint(term: LikelihoodTerm) -> float | None:
    """The middle of *term*'s range as a probability, or None when the term has no range."""
    if term.low is None or term.high is None:
        return None
    return (term.low + term.high) / 200


def _in_range(probability: float, term: LikelihoodTerm) -> bool:
    if term.low is None or term.high is None:
        return True
    percent = probability * 100
    return term.low - _RANGE_TOLERANCE <= percent <= term.high + _RANGE_TOLERANCE


def _date(
    options: Mapping[str, str], name: str, problems: list[ForecastProblem]
) -> FuzzyDate | None:
    if name not in options:
        return None
    try:
        return parse_date(options[name])
    except DateError as exc:
        problems.append(ForecastProblem(Subtype.INVALID_DATE, name, f":{name}: {exc}"))
        return None


def build_forecast(
    options: Mapping[str, str],
    *,
    claim_kind: str,
    likelihood: str,
    scale: LikelihoodScale,
) -> tuple[Forecast | None, list[ForecastProblem]]:
    """The forecast a claim's options describe, and the problems found in them.

    *options* maps option names (``probability``, ``resolves-by``, ...) to the text
    written; others are ignored. A claim is a forecast when its kind is ``forecast`` or
    it has any forecast option; otherwise the result is ``(None, [])``. A bad value is
    reported and left out, so the rest of the forecast is still recorded.
    """
    given = {name: options[name] for name in FORECAST_OPTIONS if name in options}
    if not given and claim_kind != FORECAST_KIND:
        return None, []
    problems: list[ForecastProblem] = []
    term = scale.lookup(likelihood) if likelihood else None

    stated: float | None = None
    if "probability" in given:
        try:
            stated = parse_probability(given["probability"])
        except ForecastError as exc:
            problems.append(ForecastProblem(Subtype.FORECAST_VALUE, "probability", str(exc)))
    if stated is not None and term is not None and not _in_range(stated, term):
        problems.append(
            ForecastProblem(
                Subtype.FORECAST_VALUE,
                "probability",
                f"probability {stated * 100:g}% is outside the range of {term.term!r} "
                f"({term.range_label}) on the {scale.name} scale",
            )
        )

    probability: float | None
    if stated is not None:
        probability, source = stated, ProbabilitySource.STATED
    else:
        probability = midpoint(term) if term is not None else None
        source = ProbabilitySource.MIDPOINT if probability is not None else ProbabilitySource.NONE

    outcome = Outcome.PENDING
    if "outcome" in given:
        try:
            outcome = parse_outcome(given["outcome"])
        except ForecastError as exc:
            problems.append(ForecastProblem(Subtype.FORECAST_VALUE, "outcome", str(exc)))
    if probability is None and outcome in (Outcome.HAPPENED, Outcome.DID_NOT_HAPPEN):
        why = (
            f"{term.term!r} has no range on the {scale.name} scale"
            if term is not None
            else "the claim has no :likelihood: term of the scale to take one from"
        )
        problems.append(
            ForecastProblem(
                Subtype.FORECAST_VALUE,
                "outcome",
                f"this forecast resolved but cannot be scored: {why}; give :probability:",
            )
        )

    forecast = Forecast(
        probability=probability,
        probability_source=source,
        resolves_by=_date(given, "resolves-by", problems),
        criteria=" ".join(given.get("criteria", "").split()),
        outcome=outcome,
        outcome_date=_date(given, "outcome-date", problems),
    )
    return forecast, problems


# -- scoring -----------------------------------------------------------------------------


def _happened(outcome: Outcome) -> bool | None:
    if outcome is Outcome.HAPPENED:
        return True
    if outcome is Outcome.DID_NOT_HAPPEN:
        return False
    return None


def called_right(forecast: Forecast) -> bool | None:
    """Whether the call was right; None when pending, ambiguous or without a probability.

    The call is "it will happen" at p ≥ 0.5 and "it will not" below, as the forecast
    reference documents; so a forecast of exactly 0.5 counts as a call that it will
    happen. Its Brier score is 0.25 whatever happens, which is the honest measure.
    """
    happened = _happened(forecast.outcome)
    if happened is None or forecast.probability is None:
        return None
    return (forecast.probability >= 0.5) == happened


def brier_score(forecast: Forecast) -> float | None:
    """(p − o)², o = 1 if it happened and 0 if not; None when it cannot be scored."""
    happened = _happened(forecast.outcome)
    if happened is None or forecast.probability is None:
        return None
    return (forecast.probability - (1.0 if happened else 0.0)) ** 2


def verdict(forecast: Forecast) -> Verdict:
    """The badge of a forecast, from its outcome and probability only (never ``:status:``)."""
    if forecast.outcome is Outcome.PENDING:
        return Verdict.PENDING
    if forecast.outcome is Outcome.AMBIGUOUS:
        return Verdict.AMBIGUOUS
    right = called_right(forecast)
    if right is None:
        return Verdict.UNSCORED
    return Verdict.RIGHT if right else Verdict.MISSED


def format_brier(value: float) -> str:
    """A Brier score as pages show it: three decimals (data keeps full precision)."""
    return f"{value:.3f}"


# -- the record of a whole brief -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoredForecast:
    """A resolved yes/no forecast with a probability: what the record's table lists."""

    claim: Claim
    probability: float
    happened: bool
    brier: float
    right: bool


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    """One likelihood term: its stated range against how often its forecasts happened."""

    term: LikelihoodTerm
    count: int  # resolved (happened or did-not-happen) forecasts using the term
    happened: int

    @property
    def frequency(self) -> float | None:
        """The share that happened, 0..1; None when no forecast used the term."""
        return self.happened / self.count if self.count else None


@dataclass(frozen=True, slots=True)
class ForecastRecord:
    """Every forecast of a brief, sorted into what the ``forecast-record`` view shows."""

    scored: tuple[ScoredForecast, ...]  # reading order
    pending: tuple[Claim, ...]  # by resolves-by date, undated last
    ambiguous: tuple[Claim, ...]
    unscored: tuple[Claim, ...]  # resolved, but without a probability
    calibration: tuple[CalibrationRow, ...]  # one row per term of the scale, in its order

    @property
    def count(self) -> int:
        """How many forecasts the mean Brier score is over."""
        return len(self.scored)

    @property
    def mean_brier(self) -> float | None:
        """The mean Brier score of the scored forecasts, full precision; None if none."""
        if not self.scored:
            return None
        return math.fsum(s.brier for s in self.scored) / len(self.scored)


def forecast_claims(graph: BriefGraph) -> list[Claim]:
    """Every claim that is a forecast, in reading order (duplicates left out)."""
    return [
        obj
        for obj in graph.sorted_objects(Kind.CLAIM)
        if isinstance(obj, Claim) and obj.forecast is not None
    ]


def forecast_record(
    graph: BriefGraph, scale: LikelihoodScale, only: Collection[str] | None = None
) -> ForecastRecord:
    """Scores, open forecasts and calibration of every forecast in *graph* (or of those
    whose ids are in *only*, when a view filters them)."""
    scored: list[ScoredForecast] = []
    pending: list[Claim] = []
    ambiguous: list[Claim] = []
    unscored: list[Claim] = []
    per_term: dict[str, list[bool]] = {row.term: [] for row in scale.terms}
    for claim in forecast_claims(graph):
        if only is not None and claim.id not in only:
            continue
        forecast = claim.forecast
        assert forecast is not None  # forecast_claims keeps only these
        happened = _happened(forecast.outcome)
        if forecast.outcome is Outcome.PENDING:
            pending.append(claim)
        elif happened is None:
            ambiguous.append(claim)
        else:
            term = scale.lookup(claim.likelihood) if claim.likelihood else None
            if term is not None:
                per_term[term.term].append(happened)
            brier = brier_score(forecast)
            right = called_right(forecast)
            if brier is None or right is None or forecast.probability is None:
                unscored.append(claim)
            else:
                scored.append(ScoredForecast(claim, forecast.probability, happened, brier, right))
    pending.sort(key=_pending_order)
    calibration = tuple(
        CalibrationRow(row, len(per_term[row.term]), sum(per_term[row.term])) for row in scale.terms
    )
    return ForecastRecord(
        tuple(scored), tuple(pending), tuple(ambiguous), tuple(unscored), calibration
    )


def _pending_order(claim: Claim) -> tuple[int, int, str, int, str]:
    """Soonest deadline first; forecasts without one last; then reading order."""
    due = claim.forecast.resolves_by if claim.forecast else None
    if due is None or due.upper is None:
        return (1, 0, claim.docname, claim.lineno, claim.id)
    return (0, due.upper.toordinal(), claim.docname, claim.lineno, claim.id)
