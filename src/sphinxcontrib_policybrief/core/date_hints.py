"""The nearest valid EDTF value for a date the parser cannot read ("early 2019" → ``2019``).

Authors write dates as they would in prose. When the parser refuses one, the warning
offers the EDTF value closest to what was written and, when words would be lost (EDTF
has no "early" or "late"), says to keep them in ``:date-label:``. Every hint is checked
by the parser before it is offered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .dates import DateError, parse_date

__all__ = ["DateHint", "nearest_date"]


@dataclass(frozen=True, slots=True)
class DateHint:
    """An EDTF value to write instead, and the words to keep as the display label."""

    edtf: str
    label: str = ""  # "" when the EDTF value's own label says it all

    def advice(self, option: str, *, label_option: str = "date-label") -> str:
        """ "did you mean :date: 2019 with :date-label: early 2019?" for a warning."""
        if self.label and label_option:
            return f"did you mean :{option}: {self.edtf} with :{label_option}: {self.label}?"
        return f"did you mean :{option}: {self.edtf}?"


_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_HALF_CODES = {"first half of": 40, "h1": 40, "second half of": 41, "h2": 41}
_YEAR = r"(?P<year>[0-9]{4})"
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_APPROXIMATE = re.compile(r"(?:c\.|ca\.|circa|about|around|approximately|approx\.)\s*(?P<rest>.+)")
_SINCE_AT_LEAST = re.compile(
    r"(?:since at least|at least since|by|before|no later than)\s+(?P<rest>.+)"
)
_SINCE = re.compile(r"(?:since|from|after)\s+(?P<rest>.+)")
_UNTIL = re.compile(r"(?:until|till|up to)\s+(?P<rest>.+)")
_ONWARDS = re.compile(r"(?P<rest>.+?)\s*(?:onwards|onward|–\s*present|-\s*present|to present|–|-)$")
_RANGE = re.compile(r"(?P<start>.+?)\s*(?:–|—|\s-\s|\sto\s|-)\s*(?P<end>.+)")
_DECADE = re.compile(r"(?:the\s+)?(?P<decade>[0-9]{3})0'?s")
_SEASON = re.compile(rf"(?P<season>[a-z]+)\s+(?:of\s+)?{_YEAR}")
_QUARTER = re.compile(rf"q(?P<q>[1-4])\s*{_YEAR}")
_YEAR_QUARTER = re.compile(rf"{_YEAR}\s*q(?P<q>[1-4])")
_HALF = re.compile(rf"(?P<half>first half of|second half of|h1|h2)\s*{_YEAR}")
_MONTH_YEAR = re.compile(rf"{_MONTH}\s+{_YEAR}")
_DAY_MONTH_YEAR = re.compile(rf"{_DAY}\s+{_MONTH}\s+{_YEAR}")
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}")
_SHORT_PARTS = re.compile(
    r"(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})(?:[-/.](?P<day>[0-9]{1,2}))?"
)
_DAY_FIRST = re.compile(r"(?P<a>[0-9]{1,2})[/.](?P<b>[0-9]{1,2})[/.](?P<year>[0-9]{4})")
_REVERSED_EARLIER = re.compile(r"\[(?P<end>[^\[\]]+)\.\.\]")
_ANY_YEAR = re.compile(r"(?<![0-9])(?P<year>[0-9]{4})(?![0-9])")
_PROSE = re.compile(r"(?:early|mid-|mid|late|the end of|end of|beginning of|start of)\s*")


def nearest_date(raw: str) -> DateHint | None:
    """The EDTF value closest to *raw*, or None when nothing near it can be read."""
    text = _ascii_digits(" ".join(raw.split()))
    for hint in (_exact(text, raw), _by_rule(text.lower(), raw), _any_year(text, raw)):
        if hint is not None and _reads(hint.edtf):
            return hint
    return None


def _reads(value: str) -> bool:
    try:
        parse_date(value)
    except DateError:
        return False
    return True


def _ascii_digits(text: str) -> str:
    # "٢٠١٩" or full-width "２０１９" are digits to a reader, not to EDTF.
    return "".join(
        str(unicodedata.digit(ch)) if not ch.isascii() and ch.isdigit() else ch for ch in text
    )


def _exact(text: str, raw: str) -> DateHint | None:
    # Stray spaces, a lower-case "x", a non-ASCII digit: the value itself, tidied.
    tidy = text.replace(" ", "").replace("x", "X")
    return DateHint(tidy) if tidy != raw.strip() else None


def _point(text: str) -> str | None:
    """One point of time written in words or loosely, as EDTF; None if not recognised."""
    text = text.strip()
    if _reads(text) and "/" not in text and not text.startswith("["):
        return text
    if match := _DECADE.fullmatch(text):
        return f"{match['decade']}X"
    if (match := _SEASON.fullmatch(text)) and match["season"] in _SEASON_CODES:
        return f"{match['year']}-{_SEASON_CODES[match['season']]}"
    if match := (_QUARTER.fullmatch(text) or _YEAR_QUARTER.fullmatch(text)):
        return f"{match['year']}-{32 + int(match['q'])}"
    if match := _HALF.fullmatch(text):
        return f"{match['year']}-{_HALF_CODES[match['half']]}"
    if (match := _MONTH_YEAR.fullmatch(text)) and match["month"] in _MONTH_NAMES:
        return f"{match['year']}-{_MONTH_NAMES[match['month']]:02d}"
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        if (match := pattern.fullmatch(text)) and match["month"] in _MONTH_NAMES:
            month = _MONTH_NAMES[match["month"]]
            return f"{match['year']}-{month:02d}-{int(match['day']):02d}"
    if match := _SHORT_PARTS.fullmatch(text):
        value = f"{match['year']}-{int(match['month']):02d}"
        return value + (f"-{int(match['day']):02d}" if match["day"] else "")
    if match := _DAY_FIRST.fullmatch(text):
        first, second = int(match["a"]), int(match["b"])
        # 05/06/2019 could be either; only an order that cannot be mistaken is offered.
        if first > 12 >= second:
            return f"{match['year']}-{second:02d}-{first:02d}"
        if second > 12 >= first:
            return f"{match['year']}-{first:02d}-{second:02d}"
    return None


def _by_rule(text: str, raw: str) -> DateHint | None:
    if match := _REVERSED_EARLIER.fullmatch(text):
        return DateHint(f"[..{match['end'].upper()}]")
    if match := _APPROXIMATE.fullmatch(text):
        inner = _point(match["rest"])
        return DateHint(f"{inner}~") if inner else None
    if match := _SINCE_AT_LEAST.fullmatch(text):
        inner = _point(match["rest"])
        return DateHint(f"[..{inner}]", raw) if inner else None
    if match := _SINCE.fullmatch(text):
        inner = _point(match["rest"])
        return DateHint(f"{inner}/..") if inner else None
    if match := _UNTIL.fullmatch(text):
        inner = _point(match["rest"])
        return DateHint(f"../{inner}") if inner else None
    if match := _ONWARDS.fullmatch(text):
        inner = _point(match["rest"])
        if inner:
            return DateHint(f"{inner}/..")
    if match := _RANGE.fullmatch(text):
        start, end = _point(match["start"]), _point(match["end"])
        if start and end:
            return DateHint(f"{start}/{end}")
    inner = _point(text)
    if inner and inner != text:
        return DateHint(inner)
    if match := _PROSE.match(text):
        inner = _point(text[match.end() :])
        return DateHint(inner, raw) if inner else None
    return None


def _any_year(text: str, raw: str) -> DateHint | None:
    # The last resort: the one year in the words, the words kept as the label. Only for
    # words: "2019-13" is a mistake in a number, and its year would hide the mistake.
    if not any(ch.isalpha() for ch in text):
        return None
    years = {m["year"] for m in _ANY_YEAR.finditer(text)}
    if len(years) == 1:
        return DateHint(years.pop(), raw)
    return None
