"""Rendering: the post-transform, the node types it builds, and their per-builder visitors."""
