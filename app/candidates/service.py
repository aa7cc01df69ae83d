"""Candidates as a whole: the list the actor may see, enrolling a phone, creating a candidate.

Reading one candidate's file goes through `app.access.open_file`."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from app.access import FileArea, can_change, log_list_read, open_file
from app.access.policies import areas_for, visible_candidate_ids
from app.auth.actor import Actor
from app.auth.models import InviteKind
from app.auth.service import IssuedInvite, issue_invite
from app.errors import NotFound
from app.people.models import Person, Role
from app.settings import Settings


def candidate_areas(session: Session, actor: Actor, candidate: Person) -> frozenset[str]:
    """The parts of a file the actor may see; for a candidate just created (nothing read)."""
    return areas_for(session, actor, candidate)


def list_candidates(
    session: Session, actor: Actor, *, limit: int = 50, offset: int = 0
) -> tuple[list[Person], int]:
    """The candidates the actor may see, by name, with the total count; logs the list read."""
    visible = visible_candidate_ids(actor).scalar_subquery()
    base = select(Person).where(Person.role == Role.candidate, Person.id.in_(visible))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    people = list(
        session.scalars(base.order_by(Person.display_name, Person.id).limit(limit).offset(offset))
    )
    log_list_read(session, actor, [p.id for p in people])
    return people, total


def invite_candidate_device(
    session: Session, settings: Settings, actor: Actor, candidate_id: int
) -> IssuedInvite:
    """A one-time invite that enrols the candidate's device; only their consultants may.

    Raises NotFound for a candidate outside the actor's caseload."""
    candidate = open_file(session, actor, candidate_id).require(FileArea.profile).candidate
    if not can_change(actor, FileArea.profile):
        raise NotFound()
    return issue_invite(
        session, settings, kind=InviteKind.candidate_device, person=candidate,
        created_by_id=actor.person_id,
    )
