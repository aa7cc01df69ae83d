"""Who is told of which change: the candidate, the network members granted the change's area,
the consultants; each call writes outbox rows in the caller's transaction (see `enqueue`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app.access.policies import FileArea, network_areas
from app.appointments.models import Appointment
from app.clock import local_datetime, local_today, to_local, utcnow
from app.contacts.models import Absence, ContactAssignment
from app.i18n import DEFAULT_LOCALE, date_text, reset_locale, set_locale, time_text
from app.network.models import NetworkGrant
from app.outbox.service import cancel_group, enqueue, preferences_for
from app.outbox.texts import EVENTS
from app.people.models import Person

# The day-before reminder goes out at this local time: after work, before the quiet hours.
DAY_BEFORE_AT = time(18, 0)


def first_name(person: Person) -> str:
    """The first word of the display name: enough for a parent to know whom it is about."""
    return (person.display_name or "").split(" ")[0]


def _when(person: Person, moment: datetime) -> dict[str, str]:
    """The day and time of `moment` written in the recipient's own language."""
    token = set_locale(person.locale or DEFAULT_LOCALE)
    try:
        return {"day": date_text(moment, "full"), "time": time_text(moment)}
    finally:
        reset_locale(token)


def network_members(session: Session, candidate_id: int, area: str) -> list[Person]:
    """The active network members who may see `area` of the candidate's file (the read gate's
    own rule, `network_areas`, over the grants it reads: not revoked)."""
    grants = session.scalars(select(NetworkGrant).where(
        NetworkGrant.candidate_id == candidate_id, NetworkGrant.revoked_at.is_(None)))
    ids = [g.member_id for g in grants if area in network_areas(frozenset(g.areas))]
    if not ids:
        return []
    return list(session.scalars(select(Person).where(Person.id.in_(ids),
                                                     Person.is_active.is_(True))
                                .order_by(Person.id)))


def audience(session: Session, candidate_id: int, area: str) -> list[Person]:
    """The candidate first, then the network members granted `area`."""
    candidate = session.get(Person, candidate_id)
    people = [candidate] if candidate is not None and candidate.is_active else []
    return people + network_members(session, candidate_id, area)


def consultants_to_tell(session: Session, candidate_id: int,
                        today: date | None = None) -> list[Person]:
    """The contact person; the backup too while the contact person is away today."""
    assignment = session.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate_id))
    if assignment is None:
        return []
    today = today or local_today()
    ids = [assignment.primary_id]
    if assignment.backup_id and session.scalar(select(Absence.id).where(
            Absence.consultant_id == assignment.primary_id, Absence.starts_on <= today,
            Absence.ends_on >= today).limit(1)):
        ids.append(assignment.backup_id)
    return [p for p in (session.get(Person, i) for i in ids) if p is not None and p.is_active]


def _event_for(person: Person, candidate: Person, event: str) -> str:
    """The candidate's own text, or the network's (`<event>_network`, naming whom it is
    about) when there is one."""
    if person.id == candidate.id or f"{event}_network" not in EVENTS:
        return event
    return f"{event}_network"


def _tell(session: Session, candidate_id: int, area: str, *, event: str, key: str,
          link: str, params: dict[str, Any] | None = None) -> None:
    """One cause to everyone who may see its area; network members get `<event>_network`
    when that text exists (it names whom it is about)."""
    candidate = session.get(Person, candidate_id)
    for person in audience(session, candidate_id, area):
        enqueue(session, recipient=person, event=_event_for(person, candidate, event), key=key,
                params={**(params or {}), "name": first_name(candidate)},
                link=link, candidate_id=candidate_id)


# --- appointments -------------------------------------------------------------------------


def _appointment_link(appointment: Appointment) -> str:
    return f"/c/{appointment.candidate_id}/appointments/{appointment.id}"


def _appointment_event(session: Session, appointment: Appointment, event: str,
                       key: str) -> None:
    if appointment.ends_at < utcnow():
        return  # an appointment recorded afterwards, or struck off later: nothing to tell
    candidate = session.get(Person, appointment.candidate_id)
    for person in audience(session, appointment.candidate_id, FileArea.appointments):
        enqueue(session, recipient=person, event=_event_for(person, candidate, event), key=key,
                params={**_when(person, appointment.starts_at), "name": first_name(candidate),
                        "place": appointment.place_name},
                link=_appointment_link(appointment), candidate_id=appointment.candidate_id)


def reminder_group(appointment_id: int) -> str:
    return f"appointment:{appointment_id}:reminders"


def plan_reminders(session: Session, appointment: Appointment,
                   now: datetime | None = None) -> None:
    """(Re)plan the reminders of an appointment: what was waiting is cancelled; a reminder
    the day before (at 18:00) and N hours before, per each recipient's choices; none that
    would fall in the past, none for a cancelled appointment."""
    group = reminder_group(appointment.id)
    cancel_group(session, group)
    now = now or utcnow()
    if appointment.cancelled_at is not None or appointment.starts_at <= now:
        return
    candidate = session.get(Person, appointment.candidate_id)
    local_start = to_local(appointment.starts_at)
    version = appointment.version
    for person in audience(session, appointment.candidate_id, FileArea.appointments):
        preference = preferences_for(session, person.id)
        params = {**_when(person, appointment.starts_at), "name": first_name(candidate),
                  "place": appointment.place_name}
        moments = []
        if preference.remind_day_before:
            moments.append(("day", local_datetime(local_start.date() - timedelta(days=1),
                                                  DAY_BEFORE_AT)))
        if preference.remind_hours_before:
            moments.append(("hours", appointment.starts_at
                            - timedelta(hours=preference.remind_hours_before)))
            params["hours"] = preference.remind_hours_before
        for kind, due in moments:
            if due <= now:
                continue
            event = _event_for(person, candidate, f"appointment_reminder_{kind}")
            enqueue(session, recipient=person, event=event,
                    key=f"appointment:{appointment.id}:v{version}:reminder:{kind}",
                    params=params, link=_appointment_link(appointment),
                    candidate_id=appointment.candidate_id, due_at=due, group_key=group)


def appointment_planned(session: Session, appointment: Appointment) -> None:
    """The candidate and the network (appointments area) hear of a new appointment; the
    reminders are planned."""
    _appointment_event(session, appointment, "appointment_planned",
                       f"appointment:{appointment.id}:planned")
    plan_reminders(session, appointment)


def appointment_changed(session: Session, appointment: Appointment) -> None:
    """A changed appointment: told once per version; the reminders move with it."""
    _appointment_event(session, appointment, "appointment_changed",
                       f"appointment:{appointment.id}:changed:v{appointment.version}")
    plan_reminders(session, appointment)


def appointment_cancelled(session: Session, appointment: Appointment) -> None:
    """A cancelled appointment: told once; its reminders are cancelled."""
    cancel_group(session, reminder_group(appointment.id))
    _appointment_event(session, appointment, "appointment_cancelled",
                       f"appointment:{appointment.id}:cancelled")


# --- messages, steps, guarantee -------------------------------------------------------------

def update_posted(session: Session, *, message_id: int, candidate_id: int) -> None:
    """The consultant wrote an update: the candidate and the network (messages area) hear."""
    _tell(session, candidate_id, FileArea.messages, event="update_posted",
          key=f"message:{message_id}:posted", link=f"/c/{candidate_id}/messages")


def question_answered(session: Session, *, answer_id: int, candidate_id: int,
                      asker_id: int, answerer: Person) -> None:
    """Whoever asked (the candidate or a network member) hears that the answer is there."""
    asker = session.get(Person, asker_id)
    if asker is None or not asker.is_active:
        return
    enqueue(session, recipient=asker, event="question_answered",
            key=f"message:{answer_id}:answered", params={"name": first_name(answerer)},
            link=f"/c/{candidate_id}/messages", candidate_id=candidate_id)


def question_asked(session: Session, *, message_id: int, candidate_id: int,
                   cannot_come: bool = False) -> None:
    """A question or "I can't come": the contact person (and the backup while she is away)
    hears at once; the text names no candidate."""
    event = "cannot_come" if cannot_come else "question_asked"
    for consultant in consultants_to_tell(session, candidate_id):
        enqueue(session, recipient=consultant, event=event, key=f"message:{message_id}:asked",
                link=f"/office/candidates/{candidate_id}/messages", candidate_id=candidate_id)


def concern_reported(session: Session, *, concern_id: int, candidate_id: int) -> None:
    """An employer told about a worry: the contact person (and the backup while she is away)
    hears at once; the text names neither the candidate nor the worry."""
    for consultant in consultants_to_tell(session, candidate_id):
        enqueue(session, recipient=consultant, event="concern_reported",
                key=f"concern:{concern_id}:reported",
                link=f"/office/candidates/{candidate_id}/concerns", candidate_id=candidate_id)


def steps_changed(session: Session, *, candidate_id: int, key: str) -> None:
    """Something changed in the steps (a step started or finished, work stopped or paused):
    the candidate and the network (steps area) hear; no step is named outside the app."""
    _tell(session, candidate_id, FileArea.steps, event="steps_changed", key=key,
          link=f"/c/{candidate_id}/steps")


def guarantee_issued(session: Session, *, candidate_id: int, number: int) -> None:
    """A new version of the fallback guarantee: the candidate and the network (guarantee
    area) hear."""
    _tell(session, candidate_id, FileArea.guarantee, event="guarantee_updated",
          key=f"guarantee:{candidate_id}:v{number}", link=f"/c/{candidate_id}/guarantee")


# --- the consultants' side ------------------------------------------------------------------


def cover_started(session: Session, absence: Absence, today: date | None = None) -> int:
    """Tell each backup of an absent consultant that the cover runs from today (when the
    absence runs today); returns how many were told. Once per absence and backup."""
    today = today or local_today()
    if not (absence.starts_on <= today <= absence.ends_on):
        return 0
    away = session.get(Person, absence.consultant_id)
    counts: dict[int, int] = {}
    for backup_id in session.scalars(select(ContactAssignment.backup_id).where(
            ContactAssignment.primary_id == absence.consultant_id,
            ContactAssignment.backup_id.is_not(None))):
        counts[backup_id] = counts.get(backup_id, 0) + 1
    told = 0
    for backup_id, count in sorted(counts.items()):
        backup = session.get(Person, backup_id)
        if backup is None or not backup.is_active:
            continue
        token = set_locale(backup.locale or DEFAULT_LOCALE)
        try:
            until = date_text(absence.ends_on, "long")
        finally:
            reset_locale(token)
        if enqueue(session, recipient=backup, event="cover_started",
                   key=f"absence:{absence.id}:cover:{backup_id}",
                   params={"count": count, "colleague": away.display_name if away else "",
                           "until": until}, link="/office"):
            told += 1
    return told


def covers_starting(session: Session, today: date | None = None) -> int:
    """The daily check: every absence that runs today tells its backups (once)."""
    today = today or local_today()
    told = 0
    for absence in session.scalars(select(Absence).where(Absence.starts_on <= today,
                                                         Absence.ends_on >= today)):
        told += cover_started(session, absence, today)
    return told

