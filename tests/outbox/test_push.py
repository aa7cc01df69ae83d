"""The Web Push sender against a local push service that decrypts what it receives: the
browser gets the title, body, page and id; a gone subscription is marked and, with none
left, the notification fails for good; a 5xx or no answer means try again."""

from __future__ import annotations

import base64

import pytest

from app.outbox.channels import Message, PermanentFailure, TemporaryFailure
from app.outbox.models import Channel, Notification, PushSubscription
from app.outbox.push import PushSender
from app.people.models import Person
from tests.outbox.push_receiver import PushReceiver


@pytest.fixture
def receiver():
    with PushReceiver() as receiver:
        yield receiver


def _subscribe(db, person_id, receiver, token) -> PushSubscription:
    data = receiver.subscription(token)
    subscription = PushSubscription(person_id=person_id, endpoint=data["endpoint"],
                                     p256dh=data["keys"]["p256dh"], auth=data["keys"]["auth"])
    db.add(subscription)
    db.flush()
    return subscription


def _notification(person_id) -> Notification:
    return Notification(idempotency_key=f"message:7:{person_id}:push", recipient_id=person_id,
                        channel=Channel.push, event="update_posted", link="/c/1/messages")


MESSAGE = Message(title="Nieuw bericht in Stapwijzer", body="Je contactpersoon schreef je.",
                  url="https://stapwijzer.test/c/1/messages")


def test_the_browser_receives_the_decrypted_message(db, session_factory, settings, personas,
                                                     receiver):
    guy = db.get(Person, personas.candidate)
    _subscribe(db, guy.id, receiver, "phone")
    _subscribe(db, guy.id, receiver, "laptop")
    PushSender(settings, session_factory).send(_notification(guy.id), guy, MESSAGE)

    assert sorted(d.token for d in receiver.deliveries) == ["laptop", "phone"]
    shown = receiver.deliveries[0].payload
    assert shown["title"] == MESSAGE.title and shown["body"] == MESSAGE.body
    assert shown["url"] == MESSAGE.url
    assert shown["id"] == shown["tag"] == f"message:7:{guy.id}:push"
    assert shown["icon"].startswith("/static/")
    assert set(shown) == {"id", "tag", "title", "body", "url", "icon"}  # nothing else leaks
    # Signed with the server's VAPID key (RFC 8292) and kept a while for a phone that is off.
    headers = {k.lower(): v for k, v in receiver.deliveries[0].headers.items()}
    assert headers["authorization"].startswith("vapid t=")
    assert f"k={settings.vapid_public_key}" in headers["authorization"]
    assert int(headers["ttl"]) > 0


def test_a_gone_subscription_is_marked_and_the_others_still_get_it(db, session_factory,
                                                                   settings, personas, receiver):
    guy = db.get(Person, personas.candidate)
    old = _subscribe(db, guy.id, receiver, "old-phone")
    _subscribe(db, guy.id, receiver, "new-phone")
    receiver.answer("old-phone", 410)
    PushSender(settings, session_factory).send(_notification(guy.id), guy, MESSAGE)
    db.refresh(old)
    assert old.gone_at is not None
    assert [d.token for d in receiver.deliveries] == ["new-phone"]


def test_with_every_subscription_gone_the_notification_fails_for_good(db, session_factory,
                                                                      settings, personas,
                                                                      receiver):
    guy = db.get(Person, personas.candidate)
    only = _subscribe(db, guy.id, receiver, "phone")
    receiver.answer("phone", 404)
    sender = PushSender(settings, session_factory)
    with pytest.raises(PermanentFailure):
        sender.send(_notification(guy.id), guy, MESSAGE)
    db.refresh(only)
    assert only.gone_at is not None
    requests_before = receiver.requests
    with pytest.raises(PermanentFailure):  # and nothing is posted to a gone one again
        sender.send(_notification(guy.id), guy, MESSAGE)
    assert receiver.requests == requests_before


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_failing_push_service_means_try_again(db, session_factory, settings, personas,
                                                receiver, status):
    guy = db.get(Person, personas.candidate)
    subscription = _subscribe(db, guy.id, receiver, "phone")
    receiver.answer("phone", status)
    with pytest.raises(TemporaryFailure):
        PushSender(settings, session_factory).send(_notification(guy.id), guy, MESSAGE)
    db.refresh(subscription)
    assert subscription.gone_at is None


def test_an_unreachable_push_service_means_try_again(db, session_factory, settings, personas):
    guy = db.get(Person, personas.candidate)
    with PushReceiver() as closed:
        data = closed.subscription("phone")
    db.add(PushSubscription(person_id=guy.id, endpoint=data["endpoint"],
                            p256dh=data["keys"]["p256dh"], auth=data["keys"]["auth"]))
    db.flush()
    with pytest.raises(TemporaryFailure):
        PushSender(settings, session_factory).send(_notification(guy.id), guy, MESSAGE)


def test_the_public_key_belongs_to_the_private_key(settings):
    raw = base64.urlsafe_b64decode(settings.vapid_public_key + "==")
    assert len(raw) == 65 and raw[0] == 4
    assert db_free_roundtrip(settings)


def db_free_roundtrip(settings) -> bool:
    from py_vapid import Vapid

    vapid = Vapid.from_raw(settings.vapid_private_key.encode())
    headers = vapid.sign({"sub": settings.vapid_subject, "aud": "https://push.example"})
    return settings.vapid_public_key in headers["Authorization"]
