extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Configured brief"
exclude_patterns = ["_build"]
policybrief_likelihood_scale = "phia"
policybrief_claim_kinds = ["judgment", "premise"]
policybrief_default_claim_kind = "premise"
policybrief_relations = [
    {"name": "refines", "incoming": "refined by", "targets": ["claim"]},
]
