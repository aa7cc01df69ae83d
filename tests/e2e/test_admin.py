"""The admin in a real browser: copies a shipped route, changes a step title, retires the copy,
changes the organisation's trial length; every admin page passes axe at phone and desktop
width, in Dutch and English.

The admin pages' texts are English msgids until the catalogue is translated, so the tests find
things by structure (ids, landmarks, roles), never by Dutch words."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.db import unit_of_work
from app.route_templates.models import RouteTemplate
from tests.e2e.conftest import (
    DESKTOP,
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
    redeem_demo_link,
)

pytestmark = pytest.mark.e2e


def _sign_in_as_admin(page: Page, live_server) -> None:
    redeem_demo_link(page, live_server.demo_links()["admin"])
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _almere_route_id(live_server) -> int:
    with unit_of_work(live_server.session_factory) as session:
        return session.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere"))


def _no_sideways_scroll(page: Page) -> None:
    """As `assert_no_horizontal_scroll`, against the device width: a phone browser zooms out
    to fit content that is too wide, which widens `window.innerWidth` along with it."""
    assert_no_horizontal_scroll(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def _check(page: Page, axe, path: str) -> None:
    current = page.locator('nav a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(axe, page)
    _no_sideways_scroll(page)


def test_admin_copies_edits_and_retires_a_route_and_sets_the_trial_length(live_server,
                                                                          new_context, axe):
    page = new_context(DESKTOP, locale="en-GB").new_page()
    _sign_in_as_admin(page, live_server)
    page.goto(live_server.url + "/office/routes")
    copy_form = page.locator("section[aria-labelledby='copy-title'] form")
    expect(copy_form.get_by_role("radio")).to_have_count(8)
    copy_form.locator("#shipped-haarlem").check()
    copy_form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/office/routes/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Haarlem")

    step = page.locator("#step-1")
    step.locator("summary").click()
    step.locator("#s1-nl-title").fill("Eerst kennismaken")
    with page.expect_navigation():  # the save answers with a redirect: wait before reloading
        step.locator("details form button[type=submit]").click()
    page.reload()
    expect(page.locator("#s1-nl-title")).to_have_value("Eerst kennismaken")

    # A title of too many words comes back with the message and the field marked.
    page.locator("#step-1 summary").click()
    page.locator("#s1-nl-title").fill("Een titel met veel te veel woorden")
    page.locator("#step-1 details form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#s1-nl-title")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, page)

    page.locator("section[aria-labelledby='retire-title'] button[type=submit]").click()
    expect(page.locator("main .tag").first).to_be_visible()
    edit_url = page.url
    page.goto(live_server.url + "/office/routes")
    path = edit_url.removeprefix(live_server.url)
    row = page.locator("tr", has=page.locator(f"a[href='{path}']"))
    expect(row.locator(".tag")).to_have_count(1)

    page.goto(live_server.url + "/office/organisation")
    page.locator("#trial_weeks").fill("10")
    with page.expect_navigation():
        page.locator("section[aria-labelledby='settings-title'] form button[type=submit]").click()
    expect(page.locator("#trial_weeks")).to_have_value("10")
    # Put it back: the other browser tests expect Almere's 8-week trial.
    page.locator("#trial_weeks").fill("8")
    with page.expect_navigation():
        page.locator("section[aria-labelledby='settings-title'] form button[type=submit]").click()
    expect(page.locator("#trial_weeks")).to_have_value("8")


@accessibility_variants("language")
@pytest.mark.markup
def test_every_admin_page_is_accessible(language, device, live_server, new_context, axe):
    page = new_context(device, locale=language).new_page()
    _sign_in_as_admin(page, live_server)

    page.goto(live_server.url + "/office/routes")
    _check(page, axe, "/office/routes")

    page.goto(f"{live_server.url}/office/routes/{_almere_route_id(live_server)}")
    _check(page, axe, "/office/routes")
    page.locator("#step-8 summary").click()  # the trial step, with all its fields
    expect(page.locator("#s8-nl-title")).to_be_visible()
    assert_accessible(axe, page)
    _no_sideways_scroll(page)

    page.goto(live_server.url + "/office/organisation")
    _check(page, axe, "/office/organisation")
    page.locator("section[aria-labelledby='settings-title'] details summary").click()
    assert_accessible(axe, page)
    _no_sideways_scroll(page)

    # Inviting shows the set-up link once; the new colleague's welcome page is checked too.
    invite = page.locator("section[aria-labelledby='invite-title'] form")
    invite.locator("#display_name").fill("Nieuwe Collega")
    invite.locator("#email").fill(f"e2e-{uuid.uuid4().hex[:8]}@almere.test")
    invite.locator("button[type=submit]").click()
    link = page.locator("#setup-link code")
    expect(link).to_contain_text("/welcome/")
    assert_accessible(axe, page)
    _no_sideways_scroll(page)
    welcome = new_context(device, locale=language).new_page()
    welcome.goto(link.inner_text())
    expect(welcome.locator("#password")).to_be_visible()
    assert_accessible(axe, welcome)
    _no_sideways_scroll(welcome)
    welcome.locator("#password").fill("kort")
    welcome.locator("#password_again").fill("kort")
    # The browser's own check (minlength) would stop the form; the server must check as well.
    welcome.locator("form").evaluate("form => form.noValidate = true")
    welcome.locator("button[type=submit]").click()
    expect(welcome.get_by_role("alert")).to_be_visible()
    assert_accessible(axe, welcome)
    welcome.locator("#password").fill("een lange nieuwe zin")
    welcome.locator("#password_again").fill("een lange nieuwe zin")
    welcome.locator("button[type=submit]").click()
    expect(welcome.get_by_role("heading", level=1)).to_be_visible()
    expect(welcome.locator("#password")).to_have_count(0)
    assert_accessible(axe, welcome)
