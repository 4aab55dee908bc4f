"""Checks that depend on the date a brief is judged at: overdue forecasts, stale key judgments.

They return :class:`~.problems.Problem` records for the lint machinery to report; the
date comes from :func:`build_date` (reproducible with ``SOURCE_DATE_EPOCH``) or from
``policybrief_as_of`` (:func:`reference_date`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from .dates import FuzzyDate
from .graph import BriefGraph
from .model import Claim, Kind, Outcome
from .problems import Problem, Subtype

#: The claim kind whose review dates are checked.
KEY_JUDGMENT_KIND = "key-judgment"


def build_date(
    environ: Mapping[str, str], *, now: datetime | None = None
) -> tuple[date, list[str]]:
    """The day the build judges dates by, and any problem with ``SOURCE_DATE_EPOCH``.

    With ``SOURCE_DATE_EPOCH`` set (reproducible builds), its UTC day; otherwise today's
    UTC day (*now*, for tests). A value that is not a whole number of seconds, or out of
    range, is reported and today is used.
    """
    today = (now or datetime.now(UTC)).astimezone(UTC).date()
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or not raw.strip():
        return today, []
    text = raw.strip()
    # int() also reads "+5", "1_000" and other scripts' digits; the variable is defined as
    # ASCII decimal digits.
    if not text.isascii() or not text.isdigit():
        return today, [
            f"SOURCE_DATE_EPOCH {raw!r} is not a whole number of seconds; using today's date"
        ]
    try:
        return datetime.fromtimestamp(int(text), UTC).date(), []
    except (OverflowError, OSError, ValueError):
        return today, [f"SOURCE_DATE_EPOCH {raw!r} is out of range; using today's date"]


def reference_date(as_of: FuzzyDate | None, built: date) -> date:
    """The day review ages are measured to: ``policybrief_as_of``'s last day, else *built*.

    An "as of" month or year means the brief is current to its end.
    """
    if as_of is not None and as_of.upper is not None:
        return as_of.upper
    return built


def _shown(when: FuzzyDate) -> str:
    """A date in a message: its label, and the EDTF value when that reads differently."""
    return when.label if when.label == when.edtf else f"{when.label} ({when.edtf})"


def _where(claim: Claim) -> tuple[str, int, str]:
    return (claim.docname, claim.lineno, claim.srcfile)


def overdue_forecasts(graph: BriefGraph, today: date) -> list[Problem]:
    """Pending forecasts whose ``:resolves-by:`` has certainly passed by *today*.

    "Certainly": the date's last possible day is before *today*, so ``2020`` is overdue
    from 1 January 2021. Open-ended dates and forecasts without one are never overdue.
    """
    problems = []
    for claim in graph.sorted_objects(Kind.CLAIM):
        if not isinstance(claim, Claim) or claim.forecast is None:
            continue
        due = claim.forecast.resolves_by
        if claim.forecast.outcome is not Outcome.PENDING or due is None or due.upper is None:
            continue
        if due.upper < today:
            problems.append(
                Problem(
                    Subtype.FORECAST_OVERDUE,
                    f"forecast {claim.id!r} was to resolve by {_shown(due)} and "
                    f"has no :outcome: on {today.isoformat()}; add the outcome, or move "
                    ":resolves-by: if it is still open",
                    *_where(claim),
                )
            )
    return problems


def unreviewed_key_judgments(
    graph: BriefGraph, as_of: date, review_after_days: int
) -> list[Problem]:
    """Key judgments without ``:reviewed:``, or reviewed more than *review_after_days*
    before *as_of*.

    A review date is given the benefit of the doubt: ``2019-06`` counts as 30 June 2019.
    """
    problems = []
    for claim in graph.sorted_objects(Kind.CLAIM):
        if not isinstance(claim, Claim) or claim.claim_kind != KEY_JUDGMENT_KIND:
            continue
        reviewed = claim.reviewed
        if reviewed is None or reviewed.upper is None:
            problems.append(
                Problem(
                    Subtype.REVIEW_OVERDUE,
                    f"key judgment {claim.id!r} has no :reviewed: date; add the day it was "
                    "last checked",
                    *_where(claim),
                )
            )
        elif (age := (as_of - reviewed.upper).days) > review_after_days:
            # Days as whole numbers, not a timedelta of the limit: any int is a valid
            # setting (10**9 means "never"), and timedelta stops at 999999999 days.
            problems.append(
                Problem(
                    Subtype.REVIEW_OVERDUE,
                    f"key judgment {claim.id!r} was last reviewed {_shown(reviewed)}, "
                    f"{age} days before {as_of.isoformat()}; the limit "
                    f"is {review_after_days} days (policybrief_review_after)",
                    *_where(claim),
                )
            )
    return problems
