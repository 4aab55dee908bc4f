"""The plain-Python core: no Sphinx, no docutils (a test blocks both and imports it all)."""
