"""'Did you mean …?': the helper, and the exact message of every kind of suggestion."""

from __future__ import annotations

import re

import pytest
from helpers import build
from sphinx.util.console import strip_escape_sequences

from sphinxcontrib_policybrief.config import _VALUES
from sphinxcontrib_policybrief.core.model import Actor, Claim, Kind
from sphinxcontrib_policybrief.core.settings import build_settings
from sphinxcontrib_policybrief.core.suggest import (
    closest_ids,
    closest_words,
    did_you_mean,
    with_suggestion,
)

CONFIDENCE = ("low", "moderate", "high")


def _actor(ident: str, title: str, *aliases: str) -> Actor:
    return Actor(id=ident, title=title, docname="d", lineno=1, anchor=ident, aliases=aliases)


def _claim(ident: str, title: str) -> Claim:
    return Claim(id=ident, title=title, docname="d", lineno=1, anchor=ident)


OBJECTS = [
    _actor("trump", "Donald Trump", "The Donald"),
    _actor("putin", "Vladimir Putin"),
    _claim("renewal", "The treaty is renewed"),
    _claim("trumpet", "A claim whose id looks like an actor's"),
]


def test_spelling_and_synonyms() -> None:
    assert closest_words("likly", ("unlikely", "likely", "very likely")) == ["likely"]
    assert closest_words("lkely", ("unlikely", "likely", "very likely")) == ["likely"]
    # Two words equally near are both offered.
    assert closest_words("cat", ("cart", "cast", "dog")) == ["cart", "cast"]
    assert closest_words("medium", CONFIDENCE) == ["moderate"]
    assert closest_words("Medium ", CONFIDENCE) == ["moderate"]
    assert closest_words("zzz", CONFIDENCE) == []
    # A synonym is offered only when it is configured.
    assert closest_words("medium", ("low", "high")) == []


def test_ids_by_title_alias_and_spelling() -> None:
    assert closest_ids("Donald Trump", OBJECTS) == ["trump"]
    assert closest_ids("the donald", OBJECTS) == ["trump"]
    # Written as a name, the id itself: "Vladimir Putin" for an id made from that title.
    assert closest_ids("vladimir putin", [_actor("vladimir-putin", "Putin")]) == ["vladimir-putin"]
    assert closest_ids("renewl", OBJECTS) == ["renewal"]
    assert closest_ids("Vladimir Putn", OBJECTS) == ["putin"]
    # Only the kinds the relation accepts: "trumpet" is a claim, not an actor.
    assert closest_ids("trumpe", OBJECTS) == ["trumpet", "trump"]
    assert closest_ids("trumpe", OBJECTS, (Kind.ACTOR,)) == ["trump"]
    assert closest_ids("nothing-like-it", OBJECTS) == []


def test_scale_preset_suggestion() -> None:
    values = {name: default for name, (default, _) in _VALUES.items()}
    values["policybrief_likelihood_scale"] = "icd-203"
    settings, problems = build_settings(values.__getitem__)
    assert settings.likelihood.name == "icd203"
    assert problems == [
        "policybrief_likelihood_scale: unknown scale preset 'icd-203' (presets: icd203, phia); "
        "using ICD 203; did you mean 'icd203'?"
    ]


def test_message_wording() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean(["a"]) == "did you mean 'a'?"
    assert did_you_mean(["a", "b", "c"]) == "did you mean 'a', 'b' or 'c'?"
    assert did_you_mean(["id"], lambda o: f":{o}:") == "did you mean :id:?"
    assert with_suggestion("bad", []) == "bad"
    assert with_suggestion("bad", ["good"]) == "bad; did you mean 'good'?"


FIXTURE = """\
# Fixture

:::{actor} Donald Trump
:id: trump
:aliases: The Donald
:::

:::{claim} The treaty is renewed
:id: renewal
:::
"""

MISTAKES = """\
# Mistakes

:::{claim} An invalid id that is an actor's name
:id: by-name
:actors: Donald Trump
:::

:::{claim} A misspelt id
:id: by-spelling
:supports: renewl
:::

:::{claim} Misspelt terms
:id: terms
:likelihood: likly
:confidence: medium
:kind: judgement
:status: confirm
:::

:::{claim} Misspelt options
:id: options
:likelyhood: likely
:support: renewal
:::

:::{actor} An actor kind spelt the other way
:id: org
:kind: organisation
:::

:::{timeline-event} Words in a date
:id: words
:date: early 2019
:::

:::{timeline}
:actors: Donald Trump
:from: late 2018
:::

:::{timeline}
:actor: trump
:::

:::{claim-index}
:confidence: medium
:group-by: kinds
:::

:::{key-judgments}
:scope: projects
:::

A role by name: {actor}`Donald Trump`.
"""

# subtype, the message as printed (after "WARNING: ", before the subtype)
EXPECTED = [
    (
        "invalid-id",
        "claim 'by-name': :actors: 'donald trump' is not a valid id; did you mean 'trump'?",
    ),
    (
        "unknown-ref",
        "claim 'by-spelling': :supports: names 'renewl', which is not defined anywhere in the "
        "project; did you mean 'renewal'?",
    ),
    (
        "scale-term",
        "claim: 'likly' is not a term of the icd203 likelihood scale (almost no chance, very "
        "unlikely, unlikely, roughly even chance, likely, very likely, almost certain); did you "
        "mean 'likely'?",
    ),
    (
        "option-value",
        "claim: unknown :confidence: 'medium' (allowed: low, moderate, high); ignored; did you "
        "mean 'moderate'?",
    ),
    (
        "option-value",
        "claim: unknown :kind: 'judgement' (allowed: key-judgment, assessment, finding, "
        "assumption, forecast, hypothesis); using 'assessment'; did you mean 'key-judgment'?",
    ),
    (
        "option-value",
        "claim: unknown :status: 'confirm' (allowed: open, confirmed, refuted, superseded); "
        "using 'open'; did you mean 'confirmed'?",
    ),
    (
        "option-value",
        "actor: unknown :kind: 'organisation' (allowed: person, state, organization, group); "
        "using 'person'; did you mean 'organization'?",
    ),
    (
        "unknown-option",
        "claim: unknown option :likelyhood: (known: actors, assumes, attacks, class, confidence, "
        "contradicts, credibility, criteria, evidence, id, kind, likelihood, outcome, "
        "outcome-date, probability, resolves-by, reviewed, short, source, sources, status, "
        "supports, tags); "
        "did you mean :likelihood:?",
    ),
    (
        "unknown-option",
        "claim: unknown option :support: (known: actors, assumes, attacks, class, confidence, "
        "contradicts, credibility, criteria, evidence, id, kind, likelihood, outcome, "
        "outcome-date, probability, resolves-by, reviewed, short, source, sources, status, "
        "supports, tags); "
        "did you mean :supports:?",
    ),
    (
        "invalid-date",
        "timeline-event: invalid :date: 'early 2019': 'early 2019' is not a date this extension "
        "reads; did you mean :date: 2019 with :date-label: early 2019?",
    ),
    (
        "view-option",
        "timeline: invalid :from: 'late 2018': 'late 2018' is not a date this extension reads; "
        "did you mean :from: 2018?",
    ),
    (
        "unknown-ref",
        "timeline: :actors: names 'donald trump', which is not defined; did you mean 'trump'?",
    ),
    (
        "unknown-option",
        "timeline: unknown option :actor: (known: actors, class, from, tags, to); did you mean "
        ":actors:?",
    ),
    (
        "view-option",
        "claim-index: unknown :group-by: 'kinds' (allowed: kind, document, actor, none); did "
        "you mean 'kind'?",
    ),
    (
        "view-option",
        "claim-index: :confidence: 'medium' is not one of low, moderate, high; did you mean "
        "'moderate'?",
    ),
    (
        "view-option",
        "key-judgments: unknown :scope: 'projects' (allowed: document, project); using "
        "'document'; did you mean 'project'?",
    ),
    (
        "unknown-ref",
        # Roles case-fold their target, as ids do.
        "{actor} reference to 'donald trump': no such actor in the project; did you mean 'trump'?",
    ),
]

_WARNING = re.compile(r"WARNING: (?P<message>.*) \[policybrief\.(?P<subtype>[\w-]+)\]$", re.M)


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    src = tmp_path_factory.mktemp("suggest") / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n'
        'myst_enable_extensions = ["colon_fence"]\n',
        encoding="utf8",
    )
    (src / "index.md").write_text(
        "# Index\n\n```{toctree}\nfixture\nmistakes\n```\n", encoding="utf8"
    )
    (src / "fixture.md").write_text(FIXTURE, encoding="utf8")
    (src / "mistakes.md").write_text(MISTAKES, encoding="utf8")
    _, warnings = build(src, src.parent / "build", fresh=True)
    text = strip_escape_sequences(warnings)
    return [(m["subtype"], m["message"]) for m in _WARNING.finditer(text)]


@pytest.mark.parametrize(("subtype", "message"), EXPECTED, ids=[m[:48] for _, m in EXPECTED])
def test_warning_suggests(reported: list[tuple[str, str]], subtype: str, message: str) -> None:
    assert (subtype, message) in reported, "\n".join(m for _, m in reported)


def test_no_other_warnings(reported: list[tuple[str, str]]) -> None:
    assert sorted(reported) == sorted(EXPECTED)
