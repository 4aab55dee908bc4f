"""Date labels in the reader's language: a parsed EDTF date written out through Babel.

:attr:`FuzzyDate.label` stays the English label that exports and logs use; this module
writes the same date for a page in another language. Month and day names and the order of
day, month and year come from Babel's CLDR data; the words our labels add ("c.",
"or earlier", "– present", seasons, halves, decades) are message ids of the
``policybrief`` catalog, looked up in the :class:`~.messages.Translations` given. With
English (or no catalog) the result is exactly :attr:`FuzzyDate.label`.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from .dates import FuzzyDate, Precision, parse_date
from .messages import ENGLISH, Translations, gettext_noop

__all__ = ["babel_locale", "decade_heading", "format_fuzzy_date"]

_SEASONS = {
    3: gettext_noop("spring %(year)s"),
    6: gettext_noop("summer %(year)s"),
    9: gettext_noop("autumn %(year)s"),
    12: gettext_noop("winter %(years)s"),
}
_HALVES = {
    1: gettext_noop("first half of %(year)s"),
    7: gettext_noop("second half of %(year)s"),
}
_DECADE = gettext_noop("the %(start)ss")
_APPROXIMATE = gettext_noop("c. %(date)s")
_UNCERTAIN = gettext_noop("%(date)s (uncertain)")
_EARLIER = gettext_noop("%(date)s or earlier")
_OPEN_END = gettext_noop("%(start)s – present")
_UNKNOWN_END = gettext_noop("%(start)s – ?")
_INTERVAL = gettext_noop("%(start)s – %(end)s")
_OPEN_START = gettext_noop("until %(end)s")
_UNKNOWN_START = gettext_noop("? – %(end)s")
_DECADE_HEADING = gettext_noop("%(start)ss")

_ENGLISH_LOCALE = Locale("en")


def babel_locale(language: str | None) -> Locale:
    """The Babel locale for a Sphinx ``language`` ("de", "pt_BR"); English when unknown."""
    if not language:
        return _ENGLISH_LOCALE
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        # "sr@latin" and made-up codes: Babel does not know them; keep the dates readable.
        try:
            return Locale.parse(language.replace("-", "_").split("@")[0].split("_")[0])
        except (ValueError, TypeError, UnknownLocaleError):
            return _ENGLISH_LOCALE


def format_fuzzy_date(
    fd: FuzzyDate, locale: Locale | str | None = None, translations: Translations = ENGLISH
) -> str:
    """*fd* as a reader of *locale* writes it, e.g. ``13. Dezember 2018`` or ``c. 2019``."""
    where = locale if isinstance(locale, Locale) else babel_locale(locale)
    tr = translations.gettext
    # A FuzzyDate keeps the bounds of the whole value; each end of an interval has its own
    # precision and qualifiers, so the ends are read again from the EDTF text.
    if fd.earlier:
        end = _point(parse_date(fd.edtf[3:-1]), where, translations)
        return tr(_EARLIER) % {"date": end}
    if not fd.is_interval:
        return _point(fd, where, translations)
    start_text, _, end_text = fd.edtf.partition("/")
    if fd.start != "closed":  # ``../2012`` and ``/2012``: only the end is a date
        end = _point(parse_date(end_text), where, translations)
        return tr(_OPEN_START if fd.start == "open" else _UNKNOWN_START) % {"end": end}
    start = _point(parse_date(start_text), where, translations)
    if fd.end == "open":
        return tr(_OPEN_END) % {"start": start}
    if fd.end == "unknown":
        return tr(_UNKNOWN_END) % {"start": start}
    end = _point(parse_date(end_text), where, translations)
    return tr(_INTERVAL) % {"start": start, "end": end}


def _point(fd: FuzzyDate, locale: Locale, translations: Translations) -> str:
    label = _bare(fd, locale, translations)
    if fd.approximate:
        label = translations.gettext(_APPROXIMATE) % {"date": label}
    if fd.uncertain:
        label = translations.gettext(_UNCERTAIN) % {"date": label}
    return label


def _bare(fd: FuzzyDate, locale: Locale, translations: Translations) -> str:
    # CLDR joins "2018 г." with a narrow no-break space, which pdfLaTeX's inputenc does not
    # know; a plain no-break space keeps the words together in every output.
    return _cldr(fd, locale, translations).replace("\u202f", "\u00a0")


def _cldr(fd: FuzzyDate, locale: Locale, translations: Translations) -> str:
    assert fd.lower is not None  # a single point always has its start
    day = fd.lower
    english = locale.language == "en"
    precision = fd.precision
    if precision is Precision.DAY:
        # English keeps our "13 December 2018" whatever the region; others write their own.
        return format_date(day, "d MMMM y" if english else "long", locale=locale)
    if precision is Precision.MONTH:
        return format_skeleton("yMMMM", day, locale=locale)
    if precision is Precision.YEAR:
        return str(day.year)
    if precision is Precision.QUARTER:
        return format_date(day, "QQQ y", locale=locale)  # "Q3 2019", "T3 2019", "3-й кв. 2019"
    if precision is Precision.HALF:
        return translations.gettext(_HALVES[day.month]) % {"year": day.year}
    if precision is Precision.SEASON:
        template = translations.gettext(_SEASONS[day.month])
        if day.month != 12:
            return template % {"year": day.year}
        following = day.year + 1
        # "winter 2019–20", but "winter 1999–2000": two digits would read as 1900.
        same_century = following // 100 == day.year // 100
        years = f"{day.year}–{following % 100:02d}" if same_century else f"{day.year}–{following}"
        return template % {"years": years}
    # A decade or a century: "the 2010s", "the 1900s" (a century starting at year 1 for 00XX).
    # "000X" starts at year 1 (there is no year 0), but reads as "the 0s".
    start_year = int(fd.edtf.rstrip("~?%").replace("X", "0"))
    return translations.gettext(_DECADE) % {"start": start_year}


def decade_heading(start: int, translations: Translations = ENGLISH) -> str:
    """A timeline heading for a decade or century: ``2000s``, ``2000er``, ``années 2000``."""
    return translations.gettext(_DECADE_HEADING) % {"start": start}
