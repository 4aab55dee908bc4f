"""Sphinx configuration of the sphinxcontrib-policybrief documentation.

The documentation is built with the extension it documents: every example marked
"Rendered" is the real directive running.
"""

import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

# Local extensions of this documentation (the troubleshooting page's warning list).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinxcontrib-policybrief"
author = "sphinxcontrib-policybrief developers"
copyright = "sphinxcontrib-policybrief developers"
try:
    release = package_version("sphinxcontrib-policybrief")
except PackageNotFoundError:  # building from a checkout that was never installed
    release = "0.0.0"
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib_policybrief",
    "sphinx.ext.intersphinx",
    "warning_reference",
]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]

# The documentation must build without network access: no inventories are fetched.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

# snippets/ holds the examples that pages both show as source and run with {include}.
exclude_patterns = ["_build", "_ext", "snippets", "Thumbs.db", ".DS_Store"]

html_theme = "furo"
html_title = f"sphinxcontrib-policybrief {release}"

latex_documents = [
    (
        "index",
        "sphinxcontrib-policybrief.tex",
        "sphinxcontrib-policybrief",
        author,
        "manual",
    ),
]
latex_elements = {"extraclassoptions": "openany,oneside"}
