"""Inviting an employer's person to sign in: a one-time link and code from the consultant, then
a password of their own for the next times (e-mail + password, like staff)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app.access.policies import can_invite_employer_people
from app.auth.actor import Actor
from app.auth.models import InviteKind
from app.auth.security import hash_password
from app.auth.service import IssuedInvite, issue_invite
from app.employers.models import Employer, EmployerContact
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.people.models import Person, Role
from app.people.schemas import MIN_PASSWORD_LENGTH
from app.settings import Settings


def invite_contact(session: Session, settings: Settings, actor: Actor, employer_id: int,
                   person_id: int) -> tuple[Person, IssuedInvite]:
    """A one-time sign-in link and code for a person of the employer; earlier unused ones stop
    working. Raises NotFound for an employer of another municipality, a person who is not one
    of its people, or a caller who may not invite."""
    employer = session.get(Employer, employer_id)
    if employer is None or not can_invite_employer_people(actor, employer.organisation_id):
        raise NotFound()
    contact = session.scalar(select(EmployerContact).where(
        EmployerContact.employer_id == employer.id, EmployerContact.person_id == person_id))
    person = session.get(Person, person_id) if contact is not None else None
    if person is None or person.role is not Role.employer or not person.is_active:
        raise NotFound()
    issued = issue_invite(session, settings, kind=InviteKind.employer_contact, person=person,
                          created_by_id=actor.person_id)
    return person, issued


def has_password(session: Session, actor: Actor) -> bool:
    person = session.get(Person, actor.person_id)
    return bool(person and person.password_hash)


def choose_password(session: Session, actor: Actor, password: str, password_again: str) -> None:
    """The employer's person chooses (or changes) the password for signing in at /login.
    Raises NotFound for anyone else, ValidationFailed for a short or mistyped password."""
    if actor.role is not Role.employer:
        raise NotFound()
    person = session.get(Person, actor.person_id)
    if person is None or not person.email:
        raise NotFound()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(invalid_params=[field_error(
            "password", _("Choose a password of at least %(count)d characters.")
            % {"count": MIN_PASSWORD_LENGTH}, "too_short")])
    if password != password_again:
        raise ValidationFailed(invalid_params=[field_error(
            "password_again", _("The two passwords are not the same."), "mismatch")])
    person.password_hash = hash_password(password)
    session.flush()
