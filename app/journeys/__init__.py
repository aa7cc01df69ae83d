"""Journeys: a candidate's own steps from dagbesteding to work, started from a route template."""
