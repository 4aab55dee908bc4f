extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Sourced brief with a bibliography"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
