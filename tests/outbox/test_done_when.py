"""Issue 10's "done when", with the demo personas and every real part: Floor plans an appointment
for tomorrow, Guy's subscribed browser gets the push and Marja (who chose e-mail) the mail; Guy
asks a question, one `worker --once` drain mails Floor and the caseload shows it waiting; Floor
answers, Guy sees it under his question and is told.

Guy turns his quiet hours off: with the default ones (21:00 to 08:00) a run in the evening
rightly holds his pushes until the morning; tests/outbox/test_enqueue.py covers that wait."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from app.clock import local_datetime, local_today
from app.outbox.email import EmailSender
from app.outbox.models import Channel
from app.outbox.push import PushSender
from app.outbox.worker import Worker
from app.people.models import Person
from tests.outbox.push_receiver import PushReceiver


@pytest.fixture
def receiver():
    with PushReceiver() as receiver:
        yield receiver


def _drain(session_factory, settings) -> None:
    senders = {Channel.email: EmailSender(settings),
               Channel.push: PushSender(settings, session_factory)}
    Worker(session_factory, settings, senders).drain()


def _choose(client, *, email_enabled: bool, push_enabled: bool) -> None:
    """A first choice of channels, with both reminders and no quiet hours."""
    chose = client.put("/api/v1/me/notification-preferences", headers={"If-Match": 'W/"0"'},
                       json={"email_enabled": email_enabled, "push_enabled": push_enabled,
                             "remind_day_before": True, "remind_hours_before": 2,
                             "quiet_from": None, "quiet_until": None})
    assert chose.status_code == 200, chose.text


def test_reminders_reach_people_and_the_conversation_closes(
        db, session_factory, mail_settings, smtp, receiver, personas, login_as):
    guy = login_as(personas.candidate, **{"Accept-Language": "nl"})
    floor = login_as(personas.consultant, **{"Accept-Language": "nl"})
    marja = login_as(personas.parent, **{"Accept-Language": "nl"})
    # Guy turns on notifications in his browser; Marja wants e-mail only.
    assert guy.post("/api/v1/me/push-subscriptions",
                    json=receiver.subscription("guys-phone")).status_code == 201
    _choose(guy, email_enabled=False, push_enabled=True)
    mother = db.get(Person, personas.parent)
    mother.email = "marja@example.test"
    db.commit()
    _choose(marja, email_enabled=True, push_enabled=False)

    tomorrow = local_today() + timedelta(days=1)
    planned = floor.post(f"/api/v1/candidates/{personas.candidate}/appointments", json={
        "title": "Gesprek over je proefplaatsing",
        "starts_at": local_datetime(tomorrow, time(10)).isoformat(),
        "ends_at": local_datetime(tomorrow, time(11)).isoformat()})
    assert planned.status_code == 201, planned.text
    _drain(session_factory, mail_settings)
    pushed = [d.payload for d in receiver.deliveries if d.token == "guys-phone"]
    assert pushed and all("proefplaatsing" not in p["title"] for p in pushed)
    assert pushed[0]["url"].endswith(
        f"/c/{personas.candidate}/appointments/{planned.json()['id']}"), pushed[0]["url"]
    to_marja = [m for m in smtp.collector.messages if m["To"] == "marja@example.test"]
    assert to_marja and "afspraak" in str(to_marja[0]["Subject"]).lower()

    # Guy asks; one drain mails Floor; the caseload shows the question waiting.
    asked = guy.post(f"/api/v1/candidates/{personas.candidate}/messages",
                     json={"body": "Moet ik morgen mijn rooster meenemen?"})
    assert asked.status_code == 201, asked.text
    before = len(smtp.collector.messages)
    _drain(session_factory, mail_settings)
    to_floor = [m for m in smtp.collector.messages[before:]
                if m["To"] == db.get(Person, personas.consultant).email]
    assert len(to_floor) == 1
    assert "rooster" not in str(to_floor[0]["Subject"])  # details stay inside the app
    row = next(item for item in floor.get("/api/v1/caseload").json()["items"]
               if item["candidate_id"] == personas.candidate)
    assert row["waiting_questions"] == 1

    # Floor answers: Guy reads it under his question and his browser is told.
    pushes_before = len(receiver.deliveries)
    answered = floor.post(f"/api/v1/candidates/{personas.candidate}/messages/"
                          f"{asked.json()['id']}/answer", json={"body": "Ja, graag."})
    assert answered.status_code == 201, answered.text
    mine = next(m for m in guy.get(f"/api/v1/candidates/{personas.candidate}/messages").json()
                if m["id"] == asked.json()["id"])
    assert [a["body"] for a in mine["answers"]] == ["Ja, graag."]
    _drain(session_factory, mail_settings)
    told = [d.payload for d in receiver.deliveries[pushes_before:] if d.token == "guys-phone"]
    assert told and "Floor" in told[0]["title"] + told[0]["body"]
    row = next(item for item in floor.get("/api/v1/caseload").json()["items"]
               if item["candidate_id"] == personas.candidate)
    assert row["waiting_questions"] == 0
