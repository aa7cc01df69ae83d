"""The consultant's case file: internal notes and contact moments, and the file's timeline."""
