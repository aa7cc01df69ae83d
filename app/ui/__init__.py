"""Shared user-interface pieces: pictograms and template helpers."""
