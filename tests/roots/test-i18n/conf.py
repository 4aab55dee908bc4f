extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Translated brief"
exclude_patterns = ["_build"]
locale_dirs = ["locale"]
