"""Mijn geld for Guy and his mother, and the public calculator with and without JavaScript,
on a phone (390 px), checked with axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    redeem_demo_link,
)

pytestmark = pytest.mark.e2e


def open_money(page: Page, link: str, base: str) -> None:
    redeem_demo_link(page, link)
    candidate_id = re.search(r"/c/(\d+)/", page.content()).group(1)
    page.goto(f"{base}/c/{candidate_id}/money")


@pytest.mark.parametrize("role", ["candidate", "parent"])
def test_money_overview_on_a_phone(role, live_server, new_context, axe):
    page = new_context(PHONE).new_page()
    open_money(page, live_server.demo_links()[role], live_server.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("geld", re.I))
    expect(page.locator(".money-card")).to_have_count(2)
    expect(page.get_by_role("img", name=re.compile("geld per maand"))).to_be_visible()
    expect(page.get_by_role("heading", name="Maand voor maand")).to_be_visible()
    expect(page.locator(".todo li").first).to_be_visible()
    expect(page.get_by_text("Dit is een schatting")).to_be_visible()
    page.get_by_text(re.compile("tabel")).click()
    expect(page.locator(".chart-table table")).to_be_visible()
    assert_accessible(axe, page)
    assert_no_horizontal_scroll(page)


def test_hours_control_recalculates_without_reloading(live_server, new_context):
    page = new_context(PHONE).new_page()
    open_money(page, live_server.demo_links()["candidate"], live_server.url)
    page.evaluate("window.__sameDocument = true")
    before = page.locator(".money-card-work .amount").inner_text()
    page.get_by_role("button", name="Een uur minder").click()
    expect(page.locator("#hours")).to_have_value("27")
    expect(page.locator(".money-card-work .amount")).not_to_have_text(before)
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    assert page.url.endswith("hours=27")


def test_hours_control_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", **PHONE)
    page = context.new_page()
    open_money(page, live_server.demo_links()["candidate"], live_server.url)
    page.get_by_role("button", name="Een uur meer").click()
    expect(page.locator("#hours")).to_have_value("29")
    context.close()


def _answer_calculator(page: Page) -> None:
    page.get_by_role("spinbutton", name=re.compile("oud")).fill("25")
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Bij mijn ouders").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("spinbutton").fill("3")
    page.get_by_role("button", name="Verder").click()
    page.get_by_label(re.compile("bijstand")).check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("textbox").fill("50")
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Verder").click()  # rent: left empty
    page.get_by_role("spinbutton").fill("16")
    page.get_by_role("button", name="Verder").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_public_calculator(javascript, live_server, browser, axe):
    context = browser.new_context(java_script_enabled=javascript, locale="nl-NL", **PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/calculator")
    if javascript:
        assert_accessible(axe, page)
    _answer_calculator(page)
    expect(page.locator(".money-card")).to_have_count(2)
    expect(page.locator("#hours")).to_have_value("16")
    if javascript:
        assert_accessible(axe, page)
        assert_no_horizontal_scroll(page)
    context.close()


def test_calculator_says_what_is_wrong(live_server, new_context, axe):
    page = new_context(PHONE).new_page()
    page.goto(live_server.url + "/calculator")
    page.get_by_role("spinbutton", name=re.compile("oud")).fill("99")
    page.evaluate("document.querySelector('form').noValidate = true")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("alert")).to_contain_text("70")
    assert_accessible(axe, page)


@pytest.mark.parametrize("language", ["nl-NL", "en-GB"])
@pytest.mark.markup
def test_money_page_is_accessible_on_desktop(language, live_server, new_context, axe):
    page = new_context(DESKTOP, locale=language).new_page()
    open_money(page, live_server.demo_links()["parent"], live_server.url)
    assert_accessible(axe, page)
