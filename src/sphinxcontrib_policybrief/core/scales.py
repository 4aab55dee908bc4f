"""Likelihood and confidence scales: ICD 203 (default), the UK PHIA yardstick, or custom."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeGuard


@dataclass(frozen=True, slots=True)
class LikelihoodTerm:
    """One row of a likelihood scale; percentages are inclusive bounds."""

    term: str
    low: float | None = None
    high: float | None = None
    synonyms: tuple[str, ...] = ()

    @property
    def range_label(self) -> str:
        if self.low is None or self.high is None:
            return ""
        return f"{_pct(self.low)}–{_pct(self.high)} %"


@dataclass(frozen=True, slots=True)
class LikelihoodScale:
    """An ordered list of terms, from least to most likely."""

    name: str
    terms: tuple[LikelihoodTerm, ...]

    def lookup(self, word: str) -> LikelihoodTerm | None:
        wanted = " ".join(word.lower().split())
        for row in self.terms:
            if wanted == row.term or wanted in row.synonyms:
                return row
        return None

    def rank(self, row: LikelihoodTerm) -> int:
        return self.terms.index(row)


def _pct(value: float) -> str:
    return f"{value:g}"


# US ICD 203 (Analytic Standards, 2015), each likelihood term with its probability term.
ICD_203 = LikelihoodScale(
    "icd203",
    (
        LikelihoodTerm("almost no chance", 1, 5, ("remote",)),
        LikelihoodTerm("very unlikely", 5, 20, ("highly improbable",)),
        LikelihoodTerm("unlikely", 20, 45, ("improbable",)),
        LikelihoodTerm("roughly even chance", 45, 55, ("roughly even odds",)),
        LikelihoodTerm("likely", 55, 80, ("probable",)),
        LikelihoodTerm("very likely", 80, 95, ("highly probable",)),
        LikelihoodTerm("almost certain", 95, 99, ("nearly certain",)),
    ),
)

# UK Professional Head of Intelligence Assessment probability yardstick (2025 edition);
# the gaps between the ranges are deliberate.
PHIA = LikelihoodScale(
    "phia",
    (
        LikelihoodTerm("remote chance", 0, 5),
        LikelihoodTerm("highly unlikely", 10, 20),
        LikelihoodTerm("unlikely", 25, 35),
        LikelihoodTerm("realistic possibility", 40, 50),
        LikelihoodTerm("likely", 55, 75, ("probable",)),
        LikelihoodTerm("highly likely", 80, 90),
        LikelihoodTerm("almost certain", 95, 100),
    ),
)

PRESETS: Mapping[str, LikelihoodScale] = {"icd203": ICD_203, "phia": PHIA}

DEFAULT_CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")


class ScaleError(ValueError):
    """A custom scale in conf.py that cannot be used."""


def _word(text: str, what: str) -> str:
    """*text* as :meth:`LikelihoodScale.lookup` compares it: lower case, single spaces."""
    word = " ".join(text.lower().split())
    if not word:
        # No option can be written to match an empty term, and it reads "()" in messages.
        raise ScaleError(f"{what} is empty")
    return word


def _is_number(value: object) -> TypeGuard[int | float]:
    # bool is an int to Python, but True per cent is surely a slip.
    return isinstance(value, int | float) and not isinstance(value, bool)


def build_scale(spec: object) -> LikelihoodScale:
    """The scale named or described by the ``policybrief_likelihood_scale`` value.

    *spec* is a preset name, or a list whose items are terms (``"likely"``) or mappings
    ``{"term": ..., "low": 55, "high": 80, "synonyms": [...]}``.
    """
    if isinstance(spec, str):
        try:
            return PRESETS[spec.lower()]
        except KeyError:
            names = ", ".join(sorted(PRESETS))
            raise ScaleError(f"unknown scale preset {spec!r} (presets: {names})") from None
    if not isinstance(spec, Sequence) or not spec:
        raise ScaleError("expected a preset name or a non-empty list of terms")
    rows: list[LikelihoodTerm] = []
    for item in spec:
        if isinstance(item, str):
            rows.append(LikelihoodTerm(_word(item, "a term")))
        elif isinstance(item, Mapping) and isinstance(item.get("term"), str):
            term = _word(item["term"], "a term")
            low, high = item.get("low"), item.get("high")
            if (low is None) != (high is None) or (
                low is not None
                and not (_is_number(low) and _is_number(high) and 0 <= low <= high <= 100)
            ):
                raise ScaleError(
                    f"term {term!r}: low/high must be numbers, 0 <= low <= high <= 100, "
                    f"not {low!r} and {high!r}"
                )
            given = item.get("synonyms", ())
            if not isinstance(given, list | tuple) or not all(isinstance(w, str) for w in given):
                raise ScaleError(f"term {term!r}: synonyms must be a list of words")
            rows.append(
                LikelihoodTerm(
                    term,
                    None if low is None else float(low),
                    None if high is None else float(high),
                    tuple(_word(w, f"a synonym of {term!r}") for w in given),
                )
            )
        else:
            raise ScaleError(f"cannot use {item!r} as a scale term")
    words = [r.term for r in rows] + [s for r in rows for s in r.synonyms]
    if len(set(words)) != len(words):
        raise ScaleError("a term or synonym appears twice")
    return LikelihoodScale("custom", tuple(rows))


# -- Source grading (the Admiralty / NATO code, AJP-2.1 and STANAG 2511) -------------------


@dataclass(frozen=True, slots=True)
class Grade:
    """One step of a grading scale: the code written in an option and its wording."""

    code: str
    wording: str


@dataclass(frozen=True, slots=True)
class GradeScale:
    """An ordered list of grades, best first; the last may mean "cannot be judged"."""

    name: str
    grades: tuple[Grade, ...]

    def lookup(self, code: str) -> Grade | None:
        wanted = code.strip().lower()
        for grade in self.grades:
            if grade.code.lower() == wanted:
                return grade
        return None

    def rank(self, code: str) -> int:
        """Position of *code* on the scale (0 is best); unknown codes rank last."""
        for i, grade in enumerate(self.grades):
            if grade.code == code:
                return i
        return len(self.grades)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(g.code for g in self.grades)


ADMIRALTY_RELIABILITY = GradeScale(
    "admiralty",
    (
        Grade("A", "completely reliable"),
        Grade("B", "usually reliable"),
        Grade("C", "fairly reliable"),
        Grade("D", "not usually reliable"),
        Grade("E", "unreliable"),
        Grade("F", "reliability cannot be judged"),
    ),
)

ADMIRALTY_CREDIBILITY = GradeScale(
    "admiralty",
    (
        Grade("1", "confirmed by other sources"),
        Grade("2", "probably true"),
        Grade("3", "possibly true"),
        Grade("4", "doubtful"),
        Grade("5", "improbable"),
        Grade("6", "truth cannot be judged"),
    ),
)

#: Reliability codes that, alone, make a weak evidence base (lint ``weak-sources``).
WEAK_RELIABILITY: tuple[str, ...] = ("D", "E", "F")


def build_grade_scale(spec: object, preset: GradeScale) -> GradeScale:
    """The scale described by ``policybrief_reliability_scale`` or ``_credibility_scale``.

    *spec* is ``"admiralty"`` (the *preset*) or a non-empty list, best first, whose items
    are codes (``"A"``) or mappings ``{"code": "A", "label": "completely reliable"}``.
    """
    if isinstance(spec, str):
        if spec.lower() == "admiralty":
            return preset
        raise ScaleError(f"unknown scale preset {spec!r} (presets: admiralty)")
    if not isinstance(spec, Sequence) or not spec:
        raise ScaleError("expected 'admiralty' or a non-empty list of grades")
    grades: list[Grade] = []
    for item in spec:
        if isinstance(item, str) and item.strip():
            grades.append(Grade(item.strip(), item.strip()))
        elif (
            isinstance(item, Mapping)
            and isinstance(item.get("code"), str)
            and item["code"].strip()
            and isinstance(item.get("label", ""), str)
        ):
            code = item["code"].strip()
            # A blank label is no wording: the code stands for itself, as with no label.
            grades.append(Grade(code, " ".join(item.get("label", "").split()) or code))
        else:
            raise ScaleError(f"cannot use {item!r} as a grade (a code, or code and label)")
    codes = [g.code.lower() for g in grades]
    if len(set(codes)) != len(codes):
        raise ScaleError("a grade code appears twice")
    if any("," in c or " " in c for c in codes):
        raise ScaleError("a grade code may not contain spaces or commas")
    return GradeScale("custom", tuple(grades))
