"""Seed rules of the journey (shared/seed-rules.md): one test per rule row, named after the
rule, with the Dutch cue of the report in its docstring. Each shows the rule as behaviour:
the route's steps and what may run beside what, the limits, and the way back."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.clock import local_today
from app.contacts.models import ContactAssignment
from app.journeys.models import WayBackEvent
from tests.journeys.routes import (
    consultant_of,
    journey,
    make_current,
    states,
    step,
    take_on,
    write_guarantee,
)


def _route(client, route_id: int) -> dict:
    response = client.get(f"/api/v1/route-templates/{route_id}")
    assert response.status_code == 200, response.text
    return response.json()


def _keys(route: dict) -> list[str]:
    return [s["key"] for s in route["steps"]]


def _on_route(db, login_as, key: str):
    consultant, route = consultant_of(db, key)
    client = login_as(consultant)
    return client, take_on(client, route), route


def _way_back(client, candidate, kind, **extra):
    return client.post(f"/api/v1/candidates/{candidate}/way-back",
                       json={"kind": kind, "reason": "too_much", **extra})


# --- the desired customer journey (2020) -------------------------------------------------------


def test_desired_journey_starts_with_the_signal_then_a_three_way_talk(db, login_as):
    """"driegesprek", "vergeet ook de ouders niet": the supervisor's signal starts it, then a
    talk of three, the parents invited early, and the money overview before the choice."""
    client, candidate, route = _on_route(db, login_as, "gewenste-klantreis")
    keys = _keys(_route(client, route))
    assert keys[:3] == ["signal", "three-way-talk", "money-overview"]
    talk = step(journey(client, candidate), "three-way-talk")
    assert "ouders" in talk["texts"]["nl"]["who"].lower()
    assert keys.index("money-overview") < keys.index("uwv-advice")


def test_desired_journey_trial_overlaps_the_uwv_advice(db, login_as):
    """"ik mag ondertussen starten met een proefplaatsing", "overlapfase", "laat de indicatie
    zorg nog even voortduren": the trial is current beside the UWV advice, with the day
    activities (and their indication) kept as a current phase."""
    client, candidate, _route = _on_route(db, login_as, "gewenste-klantreis")
    for key in ("day-activities", "uwv-advice", "trial"):
        seen = make_current(client, candidate, key)
    now = states(seen)
    assert now["trial"] == now["uwv-advice"] == now["day-activities"] == "current"
    assert "indicatie" in step(seen, "day-activities")["texts"]["nl"]["what_happens"]


def test_desired_journey_says_how_long_it_takes_up_front(db, login_as, browser_as):
    """"geef duidelijkheid over het termijn": the whole route (overlap counted once) takes
    about 4 months, shown on the route and on the candidate's steps page."""
    client, candidate, route = _on_route(db, login_as, "gewenste-klantreis")
    days = _route(client, route)["expected_total_days"]
    assert 100 <= days <= 130  # about 4 months, not the 5+ of the steps one after another
    page = browser_as(candidate).get(f"/c/{candidate}/steps").text
    assert "De hele route duurt ongeveer 4 maanden" in page


# --- Almere ------------------------------------------------------------------------------------


def test_almere_observation_before_the_advice_asked_together(login_as, personas, db):
    """"geobserveerd", "samen met de kandidaat aan": first an observation at the day-activity
    workplace, then the advice is requested together with the candidate."""
    floor = login_as(personas.consultant)
    keys = [s["key"] for s in journey(floor, personas.candidate)["steps"]]
    assert keys.index("observation") < keys.index("uwv-advice")
    advice = step(journey(floor, personas.candidate), "uwv-advice")
    assert "samen" in advice["texts"]["nl"]["summary"].lower()


def test_almere_eight_week_trial_after_a_positive_advice(login_as, personas):
    """"na een positief advies", "acht weken": the trial comes after the decision, lasts 8
    weeks, the day activities stay beside it, and it can be made longer when in doubt."""
    floor = login_as(personas.consultant)
    seen = journey(floor, personas.candidate)
    keys = [s["key"] for s in seen["steps"]]
    assert keys.index("decision") < keys.index("trial") < keys.index("contract")
    trial = step(seen, "trial")
    assert trial["trial_weeks"] == 8 and trial["state"] == "current"
    assert step(seen, "day-activities")["state"] == "current"
    longer = floor.patch(f"/api/v1/candidates/{personas.candidate}/journey/steps/{trial['id']}",
                         json={"trial_weeks": 10},
                         headers={"If-Match": f'W/"{trial["version"]}"'})
    assert longer.status_code == 200 and longer.json()["trial_weeks"] == 10


def test_almere_at_most_three_placement_attempts(login_as, personas, db):
    """"maximaal drie keer": a fourth workplace is refused (409, nothing stored); another
    provision is what follows."""
    floor = login_as(personas.consultant)
    assert _way_back(floor, personas.candidate, "other_placement").status_code == 201
    assert _way_back(floor, personas.candidate, "other_placement").status_code == 201
    before = db.scalar(select(func.count()).select_from(WayBackEvent))
    fourth = _way_back(floor, personas.candidate, "other_placement")
    assert fourth.status_code == 409 and fourth.json()["code"] == "placement_limit_reached"
    assert db.scalar(select(func.count()).select_from(WayBackEvent)) == before
    assert "other_provision" in journey(floor, personas.candidate)["way_back_choices"]


# --- Amsterdam ---------------------------------------------------------------------------------


def test_amsterdam_optional_learning_work_internship(db, login_as):
    """"leer-werkstage": sometimes first an unpaid learning-work placement, before the
    advice; it can be skipped."""
    client, candidate, route = _on_route(db, login_as, "amsterdam")
    keys = _keys(_route(client, route))
    assert keys.index("work-learning-internship") < keys.index("uwv-advice")
    internship = step(journey(client, candidate), "work-learning-internship")
    skipped = client.patch(
        f"/api/v1/candidates/{candidate}/journey/steps/{internship['id']}",
        json={"state": "skipped"}, headers={"If-Match": f'W/"{internship["version"]}"'})
    assert skipped.status_code == 200 and skipped.json()["state"] == "skipped"


def test_amsterdam_return_route_keeps_the_salary_through_secondment(login_as, personas):
    """"detacheringsconstructie hun salaris": from paid work back to day activities, the
    salary kept through secondment."""
    ravi = login_as(personas.other_consultant)
    write_guarantee(ravi, personas.other_candidate)
    response = _way_back(ravi, personas.other_candidate, "secondment")
    assert response.status_code == 201, response.text
    back = response.json()["journey"]
    current = step(back, "way-back")
    assert current["state"] == "current" and "loon" in current["texts"]["nl"]["summary"]


# --- Oss ---------------------------------------------------------------------------------------


def test_oss_the_municipality_stays_responsible_on_the_way_back(db, login_as):
    """"houdt de gemeente de verantwoordelijkheid": after going back the municipality's
    consultant stays the contact person and the guarantee stays in force."""
    client, candidate, _route = _on_route(db, login_as, "oss")
    write_guarantee(client, candidate)
    primary = db.scalar(select(ContactAssignment.primary_id).where(
        ContactAssignment.candidate_id == candidate))
    response = _way_back(client, candidate, "return")
    assert response.status_code == 201, response.text
    db.expire_all()
    assert db.scalar(select(ContactAssignment.primary_id).where(
        ContactAssignment.candidate_id == candidate)) == primary
    assert client.get(f"/api/v1/candidates/{candidate}/guarantee").status_code == 200
    back = journey(client, candidate)
    assert back["status"] == "active"
    assert "gemeente blijft verantwoordelijk" in step(back, "way-back")["texts"]["nl"][
        "what_happens"]


# --- Rijk van Nijmegen -------------------------------------------------------------------------


def test_rijk_van_nijmegen_development_arrangement_may_be_paused(db, login_as):
    """"basisarrangement", "ontwikkelarrangement", "pauze": the development year may be
    paused: the route offers a pause and the journey is paused."""
    client, candidate, _route = _on_route(db, login_as, "rijk-van-nijmegen")
    make_current(client, candidate, "development-year")
    assert "pause" in journey(client, candidate)["way_back_choices"]
    response = _way_back(client, candidate, "pause", hours_per_week=8)
    assert response.status_code == 201 and response.json()["journey"]["status"] == "paused"


def test_rijk_van_nijmegen_supervisor_stays_until_the_job_coach_takes_over(db, login_as):
    """"blijft in beeld… jobcoach": the day-activity phase stays current beside the work
    steps until the step to work is complete (the contract); then the job coach takes over."""
    client, candidate, _route = _on_route(db, login_as, "rijk-van-nijmegen")
    for key in ("day-activities", "development-year", "uwv-advice", "decision", "contract"):
        seen = make_current(client, candidate, key)
        assert states(seen)["day-activities"] == "current", key
    seen = make_current(client, candidate, "job-coach")
    assert states(seen)["day-activities"] == "done"
    assert states(seen)["job-coach"] == "current"


def test_rijk_van_nijmegen_fallback_choices(db, login_as):
    """"indicatie Banenafspraak", "teruggaan naar dagbesteding": on fallback another
    workplace, an extra instrument or a switch from Banenafspraak to beschut werk, or back to
    day activities; a secondment is not this route's."""
    client, candidate, _route = _on_route(db, login_as, "rijk-van-nijmegen")
    choices = journey(client, candidate)["way_back_choices"]
    assert set(choices) == {"other_placement", "other_provision", "return", "pause"}
    assert _way_back(client, candidate, "secondment").status_code == 422
    switched = _way_back(client, candidate, "other_provision")
    assert switched.status_code == 201 and switched.json()["journey"]["status"] == "active"


# --- Ferm Werk ---------------------------------------------------------------------------------


def test_ferm_werk_research_trajectory_of_three_to_six_months(db, login_as):
    """"onderzoekstraject": hours at work are built up over three to six months, with the
    day activities kept beside it."""
    client, _candidate, route = _on_route(db, login_as, "ferm-werk")
    steps = {s["key"]: s for s in _route(client, route)["steps"]}
    build_up = steps["build-up-hours"]
    assert build_up["kind"] == "hybrid" and 90 <= build_up["default_duration_days"] <= 183
    assert "build-up-hours" in steps["day-activities"]["runs_beside"]


def test_ferm_werk_advice_only_once_settled(db, login_as):
    """"gesetteld": the UWV advice is requested only after the build-up, not beside it."""
    client, candidate, route = _on_route(db, login_as, "ferm-werk")
    keys = _keys(_route(client, route))
    assert keys.index("build-up-hours") < keys.index("uwv-advice")
    make_current(client, candidate, "build-up-hours")
    seen = make_current(client, candidate, "uwv-advice")
    assert states(seen)["build-up-hours"] == "done"  # settled first, then the advice


# --- Haarlem -----------------------------------------------------------------------------------


def test_haarlem_work_and_day_activities_under_one_roof(db, login_as):
    """"onder één dak", "hybride": the day activities stay beside the internship under one
    roof, and a hybrid week of work and day activities follows."""
    client, candidate, route = _on_route(db, login_as, "haarlem")
    steps = {s["key"]: s for s in _route(client, route)["steps"]}
    assert "paid-internship" in steps["day-activities"]["runs_beside"]
    hybrid = steps["hybrid-week"]
    assert hybrid["kind"] == "hybrid" and hybrid["hybrid_split"]["work_days"]
    assert hybrid["hybrid_split"]["day_activity_days"]
    make_current(client, candidate, "day-activities")
    seen = make_current(client, candidate, "paid-internship")
    assert states(seen)["day-activities"] == states(seen)["paid-internship"] == "current"


# --- the 2023 study on financial barriers ------------------------------------------------------


def test_return_says_the_indication_stays_and_income_may_pause_some_weeks(login_as, browser_as,
                                                                          personas):
    """"indicatie… blijft", "een aantal weken": after a return the money page says the
    indication is kept and that the return can leave a gap of some weeks without income,
    unless the guarantee promises better (the benefit restarts at once: then it says that)."""
    floor = login_as(personas.consultant)
    # A guarantee that does not (yet) say what happens to income: the study's warning holds.
    floor.post(f"/api/v1/candidates/{personas.candidate}/guarantee", json={
        "provider_name": "De Werkplaats Almere", "indication_valid_until": "2031-12-31",
        "income_consequences": "Vraag Floor.", "arranged_by": "Floor de Vries"})
    response = _way_back(floor, personas.candidate, "return",
                         starts_on=(local_today() - timedelta(days=1)).isoformat())
    assert response.status_code == 201, response.text
    guy = browser_as(personas.candidate)
    money = guy.get(f"/c/{personas.candidate}/money").text
    assert "een aantal weken" in money
    assert "Je indicatie voor de dagbesteding blijft" in money
    # A new application with its expected gap: the weeks are named.
    floor.post(f"/api/v1/candidates/{personas.candidate}/guarantee", json={
        "provider_name": "De Werkplaats Almere", "indication_valid_until": "2031-12-31",
        "income_consequences": "Vraag Floor.", "arranged_by": "Floor de Vries",
        "income_on_return": "new_application", "expected_gap_weeks": 6})
    assert "ongeveer 6 weken" in guy.get(f"/c/{personas.candidate}/money").text
    # The municipality restarts the benefit at once: no gap is announced.
    floor.post(f"/api/v1/candidates/{personas.candidate}/guarantee", json={
        "provider_name": "De Werkplaats Almere", "indication_valid_until": "2031-12-31",
        "income_consequences": "Vraag Floor.", "arranged_by": "Floor de Vries",
        "income_on_return": "restart_without_application"})
    money = guy.get(f"/c/{personas.candidate}/money").text
    assert "weken" not in money.split('id="income-on-return-title"')[1].split("</section>")[0]
    assert "meteen weer aan" in money
