extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Every view"
exclude_patterns = ["_build", "_inc"]
