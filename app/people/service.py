"""People services: describing the signed-in person, creating staff accounts, and the admin's
management of consultants (invite with a password set-up link, deactivate, reassign a caseload)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import case, func, or_, select, update
from sqlmodel import Session

from app.auth import security
from app.auth.actor import Actor
from app.auth.schemas import MePublic
from app.auth.security import hash_password
from app.auth.service import revoke_all_sessions
from app.contacts.models import ContactAssignment
from app.contacts.service import inherited_backup_id
from app.db import utcnow
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.organisations.models import Organisation
from app.people.errors import CannotDeactivateYourself, EmailInUse, SetupLinkInvalid
from app.people.models import STAFF_ROLES, PasswordSetup, Person, Role
from app.people.schemas import (
    CaseloadReassign,
    CaseloadReassigned,
    ConsultantInvite,
    PasswordChoice,
)
from app.settings import Settings


def get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound()
    return person


def describe_actor(session: Session, actor: Actor) -> MePublic:
    """The signed-in person as the API shows them to themselves."""
    person = get_person(session, actor.person_id)
    organisation = session.get(Organisation, person.organisation_id)
    looking_along = []
    if actor.grants:
        names = dict(
            session.execute(
                select(Person.id, Person.display_name).where(Person.id.in_(list(actor.grants)))
            ).all()
        )
        looking_along = [
            {"candidate_id": cid, "display_name": names.get(cid, ""), "areas": sorted(areas)}
            for cid, areas in sorted(actor.grants.items())
        ]
    return MePublic(
        id=person.id, role=person.role, display_name=person.display_name,
        organisation_id=person.organisation_id, organisation_name=organisation.name,
        locale=person.locale, second_factor_enabled=person.totp_enabled_at is not None,
        looking_along=looking_along,
    )


def create_staff_member(
    session: Session, *, organisation_id: int, display_name: str, email: str,
    password: str | None, role: Role = Role.consultant, job_title: str | None = None,
    phone: str | None = None, password_hash: str | None = None,
) -> Person:
    """A consultant or admin who signs in with e-mail and password (`None`: no password yet,
    so no sign-in until they set one; the demo seed passes one ready `password_hash` for all
    its accounts instead). Raises EmailInUse (a Conflict)."""
    email = email.strip().lower()
    if session.scalar(select(Person.id).where(Person.email == email)) is not None:
        raise EmailInUse(invalid_params=[field_error(
            "email", _("This e-mail address is already in use."), "email_in_use")])
    person = Person(
        organisation_id=organisation_id, role=role, display_name=display_name, email=email,
        password_hash=hash_password(password) if password is not None else password_hash,
        job_title=job_title, phone=phone,
    )
    session.add(person)
    session.flush()
    return person


# --- the admin's consultants -------------------------------------------------------------------


@dataclass(frozen=True)
class StaffMember:
    """A staff member with the size of their caseload."""

    person: Person
    primary_count: int
    backup_count: int


@dataclass(frozen=True)
class IssuedPasswordSetup:
    """The raw token exists only here: it goes into the link shown once, never stored."""

    setup: PasswordSetup
    token: str

    def link(self, settings: Settings) -> str:
        return f"{settings.base_url.rstrip('/')}/welcome/{self.token}"


def list_staff(session: Session, actor: Actor, *, limit: int = 200,
               offset: int = 0) -> tuple[list[StaffMember], int]:
    """The actor's organisation's consultants and admins with their caseload counts (one
    grouped query), active first, then by name; and the total."""
    in_organisation = (Person.organisation_id == actor.organisation_id,
                       Person.role.in_(list(STAFF_ROLES)))
    primary = func.coalesce(func.sum(case((ContactAssignment.primary_id == Person.id, 1),
                                          else_=0)), 0)
    backup = func.coalesce(func.sum(case((ContactAssignment.backup_id == Person.id, 1),
                                         else_=0)), 0)
    rows = session.execute(
        select(Person, primary, backup)
        .outerjoin(ContactAssignment, or_(ContactAssignment.primary_id == Person.id,
                                          ContactAssignment.backup_id == Person.id))
        .where(*in_organisation)
        .group_by(Person.id)
        .order_by(Person.is_active.desc(), Person.display_name, Person.id)
        .limit(limit).offset(offset)
    ).all()
    total = session.scalar(select(func.count()).select_from(Person).where(*in_organisation))
    return [StaffMember(person, int(p), int(b)) for person, p, b in rows], total or 0


def get_staff_member(session: Session, actor: Actor, person_id: int) -> StaffMember:
    """One consultant or admin of the actor's organisation with caseload counts. Raises
    NotFound for anyone else."""
    person = _own_staff(session, actor, person_id)
    primary = session.scalar(select(func.count()).select_from(ContactAssignment)
                             .where(ContactAssignment.primary_id == person.id))
    backup = session.scalar(select(func.count()).select_from(ContactAssignment)
                            .where(ContactAssignment.backup_id == person.id))
    return StaffMember(person, primary or 0, backup or 0)


def _own_staff(session: Session, actor: Actor, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if (person is None or person.organisation_id != actor.organisation_id
            or person.role not in STAFF_ROLES):
        raise NotFound()
    return person


def invite_consultant(session: Session, settings: Settings, actor: Actor,
                      data: ConsultantInvite) -> tuple[StaffMember, IssuedPasswordSetup]:
    """A new consultant of the actor's organisation without a password, and a one-time link
    with which they choose one. Raises EmailInUse."""
    person = create_staff_member(
        session, organisation_id=actor.organisation_id, display_name=data.display_name,
        email=data.email, password=None, role=Role.consultant,
        job_title=data.job_title or None, phone=data.phone or None,
    )
    issued = _issue_setup(session, settings, person, actor.person_id)
    return StaffMember(person, 0, 0), issued


def issue_setup_link(session: Session, settings: Settings, actor: Actor,
                     person_id: int) -> tuple[StaffMember, IssuedPasswordSetup]:
    """A fresh set-up link for an active staff member of the organisation (a lost link, or a
    forgotten password); earlier unused links stop working. Raises NotFound."""
    member = get_staff_member(session, actor, person_id)
    if not member.person.is_active:
        raise NotFound()
    return member, _issue_setup(session, settings, member.person, actor.person_id)


def _issue_setup(session: Session, settings: Settings, person: Person,
                 created_by_id: int) -> IssuedPasswordSetup:
    now = utcnow()
    _revoke_setups(session, person.id)
    token = security.random_token()
    setup = PasswordSetup(person_id=person.id, token_hash=security.token_hash(token),
                          expires_at=now + timedelta(hours=settings.invite_valid_hours),
                          created_by_id=created_by_id)
    session.add(setup)
    session.flush()
    return IssuedPasswordSetup(setup, token)


def _revoke_setups(session: Session, person_id: int) -> None:
    session.execute(
        update(PasswordSetup)
        .where(PasswordSetup.person_id == person_id, PasswordSetup.used_at.is_(None),
               PasswordSetup.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def find_password_setup(session: Session, token: str) -> tuple[PasswordSetup, Person] | None:
    """The usable set-up link for this token with its person, or None (unknown, used, revoked,
    expired, or the person is switched off)."""
    if not token or len(token) > 100:
        return None
    setup = session.scalar(
        select(PasswordSetup).where(PasswordSetup.token_hash == security.token_hash(token)))
    if setup is None or setup.used_at is not None or setup.revoked_at is not None:
        return None
    if setup.expires_at <= utcnow():
        return None
    person = session.get(Person, setup.person_id)
    if person is None or not person.is_active:
        return None
    return setup, person


def set_password_with_setup(session: Session, token: str, data: PasswordChoice) -> Person:
    """Use a set-up link once to choose a password. Raises SetupLinkInvalid, or
    ValidationFailed when the two passwords differ."""
    found = find_password_setup(session, token)
    if found is None:
        raise SetupLinkInvalid()
    setup, person = found
    if data.password != data.password_again:
        raise ValidationFailed(invalid_params=[field_error(
            "password_again", _("The two passwords are not the same."), "mismatch")])
    person.password_hash = hash_password(data.password)
    setup.used_at = utcnow()
    _revoke_setups(session, person.id)
    # Whoever knew the old password is signed out.
    revoke_all_sessions(session, person.id)
    session.flush()
    return person


def deactivate_staff_member(session: Session, actor: Actor, person_id: int) -> StaffMember:
    """Switch a colleague's account off: no sign-in, every device signed out, open set-up
    links dead. Their caseload stays until it is reassigned. Raises NotFound or
    CannotDeactivateYourself."""
    member = get_staff_member(session, actor, person_id)
    if member.person.id == actor.person_id:
        raise CannotDeactivateYourself()
    if member.person.is_active:
        member.person.is_active = False
    revoke_all_sessions(session, member.person.id)
    _revoke_setups(session, member.person.id)
    session.flush()
    return member


def reassign_caseload(session: Session, actor: Actor, from_id: int,
                      data: CaseloadReassign) -> CaseloadReassigned:
    """Give another active consultant of the organisation everything `from_id` does: they
    become contact person where `from_id` was, and backup where `from_id` was backup. Where
    the backup would be the contact person themself, the new contact person's default backup
    takes over (none when she has none). Raises NotFound or ValidationFailed."""
    source = _own_staff(session, actor, from_id)
    target = session.get(Person, data.to_consultant_id)
    if (target is None or target.organisation_id != actor.organisation_id
            or target.role is not Role.consultant or not target.is_active
            or target.id == source.id):
        raise ValidationFailed(invalid_params=[field_error(
            "to_consultant_id", _("Choose another active consultant of your organisation."),
            "invalid_consultant")])
    assignments = session.scalars(
        select(ContactAssignment).where(or_(ContactAssignment.primary_id == source.id,
                                            ContactAssignment.backup_id == source.id))
        .order_by(ContactAssignment.id)
    ).all()
    primary_moved = backup_moved = backup_cleared = 0
    now = utcnow()
    default = inherited_backup_id(session, target)
    default = None if default == source.id else default
    for assignment in assignments:
        replace_backup = False
        if assignment.primary_id == source.id:
            assignment.primary_id = target.id
            primary_moved += 1
            replace_backup = assignment.backup_id in (source.id, target.id)
        elif assignment.backup_id == source.id:
            if assignment.primary_id == target.id:
                replace_backup = True
            else:
                assignment.backup_id = target.id
                backup_moved += 1
        if replace_backup:
            assignment.backup_id = default
            if default is None:
                backup_cleared += 1
            else:
                backup_moved += 1
        assignment.updated_at = now
    session.flush()
    return CaseloadReassigned(primary_moved=primary_moved, backup_moved=backup_moved,
                              backup_cleared=backup_cleared)
