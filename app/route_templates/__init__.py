"""Route templates: each organisation's ordered steps from dagbesteding to work, shipped as data."""
