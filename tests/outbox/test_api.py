"""The notification API: a browser subscribes for the signed-in person only (candidates,
network members and staff alike); each person sets their own channels, reminder times and
quiet hours, with If-Match versions and a 422 in their language that stores nothing."""

from __future__ import annotations

from datetime import time

from sqlalchemy import func, select

from app.clock import local_datetime, local_today, to_local
from app.outbox.models import Channel, NotificationPreference, PushSubscription
from app.outbox.service import enqueue
from app.people.models import Person
from tests.outbox.push_receiver import BrowserKeys

URL = "/api/v1/me/push-subscriptions"
CHOICES_URL = "/api/v1/me/notification-preferences"
CHOICES = {"email_enabled": True, "push_enabled": True, "remind_day_before": False,
           "remind_hours_before": 3, "quiet_from": "22:00", "quiet_until": "07:30"}


def _browser(name: str) -> dict:
    keys = BrowserKeys()
    return {"endpoint": f"https://push.example.test/send/{name}", "expirationTime": None,
            "keys": {"p256dh": keys.p256dh, "auth": keys.auth}}


def _subscriptions(db, endpoint):
    return list(db.scalars(select(PushSubscription).where(PushSubscription.endpoint == endpoint)))


def test_a_browser_subscribes_for_the_signed_in_person_once(login_as, personas, db):
    guy = login_as(personas.candidate)
    browser = _browser("guys-phone")
    assert guy.post(URL, json=browser).status_code == 201
    renewed = {**browser, "keys": _browser("x")["keys"]}
    assert guy.post(URL, json=renewed).status_code == 201
    [row] = _subscriptions(db, browser["endpoint"])
    assert row.person_id == personas.candidate and row.p256dh == renewed["keys"]["p256dh"]
    # A person id in the body is ignored: one subscribes only oneself.
    other = {**_browser("sneaky"), "person_id": personas.consultant}
    assert guy.post(URL, json=other).status_code == 201
    assert _subscriptions(db, other["endpoint"])[0].person_id == personas.candidate


def test_network_members_and_consultants_subscribe_too(login_as, personas, db):
    for person_id, name in ((personas.parent, "marja"), (personas.consultant, "floor")):
        browser = _browser(name)
        assert login_as(person_id).post(URL, json=browser).status_code == 201
        assert _subscriptions(db, browser["endpoint"])[0].person_id == person_id


def test_a_gone_subscription_comes_back_when_the_browser_subscribes_again(login_as, personas,
                                                                          db):
    browser = _browser("guys-phone")
    guy = login_as(personas.candidate)
    guy.post(URL, json=browser)
    [row] = _subscriptions(db, browser["endpoint"])
    row.gone_at = row.created_at
    db.commit()
    guy.post(URL, json=browser)
    db.refresh(row)
    assert row.gone_at is None


def test_bad_subscriptions_are_refused_and_nothing_is_stored(login_as, personas, db):
    guy = login_as(personas.candidate, **{"Accept-Language": "nl"})
    before = db.scalar(select(func.count()).select_from(PushSubscription))
    for bad in ({**_browser("a"), "endpoint": "ftp://push.example.test/a"},
                {**_browser("b"), "endpoint": "http://push.example.test/b"},  # not https
                {**_browser("c"), "keys": {"p256dh": "Bshort-key-that-is-not-a-point",
                                           "auth": "AAAAAAAAAAAAAAAAAAAAAA"}},
                {**_browser("d"), "keys": {"p256dh": _browser("e")["keys"]["p256dh"],
                                           "auth": "tooshort"}},
                {"endpoint": "https://push.example.test/f"}):
        response = guy.post(URL, json=bad)
        assert response.status_code == 422, bad
        assert response.headers["content-type"].startswith("application/problem+json")
    assert db.scalar(select(func.count()).select_from(PushSubscription)) == before


def test_only_ones_own_browser_can_be_removed(login_as, personas, db):
    browser = _browser("guys-phone")
    login_as(personas.candidate).post(URL, json=browser)
    floor = login_as(personas.consultant)
    assert floor.request("DELETE", URL, json={"endpoint": browser["endpoint"]}).status_code == 404
    assert _subscriptions(db, browser["endpoint"])
    guy = login_as(personas.candidate)
    assert guy.request("DELETE", URL, json={"endpoint": browser["endpoint"]}).status_code == 204
    db.expire_all()
    assert not _subscriptions(db, browser["endpoint"])


def test_the_public_key_is_the_servers_vapid_key(login_as, personas, settings):
    response = login_as(personas.candidate).get("/api/v1/push/public-key")
    assert response.json() == {"public_key": settings.vapid_public_key}


def test_the_defaults_until_a_person_chooses(login_as, personas):
    response = login_as(personas.candidate).get(CHOICES_URL)
    assert response.headers["ETag"] == 'W/"0"'
    assert response.json() == {"email_enabled": True, "push_enabled": True,
                               "remind_day_before": True, "remind_hours_before": 2,
                               "quiet_from": "21:00:00", "quiet_until": "08:00:00", "version": 0}


def test_choices_are_stored_with_versions(login_as, personas, db):
    guy = login_as(personas.candidate)
    assert guy.put(CHOICES_URL, json=CHOICES).status_code == 428
    saved = guy.put(CHOICES_URL, json=CHOICES, headers={"If-Match": 'W/"0"'})
    assert saved.status_code == 200 and saved.headers["ETag"] == 'W/"1"'
    assert saved.json()["quiet_from"] == "22:00:00" and saved.json()["remind_day_before"] is False
    # A second tab with the old version does not overwrite it.
    stale = guy.put(CHOICES_URL, json={**CHOICES, "push_enabled": False},
                    headers={"If-Match": 'W/"0"'})
    assert stale.status_code == 412
    no_quiet = guy.put(CHOICES_URL, json={**CHOICES, "quiet_from": None, "quiet_until": None},
                       headers={"If-Match": 'W/"1"'})
    assert no_quiet.status_code == 200 and no_quiet.json()["quiet_from"] is None
    stored = db.scalar(select(NotificationPreference).where(
        NotificationPreference.person_id == personas.candidate))
    assert stored.push_enabled and stored.quiet_from is None and stored.remind_hours_before == 3


def test_bad_choices_get_a_dutch_422_and_nothing_is_stored(login_as, personas, db):
    guy = login_as(personas.candidate, **{"Accept-Language": "nl"})
    bad_ones = [({**CHOICES, "quiet_until": None}, "quiet_until", "Vul"),
                ({**CHOICES, "quiet_until": "22:00"}, "quiet_until", "eindtijd"),
                ({**CHOICES, "remind_hours_before": 0}, "remind_hours_before", None),
                ({**CHOICES, "quiet_from": "25:00"}, "quiet_from", None)]
    for body, field, dutch in bad_ones:
        response = guy.put(CHOICES_URL, json=body, headers={"If-Match": 'W/"0"'})
        assert response.status_code == 422, body
        [param] = [p for p in response.json()["invalid_params"] if p["name"].endswith(field)]
        if dutch:
            assert dutch in param["reason"]
    assert db.scalar(select(NotificationPreference).where(
        NotificationPreference.person_id == personas.candidate)) is None


def test_push_waits_for_the_end_of_the_persons_own_quiet_hours(login_as, personas, db):
    login_as(personas.candidate).put(CHOICES_URL, json=CHOICES, headers={"If-Match": 'W/"0"'})
    guy = db.get(Person, personas.candidate)
    guy.email = "guy@example.test"
    db.add(PushSubscription(person_id=guy.id, endpoint="https://push.example.test/send/g",
                            p256dh=BrowserKeys().p256dh, auth=BrowserKeys().auth))
    db.flush()
    late = local_datetime(local_today(), time(23, 15))
    written = {n.channel: n for n in enqueue(db, recipient=guy, event="update_posted",
                                             key="message:late", due_at=late)}
    assert to_local(written[Channel.email].due_at) == late  # e-mail waits in the mailbox
    pushed = to_local(written[Channel.push].due_at)
    assert pushed.time() == time(7, 30) and (pushed.date() - late.date()).days == 1


def test_signing_out_everywhere_ends_the_notifications_of_every_device(login_as, personas, db):
    guy = login_as(personas.candidate)
    for name in ("phone", "tablet"):
        assert guy.post(URL, json=_browser(f"guys-{name}")).status_code == 201
    floor_browser = _browser("floors-laptop")
    login_as(personas.consultant).post(URL, json=floor_browser)
    assert guy.post("/api/v1/me/sessions/revoke-all").status_code == 204
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(PushSubscription).where(
        PushSubscription.person_id == personas.candidate)) == 0
    assert _subscriptions(db, floor_browser["endpoint"])  # nobody else's


def test_the_data_export_holds_ones_choices_and_browsers_but_not_their_keys(login_as, personas):
    guy = login_as(personas.candidate)
    browser = _browser("guys-phone")
    guy.post(URL, json=browser)
    guy.put(CHOICES_URL, json=CHOICES, headers={"If-Match": 'W/"0"'})
    data = guy.get("/api/v1/me/export").json()
    assert data["notification_preferences"][0]["quiet_from"] == "22:00:00"
    [subscription] = data["push_subscriptions"]
    assert subscription["endpoint"] == browser["endpoint"]
    assert "auth" not in subscription and browser["keys"]["auth"] not in str(data)
    assert "notifications" in data
