"""The colon-fence warning: its exact message, and the pages it must leave alone."""

from __future__ import annotations

from pathlib import Path

from helpers import build
from sphinx.util.console import strip_escape_sequences

TRAP = ":::{claim} Lost as text\n:id: lost\n:::\n"


def _project(tmp_path: Path, conf: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n' + conf, encoding="utf8"
    )
    (src / "index.rst").write_text(
        # Only the opening line: a closing ":::" would be an rST literal-block marker.
        "Index\n=====\n\n.. toctree::\n\n   page\n   other\n\n:::{claim} Lost as text\n",
        encoding="utf8",
    )
    (src / "page.md").write_text("# Page\n\n" + TRAP, encoding="utf8")
    (src / "other.md").write_text("# Other\n\nText before.\n\n:::{pb:key-judgments}\n:::\n")
    return src


def test_message_and_location(tmp_path: Path) -> None:
    src = _project(tmp_path, "")
    _, warnings = build(src, tmp_path / "build", fresh=True)
    lines = strip_escape_sequences(warnings).splitlines()
    assert lines == [
        f"{src / 'other.md'}:5: WARNING: :::{{pb:key-judgments}} is shown as plain text: "
        "colon fences need MyST's colon_fence extension: add myst_enable_extensions = "
        '["colon_fence"] to conf.py [policybrief.colon-fence]',
        f"{src / 'page.md'}:3: WARNING: :::{{claim}} is shown as plain text: colon fences "
        "need MyST's colon_fence extension: add myst_enable_extensions = "
        '["colon_fence"] to conf.py [policybrief.colon-fence]',
    ]  # and nothing for index.rst: reStructuredText has no colon fences to forget


def test_silent_when_the_extension_is_on(tmp_path: Path) -> None:
    src = _project(tmp_path, 'myst_enable_extensions = ["colon_fence"]\n')
    _, warnings = build(src, tmp_path / "build", fresh=True)
    assert "colon-fence" not in warnings
