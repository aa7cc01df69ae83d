"""Every calendar file reminds: a VALARM the day before and two hours before (or as the person
chose), whose text fits a lock screen: that there is an appointment, never what about."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select

from app.outbox.models import NotificationPreference

CHOICES = "/api/v1/me/notification-preferences"


def _alarms(ics: str) -> list[dict[str, str]]:
    unfolded = ics.replace("\r\n ", "")
    blocks = re.findall(r"BEGIN:VALARM\r\n(.*?)END:VALARM", unfolded, re.S)
    return [dict(line.split(":", 1) for line in block.split("\r\n") if line) for block in blocks]


def _first_appointment_ics(client, personas):
    upcoming = client.get(f"/api/v1/candidates/{personas.candidate}/appointments").json()
    appointment = upcoming["upcoming"][0]
    response = client.get(
        f"/api/v1/candidates/{personas.candidate}/appointments/{appointment['id']}/ics")
    assert response.status_code == 200
    return appointment, response.text


def test_a_download_reminds_the_day_before_and_two_hours_before(login_as, personas):
    guy = login_as(personas.candidate, **{"Accept-Language": "nl"})
    appointment, ics = _first_appointment_ics(guy, personas)
    alarms = _alarms(ics)
    assert [a["TRIGGER"] for a in alarms] == ["-P1D", "-PT2H"]
    assert all(a["ACTION"] == "DISPLAY" for a in alarms)
    assert [a["DESCRIPTION"] for a in alarms] == ["Je hebt morgen een afspraak.",
                                                  "Je hebt over 2 uur een afspraak."]
    # Nothing about what it is: no title, no place, no purpose on the lock screen.
    for alarm in alarms:
        assert appointment["title"] not in alarm["DESCRIPTION"]
        assert "Almere" not in alarm["DESCRIPTION"]


def test_the_feed_follows_the_candidates_own_reminder_choices(login_as, personas, client, db):
    guy = login_as(personas.candidate)
    saved = guy.put(CHOICES, headers={"If-Match": 'W/"0"'}, json={
        "email_enabled": True, "push_enabled": True, "remind_day_before": False,
        "remind_hours_before": 3, "quiet_from": "21:00", "quiet_until": "08:00"})
    assert saved.status_code == 200
    url = guy.post(f"/api/v1/candidates/{personas.candidate}/calendar-feed").json()["url"]
    feed = client.get(httpx.URL(url).path, headers={"Accept-Language": "nl"}).text
    events = feed.count("BEGIN:VEVENT")
    alarms = _alarms(feed)
    assert events >= 2 and len(alarms) == events  # one each, none the day before
    assert {a["TRIGGER"] for a in alarms} == {"-PT3H"}
    assert {a["DESCRIPTION"] for a in alarms} == {"Je hebt over 3 uur een afspraak."}


def test_a_download_follows_the_downloaders_choices_and_none_means_none(login_as, personas,
                                                                        db):
    floor = login_as(personas.consultant)
    assert floor.put(CHOICES, headers={"If-Match": 'W/"0"'}, json={
        "email_enabled": True, "push_enabled": False, "remind_day_before": False,
        "remind_hours_before": None, "quiet_from": None, "quiet_until": None}).status_code == 200
    stored = db.scalar(select(NotificationPreference).where(
        NotificationPreference.person_id == personas.consultant))
    assert stored.remind_hours_before is None and stored.quiet_from is None  # no default crept in
    _appointment, ics = _first_appointment_ics(floor, personas)
    assert "BEGIN:VALARM" not in ics
    _appointment, ics = _first_appointment_ics(login_as(personas.candidate), personas)
    assert len(_alarms(ics)) == 2  # Guy's own (default) choices are not Floor's


def test_the_feed_speaks_the_candidates_own_language(login_as, personas, client, db):
    from app.people.models import Person

    db.get(Person, personas.candidate).locale = "en"
    db.commit()
    guy = login_as(personas.candidate)
    url = guy.post(f"/api/v1/candidates/{personas.candidate}/calendar-feed").json()["url"]
    feed = client.get(httpx.URL(url).path).text  # a calendar app sends no language
    assert {a["DESCRIPTION"] for a in _alarms(feed)} == {
        "You have an appointment tomorrow.", "You have an appointment in 2 hours."}


def test_a_cancelled_appointment_does_not_remind(login_as, personas):
    floor = login_as(personas.consultant)
    appointments = floor.get(f"/api/v1/candidates/{personas.candidate}/appointments").json()
    appointment = appointments["upcoming"][0]
    base = f"/api/v1/candidates/{personas.candidate}/appointments/{appointment['id']}"
    assert floor.post(f"{base}/cancel").status_code == 200
    ics = floor.get(f"{base}/ics").text
    assert "STATUS:CANCELLED" in ics and "BEGIN:VALARM" not in ics
