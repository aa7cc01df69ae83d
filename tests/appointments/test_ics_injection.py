"""Nothing typed into an appointment adds a line of its own to someone's calendar file: the
.ics writer escapes and folds every value, and control characters are refused on input."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from sqlalchemy import select

from app.appointments.models import Appointment

INJECTED = "Gesprek\rATTENDEE:mailto:boef@example.com\r\nX-INJ:1\nBEGIN:VALARM"


def _unfolded_lines(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_a_stored_title_with_line_breaks_stays_one_summary(login_as, personas, db):
    # Stored before input was checked (or by a route that forgot): the writer must still hold.
    appointment = db.scalars(select(Appointment).where(
        Appointment.candidate_id == personas.candidate,
        Appointment.cancelled_at.is_(None)).order_by(Appointment.starts_at.desc())).first()
    appointment.title = INJECTED
    appointment.place_name = "Stadhuis\r\nX-INJ:2"
    db.commit()
    response = login_as(personas.candidate).get(
        f"/api/v1/candidates/{personas.candidate}/appointments/{appointment.id}/ics")
    assert response.status_code == 200
    ics = response.text
    lines = _unfolded_lines(ics)
    assert not [line for line in lines if line.startswith(("ATTENDEE", "X-INJ"))]
    assert "\r" not in ics.replace("\r\n", "")  # no bare CR anywhere
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    assert lines.count("BEGIN:VALARM") == 2  # only the two reminders the app adds
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Gesprek")
    assert "ATTENDEE" not in event and "X-INJ" not in event


@pytest.mark.parametrize("field", ["title", "place_name", "address"])
@pytest.mark.parametrize("bad", ["Gesprek\rX-INJ:1", "Gesprek\nATTENDEE:x", "Ge\x00sprek",
                                 "Gesprek \u202ekoorb"])
def test_control_characters_in_an_appointment_are_refused(login_as, personas, db, field, bad):
    floor = login_as(personas.consultant, **{"Accept-Language": "nl"})
    before = db.scalar(select(Appointment.id).order_by(Appointment.id.desc()).limit(1))
    body = {"title": "Gesprek bij UWV", "starts_at": "2030-03-01T10:00:00+01:00",
            "ends_at": "2030-03-01T11:00:00+01:00", field: bad}
    answer = floor.post(f"/api/v1/candidates/{personas.candidate}/appointments", json=body)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    params = answer.json()["invalid_params"]
    assert [p["name"] for p in params] == [field]
    assert "teken" in params[0]["reason"]  # a Dutch sentence about the characters
    assert db.scalar(select(Appointment.id).order_by(Appointment.id.desc()).limit(1)) == before
