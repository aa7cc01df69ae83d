"""The data version of each candidate's file: bumped in the flush of every change a page of that
file could show, so a rendered page cached under the version is never served stale."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from app.access_log.models import AccessLogEntry
from app.auth.models import AuthSession, Invite, RateLimitCounter
from app.contacts.models import Absence, ContactAssignment
from app.db import unit_notes
from app.employers.models import Placement, PlacementMilestone
from app.journeys.models import Journey, JourneyStep
from app.network.models import NetworkGrant
from app.organisations.models import Organisation
from app.outbox.models import Notification, NotificationPreference, PushSubscription
from app.people.models import PasswordSetup, Person

# Rows no page of a candidate shows (or that change on every read, like the access log).
IGNORED = (AccessLogEntry, AuthSession, Invite, RateLimitCounter, Notification,
           PushSubscription, PasswordSetup)

person = Person.__table__
assignment = ContactAssignment.__table__
grant = NetworkGrant.__table__
journey = Journey.__table__
placement = Placement.__table__
# In the unit notes: this transaction changed files. What it reads of them may yet be rolled
# back, under a version number a later change will use again: nothing read is cached.
BUMPED = "bumped_file_versions"


def _related_to_person(person_id: int):
    """The candidates whose pages show this person: the candidate themself, the candidates
    whose contact person, backup or default backup (achtervang) they are, and the candidates
    whose network they are in."""
    primaries_with_this_backup = sa.select(person.c.id).where(
        person.c.default_backup_id == person_id)
    return sa.or_(
        person.c.id == person_id,
        person.c.id.in_(sa.select(assignment.c.candidate_id).where(sa.or_(
            assignment.c.primary_id == person_id, assignment.c.backup_id == person_id,
            assignment.c.primary_id.in_(primaries_with_this_backup)))),
        person.c.id.in_(sa.select(grant.c.candidate_id).where(grant.c.member_id == person_id)),
    )


def _changed_files(session: OrmSession) -> list:
    """WHERE clauses on `person` that select the files these pending changes touch."""
    candidate_ids: set[int] = set()
    journey_ids: set[int] = set()
    placement_ids: set[int] = set()
    people: set[int] = set()
    organisations: set[int] = set()
    for obj in (*session.new, *session.deleted,
                *(o for o in session.dirty if session.is_modified(o))):
        if isinstance(obj, IGNORED):
            continue
        if isinstance(obj, Person):
            if obj.id is not None:
                people.add(obj.id)
        elif isinstance(obj, Organisation):
            if obj.id is not None:
                organisations.add(obj.id)
        elif isinstance(obj, JourneyStep):
            journey_ids.add(obj.journey_id)
        elif isinstance(obj, PlacementMilestone):
            placement_ids.add(obj.placement_id)  # the caseload flags a placement's milestones
        elif isinstance(obj, Absence):
            people.add(obj.consultant_id)  # the candidates whose contact is away
        elif isinstance(obj, NotificationPreference):
            people.add(obj.person_id)
        elif getattr(obj, "candidate_id", None) is not None:
            candidate_ids.add(obj.candidate_id)
    clauses = []
    if candidate_ids:
        clauses.append(person.c.id.in_(sorted(candidate_ids)))
    if journey_ids:
        clauses.append(person.c.id.in_(
            sa.select(journey.c.candidate_id).where(journey.c.id.in_(sorted(journey_ids)))))
    if placement_ids:
        clauses.append(person.c.id.in_(
            sa.select(placement.c.candidate_id).where(placement.c.id.in_(sorted(placement_ids)))))
    clauses.extend(_related_to_person(pid) for pid in sorted(people))
    if organisations:
        # Rare (an organisation's settings): every file of the organisation is rendered anew.
        clauses.append(person.c.organisation_id.in_(sorted(organisations)))
    return clauses


@event.listens_for(OrmSession, "after_flush")
def _bump_versions(session: OrmSession, _context) -> None:
    # In the flush's own transaction: the change and the new version commit (or not) together.
    # A plain UPDATE of one column: Person's own `version` (If-Match) stays as it is.
    clauses = _changed_files(session)
    if clauses:
        unit_notes(session)[BUMPED] = True
        session.connection().execute(
            sa.update(person).where(sa.or_(*clauses))
            .values(data_version=person.c.data_version + 1)
        )


def changed_files_in(session: OrmSession) -> bool:
    """Whether this unit of work changed a candidate's file (see BUMPED)."""
    return bool(unit_notes(session).get(BUMPED))


def file_version(session: OrmSession, person_id: int) -> int:
    """The current data version of a person's file, read fresh from the database."""
    return session.scalar(sa.select(person.c.data_version).where(person.c.id == person_id)) or 0
