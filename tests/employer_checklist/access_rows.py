"""Access-matrix rows of the employer-checklist API (tests/test_access_matrix.py)."""

from __future__ import annotations

from sqlalchemy import select

from app.employer_checklist.models import EmployerChecklist, EmployerChecklistItem
from app.organisations.models import Organisation
from tests.access import NOT_STAFF, SIGNED_IN, STAFF, expected

ADMINS = ("admin", "other_admin")
NOT_ADMINS = tuple(c for c in SIGNED_IN if c not in ADMINS)
IF_MATCH_1 = {"If-Match": 'W/"1"'}
ITEM = {"topic": "training", "texts": {"nl": {"title": "Training", "text": "Een korte training."}}}


def ids(db, personas) -> dict:
    """Almere's seeded checklist items (Anouk's organisation; Amsterdam's admin finds none)."""
    almere_items = list(db.scalars(
        select(EmployerChecklistItem.id)
        .join(EmployerChecklist, EmployerChecklist.id == EmployerChecklistItem.checklist_id)
        .join(Organisation, Organisation.id == EmployerChecklist.organisation_id)
        .where(Organisation.slug == "almere").order_by(EmployerChecklistItem.position)))
    return {"almere_item": almere_items[0], "almere_items": list(reversed(almere_items))}


# Staff read their own organisation's checklist; candidates and the network meet the role gate.
# An item of Almere is not found by Amsterdam's staff. Reordering names Almere's items, which
# Amsterdam's checklist does not hold: 422.
ROWS = [
    ("employer checklist", "GET", "/api/v1/employer-checklist", None, {},
     expected(STAFF, 200, forbidden=NOT_STAFF)),
    ("employer checklist items", "GET", "/api/v1/employer-checklist/items", None, {},
     expected(STAFF, 200, forbidden=NOT_STAFF)),
    ("employer checklist item", "GET", "/api/v1/employer-checklist/items/{almere_item}", None, {},
     expected(("consultant", "backup_consultant", "colleague", "admin"), 200,
              forbidden=NOT_STAFF)),
    ("add employer checklist item", "POST", "/api/v1/employer-checklist/items", ITEM, {},
     expected(ADMINS, 201, forbidden=NOT_ADMINS)),
    ("change employer checklist item", "PATCH", "/api/v1/employer-checklist/items/{almere_item}",
     {"topic": "other"}, IF_MATCH_1, expected(("admin",), 200, forbidden=NOT_ADMINS)),
    ("remove employer checklist item", "DELETE",
     "/api/v1/employer-checklist/items/{almere_item}", None, IF_MATCH_1,
     expected(("admin",), 204, forbidden=NOT_ADMINS)),
    ("reorder employer checklist", "PUT", "/api/v1/employer-checklist/order",
     lambda ids: {"item_ids": ids["almere_items"]}, IF_MATCH_1,
     {**expected(("admin",), 200, forbidden=NOT_ADMINS), "other_admin": 422}),
]
