"""Notifications in a real browser: the settings page explains them first, the browser is asked
only when the person presses "Meldingen aanzetten", the page stores the subscription for the
signed-in person, and the service worker shows a push with its id as tag.

Headless Chromium cannot make a real push subscription: `pushManager.subscribe` answers
"Registration failed - permission denied" even with the permission granted (Debian's Chromium
has no Google push service to register with, and no network here). So the test replaces only
that one call with a stand-in that returns a subscription of a local push service whose keys
the test holds; everything else (permission prompt, the script, the API, the worker's push
handler) is the real thing, and the server's sender delivers to that subscription."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.db import unit_of_work
from app.outbox.channels import Message
from app.outbox.models import Channel, Notification, PushSubscription
from app.outbox.push import PushSender
from app.people.models import Person
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_pwa import sign_in
from tests.outbox.push_receiver import PushReceiver

pytestmark = pytest.mark.e2e

# Counts permission prompts; pushManager.subscribe hands back the test's subscription and
# records the applicationServerKey it was given.
STAND_IN = """
(() => {
  window.__push = {asked: 0, key: null};
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = (...args) => { window.__push.asked++; return ask(...args); };
  let current = null;
  PushManager.prototype.subscribe = async function (options) {
    const key = new Uint8Array(options.applicationServerKey);
    window.__push.key = btoa(String.fromCharCode(...key)).replace(/\\+/g, "-")
      .replace(/\\//g, "_").replace(/=+$/, "");
    const data = SUBSCRIPTION;
    current = {endpoint: data.endpoint, toJSON: () => data,
               unsubscribe: async () => { current = null; return true; }};
    return current;
  };
  PushManager.prototype.getSubscription = async function () { return current; };
})();
"""


def test_notifications_are_turned_on_only_after_the_explanation_and_a_press(
        live_server, new_context, axe):
    with PushReceiver() as receiver:
        subscription = receiver.subscription("guys-phone")
        context = new_context()
        context.grant_permissions(["notifications"], origin=live_server.url)
        context.add_init_script(STAND_IN.replace("SUBSCRIPTION", json.dumps(subscription)))
        page, guy = sign_in(live_server, context)
        page.goto(f"{live_server.url}/settings")

        section = page.locator("#notifications")
        explanation = section.get_by_text("Een melding is een kort bericht")
        button = section.get_by_role("button", name="Meldingen aanzetten")
        expect(explanation).to_be_visible()
        expect(button).to_be_visible()
        assert explanation.bounding_box()["y"] < button.bounding_box()["y"]
        assert page.evaluate("window.__push.asked") == 0  # never asked on page load
        assert_accessible(axe, page)
        assert_no_horizontal_scroll(page)

        button.click()
        expect(section.get_by_role("status")).to_have_text(
            "Meldingen staan aan op dit apparaat.")
        expect(section.get_by_role("button", name="Meldingen uitzetten")).to_be_visible()
        assert page.evaluate("window.__push.asked") == 1
        assert page.evaluate("window.__push.key") == live_server.settings.vapid_public_key

        with unit_of_work(live_server.session_factory) as session:
            row = session.scalar(select(PushSubscription).where(
                PushSubscription.endpoint == subscription["endpoint"]))
            assert row is not None and row.person_id == guy and row.gone_at is None
            person = session.get(Person, guy)
            session.expunge(person)

        # The server's sender reaches the subscription the page stored; the push service
        # decrypts what a browser would show.
        notification = Notification(idempotency_key=f"e2e:{guy}:push", recipient_id=guy,
                                    channel=Channel.push, event="update_posted",
                                    link=f"/c/{guy}/messages")
        message = Message(title="Nieuw bericht in Stapwijzer", body="Open Stapwijzer.",
                          url=f"{live_server.url}/c/{guy}/messages")
        PushSender(live_server.settings, live_server.session_factory).send(
            notification, person, message)
        [delivery] = receiver.deliveries
        assert delivery.payload["title"] == message.title
        assert delivery.payload["id"] == f"e2e:{guy}:push"

        # Turning it off removes the subscription on the server too.
        section.get_by_role("button", name="Meldingen uitzetten").click()
        expect(section.get_by_role("button", name="Meldingen aanzetten")).to_be_visible()
        with unit_of_work(live_server.session_factory) as session:
            assert session.scalar(select(PushSubscription.id).where(
                PushSubscription.endpoint == subscription["endpoint"])) is None


def test_a_refused_permission_stores_nothing_and_says_so(live_server, new_context):
    context = new_context()  # no permission granted: headless Chromium refuses
    context.add_init_script(STAND_IN.replace("SUBSCRIPTION", json.dumps(
        {"endpoint": "https://push.example.test/send/refused", "keys": {}})))
    page, _guy = sign_in(live_server, context)
    page.goto(f"{live_server.url}/settings")
    page.locator("#notifications").get_by_role("button", name="Meldingen aanzetten").click()
    expect(page.locator("#notifications").get_by_text(
        "Je browser blokkeert meldingen van Stapwijzer.", exact=False)).to_be_visible()
    with unit_of_work(live_server.session_factory) as session:
        assert session.scalar(select(PushSubscription.id).where(
            PushSubscription.endpoint == "https://push.example.test/send/refused")) is None


def test_the_service_worker_shows_a_push_with_its_id_as_tag(live_server, new_context):
    context = new_context()
    context.grant_permissions(["notifications"], origin=live_server.url)
    page, guy = sign_in(live_server, context)
    page.goto(f"{live_server.url}/settings")
    page.evaluate("navigator.serviceWorker.ready")
    cdp = context.new_cdp_session(page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: registrations.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(300)
    [registration_id] = {r["registrationId"] for r in registrations if not r["isDeleted"]}
    payload = {"id": "message:9:5:push", "tag": "message:9:5:push", "title": "Nieuw bericht",
               "body": "Open Stapwijzer.", "url": "/settings#notifications",
               "icon": "/static/icon-192.png"}
    for _ in range(2):  # the same notification twice: one on the screen
        cdp.send("ServiceWorker.deliverPushMessage", {
            "origin": live_server.url, "registrationId": registration_id,
            "data": json.dumps(payload)})
    page.wait_for_timeout(500)
    shown = page.evaluate("""async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map(
        (n) => ({title: n.title, body: n.body, tag: n.tag, icon: n.icon, url: n.data.url}));
    }""")
    assert shown == [{"title": "Nieuw bericht", "body": "Open Stapwijzer.",
                      "tag": "message:9:5:push", "icon": f"{live_server.url}/static/icon-192.png",
                      "url": "/settings#notifications"}]
