"""Appointments: lists, calendar files, the revocable feed and "I can't come"."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from app.appointments.models import Appointment
from app.clock import local_today
from app.contacts.models import Absence
from app.messages.models import Message


def _guy_appointments(login_as, personas):
    response = login_as(personas.candidate).get(
        f"/api/v1/candidates/{personas.candidate}/appointments"
    )
    assert response.status_code == 200
    return response.json()


def test_upcoming_and_past_with_attendees_and_map_link(login_as, personas):
    body = _guy_appointments(login_as, personas)
    upcoming, past = body["upcoming"], body["past"]
    assert [a["title"] for a in upcoming] == ["Gesprek over je proefplaatsing"]
    assert [a["title"] for a in past] == ["Driegesprek"]
    visit = upcoming[0]
    assert {a["name"] for a in visit["attendees"]} == {"Floor de Vries", "Tim de Wit"}
    assert visit["map_url"].startswith("https://www.openstreetmap.org/search?query=Havenkade")


def test_ics_download_is_a_valid_calendar(login_as, personas):
    appointment = _guy_appointments(login_as, personas)["upcoming"][0]
    response = login_as(personas.candidate).get(
        f"/api/v1/candidates/{personas.candidate}/appointments/{appointment['id']}/ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    text = response.text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Gesprek over je proefplaatsing" in text
    assert "LOCATION:Maaltijdservice De Kromme Lepel\\, Havenkade 12\\, 1315 JK Almere" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    starts = appointment["starts_at"]
    assert f"DTSTART:{starts[:4]}{starts[5:7]}{starts[8:10]}T" in text


def test_calendar_feed_works_until_revoked(login_as, personas, client):
    guy = login_as(personas.candidate)
    url = guy.post(f"/api/v1/candidates/{personas.candidate}/calendar-feed").json()["url"]
    path = httpx.URL(url).path
    feed = client.get(path)
    assert feed.status_code == 200 and feed.text.count("BEGIN:VEVENT") == 2
    renewed = guy.post(f"/api/v1/candidates/{personas.candidate}/calendar-feed").json()["url"]
    assert client.get(path).status_code == 404  # the old address stops working
    assert client.get(httpx.URL(renewed).path).status_code == 200
    assert guy.delete(f"/api/v1/candidates/{personas.candidate}/calendar-feed").status_code == 204
    assert client.get(httpx.URL(renewed).path).status_code == 404
    assert client.get("/api/v1/calendar/not-a-real-token.ics").status_code == 404


def test_cannot_come_goes_to_the_contact_or_the_backup_when_away(login_as, personas, db):
    appointment = _guy_appointments(login_as, personas)["upcoming"][0]
    url = f"/api/v1/candidates/{personas.candidate}/appointments/{appointment['id']}/cannot-come"
    guy = login_as(personas.candidate)
    first = guy.post(url, json={"note": "Ik moet naar de tandarts."})
    assert first.status_code == 201
    assert first.json()["addressed_to_id"] == personas.consultant
    assert first.json()["about_appointment_id"] == appointment["id"]
    db.add(Absence(consultant_id=personas.consultant, starts_on=local_today() - timedelta(days=1),
                   ends_on=local_today() + timedelta(days=7), note="vakantie"))
    db.commit()
    second = guy.post(url, json={"note": "Ik ben ziek."})
    assert second.status_code == 201
    assert second.json()["addressed_to_id"] == personas.backup_consultant


def test_cannot_come_for_someone_elses_appointment_is_not_found(login_as, personas, db):
    sanne_appointment = Appointment(
        candidate_id=personas.other_candidate, title="x",
        starts_at=db.scalar(select(Appointment.starts_at)),
        ends_at=db.scalar(select(Appointment.ends_at)),
    )
    db.add(sanne_appointment)
    db.commit()
    before = len(list(db.scalars(select(Message))))
    response = login_as(personas.candidate).post(
        f"/api/v1/candidates/{personas.candidate}/appointments/{sanne_appointment.id}/cannot-come",
        json={"note": "x"})
    assert response.status_code == 404
    assert len(list(db.scalars(select(Message)))) == before


@pytest.mark.parametrize("body", [{}, {"note": ""}, {"note": "   "}])
def test_cannot_come_needs_a_note_and_stores_nothing_without_one(body, login_as, personas, db):
    appointment = _guy_appointments(login_as, personas)["upcoming"][0]
    before = db.scalar(select(func.count()).select_from(Message))
    response = login_as(personas.candidate).post(
        f"/api/v1/candidates/{personas.candidate}/appointments/{appointment['id']}/cannot-come",
        json=body, headers={"Accept-Language": "nl"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert [p["name"] for p in problem["invalid_params"]] == ["note"]
    if body:  # an empty note is refused in words that say what to write
        assert problem["invalid_params"][0]["reason"] == (
            "Schrijf waarom je niet kunt komen, of wat beter past.")
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Message)) == before
