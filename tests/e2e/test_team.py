"""The team view in a real browser: the demo consultant opens it from the back-office; a team
with stalled candidates and a consultant over the caseload limit shows its list and warning.
Every state is checked with axe at phone and desktop width, in Dutch and English."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.clock import local_today
from app.contacts.models import ContactAssignment
from app.db import unit_of_work
from app.journeys.service import start_from_template
from app.organisations.models import Organisation
from app.people.models import Person, Role
from app.people.service import create_staff_member
from app.route_templates.models import RouteTemplate, StepTemplate
from tests.e2e.conftest import (
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
    redeem_demo_link,
)
from tests.e2e.keyboard import tab_to

pytestmark = pytest.mark.e2e

# A team of its own in Haarlem (a shipped route without demo personas), so the other browser
# tests keep the demo caseloads exactly as seeded.
HAARLEM_EMAIL = "team-e2e@haarlem.test"
HAARLEM_PASSWORD = "team view browser test password"
HAARLEM_CANDIDATES = 51  # one over the caseload limit


def _open_team_view(page: Page, base_url: str) -> None:
    page.goto(base_url + "/office/team")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _assert_structure(page: Page) -> None:
    # The back-office menu marks this page as the current one.
    current = page.locator('nav a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", "/office/team")
    # Six sections (cover first), each under its own heading.
    expect(page.get_by_role("heading", level=2)).to_have_count(6)
    expect(page.locator("main section[aria-labelledby]")).to_have_count(6)
    # Every table has a caption and header cells for its columns or rows, and sits in a
    # region named by that caption that the keyboard can reach (to scroll it on a phone).
    wraps = page.locator("main .table-wrap")
    for index in range(wraps.count()):
        expect(wraps.nth(index)).to_have_attribute("role", "region")
        expect(wraps.nth(index)).to_have_attribute("tabindex", "0")
    tables = page.get_by_role("table")
    assert tables.count() >= 4
    for index in range(tables.count()):
        table = tables.nth(index)
        expect(table.locator("caption")).to_have_count(1)
        assert table.get_by_role("rowheader").count() > 0
    assert_no_horizontal_scroll(page)


@accessibility_variants("language")
def test_the_demo_consultant_opens_the_team_view(language, device, live_server, new_context,
                                                 axe):
    page = new_context(device, locale=language).new_page()
    redeem_demo_link(page, live_server.demo_links()["consultant"])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _open_team_view(page, live_server.url)
    expect(page.locator("html")).to_have_attribute("lang", language[:2])
    _assert_structure(page)
    # Floor's own line in the caseload table, and Guy's route in people per step.
    caseloads = page.locator('section[aria-labelledby="team-caseload"]')
    expect(caseloads.get_by_role("rowheader", name="Floor de Vries")).to_be_visible()
    people = page.locator('section[aria-labelledby="team-people"]')
    expect(people.get_by_role("table").first.locator("caption")).to_contain_text("Almere")
    # No names of anybody else's caseload; Guy is not stalled in week 3 of 8.
    expect(page.locator('section[aria-labelledby="team-stalled"] table')).to_have_count(0)
    assert_accessible(axe, page)


@pytest.fixture(scope="module")
def haarlem_team(live_server) -> str:
    """A Haarlem consultant (password sign-in) with 51 candidates, two of them stalled."""
    today = local_today()
    with unit_of_work(live_server.session_factory) as session:
        if session.scalar(select(Person.id).where(Person.email == HAARLEM_EMAIL)) is not None:
            return HAARLEM_EMAIL
        haarlem = session.scalar(select(Organisation).where(Organisation.slug == "haarlem"))
        consultant = create_staff_member(
            session, organisation_id=haarlem.id, display_name="Hanna Haarlem",
            email=HAARLEM_EMAIL, password=HAARLEM_PASSWORD)
        route = session.scalar(select(RouteTemplate).where(
            RouteTemplate.organisation_id == haarlem.id))
        steps = list(session.scalars(select(StepTemplate).where(
            StepTemplate.route_template_id == route.id).order_by(StepTemplate.position)))
        for number in range(1, HAARLEM_CANDIDATES + 1):
            stalled = number <= 2
            person = Person(organisation_id=haarlem.id, role=Role.candidate,
                            display_name=f"Kandidaat Haarlem {number:02d}")
            session.add(person)
            session.flush()
            session.add(ContactAssignment(candidate_id=person.id, primary_id=consultant.id))
            # Stalled: started a year ago, still at the second step.
            start_from_template(
                session, candidate_id=person.id, route_template_id=route.id,
                step_templates=steps, current_position=2,
                started_on=today - timedelta(days=365 if stalled else 1),
            )
    return HAARLEM_EMAIL


def _sign_in_with_password(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label(re.compile("E-mail")).fill(email)
    page.get_by_label(re.compile("Wachtwoord|Password")).fill(HAARLEM_PASSWORD)
    page.get_by_role("button", name=re.compile("Inloggen|Sign in")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@accessibility_variants("language")
def test_stalled_list_and_caseload_warning(language, device, haarlem_team, live_server,
                                          new_context, axe):
    page = new_context(device, locale=language).new_page()
    _sign_in_with_password(page, live_server.url, haarlem_team)
    _open_team_view(page, live_server.url)
    _assert_structure(page)
    # The stalled table may be wider than a phone: it scrolls inside a named, focusable region.
    stalled = page.locator('section[aria-labelledby="team-stalled"] .table-wrap')
    expect(stalled).to_have_count(1)
    expect(stalled).to_have_attribute("role", "region")
    expect(stalled.get_by_role("table")).to_be_visible()
    expect(stalled.get_by_role("rowheader")).to_have_count(2)
    expect(stalled.get_by_role("rowheader").first).to_contain_text("Kandidaat Haarlem")
    tab_to(page, stalled)
    # Over the limit: said in words (with the limit) next to the pictogram, not by colour alone.
    caseloads = page.locator('section[aria-labelledby="team-caseload"]')
    over = caseloads.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Hanna Haarlem"))
    expect(over).to_contain_text(str(HAARLEM_CANDIDATES))
    flag = over.locator(".flag")
    expect(flag).to_be_visible()
    expect(flag).to_contain_text(re.compile(r"\w+.*50"))
    expect(flag.locator("svg use")).to_have_attribute("href", re.compile("#p-warning$"))
    expect(page.locator('section[aria-labelledby="team-caseload"] .warn')).to_contain_text("50")
    assert_accessible(axe, page)
