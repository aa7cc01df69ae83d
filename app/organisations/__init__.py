"""Organisations: the municipalities and regions that run the switch, with their settings."""
