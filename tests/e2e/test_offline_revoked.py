"""A family member whose access ended keeps nothing of the candidate's file on her phone: not
the saved pages, not a question she queued offline (which is never sent for someone else)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app.db import unit_of_work
from app.messages.models import Message
from app.network.models import NetworkGrant
from app.people.models import Person
from tests.e2e.conftest import redeem_demo_link, wait_until
from tests.e2e.test_pwa import wait_for_service_worker

pytestmark = pytest.mark.e2e

SAVED_PAGES = ("caches.keys().then(async (names) => (await Promise.all(names.filter((n) => "
               "n.includes('pages')).map(async (n) => (await (await caches.open(n)).keys())"
               ".length))).reduce((a, b) => a + b, 0))")
# Waits (inside the page, up to 10 s) until the worker has dropped every saved page. Not
# wait_for_function: it takes the promise itself for a truthy answer.
NO_SAVED_PAGES = ("async () => { for (let i = 0; i < 200; i++) { if ((await " + SAVED_PAGES +
                  ") === 0) return true; await new Promise((r) => setTimeout(r, 50)); } "
                  "return false; }")
QUESTION = "Vraag van een telefoon die niet meer mag meekijken"
OUTBOX = "JSON.parse(localStorage.getItem('stapwijzer-outbox') || '[]')"


def sign_in(page: Page, link: str) -> int:
    redeem_demo_link(page, link)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return int(re.search(r"/c/(\d+)", page.content()).group(1))


def stored_questions(live_server, text: str) -> int:
    with unit_of_work(live_server.session_factory) as session:
        return session.scalar(select(func.count()).select_from(Message)
                              .where(Message.body == text))


def shows_nothing_of_the_file(page: Page, url: str) -> None:
    """Offline: the page is not there (the worker's "Geen internet", or the browser's own
    error once Clear-Site-Data removed the worker too), and nothing of Guy's file shows."""
    try:
        response = page.goto(url)
    except PlaywrightError as error:
        # The browser's own offline page (Playwright names it one way or the other).
        assert "ERR_INTERNET_DISCONNECTED" in str(error) or "chrome-error://" in str(error)
        # Chromium shows its error page after goto gave up: wait for it, or it cuts the next
        # navigation short.
        page.wait_for_url(re.compile(r"^chrome-error://"))
        return
    assert response.status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen internet")
    for text in ("Guy", "Werkplaats", "stappen"):
        expect(page.get_by_text(re.compile(text))).to_have_count(0)


def person_id(live_server, name: str) -> int:
    with unit_of_work(live_server.session_factory) as session:
        return session.scalar(select(Person.id).where(Person.display_name == name))


def _restore_marja(live_server, marja_id: int) -> None:
    """The shared server's other tests need Marja looking along again."""
    with unit_of_work(live_server.session_factory) as session:
        for grant in session.scalars(select(NetworkGrant).where(
                NetworkGrant.member_id == marja_id, NetworkGrant.revoked_at.is_not(None))):
            grant.revoked_at = None


def test_a_revoked_mothers_phone_forgets_the_file(live_server, new_context):
    links = live_server.demo_links()
    guy = new_context().new_page()
    guy_id = sign_in(guy, links["candidate"])
    phone = new_context()
    marja = phone.new_page()
    sign_in(marja, links["parent"])
    wait_for_service_worker(marja)
    marja_id = person_id(live_server, "Marja Visser")
    file = f"{live_server.url}/c/{guy_id}"
    steps, guarantee, messages = f"{file}/steps", f"{file}/guarantee", f"{file}/messages"
    try:
        # Marja looks along; the pages are kept for offline use on her phone.
        marja.goto(guarantee)
        expect(marja.get_by_text("De Werkplaats Almere").first).to_be_visible()
        marja.goto(messages)
        marja.goto(steps)
        expect(marja.get_by_role("heading", level=1)).to_contain_text("Guy")
        assert marja.evaluate(SAVED_PAGES) >= 3
        phone.set_offline(True)
        marja.reload()
        expect(marja.get_by_role("heading", level=1)).to_contain_text("Guy")
        # Offline she writes a question: it waits in the phone's queue.
        marja.goto(messages)
        wait_until(marja, "navigator.onLine === false")
        marja.get_by_label("Je vraag").fill(QUESTION)
        marja.get_by_role("button", name="Verstuur").click()
        expect(marja.locator("form [data-queued]")).to_be_visible()
        assert marja.evaluate(f"{OUTBOX}.length") == 1

        # Guy stops her looking along.
        guy.goto(f"{file}/network")
        guy.get_by_role("link", name="Stop het meekijken van Marja Visser").click()
        guy.get_by_role("button", name="Ja, stop het meekijken").click()
        marjas_card = guy.locator("section.grant", has_text="Marja Visser")
        expect(marjas_card.get_by_text("Mag niet meer meekijken")).to_be_visible()

        # Her phone is online once. The page sends her queued question at once: it is
        # refused, and the phone is told to forget. The next page still says why.
        phone.set_offline(False)
        wait_until(marja, f"() => {OUTBOX}.length === 0")
        response = marja.goto(steps)
        assert response.status == 403
        expect(marja.get_by_text("Guy heeft besloten dat je niet meer meekijkt.")).to_be_visible()
        assert marja.evaluate(NO_SAVED_PAGES)

        phone.set_offline(True)
        shows_nothing_of_the_file(marja, steps)
        shows_nothing_of_the_file(marja, guarantee)
        shows_nothing_of_the_file(marja, messages)
        phone.set_offline(False)
        assert stored_questions(live_server, QUESTION) == 0

        # Guy undoes it (the shared demo needs Marja); her phone stays signed out.
        marjas_card.get_by_role("button", name=re.compile("Ongedaan maken")).click()
        expect(marjas_card.get_by_text("Mag niet meer meekijken")).to_have_count(0)
        assert marja.goto(steps).status in (401, 403)
    finally:
        _restore_marja(live_server, marja_id)


def test_a_queued_write_is_never_sent_for_the_next_person(live_server, new_context):
    """Someone else's question still waiting on this phone (her access ended before it went
    out) is dropped, not sent with the next person's session nor put in their form."""
    phone = new_context()
    page = phone.new_page()
    guy_id = sign_in(page, live_server.demo_links()["candidate"])
    messages = f"{live_server.url}/c/{guy_id}/messages"
    page.goto(messages)
    ask = page.locator("form[data-needs-network]")
    action = live_server.url + ask.get_attribute("action")
    csrf = ask.locator("input[name=csrf_token]").get_attribute("value")
    # Marja's, with a token that would even pass: only the owner check keeps it from going out.
    queued = [{"action": action, "key": "someone-else-1",
               "owner": str(person_id(live_server, "Marja Visser")),
               "body": [["csrf_token", csrf], ["body", QUESTION + " (2)"]]}]
    page.evaluate("(items) => localStorage.setItem('stapwijzer-outbox', JSON.stringify(items))",
                  queued)
    page.reload()
    wait_until(page, f"() => {OUTBOX}.length === 0")
    expect(page.get_by_label("Je vraag")).to_have_value("")
    assert stored_questions(live_server, QUESTION + " (2)") == 0


def _set_areas(live_server, member_id: int, areas: list[str]) -> list[str]:
    """Change what a member may see, as Guy would on his network page; returns the old areas."""
    with unit_of_work(live_server.session_factory) as session:
        grant = session.scalar(select(NetworkGrant).where(NetworkGrant.member_id == member_id,
                                                          NetworkGrant.revoked_at.is_(None)))
        before, grant.areas = list(grant.areas), areas
        return before


def test_a_page_no_longer_allowed_takes_the_files_saved_pages_along(live_server, new_context):
    """Still signed in, but a page of Guy's file answers 404 now (an area taken away): the
    phone keeps no page of his file, not even those of areas she still has (they come back
    on the next visit online)."""
    phone = new_context()
    marja = phone.new_page()
    guy_id = sign_in(marja, live_server.demo_links()["parent"])
    wait_for_service_worker(marja)
    marja_id = person_id(live_server, "Marja Visser")
    file = f"{live_server.url}/c/{guy_id}"
    steps, guarantee = f"{file}/steps", f"{file}/guarantee"
    marja.goto(f"{live_server.url}/")
    marja.goto(steps)
    marja.goto(guarantee)
    expect(marja.get_by_text("De Werkplaats Almere").first).to_be_visible()
    assert marja.evaluate(SAVED_PAGES) >= 3
    areas = _set_areas(live_server, marja_id, ["steps", "appointments", "messages"])
    try:
        assert marja.goto(guarantee).status == 404
        assert marja.evaluate(NO_SAVED_PAGES)
        phone.set_offline(True)
        shows_nothing_of_the_file(marja, guarantee)
        shows_nothing_of_the_file(marja, steps)
        shows_nothing_of_the_file(marja, f"{live_server.url}/")
        phone.set_offline(False)
        assert marja.goto(steps).status == 200  # what she may still see comes back online
    finally:
        _set_areas(live_server, marja_id, areas)
