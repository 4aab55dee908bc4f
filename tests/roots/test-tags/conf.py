extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Tagged brief"
