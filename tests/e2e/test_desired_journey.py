"""The desired 2020 customer journey through the pages only: a consultant of the example
municipality takes a new candidate on, enrols his phone, walks the steps, records the UWV advice,
lets the trial run beside it (day activities kept), records the decision and — after a refused
bad one — the contract; the candidate, on his phone, sees both current steps and the records in
plain Dutch."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.auth import security
from app.clock import local_today
from app.db import unit_of_work, utcnow
from app.organisations.models import Organisation
from app.people.service import create_staff_member
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.e2e

PASSWORD = "gewenste-klantreis-2026"
NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def iris(live_server) -> tuple[str, str]:
    """A new consultant of the example municipality, password and TOTP set, empty caseload."""
    email = f"consulent.{utcnow().timestamp():.0f}@voorbeeld.example"
    secret = security.new_totp_secret()
    with unit_of_work(live_server.session_factory) as session:
        example = session.scalar(select(Organisation.id).where(
            Organisation.slug == "gewenste-klantreis"))
        assert example is not None
        person = create_staff_member(session, organisation_id=example, display_name="Iris Bos",
                                     email=email, password=PASSWORD, job_title="Consulent Werk")
        person.totp_secret, person.totp_enabled_at = secret, utcnow()
    return email, secret


def _no_sideways_scroll(page: Page) -> None:
    """Against the device width too: a phone browser zooms out to fit a too-wide page."""
    assert_no_horizontal_scroll(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def _make_current(page: Page, title: str) -> None:
    """On the journey page: the step card titled `title` set to current and saved."""
    card = page.locator("li.step-card").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(title))))
    card.get_by_label("Status", exact=True).select_option("current")
    card.get_by_role("button", name=re.compile("Stap opslaan")).click()
    expect(page.get_by_role("status")).to_be_visible()


def _now(page: Page) -> str:
    """The journey page's line of current steps, in order (the main one first)."""
    return page.locator("p", has_text="Nu:").first.inner_text()


def test_the_desired_journey_through_the_pages(live_server, new_context, iris, axe):
    email, secret = iris
    today = local_today()
    office = new_context(DESKTOP).new_page()

    # Sign in with password and the six-digit code; add a candidate on the desired journey.
    office.goto(live_server.url + "/login")
    office.get_by_label("E-mailadres").fill(email)
    office.get_by_label("Wachtwoord").fill(PASSWORD)
    office.get_by_role("button", name="Inloggen").click()
    office.get_by_label(re.compile("6 cijfers")).fill(pyotp.TOTP(secret).now())
    office.get_by_role("button", name="Inloggen").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("caseload")
    office.get_by_role("link", name="Nieuwe kandidaat").click()
    office.get_by_label("Naam").fill("Tim Jansen")
    office.get_by_label("Dagbestedingsplek").fill("Zorgboerderij De Linde")
    route = office.get_by_label("Route")
    route.select_option(route.locator("option", has_text=re.compile("klantreis", re.I))
                        .get_attribute("value"))
    office.get_by_role("button", name="Kandidaat toevoegen").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Tim Jansen")
    tim_id = int(re.search(r"/office/candidates/(\d+)", office.url).group(1))
    file = f"{live_server.url}/office/candidates/{tim_id}"

    # His phone is enrolled with the code on screen.
    office.get_by_role("button", name=re.compile("inloglink", re.I)).click()
    code = office.locator("code.code").inner_text()
    tim = new_context(PHONE).new_page()
    tim.goto(live_server.url + "/code")
    tim.get_by_label(re.compile("code", re.I)).first.fill(code)
    tim.keyboard.press("Enter")
    expect(tim.get_by_role("heading", level=1)).to_have_text("Hallo Tim")
    expect(tim.locator("#now-title")).to_have_text("Je begeleider ziet kansen")

    # The steps, one card each: the talk, the money, the day activities, the UWV advice.
    office.goto(file + "/journey")
    expect(office.get_by_role("columnheader", name="Nr.")).to_be_visible()
    for title in ("Gesprek met z'n drieën", "Je geld op een rij", "Je dagbesteding blijft",
                  "Advies vragen bij UWV"):
        _make_current(office, title)
    assert _now(office).startswith("Nu: Advies vragen bij UWV (hoofdstap), Je dagbesteding")

    # The UWV advice is recorded: requested with him, the consultant goes along.
    office.goto(file + "/records?kind=uwv_advice")
    office.get_by_label("Aangevraagd op").fill(today.isoformat())
    office.get_by_label(re.compile("samen met de kandidaat", re.I)).check()
    office.get_by_label("Datum van het gesprek").fill((today + timedelta(days=21)).isoformat())
    office.locator("fieldset", has_text="Wie gaat mee").locator("input[value=consultant]").check()
    office.get_by_role("button", name="Vastlegging opslaan").click()
    expect(office.get_by_role("status")).to_be_visible()

    # The trial starts beside the advice; the day activities stay.
    office.goto(file + "/journey")
    _make_current(office, "Alvast proberen op werk")
    now = _now(office)
    assert now.startswith("Nu: Alvast proberen op werk (hoofdstap)")
    assert "Advies vragen bij UWV" in now and "Je dagbesteding blijft" in now

    # On his phone: the trial first, the advice and the day activities beside it, in plain Dutch.
    tim.goto(live_server.url + "/")
    expect(tim.locator("#now-title")).to_have_text("Alvast proberen op werk")
    beside = tim.locator("section", has=tim.get_by_text("Ook nu", exact=True))
    expect(beside).to_have_count(2)
    expect(beside.first).to_contain_text("Advies vragen bij UWV")
    expect(beside.nth(1)).to_contain_text("Je dagbesteding blijft")
    arranged = tim.locator("section[aria-labelledby='records-title']")
    expect(arranged).to_contain_text("UWV heeft je aanvraag. Het gesprek is op")
    expect(arranged).to_contain_text("Je consulent gaat mee naar het gesprek.")
    assert_accessible(axe, tim)
    _no_sideways_scroll(tim)

    # The interview, then the decision; the advice ends, the trial runs on.
    office.goto(file + "/journey")
    _make_current(office, "Gesprek bij UWV")
    _make_current(office, "Het besluit")
    now = _now(office)
    assert "Alvast proberen op werk" in now and "Advies vragen bij UWV" not in now
    office.goto(file + "/records?kind=decision")
    office.get_by_label("Besloten op").fill(today.isoformat())
    office.get_by_label("Uitkomst").select_option("positive")
    together = office.locator("fieldset", has_text="Samen besloten met")
    together.locator("input[value=candidate]").check()
    together.locator("input[value=consultant]").check()
    office.get_by_role("button", name="Vastlegging opslaan").click()
    expect(office.get_by_role("status")).to_be_visible()

    # The contract while the trial runs: 45 hours and an end before the start are refused.
    office.goto(file + "/journey")
    _make_current(office, "Je contract tekenen")
    starts = today + timedelta(days=30)
    office.goto(file + "/records?kind=contract")
    office.get_by_label("Werkgever").fill("Groenwerk")
    office.get_by_label(re.compile("Uur per week")).fill("45")
    office.get_by_label(re.compile("Brutoloon")).fill("16,00")
    office.get_by_label("Startdatum").fill(starts.isoformat())
    office.get_by_label(re.compile("Einddatum")).fill((starts - timedelta(days=1)).isoformat())
    office.get_by_role("button", name="Vastlegging opslaan").click()
    summary = office.get_by_role("alert")
    expect(summary).to_contain_text("Er mist iets, of iets klopt niet.")
    expect(summary).to_contain_text("Uur per week: Dit mag niet meer dan 40 zijn.")
    expect(summary).to_contain_text("De einddatum moet na de startdatum liggen.")
    for field in ("Uur per week", "Einddatum"):
        expect(office.get_by_label(re.compile(field))).to_have_attribute("aria-invalid", "true")
    expect(office.locator("article.record")).to_have_count(2)  # the advice and the decision
    assert_accessible(axe, office)
    office.get_by_label(re.compile("Uur per week")).fill("28")
    office.get_by_label(re.compile("Einddatum")).fill(
        (starts + timedelta(days=364)).isoformat())
    office.get_by_role("button", name="Vastlegging opslaan").click()
    expect(office.get_by_role("status")).to_be_visible()
    expect(office.locator("article.record")).to_have_count(3)
    expect(office.get_by_role("link", name=re.compile(r"^Nieuwe versie\s*: Contract"))
           ).to_be_visible()

    # He reads his contract in plain words.
    tim.goto(live_server.url + "/")
    expect(tim.get_by_text(re.compile(r"Je contract: 28 uur per week, vanaf .*, voor 1 jaar"))
           ).to_be_visible()

    # At 320 px neither his home nor the Records page scrolls sideways.
    narrow_tim = tim.context.browser.new_context(locale="nl-NL", **NARROW)
    try:
        narrow_tim.add_cookies(tim.context.cookies())
        page = narrow_tim.new_page()
        page.goto(live_server.url + "/")
        expect(page.locator("#now-title")).to_be_visible()
        _no_sideways_scroll(page)
    finally:
        narrow_tim.close()
    narrow_office = office.context.browser.new_context(locale="nl-NL", **NARROW)
    try:
        narrow_office.add_cookies(office.context.cookies())
        page = narrow_office.new_page()
        page.goto(file + "/records?kind=contract")
        expect(page.locator("article.record")).to_have_count(3)
        _no_sideways_scroll(page)
    finally:
        narrow_office.close()
