"""The key assumptions check: what rests on each assumption, most load-bearing first."""

from __future__ import annotations

from sphinxcontrib_policybrief.core.assumptions import key_assumptions, load_of
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import BUILTIN_RELATIONS, Claim, Link, PolicyObject


def claim(ident: str, lineno: int, kind: str = "assessment", **rels: str) -> Claim:
    links = tuple(Link(r, t, lineno) for r, ts in rels.items() for t in ts.split(","))
    return Claim(
        id=ident,
        title=ident,
        docname="d",
        lineno=lineno,
        anchor=ident,
        links=links,
        claim_kind=kind,
    )


def graph_of(*objs: PolicyObject) -> BriefGraph:
    return BriefGraph({"d": list(objs)}, {}, BUILTIN_RELATIONS)


def sample() -> BriefGraph:
    #   kj-1 <-supports- mid <-assumes- (a-wide)      kj-2 <-supports- a-wide (directly)
    #   kj-1 <-assumes- a-narrow                      side <-assumes- a-side; attacker
    #   a-idle: nothing rests on it
    return graph_of(
        claim("kj-1", 1, "key-judgment"),
        claim("kj-2", 2, "key-judgment", supports="kj-1"),
        claim("mid", 3, supports="kj-1", assumes="a-wide"),
        claim("side", 4, assumes="a-side"),
        claim("attacker", 5, attacks="kj-1", assumes="a-attack"),
        claim("a-idle", 10, "assumption"),
        claim("a-side", 11, "assumption"),
        claim("a-narrow", 12, "assumption"),
        claim("a-wide", 13, "assumption", supports="kj-2"),
        claim("a-attack", 14, "assumption"),
        claim("kj-1-user", 6, assumes="a-narrow"),
        claim("top", 7, "key-judgment", assumes="a-narrow", supports="kj-1-user"),
    )


def test_what_rests_on_an_assumption() -> None:
    load = load_of(sample(), "a-wide")
    assert load.direct == ("kj-2", "mid")
    assert load.dependents == ("kj-1", "kj-2", "mid")
    assert load.key_judgments == ("kj-1", "kj-2")
    # Shortest chains up to each key judgment; of two as short, the one through a claim
    # that assumes it comes first (mid assumes a-wide; a-wide supports kj-2).
    assert load.chains == (("a-wide", "mid", "kj-1"), ("a-wide", "kj-2"))


def test_attacks_carry_no_weight() -> None:
    assert load_of(sample(), "a-attack").dependents == ("attacker",)


def test_most_load_bearing_first() -> None:
    ranked = [load.assumption for load in key_assumptions(sample())]
    # a-wide: 2 key judgments, 3 dependents; a-narrow: 1 key judgment (top), 2 dependents;
    # a-attack and a-side: no key judgment, 1 dependent each (reading order between them);
    # a-idle: nothing.
    assert ranked == ["a-wide", "a-narrow", "a-side", "a-attack", "a-idle"]


def test_only_claims_of_the_assumption_kind_are_listed() -> None:
    ranked = key_assumptions(sample(), assumption_kind="key-judgment")
    assert {load.assumption for load in ranked} == {"kj-1", "kj-2", "top"}
    assert key_assumptions(graph_of(claim("x", 1))) == []
