"""Guy's and his parent's journeys on the demo data, on a phone (390×844, touch), with the
mouse and with the keyboard only; axe checks every page for candidate and network member, in
Dutch and English, at 390 and 1280 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    PHONE,
    accessibility_variants,
    assert_accessible,
    assert_no_horizontal_scroll,
    redeem_demo_link,
)
from tests.e2e.keyboard import press, tab_to, type_into

pytestmark = pytest.mark.e2e


def sign_in(page: Page, link: str) -> int:
    redeem_demo_link(page, link)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return int(re.search(r"/c/(\d+)/", page.content()).group(1))


def nav(page: Page, name: str):
    return page.get_by_role("navigation", name=re.compile("Hoofdmenu|Main menu")).get_by_role(
        "link", name=re.compile(name))


def test_guy_and_his_parent(live_server, new_context):
    guy = new_context(PHONE).new_page()
    guy_id = sign_in(guy, live_server.demo_links()["candidate"])

    # Home: the step now, with the trial week.
    expect(guy.get_by_role("heading", level=1)).to_have_text("Hallo Guy")
    expect(guy.get_by_text("Week 3 van 8")).to_be_visible()
    guy.get_by_role("link", name="Meer over deze stap").click()
    expect(guy.get_by_role("heading", name="Wat er gebeurt")).to_be_visible()

    # An appointment and its calendar file.
    nav(guy, "Afspraken").click()
    guy.get_by_role("link", name="Gesprek over je proefplaatsing").click()
    expect(guy.get_by_role("heading", name="Waar", exact=True)).to_be_visible()
    with guy.expect_download() as download_info:
        guy.get_by_role("link", name=re.compile("agenda")).click()
    ics = download_info.value.path().read_text()
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Gesprek over je proefplaatsing" in ics

    # Read the update, ask a question.
    nav(guy, "Berichten").click()
    expect(guy.get_by_text("Goed gedaan, Guy!")).to_be_visible()
    guy.get_by_role("button", name="Ik heb dit gelezen").click()
    expect(guy.get_by_role("button", name="Ik heb dit gelezen")).to_have_count(0)
    guy.get_by_label("Je vraag").fill("Moet ik vrijdag ook komen?")
    guy.get_by_role("button", name="Verstuur").click()
    expect(guy.get_by_role("status")).to_contain_text("verstuurd")
    expect(guy.get_by_text("Moet ik vrijdag ook komen?")).to_be_visible()

    # The guarantee.
    nav(guy, "Meer").click()
    guy.get_by_role("link", name="Als het niet lukt").click()
    expect(guy.get_by_text("De Werkplaats Almere").first).to_be_visible()

    # Invite a parent with steps and guarantee only.
    guy.goto(f"{live_server.url}/c/{guy_id}/network")
    guy.get_by_label("Naam").fill("Ria Visser")
    guy.get_by_label(re.compile("Wie is dit")).fill("tante")
    invite_form = guy.locator("form", has=guy.get_by_label("Naam"))
    invite_form.get_by_label("Stappen").check()
    invite_form.get_by_label("Als het niet lukt").check()
    guy.get_by_role("button", name=re.compile("uitnodiging")).click()
    link = guy.locator("a[href*='/i/']").get_attribute("href")
    expect(guy.get_by_role("img", name=re.compile("QR"))).to_be_visible()

    # The parent signs in on her own phone and sees only those areas.
    ria = new_context(PHONE).new_page()
    redeem_demo_link(ria, link)
    expect(ria.get_by_role("note")).to_contain_text("Je kijkt mee met Guy")
    expect(nav(ria, "Stappen")).to_be_visible()
    expect(nav(ria, "Afspraken")).to_have_count(0)
    nav(ria, "Stappen").click()
    expect(ria.get_by_role("heading", level=1)).to_contain_text("Guy")
    response = ria.goto(f"{live_server.url}/c/{guy_id}/appointments")
    assert response.status == 404
    ria.goto(f"{live_server.url}/c/{guy_id}/guarantee")
    expect(ria.get_by_text("De Werkplaats Almere").first).to_be_visible()
    ria.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Berichten").click()
    ria.get_by_role("textbox", name="Je vraag").fill("Wanneer is het gesprek bij UWV?")
    ria.get_by_role("button", name="Verstuur").click()
    expect(ria.get_by_text("Wanneer is het gesprek bij UWV?")).to_be_visible()

    # Guy revokes after saying yes to the question; Ria loses access at once and is told why.
    guy.goto(f"{live_server.url}/c/{guy_id}/network")
    guy.get_by_role("link", name="Stop het meekijken van Ria Visser").click()
    expect(guy.get_by_text("Weet je het zeker?")).to_be_visible()
    guy.get_by_role("button", name="Ja, stop het meekijken").click()
    expect(guy.get_by_text("Mag niet meer meekijken")).to_be_visible()
    expect(guy.get_by_role("button", name=re.compile("Ongedaan maken"))).to_be_visible()
    response = ria.goto(f"{live_server.url}/c/{guy_id}/steps")
    assert response.status == 403
    expect(ria.get_by_text("Guy heeft besloten dat je niet meer meekijkt.")).to_be_visible()


def test_guy_with_the_keyboard_only(live_server, new_context):
    page = new_context(PHONE).new_page()
    page.goto(live_server.demo_links()["candidate"])
    press(page, page.get_by_role("button", name=re.compile("Stapwijzer")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo Guy")
    press(page, page.get_by_role("link", name="Meer over deze stap"))
    expect(page.get_by_role("heading", name="Wat er gebeurt")).to_be_visible()
    press(page, nav(page, "Afspraken"))
    press(page, page.get_by_role("link", name="Gesprek over je proefplaatsing"))
    expect(page.get_by_role("heading", name="Waar", exact=True)).to_be_visible()
    press(page, nav(page, "Berichten"))
    type_into(page, page.get_by_label("Je vraag"), "Een vraag met het toetsenbord")
    press(page, page.get_by_role("button", name="Verstuur"))
    expect(page.get_by_text("Een vraag met het toetsenbord")).to_be_visible()
    press(page, nav(page, "Meer"))
    press(page, page.get_by_role("link", name="Mijn netwerk"))
    type_into(page, page.get_by_label("Naam"), "Oom Kees")
    invite_form = page.locator("form", has=page.get_by_label("Naam"))
    press(page, invite_form.get_by_label("Stappen"), " ")
    press(page, page.get_by_role("button", name=re.compile("uitnodiging")))
    expect(page.get_by_role("status")).to_contain_text("klaar")
    tab_to(page, page.locator("a[href*='/i/']"))


def _pages(candidate_id: int, appointment_id: int, step_id: int, role: str) -> list[str]:
    pages = ["/", f"/c/{candidate_id}/steps", f"/c/{candidate_id}/steps/{step_id}",
             f"/c/{candidate_id}/appointments", f"/c/{candidate_id}/appointments/{appointment_id}",
             f"/c/{candidate_id}/messages", f"/c/{candidate_id}/more",
             f"/c/{candidate_id}/guarantee", f"/c/{candidate_id}/guarantee/1/letter",
             f"/c/{candidate_id}/money", "/settings", "/settings/my-data", "/woorden"]
    if role == "candidate":
        pages.append(f"/c/{candidate_id}/network")
    return pages


@accessibility_variants("language")
@pytest.mark.parametrize("role", ["candidate", "parent"])
@pytest.mark.markup
def test_every_page_is_accessible(role, language, device, live_server, new_context, axe):
    page = new_context(device, locale=language).new_page()
    candidate_id = sign_in(page, live_server.demo_links()[role])
    page.goto(f"{live_server.url}/c/{candidate_id}/appointments")
    appointment_id = int(re.search(r"/appointments/(\d+)", page.content()).group(1))
    page.goto(f"{live_server.url}/c/{candidate_id}/steps")
    step_id = int(re.search(r"/steps/(\d+)", page.content()).group(1))
    for path in _pages(candidate_id, appointment_id, step_id, role):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(axe, page)
        assert_no_horizontal_scroll(page)
    if role == "candidate":  # the question before someone's access stops
        page.goto(f"{live_server.url}/c/{candidate_id}/network")
        confirm = re.search(r'href="(/c/\d+/network/\d+/revoke)"', page.content()).group(1)
        assert page.goto(live_server.url + confirm).status == 200
        assert_accessible(axe, page)
        assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("role", ["candidate", "parent"])
@pytest.mark.markup
def test_no_sideways_scrolling_at_320px_and_200_percent_text(role, live_server, new_context):
    context = new_context({"viewport": {"width": 320, "height": 640}, "is_mobile": True,
                           "has_touch": True})
    page = context.new_page()
    candidate_id = sign_in(page, live_server.demo_links()[role])
    for path in ("/", f"/c/{candidate_id}/steps", f"/c/{candidate_id}/messages", "/settings"):
        page.goto(live_server.url + path)
        assert_no_horizontal_scroll(page)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert_no_horizontal_scroll(page)
