"""Appointment services: the candidate's appointments, calendar files and the personal feed."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.appointments.ics import Reminders
from app.appointments.models import Appointment, CalendarFeed
from app.appointments.schemas import AppointmentCreate, AppointmentUpdate
from app.auth import security
from app.auth.actor import Actor
from app.concurrency import check_version
from app.contacts.models import ContactAssignment
from app.db import utcnow
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.journeys.models import Journey, JourneyStep
from app.network.models import NetworkGrant
from app.notices import post_notice
from app.outbox import notify
from app.outbox.service import preferences_for
from app.people.models import Person

# An appointment stays "upcoming" until it has ended.
UPCOMING_GRACE = timedelta(0)


def list_appointments(
    session: Session, file: CandidateFile, *, now: datetime | None = None,
) -> tuple[list[Appointment], list[Appointment]]:
    """(upcoming soonest first, past newest first), cancelled ones included and marked.
    Raises NotFound when the actor may not see the candidate's appointments."""
    file.require(FileArea.appointments)
    now = now or utcnow()
    appointments = list(session.scalars(
        select(Appointment).where(Appointment.candidate_id == file.candidate_id)
        .order_by(Appointment.starts_at)
    ))
    upcoming = [a for a in appointments if a.ends_at >= now - UPCOMING_GRACE]
    past = [a for a in reversed(appointments) if a.ends_at < now - UPCOMING_GRACE]
    return upcoming, past


def next_appointment(
    session: Session, file: CandidateFile, now: datetime | None = None
) -> Appointment | None:
    """The next appointment that is not cancelled. Raises NotFound."""
    file.require(FileArea.appointments)
    return session.scalar(
        select(Appointment).where(
            Appointment.candidate_id == file.candidate_id, Appointment.cancelled_at.is_(None),
            Appointment.ends_at >= (now or utcnow()),
        ).order_by(Appointment.starts_at).limit(1)
    )


def get_appointment(
    session: Session, file: CandidateFile, appointment_id: int
) -> Appointment:
    """One appointment of the candidate. Raises NotFound."""
    file.require(FileArea.appointments)
    appointment = session.get(Appointment, appointment_id)
    if appointment is None or appointment.candidate_id != file.candidate_id:
        raise NotFound()
    return appointment


def attendee_names(session: Session, appointments: list[Appointment]) -> dict[int, str]:
    """Names of the people attending, for all given appointments in one query."""
    ids = {a["person_id"] for ap in appointments for a in ap.attendees if "person_id" in a}
    if not ids:
        return {}
    return dict(
        session.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(ids))
        ).all()
    )


def create_calendar_feed(session: Session, actor: Actor, candidate_id: int) -> str:
    """A new personal feed URL token; any earlier feed of this candidate stops working.
    Only the candidate may, as the feed shows every appointment to whoever has the link."""
    open_file(session, actor, candidate_id).require(FileArea.appointments)
    if actor.person_id != candidate_id:
        raise NotFound()
    revoke_calendar_feeds(session, actor, candidate_id)
    token = security.random_token()
    session.add(CalendarFeed(candidate_id=candidate_id, created_by_id=actor.person_id,
                             token_hash=security.token_hash(token)))
    session.flush()
    return token


def revoke_calendar_feeds(session: Session, actor: Actor, candidate_id: int) -> None:
    """Stop every calendar feed of the candidate."""
    open_file(session, actor, candidate_id).require(FileArea.appointments)
    if actor.person_id != candidate_id:
        raise NotFound()
    session.execute(
        update(CalendarFeed)
        .where(CalendarFeed.candidate_id == candidate_id, CalendarFeed.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def has_calendar_feed(session: Session, file: CandidateFile) -> bool:
    """Whether a personal feed is running (only the candidate sees this). Raises NotFound."""
    if not file.is_self:
        raise NotFound()
    return session.scalar(
        select(CalendarFeed.id).where(CalendarFeed.candidate_id == file.candidate_id,
                                      CalendarFeed.revoked_at.is_(None)).limit(1)
    ) is not None


def appointments_for_feed(session: Session, token: str) -> list[Appointment]:
    """The appointments behind a feed token (the token is the credential). Raises NotFound."""
    feed = session.scalar(
        select(CalendarFeed).where(CalendarFeed.token_hash == security.token_hash(token))
    )
    if feed is None or feed.revoked_at is not None:
        raise NotFound()
    return list(session.scalars(
        select(Appointment).where(Appointment.candidate_id == feed.candidate_id)
        .order_by(Appointment.starts_at)
    ))


def calendar_reminders(session: Session, person_id: int | None) -> Reminders:
    """The reminders a calendar file carries for this person: their own choices, or the
    defaults (the day before and two hours before)."""
    if person_id is None:
        return Reminders()
    choice = preferences_for(session, person_id)
    return Reminders(day_before=choice.remind_day_before, hours_before=choice.remind_hours_before)


def calendar_locale(session: Session, person_id: int | None) -> str | None:
    """The language a person chose, for the texts of their calendar feed."""
    person = session.get(Person, person_id) if person_id is not None else None
    return person.locale if person is not None else None


# --- planning (consultants) -------------------------------------------------------------------


def _consultant_file(session: Session, actor: Actor, candidate_id: int) -> CandidateFile:
    file = open_file(session, actor, candidate_id).require(FileArea.appointments)
    if not can_change(actor, FileArea.appointments) or not actor.is_staff:
        raise NotFound()
    return file


def _linkable(session: Session, candidate_id: int) -> dict[int, str]:
    """Who an appointment can link to, with the name to show: the candidate's consultants and
    the network members who may see the appointments (with their relation). Reads without the
    handle: callers have opened the file (`attendee_choices` requires what it shows)."""
    assignment = session.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate_id))
    consultants = [i for i in (assignment.primary_id, assignment.backup_id) if i] \
        if assignment else []
    grants = [grant for grant in session.scalars(
        select(NetworkGrant).where(NetworkGrant.candidate_id == candidate_id,
                                   NetworkGrant.revoked_at.is_(None))
        .order_by(NetworkGrant.consent_at.desc()))
        if "appointments" in grant.areas]
    ids = consultants + [grant.member_id for grant in grants]
    names = dict(session.execute(
        select(Person.id, Person.display_name).where(Person.id.in_(ids))).all()) if ids else {}
    choices = {person_id: names.get(person_id, "") for person_id in consultants}
    for grant in grants:
        relation = f" ({grant.relation})" if grant.relation else ""
        choices.setdefault(grant.member_id, names.get(grant.member_id, "") + relation)
    return choices


def attendee_choices(session: Session, actor: Actor, candidate_id: int) -> list[tuple[int, str]]:
    """The people a consultant can link to an appointment, as (person id, name): the
    consultants first, then the network members who may see the appointments. Raises
    NotFound."""
    file = _consultant_file(session, actor, candidate_id)
    file.require(FileArea.contact).require(FileArea.network)  # the choices name both
    return list(_linkable(session, candidate_id).items())


def _attendees(session: Session, candidate_id: int, attendees) -> list[dict]:
    """People must be among the attendee choices; anyone else is named, not linked."""
    allowed = _linkable(session, candidate_id)
    result = []
    for index, attendee in enumerate(attendees):
        if attendee.person_id is not None:
            if attendee.person_id not in allowed:
                raise ValidationFailed(invalid_params=[field_error(
                    f"attendees.{index}.person_id",
                    _("This person cannot see the candidate's appointments."), "invalid")])
            result.append({"person_id": attendee.person_id})
        else:
            result.append({"name": attendee.name})
    return result


def _check_step(session: Session, candidate_id: int, step_id: int | None) -> None:
    """An appointment can belong to a step of this candidate's own journeys only."""
    if step_id is None:
        return
    found = session.scalar(
        select(JourneyStep.id).join(Journey, Journey.id == JourneyStep.journey_id)
        .where(JourneyStep.id == step_id, Journey.candidate_id == candidate_id))
    if found is None:
        raise ValidationFailed(invalid_params=[field_error(
            "journey_step_id", _("This step is not part of the candidate's journey."),
            "invalid")])


def create_appointment(session: Session, actor: Actor, candidate_id: int,
                       data: AppointmentCreate) -> Appointment:
    """Plan an appointment; the candidate finds a notice in their messages. Raises NotFound or
    ValidationFailed."""
    _consultant_file(session, actor, candidate_id)
    _check_step(session, candidate_id, data.journey_step_id)
    appointment = Appointment(
        candidate_id=candidate_id, title=data.title, starts_at=data.starts_at,
        ends_at=data.ends_at, place_name=data.place_name, address=data.address,
        purpose=data.purpose, purpose_code=data.purpose_code, what_to_bring=data.what_to_bring,
        attendees=_attendees(session, candidate_id, data.attendees),
        journey_step_id=data.journey_step_id, created_by_id=actor.person_id,
    )
    session.add(appointment)
    session.flush()
    post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                code="appointment_new", about_appointment_id=appointment.id,
                title=appointment.title, when=appointment.starts_at.isoformat())
    notify.appointment_planned(session, appointment)
    return appointment


def update_appointment(session: Session, actor: Actor, candidate_id: int, appointment_id: int,
                       data: AppointmentUpdate, expected_version: int) -> Appointment:
    """Change an appointment; the candidate is told what changed. Raises NotFound,
    StaleVersion or ValidationFailed."""
    file = _consultant_file(session, actor, candidate_id)
    appointment = get_appointment(session, file, appointment_id)
    check_version(appointment.version, expected_version)
    changes = data.model_dump(exclude_unset=True, exclude={"attendees"})
    _check_step(session, candidate_id, changes.get("journey_step_id"))
    for field, value in changes.items():
        if value is not None:
            setattr(appointment, field, value)
    if data.attendees is not None:
        appointment.attendees = _attendees(session, candidate_id, data.attendees)
    if appointment.ends_at <= appointment.starts_at:
        raise ValidationFailed(invalid_params=[field_error(
            "ends_at", _("The end must be after the start."), "invalid")])
    appointment.updated_at = utcnow()
    session.flush()
    post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                code="appointment_changed", about_appointment_id=appointment.id,
                title=appointment.title, when=appointment.starts_at.isoformat())
    notify.appointment_changed(session, appointment)
    return appointment


def cancel_appointment(session: Session, actor: Actor, candidate_id: int,
                       appointment_id: int) -> Appointment:
    """Cancel an appointment (it stays in the list, marked). Raises NotFound."""
    file = _consultant_file(session, actor, candidate_id)
    appointment = get_appointment(session, file, appointment_id)
    if appointment.cancelled_at is None:
        appointment.cancelled_at = utcnow()
        session.flush()
        post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                    code="appointment_cancelled", about_appointment_id=appointment.id,
                    title=appointment.title, when=appointment.starts_at.isoformat())
        notify.appointment_cancelled(session, appointment)
    return appointment
