"""Analysis of Competing Hypotheses: a matrix parsed from its body, checked, and scored.

Heuer (*Psychology of Intelligence Analysis*, 1999, ch. 8) rates every piece of evidence
against every hypothesis and looks for the hypothesis with the *least* inconsistent
evidence. The ratings are PARC ACH's: CC, C, N, I, II, NA. The inconsistency score counts
I as 1 and II as 2 (PARC ACH's weighted score); everything else, NA included, counts 0.

A row is *non-diagnostic* when it carries the same rating for every hypothesis. NA is a
rating of its own in that comparison: "C, C, NA" says the evidence bears on two of the
hypotheses and not the third, which tells them apart, while "NA, NA, NA" does not.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .graph import BriefGraph
from .ids import is_valid_id, normalise_id, split_list
from .model import Kind
from .problems import Problem, Subtype, with_article


class Rating(enum.StrEnum):
    """How one piece of evidence fits one hypothesis (PARC ACH's vocabulary)."""

    VERY_CONSISTENT = "CC"
    CONSISTENT = "C"
    NEUTRAL = "N"
    INCONSISTENT = "I"
    VERY_INCONSISTENT = "II"
    NOT_APPLICABLE = "NA"

    @property
    def inconsistency(self) -> int:
        """What the rating adds to a hypothesis's inconsistency score."""
        return _INCONSISTENCY.get(self, 0)

    @property
    def label(self) -> str:
        return _LABELS[self]


_INCONSISTENCY = {Rating.INCONSISTENT: 1, Rating.VERY_INCONSISTENT: 2}
_LABELS = {
    Rating.VERY_CONSISTENT: "very consistent",
    Rating.CONSISTENT: "consistent",
    Rating.NEUTRAL: "neutral",
    Rating.INCONSISTENT: "inconsistent",
    Rating.VERY_INCONSISTENT: "very inconsistent",
    Rating.NOT_APPLICABLE: "not applicable",
}
_BY_CODE = {r.value: r for r in Rating}

#: What a matrix's evidence may be. Sources (issue #15) join this set when they exist.
EVIDENCE_KINDS = frozenset({Kind.EVENT, Kind.CLAIM})

_COMMENT = re.compile(r"^\s*(#|//)")


@dataclass(frozen=True, slots=True)
class AchRow:
    """One piece of evidence with one rating per hypothesis, in the hypotheses' order."""

    evidence: str
    ratings: tuple[Rating, ...]
    lineno: int  # the line it was written on (see :func:`parse_matrix`'s *first_line*)


@dataclass(frozen=True, slots=True, kw_only=True)
class AchMatrix:
    """An ``ach-matrix`` as recorded: only well-formed rows are kept."""

    id: str
    title: str
    hypotheses: tuple[str, ...]
    rows: tuple[AchRow, ...]
    docname: str = ""
    lineno: int = 0
    anchor: str = ""
    srcfile: str = ""

    def ratings_of(self, hypothesis: str) -> tuple[tuple[str, Rating], ...]:
        """Each evidence id with its rating against *hypothesis*, in row order."""
        if hypothesis not in self.hypotheses:
            return ()
        column = self.hypotheses.index(hypothesis)
        return tuple((row.evidence, row.ratings[column]) for row in self.rows)

    def row_for(self, evidence: str) -> AchRow | None:
        return next((row for row in self.rows if row.evidence == evidence), None)


@dataclass(frozen=True, slots=True)
class BodyProblem:
    """Something wrong in a matrix's body or options, at a line the directive knows."""

    subtype: Subtype
    message: str
    lineno: int


@dataclass(frozen=True, slots=True)
class AchScores:
    """What the matrix's last row and its markings show."""

    #: Hypothesis id → inconsistency score, in the hypotheses' order.
    inconsistency: tuple[tuple[str, int], ...]
    #: The hypotheses with the lowest score; several when tied, none without hypotheses.
    least_inconsistent: tuple[str, ...]
    #: Evidence ids whose row is rated alike for every hypothesis.
    non_diagnostic: tuple[str, ...]

    def score(self, hypothesis: str) -> int | None:
        return dict(self.inconsistency).get(hypothesis)


def parse_rating(word: str) -> Rating | None:
    """A rating as written, case-insensitive; None when it is not one of the six."""
    return _BY_CODE.get(word.strip().upper())


def parse_hypotheses(raw: str | None, lineno: int) -> tuple[tuple[str, ...], list[BodyProblem]]:
    """The ``:hypotheses:`` option: distinct valid ids, in order; bad ones reported."""
    problems: list[BodyProblem] = []
    hypotheses: list[str] = []
    for part in split_list(raw):
        ident = normalise_id(part)
        if not is_valid_id(ident):
            problems.append(
                BodyProblem(
                    Subtype.INVALID_ID, f"ach-matrix: invalid hypothesis id {part!r}", lineno
                )
            )
        elif ident in hypotheses:
            problems.append(
                BodyProblem(
                    Subtype.ACH_HYPOTHESES,
                    f"ach-matrix: hypothesis {ident!r} is listed twice in :hypotheses:",
                    lineno,
                )
            )
        else:
            hypotheses.append(ident)
    if not hypotheses:
        problems.append(
            BodyProblem(
                Subtype.MISSING_ARGUMENT,
                "ach-matrix: needs :hypotheses:, a comma-separated list of claim ids",
                lineno,
            )
        )
    return tuple(hypotheses), problems


def parse_matrix(
    ident: str,
    title: str,
    hypotheses: Sequence[str],
    body: Iterable[str],
    *,
    first_line: int = 1,
    docname: str = "",
    lineno: int = 0,
    anchor: str = "",
    srcfile: str = "",
) -> tuple[AchMatrix, list[BodyProblem]]:
    """The matrix written in *body*: one ``evidence-id: rating, …`` line per row.

    Blank lines and lines starting with ``#`` or ``//`` are skipped. The body's lines are
    numbered from *first_line* (the directive passes the source line of its first body
    line). A row with a problem is reported and left out; of a row given twice, the first
    is kept.
    """
    problems: list[BodyProblem] = []
    rows: list[AchRow] = []
    seen: dict[str, int] = {}
    width = len(hypotheses)
    for offset, line in enumerate(body):
        where = first_line + offset
        if not line.strip() or _COMMENT.match(line):
            continue
        head, colon, tail = line.partition(":")
        evidence = normalise_id(head)
        if not colon or not is_valid_id(evidence):
            problems.append(
                BodyProblem(
                    Subtype.ACH_ROW,
                    f"ach-matrix {ident!r}: a row is 'evidence-id: rating, …', "
                    f"not {line.strip()!r}",
                    where,
                )
            )
            continue
        words = [w.strip() for w in tail.split(",")]
        if words == [""]:
            words = []
        if len(words) != width:
            problems.append(
                BodyProblem(
                    Subtype.ACH_ROW,
                    f"ach-matrix {ident!r}: row {evidence!r} has {len(words)} rating(s) "
                    f"for {width} hypothes{'i' if width == 1 else 'e'}s",
                    where,
                )
            )
            continue
        ratings = [parse_rating(w) for w in words]
        unknown = [w for w, r in zip(words, ratings, strict=True) if r is None]
        if unknown:
            problems.append(
                BodyProblem(
                    Subtype.ACH_ROW,
                    f"ach-matrix {ident!r}: row {evidence!r}: unknown rating "
                    f"{', '.join(repr(w) for w in unknown)} (use CC, C, N, I, II or NA)",
                    where,
                )
            )
            continue
        if evidence in seen:
            problems.append(
                BodyProblem(
                    Subtype.ACH_ROW,
                    f"ach-matrix {ident!r}: evidence {evidence!r} is rated twice "
                    f"(first at line {seen[evidence]}); the first row is kept",
                    where,
                )
            )
            continue
        seen[evidence] = where
        rows.append(AchRow(evidence, tuple(r for r in ratings if r is not None), where))
    matrix = AchMatrix(
        id=ident,
        title=title,
        hypotheses=tuple(hypotheses),
        rows=tuple(rows),
        docname=docname,
        lineno=lineno,
        anchor=anchor,
        srcfile=srcfile,
    )
    return matrix, problems


def score(matrix: AchMatrix) -> AchScores:
    """Inconsistency per hypothesis, the least inconsistent, and the non-diagnostic rows."""
    totals = [0] * len(matrix.hypotheses)
    for row in matrix.rows:
        for column, rating in enumerate(row.ratings):
            totals[column] += rating.inconsistency
    lowest = min(totals, default=0)
    least = tuple(h for h, t in zip(matrix.hypotheses, totals, strict=True) if t == lowest)
    flat = tuple(row.evidence for row in matrix.rows if len(set(row.ratings)) == 1)
    return AchScores(tuple(zip(matrix.hypotheses, totals, strict=True)), least, flat)


def id_problems(
    matrices: Sequence[AchMatrix],
    graph: BriefGraph,
    labels: Mapping[str, tuple[str, str]],
) -> list[Problem]:
    """Matrices (in reading order) whose :id: something else already has: an earlier
    matrix, an object, or another label of the standard domain (a section's). Each is a
    ``duplicate-id`` at the matrix's line; links by that id go to the other one."""
    problems: list[Problem] = []
    first: dict[str, AchMatrix] = {}
    for matrix in matrices:
        earlier = first.setdefault(matrix.id, matrix)
        obj = graph.objects.get(matrix.id)
        label = labels.get(matrix.id)
        if earlier is not matrix:
            where = f"{earlier.srcfile or earlier.docname}:{earlier.lineno}"
            held = f"the ACH matrix at {where}"
        elif obj is not None:
            held = f"the {obj.kind.label.lower()} at {obj.srcfile or obj.docname}:{obj.lineno}"
        elif label is not None and tuple(label) != (matrix.docname, matrix.anchor):
            held = f"a label in {label[0]!r}"
        else:
            continue
        problems.append(
            Problem(
                Subtype.DUPLICATE_ID,
                f"ach-matrix {matrix.id!r}: duplicate id: already used by {held}; links to "
                f"{matrix.id!r} go there; give the matrix an :id: of its own",
                matrix.docname,
                matrix.lineno,
                matrix.srcfile,
            )
        )
    return problems


def graph_problems(
    matrix: AchMatrix, graph: BriefGraph, evidence_kinds: frozenset[Kind] = EVIDENCE_KINDS
) -> list[Problem]:
    """What only the merged project can tell: unknown ids, hypotheses that are not claims,
    evidence of a kind that cannot be evidence. Located at the option's or the row's line."""
    problems: list[Problem] = []

    def report(subtype: Subtype, message: str, lineno: int) -> None:
        problems.append(Problem(subtype, message, matrix.docname, lineno, matrix.srcfile))

    for hypothesis in matrix.hypotheses:
        target = graph.objects.get(hypothesis)
        if target is None:
            report(
                Subtype.UNKNOWN_REF,
                f"ach-matrix {matrix.id!r}: hypothesis {hypothesis!r} is not defined "
                "anywhere in the project",
                matrix.lineno,
            )
        elif target.kind is not Kind.CLAIM:
            report(
                Subtype.WRONG_KIND,
                f"ach-matrix {matrix.id!r}: hypothesis {hypothesis!r} must be a claim, "
                f"but it is {with_article(target.kind.value)}",
                matrix.lineno,
            )
    for row in matrix.rows:
        target = graph.objects.get(row.evidence)
        if target is None:
            report(
                Subtype.UNKNOWN_REF,
                f"ach-matrix {matrix.id!r}: evidence {row.evidence!r} is not defined "
                "anywhere in the project",
                row.lineno,
            )
        elif target.kind not in evidence_kinds:
            allowed = " or ".join(sorted(k.value for k in evidence_kinds))
            report(
                Subtype.WRONG_KIND,
                f"ach-matrix {matrix.id!r}: evidence {row.evidence!r} must be "
                f"{with_article(allowed)}, but it is {with_article(target.kind.value)}",
                row.lineno,
            )
    return problems


def matrices_with(matrices: Iterable[AchMatrix], ident: str) -> list[AchMatrix]:
    """The matrices that name *ident* as a hypothesis or as evidence, sorted by id: what a
    hypothesis's or an evidence's block lists."""
    return sorted(
        (m for m in matrices if ident in m.hypotheses or m.row_for(ident) is not None),
        key=lambda m: m.id,
    )


#: A light fill per rating, dark text on each (at least 7:1), so a cell reads by its text
#: first and its colour second: greens for consistent, reds for inconsistent, greys else.
RATING_FILLS: dict[Rating, str] = {
    Rating.VERY_CONSISTENT: "#b7e1b9",
    Rating.CONSISTENT: "#dcf0dc",
    Rating.NEUTRAL: "#eeeeee",
    Rating.INCONSISTENT: "#f8d4d4",
    Rating.VERY_INCONSISTENT: "#f0a8a8",
    Rating.NOT_APPLICABLE: "#ffffff",
}
SCORE_ROW_LABEL = "Inconsistency score"


@dataclass(frozen=True, slots=True)
class AchCell:
    """One rating as a table shows it: the code, its words, a CSS class and a fill."""

    rating: Rating

    @property
    def text(self) -> str:
        return self.rating.value

    @property
    def label(self) -> str:
        return self.rating.label

    @property
    def css_class(self) -> str:
        return f"pb-ach-{self.rating.value.lower()}"

    @property
    def fill(self) -> str:
        return RATING_FILLS[self.rating]


@dataclass(frozen=True, slots=True)
class AchTableRow:
    evidence: str
    cells: tuple[AchCell, ...]
    non_diagnostic: bool


@dataclass(frozen=True, slots=True)
class AchTable:
    """What a renderer draws: hypotheses across, evidence down, the score row last."""

    hypotheses: tuple[str, ...]
    rows: tuple[AchTableRow, ...]
    scores: tuple[int, ...]  # one per hypothesis, in column order
    least_inconsistent: tuple[bool, ...]  # one per hypothesis: is it marked
    score_label: str = SCORE_ROW_LABEL


def matrix_table(matrix: AchMatrix) -> AchTable:
    """The table of *matrix*, with its scores and markings decided."""
    scores = score(matrix)
    flat = set(scores.non_diagnostic)
    least = set(scores.least_inconsistent)
    return AchTable(
        matrix.hypotheses,
        tuple(
            AchTableRow(row.evidence, tuple(AchCell(r) for r in row.ratings), row.evidence in flat)
            for row in matrix.rows
        ),
        tuple(total for _, total in scores.inconsistency),
        tuple(h in least for h in matrix.hypotheses),
    )
