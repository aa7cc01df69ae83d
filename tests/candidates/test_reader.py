"""The candidate's pages speak to whoever reads them (Guy as "je", his mother about "Guy"),
her banner sits inside a landmark, and the backup is always named."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from app.appointments.models import Appointment
from app.clock import to_local
from app.contacts.models import Absence


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_parent_is_addressed_about_guy_not_as_guy(browser_as, personas):
    marja = browser_as(personas.parent)
    guy_id = personas.candidate
    money = marja.get(f"/c/{guy_id}/money").text
    assert re.search(r"<h1>.*Het geld van Guy", money, re.S)
    assert "<title>Het geld van Guy" in money
    appointments = marja.get(f"/c/{guy_id}/appointments").text
    assert "<h1>Afspraken van Guy</h1>" in appointments
    home = marja.get(f"/c/{guy_id}").text
    assert "Contactpersoon van Guy" in home and "Je contactpersoon" not in home
    assert "Mijn geld" not in home
    more = marja.get(f"/c/{guy_id}/more").text
    assert "Het geld van Guy" in more and "Mijn geld" not in more


def test_the_candidate_is_still_addressed_as_je(browser_as, personas):
    guy = browser_as(personas.candidate)
    assert "Mijn geld" in guy.get(f"/c/{personas.candidate}/more").text
    assert "<h1>Afspraken</h1>" in guy.get(f"/c/{personas.candidate}/appointments").text
    assert "Je contactpersoon" in guy.get(f"/c/{personas.candidate}").text


def test_the_looking_along_banner_is_inside_main(browser_as, personas):
    html = browser_as(personas.parent).get(f"/c/{personas.candidate}/steps").text
    assert "Je kijkt mee met Guy" in _main(html)
    assert html.count("Je kijkt mee met Guy") == 1


def test_the_backup_is_named_on_the_contact_card_without_an_absence(browser_as, personas):
    for reader in (personas.candidate, personas.parent):
        home = browser_as(reader).get(f"/c/{personas.candidate}").text
        assert "Is Floor er niet? Dan helpt Sander Bakker." in home


def test_an_appointment_names_who_comes_instead_of_the_absent_contact(browser_as, personas,
                                                                      db):
    talk = db.scalar(select(Appointment).where(Appointment.candidate_id == personas.candidate,
                                               Appointment.title.like("Gesprek%")))
    page = f"/c/{personas.candidate}/appointments/{talk.id}"
    instead = "Floor is er niet. In plaats van Floor komt Sander Bakker."
    guy = browser_as(personas.candidate)
    assert instead not in guy.get(page).text
    day = to_local(talk.starts_at).date()
    db.add(Absence(consultant_id=personas.consultant, starts_on=day, ends_on=day + timedelta(1)))
    db.commit()
    assert instead in guy.get(page).text
    assert instead in guy.get(f"/c/{personas.candidate}/appointments").text
    other = db.scalar(select(Appointment).where(Appointment.candidate_id == personas.candidate,
                                                Appointment.title == "Driegesprek"))
    if to_local(other.starts_at).date() not in (day, day + timedelta(1)):
        assert instead not in guy.get(f"/c/{personas.candidate}/appointments/{other.id}").text


def test_the_parent_sees_the_updates_of_her_areas(browser_as, personas):
    html = browser_as(personas.parent).get(f"/c/{personas.candidate}/messages").text
    assert "Goed gedaan, Guy!" in _main(html)
