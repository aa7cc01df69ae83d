"""The caseload: a consultant's candidates with the flags that warn before things go wrong."""
