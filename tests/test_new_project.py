"""`policybrief-new`: the project it writes builds with -W -n, and it never overwrites."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief.__main__ import main, new_main
from sphinxcontrib_policybrief.scaffold import NotEmpty, ProjectOptions, create_project

PROJECT_FILES = {
    ".gitignore",
    "Makefile",
    "actors.md",
    "analysis.md",
    "claims.md",
    "conf.py",
    "index.md",
    "timeline.md",
}


def _build(srcdir: Path, builder: str, tmp_path: Path) -> tuple[SphinxTestApp, str]:
    warnings = StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=tmp_path / "build",
        freshenv=True,
        warning=warnings,
        warningiserror=True,
        confoverrides={"nitpicky": True},
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app, warnings.getvalue()


@pytest.mark.parametrize("scale", ["icd203", "phia"])
def test_new_project_builds_with_w_and_n(tmp_path: Path, scale: str) -> None:
    target = tmp_path / "brief"
    rc = new_main(
        [str(target), "--title", 'The "grid" question', "--author", "Policy Unit", "--scale", scale]
    )
    assert rc == 0
    assert {p.name for p in target.iterdir()} == PROJECT_FILES

    conf = ast.parse((target / "conf.py").read_text(encoding="utf8"))
    values = {
        node.targets[0].id: node.value.value  # type: ignore[attr-defined]
        for node in conf.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
    }
    assert values["project"] == 'The "grid" question'
    assert values["author"] == "Policy Unit"
    assert values["policybrief_likelihood_scale"] == scale

    app, warnings = _build(target, "html", tmp_path)
    assert app.statuscode == 0, warnings
    assert warnings == ""
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf8")
    # The key-judgments box on the front page lists the chapter's key judgment.
    assert 'href="analysis.html#talks-fail"' in index
    analysis = (Path(app.outdir) / "analysis.html").read_text(encoding="utf8")
    for ident in ("talks-open", "north", "talks-fail", "market-paradox"):
        assert f'id="{ident}"' in analysis
    timeline = (Path(app.outdir) / "timeline.html").read_text(encoding="utf8")
    assert "autumn 2024" in timeline


@pytest.mark.parametrize(("builder", "output"), [("latex", "brief.tex"), ("epub", "index.xhtml")])
def test_new_project_builds_in_another_language(tmp_path: Path, builder: str, output: str) -> None:
    target = tmp_path / "brief"
    assert main(["new", str(target), "--language", "de"]) == 0
    assert "language = 'de'" in (target / "conf.py").read_text(encoding="utf8")
    app, warnings = _build(target, builder, tmp_path)
    assert app.statuscode == 0, warnings
    assert (Path(app.outdir) / output).is_file()


def test_makefile_has_its_targets(tmp_path: Path) -> None:
    create_project(tmp_path / "brief", ProjectOptions(python="/opt/py/bin/python"))
    makefile = (tmp_path / "brief" / "Makefile").read_text(encoding="utf8")
    assert "PYTHON ?= /opt/py/bin/python\n" in makefile
    for target in ("html:", "pdf:", "epub:", "preview:"):
        assert f"\n{target}\n" in makefile
    assert "-m sphinx_autobuild" in makefile
    assert "{{" not in makefile


def test_refuses_a_directory_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief"
    target.mkdir()
    (target / "notes.md").write_text("mine", encoding="utf8")
    assert new_main([str(target)]) == 1
    assert capsys.readouterr().err == (
        f"policybrief-new: {target} is not empty; choose a new or empty directory\n"
    )
    assert [p.name for p in target.iterdir()] == ["notes.md"]
    assert (target / "notes.md").read_text(encoding="utf8") == "mine"
    with pytest.raises(NotEmpty):
        create_project(target, ProjectOptions())


def test_an_empty_directory_is_used(tmp_path: Path) -> None:
    target = tmp_path / "brief"
    target.mkdir()
    assert main(["new", str(target)]) == 0
    assert {p.name for p in target.iterdir()} == PROJECT_FILES


def test_unknown_scale_is_refused_by_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        new_main([str(tmp_path / "brief"), "--scale", "nato"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'nato'" in capsys.readouterr().err
    assert not (tmp_path / "brief").exists()


def test_the_command_imports_no_sphinx() -> None:
    code = (
        "import sys, sphinxcontrib_policybrief.__main__; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_module_entry_point_runs(tmp_path: Path) -> None:
    target = tmp_path / "brief"
    done = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_policybrief", "new", str(target), "--title", "X"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "# X\n" in (target / "index.md").read_text(encoding="utf8")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_console_script_then_make_html(tmp_path: Path) -> None:
    # The acceptance check as an author types it: policybrief-new mybrief && make html.
    script = Path(sys.executable).with_name("policybrief-new")
    if not script.is_file():
        pytest.skip("the package is not installed with its console script")
    subprocess.run([str(script), "mybrief"], cwd=tmp_path, check=True, capture_output=True)
    done = subprocess.run(
        ["make", "html"], cwd=tmp_path / "mybrief", capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "-W -n -b html" in done.stdout
    assert (tmp_path / "mybrief" / "_build" / "html" / "analysis.html").is_file()
    # The e-book, with -W too: the build's cache is kept out of the book.
    done = subprocess.run(
        ["make", "epub"], cwd=tmp_path / "mybrief", capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert list((tmp_path / "mybrief" / "_build" / "epub").glob("*.epub"))
