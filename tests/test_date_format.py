"""Date labels in the reader's language: every precision and qualifier in en, de, fr, ru."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_policybrief.core.date_format import babel_locale, format_fuzzy_date
from sphinxcontrib_policybrief.core.dates import parse_date
from sphinxcontrib_policybrief.core.graph import placement_heading
from sphinxcontrib_policybrief.core.messages import ENGLISH, Translations
from sphinxcontrib_policybrief.core.model import TimelineEvent

LOCALE_DIR = Path(__file__).parent.parent / "src" / "sphinxcontrib_policybrief" / "locale"
LANGUAGES = ("en", "de", "fr", "ru")


def catalog(language: str) -> Translations:
    if language == "en":
        return ENGLISH
    return gettext.translation("policybrief", LOCALE_DIR, [language])


# EDTF value: (English, German, French, Russian). Russian "г." follows a no-break space.
CASES = {
    # day, month, year
    "2018-12-13": (
        "13 December 2018",
        "13. Dezember 2018",
        "13 décembre 2018",
        "13 декабря 2018\u00a0г.",
    ),
    "2018-12": ("December 2018", "Dezember 2018", "décembre 2018", "декабрь 2018\u00a0г."),
    "2018-12-XX": ("December 2018", "Dezember 2018", "décembre 2018", "декабрь 2018\u00a0г."),
    "2018": ("2018", "2018", "2018", "2018"),
    # open and unknown starts (EDTF level 1): only the end is a date
    "../2012": ("until 2012", "bis 2012", "jusqu’à 2012", "… – 2012"),
    "/2012-05": ("? – May 2012", "? – Mai 2012", "? – mai 2012", "? – май 2012\u00a0г."),
    "0950-03-05": ("5 March 950", "5. März 950", "5 mars 950", "5 марта 950\u00a0г."),
    # seasons, quarters, halves
    "2019-21": ("spring 2019", "Frühjahr 2019", "printemps 2019", "весна 2019"),
    "2019-22": ("summer 2019", "Sommer 2019", "été 2019", "лето 2019"),
    "2019-23": ("autumn 2019", "Herbst 2019", "automne 2019", "осень 2019"),
    "2019-24": ("winter 2019–20", "Winter 2019–20", "hiver 2019–20", "зима 2019–20"),
    "1999-24": ("winter 1999–2000", "Winter 1999–2000", "hiver 1999–2000", "зима 1999–2000"),
    "2019-33": ("Q1 2019", "Q1 2019", "T1 2019", "1-й кв. 2019"),
    "2019-36": ("Q4 2019", "Q4 2019", "T4 2019", "4-й кв. 2019"),
    "2019-40": (
        "first half of 2019",
        "erstes Halbjahr 2019",
        "premier semestre 2019",
        "первое полугодие 2019",
    ),
    "2019-41": (
        "second half of 2019",
        "zweites Halbjahr 2019",
        "second semestre 2019",
        "второе полугодие 2019",
    ),
    # decade, century
    "201X": ("the 2010s", "die 2010er-Jahre", "les années 2010", "2010-е годы"),
    "19XX": ("the 1900s", "die 1900er-Jahre", "les années 1900", "1900-е годы"),
    # approximate, uncertain, both
    "2019~": ("c. 2019", "ca. 2019", "vers 2019", "ок. 2019"),
    "2019-12-13~": (
        "c. 13 December 2019",
        "ca. 13. Dezember 2019",
        "vers 13 décembre 2019",
        "ок. 13 декабря 2019\u00a0г.",
    ),
    "2019?": ("2019 (uncertain)", "2019 (unsicher)", "2019 (incertain)", "2019 (неточно)"),
    "2019%": (
        "c. 2019 (uncertain)",
        "ca. 2019 (unsicher)",
        "vers 2019 (incertain)",
        "ок. 2019 (неточно)",
    ),
    # or earlier, open and unknown ends, intervals
    "[..2012]": ("2012 or earlier", "2012 oder früher", "2012 ou avant", "2012 или ранее"),
    "[..2012-05~]": (
        "c. May 2012 or earlier",
        "ca. Mai 2012 oder früher",
        "vers mai 2012 ou avant",
        "ок. май 2012\u00a0г. или ранее",
    ),
    "2014/..": (
        "2014 – present",
        "2014 – heute",
        "2014 – aujourd’hui",
        "2014 – настоящее время",
    ),
    "2014/": ("2014 – ?", "2014 – ?", "2014 – ?", "2014 – ?"),
    "2018-12/2019-12": (
        "December 2018 – December 2019",
        "Dezember 2018 – Dezember 2019",
        "décembre 2018 – décembre 2019",
        "декабрь 2018\u00a0г. – декабрь 2019\u00a0г.",
    ),
    "2012~/2014-03?": (
        "c. 2012 – March 2014 (uncertain)",
        "ca. 2012 – März 2014 (unsicher)",
        "vers 2012 – mars 2014 (incertain)",
        "ок. 2012 – март 2014\u00a0г. (неточно)",
    ),
    "199X/2001": (
        "the 1990s – 2001",
        "die 1990er-Jahre – 2001",
        "les années 1990 – 2001",
        "1990-е годы – 2001",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("edtf", sorted(CASES))
def test_each_precision_in_each_language(edtf: str, language: str) -> None:
    expected = CASES[edtf][LANGUAGES.index(language)]
    assert format_fuzzy_date(parse_date(edtf), language, catalog(language)) == expected


@pytest.mark.parametrize("edtf", sorted(CASES))
def test_english_is_the_stored_label(edtf: str) -> None:
    fd = parse_date(edtf)
    assert format_fuzzy_date(fd, "en") == fd.label
    # A region of English keeps our day-month-year order too.
    assert format_fuzzy_date(fd, "en_US") == fd.label


def _point(year: int, month: int, day: int, qualifier: str) -> str:
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}" + (f"-{day:02d}" if day and month <= 12 else "")
    return text + qualifier


_points = st.builds(
    _point,
    st.integers(1, 9998),
    st.sampled_from([0, 1, 2, 6, 11, 12, 21, 22, 23, 24, 33, 34, 35, 36, 40, 41]),
    st.integers(0, 28),
    st.sampled_from(["", "~", "?", "%"]),
)


@given(_points, st.sampled_from(["", "/..", "/", "/9999", "earlier"]))
def test_english_equals_the_label_for_any_value(point: str, shape: str) -> None:
    text = f"[..{point}]" if shape == "earlier" else point + shape
    try:
        fd = parse_date(text)
    except ValueError:
        return  # outside the subset (an interval ending before it starts): not a label
    assert format_fuzzy_date(fd, "en") == fd.label


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "de"), ("pt_BR", "pt"), ("sr@latin", "sr"), ("xx", "en")]
)
def test_unknown_or_regional_languages_fall_back(language: str, expected: str) -> None:
    assert babel_locale(language).language == expected
    assert babel_locale(None).language == "en"


@pytest.mark.parametrize(
    ("edtf", "english", "german", "russian"),
    [
        ("201X", "2010s", "2010er", "2010-е"),
        ("19XX", "1900s", "1900er", "1900-е"),
        ("2019-12~", "2019", "2019", "2019"),
        (None, "Undated", "Undatiert", "Без даты"),
    ],
)
def test_timeline_headings(edtf: str | None, english: str, german: str, russian: str) -> None:
    event = TimelineEvent(
        id="e", title="E", docname="d", lineno=1, anchor="e",
        date=parse_date(edtf) if edtf else None,
    )  # fmt: skip
    assert placement_heading(event) == english
    assert placement_heading(event, catalog("de")) == german
    assert placement_heading(event, catalog("ru")) == russian
