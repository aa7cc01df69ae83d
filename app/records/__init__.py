"""Records by step kind: the UWV advice, the decision, the contract, wage value, screening, goals,
the ladder rung, evaluations, the trial, the hours plan and the first-salary checklist; each save
is a new version, so the history stays."""
