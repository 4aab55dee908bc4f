"""ACH matrices on their own: parsing a body, its problems, the scores, the graph checks."""

from __future__ import annotations

import pickle

import jsonschema
import pytest

from sphinxcontrib_policybrief.core.ach import (
    AchMatrix,
    Rating,
    graph_problems,
    matrices_with,
    matrix_table,
    parse_hypotheses,
    parse_matrix,
    parse_rating,
    score,
)
from sphinxcontrib_policybrief.core.export.brief import Brief, Project
from sphinxcontrib_policybrief.core.export.brief_json import (
    ach_entries,
    brief_document,
    load_schema,
)
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Actor,
    Claim,
    PolicyObject,
    TimelineEvent,
)
from sphinxcontrib_policybrief.core.problems import Subtype
from sphinxcontrib_policybrief.core.scales import DEFAULT_CONFIDENCE_LEVELS, ICD_203

HYPOTHESES = ("h-tool", "h-cost-cutting", "h-genuine-union")

# The matrix of the issue, plus three rows that exercise NA and non-diagnostic evidence.
BODY = """\
medvedev-offer: C, C, CC
tax-manoeuvre: CC, CC, I

# a comment, then a blank line above
base-pressure: cc, n, ii
loans-withheld: CC, C, I
flat: N, N, N
absent: NA, NA, NA
split: I, II, NA
""".splitlines()


def test_ratings_are_case_insensitive_and_closed() -> None:
    assert parse_rating(" cC ") is Rating.VERY_CONSISTENT
    assert parse_rating("na") is Rating.NOT_APPLICABLE
    assert parse_rating("III") is None
    assert parse_rating("") is None


def test_scores_match_a_hand_computed_matrix() -> None:
    matrix, problems = parse_matrix("ach-motive", "Why?", HYPOTHESES, BODY, first_line=10)
    assert problems == []
    # By hand, column by column (I = 1, II = 2, everything else 0):
    #   h-tool:          split I                          = 1
    #   h-cost-cutting:  split II                         = 2
    #   h-genuine-union: tax I + base II + loans I        = 4
    result = score(matrix)
    assert result.inconsistency == (("h-tool", 1), ("h-cost-cutting", 2), ("h-genuine-union", 4))
    assert result.least_inconsistent == ("h-tool",)
    assert result.non_diagnostic == ("flat", "absent")
    assert result.score("h-genuine-union") == 4 and result.score("nope") is None
    # Rows keep the line they were written on, counted from first_line.
    assert [(r.evidence, r.lineno) for r in matrix.rows][:3] == [
        ("medvedev-offer", 10),
        ("tax-manoeuvre", 11),
        ("base-pressure", 14),
    ]


def test_ties_mark_every_tied_hypothesis() -> None:
    matrix, _ = parse_matrix("m", "T", HYPOTHESES, BODY[:5])
    # tax I, base II on the third hypothesis only: the first two tie at 0.
    assert score(matrix).least_inconsistent == ("h-tool", "h-cost-cutting")
    empty, _ = parse_matrix("m", "T", (), [])
    assert score(empty).least_inconsistent == () and score(empty).inconsistency == ()


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("offer: C, C", "has 2 rating(s) for 3 hypotheses"),
        ("offer: C, C, C, C", "has 4 rating(s)"),
        ("offer:", "has 0 rating(s)"),
        ("offer: C, X, maybe", "unknown rating 'X', 'maybe'"),
        ("no colon here", "a row is 'evidence-id: rating"),
        ("Bad id!: C, C, C", "a row is 'evidence-id: rating"),
    ],
)
def test_bad_rows_are_reported_at_their_line_and_left_out(line: str, fragment: str) -> None:
    matrix, problems = parse_matrix("m", "T", HYPOTHESES, ["good: C, C, C", "", line], first_line=5)
    assert [(p.subtype, p.lineno) for p in problems] == [(Subtype.ACH_ROW, 7)]
    assert fragment in problems[0].message
    assert [r.evidence for r in matrix.rows] == ["good"]


def test_a_row_given_twice_keeps_the_first() -> None:
    body = ["offer: C, C, C", "Offer: I, I, I"]
    matrix, problems = parse_matrix("m", "T", HYPOTHESES, body, first_line=3)
    assert [(p.subtype, p.lineno) for p in problems] == [(Subtype.ACH_ROW, 4)]
    assert "first at line 3" in problems[0].message
    assert matrix.rows[0].ratings == (Rating.CONSISTENT,) * 3 and len(matrix.rows) == 1


def test_hypotheses_option() -> None:
    assert parse_hypotheses("H-Tool, h-cost ,", 2) == (("h-tool", "h-cost"), [])
    hyps, problems = parse_hypotheses("a, a, bad id!", 2)
    assert hyps == ("a",)
    assert [(p.subtype, p.lineno) for p in problems] == [
        (Subtype.ACH_HYPOTHESES, 2),
        (Subtype.INVALID_ID, 2),
    ]
    assert [p.subtype for p in parse_hypotheses("", 4)[1]] == [Subtype.MISSING_ARGUMENT]


def test_the_record_is_frozen_and_picklable() -> None:
    matrix, _ = parse_matrix("m", "T", HYPOTHESES, BODY, docname="doc", lineno=3)
    assert pickle.loads(pickle.dumps(matrix)) == matrix
    with pytest.raises(AttributeError):
        matrix.title = "other"  # type: ignore[misc]
    assert matrix.ratings_of("h-cost-cutting")[0] == ("medvedev-offer", Rating.CONSISTENT)
    assert matrix.ratings_of("nope") == ()


def _graph(*objs: PolicyObject) -> BriefGraph:
    records: dict[str, list[PolicyObject]] = {}
    for obj in objs:
        records.setdefault(obj.docname, []).append(obj)
    return BriefGraph(records, {}, BUILTIN_RELATIONS)


def _claim(ident: str, **kw: str) -> Claim:
    return Claim(id=ident, title=ident, docname="c", lineno=1, anchor=ident, **kw)


def test_graph_problems_name_unknown_ids_and_wrong_kinds() -> None:
    graph = _graph(
        _claim("h1"),
        Actor(id="h2", title="An actor", docname="a", lineno=1, anchor="h2"),
        TimelineEvent(id="ev", title="E", docname="e", lineno=1, anchor="ev"),
        Actor(id="someone", title="S", docname="a", lineno=2, anchor="someone"),
    )
    body = ["ev: C, I, I", "ghost: C, C, C", "someone: N, N, N", "h1: C, C, C"]
    matrix, _ = parse_matrix("m", "T", ("h1", "h2", "h3"), body, first_line=20, lineno=18)
    found = [(p.subtype, p.lineno, p.docname) for p in graph_problems(matrix, graph)]
    assert found == [
        (Subtype.WRONG_KIND, 18, ""),  # h2 is an actor
        (Subtype.UNKNOWN_REF, 18, ""),  # h3
        (Subtype.UNKNOWN_REF, 21, ""),  # ghost
        (Subtype.WRONG_KIND, 22, ""),  # an actor is not evidence
    ]


def test_matrices_with_an_id() -> None:
    a, _ = parse_matrix("b-matrix", "T", ("h1", "h2"), ["ev: C, C"])
    b, _ = parse_matrix("a-matrix", "T", ("h2",), ["other: C"])
    assert [m.id for m in matrices_with([a, b], "h2")] == ["a-matrix", "b-matrix"]
    assert [m.id for m in matrices_with([a, b], "ev")] == ["b-matrix"]
    assert matrices_with([a, b], "nothing") == []


def _brief(matrices: tuple[AchMatrix, ...]) -> Brief:
    return Brief(
        project=Project("P"),
        graph=_graph(*(_claim(h) for h in HYPOTHESES)),
        likelihood=ICD_203,
        confidence_levels=DEFAULT_CONFIDENCE_LEVELS,
        page_url=lambda d: f"{d}.html",
        matrices=matrices,
    )


def test_export_entry_validates_and_is_sorted() -> None:
    first, _ = parse_matrix("z-motive", "Why?", HYPOTHESES, BODY)
    second, _ = parse_matrix("a-other", "Other", HYPOTHESES[:2], ["offer: I, C"])
    document = brief_document(_brief((first, second)))
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    assert [e["id"] for e in document["ach"]] == ["a-other", "z-motive"]
    entry = document["ach"][1]
    assert entry["rows"]["split"] == ["I", "II", "NA"]
    assert entry["scores"] == {"h-tool": 1, "h-cost-cutting": 2, "h-genuine-union": 4}
    assert entry["least_inconsistent"] == ["h-tool"]
    assert ach_entries([]) == []


def test_without_matrices_the_export_has_an_empty_list() -> None:
    document = brief_document(_brief(()))
    assert document["ach"] == []
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    del document["ach"]  # the key is optional: a consumer may drop it
    jsonschema.Draft202012Validator(load_schema()).validate(document)


def test_the_table_a_renderer_draws() -> None:
    matrix, _ = parse_matrix("ach-motive", "Why?", HYPOTHESES, BODY)
    table = matrix_table(matrix)
    assert table.score_label == "Inconsistency score"
    assert table.scores == (1, 2, 4) and table.least_inconsistent == (True, False, False)
    split = table.rows[-1]
    assert [c.text for c in split.cells] == ["I", "II", "NA"]
    assert [c.css_class for c in split.cells] == ["pb-ach-i", "pb-ach-ii", "pb-ach-na"]
    assert split.cells[1].label == "very inconsistent" and not split.non_diagnostic
    assert [r.evidence for r in table.rows if r.non_diagnostic] == ["flat", "absent"]
    # Every rating has its own fill, so colour never stands for two ratings.
    assert len({c.fill for row in table.rows for c in row.cells}) == len(
        {c.rating for row in table.rows for c in row.cells}
    )
