extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Analysis brief"
exclude_patterns = ["_build"]
policybrief_lint = "recommended"
