"""Access-matrix rows of the employer's side (tests/test_access_matrix.py): the employer's own
endpoints (Tim only; everyone else meets the role gate), the invite of an employer's person
(Almere's consultants) and the concerns (Guy's consultants only)."""

from __future__ import annotations

from sqlalchemy import select

from app.employers.models import ConcernKind, EmployerConcern, EmployerContact, Placement
from tests.access import GUYS_CONSULTANTS, NOT_STAFF, SIGNED_IN, expected

NOT_EMPLOYER = tuple(c for c in SIGNED_IN if c != "employer")
NOT_CONSULTANTS = (*NOT_STAFF, "admin", "other_admin")
ALMERE_CONSULTANTS = ("consultant", "backup_consultant", "colleague")
WORRY = {"kind": "behaviour", "body": "Hij was boos op een collega."}
PASSWORD = {"password": "een lange zin als wachtwoord",
            "password_again": "een lange zin als wachtwoord"}


def ids(db, personas) -> dict:
    placement = db.scalar(select(Placement).where(Placement.candidate_id == personas.candidate))
    concern = EmployerConcern(placement_id=placement.id, candidate_id=personas.candidate,
                              author_id=personas.employer, kind=ConcernKind.other, body="Zorg")
    db.add(concern)
    db.commit()
    return {"placement": placement.id, "concern": concern.id, "tim": personas.employer,
            "tims_employer": db.scalar(select(EmployerContact.employer_id).where(
                EmployerContact.person_id == personas.employer))}


ROWS = [
    ("invite employer person", "POST",
     "/api/v1/employers/{tims_employer}/contacts/{tim}/invite", None, {},
     expected(ALMERE_CONSULTANTS, 201, forbidden=NOT_CONSULTANTS)),
    ("employer password", "PUT", "/api/v1/employer/password", PASSWORD, {},
     expected(("employer",), 204, forbidden=NOT_EMPLOYER)),
    ("employer placements", "GET", "/api/v1/employer/placements", None, {},
     expected(("employer",), 200, forbidden=NOT_EMPLOYER)),
    ("employer placement", "GET", "/api/v1/employer/placements/{placement}", None, {},
     expected(("employer",), 200, forbidden=NOT_EMPLOYER)),
    ("employer checklist", "GET", "/api/v1/employer/checklist", None, {},
     expected(("employer",), 200, forbidden=NOT_EMPLOYER)),
    ("employer concern", "POST", "/api/v1/employer/placements/{placement}/concerns", WORRY, {},
     expected(("employer",), 201, forbidden=NOT_EMPLOYER)),
    ("concerns", "GET", "/api/v1/candidates/{guy}/concerns", None, {},
     expected(GUYS_CONSULTANTS, 200, forbidden=NOT_CONSULTANTS)),
    ("concern handled", "POST", "/api/v1/candidates/{guy}/concerns/{concern}/handled", None, {},
     expected(GUYS_CONSULTANTS, 200, forbidden=NOT_CONSULTANTS)),
]
