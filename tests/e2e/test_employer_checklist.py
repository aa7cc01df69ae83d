"""The employer checklist in a real browser: the admin adds an item and moves it up, a refused
form marks its field; the consultant reads it and opens the print version. Every page passes
axe at phone and desktop width; the print version prints without navigation, black on white.

Pages are found by structure (ids, landmarks, roles), never by Dutch words."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    DESKTOP,
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
    redeem_demo_link,
)

pytestmark = pytest.mark.e2e


def _sign_in(page: Page, live_server, persona: str) -> None:
    redeem_demo_link(page, live_server.demo_links()[persona])
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _fits(page: Page) -> None:
    assert_no_horizontal_scroll(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_admin_adds_and_moves_an_item_and_a_refusal_marks_the_field(live_server, new_context,
                                                                    axe):
    page = new_context(DESKTOP, locale="nl-NL").new_page()
    _sign_in(page, live_server, "admin")
    page.goto(live_server.url + "/office/employer-checklist/edit")
    items = page.locator("#items > ol > li")
    count = items.count()
    assert count >= 8

    add = page.locator("section[aria-labelledby='add-title'] form")
    add.locator("#new-topic").select_option("training")
    add.locator("#new-title-nl").fill("Proefles voor het team")
    add.locator("#new-text-nl").fill("Uw team krijgt een korte les.")
    with page.expect_navigation():
        add.locator("button[type=submit]").click()
    expect(items).to_have_count(count + 1)
    last = items.last
    expect(last.locator("h3")).to_contain_text("Proefles voor het team")

    with page.expect_navigation():
        last.locator("form", has=page.locator("input[name=direction][value=up]")) \
            .locator("button").click()
    expect(items.nth(count - 1).locator("h3")).to_contain_text("Proefles voor het team")

    # A blank Dutch title comes back with the message and the field marked.
    add.locator("#new-title-nl").fill(" ")
    add.locator("#new-text-nl").fill("Tekst.")
    add.locator("button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#new-title-nl")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, page)

    # Remove it again: the other browser tests read Almere's checklist as seeded.
    item = items.nth(count - 1)
    with page.expect_navigation():
        item.locator("button.button-danger").click()
    expect(items).to_have_count(count)


@accessibility_variants("language")
@pytest.mark.markup
def test_every_checklist_page_is_accessible(language, device, live_server, new_context, axe):
    page = new_context(device, locale=language).new_page()
    _sign_in(page, live_server, "admin")
    page.goto(live_server.url + "/office/employer-checklist")
    expect(page.locator('nav a[aria-current="page"]')).to_have_attribute(
        "href", "/office/employer-checklist")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(axe, page)
    _fits(page)

    page.goto(live_server.url + "/office/employer-checklist/edit")
    first = page.locator("#items > ol > li").first
    first.locator("> details > summary").click()
    first.locator("details details > summary").click()
    assert_accessible(axe, page)
    _fits(page)

    consultant = new_context(device, locale=language).new_page()
    _sign_in(consultant, live_server, "consultant")
    consultant.goto(live_server.url + "/office/employer-checklist/print")
    expect(consultant.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(axe, consultant)
    _fits(consultant)


def test_the_print_version_has_no_navigation_and_is_black_on_white(live_server, new_context):
    page = new_context(DESKTOP, locale="nl-NL").new_page()
    _sign_in(page, live_server, "consultant")
    page.goto(live_server.url + "/office/employer-checklist/print")
    expect(page).to_have_title(re.compile("Gemeente Almere"))
    expect(page.locator("main")).to_contain_text("2026")
    page.emulate_media(media="print")
    assert page.locator(".office-nav").count() == 0
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("[data-print]")).to_be_hidden()
    colours = page.evaluate("""() => [...document.querySelectorAll('.leaflet, .leaflet *')]
        .map((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])""")
    assert all(color == "rgb(0, 0, 0)" for color, _ in colours)
    assert all(back in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") for _, back in colours)
