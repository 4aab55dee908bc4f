"""A new brief project from the templates shipped with the package (``policybrief-new``).

Plain file writing: nothing of Sphinx is imported, so the command starts at once.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .core.scales import PRESETS

__all__ = ["SCALES", "NotEmpty", "ProjectOptions", "create_project"]

#: The likelihood scales a new project can start with.
SCALES: tuple[str, ...] = tuple(sorted(PRESETS))

# Template file name → file name in the new project.
_FILES: Mapping[str, str] = {
    "conf.py.tmpl": "conf.py",
    "index.md.tmpl": "index.md",
    "analysis.md.tmpl": "analysis.md",
    "actors.md.tmpl": "actors.md",
    "timeline.md.tmpl": "timeline.md",
    "claims.md.tmpl": "claims.md",
    "Makefile.tmpl": "Makefile",
    "gitignore.tmpl": ".gitignore",
}


class NotEmpty(Exception):
    """The target directory already holds files; nothing was written."""


@dataclass(frozen=True, slots=True)
class ProjectOptions:
    """What the command line lets an author choose."""

    title: str = "A new policy brief"
    author: str = "The authors"
    language: str = "en"
    scale: str = "icd203"
    # The interpreter the project's Makefile runs Sphinx with.
    python: str = field(default_factory=lambda: sys.executable or "python3")


def templates() -> Traversable:
    return files(__package__) / "templates" / "new"


def create_project(target: Path, options: ProjectOptions) -> list[Path]:
    """Write a brief project into *target* (created if missing); the files written.

    Refuses, with :class:`NotEmpty`, a directory that already holds anything: an
    author's files are never overwritten.
    """
    if options.scale not in SCALES:
        raise ValueError(f"unknown scale {options.scale!r} (choose {' or '.join(SCALES)})")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "is not a directory" if not target.is_dir() else "is not empty"
        raise NotEmpty(f"{target} {what}; choose a new or empty directory")
    values = _values(options)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for template, name in _FILES.items():
        text = (templates() / template).read_text(encoding="utf8")
        for key, value in values.items():
            text = text.replace("{{ " + key + " }}", value)
        path = target / name
        path.write_text(text, encoding="utf8")
        written.append(path)
    return written


def _values(options: ProjectOptions) -> dict[str, str]:
    year = datetime.date.today().year
    defaults = ProjectOptions()
    title = " ".join(options.title.split()) or defaults.title
    author = " ".join(options.author.split()) or defaults.author
    return {
        "title": title,
        "author": author,
        "python": options.python,
        # Python literals for conf.py: repr() quotes and escapes whatever was typed.
        "title_py": repr(title),
        "author_py": repr(author),
        "copyright_py": repr(f"{year}, {author}"),
        "language_py": repr(options.language),
        "scale_py": repr(options.scale),
    }
