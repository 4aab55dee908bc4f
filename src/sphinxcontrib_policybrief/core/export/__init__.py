"""The brief as data: JSON with a schema, JSON-LD, TimelineJS and CSV, from the merged graph."""
