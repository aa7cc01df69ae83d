"""The back-office menu: what each staff role finds in it."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import lazy_gettext as _l
from app.people.models import Role


@dataclass(frozen=True)
class OfficeNavItem:
    key: str  # also the pictogram
    label: object
    path: str
    roles: frozenset[Role]


STAFF = frozenset({Role.consultant, Role.admin})
OFFICE_NAV = (
    OfficeNavItem("caseload", _l("Caseload"), "/office", frozenset({Role.consultant})),
    OfficeNavItem("plus", _l("New candidate"), "/office/candidates/new",
                  frozenset({Role.consultant})),
    OfficeNavItem("team", _l("Team"), "/office/team", STAFF),
    OfficeNavItem("place", _l("Employers"), "/office/employers", STAFF),
    # E-mails and push messages that failed or wait for another try (app/outbox/failures.py).
    OfficeNavItem("warning", _l("Undelivered"), "/office/notifications", STAFF),
    # The conditions and points of attention for employers (app/employer_checklist).
    OfficeNavItem("contract", _l("Employer checklist"), "/office/employer-checklist", STAFF),
    OfficeNavItem("routes", _l("Routes"), "/office/routes", frozenset({Role.admin})),
    OfficeNavItem("settings", _l("Organisation"), "/office/organisation",
                  frozenset({Role.admin})),
)


def office_nav(role: Role) -> list[OfficeNavItem]:
    return [item for item in OFFICE_NAV if role in item.roles]
