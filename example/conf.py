"""Sphinx configuration for the example brief shipped with sphinxcontrib-policybrief."""

project = "Belarus–Russia integration talks, 2018–2019"
version = release = "1.0"
author = "Example analysis team"
copyright = "2024, Example analysis team"

extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence", "deflist"]

exclude_patterns = ["_build", "editions"]

# The sources' citation details are in sources.bib, formatted by sphinxcontrib-bibtex (in
# the package's "docs" extra). Without it the build still runs, but each ":cite:" warns
# that the extension is needed, so a build with -W asks for it.
try:
    import sphinxcontrib.bibtex  # noqa: F401
except ImportError:
    pass
else:
    extensions.append("sphinxcontrib.bibtex")
    bibtex_bibfiles = ["sources.bib"]

# This edition, and the earlier one it is compared with (see the "Forecasts" page).
policybrief_edition = "2019-12"
policybrief_as_of = "2019-12-20"
policybrief_previous_edition = "editions/2019-11/policybrief.json"  # relative to conf.py

try:
    import furo  # noqa: F401
except ImportError:
    html_theme = "alabaster"
else:
    html_theme = "furo"

html_title = "Belarus–Russia integration talks, 2018–2019: a policy brief"

latex_documents = [
    (
        "index",
        "belarus-russia-integration.tex",
        "The Belarus--Russia ``deepening integration'' talks, 2018--2019",
        author,
        "manual",
    ),
]

# A brief is read on screen or printed single-sided: no blank pages before chapters.
latex_elements = {"extraclassoptions": "openany,oneside"}
