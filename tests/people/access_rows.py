"""Access-matrix rows of the consultants API (tests/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import SIGNED_IN, expected

ADMINS = ("admin", "other_admin")
NOT_ADMINS = tuple(c for c in SIGNED_IN if c not in ADMINS)
INVITE = {"display_name": "Nieuwe Collega", "email": "nieuw@gemeente.test"}


def ids(db, personas):
    return {"staff_floor": personas.consultant, "staff_olga": personas.colleague}


ROWS = [
    ("consultants", "GET", "/api/v1/consultants", None, {},
     expected(ADMINS, 200, forbidden=NOT_ADMINS)),
    ("invite consultant", "POST", "/api/v1/consultants", INVITE, {},
     expected(ADMINS, 201, forbidden=NOT_ADMINS)),
    ("new setup link", "POST", "/api/v1/consultants/{staff_olga}/setup-link", None, {},
     expected(("admin",), 201, forbidden=NOT_ADMINS)),
    ("deactivate consultant", "POST", "/api/v1/consultants/{staff_olga}/deactivate", None, {},
     expected(("admin",), 200, forbidden=NOT_ADMINS)),
    # The matrix sends bodies as written (only paths get ids), so the target here is no real
    # consultant: Almere's admin passes the gate and is told so (422); Amsterdam's admin does
    # not find Floor (404). tests/people/test_api.py reassigns for real.
    ("reassign caseload", "POST", "/api/v1/consultants/{staff_floor}/reassign",
     {"to_consultant_id": 2**31 - 1}, {},
     expected(("admin",), 422, forbidden=NOT_ADMINS)),
]
