"""Configuration: scales, kinds, extra relations, short names, and bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief.core.model import Claim
from sphinxcontrib_policybrief.core.scales import ICD_203, PHIA, ScaleError, build_scale


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
    assert "index.md:3: WARNING: pb:claim: 'realistic possibility' is not a term" in warnings
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
