"""Access-matrix rows of cover (tests/test_access_matrix.py): colleagues for every member of
staff, a default backup for the consultant herself and her admin, absences recorded by an
admin for a colleague."""

from __future__ import annotations

from tests.access import NOT_STAFF, SIGNED_IN, STAFF, expected

NOT_ADMINS = tuple(c for c in SIGNED_IN if c not in ("admin", "other_admin"))

ROWS = [
    ("colleagues", "GET", "/api/v1/colleagues", None, {},
     expected(STAFF, 200, forbidden=NOT_STAFF)),
    ("default backup", "GET", "/api/v1/consultants/{floor}/default-backup", None, {},
     expected(("consultant", "admin"), 200, forbidden=NOT_STAFF)),
    ("set default backup", "PUT", "/api/v1/consultants/{floor}/default-backup",
     {"backup_id": None}, {}, expected(("consultant", "admin"), 200, forbidden=NOT_STAFF)),
    ("colleague's absences", "GET", "/api/v1/consultants/{floor}/absences", None, {},
     expected(("admin",), 200, forbidden=NOT_ADMINS)),
    ("record colleague's absence", "POST", "/api/v1/consultants/{floor}/absences",
     {"starts_on": "2030-02-01", "ends_on": "2030-02-05", "note": "ziek"}, {},
     expected(("admin",), 201, forbidden=NOT_ADMINS)),
]
