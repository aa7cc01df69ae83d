"""Tim, the employer: signs in from the demo link, sees Guy's placement, its progress and the
wage-value dates, tells Floor about a worry; every employer page is accessible at phone and
desktop width and fits 320 px without sideways scrolling."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
    signed_in_page,
)

pytestmark = pytest.mark.e2e

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


def _signed_in_tim(live_server, new_context, device, locale="nl-NL"):
    page = signed_in_page(live_server, new_context, "employer", device, locale)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tim")
    return page


@accessibility_variants("language")
@pytest.mark.markup
def test_employer_pages_are_accessible(language, device, live_server, new_context, axe):
    page = _signed_in_tim(live_server, new_context, device, language)
    assert page.url.endswith("/employer")
    assert_accessible(axe, page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name=re.compile("Guy")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guy Visser")
    assert_accessible(axe, page)
    assert_no_horizontal_scroll(page)
    # A refused worry shows the error summary; that page must be accessible too. Nothing is
    # chosen beforehand, so the server says what is missing.
    page.locator("#body").fill(" ")
    page.locator("#concern form").evaluate(
        "form => form.querySelectorAll('[required]').forEach(el => el.removeAttribute('required'))")
    page.get_by_role("button", name=re.compile("contact")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(axe, page)
    page.goto(live_server.url + "/employer/password")
    assert_accessible(axe, page)
    assert_no_horizontal_scroll(page)


def test_tim_sees_progress_and_dates_and_tells_floor_a_worry(live_server, new_context):
    page = _signed_in_tim(live_server, new_context, NARROW)
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name=re.compile("Guy")).first.click()
    assert_no_horizontal_scroll(page)
    expect(page.get_by_text("Definitieve loonwaarde", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Proefplaatsing van Guy: week \d van 8"))).to_be_visible()
    page.get_by_label(re.compile("gespannen")).check()
    page.locator("#body").fill("Hij oogt gespannen.")
    page.get_by_role("button", name=re.compile("contactpersoon")).click()
    # The worry goes to whoever the page names as reachable now: Floor, or her backup Sander
    # while another browser test on this shared server has her away.
    reachable = page.get_by_role("region", name="Je contactpersoon bij de gemeente") \
        .locator("strong").first.inner_text()
    assert reachable in ("Floor de Vries", "Sander Bakker")
    expect(page.get_by_role("status").filter(has_text=reachable)).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.goto(live_server.url + "/employer/password")
    assert_no_horizontal_scroll(page)
