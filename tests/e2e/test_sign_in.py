"""Every demo persona signs in through the link `stapwijzer demo` prints, and staff with
password and TOTP; every page on the way is accessible at phone and desktop width, in Dutch
and English."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from app.demo.seed import DEMO_PASSWORD, EMAILS
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
)

pytestmark = pytest.mark.e2e

HOME_HEADINGS = {
    "candidate": {"nl": "Hallo Guy", "en": "Hello Guy"},
    "parent": {"nl": "De overstap van Guy Visser", "en": "The switch of Guy Visser"},
    "consultant": {"nl": "Mijn caseload", "en": "My caseload"},
    "backup_consultant": {"nl": "Mijn caseload", "en": "My caseload"},
    "admin": {"nl": "Teamoverzicht", "en": "Team view"},
    "other_consultant": {"nl": "Mijn caseload", "en": "My caseload"},
    "employer": {"nl": "Hallo Tim", "en": "Hello Tim"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("persona", list(HOME_HEADINGS))
def test_demo_link_signs_the_persona_in(persona, language, live_server, new_context, axe):
    link = live_server.demo_links()[persona]
    device = PHONE if persona in ("candidate", "parent") else DESKTOP
    page = new_context(device, locale="nl-NL" if language == "nl" else "en-GB").new_page()
    page.goto(link)
    assert_accessible(axe, page)
    page.get_by_role("button", name=re.compile("Stapwijzer")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(HOME_HEADINGS[persona][language])
    assert_accessible(axe, page)
    assert_no_horizontal_scroll(page)
    if persona == "parent":
        expect(page.get_by_role("note")).to_contain_text("Guy")
    # The link is single-use: opening it again explains what to do instead.
    again = new_context(device).new_page()
    again.goto(link)
    expect(again.get_by_role("heading", level=1)).to_contain_text("werkt niet")
    assert_accessible(axe, again)


@accessibility_variants("language")
@pytest.mark.parametrize("path", ["/", "/code", "/login", "/signed-out", "/no-such-page"])
@pytest.mark.markup
def test_public_pages_are_accessible(path, language, device, live_server, new_context, axe):
    page = new_context(device, locale=language).new_page()
    page.goto(live_server.url + path)
    assert_accessible(axe, page)
    assert_no_horizontal_scroll(page)


@pytest.mark.markup
def test_nothing_scrolls_sideways_at_320px(live_server, new_context):
    page = new_context({"viewport": {"width": 320, "height": 640}, "is_mobile": True}).new_page()
    page.goto(live_server.demo_links()["candidate"])
    page.get_by_role("button", name=re.compile("Stapwijzer")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guy")
    assert_no_horizontal_scroll(page)


def test_candidate_enrols_with_the_short_code_using_only_the_keyboard(live_server, new_context):
    from app.db import unit_of_work
    from app.demo.seed import issue_demo_links

    with unit_of_work(live_server.session_factory) as session:
        code = next(link.code for link in issue_demo_links(session, live_server.settings)
                    if link.persona == "candidate")
    page = new_context().new_page()
    page.goto(live_server.url + "/code")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.get_by_label("Je code").focus()
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hallo Guy")


def test_wrong_code_gets_a_plain_message(live_server, new_context, axe):
    page = new_context().new_page()
    page.goto(live_server.url + "/code")
    page.get_by_label("Je code").fill("AAAA-BBB-CCC")
    page.get_by_role("button", name=re.compile("Stapwijzer")).click()
    expect(page.get_by_role("alert")).to_contain_text("werkt niet")
    assert_accessible(axe, page)


def test_staff_sign_in_with_password_then_totp(live_server, new_context, axe):
    email = EMAILS["backup_consultant"]
    page = new_context(DESKTOP).new_page()
    page.goto(live_server.url + "/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")
    page.get_by_role("link", name=re.compile("twee stappen", re.I)).click()
    page.get_by_role("button", name=re.compile("instellen", re.I)).click()
    assert_accessible(axe, page)
    secret = page.locator("code.secret").inner_text()
    page.get_by_label(re.compile("6 cijfers|6-cijferige", re.I)).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=re.compile("aan", re.I)).click()
    expect(page.get_by_text(re.compile("staat aan", re.I))).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()

    page.goto(live_server.url + "/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile("/login/code$"))
    assert_accessible(axe, page)
    page.get_by_label(re.compile("6 cijfers|6-cijferige", re.I)).fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    # Each code works once: enrolment used this time step's, so type the next one.
    next_code = pyotp.TOTP(secret).at(time.time() + 30)
    page.get_by_label(re.compile("6 cijfers|6-cijferige", re.I)).fill(next_code)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn caseload")


def test_wrong_password_shows_the_error_in_the_form(live_server, new_context, axe):
    page = new_context(DESKTOP, locale="en-GB").new_page()
    page.goto(live_server.url + "/login")
    page.get_by_label("E-mail address").fill(EMAILS["admin"])
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("not correct")
    assert_accessible(axe, page)
