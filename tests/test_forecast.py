"""Forecasts on their own, with no Sphinx: options, probabilities, verdicts, scores, checks."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from sphinxcontrib_policybrief.core.dates import parse_date
from sphinxcontrib_policybrief.core.forecast import (
    ForecastError,
    Verdict,
    brier_score,
    build_forecast,
    called_right,
    forecast_record,
    format_brier,
    midpoint,
    parse_outcome,
    parse_probability,
    verdict,
)
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Claim,
    Forecast,
    Outcome,
    PolicyObject,
    ProbabilitySource,
)
from sphinxcontrib_policybrief.core.problems import Subtype
from sphinxcontrib_policybrief.core.review import (
    build_date,
    overdue_forecasts,
    reference_date,
    unreviewed_key_judgments,
)
from sphinxcontrib_policybrief.core.scales import ICD_203, PHIA, build_scale
from sphinxcontrib_policybrief.core.staleness import page_digest


def forecast_claim(
    ident: str,
    line: int = 1,
    *,
    likelihood: str = "",
    kind: str = "forecast",
    reviewed: str = "",
    **forecast: object,
) -> Claim:
    return Claim(
        id=ident,
        title=ident,
        docname="f",
        lineno=line,
        anchor=ident,
        claim_kind=kind,
        likelihood=likelihood,
        reviewed=parse_date(reviewed) if reviewed else None,
        forecast=Forecast(**forecast) if forecast or kind == "forecast" else None,  # type: ignore[arg-type]
    )


def graph(*objs: PolicyObject) -> BriefGraph:
    records: dict[str, list[PolicyObject]] = {}
    for obj in objs:
        records.setdefault(obj.docname, []).append(obj)
    return BriefGraph(records, {}, BUILTIN_RELATIONS)


# -- reading the options ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.65", 0.65),
        ("65%", 0.65),
        (" 65 % ", 0.65),
        ("0", 0.0),
        ("1", 1.0),
        ("100%", 1.0),
        (".5", 0.5),
        ("12.5%", 0.125),
        # Minus zero is zero, not below it.
        ("-0", 0.0),
        ("-0.0", 0.0),
        ("-0%", 0.0),
        ("-.0", 0.0),
    ],
)
def test_probability_forms(text: str, expected: float) -> None:
    assert parse_probability(text) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1.5", "above 1"),
        ("65", "above 1; for a percentage, write 65%"),
        ("101%", "above 100%"),
        ("-0.1", "below 0"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("1e-1", "not a number"),
        ("٠.٥", "not a number"),
        ("likely", "not a number"),
        ("", "empty"),
    ],
)
def test_bad_probabilities_say_why(text: str, fragment: str) -> None:
    with pytest.raises(ForecastError, match=fragment):
        parse_probability(text)


def test_outcomes() -> None:
    assert parse_outcome("happened") is Outcome.HAPPENED
    assert parse_outcome("Did not happen") is Outcome.DID_NOT_HAPPEN
    assert parse_outcome(" ambiguous ") is Outcome.AMBIGUOUS
    with pytest.raises(ForecastError, match="happened, did-not-happen, ambiguous"):
        parse_outcome("pending")  # pending is written by leaving the option out
    with pytest.raises(ForecastError):
        parse_outcome("yes")


def test_midpoints_on_both_presets_and_a_custom_scale_without_ranges() -> None:
    likely = ICD_203.lookup("likely")
    remote = PHIA.lookup("remote chance")
    assert likely is not None and remote is not None
    assert midpoint(likely) == pytest.approx(0.675)
    assert midpoint(remote) == pytest.approx(0.025)
    bare = build_scale(["maybe", "probably"]).terms[0]
    assert midpoint(bare) is None


def test_stated_probability_wins_and_says_so() -> None:
    forecast, problems = build_forecast(
        {"probability": "65%", "resolves-by": "2020-12-31", "criteria": " Both  sign "},
        claim_kind="forecast",
        likelihood="likely",
        scale=ICD_203,
    )
    assert problems == []
    assert forecast is not None
    assert forecast.probability == pytest.approx(0.65)
    assert forecast.probability_source is ProbabilitySource.STATED
    assert forecast.resolves_by is not None and forecast.resolves_by.edtf == "2020-12-31"
    assert forecast.criteria == "Both sign"
    assert forecast.outcome is Outcome.PENDING


def test_without_a_probability_the_terms_midpoint_is_used() -> None:
    forecast, problems = build_forecast(
        {}, claim_kind="forecast", likelihood="unlikely", scale=PHIA
    )
    assert problems == [] and forecast is not None
    assert forecast.probability == pytest.approx(0.30)
    assert forecast.probability_source is ProbabilitySource.MIDPOINT


def test_custom_scale_without_ranges_gives_no_probability_and_says_so_when_resolved() -> None:
    scale = build_scale(["maybe", "probably"])
    pending, quiet = build_forecast({}, claim_kind="forecast", likelihood="maybe", scale=scale)
    assert quiet == [] and pending is not None
    assert pending.probability is None
    assert pending.probability_source is ProbabilitySource.NONE
    resolved, problems = build_forecast(
        {"outcome": "happened"}, claim_kind="forecast", likelihood="maybe", scale=scale
    )
    assert resolved is not None and verdict(resolved) is Verdict.UNSCORED
    assert [(p.subtype, p.option) for p in problems] == [(Subtype.FORECAST_VALUE, "outcome")]
    assert "'maybe' has no range" in problems[0].message


def test_probability_outside_its_terms_range_is_a_problem_but_kept() -> None:
    forecast, problems = build_forecast(
        {"probability": "0.9"}, claim_kind="forecast", likelihood="likely", scale=ICD_203
    )
    assert forecast is not None and forecast.probability == pytest.approx(0.9)
    (problem,) = problems
    assert problem.subtype is Subtype.FORECAST_VALUE
    assert "90% is outside the range of 'likely' (55–80 %)" in problem.message
    # Bounds are inclusive, and float error at 0.55 * 100 does not count as outside.
    _, edge = build_forecast(
        {"probability": "0.55"}, claim_kind="forecast", likelihood="likely", scale=ICD_203
    )
    assert edge == []


def test_bad_values_are_reported_and_left_out() -> None:
    forecast, problems = build_forecast(
        {"probability": "lots", "outcome": "sort of", "resolves-by": "soon"},
        claim_kind="assessment",
        likelihood="likely",
        scale=ICD_203,
    )
    assert forecast is not None  # forecast options make any claim a forecast
    assert forecast.probability_source is ProbabilitySource.MIDPOINT
    assert forecast.outcome is Outcome.PENDING and forecast.resolves_by is None
    assert [(p.subtype, p.option) for p in problems] == [
        (Subtype.FORECAST_VALUE, "probability"),
        (Subtype.FORECAST_VALUE, "outcome"),
        (Subtype.INVALID_DATE, "resolves-by"),
    ]


def test_a_claim_without_forecast_options_is_not_a_forecast() -> None:
    assert build_forecast(
        {"likelihood": "likely"}, claim_kind="assessment", likelihood="likely", scale=ICD_203
    ) == (None, [])
    forecast, _ = build_forecast({}, claim_kind="forecast", likelihood="", scale=ICD_203)
    assert forecast == Forecast()


# -- verdicts and scores ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("probability", "outcome", "expected"),
    [
        (0.3, Outcome.DID_NOT_HAPPEN, Verdict.RIGHT),  # a right "unlikely" call
        (0.3, Outcome.HAPPENED, Verdict.MISSED),
        (0.7, Outcome.HAPPENED, Verdict.RIGHT),
        (0.7, Outcome.DID_NOT_HAPPEN, Verdict.MISSED),
        (0.5, Outcome.HAPPENED, Verdict.RIGHT),  # 0.5 counts as "it will happen"
        (0.5, Outcome.DID_NOT_HAPPEN, Verdict.MISSED),
        (0.7, Outcome.PENDING, Verdict.PENDING),
        (0.7, Outcome.AMBIGUOUS, Verdict.AMBIGUOUS),
        (None, Outcome.HAPPENED, Verdict.UNSCORED),
    ],
)
def test_verdict(probability: float | None, outcome: Outcome, expected: Verdict) -> None:
    forecast = Forecast(probability=probability, outcome=outcome)
    assert verdict(forecast) is expected


def test_verdict_ignores_status() -> None:
    claim = replace(
        forecast_claim("c", probability=0.3, outcome=Outcome.DID_NOT_HAPPEN), status="refuted"
    )
    assert claim.forecast is not None and verdict(claim.forecast) is Verdict.RIGHT


def test_brier_score_and_unscored_cases() -> None:
    assert brier_score(Forecast(probability=0.65, outcome=Outcome.HAPPENED)) == pytest.approx(
        0.1225
    )
    assert brier_score(Forecast(probability=0.3, outcome=Outcome.DID_NOT_HAPPEN)) == (
        pytest.approx(0.09)
    )
    assert brier_score(Forecast(probability=0.65, outcome=Outcome.AMBIGUOUS)) is None
    assert brier_score(Forecast(probability=0.65)) is None
    assert called_right(Forecast(probability=0.65)) is None


def test_mean_brier_score_against_a_hand_computation() -> None:
    # By hand: (0.65 - 1)^2 = 0.1225, (0.30 - 0)^2 = 0.09, (0.90 - 0)^2 = 0.81;
    # mean = 1.0225 / 3 = 0.340833..., shown as 0.341.
    g = graph(
        forecast_claim(
            "half-deal", 1, likelihood="likely", probability=0.65, outcome=Outcome.HAPPENED
        ),
        forecast_claim(
            "full-package",
            2,
            likelihood="unlikely",
            probability=0.30,
            outcome=Outcome.DID_NOT_HAPPEN,
        ),
        forecast_claim(
            "sure-thing",
            3,
            likelihood="very likely",
            probability=0.90,
            outcome=Outcome.DID_NOT_HAPPEN,
        ),
        forecast_claim(
            "unclear", 4, likelihood="likely", probability=0.6, outcome=Outcome.AMBIGUOUS
        ),
        forecast_claim("open", 5, likelihood="likely", probability=0.6),
    )
    record = forecast_record(g, ICD_203)
    assert record.count == 3
    assert record.mean_brier == pytest.approx(1.0225 / 3, abs=1e-12)
    assert record.mean_brier is not None and format_brier(record.mean_brier) == "0.341"
    assert [s.claim.id for s in record.scored] == ["half-deal", "full-package", "sure-thing"]
    assert [s.right for s in record.scored] == [True, True, False]
    assert [c.id for c in record.ambiguous] == ["unclear"]
    assert [c.id for c in record.pending] == ["open"]


def test_no_resolved_forecasts_have_no_mean() -> None:
    record = forecast_record(graph(forecast_claim("open", probability=0.6)), ICD_203)
    assert record.mean_brier is None and record.count == 0


def test_calibration_by_term() -> None:
    g = graph(
        forecast_claim("a", 1, likelihood="likely", outcome=Outcome.HAPPENED, probability=0.675),
        forecast_claim(
            "b", 2, likelihood="probable", outcome=Outcome.DID_NOT_HAPPEN, probability=0.675
        ),
        forecast_claim("c", 3, likelihood="likely", outcome=Outcome.HAPPENED, probability=0.675),
        forecast_claim(
            "d", 4, likelihood="unlikely", outcome=Outcome.DID_NOT_HAPPEN, probability=0.3
        ),
        forecast_claim("e", 5, likelihood="likely", outcome=Outcome.AMBIGUOUS, probability=0.675),
        forecast_claim("f", 6, likelihood="likely", probability=0.675),
    )
    rows = {row.term.term: row for row in forecast_record(g, ICD_203).calibration}
    assert list(rows) == [t.term for t in ICD_203.terms]  # every term, in scale order
    likely = rows["likely"]
    assert (likely.count, likely.happened) == (3, 2)  # the synonym counts; open ones do not
    assert likely.frequency == pytest.approx(2 / 3)
    assert (likely.term.low, likely.term.high) == (55, 80)
    assert rows["unlikely"].frequency == 0.0
    assert rows["very likely"].count == 0 and rows["very likely"].frequency is None


def test_pending_forecasts_by_deadline_undated_last() -> None:
    g = graph(
        forecast_claim("later", 1, resolves_by=parse_date("2021")),
        forecast_claim("none", 2),
        forecast_claim("sooner", 3, resolves_by=parse_date("2020-06")),
    )
    assert [c.id for c in forecast_record(g, ICD_203).pending] == ["sooner", "later", "none"]


def test_forecast_fields_are_pickled_and_fingerprinted() -> None:
    claim = forecast_claim(
        "c", probability=0.65, resolves_by=parse_date("2020-12-31"), reviewed="2019-12-20"
    )
    assert pickle.loads(pickle.dumps(claim)) == claim

    def own_page(obj: Claim) -> str:  # the page that defines the claim
        return page_digest(graph(obj), [obj], [], [], lambda docname: "")

    def linking_page(obj: Claim) -> str:  # a page elsewhere that links to it
        return page_digest(graph(obj), [], ["c"], [], lambda docname: "")

    for changed in (
        replace(claim, forecast=replace(claim.forecast, outcome=Outcome.HAPPENED)),  # type: ignore[type-var]
        replace(claim, forecast=replace(claim.forecast, criteria="Signed")),  # type: ignore[type-var]
        replace(claim, reviewed=parse_date("2020-01")),
    ):
        assert own_page(changed) != own_page(claim)
        assert linking_page(changed) != linking_page(claim)


# -- the date-dependent checks ---------------------------------------------------------------


def test_build_date_honours_source_date_epoch() -> None:
    now = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert build_date({}, now=now) == (date(2026, 12, 1), [])
    assert build_date({"SOURCE_DATE_EPOCH": "1577836800"}, now=now) == (date(2020, 1, 1), [])
    for junk in ("soon", "+5", "1_000", "-1", "1.5"):
        day, problems = build_date({"SOURCE_DATE_EPOCH": junk}, now=now)
        assert day == date(2026, 12, 1) and "SOURCE_DATE_EPOCH" in problems[0]
    day, problems = build_date({"SOURCE_DATE_EPOCH": "9" * 30}, now=now)
    assert day == date(2026, 12, 1) and "out of range" in problems[0]


def test_reference_date() -> None:
    assert reference_date(parse_date("2019-12"), date(2026, 1, 1)) == date(2019, 12, 31)
    assert reference_date(None, date(2026, 1, 1)) == date(2026, 1, 1)


def test_overdue_forecasts() -> None:
    g = graph(
        forecast_claim("due", 1, resolves_by=parse_date("2020")),
        forecast_claim("resolved", 2, resolves_by=parse_date("2019"), outcome=Outcome.HAPPENED),
        forecast_claim("open-ended", 3, resolves_by=parse_date("2019/..")),
        forecast_claim("no-date", 4),
        forecast_claim("future", 5, resolves_by=parse_date("2030")),
    )
    assert overdue_forecasts(g, date(2020, 12, 31)) == []  # "2020" runs to its last day
    (problem,) = overdue_forecasts(g, date(2021, 1, 1))
    assert problem.subtype is Subtype.FORECAST_OVERDUE
    assert (problem.docname, problem.lineno) == ("f", 1)
    assert "'due' was to resolve by 2020 and has no :outcome: on 2021-01-01" in problem.message


def test_unreviewed_key_judgments() -> None:
    g = graph(
        forecast_claim("fresh", 1, kind="key-judgment", reviewed="2019-06"),
        forecast_claim("stale", 2, kind="key-judgment", reviewed="2018-06-29"),
        forecast_claim("never", 3, kind="key-judgment"),
        forecast_claim("other", 4, kind="assessment", reviewed="2000"),
    )
    as_of = date(2019, 6, 30)
    problems = unreviewed_key_judgments(g, as_of, 365)
    assert [(p.subtype, p.lineno) for p in problems] == [
        (Subtype.REVIEW_OVERDUE, 2),
        (Subtype.REVIEW_OVERDUE, 3),
    ]
    assert "reviewed 29 June 2018 (2018-06-29), 366 days before 2019-06-30" in (problems[0].message)
    assert "no :reviewed:" in problems[1].message
    # Exactly the limit is still within it.
    assert len(unreviewed_key_judgments(g, date(2019, 6, 29), 365)) == 1


def test_a_review_limit_of_any_size_is_a_limit() -> None:
    # timedelta stops at 999999999 days; the setting is any whole number above 0.
    g = graph(
        forecast_claim("old", 1, kind="key-judgment", reviewed="0001"),
        forecast_claim("never", 2, kind="key-judgment"),
    )
    for limit in (10**9, 10**30):
        problems = unreviewed_key_judgments(g, date(9999, 12, 31), limit)
        assert [p.lineno for p in problems] == [2]
    (stale, _) = unreviewed_key_judgments(g, date(9999, 12, 31), 1)
    assert "the limit is 1 days" in stale.message


def test_minus_zero_is_read_as_zero() -> None:
    assert str(parse_probability("-0")) == "0.0"  # not -0.0, shown as "-0%"


def test_a_resolved_forecast_without_a_likelihood_says_the_claim_has_none() -> None:
    _, problems = build_forecast(
        {"outcome": "happened"}, claim_kind="forecast", likelihood="", scale=ICD_203
    )
    (problem,) = problems
    # The scale has terms; what is missing is the claim's own :likelihood:.
    assert "there is no likelihood term on the scale" not in problem.message
    assert "no :likelihood:" in problem.message and "give :probability:" in problem.message
