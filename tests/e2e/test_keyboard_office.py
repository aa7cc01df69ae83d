"""The consultant's journeys with the keyboard only: no mouse click from signing in with
password + TOTP to adding a candidate, the first-salary flag, the benefits office informed,
an update, an appointment, a backup and an absence. Every control is reached with Tab and
shows a visible focus; the candidate, on her phone, then sees the result."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pyotp
import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from app.auth import security
from app.clock import local_today
from app.db import unit_of_work, utcnow
from app.organisations.models import Organisation
from app.people.models import Person
from app.people.service import create_staff_member
from tests.e2e.conftest import DESKTOP, PHONE, accessibility_variants, assert_accessible
from tests.e2e.keyboard import press, tab_to, type_into

pytestmark = pytest.mark.e2e

PASSWORD = "toetsenbord-alleen-2026"


@pytest.fixture
def kees(live_server) -> tuple[str, str]:
    """A new Almere consultant with an empty caseload, password and TOTP set: this test's
    changes (his absence, his candidate) touch nobody else's."""
    email = f"kees.{utcnow().timestamp():.0f}@almere.example"
    secret = security.new_totp_secret()
    with unit_of_work(live_server.session_factory) as session:
        almere = session.scalar(select(Organisation.id).where(Organisation.slug == "almere"))
        floor = session.scalar(select(Person).where(Person.display_name == "Floor de Vries"))
        assert almere is not None and floor is not None
        person = create_staff_member(session, organisation_id=almere, display_name="Kees Jansen",
                                     email=email, password=PASSWORD, job_title="Consulent",
                                     phone="036 539 1234")
        person.totp_secret, person.totp_enabled_at = secret, utcnow()
    return email, secret


def type_date(page: Page, target: Locator, day: date) -> None:
    """Chromium's date field takes month, day and year as typed digits (headless Chromium
    orders the parts by the system's locale, not the page's)."""
    tab_to(page, target)
    page.keyboard.type(day.strftime("%m%d%Y"))
    expect(target).to_have_value(day.isoformat())


def type_time(page: Page, target: Locator, hour: int, minute: int = 0) -> None:
    """Headless Chromium's time field has hour, minute and AM/PM parts (system locale)."""
    tab_to(page, target)
    twelve = hour % 12 or 12
    page.keyboard.type(f"{twelve:02d}{minute:02d}{'A' if hour < 12 else 'P'}")
    expect(target).to_have_value(f"{hour:02d}:{minute:02d}")


def choose(page: Page, select: Locator, label: str) -> None:
    """Pick an option of a closed <select> by typing the start of its label."""
    tab_to(page, select)
    page.keyboard.type(label)
    expect(select.locator("option:checked")).to_have_text(re.compile(re.escape(label)))


def file_section(page: Page, name: str) -> None:
    press(page, page.locator("nav.file-nav").get_by_role("link", name=name, exact=True))
    expect(page.locator("nav.file-nav a[aria-current=page]")).to_have_text(
        re.compile(name))


def test_a_consultant_runs_a_new_candidate_with_the_keyboard_only(live_server, new_context,
                                                                   kees, axe):
    email, secret = kees
    today = local_today()
    page = new_context(DESKTOP).new_page()

    # Sign in: e-mail, password, then the six-digit code.
    page.goto(live_server.url + "/login")
    type_into(page, page.get_by_label("E-mailadres"), email)
    type_into(page, page.get_by_label("Wachtwoord"), PASSWORD)
    press(page, page.get_by_role("button", name="Inloggen"))
    type_into(page, page.get_by_label(re.compile("6 cijfers")), pyotp.TOTP(secret).now())
    press(page, page.get_by_role("button", name="Inloggen"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("caseload"))

    # A new candidate on the Almere route; her phone is enrolled with the code on screen.
    press(page, page.get_by_role("link", name="Nieuwe kandidaat"))
    type_into(page, page.get_by_label("Naam"), "Noor Hendriks")
    type_into(page, page.get_by_label("Dagbestedingsplek"), "De Schakel")
    choose(page, page.get_by_label("Route"), "Almere")
    press(page, page.get_by_role("button", name="Kandidaat toevoegen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noor Hendriks")
    assert_accessible(axe, page)
    press(page, page.get_by_role("button", name=re.compile("inloglink", re.I)))
    code = page.locator("code.code").inner_text()

    # Money: on a benefit, work starts in three weeks: the first-salary month is flagged.
    file_section(page, "Geld")
    type_into(page, page.locator("#m-age"), "31")
    choose(page, page.get_by_label("Uitkering", exact=True), "Bijstand")
    type_into(page, page.get_by_label("Geplande uren per week"), "16")
    type_date(page, page.get_by_label("Startdatum van het werk"), today + timedelta(days=21))
    press(page, page.get_by_role("button", name="Geldgegevens opslaan"))
    expect(page.get_by_role("status").first).to_be_visible()
    press(page, page.get_by_role("link", name="Caseload", exact=True))
    noor = page.get_by_role("row", name=re.compile("Noor Hendriks"))
    expect(noor).to_contain_text("Uitkeringen")

    # The benefits office is told: the flag clears.
    press(page, noor.get_by_role("link", name="Noor Hendriks"))
    file_section(page, "Geld")
    type_date(page, page.get_by_label("Uitkeringen geïnformeerd op"), today)
    press(page, page.get_by_role("button", name="Datum vastleggen"))
    press(page, page.get_by_role("link", name="Caseload", exact=True))
    noor = page.get_by_role("row", name=re.compile("Noor Hendriks"))
    expect(noor).not_to_contain_text("Uitkeringen")

    # An update and an appointment.
    press(page, noor.get_by_role("link", name="Noor Hendriks"))
    file_section(page, "Berichten")
    type_into(page, page.get_by_label("Je update"), "Welkom, Noor. Ik ben Kees. Ik help je.")
    press(page, page.get_by_role("button", name="Update versturen"))
    expect(page.get_by_text("Welkom, Noor.").first).to_be_visible()
    file_section(page, "Afspraken")
    type_into(page, page.locator("#new-title"), "Kennismaken bij De Schakel")
    type_date(page, page.locator("#new-day"), today + timedelta(days=5))
    type_time(page, page.locator("#new-start"), 10)
    type_time(page, page.locator("#new-end"), 11)
    type_into(page, page.locator("#new-place"), "De Schakel")
    press(page, page.get_by_role("button", name="Afspraak plannen"))
    expect(page.get_by_text("Kennismaken bij De Schakel").first).to_be_visible()

    # Floor becomes the backup; Kees is away this week.
    file_section(page, "Contactpersoon")
    choose(page, page.get_by_label("Back-up", exact=True), "Floor")
    press(page, page.get_by_role("button", name="Opslaan", exact=True))
    type_date(page, page.locator("#ab-start"), today)
    type_date(page, page.locator("#ab-end"), today + timedelta(days=6))
    press(page, page.get_by_role("button", name="Afwezigheid toevoegen"))
    expect(page.locator("#absences").locator("xpath=..")).to_contain_text(
        str((today + timedelta(days=6)).year))

    # Noor enrols her phone with the code and sees all of it.
    noor_phone = new_context(PHONE).new_page()
    noor_phone.goto(live_server.url + "/code")
    noor_phone.get_by_label(re.compile("code", re.I)).first.fill(code)
    noor_phone.keyboard.press("Enter")
    expect(noor_phone.get_by_text("Hallo Noor")).to_be_visible()
    expect(noor_phone.get_by_text("Kennismaken bij De Schakel", exact=True)).to_be_visible()
    expect(noor_phone.get_by_text(re.compile("Kees Jansen is er niet"))).to_be_visible()
    expect(noor_phone.get_by_text("Floor de Vries").first).to_be_visible()
    noor_phone.get_by_role("link", name="Alle berichten").click()
    expect(noor_phone.get_by_text("Welkom, Noor.")).to_be_visible()


@accessibility_variants("locale")
@pytest.mark.markup
def test_caseload_and_new_candidate_pages_are_accessible(locale, device, live_server,
                                                         new_context, kees, axe):
    """Including the states after a filter and after a refused form."""
    email, secret = kees
    page = new_context(device, locale=locale).new_page()
    page.goto(live_server.url + "/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.locator("input[autocomplete=one-time-code]").fill(pyotp.TOTP(secret).now())
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/office")
    expect(page.locator("html")).to_have_attribute("lang", locale[:2])
    assert_accessible(axe, page)
    page.goto(live_server.url + "/office?flag=first_salary_soon&sort=name&step=trial")
    assert_accessible(axe, page)
    page.goto(live_server.url + "/office/candidates/new")
    assert_accessible(axe, page)
    page.locator("#display_name").fill("   ")
    page.locator("form.form button[type=submit]").click()  # no name: refused, said why
    expect(page.locator("#display_name")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, page)
