"""Who may see and change which part of a candidate's file: the one place these rules live.

`app.access.file.open_file` applies them to every read, so an object the actor may not see is
simply not found (404), never "forbidden" (which would leak that it exists).
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from sqlalchemy import and_, false, or_, select
from sqlmodel import Session

from app.auth.actor import Actor
from app.contacts.models import ContactAssignment
from app.db import utcnow
from app.employers.models import Employer, Placement
from app.network.models import Area
from app.outbox.models import Notification
from app.people.models import Person, Role


class FileArea(StrEnum):
    """Every part of a candidate's file; network grants use a subset (`network.models.Area`)."""

    profile = "profile"  # name, contact details, day-activity place
    steps = "steps"
    appointments = "appointments"
    messages = "messages"
    money = "money"
    contact = "contact"
    guarantee = "guarantee"
    # Records by step kind (contract, UWV advice, goals...): with the steps for the network,
    # never for an admin; wage amounts only with the money area too (records.views).
    records = "records"
    network = "network"
    access_log = "access_log"
    caseload = "caseload"  # seen as a line in a consultant's list
    case_file = "case_file"  # the consultant's internal notes and contact moments: staff only
    # A placement at an employer: its linked steps and dates, milestones and the employer's
    # concerns; what an employer's people see (with the candidate's consent).
    placement = "placement"


ALL_AREAS = frozenset(FileArea)
# Parts only the candidate's own consultants see: never the candidate, the network or an admin.
STAFF_ONLY_AREAS = frozenset({FileArea.case_file})
# The candidate sees everything of their own file except the consultant's case file.
OWN_AREAS = ALL_AREAS - STAFF_ONLY_AREAS
# What an admin sees of the organisation's candidates: enough to manage caseloads, no more.
ADMIN_AREAS = frozenset({FileArea.profile, FileArea.steps, FileArea.contact, FileArea.caseload})
NETWORK_GRANTABLE = frozenset(a.value for a in Area)
# What an employer's person sees of a candidate placed with their employer: the placement
# (the candidate's name comes with it) and the contact person with backup. Not `profile`: it
# holds the date of birth, phone and e-mail. Appointments are not granted as an area either:
# the employer's read model shows only those the employer's person attends.
EMPLOYER_AREAS = frozenset({FileArea.placement, FileArea.contact})
# How long an ended placement stays visible to the employer: long enough to finish the last
# paperwork (a final wage-value form, a support-allowance claim), then it is gone.
PLACEMENT_VISIBLE_AFTER_END = timedelta(days=30)


def consultant_candidate_ids(actor: Actor):
    """Select of the candidate ids in a consultant's caseload: primary or backup."""
    return select(ContactAssignment.candidate_id).where(
        or_(
            ContactAssignment.primary_id == actor.person_id,
            ContactAssignment.backup_id == actor.person_id,
        )
    )


def employer_placement_clause(actor: Actor):
    """Where-clause of the placements an employer's person may see: their employer's, with
    the candidate's consent recorded and not withdrawn, not ended longer ago than
    PLACEMENT_VISIBLE_AFTER_END. Nothing for anyone else."""
    if actor.role is not Role.employer or actor.employer_id is None:
        return false()
    return and_(
        Placement.employer_id == actor.employer_id,
        Placement.consent_at.is_not(None),
        Placement.consent_withdrawn_at.is_(None),
        or_(Placement.ended_at.is_(None),
            Placement.ended_at > utcnow() - PLACEMENT_VISIBLE_AFTER_END),
    )


def visible_candidate_ids(actor: Actor):
    """Select of every candidate id the actor may see anything of."""
    if actor.role is Role.candidate:
        return select(Person.id).where(Person.id == actor.person_id)
    if actor.role is Role.network:
        return select(Person.id).where(Person.id.in_(list(actor.grants)))
    if actor.role is Role.consultant:
        return consultant_candidate_ids(actor)
    if actor.role is Role.admin:
        return select(Person.id).where(
            Person.organisation_id == actor.organisation_id, Person.role == Role.candidate
        )
    if actor.role is Role.employer:
        return select(Placement.candidate_id).where(employer_placement_clause(actor))
    return select(Person.id).where(False)


def network_areas(granted) -> frozenset[str]:
    """What a network member sees of a file given the areas the candidate granted (also who
    is told of a change: the outbox asks the same question)."""
    # Records concern the steps: whoever may follow the steps sees them.
    extra = {FileArea.records} if FileArea.steps in granted else set()
    return frozenset({FileArea.profile, *granted, *extra})


def areas_for(session: Session, actor: Actor, candidate: Person) -> frozenset[str]:
    """The parts of `candidate`'s file the actor may see (empty: not at all)."""
    if candidate.role is not Role.candidate:
        return frozenset()
    if actor.role is Role.candidate:
        return OWN_AREAS if candidate.id == actor.person_id else frozenset()
    if actor.role is Role.network:
        granted = actor.grants.get(candidate.id)
        if granted is None:
            return frozenset()
        return network_areas(granted)
    if actor.role is Role.consultant:
        in_caseload = session.scalar(
            consultant_candidate_ids(actor).where(ContactAssignment.candidate_id == candidate.id)
        )
        return ALL_AREAS if in_caseload is not None else frozenset()
    if actor.role is Role.admin:
        return ADMIN_AREAS if candidate.organisation_id == actor.organisation_id else frozenset()
    if actor.role is Role.employer:
        placed = session.scalar(select(Placement.id).where(
            Placement.candidate_id == candidate.id, employer_placement_clause(actor)).limit(1))
        return EMPLOYER_AREAS if placed is not None else frozenset()
    return frozenset()


def can_change(actor: Actor, area: str) -> bool:
    """Writes: consultants change the file; candidates their own network; network nothing."""
    if actor.role is Role.consultant:
        return True
    if actor.role is Role.candidate:
        return area in {FileArea.network, FileArea.messages}
    if actor.role is Role.network:
        return area == FileArea.messages  # asking the contact person a question
    if actor.role is Role.employer:
        return area == FileArea.placement  # telling the contact person about a worry
    return False


def list_shows_profile(actor: Actor) -> bool:
    """Whether a list of candidates may show more than the name (the day-activity place): not
    to an employer's person, who is not granted the profile."""
    return actor.role is not Role.employer


def employer_checklist_organisation_id(session: Session, actor: Actor) -> int | None:
    """The organisation whose checklist for employers an employer's person reads: the
    municipality their employer works with (the one that places its candidates there). None
    for anyone else, and for a person no longer with an employer. The checklist holds no
    candidate's data, so it shows before any placement starts."""
    if actor.role is not Role.employer or actor.employer_id is None:
        return None
    return session.scalar(select(Employer.organisation_id).where(
        Employer.id == actor.employer_id))


def can_invite_employer_people(actor: Actor, employer_organisation_id: int) -> bool:
    """Whether the actor may invite an employer's people to sign in: the consultants of the
    municipality that works with the employer."""
    return actor.role is Role.consultant and actor.organisation_id == employer_organisation_id


def notification_scope(actor: Actor):
    """Where-clause of the outbox notifications a staff member may see and send again (with
    the recipient's name): an admin those to the people of the organisation, a consultant
    those about the candidates of her caseload and her own. Nobody else any."""
    if actor.role is Role.admin:
        return Notification.recipient_id.in_(select(Person.id).where(
            Person.organisation_id == actor.organisation_id))
    if actor.role is Role.consultant:
        return or_(Notification.recipient_id == actor.person_id,
                   Notification.candidate_id.in_(consultant_candidate_ids(actor)))
    return false()
