extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Forecast brief"
exclude_patterns = ["_build", "editions"]
policybrief_edition = "2020-01"
policybrief_as_of = "2019-12-20"
policybrief_previous_edition = "editions/2019-06/policybrief.json"  # relative to conf.py
policybrief_review_after = 365
