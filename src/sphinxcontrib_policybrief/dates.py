"""Dates that are not exact: a small parser of the documented EDTF subset, with English labels."""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal


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
_SEASONS = {
    21: ("spring", 3, 5),
    22: ("summer", 6, 8),
    23: ("autumn", 9, 11),
    24: ("winter", 12, 2),
}
_QUARTERS = {33: 1, 34: 2, 35: 3, 36: 4}
_HALVES = {40: ("first half", 1, 6), 41: ("second half", 7, 12)}

# One endpoint: year (digits or X), optional -MM or -XX or -SS, optional -DD or -XX, qualifier.
_POINT = re.compile(
    r"^(?P<year>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?P<qual>[~?%])?$"
)


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
    _label: str = ""
    _html: str = ""

    @property
    def label(self) -> str:
        return self._label

    @property
    def html_datetime(self) -> str:
        return self._html

    def sort_key(self) -> tuple[int, int, int]:
        low = self.lower.toordinal() if self.lower else 0
        high = self.upper.toordinal() if self.upper else date.max.toordinal()
        return (low, high, int(self.precision))


def _qualified(label: str, approximate: bool, uncertain: bool) -> str:
    if approximate:
        label = f"c. {label}"
    if uncertain:
        label = f"{label} (uncertain)"
    return label


def _year(text: str, raw: str) -> int:
    year = int(text)
    if year < 1:
        raise DateError(f"year 0000 is not supported in {raw!r}")
    return year


def _point(text: str, raw: str) -> _Point:
    match = _POINT.match(text)
    if not match:
        raise DateError(f"{text!r} is not a date this extension reads (in {raw!r})")
    qual = match["qual"] or ""
    approx, uncertain = qual in "~%" and qual != "", qual in "?%" and qual != ""
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    if "X" in year_text:
        if month_text is not None:
            raise DateError(f"a decade or century cannot have a month in {raw!r}")
        if year_text.endswith("XX"):
            start = int(year_text[:2]) * 100
            precision, label = Precision.CENTURY, f"the {start}s"
            lower, upper = date(max(start, 1), 1, 1), date(start + 99, 12, 31)
        else:
            start = int(year_text[:3]) * 10
            precision, label = Precision.DECADE, f"the {start}s"
            lower, upper = date(max(start, 1), 1, 1), date(start + 9, 12, 31)
        return _Point(
            lower,
            upper,
            precision,
            approx,
            uncertain,
            _qualified(label, approx, uncertain),
            f"{max(start, 1):04d}",
        )
    year = _year(year_text, raw)
    if month_text is None or month_text == "XX":
        if day_text is not None and day_text != "XX":
            raise DateError(f"a day needs a known month in {raw!r}")
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
            raise DateError(f"a season, quarter or half cannot have a day in {raw!r}")
        return _period(year, code, approx, uncertain, raw)
    if not 1 <= code <= 12:
        raise DateError(f"month {code} is out of range in {raw!r}")
    last = calendar.monthrange(year, code)[1]
    month_label = f"{_MONTHS[code - 1]} {year}"
    if day_text is None or day_text == "XX":
        return _Point(
            date(year, code, 1),
            date(year, code, last),
            Precision.MONTH,
            approx,
            uncertain,
            _qualified(month_label, approx, uncertain),
            f"{year:04d}-{code:02d}",
        )
    day = int(day_text)
    if not 1 <= day <= last:
        raise DateError(f"day {day} is out of range for {_MONTHS[code - 1]} {year} in {raw!r}")
    day_label = f"{day} {month_label}"
    the_day = date(year, code, day)
    return _Point(
        the_day,
        the_day,
        Precision.DAY,
        approx,
        uncertain,
        _qualified(day_label, approx, uncertain),
        the_day.isoformat(),
    )


def _period(year: int, code: int, approx: bool, uncertain: bool, raw: str) -> _Point:
    if code in _SEASONS:
        name, first, last = _SEASONS[code]
        if code == 24:
            if year == 9999:
                raise DateError(f"winter {year} runs past the year 9999 in {raw!r}")
            end_year = year + 1
            label = f"{name} {year}–{str(end_year)[-2:]}"
            lower = date(year, 12, 1)
            upper = date(end_year, 2, calendar.monthrange(end_year, 2)[1])
        else:
            label = f"{name} {year}"
            lower = date(year, first, 1)
            upper = date(year, last, calendar.monthrange(year, last)[1])
        precision = Precision.SEASON
    elif code in _QUARTERS:
        quarter = _QUARTERS[code]
        first, last = 3 * quarter - 2, 3 * quarter
        label = f"Q{quarter} {year}"
        lower = date(year, first, 1)
        upper = date(year, last, calendar.monthrange(year, last)[1])
        precision = Precision.QUARTER
    elif code in _HALVES:
        name, first, last = _HALVES[code]
        label = f"{name} of {year}"
        lower = date(year, first, 1)
        upper = date(year, last, calendar.monthrange(year, last)[1])
        precision = Precision.HALF
    else:
        raise DateError(f"{code} is neither a month nor a season, quarter or half in {raw!r}")
    return _Point(
        lower,
        upper,
        precision,
        approx,
        uncertain,
        _qualified(label, approx, uncertain),
        f"{year:04d}",
    )


def parse_date(text: str) -> FuzzyDate:
    """Parse one value of the documented subset; raises :class:`DateError` otherwise."""
    if not isinstance(text, str):
        raise DateError("a date must be text")
    raw = text.strip()
    if not raw:
        raise DateError("the date is empty")
    if raw.startswith("[") or raw.endswith("]"):
        inner = re.fullmatch(r"\[\.\.(.+)\]", raw)
        if not inner or "/" in inner[1]:
            raise DateError(f"{raw!r}: write 'or earlier' as [..YYYY], e.g. [..2012]")
        end = _point(inner[1], raw)
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
    if "/" in raw:
        start_text, _, end_text = raw.partition("/")
        if "/" in end_text or not start_text:
            raise DateError(f"{raw!r}: an interval is START/END, START/.. or START/")
        start = _point(start_text, raw)
        approx, uncertain = start.approximate, start.uncertain
        if end_text == "..":
            return FuzzyDate(
                raw,
                start.lower,
                None,
                start.precision,
                approx,
                uncertain,
                True,
                "open",
                False,
                f"{start.label} – present",
                start.html,
            )
        if end_text == "":
            return FuzzyDate(
                raw,
                start.lower,
                None,
                start.precision,
                approx,
                uncertain,
                True,
                "unknown",
                False,
                f"{start.label} – ?",
                start.html,
            )
        end = _point(end_text, raw)
        if end.upper < start.lower:
            raise DateError(f"{raw!r}: the interval ends before it starts")
        return FuzzyDate(
            raw,
            start.lower,
            end.upper,
            start.precision,
            approx or end.approximate,
            uncertain or end.uncertain,
            True,
            "closed",
            False,
            f"{start.label} – {end.label}",
            start.html,
        )
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
