"""Access-matrix rows of the staff's employer API (tests/test_access_matrix.py): employers are
the organisation's (Amsterdam finds none of Almere's: 404), a candidate's placements are read
through the steps area and changed by the candidate's own consultants."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.employers.models import (
    Employer,
    EmployerContact,
    EmployerKind,
    MilestoneKind,
    Placement,
    PlacementMilestone,
)
from app.people.models import Person, Role
from tests.access import GUYS_CONSULTANTS, NOT_STAFF, SEES_GUY, expected

ALMERE_STAFF = ("consultant", "backup_consultant", "colleague", "admin")
# Employer people meet the role gate of the staff endpoints (once the matrix has them).
NOT_STAFF_ROLES = (*NOT_STAFF, "employer")
EMPLOYER = {"name": "Bakkerij Brood", "kind": "regular", "city": "Almere"}
CONTACT = {"display_name": "Kees Bakker", "email": "kees@bakkerij.test"}
IF_MATCH = {"If-Match": 'W/"1"'}


def ids(db, personas):
    guy = db.get(Person, personas.candidate)
    employer = Employer(organisation_id=guy.organisation_id, name="Matrix Maaltijden",
                        kind=EmployerKind.social_firm)
    supervisor = Person(organisation_id=guy.organisation_id, role=Role.employer,
                        display_name="Matrix Begeleider", email="begeleider@matrix.test")
    leaver = Person(organisation_id=guy.organisation_id, role=Role.employer,
                    display_name="Matrix Vertrekker", email="vertrekker@matrix.test")
    db.add_all([employer, supervisor, leaver])
    db.flush()
    kept = EmployerContact(employer_id=employer.id, person_id=supervisor.id)
    removable = EmployerContact(employer_id=employer.id, person_id=leaver.id)
    placement = Placement(candidate_id=guy.id, employer_id=employer.id,
                          supervisor_id=supervisor.id, created_by_id=personas.consultant)
    db.add_all([kept, removable, placement])
    db.flush()
    milestone = PlacementMilestone(placement_id=placement.id, kind=MilestoneKind.other,
                                   due_on=date(2030, 1, 1))
    db.add(milestone)
    db.commit()
    assert db.scalar(select(Placement.version).where(Placement.id == placement.id)) == 1
    # Names of their own: every domain's ids share one dict (the employer side has "placement").
    return {"staff_employer": employer.id, "kept_contact": kept.id,
            "leaving_contact": removable.id, "staff_placement": placement.id,
            "staff_milestone": milestone.id}


PLACEMENT = "/api/v1/candidates/{guy}/placements/{staff_placement}"
MILESTONE = PLACEMENT + "/milestones/{staff_milestone}"

ROWS = [
    ("employers", "GET", "/api/v1/employers", None, {},
     expected(("consultant", "backup_consultant", "colleague", "other_consultant", "admin",
               "other_admin"), 200, forbidden=NOT_STAFF_ROLES)),
    ("add employer", "POST", "/api/v1/employers", EMPLOYER, {},
     expected(("consultant", "backup_consultant", "colleague", "other_consultant", "admin",
               "other_admin"), 201, forbidden=NOT_STAFF_ROLES)),
    ("employer", "GET", "/api/v1/employers/{staff_employer}", None, {},
     expected(ALMERE_STAFF, 200, forbidden=NOT_STAFF_ROLES)),
    ("change employer", "PATCH", "/api/v1/employers/{staff_employer}", {"city": "Lelystad"},
     IF_MATCH, expected(ALMERE_STAFF, 200, forbidden=NOT_STAFF_ROLES)),
    ("add employer contact", "POST", "/api/v1/employers/{staff_employer}/contacts", CONTACT, {},
     expected(ALMERE_STAFF, 201, forbidden=NOT_STAFF_ROLES)),
    ("change employer contact", "PATCH",
     "/api/v1/employers/{staff_employer}/contacts/{kept_contact}", {"job_title": "chef"},
     IF_MATCH, expected(ALMERE_STAFF, 200, forbidden=NOT_STAFF_ROLES)),
    ("remove employer contact", "DELETE",
     "/api/v1/employers/{staff_employer}/contacts/{leaving_contact}", None, {},
     expected(ALMERE_STAFF, 204, forbidden=NOT_STAFF_ROLES)),
    ("placements", "GET", "/api/v1/candidates/{guy}/placements", None, {},
     expected(SEES_GUY, 200)),
    ("placement", "GET", PLACEMENT, None, {}, expected(SEES_GUY, 200)),
    ("add placement", "POST", "/api/v1/candidates/{guy}/placements",
     lambda ids: {"employer_id": ids["staff_employer"]}, {}, expected(GUYS_CONSULTANTS, 201)),
    ("change placement", "PATCH", PLACEMENT, {"workplace": "Keuken"}, IF_MATCH,
     expected(GUYS_CONSULTANTS, 200)),
    ("record placement consent", "POST", PLACEMENT + "/consent",
     lambda ids: {"by_id": ids["guy"], "method": "in_person"}, IF_MATCH,
     expected(GUYS_CONSULTANTS, 200)),
    ("withdraw placement consent", "POST", PLACEMENT + "/consent/withdraw", None, {},
     expected(GUYS_CONSULTANTS, 200)),
    ("end placement", "POST", PLACEMENT + "/end", {}, IF_MATCH, expected(GUYS_CONSULTANTS, 200)),
    ("add milestone", "POST", PLACEMENT + "/milestones",
     {"kind": "support_allowance", "due_on": "2030-02-01"}, {},
     expected(GUYS_CONSULTANTS, 201)),
    ("change milestone", "PATCH", MILESTONE, {"due_on": "2030-03-01"}, IF_MATCH,
     expected(GUYS_CONSULTANTS, 200)),
    ("complete milestone", "POST", MILESTONE + "/complete", {}, IF_MATCH,
     expected(GUYS_CONSULTANTS, 200)),
    ("remove milestone", "DELETE", MILESTONE, None, IF_MATCH, expected(GUYS_CONSULTANTS, 204)),
]
