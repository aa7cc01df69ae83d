"""Access-matrix rows of the organisation-settings API (tests/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import SIGNED_IN, expected

ADMINS = ("admin", "other_admin")
NOT_ADMINS = tuple(c for c in SIGNED_IN if c not in ADMINS)

# Each admin reads and changes their own organisation: there is no other one to reach.
ROWS = [
    ("organisation settings", "GET", "/api/v1/organisation", None, {},
     expected(ADMINS, 200, forbidden=NOT_ADMINS)),
    ("change organisation settings", "PATCH", "/api/v1/organisation", {"trial_weeks": 10},
     {"If-Match": 'W/"1"'}, expected(ADMINS, 200, forbidden=NOT_ADMINS)),
]
