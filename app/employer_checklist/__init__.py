"""The employer checklist: per organisation, what an employer should know and arrange."""
