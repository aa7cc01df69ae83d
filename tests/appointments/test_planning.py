"""The consultant plans, changes and cancels appointments; the candidate is told what changed."""

from __future__ import annotations

import pytest


def _plan(floor, personas, **extra):
    body = {"title": "Gesprek bij UWV", "starts_at": "2030-03-01T10:00:00+01:00",
            "ends_at": "2030-03-01T11:00:00+01:00", "place_name": "UWV Almere",
            "address": "Stationsstraat 1, Almere", "purpose": "Het advies beschut werk",
            "what_to_bring": "Je ID-kaart", **extra}
    return floor.post(f"/api/v1/candidates/{personas.candidate}/appointments", json=body)


def test_plan_change_and_cancel_with_notices(login_as, personas):
    floor, guy = login_as(personas.consultant), login_as(personas.candidate)
    planned = _plan(floor, personas, attendees=[{"person_id": personas.consultant},
                                                {"person_id": personas.parent},
                                                {"name": "Arbeidsdeskundige UWV"}])
    assert planned.status_code == 201
    appointment = planned.json()
    assert [a["name"] for a in appointment["attendees"]] == [
        "Floor de Vries", "Marja Visser", "Arbeidsdeskundige UWV"]
    upcoming = guy.get(f"/api/v1/candidates/{personas.candidate}/appointments").json()["upcoming"]
    assert "Gesprek bij UWV" in [a["title"] for a in upcoming]
    url = f"/api/v1/candidates/{personas.candidate}/appointments/{appointment['id']}"
    changed = floor.patch(url, json={"starts_at": "2030-03-02T10:00:00+01:00",
                                     "ends_at": "2030-03-02T11:00:00+01:00"},
                          headers={"If-Match": f'W/"{appointment["version"]}"'})
    assert changed.status_code == 200
    stale = floor.patch(url, json={"place_name": "Elders"},
                        headers={"If-Match": f'W/"{appointment["version"]}"'})
    assert stale.status_code == 412
    assert floor.post(f"{url}/cancel").json()["cancelled"] is True
    notices = [
        m["body"] for m in guy.get(f"/api/v1/candidates/{personas.candidate}/messages").json()
    ]
    assert any("gaat niet door" in text or "niet door" in text for text in notices[:1])
    assert any("veranderd" in text for text in notices[:3])


def test_attendees_must_be_allowed_to_see_appointments(login_as, personas):
    # Jan the mentor may see steps only: he cannot be linked to an appointment.
    response = _plan(login_as(personas.consultant), personas,
                     attendees=[{"person_id": personas.steps_only_member}])
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "attendees.0.person_id"


@pytest.mark.parametrize("change", [
    {"ends_at": "2030-03-01T09:00:00+01:00"}, {"starts_at": "2030-03-01T10:00:00"},
    {"title": ""},
])
def test_bad_appointments_are_refused(change, login_as, personas):
    assert _plan(login_as(personas.consultant), personas, **change).status_code == 422


def test_home_shows_a_cancelled_appointment_as_the_latest_message(login_as, browser_as,
                                                                   personas):
    """A notice has no words of its own: the home card must still say what happened."""
    floor = login_as(personas.consultant)
    appointment = _plan(floor, personas).json()
    url = f"/api/v1/candidates/{personas.candidate}/appointments/{appointment['id']}"
    assert floor.post(f"{url}/cancel").status_code == 200
    html = browser_as(personas.candidate).get(f"/c/{personas.candidate}").text
    latest = html.split('id="update-title"', 1)[1].split("</section>", 1)[0]
    assert "Gesprek bij UWV" in latest and "gaat niet door" in latest


def test_an_appointment_links_only_to_a_step_of_the_candidates_own_journey(login_as, personas):
    """Found by the fuzzer: an unknown step id was a database conflict (409), not a clear 422."""
    floor = login_as(personas.consultant)
    steps = floor.get(f"/api/v1/candidates/{personas.candidate}/journey").json()["steps"]
    linked = _plan(floor, personas, journey_step_id=steps[0]["id"])
    assert linked.status_code == 201
    before = len(floor.get(f"/api/v1/candidates/{personas.candidate}/appointments").json()[
        "upcoming"])
    for step_id in (96138, steps[-1]["id"] + 100_000):
        refused = _plan(floor, personas, journey_step_id=step_id)
        assert refused.status_code == 422
        assert refused.json()["invalid_params"][0]["name"] == "journey_step_id"
    after = floor.get(f"/api/v1/candidates/{personas.candidate}/appointments").json()["upcoming"]
    assert len(after) == before


def _actor(db, person_id: int):
    from app.auth.actor import Actor
    from app.people.models import Person

    person = db.get(Person, person_id)
    return Actor(person_id=person.id, role=person.role, organisation_id=person.organisation_id,
                 display_name=person.display_name, session_id=0, via="bearer")


def test_the_attendee_choices_are_the_people_the_check_accepts(db, personas):
    from app.appointments import service
    from app.errors import NotFound

    choices = dict(service.attendee_choices(db, _actor(db, personas.consultant),
                                            personas.candidate))
    assert list(choices)[:2] == [personas.consultant, personas.backup_consultant]
    assert choices[personas.parent].endswith("(moeder)")  # she may see the appointments
    assert personas.steps_only_member not in choices and personas.colleague not in choices
    with pytest.raises(NotFound):  # a consultant of another candidate sees nobody
        service.attendee_choices(db, _actor(db, personas.other_consultant), personas.candidate)


def test_only_the_choices_can_be_linked_through_the_api(login_as, personas):
    floor = login_as(personas.consultant)
    url = f"/api/v1/candidates/{personas.candidate}/appointments"
    body = {"title": "Gesprek", "starts_at": "2030-03-01T10:00:00+01:00",
            "ends_at": "2030-03-01T11:00:00+01:00"}
    ok = floor.post(url, json={**body, "attendees": [{"person_id": personas.parent}]})
    assert ok.status_code == 201
    refused = floor.post(url, json={**body, "attendees": [
        {"person_id": personas.parent}, {"person_id": personas.steps_only_member}]})
    assert refused.status_code == 422
    assert refused.json()["invalid_params"][0]["name"] == "attendees.1.person_id"
