"""The worker against a real SMTP server: what is due is delivered once with its idempotency
key and an unsubscribe link; refusals, deferrals and a server that is away are recorded,
retried with back-off, then failed and shown to staff; the worker keeps going."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import frozen, utcnow
from app.outbox.models import Channel, Notification, NotificationStatus
from app.outbox.service import enqueue
from app.outbox.unsubscribe import token_for
from app.outbox.worker import BACK_OFF
from app.people.models import Person
from tests.outbox.smtp import free_port


def _email_to(db, person_id: int, key: str, *, event: str = "question_asked",
              due_in: timedelta = timedelta(0)) -> Notification:
    person = db.get(Person, person_id)
    [notification] = [n for n in enqueue(db, recipient=person, event=event, key=key,
                                         link="/office", due_at=utcnow() + due_in)
                      if n.channel is Channel.email]
    db.commit()
    return notification


def _reload(db, notification: Notification) -> Notification:
    db.expire_all()
    return db.get(Notification, notification.id)


def test_a_due_email_is_delivered_with_its_key_both_parts_and_an_unsubscribe_link(
        db, personas, smtp, mail_settings, make_worker):
    notification = _email_to(db, personas.consultant, "test:delivered")
    summary = make_worker(mail_settings).drain()
    assert summary.sent == 1
    [mail] = smtp.collector.messages
    assert mail["To"] == "floor@almere.demo"
    assert mail["Subject"] == "Een kandidaat heeft een vraag gesteld"  # Dutch: no choice made
    assert mail["X-Stapwijzer-Id"] == notification.idempotency_key
    assert mail["Message-ID"].endswith("@stapwijzer.localhost>")
    unsubscribe = f"http://testserver/unsubscribe/{token_for(mail_settings, personas.consultant)}"
    assert mail["List-Unsubscribe"] == f"<{unsubscribe}>"
    plain = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert unsubscribe in plain and f'href="{unsubscribe}"' in html
    assert "http://testserver/office" in plain and 'href="http://testserver/office"' in html
    sent = _reload(db, notification)
    assert sent.status is NotificationStatus.sent and sent.sent_at is not None
    assert sent.locked_by is None
    # Sent is sent: a second drain sends nothing again.
    assert make_worker(mail_settings).drain().sent == 0
    assert len(smtp.collector.messages) == 1


def test_the_mail_is_in_the_recipients_language(db, personas, smtp, mail_settings, make_worker):
    floor = db.get(Person, personas.consultant)
    floor.locale = "nl"
    _email_to(db, personas.consultant, "test:dutch")
    make_worker(mail_settings).drain()
    [mail] = smtp.collector.messages
    plain = mail.get_body(("plain",)).get_content()
    assert "Wil je geen e-mails meer?" in plain
    floor.locale = "en"
    _email_to(db, personas.consultant, "test:english")
    make_worker(mail_settings).drain()
    assert "Do you want no more e-mails?" in smtp.collector.messages[1].get_body(
        ("plain",)).get_content()


def test_a_notification_not_yet_due_stays(db, personas, smtp, mail_settings, make_worker):
    later = _email_to(db, personas.consultant, "test:later", due_in=timedelta(hours=1))
    assert make_worker(mail_settings).drain().sent == 0
    assert smtp.collector.messages == []
    assert _reload(db, later).status is NotificationStatus.pending
    with frozen(utcnow() + timedelta(hours=1, seconds=1)):
        assert make_worker(mail_settings).drain().sent == 1


def test_a_refused_address_fails_at_once_and_staff_see_it_and_can_try_again(
        db, personas, smtp, mail_settings, make_worker, login_as, browser_as):
    smtp.collector.refuse.add("floor@almere.demo")
    refused = _email_to(db, personas.consultant, "test:refused")
    fine = _email_to(db, personas.backup_consultant, "test:fine")
    summary = make_worker(mail_settings).drain()
    assert (summary.failed, summary.sent) == (1, 1)  # the worker went on to the next one
    failed = _reload(db, refused)
    assert failed.status is NotificationStatus.failed and failed.attempts == 1
    assert failed.last_error == "SMTP 550: recipient refused"  # no address in it
    assert _reload(db, fine).status is NotificationStatus.sent

    problems = login_as(personas.admin).get("/api/v1/outbox/problems").json()
    [row] = [p for p in problems if p["id"] == refused.id]
    assert row["status"] == "failed" and row["recipient_name"] == "Floor de Vries"
    assert row["last_error"] == "SMTP 550: recipient refused" and row["channel"] == "email"
    assert all(p["id"] != fine.id for p in problems)
    # Floor sees her own; Ravi of Amsterdam does not.
    assert refused.id in [p["id"] for p in login_as(personas.consultant).get(
        "/api/v1/outbox/problems").json()]
    assert refused.id not in [p["id"] for p in login_as(personas.other_consultant).get(
        "/api/v1/outbox/problems").json()]
    page = browser_as(personas.admin).get("/office/notifications")
    assert page.status_code == 200
    assert "SMTP 550: recipient refused" in page.text and "Floor de Vries" in page.text

    admin = login_as(personas.admin)
    assert admin.post(f"/api/v1/outbox/problems/{refused.id}/retry").status_code == 200
    again = _reload(db, refused)
    assert again.status is NotificationStatus.pending and again.attempts == 0
    # Only a failed one can be tried again.
    assert admin.post(f"/api/v1/outbox/problems/{refused.id}/retry").status_code == 409
    smtp.collector.refuse.clear()
    assert make_worker(mail_settings).drain().sent == 1


def test_a_deferring_server_is_retried_with_back_off_then_failed(
        db, personas, smtp, mail_settings, make_worker, login_as):
    smtp.collector.defer.add("floor@almere.demo")
    deferred = _email_to(db, personas.consultant, "test:deferred")
    start = utcnow()
    with frozen(start):
        assert make_worker(mail_settings).drain().retrying == 1
    first = _reload(db, deferred)
    assert first.status is NotificationStatus.pending and first.attempts == 1
    assert first.due_at == start + BACK_OFF[0]
    assert first.last_error == "SMTP 451: recipient refused"
    [shown] = [p for p in login_as(personas.admin).get("/api/v1/outbox/problems").json()
               if p["id"] == deferred.id]
    assert (shown["status"], shown["attempts"]) == ("pending", 1)  # retrying, visible to staff
    with frozen(start + BACK_OFF[0] - timedelta(seconds=1)):  # not yet
        assert make_worker(mail_settings).drain().retrying == 0
    with frozen(start + BACK_OFF[0]):
        assert make_worker(mail_settings).drain().retrying == 1
    assert _reload(db, deferred).due_at == start + BACK_OFF[0] + BACK_OFF[1]
    with frozen(start + BACK_OFF[0] + BACK_OFF[1]):  # the third try is the last (settings)
        assert make_worker(mail_settings).drain().failed == 1
    failed = _reload(db, deferred)
    assert failed.status is NotificationStatus.failed and failed.attempts == 3
    assert smtp.collector.messages == []


def test_nothing_listening_is_retried(db, personas, mail_settings, make_worker):
    away = mail_settings.model_copy(update={"smtp_port": free_port()})
    notification = _email_to(db, personas.consultant, "test:away")
    assert make_worker(away).drain().retrying == 1
    row = _reload(db, notification)
    assert row.status is NotificationStatus.pending and row.attempts == 1
    assert row.last_error.startswith("mail server not reachable: ")
    assert row.due_at > utcnow()


def test_a_channel_without_a_sender_waits_and_a_bad_row_does_not_stop_the_rest(
        db, personas, smtp, mail_settings, make_worker):
    floor = db.get(Person, personas.consultant)
    push = Notification(idempotency_key="test:push:1", recipient_id=floor.id,
                        channel=Channel.push, event="question_asked")
    broken = Notification(idempotency_key="test:broken:1", recipient_id=floor.id,
                          channel=Channel.email, event="no_such_event")
    db.add_all([push, broken])
    db.commit()
    fine = _email_to(db, personas.backup_consultant, "test:after-broken")
    summary = make_worker(mail_settings).drain()
    assert (summary.sent, summary.retrying) == (1, 1)
    assert _reload(db, push).status is NotificationStatus.pending
    assert _reload(db, push).attempts == 0
    assert _reload(db, broken).last_error == "KeyError"  # the kind of error, no detail
    assert _reload(db, fine).status is NotificationStatus.sent


def test_an_email_for_someone_who_unsubscribed_meanwhile_is_not_sent(
        db, personas, smtp, mail_settings, make_worker, client):
    notification = _email_to(db, personas.consultant, "test:unsubscribed")
    token = token_for(mail_settings, personas.consultant)
    assert client.post(f"/unsubscribe/{token}").status_code == 200
    assert make_worker(mail_settings).drain().cancelled == 1
    assert smtp.collector.messages == []
    assert _reload(db, notification).status is NotificationStatus.cancelled


def test_the_unsubscribe_page_asks_first_then_stops_the_emails(db, personas, client, settings):
    token = token_for(settings, personas.consultant)
    floor = db.get(Person, personas.consultant)
    shown = client.get(f"/unsubscribe/{token}")
    assert shown.status_code == 200
    assert f'action="/unsubscribe/{token}"' in shown.text
    # Opening the link (as a mail scanner does) changes nothing.
    assert [n.channel for n in enqueue(db, recipient=floor, event="question_asked",
                                       key="test:before")] == [Channel.email]
    done = client.post(f"/unsubscribe/{token}")
    assert done.status_code == 200 and 'action="' not in done.text.split("<main", 1)[-1]
    db.expire_all()
    assert enqueue(db, recipient=db.get(Person, personas.consultant), event="question_asked",
                   key="test:after") == []
    # A made-up or altered token finds nothing.
    assert client.get(f"/unsubscribe/{personas.consultant}.{'0' * 32}").status_code == 404
    assert client.post(f"/unsubscribe/{token[:-1]}x").status_code == 404
    assert client.get("/unsubscribe/nonsense").status_code == 404
    assert db.scalar(select(Notification.id).where(
        Notification.idempotency_key.like("test:after%"))) is None


def test_the_log_names_ids_and_counts_never_a_person(db, personas, smtp, mail_settings,
                                                      make_worker):
    import logging

    from app.logging_setup import JsonFormatter

    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(JsonFormatter().format(record))

    outbox_logger = logging.getLogger("stapwijzer.outbox")
    handler, level = Keep(), outbox_logger.level
    outbox_logger.addHandler(handler)
    outbox_logger.setLevel(logging.INFO)
    try:
        smtp.collector.refuse.add("floor@almere.demo")
        _email_to(db, personas.consultant, "test:log-refused")
        _email_to(db, personas.backup_consultant, "test:log-sent")
        floor = db.get(Person, personas.consultant)
        db.add(Notification(idempotency_key="test:log-broken", recipient_id=floor.id,
                            channel=Channel.email, event="no_such_event"))
        db.commit()
        make_worker(mail_settings).drain()
    finally:
        outbox_logger.removeHandler(handler)
        outbox_logger.setLevel(level)
    text = "\n".join(lines)
    assert '"outcome": "sent"' in text and '"outcome": "failed"' in text
    assert '"error_type": "KeyError"' in text
    for personal in ("@", "Floor", "Sander", "vraag", "question"):
        assert personal not in text, personal


def test_an_invalid_address_fails_at_once_without_a_crash(db, personas, smtp, mail_settings,
                                                          make_worker):
    floor = db.get(Person, personas.consultant)
    floor.email = "floor@@almere"
    broken = _email_to(db, personas.consultant, "test:invalid-address")
    fine = _email_to(db, personas.backup_consultant, "test:valid-address")
    summary = make_worker(mail_settings).drain()
    assert (summary.failed, summary.sent) == (1, 1)
    row = _reload(db, broken)
    assert row.status is NotificationStatus.failed and row.last_error == "invalid e-mail address"
    assert _reload(db, fine).status is NotificationStatus.sent


def test_push_is_registered_when_its_module_is_there(monkeypatch, settings):
    import sys
    import types

    from app.outbox.email import EmailSender
    from app.outbox.senders import senders_for

    monkeypatch.setitem(sys.modules, "app.outbox.push", None)  # not built (yet)
    assert list(senders_for(settings)) == [Channel.email]
    assert isinstance(senders_for(settings)[Channel.email], EmailSender)

    class PushSender:
        def __init__(self, settings):
            self.settings = settings

    monkeypatch.setitem(sys.modules, "app.outbox.push", types.SimpleNamespace(
        PushSender=PushSender))
    assert isinstance(senders_for(settings)[Channel.push], PushSender)

    class Unconfigured:
        def __init__(self, settings):
            raise ValueError("no VAPID keys")

    monkeypatch.setitem(sys.modules, "app.outbox.push", types.SimpleNamespace(
        PushSender=Unconfigured))
    assert list(senders_for(settings)) == [Channel.email]
