"""Dates that are not exact: a small parser of the documented EDTF subset, with English labels.

The subset is EDTF level 1 but for negative and five-digit years, plus the seasons,
quarters and halves of level 2 (docs/develop/dates.md compares it with the ``edtf``
package).
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = ["DateError", "FuzzyDate", "Precision", "parse_date"]


class Precision(enum.IntEnum):
    """How fine a date is; smaller is finer."""

    DAY = 0
    MONTH = 1
    SEASON = 2
    QUARTER = 3
    HALF = 4
    YEAR = 5
    DECADE = 6
    CENTURY = 7


class DateError(ValueError):
    """A value outside the supported EDTF subset; the message says why."""


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# code: (name, first month, last month); winter's last month is in the following year.
_SEASONS = {
    21: ("spring", 3, 5),
    22: ("summer", 6, 8),
    23: ("autumn", 9, 11),
    24: ("winter", 12, 2),
}
_QUARTERS = {33: 1, 34: 2, 35: 3, 36: 4}
_HALVES = {40: ("first half", 1, 6), 41: ("second half", 7, 12)}

# ASCII digits only: ``\d`` would also accept Arabic-Indic or full-width digits, which
# int() reads happily, so "٢٠١٩" would otherwise pass as 2019. Used with fullmatch,
# because ``$`` also matches before a trailing newline.
_POINT = re.compile(
    r"(?P<year>[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)"
    r"(?:-(?P<month>[0-9]{2}|XX)(?:-(?P<day>[0-9]{2}|XX))?)?"
    r"(?P<qual>[~?%])?"
)
_EARLIER = re.compile(r"\[\.\.(?P<end>[^\[\]/]+)\]")
# EDTF level 0 allows a time of day after a full date; a timeline is drawn in days, so the
# time is checked and then dropped.
_TIME = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"T(?P<h>[0-9]{2}):(?P<m>[0-9]{2}):(?P<s>[0-9]{2})"
    r"(?:Z|[+-](?P<oh>[0-9]{2})(?::?(?P<om>[0-9]{2}))?)?"
)
_NEGATIVE_YEAR = re.compile(r"-[0-9]{4}")
_LONG_YEAR = re.compile(r"Y-?[0-9]+(?:E[0-9]+)?(?:S[0-9]+)?")
_QUOTE_LIMIT = 40


@dataclass(frozen=True, slots=True)
class _Point:
    lower: date
    upper: date
    precision: Precision
    approximate: bool
    uncertain: bool
    label: str
    html: str


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A parsed date: bounds for sorting, precision, qualifiers and an English label."""

    edtf: str
    lower: date | None
    upper: date | None
    precision: Precision
    approximate: bool
    uncertain: bool
    is_interval: bool
    end: Literal["closed", "open", "unknown"]
    earlier: bool
    # Derived from edtf by parse_date; stored because the environment pickles these.
    _label: str = field(default="", repr=False)
    _html: str = field(default="", repr=False)
    #: How an interval starts: "open" for ``../2012`` (until 2012), "unknown" for ``/2012``.
    start: Literal["closed", "open", "unknown"] = "closed"

    @property
    def label(self) -> str:
        """English display label, e.g. ``c. 2019`` or ``2012 – present``."""
        return self._label

    @property
    def html_datetime(self) -> str:
        """A value valid in ``<time datetime>``: the start as ``YYYY``, ``YYYY-MM`` or a day."""
        return self._html

    def sort_key(self) -> tuple[int, int, int]:
        """Lower bound, upper bound, precision; missing bounds sort outermost."""
        low = self.lower.toordinal() if self.lower is not None else 0
        high = self.upper.toordinal() if self.upper is not None else date.max.toordinal()
        return (low, high, int(self.precision))


def _quote(raw: str) -> str:
    # Messages end up in build logs; a pasted paragraph should not flood them.
    shown = raw if len(raw) <= _QUOTE_LIMIT else raw[: _QUOTE_LIMIT - 1] + "…"
    return repr(shown)


def _qualified(label: str, approximate: bool, uncertain: bool) -> str:
    if approximate:
        label = f"c. {label}"
    if uncertain:
        label = f"{label} (uncertain)"
    return label


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _point(text: str, raw: str) -> _Point:
    match = _POINT.fullmatch(text)
    if match is None:
        timed = _TIME.fullmatch(text)
        if timed is not None:
            if int(timed["h"]) > 24 or int(timed["m"]) > 59 or int(timed["s"]) > 60:
                raise DateError(f"the time of day is out of range in {_quote(raw)}")
            if int(timed["oh"] or 0) > 23 or int(timed["om"] or 0) > 59:
                raise DateError(f"the time zone offset is out of range in {_quote(raw)}")
            return _point(timed["date"], raw)
        if _NEGATIVE_YEAR.match(text) or _LONG_YEAR.fullmatch(text):
            raise DateError(f"years before 1 and after 9999 are not supported in {_quote(raw)}")
        where = "" if text == raw else f" (in {_quote(raw)})"
        raise DateError(f"{_quote(text)} is not a date this extension reads{where}")
    qual = match["qual"] or ""
    approx, uncertain = qual in ("~", "%"), qual in ("?", "%")
    year_text, month_text, day_text = match["year"], match["month"], match["day"]

    if "X" in year_text:
        if month_text is not None:
            raise DateError(f"a decade or century cannot have a month in {_quote(raw)}")
        if year_text.endswith("XX"):
            start, size, precision = int(year_text[:2]) * 100, 100, Precision.CENTURY
        else:
            start, size, precision = int(year_text[:3]) * 10, 10, Precision.DECADE
        # Year 0 does not exist in this subset, so "000X" and "00XX" start at year 1.
        first = max(start, 1)
        return _Point(
            date(first, 1, 1),
            date(start + size - 1, 12, 31),
            precision,
            approx,
            uncertain,
            _qualified(f"the {start}s", approx, uncertain),
            f"{first:04d}",
        )

    year = int(year_text)
    if year < 1:
        raise DateError(f"year 0000 is not supported in {_quote(raw)}")
    if month_text is None or month_text == "XX":
        if day_text is not None and day_text != "XX":
            raise DateError(f"a day needs a known month in {_quote(raw)}")
        return _Point(
            date(year, 1, 1),
            date(year, 12, 31),
            Precision.YEAR,
            approx,
            uncertain,
            _qualified(str(year), approx, uncertain),
            f"{year:04d}",
        )

    code = int(month_text)
    if code >= 21:
        if day_text is not None:
            raise DateError(f"a season, quarter or half cannot have a day in {_quote(raw)}")
        return _period(year, code, approx, uncertain, raw)
    if not 1 <= code <= 12:
        raise DateError(f"month {code} is out of range in {_quote(raw)}")
    month_end = _month_end(year, code)
    month_label = f"{_MONTHS[code - 1]} {year}"
    if day_text is None or day_text == "XX":
        return _Point(
            date(year, code, 1),
            month_end,
            Precision.MONTH,
            approx,
            uncertain,
            _qualified(month_label, approx, uncertain),
            f"{year:04d}-{code:02d}",
        )

    day = int(day_text)
    if not 1 <= day <= month_end.day:
        raise DateError(
            f"day {day} is out of range for {_MONTHS[code - 1]} {year} in {_quote(raw)}"
        )
    the_day = date(year, code, day)
    return _Point(
        the_day,
        the_day,
        Precision.DAY,
        approx,
        uncertain,
        _qualified(f"{day} {month_label}", approx, uncertain),
        the_day.isoformat(),
    )


def _period(year: int, code: int, approx: bool, uncertain: bool, raw: str) -> _Point:
    if code in _SEASONS:
        name, first, last = _SEASONS[code]
        if code == 24:
            if year == 9999:
                raise DateError(f"winter {year} runs past the year 9999 in {_quote(raw)}")
            next_year = year + 1
            # "winter 2019–20", but "winter 1999–2000": two digits would read as 1900.
            same_century = next_year // 100 == year // 100
            label = (
                f"{name} {year}–{next_year % 100:02d}"
                if same_century
                else (f"{name} {year}–{next_year}")
            )
            lower, upper = date(year, 12, 1), _month_end(next_year, 2)
        else:
            label = f"{name} {year}"
            lower, upper = date(year, first, 1), _month_end(year, last)
        precision = Precision.SEASON
    elif code in _QUARTERS:
        quarter = _QUARTERS[code]
        label = f"Q{quarter} {year}"
        lower, upper = date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        precision = Precision.QUARTER
    elif code in _HALVES:
        name, first, last = _HALVES[code]
        label = f"{name} of {year}"
        lower, upper = date(year, first, 1), _month_end(year, last)
        precision = Precision.HALF
    else:
        raise DateError(f"{code} is neither a month nor a season, quarter or half in {_quote(raw)}")
    return _Point(
        lower,
        upper,
        precision,
        approx,
        uncertain,
        _qualified(label, approx, uncertain),
        f"{year:04d}",
    )


def _earlier(raw: str) -> FuzzyDate:
    match = _EARLIER.fullmatch(raw)
    if match is None:
        raise DateError(f"{_quote(raw)}: write 'or earlier' as [..YYYY], e.g. [..2012]")
    end = _point(match["end"], raw)
    return FuzzyDate(
        raw,
        None,
        end.upper,
        end.precision,
        end.approximate,
        end.uncertain,
        False,
        "closed",
        True,
        f"{end.label} or earlier",
        end.html,
    )


def _interval(raw: str) -> FuzzyDate:
    start_text, _, end_text = raw.partition("/")
    if "/" in end_text or (start_text in ("..", "") and end_text in ("..", "")):
        raise DateError(
            f"{_quote(raw)}: an interval is START/END, START/.., START/, ../END or /END"
        )
    if start_text in ("..", ""):
        return _open_start(raw, start_text, end_text)
    start = _point(start_text, raw)
    if end_text in ("..", ""):
        open_end = end_text == ".."
        return FuzzyDate(
            raw,
            start.lower,
            None,
            start.precision,
            start.approximate,
            start.uncertain,
            True,
            "open" if open_end else "unknown",
            False,
            f"{start.label} – {'present' if open_end else '?'}",
            start.html,
        )
    end = _point(end_text, raw)
    if end.upper < start.lower:
        raise DateError(f"{_quote(raw)}: the interval ends before it starts")
    return FuzzyDate(
        raw,
        start.lower,
        end.upper,
        start.precision,
        start.approximate or end.approximate,
        start.uncertain or end.uncertain,
        True,
        "closed",
        False,
        f"{start.label} – {end.label}",
        start.html,
    )


def _open_start(raw: str, start_text: str, end_text: str) -> FuzzyDate:
    # ``../2012`` lasts until 2012 from a start nobody fixes; ``/2012`` started at a
    # time that is not known. Both have no lower bound and are placed at their end.
    end = _point(end_text, raw)
    open_start = start_text == ".."
    return FuzzyDate(
        raw,
        None,
        end.upper,
        end.precision,
        end.approximate,
        end.uncertain,
        True,
        "closed",
        False,
        f"until {end.label}" if open_start else f"? – {end.label}",
        end.html,
        start="open" if open_start else "unknown",
    )


def parse_date(text: str) -> FuzzyDate:
    """Parse one value of the documented subset; raises :class:`DateError` otherwise."""
    if not isinstance(text, str):
        raise DateError("a date must be text")
    raw = text.strip()
    if not raw:
        raise DateError("the date is empty")
    if raw.startswith("[") or raw.endswith("]"):
        return _earlier(raw)
    if "/" in raw:
        return _interval(raw)
    point = _point(raw, raw)
    return FuzzyDate(
        raw,
        point.lower,
        point.upper,
        point.precision,
        point.approximate,
        point.uncertain,
        False,
        "closed",
        False,
        point.label,
        point.html,
    )
