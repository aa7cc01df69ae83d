"""Floor, Guy's consultant, works in his file in the back-office: every section opens from the
file's own menu, every section passes axe at desktop and phone width in Dutch and English, the
B1 hint answers while she types, and a stale edit in a second tab shows the conflict."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.db import unit_of_work
from app.people.models import Person
from tests.e2e.conftest import (
    DESKTOP,
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
    signed_in_page,
)

pytestmark = pytest.mark.e2e

SECTIONS = ["", "/journey", "/appointments", "/messages", "/money", "/records", "/contact",
            "/guarantee", "/way-back", "/network", "/access-log", "/case-file", "/timeline",
            "/concerns", "/workplace"]
STALE = "Someone else changed this in the meantime."


def _guy(live_server) -> int:
    with unit_of_work(live_server.session_factory) as session:
        return session.scalar(select(Person.id).where(Person.display_name == "Guy Visser"))


def _floor(live_server, new_context, device=DESKTOP, locale="nl-NL"):
    """Floor signed in through her demo link, as `stapwijzer demo` prints it."""
    page = signed_in_page(live_server, new_context, "consultant", device, locale)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page.context, page


def test_floor_opens_every_section_from_the_files_menu(live_server, new_context, axe):
    guy = _guy(live_server)
    _context, page = _floor(live_server, new_context)
    page.goto(f"{live_server.url}/office/candidates/{guy}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guy Visser")
    menu = page.locator("nav.file-nav")
    expect(menu.get_by_role("link")).to_have_count(len(SECTIONS))
    for index, path in enumerate(SECTIONS):
        menu.get_by_role("link").nth(index).click()
        expect(page).to_have_url(f"{live_server.url}/office/candidates/{guy}{path}")
        expect(menu.locator('a[aria-current="page"]')).to_have_attribute(
            "href", f"/office/candidates/{guy}{path}")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Guy Visser")
        assert page.locator("h1").count() == 1


@accessibility_variants("locale")
@pytest.mark.markup
def test_every_section_is_accessible(locale, device, live_server, new_context, axe):
    guy = _guy(live_server)
    _context, page = _floor(live_server, new_context, device, locale)
    for path in SECTIONS:
        page.goto(f"{live_server.url}/office/candidates/{guy}{path}")
        expect(page.locator("html")).to_have_attribute("lang", locale[:2])
        expect(page.get_by_role("navigation", name=re.compile("."))).to_have_count(2)
        assert_accessible(axe, page)
        assert_no_horizontal_scroll(page)


def test_the_b1_hint_answers_while_typing(live_server, new_context):
    guy = _guy(live_server)
    _context, page = _floor(live_server, new_context, locale="en-GB")
    page.goto(f"{live_server.url}/office/candidates/{guy}/messages")
    hint = page.locator("#b1-result")
    expect(hint).to_have_attribute("aria-live", "polite")
    page.get_by_label("Your update").fill("Goed gedaan. Je werkt hard. Kees is blij met je.")
    expect(hint).to_contain_text("easy to read")
    long = ("Omdat het de afgelopen weken op verschillende momenten niet helemaal duidelijk was "
            "welke werkzaamheden je precies moest uitvoeren hebben wij besloten om samen met "
            "je werkbegeleider een nieuw overzicht te maken.")
    page.get_by_label("Your update").fill(long)
    expect(hint).to_contain_text("Short sentences help")
    numbers = page.evaluate("""async () => {
        const m = await import("/static/js/b1hint.js");
        const r = m.readability("De kat zit op de mat. Hij is blij.");
        return [m.syllables("mooi"), m.syllables("theater"), m.syllables("bijenkorf"),
                r.words, r.sentences, r.syllables, Math.round(r.score * 1000) / 1000];
    }""")
    # 9 words, 2 sentences, 9 syllables: 206.835 - 0.93 * 4.5 - 77 * 1 = 125.65
    assert numbers == [1, 3, 3, 9, 2, 9, 125.65]


def test_a_stale_edit_in_a_second_tab_shows_the_conflict(live_server, new_context):
    guy = _guy(live_server)
    context, first = _floor(live_server, new_context, locale="en-GB")
    second = context.new_page()
    journey = f"{live_server.url}/office/candidates/{guy}/journey"
    first.goto(journey)
    second.goto(journey)

    def last_step(page):
        return page.locator("form.step-form").last

    last_step(first).get_by_label("Expected days").fill("30")
    last_step(first).get_by_role("button", name=re.compile("Save step")).click()
    expect(first.get_by_role("status")).to_contain_text("saved")

    last_step(second).get_by_label("Expected days").fill("31")
    last_step(second).get_by_role("button", name=re.compile("Save step")).click()
    alert = second.get_by_role("alert")
    expect(alert).to_contain_text(STALE)
    # The form now shows what the first tab stored, not the second tab's value.
    expect(last_step(second).get_by_label("Expected days")).to_have_value("30")
