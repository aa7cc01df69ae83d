"""Floor manages employers and Guy's workplace in a real browser: the employers list, an
employer with its contact people, and the Workplace section of Guy's file with its milestone
timeline pass axe at phone and desktop width (Dutch, and English on the phone) and never
scroll sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.actor import Actor
from app.clock import local_today
from app.db import unit_of_work
from app.employers import service
from app.employers.models import Employer, EmployerKind, MilestoneKind, Placement
from app.employers.schemas import (
    ConsentIn,
    EmployerContactCreate,
    EmployerCreate,
    MilestoneComplete,
    MilestoneCreate,
    PlacementCreate,
)
from app.network.models import ConsentMethod
from app.people.models import Person, Role
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
    signed_in_page,
)

pytestmark = pytest.mark.e2e

NAME = "Maaltijden aan Huis (browsertest)"


def _arrange(live_server) -> tuple[int, int, int]:
    """An employer with two people and a placement of Guy with a planned and a done
    milestone, once per server. Its milestones are far from today, so Guy's caseload flags
    (which other browser tests read) stay as seeded."""
    with unit_of_work(live_server.session_factory) as session:
        guy = session.scalar(select(Person).where(Person.display_name == "Guy Visser"))
        existing = session.scalar(select(Employer.id).where(Employer.name == NAME))
        if existing is not None:
            placement = session.scalar(select(Placement.id).where(
                Placement.employer_id == existing))
            return existing, guy.id, placement
        floor = session.scalar(select(Person).where(Person.email == "floor@almere.demo"))
        actor = Actor(person_id=floor.id, role=Role.consultant,
                      organisation_id=floor.organisation_id, display_name=floor.display_name,
                      session_id=0, via="bearer")
        employer = service.create_employer(session, actor, EmployerCreate(
            name=NAME, kind=EmployerKind.social_firm, street_address="Havenweg 4",
            postcode="1311 AB", city="Almere"))
        tim = service.add_contact(session, actor, employer.id, EmployerContactCreate(
            display_name="Tom Browser", job_title="bedrijfsleider",
            email="tom@browsertest.test", phone="036 123 45 67"))
        service.add_contact(session, actor, employer.id, EmployerContactCreate(
            display_name="Bo Begeleider", job_title="werkplekbegeleider",
            email="bo@browsertest.test"))
        placement = service.create_placement(session, actor, guy.id, PlacementCreate(
            employer_id=employer.id, supervisor_id=tim.person.id, workplace="Keuken",
            starts_on=local_today() - timedelta(days=60),
            consent=ConsentIn(by_id=guy.id, method=ConsentMethod.in_person)))
        measured = service.add_milestone(session, actor, guy.id, placement.id, MilestoneCreate(
            kind=MilestoneKind.wage_value_trial, due_on=local_today() - timedelta(days=20)))
        service.complete_milestone(session, actor, guy.id, placement.id, measured.id,
                                   MilestoneComplete(wage_value_percent=45), measured.version)
        service.add_milestone(session, actor, guy.id, placement.id, MilestoneCreate(
            kind=MilestoneKind.support_allowance, due_on=local_today() + timedelta(days=90),
            employer_task="Vraag de begeleidingsvergoeding aan bij de gemeente."))
        return employer.id, guy.id, placement.id


def _floor(live_server, new_context, device=DESKTOP, locale="nl-NL"):
    page = signed_in_page(live_server, new_context, "consultant", device, locale)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page


@accessibility_variants("locale")
@pytest.mark.markup
def test_employer_pages_and_the_workplace_section_are_accessible(locale, device, live_server,
                                                                  new_context, axe):
    employer_id, guy, _placement = _arrange(live_server)
    page = _floor(live_server, new_context, device, locale)
    for path in ("/office/employers", f"/office/employers/{employer_id}",
                 f"/office/candidates/{guy}/workplace"):
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", locale[:2])
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(axe, page)
        assert_no_horizontal_scroll(page)
    # The open forms of the workplace (details) are checked too.
    for summary in page.locator("main details > summary").all():
        summary.click()
    assert_accessible(axe, page)
    assert_no_horizontal_scroll(page)


def test_floor_finds_the_employer_from_the_menu_and_sees_guys_timeline(live_server,
                                                                      new_context):
    employer_id, guy, placement = _arrange(live_server)
    page = _floor(live_server, new_context)
    page.locator("nav.office-nav").get_by_role("link", name="Werkgevers", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/office/employers")
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.get_by_text("Bo Begeleider").first).to_be_visible()
    page.goto(f"{live_server.url}/office/candidates/{guy}/workplace")
    # Guy may have other placements (the demo's): this one's section holds one table.
    timeline = page.locator(f"#placement-{placement}").get_by_role("table")
    expect(timeline.get_by_role("row")).to_have_count(3)  # header, done, planned
    expect(timeline).to_contain_text("45%")
    expect(timeline).to_contain_text("Aanvraag begeleidingsvergoeding")


def test_on_a_phone_the_caseload_and_the_milestones_keep_everything_in_view(live_server,
                                                                          new_context):
    """At 390 px a row of the caseload is one block: Guy's warnings are on screen, not in a
    table that scrolls sideways; the milestones of a placement likewise."""
    _employer_id, guy, placement = _arrange(live_server)
    page = _floor(live_server, new_context, PHONE)
    page.goto(f"{live_server.url}/office")
    row = page.locator("table.caseload tbody tr").filter(has_text="Guy Visser").first
    warnings = row.locator("td[data-label]").last
    box = warnings.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391, box
    page.goto(f"{live_server.url}/office/candidates/{guy}/workplace")
    task = page.locator(f"#placement-{placement} td[data-label]").last
    box = task.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 391, box
    page.set_viewport_size({"width": 320, "height": 700})
    assert_no_horizontal_scroll(page)
