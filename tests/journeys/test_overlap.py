"""Steps that run beside each other, honest dates, the placement limit and the way back as
each route offers it: through the API, as a consultant and as the candidate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.clock import local_today
from app.journeys.models import Journey, WayBackEvent
from tests.conftest import csrf_from
from tests.journeys.routes import (
    consultant_of,
    journey,
    make_current,
    states,
    step,
    take_on,
    write_guarantee,
)


@pytest.fixture
def desired(db, login_as):
    """A consultant of the desired-journey route and a new candidate on it."""
    consultant, route = consultant_of(db, "gewenste-klantreis")
    client = login_as(consultant)
    candidate = take_on(client, route)
    return client, candidate, route


def _walk_to_trial(client, candidate):
    for key in ("three-way-talk", "money-overview", "day-activities", "uwv-advice"):
        make_current(client, candidate, key)
    return make_current(client, candidate, "trial")


def test_the_trial_runs_beside_the_uwv_advice_with_the_day_activities_kept(desired):
    client, candidate, _route = desired
    seen = _walk_to_trial(client, candidate)
    now = states(seen)
    assert now["trial"] == now["uwv-advice"] == now["day-activities"] == "current"
    assert now["signal"] == now["three-way-talk"] == now["money-overview"] == "done"
    assert now["decision"] == "todo"


def test_every_current_step_comes_back_main_first(desired):
    client, candidate, _route = desired
    seen = _walk_to_trial(client, candidate)
    keys = {s["id"]: s["key"] for s in seen["steps"]}
    # The most recently started step that is not the day-activity phase leads; the phase last.
    assert [keys[i] for i in seen["current_step_ids"]] == ["trial", "uwv-advice",
                                                           "day-activities"]


def test_making_a_step_current_ends_only_the_steps_it_may_not_run_beside(desired):
    client, candidate, _route = desired
    _walk_to_trial(client, candidate)
    seen = make_current(client, candidate, "decision")
    now = states(seen)
    assert now["uwv-advice"] == "done" and now["decision"] == "current"
    assert now["trial"] == "current" and now["day-activities"] == "current"
    assert step(seen, "uwv-advice")["actual_end"] == local_today().isoformat()  # today, not later
    seen = make_current(client, candidate, "first-salary")
    now = states(seen)
    assert now["trial"] == now["day-activities"] == now["decision"] == "done"
    assert seen["current_step_ids"] == [step(seen, "first-salary")["id"]]


def test_the_day_activity_phase_alone_is_the_main_step(desired):
    client, candidate, _route = desired
    seen = make_current(client, candidate, "day-activities")
    assert seen["current_step_ids"] == [step(seen, "day-activities")["id"]]


def test_a_done_date_in_the_future_is_refused_and_nothing_changes(desired):
    client, candidate, _route = desired
    target = step(journey(client, candidate), "signal")
    url = f"/api/v1/candidates/{candidate}/journey/steps/{target['id']}"
    future = (local_today() + timedelta(days=3)).isoformat()
    response = client.patch(url, json={"state": "done", "actual_end": future},
                            headers={"If-Match": f'W/"{target["version"]}"'})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["invalid_params"][0]["code"] == "future_date"
    assert step(journey(client, candidate), "signal")["state"] == "current"


def test_a_journey_taken_on_midway_invents_no_future_dates(desired, login_as):
    client, _candidate, route = desired
    response = client.post("/api/v1/candidates", json={"display_name": "Halverwege"})
    candidate = response.json()["id"]
    started = client.post(f"/api/v1/candidates/{candidate}/journey",
                          json={"route_template_id": route, "current_position": 6})
    assert started.status_code == 201, started.text
    today = local_today().isoformat()
    for item in started.json()["steps"]:
        for field in ("actual_start", "actual_end"):
            assert item[field] is None or item[field] <= today, (item["key"], field)
    # The trial (position 6) is current, with the advice and the day activities beside it.
    now = states(started.json())
    assert now["trial"] == now["uwv-advice"] == now["day-activities"] == "current"
    assert now["signal"] == "done"


def test_another_placement_restarts_without_future_dates_or_negative_days(login_as, personas):
    floor = login_as(personas.consultant)
    old = journey(floor, personas.candidate)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/way-back",
                          json={"kind": "other_placement", "reason": "mismatch"})
    assert response.status_code == 201, response.text
    new = response.json()["journey"]
    today = local_today().isoformat()
    for item in new["steps"]:
        for field in ("actual_start", "actual_end"):
            assert item[field] is None or item[field] <= today, (item["key"], field)
    # What was done before is carried over with its real dates.
    assert step(new, "decision")["actual_end"] == step(old, "decision")["actual_end"]
    assert step(new, "trial")["state"] == "current"
    row = next(r for r in floor.get("/api/v1/caseload").json()["items"]
               if r["display_name"] == "Guy Visser")
    assert row["days_in_step"] is not None and row["days_in_step"] >= 0


def _way_back(client, candidate, **body):
    return client.post(f"/api/v1/candidates/{candidate}/way-back",
                       json={"reason": "mismatch", **body})


def test_a_fourth_workplace_where_three_is_the_limit_is_refused_and_nothing_stored(
        login_as, personas, db):
    floor = login_as(personas.consultant, **{"Accept-Language": "nl"})
    assert _way_back(floor, personas.candidate, kind="other_placement").json()[
        "placement_attempt"] == 2
    assert _way_back(floor, personas.candidate, kind="other_placement").json()[
        "placement_attempt"] == 3
    events = db.scalar(select(func.count()).select_from(WayBackEvent))
    journeys = db.scalar(select(func.count()).select_from(Journey))
    refused = _way_back(floor, personas.candidate, kind="other_placement")
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert body["code"] == "placement_limit_reached"
    assert "3 werkplekken" in body["detail"] and "andere voorziening" in body["detail"]
    assert db.scalar(select(func.count()).select_from(WayBackEvent)) == events
    assert db.scalar(select(func.count()).select_from(Journey)) == journeys
    # Another provision is still open.
    assert _way_back(floor, personas.candidate, kind="other_provision").status_code == 201


def test_the_back_office_shows_the_limit_as_a_friendly_error(login_as, browser_as, personas, db):
    floor_api = login_as(personas.consultant)
    for _ in range(2):
        assert _way_back(floor_api, personas.candidate, kind="other_placement").status_code == 201
    browser = browser_as(personas.consultant)
    browser.headers["Accept-Language"] = "en"
    base = f"/office/candidates/{personas.candidate}/way-back"
    page = browser.get(base)
    assert "At most 3 can be tried" in page.text
    events = db.scalar(select(func.count()).select_from(WayBackEvent))
    response = browser.post(base, data={"csrf_token": csrf_from(page.text),
                                        "kind": "other_placement", "reason": "mismatch"},
                            follow_redirects=False)
    assert response.status_code == 409
    assert 'role="alert"' in response.text and "At most 3 workplaces" in response.text
    assert db.scalar(select(func.count()).select_from(WayBackEvent)) == events


def test_a_way_back_the_route_does_not_offer_is_refused(login_as, personas, db):
    floor = login_as(personas.consultant)
    assert "secondment" not in journey(floor, personas.candidate)["way_back_choices"]
    events = db.scalar(select(func.count()).select_from(WayBackEvent))
    response = _way_back(floor, personas.candidate, kind="secondment")
    assert response.status_code == 422
    assert response.json()["invalid_params"][0] == {
        "name": "kind", "code": "not_offered", "reason": response.json()[
            "invalid_params"][0]["reason"]}
    assert db.scalar(select(func.count()).select_from(WayBackEvent)) == events


def test_a_way_back_starting_in_the_future_is_refused(login_as, personas):
    floor = login_as(personas.consultant)
    response = _way_back(floor, personas.candidate, kind="pause",
                         starts_on=(local_today() + timedelta(days=7)).isoformat())
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "starts_on"
    assert journey(floor, personas.candidate)["status"] == "active"


def test_secondment_goes_back_to_day_activities_keeping_the_salary(login_as, browser_as,
                                                                    personas):
    ravi = login_as(personas.other_consultant)
    write_guarantee(ravi, personas.other_candidate)
    assert "secondment" in journey(ravi, personas.other_candidate)["way_back_choices"]
    response = _way_back(ravi, personas.other_candidate, kind="secondment")
    assert response.status_code == 201, response.text
    back = response.json()["journey"]
    current = next(s for s in back["steps"] if s["id"] == back["current_step_ids"][0])
    assert current["kind"] == "return"
    assert current["texts"]["nl"]["title"] == "Dagbesteding, loon blijft"
    sanne = browser_as(personas.other_candidate)
    money = sanne.get(f"/c/{personas.other_candidate}/money").text
    assert "Je loon blijft hetzelfde" in money and "detacheren" in money
    assert "een aantal weken" not in money  # no gap in income: the salary stays
    guarantee = sanne.get(f"/c/{personas.other_candidate}/guarantee").text
    assert "Je loon blijft hetzelfde" in guarantee
    messages = sanne.get(f"/c/{personas.other_candidate}/messages").text
    assert "Je houdt je baan en je loon" in messages


def test_dates_in_the_past_stay_allowed(desired):
    client, candidate, _route = desired
    target = step(journey(client, candidate), "signal")
    response = client.patch(
        f"/api/v1/candidates/{candidate}/journey/steps/{target['id']}",
        json={"actual_start": (local_today() - timedelta(days=3)).isoformat()},
        headers={"If-Match": f'W/"{target["version"]}"'})
    assert response.status_code == 200
    assert date.fromisoformat(response.json()["actual_start"]) < local_today()


def test_the_candidate_home_shows_every_current_step_main_first(browser_as, personas):
    html = browser_as(personas.candidate).get(f"/c/{personas.candidate}").text
    trial, phase = html.find("Proberen op een werkplek"), html.find("Je dagbesteding blijft")
    assert 0 < trial < phase  # the trial (main) first, the day activities beside it
    assert "Ook nu" in html and "Week 3 van 8" in html
    assert html.count('class="card card-now"') == 2


def test_the_team_counts_a_candidate_once_at_the_main_step(login_as, personas):
    body = login_as(personas.consultant).get("/api/v1/team").json()
    almere = next(r for r in body["routes"] if r["key"] == "almere")
    by_key = {s["key"]: s["candidates_now"] for s in almere["steps"]}
    assert by_key["trial"] == 1 and by_key["day-activities"] == 0
    assert almere["candidates_now"] == 1  # Guy, not twice


def test_a_route_step_can_only_run_beside_a_step_of_its_own_route(login_as, personas, db):
    anouk = login_as(personas.admin)
    route = anouk.post("/api/v1/route-templates", json={"copy_from_shipped": "almere",
                                                        "key": "almere-test"}).json()
    steps = [{k: v for k, v in s.items() if k not in ("id", "position")}
             for s in route["steps"]]
    for item in steps:
        for language in ("nl", "en"):
            item["texts"][language].setdefault("waiting_note", "")
    steps[7]["runs_beside"] = ["nowhere"]
    response = anouk.put(f"/api/v1/route-templates/{route['id']}/steps", json={"steps": steps},
                         headers={"If-Match": f'W/"{route["version"]}"'})
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "steps.7.runs_beside"


def test_a_journey_cannot_start_past_its_last_step(desired):
    client, _candidate, route = desired
    candidate = client.post("/api/v1/candidates", json={"display_name": "Te ver"}).json()["id"]
    response = client.post(f"/api/v1/candidates/{candidate}/journey",
                           json={"route_template_id": route, "current_position": 30})
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "current_position"
    assert client.get(f"/api/v1/candidates/{candidate}/journey").status_code == 404
