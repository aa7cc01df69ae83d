"""Concerns: an employer tells the candidate's contact person about a worry (absence, behaviour,
"he looks tense"). Only the candidate's consultants read them and mark them handled; the
candidate and the network never see them (they are not part of any area granted to them)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.access.policies import employer_placement_clause
from app.auth.actor import Actor
from app.clock import local_today
from app.contacts.service import reachable_contact_id
from app.db import utcnow
from app.employers.employer_schemas import ConcernCreate
from app.employers.models import Employer, EmployerConcern, Placement
from app.errors import NotFound
from app.outbox import notify
from app.people.models import Person, Role


def report_concern(session: Session, actor: Actor, placement_id: int,
                   data: ConcernCreate) -> tuple[EmployerConcern, Person | None]:
    """Store the worry and tell the contact person (the backup while she is away) through the
    outbox. Returns the concern and whom it went to. Raises NotFound for a placement the
    employer's person may not see."""
    placement = session.scalar(select(Placement).where(
        Placement.id == placement_id, employer_placement_clause(actor)))
    if placement is None or not can_change(actor, FileArea.placement):
        raise NotFound()
    open_file(session, actor, placement.candidate_id).require(FileArea.placement)
    concern = EmployerConcern(placement_id=placement.id, candidate_id=placement.candidate_id,
                              author_id=actor.person_id, kind=data.kind, body=data.body)
    session.add(concern)
    session.flush()
    notify.concern_reported(session, concern_id=concern.id, candidate_id=placement.candidate_id)
    reachable = reachable_contact_id(session, placement.candidate_id, local_today())
    return concern, session.get(Person, reachable) if reachable else None


def my_concerns(session: Session, actor: Actor, placement_id: int) -> list[EmployerConcern]:
    """The worries this employer's person sent about a placement they may see, newest first:
    so Tim sees they arrived and when they were handled. The caller has passed the gate for
    the placement; only his own rows (who handled it and how stays with staff)."""
    return list(session.scalars(select(EmployerConcern).where(
        EmployerConcern.placement_id == placement_id,
        EmployerConcern.author_id == actor.person_id)
        .order_by(EmployerConcern.created_at.desc(), EmployerConcern.id.desc())))


def _staff_file(session: Session, actor: Actor, candidate_id: int) -> CandidateFile:
    """The candidate's file for one of their consultants; NotFound for everyone else (the
    candidate and the network included: concerns are staff-only)."""
    file = open_file(session, actor, candidate_id)
    if actor.role is not Role.consultant:
        raise NotFound()
    return file.require(FileArea.placement)


def list_concerns(session: Session, actor: Actor, candidate_id: int,
                  ) -> list[tuple[EmployerConcern, Person, Employer, Person | None]]:
    """The candidate's concerns, open first, newest first, with author, employer and who
    handled it. Raises NotFound."""
    _staff_file(session, actor, candidate_id)
    rows = session.execute(
        select(EmployerConcern, Person, Employer)
        .join(Person, Person.id == EmployerConcern.author_id)
        .join(Placement, Placement.id == EmployerConcern.placement_id)
        .join(Employer, Employer.id == Placement.employer_id)
        .where(EmployerConcern.candidate_id == candidate_id)
        .order_by(EmployerConcern.handled_at.is_not(None), EmployerConcern.created_at.desc(),
                  EmployerConcern.id.desc())).all()
    handlers = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(
        [c.handled_by_id for c, _a, _e in rows if c.handled_by_id] or [0])))}
    return [(c, author, employer, handlers.get(c.handled_by_id)) for c, author, employer in rows]


def mark_handled(session: Session, actor: Actor, candidate_id: int,
                 concern_id: int) -> EmployerConcern:
    """A consultant has dealt with the worry: its caseload flag goes. Marking it again
    changes nothing. Raises NotFound."""
    _staff_file(session, actor, candidate_id)
    concern = session.get(EmployerConcern, concern_id)
    if concern is None or concern.candidate_id != candidate_id:
        raise NotFound()
    if concern.handled_at is None:
        concern.handled_at = utcnow()
        concern.handled_by_id = actor.person_id
        session.flush()
    return concern
