"""What notifies whom: each change writes outbox rows for the right people (the candidate, the
network members granted the change's area, the consultants), with titles safe for a lock
screen, and reminders that follow the appointment."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.appointments import service as appointments
from app.appointments.schemas import AppointmentCreate, AppointmentUpdate
from app.auth.actor import Actor
from app.clock import frozen, local_datetime, to_local
from app.contacts import service as contacts
from app.contacts.models import Absence, ContactAssignment
from app.contacts.schemas import AbsenceCreate
from app.guarantees import service as guarantees
from app.guarantees.schemas import GuaranteeCreate
from app.i18n import DEFAULT_LOCALE, reset_locale, set_locale
from app.journeys import changes
from app.journeys.models import Journey, JourneyStep, StepState
from app.journeys.schemas import StepUpdate
from app.messages import service as messages
from app.messages.schemas import AnswerCreate, CannotCome, QuestionCreate, UpdateCreate
from app.outbox.models import Notification, NotificationPreference, NotificationStatus
from app.outbox.texts import EVENTS
from app.people.models import Person

NOW = datetime(2030, 2, 20, 9, 0, tzinfo=UTC)
# Words that must never reach a lock screen or a mail subject.
UNSAFE = ("UWV", "beschut", "proefplaatsing", "€", "loon", "salaris", "ziek", "Gesprek bij")


def _actor(db, person_id: int) -> Actor:
    person = db.get(Person, person_id)
    grants = {}
    return Actor(person_id=person.id, role=person.role, organisation_id=person.organisation_id,
                 display_name=person.display_name, session_id=0, via="bearer", grants=grants)


@pytest.fixture
def reachable(db, personas):
    """Everyone reachable by e-mail (the demo invites most people without an address)."""
    for persona in ("candidate", "parent", "steps_only_member", "consultant",
                    "backup_consultant", "colleague"):
        person = db.get(Person, getattr(personas, persona))
        person.email = person.email or f"{persona}@notify.test"
    db.flush()
    return personas


def _rows(db, key_prefix: str) -> list[Notification]:
    return list(db.scalars(select(Notification).where(
        Notification.idempotency_key.like(f"{key_prefix}%")).order_by(Notification.id)))


def _recipients(rows) -> set[int]:
    return {row.recipient_id for row in rows}


def _rendered(row: Notification) -> tuple[str, str]:
    title, body = EVENTS[row.event]
    token = set_locale(DEFAULT_LOCALE)
    try:
        return str(title) % row.params, str(body) % row.params
    finally:
        reset_locale(token)


def _assert_safe(rows) -> None:
    for row in rows:
        title, body = _rendered(row)
        for word in UNSAFE:
            assert word.lower() not in title.lower(), (row.event, title)
            assert word.lower() not in body.lower(), (row.event, body)


def _plan(db, personas, starts_at: datetime) -> object:
    return appointments.create_appointment(
        db, _actor(db, personas.consultant), personas.candidate, AppointmentCreate(
            title="Gesprek bij UWV", starts_at=starts_at, ends_at=starts_at + timedelta(hours=1),
            place_name="Stadhuis Almere", purpose="Het advies beschut werk"))


def test_a_planned_appointment_reaches_the_candidate_and_the_network_with_appointments(
        db, reachable):
    personas = reachable
    with frozen(NOW):
        appointment = _plan(db, personas, datetime(2030, 3, 1, 9, 0, tzinfo=UTC))
    planned = _rows(db, f"appointment:{appointment.id}:planned")
    # Guy and Marja (all areas); not Jan (steps only), not the consultant who planned it.
    assert _recipients(planned) == {personas.candidate, personas.parent}
    assert {row.event for row in planned} == {"appointment_planned",
                                              "appointment_planned_network"}
    title, _body = _rendered(next(r for r in planned if r.recipient_id == personas.candidate))
    assert title == "Nieuwe afspraak op vrijdag 1 maart 2030 om 10:00"
    _assert_safe(planned)


def test_reminders_follow_the_preferences_move_with_the_appointment_and_stop_with_it(
        db, reachable):
    personas = reachable
    db.add(NotificationPreference(person_id=personas.candidate, remind_day_before=True,
                                  remind_hours_before=3))
    db.add(NotificationPreference(person_id=personas.parent, remind_day_before=False,
                                  remind_hours_before=4))
    db.flush()
    with frozen(NOW):
        appointment = _plan(db, personas, datetime(2030, 3, 1, 9, 0, tzinfo=UTC))
        group = f"appointment:{appointment.id}:reminders"
        reminders = list(db.scalars(select(Notification).where(Notification.group_key == group)))
        # Marja wants four hours before only; Guy the day before at 18:00 and three hours
        # before.
        mine = [r for r in reminders if r.recipient_id == personas.candidate]
        hers = [r for r in reminders if r.recipient_id == personas.parent]
        assert {r.event for r in hers} == {"appointment_reminder_hours_network"}
        assert {to_local(r.due_at) for r in hers} == {local_datetime(date(2030, 3, 1), time(6, 0))}
        dues = sorted({to_local(r.due_at) for r in mine})
        assert dues == [local_datetime(date(2030, 2, 28), time(18, 0)),
                        local_datetime(date(2030, 3, 1), time(7, 0))]
        assert _rendered(next(r for r in reminders if r.event == "appointment_reminder_day")
                         )[0] == "Je hebt morgen om 10:00 een afspraak"
        _assert_safe(reminders)

        moved = appointments.update_appointment(
            db, _actor(db, personas.consultant), personas.candidate, appointment.id,
            AppointmentUpdate(starts_at=datetime(2030, 3, 5, 12, 0, tzinfo=UTC),
                              ends_at=datetime(2030, 3, 5, 13, 0, tzinfo=UTC)),
            appointment.version)
        db.refresh(reminders[0])
        assert {r.status for r in reminders} == {NotificationStatus.cancelled}
        live = list(db.scalars(select(Notification).where(
            Notification.group_key == group,
            Notification.status == NotificationStatus.pending)))
        assert sorted({to_local(r.due_at) for r in live
                       if r.recipient_id == personas.candidate}) == [
            local_datetime(date(2030, 3, 4), time(18, 0)),
            local_datetime(date(2030, 3, 5), time(10, 0))]
        changed = _rows(db, f"appointment:{appointment.id}:changed:v{moved.version}")
        assert _recipients(changed) == {personas.candidate, personas.parent}

        appointments.cancel_appointment(db, _actor(db, personas.consultant),
                                        personas.candidate, appointment.id)
        assert not list(db.scalars(select(Notification).where(
            Notification.group_key == group,
            Notification.status == NotificationStatus.pending)))
        assert _recipients(_rows(db, f"appointment:{appointment.id}:cancelled")) == {
            personas.candidate, personas.parent}


def test_no_reminders_for_a_past_appointment_nor_for_a_moment_gone_by(db, reachable):
    personas = reachable
    with frozen(NOW):
        past = _plan(db, personas, NOW - timedelta(days=2))
        soon = _plan(db, personas, NOW + timedelta(hours=1))
    assert not list(db.scalars(select(Notification).where(
        Notification.group_key == f"appointment:{past.id}:reminders")))
    # The day before and two hours before have gone by already: nothing to remind.
    assert not list(db.scalars(select(Notification).where(
        Notification.group_key == f"appointment:{soon.id}:reminders")))
    # An appointment recorded afterwards is news to nobody; the one in an hour is.
    assert _rows(db, f"appointment:{past.id}:") == []
    assert personas.candidate in _recipients(_rows(db, f"appointment:{soon.id}:planned"))


def test_a_rolled_back_change_notifies_nobody(session_factory, personas):
    with session_factory() as session:
        guy = session.get(Person, personas.candidate)
        guy.email = "guy@rollback.test"
        with frozen(NOW):
            appointment = _plan(session, personas, datetime(2030, 3, 1, 9, 0, tzinfo=UTC))
        appointment_id = appointment.id
        assert _rows(session, f"appointment:{appointment_id}:")
        session.rollback()
    with session_factory() as session:
        assert _rows(session, f"appointment:{appointment_id}:") == []


def test_updates_answers_and_questions(db, reachable):
    personas = reachable
    floor = _actor(db, personas.consultant)
    update = messages.post_update(db, floor, personas.candidate,
                                  UpdateCreate(body="Je proefplaatsing gaat goed."))
    updated = _rows(db, f"message:{update.id}:posted")
    # Marja was given every area, the messages too; Jan the steps only.
    assert _recipients(updated) == {personas.candidate, personas.parent}
    assert {r.event for r in updated if r.recipient_id == personas.parent} == {
        "update_posted_network"}
    _assert_safe(updated)

    question = messages.ask_question(db, _actor(db, personas.candidate), personas.candidate,
                                     QuestionCreate(body="Wanneer krijg ik loon?"))
    asked = _rows(db, f"message:{question.id}:asked")
    assert _recipients(asked) == {personas.consultant}
    assert {r.channel for r in asked} == {"email"}
    _assert_safe(asked)

    answer = messages.answer_question(db, floor, personas.candidate, question.id,
                                      AnswerCreate(body="Eind van de maand."))
    answered = _rows(db, f"message:{answer.id}:answered")
    assert _recipients(answered) == {personas.candidate}
    assert _rendered(answered[0])[0] == "Floor heeft geantwoord"


def test_a_question_while_the_contact_person_is_away_reaches_the_backup_too(db, reachable):
    personas = reachable
    with frozen(NOW):
        db.add(Absence(consultant_id=personas.consultant, starts_on=date(2030, 2, 19),
                       ends_on=date(2030, 2, 25)))
        db.flush()
        question = messages.ask_question(db, _actor(db, personas.candidate),
                                         personas.candidate, QuestionCreate(body="Hallo?"))
    assert _recipients(_rows(db, f"message:{question.id}:asked")) == {
        personas.consultant, personas.backup_consultant}


def test_i_cannot_come_tells_the_consultant_at_once(db, reachable):
    personas = reachable
    with frozen(NOW):
        appointment = _plan(db, personas, datetime(2030, 3, 1, 9, 0, tzinfo=UTC))
        message = messages.cannot_come(db, _actor(db, personas.candidate), personas.candidate,
                                       appointment.id, CannotCome(note="Ik ben ziek."))
    rows = _rows(db, f"message:{message.id}:asked")
    assert [(r.recipient_id, r.event) for r in rows] == [(personas.consultant, "cannot_come")]
    assert rows[0].due_at == NOW  # at once, not after the quiet hours (e-mail)
    _assert_safe(rows)


def test_a_step_change_reaches_the_network_with_the_steps_area(db, reachable):
    personas = reachable
    journey = db.scalar(select(Journey).where(Journey.candidate_id == personas.candidate)
                        .order_by(Journey.id.desc()))
    step = db.scalar(select(JourneyStep).where(JourneyStep.journey_id == journey.id,
                                               JourneyStep.state == StepState.todo)
                     .order_by(JourneyStep.position))
    changed = changes.update_step(db, _actor(db, personas.consultant), personas.candidate,
                                  step.id, StepUpdate(state=StepState.current), step.version)
    rows = _rows(db, f"step:{changed.id}:current")
    assert _recipients(rows) == {personas.candidate, personas.parent, personas.steps_only_member}
    _assert_safe(rows)
    for row in rows:  # the step's own name stays inside the app
        title, body = _rendered(row)
        assert step.texts["nl"]["title"] not in title + body


def test_a_new_guarantee_version_reaches_the_network_with_that_area(db, reachable):
    personas = reachable
    guarantee = guarantees.issue_guarantee(
        db, _actor(db, personas.consultant), personas.candidate, GuaranteeCreate(
            provider_name="Zorgboerderij De Linde", indication_valid_until=date(2031, 1, 1),
            income_consequences="Je houdt je uitkering van € 1.200.", arranged_by="Gemeente"))
    rows = _rows(db, f"guarantee:{personas.candidate}:v{guarantee.number}")
    assert _recipients(rows) == {personas.candidate, personas.parent}
    _assert_safe(rows)


def test_an_absence_from_today_tells_the_backup_once(db, reachable):
    personas = reachable
    floor = _actor(db, personas.consultant)
    with frozen(NOW):
        later = contacts.add_absence(db, floor, AbsenceCreate(
            starts_on=date(2030, 3, 10), ends_on=date(2030, 3, 12)))
        assert _rows(db, f"absence:{later.id}:") == []
        today = contacts.add_absence(db, floor, AbsenceCreate(
            starts_on=date(2030, 2, 20), ends_on=date(2030, 2, 22)))
    rows = _rows(db, f"absence:{today.id}:cover:")
    count = len(list(db.scalars(select(ContactAssignment).where(
        ContactAssignment.primary_id == personas.consultant,
        ContactAssignment.backup_id == personas.backup_consultant))))
    assert _recipients(rows) == {personas.backup_consultant}
    assert rows[0].params["count"] == count
    from app.outbox.notify import covers_starting
    with frozen(NOW):
        assert covers_starting(db) == 0  # told already: once per absence and backup
