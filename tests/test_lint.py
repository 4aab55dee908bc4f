"""Analytic lint: the setting, each rule on its own, and the rules in a real build."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from sphinxcontrib_policybrief.core.ach import parse_matrix
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.lint import (
    RULES,
    LintContext,
    LintLevel,
    check_ach_size,
    lint_levels,
    run_lint,
)
from sphinxcontrib_policybrief.core.model import BUILTIN_RELATIONS, Claim, Link, PolicyObject
from sphinxcontrib_policybrief.core.problems import Subtype

ROOT = Path(__file__).parent / "roots" / "test-lint"
DOCS = Path(__file__).parents[1] / "docs" / "reference"


def test_every_rule_has_its_own_lint_subtype_and_is_documented() -> None:
    warnings_page = (DOCS / "warnings.md").read_text(encoding="utf8")
    config_page = (DOCS / "config.md").read_text(encoding="utf8")
    assert len({rule.subtype for rule in RULES}) == len(RULES)
    for rule in RULES:
        # Analytic rules warn as lint-<name>; the dated checks (forecast-overdue,
        # review-overdue) warn under their own name, which is their rule's name too.
        assert rule.subtype.value in (f"lint-{rule.name}", rule.name)
        assert f"## `{rule.subtype.value}`" in warnings_page
        assert f"`{rule.name}`" in config_page


def test_every_subtype_is_in_the_warnings_reference() -> None:
    page = (DOCS / "warnings.md").read_text(encoding="utf8")
    missing = [s.value for s in Subtype if f"## `{s.value}`" not in page]
    assert missing == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("none", {r.name: LintLevel.OFF for r in RULES}),
        (" Recommended ", {r.name: r.recommended for r in RULES}),
        ("all", {r.name: LintLevel.WARNING for r in RULES}),
        (
            {"ach-size": "info", "supports-and-attacks": "WARNING"},
            {
                **{r.name: LintLevel.OFF for r in RULES},
                "ach-size": LintLevel.INFO,
                "supports-and-attacks": LintLevel.WARNING,
            },
        ),
    ],
)
def test_lint_setting(value: object, expected: dict[str, LintLevel]) -> None:
    levels, problems = lint_levels(value)
    assert dict(levels) == expected and problems == []


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("loud", "must be 'none', 'recommended', 'all' or a mapping"),
        (["all"], "must be 'none'"),
        ({"nope": "warning"}, "unknown rule 'nope'"),
        ({"single-sorce": "warning"}, "unknown rule 'single-sorce' (rules: key-judgment-scales,"),
        ({"single-sorce": "warning"}, "; did you mean 'single-source'?"),
        ({"ach-size": 2}, "rule 'ach-size': level must be"),
    ],
)
def test_bad_lint_values_are_reported_and_turn_rules_off(value: object, fragment: str) -> None:
    levels, problems = lint_levels(value)
    assert set(dict(levels).values()) == {LintLevel.OFF}
    assert len(problems) == 1 and fragment in problems[0]


def _graph(*objs: PolicyObject) -> BriefGraph:
    return BriefGraph({"d": list(objs)}, {}, BUILTIN_RELATIONS)


def test_ach_size() -> None:
    small, _ = parse_matrix("small", "T", ("h1",), ["a: C", "b: I"], docname="d", lineno=7)
    fine, _ = parse_matrix("fine", "T", ("h1", "h2"), ["a: C, I", "b: I, C", "c: N, N"])
    found = check_ach_size(LintContext(_graph(), (small, fine)))
    assert [(p.subtype, p.lineno) for p in found] == [(Subtype.LINT_ACH_SIZE, 7)]
    assert "1 hypothesis(es), fewer than 2 and 2 evidence row(s)" in found[0].message


def test_run_lint_uses_the_levels() -> None:
    torn = Claim(
        id="torn",
        title="T",
        docname="d",
        lineno=3,
        anchor="torn",
        links=(Link("supports", "x", 4), Link("attacks", "x", 5)),
    )
    context = LintContext(_graph(torn, Claim(id="x", title="X", docname="d", lineno=1, anchor="x")))
    assert run_lint({"supports-and-attacks": LintLevel.OFF}, context) == []
    (finding,) = run_lint({"supports-and-attacks": LintLevel.INFO}, context)
    assert finding.level is LintLevel.INFO and finding.problem.lineno == 4


def _build(tmp_path: Path, **conf: Any) -> tuple[str, str]:
    """The warnings and the status output of a build of the lint root."""
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(
        "dummy",
        srcdir=ROOT,
        builddir=tmp_path,
        freshenv=True,
        confoverrides=conf,
        status=status,
        warning=warning,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return strip_escape_sequences(warning.getvalue()), strip_escape_sequences(status.getvalue())


def _line(directive_id: str) -> int:
    lines = (ROOT / "index.md").read_text(encoding="utf8").splitlines()
    at = lines.index(f":id: {directive_id}")
    return next(n for n in range(at, -1, -1) if lines[n].startswith(":::{")) + 1


def _option_line(option: str) -> int:
    """The line of the directive whose (only) option line is *option*."""
    lines = (ROOT / "index.md").read_text(encoding="utf8").splitlines()
    (at,) = [n for n, line in enumerate(lines) if line == option]
    return next(n for n in range(at, -1, -1) if lines[n].startswith(":::{")) + 1


def _found(text: str) -> list[tuple[int, str]]:
    return [
        (int(m.group(1)), m.group(2))
        for m in re.finditer(r"index\.md:(\d+): (?:WARNING: )?.*\[policybrief\.([a-z-]+)\]", text)
    ]


def test_lint_is_off_by_default(tmp_path: Path) -> None:
    warnings, status = _build(tmp_path)
    assert warnings == "" and "lint-" not in status


def test_recommended_reports_each_rule_where_it_fires(tmp_path: Path) -> None:
    warnings, status = _build(tmp_path, policybrief_lint="recommended")
    assert _found(warnings) == [
        (_line("kj-bare"), "lint-key-judgment-scales"),
        (_line("torn"), "lint-supports-and-attacks"),
        # The swapped dates, the claim named as an actor, the actor named as a root; not
        # the same options done right.
        (_option_line(":from: 2020"), "lint-view-options"),
        (_option_line(":actors: kj-full"), "lint-view-options"),
        (_option_line(":root: belarus"), "lint-view-options"),
        # kj-bare names no evidence, no source and no supporting claim.
        (_line("kj-bare"), "lint-key-judgment-evidence"),
    ]
    assert "timeline: :from: 2020 begins after :to: 2019-06 ends" in warnings
    assert "claim-index: :actors: names 'kj-full', which is a claim, not an actor" in warnings
    assert "argument-map: :root: names 'belarus', which is an actor, not a claim" in warnings
    # The contradiction rule is "info" in the preset: in the status output, not a warning.
    assert _found(status) == [(_line("side-a"), "lint-contradiction-without-paradox")]


def test_all_makes_every_finding_a_warning(tmp_path: Path) -> None:
    warnings, _ = _build(tmp_path, policybrief_lint="all")
    assert {subtype for _, subtype in _found(warnings)} == {
        "lint-key-judgment-scales",
        "lint-supports-and-attacks",
        "lint-contradiction-without-paradox",
        "lint-key-judgment-evidence",
        "lint-view-options",
    }


def test_rules_are_silenced_by_the_setting_and_by_suppress_warnings(tmp_path: Path) -> None:
    warnings, status = _build(
        tmp_path,
        policybrief_lint={"key-judgment-scales": "warning", "supports-and-attacks": "off"},
    )
    assert _found(warnings) == [(_line("kj-bare"), "lint-key-judgment-scales")]
    assert "lint-" not in status
    warnings, _ = _build(
        tmp_path / "suppressed",
        policybrief_lint="all",
        suppress_warnings=["policybrief.lint-key-judgment-scales"],
    )
    assert "lint-key-judgment-scales" not in warnings and "lint-supports-and-attacks" in warnings


def test_a_bad_setting_is_a_config_warning(tmp_path: Path) -> None:
    warnings, _ = _build(tmp_path, policybrief_lint={"nope": "warning"})
    assert "unknown rule 'nope'" in warnings and "[policybrief.config]" in warnings
    assert "lint-" not in warnings
