extensions = ["sphinxcontrib_policybrief"]
project = "Hostile </script> & <!-- project"
author = "An <author>"
exclude_patterns = ["_build"]
