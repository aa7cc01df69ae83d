"""Enqueueing: one row per channel that reaches the person, once per cause, in the caller's
transaction; push waits out the quiet hours."""

from __future__ import annotations

from datetime import time

from sqlalchemy import func, select

from app.clock import local_datetime, local_today, to_local
from app.outbox.models import Channel, Notification, NotificationPreference, PushSubscription
from app.outbox.service import after_quiet_hours, cancel_group, enqueue
from app.people.models import Person


def _count(db) -> int:
    return db.scalar(select(func.count()).select_from(Notification))


def test_email_for_an_address_and_push_for_a_live_subscription(db, personas):
    marja = db.get(Person, personas.parent)
    marja.email = "marja@example.test"
    db.add(PushSubscription(person_id=marja.id, endpoint="https://push.example/abc",
                            p256dh="key", auth="auth"))
    db.flush()
    written = enqueue(db, recipient=marja, event="update_posted", key="message:1",
                      candidate_id=personas.candidate, link="/c/1/messages")
    assert sorted(n.channel for n in written) == [Channel.email, Channel.push]
    # The same cause again adds nothing.
    assert enqueue(db, recipient=marja, event="update_posted", key="message:1") == []


def test_nobody_reachable_gets_no_row_and_choices_are_respected(db, personas):
    guy = db.get(Person, personas.candidate)
    guy.email = None
    before = _count(db)
    assert enqueue(db, recipient=guy, event="update_posted", key="message:2") == []
    floor = db.get(Person, personas.consultant)
    db.add(NotificationPreference(person_id=floor.id, email_enabled=False))
    db.flush()
    assert enqueue(db, recipient=floor, event="question_asked", key="message:3") == []
    assert _count(db) == before


def test_a_rolled_back_change_notifies_nobody(session_factory, personas):
    with session_factory() as session:
        floor = session.get(Person, personas.consultant)
        enqueue(session, recipient=floor, event="question_asked", key="message:rolled-back")
        session.rollback()
    with session_factory() as session:
        assert session.scalar(select(Notification.id).where(
            Notification.idempotency_key.like("message:rolled-back:%"))) is None


def test_push_waits_until_the_quiet_hours_end():
    today = local_today()
    evening = local_datetime(today, time(22, 30))
    morning = to_local(after_quiet_hours(evening, time(21, 0), time(8, 0)))
    assert (morning.date() - today).days == 1 and morning.time() == time(8, 0)
    early = local_datetime(today, time(6, 0))
    assert to_local(after_quiet_hours(early, time(21, 0), time(8, 0))).time() == time(8, 0)
    noon = local_datetime(today, time(12, 0))
    assert after_quiet_hours(noon, time(21, 0), time(8, 0)) == noon
    assert after_quiet_hours(evening, None, None) == evening


def test_cancelling_a_group_leaves_what_was_sent(db, personas):
    floor = db.get(Person, personas.consultant)
    first = enqueue(db, recipient=floor, event="appointment_reminder", key="a:1:day",
                    group_key="appointment:1:reminders")
    second = enqueue(db, recipient=floor, event="appointment_reminder", key="a:1:hours",
                     group_key="appointment:1:reminders")
    first[0].status = "sent"
    db.flush()
    assert cancel_group(db, "appointment:1:reminders") == 1
    db.refresh(second[0])
    assert second[0].status == "cancelled"
