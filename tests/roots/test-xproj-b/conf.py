# intersphinx_mapping is given by the test: it points at project A's fresh build.
extensions = ["myst_parser", "sphinxcontrib_policybrief", "sphinx.ext.intersphinx"]
myst_enable_extensions = ["colon_fence"]
project = "Project B"
exclude_patterns = ["_build"]
