"""Creating a candidate with their contact person and journey. It sits above the journeys and
contacts services (it calls them), so candidates/service stays a reader below them all."""

from __future__ import annotations

from sqlmodel import Session

from app.auth.actor import Actor
from app.candidates.schemas import CandidateCreate
from app.contacts.models import ContactAssignment
from app.contacts.service import inherited_backup_id
from app.journeys.changes import start_journey
from app.journeys.schemas import JourneyStart
from app.people.models import Person, Role


def create_candidate(session: Session, actor: Actor, data: CandidateCreate) -> Person:
    """A new candidate in the actor's caseload (the actor is the contact person), with a
    journey when a route is chosen. Raises NotFound (route) or RouteTemplateRetired."""
    candidate = Person(
        organisation_id=actor.organisation_id, role=Role.candidate,
        display_name=data.display_name, date_of_birth=data.date_of_birth, phone=data.phone,
        email=data.email, day_activity_provider=data.day_activity_provider,
    )
    session.add(candidate)
    session.flush()
    # The consultant's usual backup covers the new candidate from the start.
    backup_id = inherited_backup_id(session, session.get(Person, actor.person_id))
    session.add(ContactAssignment(candidate_id=candidate.id, primary_id=actor.person_id,
                                  backup_id=backup_id))
    session.flush()
    if data.route_template_id is not None:
        start_journey(session, actor, candidate.id,
                      JourneyStart(route_template_id=data.route_template_id))
    return candidate
