"""Plural forms for the browser: one sample count per CLDR plural category of a language.

The page scripts count at run time ("14 of 37 events") and choose a form with
``Intl.PluralRules``, which names CLDR categories (``one``, ``few``, ``many``, ``other``);
gettext catalogs number their forms instead. Asking the catalog for the form of one sample
count of each category gives the browser the form gettext itself would pick.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

from babel import Locale

from .date_format import babel_locale

__all__ = ["CATEGORIES", "plural_forms", "plural_samples", "script_language"]

#: CLDR's categories, in its order.
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Whole counts only (events are counted): every category a language gives a whole number
# shows up below 200 (Arabic's "many" starts at 11, Welsh's at 6).
_SAMPLES = range(200)


def plural_samples(language: str | Locale | None) -> dict[str, int]:
    """The smallest whole count in each plural category of *language* ("en" for None).

    ``other`` is always present: Russian, for one, puts no whole number in it (only
    fractions), but a browser without the rules of a language falls back on it; it then
    takes the sample of the category most counts fall in (Russian "many": 5 событий).
    """
    locale = language if isinstance(language, Locale) else babel_locale(language)
    return dict(_samples(str(locale)))


@cache
def _samples(locale: str) -> tuple[tuple[str, int], ...]:
    rule = Locale.parse(locale).plural_form
    found: dict[str, int] = {}
    members: Counter[str] = Counter()
    for n in _SAMPLES:
        category = str(rule(n))
        found.setdefault(category, n)
        members[category] += 1
    found.setdefault("other", found[members.most_common(1)[0][0]])
    return tuple((category, found[category]) for category in CATEGORIES if category in found)


def plural_forms(language: str | Locale | None, form_for: Callable[[int], str]) -> dict[str, str]:
    """Each category of *language* -> the text *form_for* gives for its sample count."""
    return {category: form_for(n) for category, n in plural_samples(language).items()}


def script_language(language: str | None) -> str:
    """The build's ``language`` as a BCP 47 tag for ``Intl`` ("pt_BR" -> "pt-BR")."""
    return (language or "en").replace("_", "-")
