"""Command line: ``python -m sphinxcontrib_policybrief new DIR`` (also ``policybrief-new DIR``).

Imports no Sphinx: starting a project only writes files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .scaffold import SCALES, NotEmpty, ProjectOptions, create_project

_NEXT_STEPS = """\
Created the brief in {target}. Next:
  cd {target}
  make html      # the web site, in _build/html
  make preview   # a live preview while you write (pip install "sphinxcontrib-policybrief[preview]")
  make pdf       # the PDF (needs LaTeX)
"""


def _add_new_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ProjectOptions()
    parser.add_argument("directory", type=Path, help="where to create the project")
    parser.add_argument("--title", default=defaults.title, help="the brief's title")
    parser.add_argument("--author", default=defaults.author, help="who wrote it")
    parser.add_argument(
        "--language", default=defaults.language, help="its language code, e.g. en, de, fr"
    )
    parser.add_argument(
        "--scale",
        choices=SCALES,
        default=defaults.scale,
        help="the likelihood scale: US ICD 203 or the UK PHIA yardstick",
    )


def _new(args: argparse.Namespace) -> int:
    options = ProjectOptions(
        title=args.title, author=args.author, language=args.language, scale=args.scale
    )
    try:
        create_project(args.directory, options)
    except NotEmpty as exc:
        print(f"policybrief-new: {exc}", file=sys.stderr)
        return 1
    print(_NEXT_STEPS.format(target=args.directory))
    return 0


def new_main(argv: Sequence[str] | None = None) -> int:
    """``policybrief-new DIR [options]``."""
    parser = argparse.ArgumentParser(
        prog="policybrief-new", description="Create a new policy brief project."
    )
    _add_new_arguments(parser)
    return _new(parser.parse_args(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sphinxcontrib_policybrief new DIR [options]``."""
    parser = argparse.ArgumentParser(
        prog="python -m sphinxcontrib_policybrief",
        description="Tools for policy briefs written with sphinxcontrib-policybrief.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _add_new_arguments(commands.add_parser("new", help="create a new brief project"))
    args = parser.parse_args(argv)
    return _new(args)


if __name__ == "__main__":
    sys.exit(main())
