"""Test data of the employer's side: another employer and placements in every consent state,
written with the models (the staff service of the employers domain is another branch)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.db import utcnow
from app.employers.models import Employer, EmployerContact, EmployerKind, Placement
from app.network.models import ConsentMethod
from app.people.models import Person, Role


def guys_placement(db, personas) -> Placement:
    return db.scalar(select(Placement).where(Placement.candidate_id == personas.candidate))


def other_employer_person(db, personas, name: str = "Els Bakker") -> Person:
    """A person of another Almere employer, with no placement of Guy."""
    guy = db.get(Person, personas.candidate)
    firm = Employer(organisation_id=guy.organisation_id, name="Bakkerij Om de Hoek",
                    kind=EmployerKind.regular)
    els = Person(organisation_id=guy.organisation_id, role=Role.employer, display_name=name,
                 email=f"{name.split()[0].lower()}@bakkerij.test")
    db.add_all([firm, els])
    db.flush()
    db.add(EmployerContact(employer_id=firm.id, person_id=els.id))
    db.commit()
    return els


def place(db, personas, employer_person: Person, **fields) -> Placement:
    """A placement of Guy at `employer_person`'s employer; consent given unless overridden."""
    contact = db.scalar(select(EmployerContact).where(
        EmployerContact.person_id == employer_person.id))
    values = dict(candidate_id=personas.candidate, employer_id=contact.employer_id,
                  consent_by_id=personas.candidate, consent_at=utcnow() - timedelta(days=1),
                  consent_method=ConsentMethod.in_writing, created_by_id=personas.consultant)
    values.update(fields)
    placement = Placement(**values)
    db.add(placement)
    db.commit()
    return placement
