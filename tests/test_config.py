"""Configuration: scales, kinds, extra relations, short names, and bad values."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import SWITCHES, build
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief import config as config_values
from sphinxcontrib_policybrief.config import settings_from
from sphinxcontrib_policybrief.core.model import BUILTIN_RELATIONS, Claim, Kind
from sphinxcontrib_policybrief.core.options import reserved_relation_names
from sphinxcontrib_policybrief.core.scales import (
    ADMIRALTY_RELIABILITY,
    ICD_203,
    PHIA,
    ScaleError,
    build_grade_scale,
    build_scale,
)
from sphinxcontrib_policybrief.core.settings import Settings, build_settings
from sphinxcontrib_policybrief.directives import directive_for


@pytest.mark.sphinx("html", testroot="config")
def test_phia_kinds_and_custom_relation(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    graph = app.env.get_domain("pb").graph  # type: ignore[attr-defined]
    base, refined = graph.objects["base"], graph.objects["refined"]
    assert isinstance(base, Claim) and isinstance(refined, Claim)
    assert base.likelihood == "realistic possibility" and base.claim_kind == "judgment"
    assert refined.claim_kind == "premise"
    assert graph.related("base", "refines", incoming=True) == ["refined"]
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf8")
    assert "Refined by" in html and "Refines" in html
    assert "realistic possibility (40–50 %)" in html


@pytest.mark.sphinx(
    "html", testroot="config", confoverrides={"policybrief_likelihood_scale": "icd203"}
)
def test_term_not_on_scale_warns(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    # At the :likelihood: line, not the directive's.
    assert "index.md:6: WARNING: pb:claim: 'realistic possibility' is not a term" in warnings
    assert "[policybrief.scale-term]" in warnings


@pytest.mark.sphinx(
    "html",
    testroot="config",
    confoverrides={
        "policybrief_likelihood_scale": "nonsense",
        "policybrief_claim_kinds": [],
        "policybrief_relations": [{"name": "supports"}],
    },
)
def test_bad_config_values_warn_and_fall_back(app: SphinxTestApp) -> None:
    warnings = app.warning.getvalue()
    # Scale, kinds, the default kind (no longer among the fallback kinds), the relation.
    assert warnings.count("[policybrief.config]") == 4
    assert "unknown scale preset 'nonsense'" in warnings
    assert "policybrief_default_claim_kind 'premise'" in warnings


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"policybrief_short_names": False})
def test_short_names_can_be_switched_off(app: SphinxTestApp) -> None:
    app.build()
    # analysis.md uses the unqualified names: with them off, docutils does not know them.
    assert "Unknown directive type: 'claim'" in app.warning.getvalue()
    assert "deal-is-tool" not in app.env.get_domain("pb").graph.objects  # type: ignore[attr-defined]


def test_scales() -> None:
    assert ICD_203.lookup("Probable") is ICD_203.terms[4]
    assert ICD_203.lookup("roughly  even chance") is not None
    assert PHIA.terms[3].range_label == "40–50 %"
    custom = build_scale(["improbable", {"term": "Likely", "low": 55, "high": 80}])
    assert [t.term for t in custom.terms] == ["improbable", "likely"]
    for bad in ("x", [], [{"term": "a", "low": 90, "high": 10}], ["a", "a"], [3]):
        with pytest.raises(ScaleError):
            build_scale(bad)


# -- values checked one by one ------------------------------------------------------------------


def settings_with(**values: object) -> tuple[Settings, list[str]]:
    defaults = {name: default for name, (default, _) in config_values._VALUES.items()}
    return build_settings({**defaults, **values}.__getitem__)


_CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + (
    'myst_enable_extensions = ["colon_fence"]\nproject = "Checked"\n'
)


def _built(tmp_path: Path, conf: str, body: str) -> tuple[SphinxTestApp, str]:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(_CONF + conf, encoding="utf8")
    (src / "index.md").write_text(f"# Brief\n\n{body}", encoding="utf8")
    return build(src, tmp_path / "out", fresh=True)


def _option_names() -> set[str]:
    """Every option an object directive takes, as the directives themselves declare them."""
    settings, _ = settings_with()
    return {name for kind in Kind for name in directive_for(kind, settings).own_options}


def test_a_relation_may_not_take_the_name_of_any_option() -> None:
    names = _option_names()
    # The ones a hand-written list once missed, so they must come from the directives.
    assert {"reviewed", "probability", "resolves-by", "criteria", "outcome"} <= names
    assert "outcome-date" in names and "credibility" in names and "sources" in names
    for name in sorted(names):
        settings, problems = settings_with(policybrief_relations=[{"name": name}])
        assert len(problems) == 1, (name, problems)
        assert f"{name!r} is already an option of the object directives" in problems[0]
        assert settings.relations == BUILTIN_RELATIONS


def test_a_relation_named_like_a_forecast_option_leaves_the_forecast_alone(
    tmp_path: Path,
) -> None:
    conf = 'policybrief_relations = [{"name": "probability"}, {"name": "refines"}]\n'
    brief = (
        ":::{claim} It will happen\n:id: call\n:kind: forecast\n:probability: 0.7\n:::\n\n"
        ":::{claim} Detail\n:id: detail\n:refines: call\n:::\n"
    )
    app, warnings = _built(tmp_path, conf, brief)
    assert warnings.count("WARNING") == 1, warnings
    assert "policybrief_relations: 'probability' is already an option" in warnings
    assert "[policybrief.config]" in warnings and "unknown-ref" not in warnings
    claim = app.env.get_domain("pb").graph.objects["call"]  # type: ignore[attr-defined]
    assert isinstance(claim, Claim) and claim.forecast is not None
    assert claim.forecast.probability == 0.7


def test_each_key_of_a_custom_relation_is_checked_and_falls_back_alone() -> None:
    spec = {"name": "refines", "outgoing": 5, "incoming": ["x"], "acyclic": "yes", "colour": 1}
    settings, problems = settings_with(policybrief_relations=[{**spec, "targets": []}])
    rel = settings.relation("refines")
    assert rel is not None
    assert (rel.outgoing, rel.incoming, rel.acyclic) == ("Refines", "Refines (from)", False)
    assert rel.targets == frozenset({Kind.CLAIM})
    assert len(problems) == 5, problems
    assert "'refines': outgoing must be text, not 5; using 'Refines'" in problems[0]
    assert "'refines': incoming must be text, not ['x']; using 'Refines (from)'" in problems[1]
    assert "'refines': targets must be a non-empty list of claim, actor" in problems[2]
    assert "'refines': acyclic must be True or False, not 'yes'; using False" in problems[3]
    assert "'refines': unknown key 'colour' (known: name, outgoing, incoming," in problems[4]


@pytest.mark.parametrize(
    ("targets", "fragment"),
    [
        ("actor", "not 'actor'"),  # a string is not a list of kinds
        (["actor", "nation"], "not ['actor', 'nation']"),
        ([], "not []"),
        (["actor", 3], "not ['actor', 3]"),
    ],
)
def test_relation_targets_must_be_a_non_empty_list_of_kinds(targets: object, fragment: str) -> None:
    settings, problems = settings_with(
        policybrief_relations=[{"name": "names", "targets": targets, "acyclic": True}]
    )
    (problem,) = problems
    assert fragment in problem and "using ['claim']" in problem
    rel = settings.relation("names")
    assert rel is not None and rel.targets == frozenset({Kind.CLAIM}) and rel.acyclic


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        ({}, "needs a name"),
        ({"name": 5}, "name must be text, not 5"),
        ({"name": "no good"}, "'no good' is not a valid name"),
        ({"name": "pb-repeated-supports"}, "names starting with 'pb-repeated-' are the"),
        ({"name": "Supports"}, "'supports' is already an option"),
        ("refines", "is not a mapping"),
    ],
)
def test_a_relation_without_a_usable_name_is_left_out(item: object, fragment: str) -> None:
    settings, problems = settings_with(policybrief_relations=[item])
    (problem,) = problems
    assert problem.startswith("policybrief_relations: ") and fragment in problem
    assert settings.relations == BUILTIN_RELATIONS


def test_a_relation_declared_twice_keeps_the_first() -> None:
    settings, problems = settings_with(
        policybrief_relations=[{"name": "refines"}, {"name": "Refines", "outgoing": "Again"}]
    )
    assert problems == ["policybrief_relations: 'refines' is declared twice; the first is kept"]
    rel = settings.relation("refines")
    assert rel is not None and rel.outgoing == "Refines"


def test_good_relation_keys_give_no_problem() -> None:
    spec = {"name": "Refines", "outgoing": "Refines", "incoming": "refined by", "acyclic": True}
    settings, problems = settings_with(
        policybrief_relations=[{**spec, "targets": ("claim", "source")}, {"name": "x-1"}]
    )
    assert problems == []
    rel = settings.relation("refines")
    assert rel is not None and rel.incoming == "Refined by" and rel.acyclic
    assert rel.targets == frozenset({Kind.CLAIM, Kind.SOURCE})


@pytest.mark.parametrize(
    "scale",
    [
        [""],
        ["  "],
        [{"term": "", "low": 0, "high": 5}],
        [{"term": " \t", "low": 0, "high": 5}],
        [{"term": "a", "low": True, "high": 5}],
        [{"term": "a", "low": 0, "high": True}],
        [{"term": "a", "synonyms": [""]}],
        [{"term": "a", "synonyms": [5]}],
        [{"term": "a", "synonyms": "b"}],
    ],
)
def test_likelihood_scales_refuse_empty_terms_and_boolean_bounds(scale: object) -> None:
    with pytest.raises(ScaleError):
        build_scale(scale)
    settings, problems = settings_with(policybrief_likelihood_scale=scale)
    (problem,) = problems
    assert problem.startswith("policybrief_likelihood_scale: ") and "using ICD 203" in problem
    assert settings.likelihood == ICD_203


def test_a_blank_grade_label_is_the_code() -> None:
    scale = build_grade_scale([{"code": "A", "label": "  "}, "B"], ADMIRALTY_RELIABILITY)
    assert [(g.code, g.wording) for g in scale.grades] == [("A", "A"), ("B", "B")]
    for bad in ([{"code": "A", "label": True}], [{"code": True}], [""]):
        with pytest.raises(ScaleError):
            build_grade_scale(bad, ADMIRALTY_RELIABILITY)


# -- Sphinx leaves the checking to us -------------------------------------------------------------


def test_each_bad_value_is_one_typed_warning_and_the_default(tmp_path: Path) -> None:
    conf = "".join(
        f"{name} = {value!r}\n"
        for name, value in zip(SWITCHES, ["no", "false", "no", "off", "0.0"], strict=True)
    )
    conf += 'policybrief_claim_kinds = "judgment"\npolicybrief_review_after = 10.5\n'
    conf += 'policybrief_likelihood_scale = {"term": "x"}\npolicybrief_edition = 2020\n'
    app, warnings = _built(tmp_path, conf, ":::{claim} A claim\n:id: a\n:::\n")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", warnings)
    lines = [line for line in plain.splitlines() if "WARNING" in line]
    # Not Sphinx's own "The config value ... has type ..." beside ours: it has no type.
    assert "The config value" not in warnings
    assert all(line.endswith("[policybrief.config]") for line in lines), warnings
    assert len(lines) == len(SWITCHES) + 4, warnings
    for name in SWITCHES:
        assert f"{name} must be True or False, not " in warnings
    settings = settings_from(app.config)
    assert all(getattr(settings, name.removeprefix("policybrief_")) is True for name in SWITCHES)
    assert settings.claim_kinds[0] == "key-judgment" and settings.review_after == 365
    # The string was not read as true: the unqualified names are still registered.
    assert "a" in app.env.get_domain("pb").graph.objects  # type: ignore[attr-defined]


def test_suppress_warnings_silences_every_config_warning(tmp_path: Path) -> None:
    conf = 'policybrief_export = "no"\npolicybrief_claim_kinds = "judgment"\n'
    conf += 'suppress_warnings = ["policybrief"]\n'
    _, warnings = _built(tmp_path, conf, "Text.\n")
    assert warnings == ""


def test_switches_take_0_and_1_as_sphinx_did(tmp_path: Path) -> None:
    # Sphinx's own check let 0 and 1 through for a boolean; a -W build with them stays clean.
    conf = "policybrief_export = 0\npolicybrief_tag_pages = 0\npolicybrief_previews = 1\n"
    app, warnings = _built(tmp_path, conf, "Text.\n")
    assert warnings == ""
    settings = settings_from(app.config)
    assert (settings.export, settings.tag_pages, settings.previews) == (False, False, True)
    for value in (2, -1, 1.0, None, "True"):
        settings, problems = settings_with(policybrief_export=value)
        assert settings.export is True and len(problems) == 1, value


def test_every_value_is_registered_for_us_to_check() -> None:
    app = SimpleNamespace(added=[])
    app.add_config_value = lambda *args, **kwargs: app.added.append((args, kwargs))
    config_values.register(app)  # type: ignore[arg-type]
    assert {args[0] for args, _ in app.added} == set(config_values._VALUES)
    # Any: Sphinx's check_confval_types skips the value (its warnings have no type).
    assert all(kwargs["types"] is Any for _, kwargs in app.added)


def test_the_docs_list_every_name_a_relation_may_not_take() -> None:
    page = (Path(__file__).parents[1] / "docs" / "reference" / "config.md").read_text("utf8")
    section = page[page.index("{confval} policybrief_relations") :]
    section = section[: section.index("\n:::\n")]
    missing = [n for n in sorted(reserved_relation_names()) if f"`{n}`" not in section]
    assert missing == []
