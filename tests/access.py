"""The callers of the access matrix and the expected status per caller (tests/test_access_matrix.py
and the rows domains keep in tests/<domain>/access_rows.py)."""

from __future__ import annotations

ALL = ("anonymous", "candidate", "other_candidate", "parent", "steps_only_member", "consultant",
       "backup_consultant", "colleague", "other_consultant", "admin", "other_admin", "employer")
SIGNED_IN = tuple(c for c in ALL if c != "anonymous")
STAFF = ("consultant", "backup_consultant", "colleague", "other_consultant", "admin",
         "other_admin")
NOT_STAFF = ("candidate", "other_candidate", "parent", "steps_only_member", "employer")
SEES_GUY = ("candidate", "parent", "steps_only_member", "consultant", "backup_consultant", "admin")
RUNS_GUYS_FILE = ("candidate", "consultant", "backup_consultant")
FULL_VIEW = ("candidate", "parent", "consultant", "backup_consultant")  # Marja has every area
ASKS_QUESTIONS = ("candidate", "parent", "steps_only_member")
GUYS_CONSULTANTS = ("consultant", "backup_consultant")
CONSULTANTS = ("consultant", "backup_consultant", "colleague", "other_consultant")


def expected(allowed: tuple[str, ...], ok: int, *, forbidden: tuple[str, ...] = ()) -> dict:
    """Status per caller: `ok` for allowed, 403 for a role gate, 401 anonymous, else 404."""
    result = {}
    for caller in ALL:
        if caller == "anonymous":
            result[caller] = 401
        elif caller in allowed:
            result[caller] = ok
        elif caller in forbidden:
            result[caller] = 403
        else:
            result[caller] = 404
    return result
