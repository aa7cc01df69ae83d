"""Contact services: who the candidate's contact person is today (the backup while away)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth.actor import Actor
from app.clock import local_today, to_local
from app.concurrency import check_version
from app.contacts.models import Absence, ContactAssignment
from app.contacts.schemas import AbsenceCreate, ContactUpdate, DefaultBackupUpdate
from app.db import utcnow
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.notices import post_notice
from app.outbox import notify
from app.people.models import Person, Role


@dataclass(frozen=True)
class ContactToday:
    primary: Person
    backup: Person | None
    absence: Absence | None  # the primary's current absence, if any

    @property
    def reachable(self) -> Person:
        """Whom to contact today: the backup while the primary is away (if there is one)."""
        return self.backup if self.absence is not None and self.backup else self.primary


def contact_today(session: Session, file: CandidateFile,
                  today: date | None = None) -> ContactToday | None:
    """The candidate's contact person and backup, with the primary's absence today. Raises
    NotFound when the actor may not see the contact area."""
    return find_contact_today(session, file, today or local_today())


def find_contact_today(session: Session, file: CandidateFile, today: date) -> ContactToday | None:
    """As `contact_today`, for a given day. Raises NotFound."""
    file.require(FileArea.contact)
    return _contact_on(session, file.candidate_id, today)


def reachable_contact_id(session: Session, candidate_id: int, today: date) -> int | None:
    """Whom a question of the candidate or their network goes to today (the backup while the
    contact person is away). Bookkeeping behind a write, never shown to the asker, so it reads
    without the file handle: a network member may ask without seeing the contact area."""
    contact = _contact_on(session, candidate_id, today)
    return contact.reachable.id if contact else None


def _contact_on(session: Session, candidate_id: int, today: date) -> ContactToday | None:
    assignment = session.scalar(
        select(ContactAssignment).where(ContactAssignment.candidate_id == candidate_id)
    )
    if assignment is None:
        return None
    ids = [i for i in (assignment.primary_id, assignment.backup_id) if i]
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    absence = session.scalar(
        select(Absence).where(
            Absence.consultant_id == assignment.primary_id,
            Absence.starts_on <= today, Absence.ends_on >= today,
        ).order_by(Absence.ends_on.desc()).limit(1)
    )
    return ContactToday(people[assignment.primary_id], people.get(assignment.backup_id), absence)


def contacts_today_of(session: Session, candidate_ids: list[int],
                      today: date) -> dict[int, ContactToday]:
    """`_contact_on` for many candidates in three statements, for a list view whose ids come
    from a policy-filtered query and whose contact reads are logged as a list read."""
    if not candidate_ids:
        return {}
    assignments = list(session.scalars(select(ContactAssignment).where(
        ContactAssignment.candidate_id.in_(candidate_ids))))
    ids = {i for a in assignments for i in (a.primary_id, a.backup_id) if i}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids or [0])))}
    absences: dict[int, Absence] = {}
    for absence in session.scalars(select(Absence).where(
            Absence.consultant_id.in_({a.primary_id for a in assignments} or {0}),
            Absence.starts_on <= today, Absence.ends_on >= today).order_by(Absence.ends_on)):
        absences[absence.consultant_id] = absence  # the one ending last wins, as above
    return {a.candidate_id: ContactToday(people[a.primary_id], people.get(a.backup_id),
                                         absences.get(a.primary_id)) for a in assignments}


# --- the consultant's side ---------------------------------------------------------------------


def _colleague(session: Session, actor: Actor, person_id: int, field: str) -> Person:
    person = session.get(Person, person_id)
    if (person is None or person.organisation_id != actor.organisation_id
            or person.role is not Role.consultant or not person.is_active):
        raise ValidationFailed(invalid_params=[field_error(
            field, _("Choose an active consultant of your organisation."), "invalid")])
    return person


def set_contacts(session: Session, actor: Actor, candidate_id: int, data: ContactUpdate,
                 expected_version: int) -> ContactAssignment:
    """Set the contact person and backup; a new contact person is announced to the candidate
    (a hand-over). Raises NotFound, StaleVersion or ValidationFailed."""
    open_file(session, actor, candidate_id).require(FileArea.contact)
    if not actor.is_staff or not can_change(actor, FileArea.contact):
        raise NotFound()
    assignment = session.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate_id))
    check_version(assignment.version, expected_version)
    primary = _colleague(session, actor, data.primary_id, "primary_id")
    if data.backup_id is not None:
        _colleague(session, actor, data.backup_id, "backup_id")
        if data.backup_id == data.primary_id:
            raise ValidationFailed(invalid_params=[field_error(
                "backup_id", _("The backup must be someone else."), "invalid")])
    changed_primary = primary.id != assignment.primary_id
    backup_id = data.backup_id
    if "backup_id" not in data.model_fields_set:
        # No backup chosen: the contact person's usual backup covers (null chooses none).
        backup_id = inherited_backup_id(session, primary)
    assignment.primary_id, assignment.backup_id = primary.id, backup_id
    assignment.handover_note = data.handover_note
    assignment.updated_at = utcnow()
    session.flush()
    if changed_primary:
        post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                    code="contact_changed", name=primary.display_name)
    return assignment


def inherited_backup_id(session: Session, primary: Person) -> int | None:
    """The backup a new assignment of `primary` gets: her default backup while that colleague
    is still an active consultant of the same organisation (else none)."""
    if primary.default_backup_id is None or primary.default_backup_id == primary.id:
        return None
    backup = session.get(Person, primary.default_backup_id)
    if (backup is None or not backup.is_active or backup.role is not Role.consultant
            or backup.organisation_id != primary.organisation_id):
        return None
    return backup.id


def _managed_consultant(session: Session, actor: Actor, consultant_id: int) -> Person:
    """A consultant the actor may manage the cover of: herself, or (an admin) any consultant
    of the organisation. Raises NotFound for anyone else."""
    person = session.get(Person, consultant_id)
    if (person is None or person.role is not Role.consultant
            or person.organisation_id != actor.organisation_id):
        raise NotFound()
    if actor.role is Role.admin or (actor.role is Role.consultant
                                    and actor.person_id == consultant_id):
        return person
    raise NotFound()


def find_default_backup(session: Session, actor: Actor,
                        consultant_id: int) -> tuple[Person, Person | None]:
    """The consultant and her default backup. Raises NotFound."""
    person = _managed_consultant(session, actor, consultant_id)
    backup = session.get(Person, person.default_backup_id) if person.default_backup_id else None
    return person, backup


def set_default_backup(session: Session, actor: Actor, consultant_id: int,
                       data: DefaultBackupUpdate) -> tuple[Person, Person | None]:
    """Set the consultant's default backup (the consultant herself, or an admin); every new
    candidate of hers gets it. Existing candidates keep theirs. Raises NotFound or
    ValidationFailed."""
    person = _managed_consultant(session, actor, consultant_id)
    backup = None
    if data.backup_id is not None:
        backup = _colleague(session, actor, data.backup_id, "backup_id")
        if backup.id == person.id:
            raise ValidationFailed(invalid_params=[field_error(
                "backup_id", _("The backup must be someone else."), "invalid")])
    person.default_backup_id = backup.id if backup else None
    session.flush()
    return person, backup


def list_colleagues(session: Session, actor: Actor) -> list[Person]:
    """The active consultants of the actor's organisation, by name: whom one can choose as a
    backup. Staff only (the router gates the role)."""
    return list(session.scalars(select(Person).where(
        Person.organisation_id == actor.organisation_id, Person.role == Role.consultant,
        Person.is_active.is_(True)).order_by(Person.display_name, Person.id)))


def add_absence_for(session: Session, actor: Actor, consultant_id: int,
                    data: AbsenceCreate) -> Absence:
    """Record a period a consultant is away: she herself, or an admin for a colleague (sudden
    illness). Candidates see the backup meanwhile. Raises NotFound."""
    person = _managed_consultant(session, actor, consultant_id)
    absence = Absence(consultant_id=person.id, starts_on=data.starts_on, ends_on=data.ends_on,
                      note=data.note)
    session.add(absence)
    session.flush()
    notify.cover_started(session, absence)  # an absence from today: the backups take over now
    return absence


def list_absences_of(session: Session, actor: Actor, consultant_id: int) -> list[Absence]:
    """A consultant's absences, soonest first (past ones for a month). Raises NotFound."""
    person = _managed_consultant(session, actor, consultant_id)
    return list(session.scalars(select(Absence).where(
        Absence.consultant_id == person.id,
        Absence.ends_on >= local_today() - timedelta(days=31)).order_by(Absence.starts_on)))


def list_absences(session: Session, actor: Actor) -> list[Absence]:
    """The actor's own absences, soonest first (past ones included for a month)."""
    return list(session.scalars(select(Absence).where(
        Absence.consultant_id == actor.person_id,
        Absence.ends_on >= local_today() - timedelta(days=31)).order_by(Absence.starts_on)))


def add_absence(session: Session, actor: Actor, data: AbsenceCreate) -> Absence:
    """Record a period the consultant is away; candidates see the backup meanwhile."""
    absence = Absence(consultant_id=actor.person_id, starts_on=data.starts_on,
                      ends_on=data.ends_on, note=data.note)
    session.add(absence)
    session.flush()
    notify.cover_started(session, absence)  # an absence from today: the backups take over now
    return absence


def remove_absence(session: Session, actor: Actor, absence_id: int) -> None:
    """Remove one of the actor's own absences. Raises NotFound for anybody else's."""
    absence = session.get(Absence, absence_id)
    if absence is None or absence.consultant_id != actor.person_id:
        raise NotFound()
    session.delete(absence)
    session.flush()


@dataclass(frozen=True)
class StandIn:
    """Who comes instead of an absent contact person to one appointment."""
    absent: Person
    backup: Person


def stand_ins(session: Session, file: CandidateFile, appointments) -> dict[int, StandIn]:
    """Per appointment id: the backup who comes instead, where the contact person is an
    attendee and is away on the appointment's day. Empty when the reader may not see the
    contact area (the names are contact data) or there is no backup."""
    if not file.may(FileArea.contact):
        return {}
    items = list(appointments)
    if not items:
        return {}
    # Four queries however many appointments: the contacts, then the contact person's
    # absences over the days of these appointments.
    days = {item.id: to_local(item.starts_at).date() for item in items}
    contact = _contact_on(session, file.candidate_id, min(days.values()))
    if contact is None or contact.backup is None:
        return {}
    absences = list(session.scalars(select(Absence).where(
        Absence.consultant_id == contact.primary.id,
        Absence.starts_on <= max(days.values()), Absence.ends_on >= min(days.values()))))
    found: dict[int, StandIn] = {}
    for item in items:
        away = any(a.starts_on <= days[item.id] <= a.ends_on for a in absences)
        if away and any(a.get("person_id") == contact.primary.id for a in item.attendees or []):
            found[item.id] = StandIn(contact.primary, contact.backup)
    return found
