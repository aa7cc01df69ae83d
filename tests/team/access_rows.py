"""The team view in the access matrix: every member of staff gets their own organisation's
numbers (tests/team/test_api.py checks whose); candidates and their network may not."""

from __future__ import annotations

from tests.access import NOT_STAFF, STAFF, expected

ROWS = [
    ("team overview", "GET", "/api/v1/team", None, {}, expected(STAFF, 200, forbidden=NOT_STAFF)),
]
