"""Candidates (kandidaten): their file as a whole, who may see which part of it,
and the caseload."""
