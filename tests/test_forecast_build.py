"""Forecasts and editions through real builds of tests/roots/test-forecast.

The root writes the issue's syntax: forecasts that resolved (right, missed, ambiguous) and
one still open, two key judgments with review dates, and a previous edition
(``editions/2019-06/policybrief.json``, built from an earlier state of the root with some
likelihoods different, an event dated earlier and one claim more).
"""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from helpers import build, diff_names, snapshot

ROOT = Path(__file__).parent / "roots" / "test-forecast"


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _line(ident: str) -> int:
    lines = (ROOT / "index.md").read_text(encoding="utf8").splitlines()
    at = lines.index(f":id: {ident}")
    return next(n for n in range(at, -1, -1) if lines[n].startswith(":::{")) + 1


def _found(warnings: str) -> list[tuple[int, str]]:
    return [
        (int(m[1]), m[2])
        for m in re.finditer(r"index\.md:(\d+): WARNING: .*\[policybrief\.([a-z-]+)\]", warnings)
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("forecast")
    src = _copy(tmp)
    app, warnings = build(src, tmp / "out", fresh=True)
    return Path(app.outdir), warnings


def test_the_issue_syntax_builds_clean(built: tuple[Path, str]) -> None:
    _, warnings = built
    assert warnings == ""


def test_mean_brier_score_is_the_hand_computed_one(built: tuple[Path, str]) -> None:
    outdir, _ = built
    page = _text((outdir / "index.html").read_text(encoding="utf8"))
    # half-deal: stated 65 %, happened: (0.65 - 1)^2 = 0.1225
    # full-package: "unlikely" 20-45 %, midpoint 32.5 %, did not happen: 0.325^2 = 0.105625
    # exit: "very likely" 80-95 %, midpoint 87.5 %, did not happen: 0.875^2 = 0.765625
    # muddle is ambiguous and later pending: neither is scored.
    mean = (0.1225 + 0.105625 + 0.765625) / 3  # 0.33125
    assert f"Mean Brier score {mean:.3f} over 3 forecasts" in page
    assert "Mean Brier score 0.331 over 3 forecasts" in page
    assert "p 65 % · happened · Brier 0.122" in page  # 0.1225 shown with three decimals
    assert "p 32.5 % · did not happen · Brier 0.106" in page
    assert "p 87.5 % · did not happen · Brier 0.766" in page
    # The export carries the same numbers at full precision.
    data = json.loads((outdir / "policybrief.json").read_text(encoding="utf8"))
    scores = [
        c["forecast"]["brier_score"]
        for c in data["claims"]
        if c.get("forecast") and c["forecast"]["brier_score"] is not None
    ]
    assert sorted(scores) == pytest.approx(sorted([0.1225, 0.105625, 0.765625]))
    assert sum(scores) / len(scores) == pytest.approx(mean)
    assert data["edition"] == "2020-01"


def test_open_forecasts_and_calibration(built: tuple[Path, str]) -> None:
    outdir, _ = built
    html = (outdir / "index.html").read_text(encoding="utf8")
    page = _text(html)
    assert "The roadmaps are all signed by 2030 — resolves by 2030" in page
    assert "Ambiguous, not scored: The talks stay in the news" in page
    # The chart is drawn at build time: one band per term of the scale, a dot per term used.
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" class="pb-cal-svg"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count('class="pb-cal-range"') == 7
    assert svg.count('class="pb-cal-observed"') == 3
    assert "likely (55–80 %)" in svg and "1 of 1 happened (100 %)" in svg


def test_a_right_unlikely_call_is_not_shown_as_a_failure(built: tuple[Path, str]) -> None:
    outdir, _ = built
    html = (outdir / "index.html").read_text(encoding="utf8")
    block = html[html.index('id="full-package"') :]
    block = block[: block.index("pb-meta")]
    assert "right call" in block and "pb-tone-success" in block
    # :status: refuted is kept (the statement is false) but not drawn in red beside it.
    status = re.search(r'<span class="[^"]*pb-status[^"]*">', block)
    assert status is not None and "pb-tone-danger" not in status[0]


def test_edition_changes_lists_old_and_new(built: tuple[Path, str]) -> None:
    outdir, _ = built
    page = _text((outdir / "index.html").read_text(encoding="utf8"))
    start = page.index("Compared with edition 2019-06, as of 30 June 2019.")
    changes = page[start:]
    assert "likelihood: roughly even chance → likely" in changes
    # Key judgments first.
    assert changes.index("Moscow wants deeper integration — likelihood: likely → very likely") < (
        changes.index("roughly even chance → likely")
    )
    assert "removed Moscow cuts the oil subsidy at once" in changes
    assert "re-dated The roadmaps are drafted — June 2019 → September 2019" in changes
    # The key judgments say which edition this is.
    assert "Edition 2020-01 · as of 20 December 2019" in page


def test_lint_reports_overdue_forecasts_and_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1 June 2031: "later" was to resolve by the end of 2030 and has no outcome.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1938124800")
    src = _copy(tmp_path)
    _, warnings = build(src, tmp_path / "out", fresh=True, conf={"policybrief_lint": "recommended"})
    assert _dated(warnings) == [
        (_line("later"), "forecast-overdue"),
        (_line("kj-credit"), "review-overdue"),
    ]
    assert "538 days before 2019-12-20" in warnings
    # Built on 1 January 2020, the forecast is not due yet; the review is measured to
    # policybrief_as_of, not to the build date, so it is still overdue.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")  # 1 January 2020
    _, warnings = build(
        src, tmp_path / "out2", fresh=True, conf={"policybrief_lint": "recommended"}
    )
    assert _dated(warnings) == [(_line("kj-credit"), "review-overdue")]


def _dated(warnings: str) -> list[tuple[int, str]]:
    # "recommended" runs the source rules too; these tests are about the two dated ones.
    return [f for f in _found(warnings) if f[1] in ("forecast-overdue", "review-overdue")]


def test_lint_rules_are_silenced_by_policybrief_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1938124800")
    src = _copy(tmp_path)
    _, warnings = build(
        src,
        tmp_path / "out",
        fresh=True,
        conf={"policybrief_lint": {"forecast-overdue": "off", "review-overdue": "off"}},
    )
    assert warnings == ""
    _, warnings = build(
        src, tmp_path / "out2", fresh=True, conf={"policybrief_lint": {"review-overdue": "warning"}}
    )
    assert _found(warnings) == [(_line("kj-credit"), "review-overdue")]


def test_review_lint_needs_as_of(tmp_path: Path) -> None:
    src = _copy(tmp_path)
    _, warnings = build(
        src, tmp_path / "out", fresh=True, conf={"policybrief_lint": "all", "policybrief_as_of": ""}
    )
    assert "review-overdue" not in warnings


def test_a_changed_previous_edition_rewrites_the_page(tmp_path: Path) -> None:
    src = _copy(tmp_path)
    app, warnings = build(src, tmp_path / "out", fresh=True)
    assert warnings == ""
    previous = src / "editions" / "2019-06" / "policybrief.json"
    data = json.loads(previous.read_text(encoding="utf8"))
    for claim in data["claims"]:
        if claim["id"] == "half-deal":
            claim["likelihood"]["term"] = "unlikely"
    previous.write_text(json.dumps(data), encoding="utf8")
    app, warnings = build(src, tmp_path / "out")  # incremental: no document changed
    page = _text((Path(app.outdir) / "index.html").read_text(encoding="utf8"))
    assert "likelihood: unlikely → likely" in page
    previous.write_text("not json", encoding="utf8")
    app, warnings = build(src, tmp_path / "out")
    assert "[policybrief.edition]" in warnings and "is not valid JSON" in warnings
    assert "Traceback" not in warnings


def test_a_parallel_build_writes_the_same_pages(tmp_path: Path) -> None:
    src = _copy(tmp_path)
    serial_app, warnings = build(src, tmp_path / "serial", fresh=True)
    parallel_app, parallel_warnings = build(src, tmp_path / "parallel", fresh=True, parallel=2)
    assert warnings == parallel_warnings == ""
    serial, parallel = snapshot(Path(serial_app.outdir)), snapshot(Path(parallel_app.outdir))
    assert diff_names(serial, parallel) == []


def test_a_forecast_resolved_on_another_page_rewrites_the_record(tmp_path: Path) -> None:
    src = _copy(tmp_path)
    app, _ = build(src, tmp_path / "out", fresh=True)
    page = _text((Path(app.outdir) / "index.html").read_text(encoding="utf8"))
    assert "Mean Brier score 0.331 over 3 forecasts" in page
    more = src / "more.md"
    more.write_text(
        more.read_text(encoding="utf8").replace(":::\n", ":outcome: did-not-happen\n:::\n"),
        encoding="utf8",
    )
    app, warnings = build(src, tmp_path / "out")  # incremental: only more.md is read
    assert warnings == ""
    page = _text((Path(app.outdir) / "index.html").read_text(encoding="utf8"))
    # "very unlikely" 5-20 %: midpoint 12.5 %, did not happen: 0.125^2 = 0.015625.
    mean = (0.1225 + 0.105625 + 0.765625 + 0.015625) / 4  # 0.25234375
    assert f"Mean Brier score {mean:.3f} over 4 forecasts" in page
