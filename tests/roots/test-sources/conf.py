extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Sourced brief"
exclude_patterns = ["_build"]
version = "1"
copyright = "2026, the authors"
