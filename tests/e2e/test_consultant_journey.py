"""Floor's working day: password + TOTP, the first-salary flag, the benefits office informed
(the flag clears), an update, the UWV appointment, her absence with Sander as backup — and Guy,
in a second browser, sees the update, the appointment and his backup after a page load."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from app.clock import local_today
from app.demo.seed import DEMO_PASSWORD, EMAILS
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, redeem_demo_link

pytestmark = pytest.mark.e2e


def test_floors_day_and_guy_sees_it(live_server, new_context, axe):
    links = live_server.demo_links()
    guy = new_context(PHONE).new_page()
    redeem_demo_link(guy, links["candidate"])
    guy_id = int(re.search(r"/c/(\d+)/", guy.content()).group(1))

    # Floor enrols TOTP once (via her demo link), then signs in with password + code.
    floor = new_context(DESKTOP).new_page()
    redeem_demo_link(floor, links["consultant"])
    floor.goto(live_server.url + "/account/two-step")
    floor.get_by_role("button", name=re.compile("instellen", re.I)).click()
    secret = floor.locator("code.secret").inner_text()
    floor.get_by_label(re.compile("6 cijfers")).fill(pyotp.TOTP(secret).now())
    floor.get_by_role("button", name=re.compile("aan", re.I)).click()
    floor.context.clear_cookies()
    floor.goto(live_server.url + "/login")
    floor.get_by_label("E-mailadres").fill(EMAILS["consultant"])
    floor.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    floor.get_by_role("button", name="Inloggen").click()
    # Each code works once: enrolment used this time step's, so type the next one.
    floor.get_by_label(re.compile("6 cijfers")).fill(pyotp.TOTP(secret).at(time.time() + 30))
    floor.get_by_role("button", name="Inloggen").click()

    # The caseload flags Guy's first salary month.
    expect(floor.get_by_role("heading", level=1)).to_contain_text("caseload")
    guy_row = floor.get_by_role("row", name=re.compile("Guy Visser"))
    expect(guy_row).to_contain_text("Uitkeringen")
    assert_accessible(axe, floor)

    # Record the benefits office as informed: the flag clears.
    floor.goto(f"{live_server.url}/office/candidates/{guy_id}/money")
    floor.locator("#m-informed").fill(local_today().isoformat())
    floor.locator("#m-informed").locator("xpath=ancestor::form").get_by_role("button").click()
    floor.goto(live_server.url + "/office")
    expect(floor.get_by_role("row", name=re.compile("Guy Visser"))).not_to_contain_text(
        "Uitkeringen")

    # Post an update and plan the UWV appointment.
    floor.goto(f"{live_server.url}/office/candidates/{guy_id}/messages")
    floor.locator("#update-body").fill("Goed nieuws, Guy. Je gesprek bij UWV is gepland.")
    floor.get_by_role("button", name="Update versturen").click()
    floor.goto(f"{live_server.url}/office/candidates/{guy_id}/appointments")
    day = local_today() + timedelta(days=10)
    floor.locator("#new-title").fill("Gesprek bij UWV")
    floor.locator("#new-day").fill(day.isoformat())
    floor.locator("#new-start").fill("10:00")
    floor.locator("#new-end").fill("11:00")
    floor.locator("#new-place").fill("UWV Almere")
    floor.get_by_role("button", name="Afspraak plannen").click()

    # Floor is away for a week; Sander is the backup.
    floor.goto(f"{live_server.url}/office/candidates/{guy_id}/contact")
    floor.locator("#ab-start").fill(local_today().isoformat())
    floor.locator("#ab-end").fill((local_today() + timedelta(days=7)).isoformat())
    floor.get_by_role("button", name="Afwezigheid toevoegen").click()

    # Guy reloads his pages and sees all three.
    guy.goto(f"{live_server.url}/c/{guy_id}/messages")
    expect(guy.get_by_text("Goed nieuws, Guy.")).to_be_visible()
    guy.goto(f"{live_server.url}/c/{guy_id}/appointments")
    expect(guy.get_by_role("link", name="Gesprek bij UWV")).to_be_visible()
    guy.goto(live_server.url + "/")
    expect(guy.get_by_text("Sander Bakker").first).to_be_visible()
