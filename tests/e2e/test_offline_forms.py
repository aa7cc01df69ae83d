"""Offline never fails a person: every form that writes, tried without internet, stays on the
page and either waits for the connection ("Wacht op internet", then sent once) or says in plain
words that it needs internet (nothing sent, nothing lost); the offline note says on which day
and at what time the page was last updated."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_until
from tests.e2e.test_pwa import count_messages, sign_in, wait_for_service_worker

pytestmark = pytest.mark.e2e

REFUSED = "Dit kan alleen met internet. Probeer het later opnieuw."
DUTCH_DAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"


def asked(live_server, candidate_id: int, body: str) -> int:
    """How many of the candidate's messages say exactly this (other tests' messages on the
    shared server do not count)."""
    from sqlalchemy import func, select

    from app.db import unit_of_work
    from app.messages.models import Message

    with unit_of_work(live_server.session_factory) as session:
        return session.scalar(select(func.count()).select_from(Message).where(
            Message.candidate_id == candidate_id, Message.body == body))


@pytest.fixture(autouse=True)
def guys_settings_kept(live_server):
    """The forms sent here may save Guy's settings (his language among them); put them back,
    so other browser tests on this server see the defaults."""
    from sqlalchemy import select

    from app.db import unit_of_work
    from app.people.models import Person, Role

    yield
    with unit_of_work(live_server.session_factory) as session:
        for person in session.scalars(select(Person).where(
                Person.role == Role.candidate, Person.display_name == "Guy Visser")):
            person.locale = None


def try_every_form_offline(page: Page) -> int:
    """Press the button of every visible form that writes; each one stays on the page with the
    plain message (or the message form's own). Returns how many forms were tried."""
    url = page.url
    forms = page.locator("form[method=post]")
    tried = 0
    for index in range(forms.count()):
        form = forms.nth(index)
        button = form.locator("[type=submit]").first
        if not button.is_visible():
            continue
        fields = form.locator("textarea[required], input[required]:not([type=checkbox])")
        for field in range(fields.count()):
            if not fields.nth(field).input_value():
                fields.nth(field).fill("Marja@example.nl" if "mail" in (
                    fields.nth(field).get_attribute("type") or "") else "Marja de Boer")
        button.click()
        if form.get_attribute("data-offline-queue") is not None:
            expect(form.locator("[data-queued]")).to_have_text(re.compile("^Wacht op internet"))
            tried += 1
            continue
        alert = form.get_by_role("alert")
        expect(alert).to_have_count(1)
        expect(alert).to_have_text(re.compile(r"internet"))
        if form.get_attribute("data-needs-network") is None:
            expect(alert).to_have_text(REFUSED)
        assert page.url == url
        tried += 1
    return tried


def test_every_form_refuses_offline_in_plain_words(live_server, new_context):
    context = new_context()
    page, candidate_id = sign_in(live_server, context)
    before = count_messages(live_server, candidate_id)
    appointment = page.get_by_role("link", name="Bekijk de afspraak").get_attribute("href")
    paths = [f"/c/{candidate_id}/messages", f"/c/{candidate_id}/network", "/settings",
             appointment]
    tried = {}
    for path in paths:
        page.goto(live_server.url + path)
        revoke_buttons = page.locator("form[action$=revoke] [type=submit]").count()
        context.set_offline(True)
        wait_until(page, "navigator.onLine === false")
        tried[path] = try_every_form_offline(page)
        context.set_offline(False)
        wait_until(page, "navigator.onLine === true")
        # What waited is sent now, and the person sees so.
        wait_until(page, "() => (localStorage.getItem('stapwijzer-outbox') || '[]') === '[]'")
        for note in page.locator("[data-queued]").all():
            expect(note).to_have_text("Verstuurd. Je hebt weer internet.")
        page.reload()
        # Nothing was sent: a revoke tried offline left every member in place.
        assert page.locator("form[action$=revoke] [type=submit]").count() == revoke_buttons
    assert all(tried.values()), tried
    assert sum(tried.values()) >= 8, tried
    # The question and "I can't come", queued offline, each arrived exactly once.
    assert count_messages(live_server, candidate_id) == before + 2

    # Back online the same form simply works.
    page.goto(live_server.url + "/settings")
    page.locator("form[action$='/settings'] [type=submit], form[method=post]").first.locator(
        "[type=submit]").first.click()
    expect(page.get_by_role("alert")).to_have_count(0)


def test_the_offline_note_shows_the_day_and_time(live_server, new_context):
    context = new_context()
    page, _ = sign_in(live_server, context)
    wait_for_service_worker(page)
    page.reload()
    context.set_offline(True)
    page.reload()
    note = page.locator(".offline-note")
    expect(note).to_be_visible()
    expect(note).to_have_text(re.compile(
        rf"^Je bent offline\. Laatst bijgewerkt op ({DUTCH_DAYS}) \d{{1,2}} \w+"
        r" om \d{2}:\d{2}\.$"))


def test_a_queued_question_survives_reopening_the_page_offline(live_server, new_context):
    context = new_context()
    page, candidate_id = sign_in(live_server, context)
    wait_for_service_worker(page)
    messages = f"{live_server.url}/c/{candidate_id}/messages"
    page.goto(messages)  # saved by the worker for offline use
    question = "Kan de afspraak een uur later?"
    context.set_offline(True)
    wait_until(page, "navigator.onLine === false")
    page.get_by_label("Je vraag").fill(question)
    page.get_by_role("button", name="Verstuur").click()
    expect(page.locator("form [data-queued]")).to_have_text(re.compile("^Wacht op internet"))

    page.reload()  # from the worker's copy: what waits is still shown
    waiting = page.locator("main > [data-queued]")
    expect(waiting).to_have_text(re.compile("^Wacht op internet"))
    assert asked(live_server, candidate_id, question) == 0  # nothing sent while offline

    context.set_offline(False)
    expect(waiting).to_have_text("Verstuurd. Je hebt weer internet.")
    assert asked(live_server, candidate_id, question) == 1  # sent once


def test_a_form_sent_when_the_connection_is_gone_gets_the_plain_message(live_server,
                                                                        new_context):
    """The page still thinks it is online (a lost connection the phone has not noticed): the
    service worker answers the failed send with the plain message, not the browser's error."""
    context = new_context()
    page, _ = sign_in(live_server, context)
    wait_for_service_worker(page)
    page.goto(live_server.url + "/settings")
    context.set_offline(True)
    page.evaluate("Object.defineProperty(navigator, 'onLine', {get: () => true})")
    page.locator("form[method=post] [type=submit]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen internet")
    expect(page.get_by_text(REFUSED)).to_be_visible()
    expect(page.get_by_role("link", name="Naar de startpagina")).to_be_visible()


def test_a_queued_question_the_server_refuses_comes_back_into_the_form(live_server,
                                                                       new_context):
    context = new_context()
    page, candidate_id = sign_in(live_server, context)
    page.goto(f"{live_server.url}/c/{candidate_id}/messages")
    before = count_messages(live_server, candidate_id)
    question = "Wie haalt mij op bij de bus?"
    context.set_offline(True)
    wait_until(page, "navigator.onLine === false")
    page.get_by_label("Je vraag").fill(question)
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_label("Je vraag")).to_have_value("")
    # The session's form token went stale while waiting: the server refuses the send.
    page.evaluate("""() => {
      const items = JSON.parse(localStorage.getItem('stapwijzer-outbox'));
      items[0].body = items[0].body.map(([k, v]) => [k, k === 'csrf_token' ? 'stale' : v]);
      localStorage.setItem('stapwijzer-outbox', JSON.stringify(items));
    }""")
    context.set_offline(False)
    # The send waits for the browser's "online" event: allow a busy machine some time.
    expect(page.locator("form [data-queued]")).to_have_text(
        "Dit is niet gelukt. Probeer het opnieuw.", timeout=30_000)
    expect(page.get_by_label("Je vraag")).to_have_value(question)
    assert count_messages(live_server, candidate_id) == before
