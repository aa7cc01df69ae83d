"""The demo shows the journey as practice runs it: each seeded candidate, read back through
the API as a consultant or the candidate would see it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.clock import local_today
from app.people.models import Person


def _id(db, name: str) -> int:
    return db.scalar(select(Person.id).where(Person.display_name == name))


def _staff(db, email: str) -> int:
    return db.scalar(select(Person.id).where(Person.email == email))


def _current(journey: dict) -> list[str]:
    keys = {s["id"]: s["key"] for s in journey["steps"]}
    return [keys[i] for i in journey["current_step_ids"]]


def test_guy_is_in_week_3_of_his_trial_after_his_positive_advice(login_as, personas):
    guy = login_as(personas.candidate)
    journey = guy.get(f"/api/v1/candidates/{personas.candidate}/journey").json()
    assert _current(journey) == ["trial", "day-activities"]
    trial = next(s for s in journey["steps"] if s["key"] == "trial")
    assert (local_today() - date.fromisoformat(trial["actual_start"])).days // 7 + 1 == 3
    advice = guy.get(f"/api/v1/candidates/{personas.candidate}/records",
                     params={"kind": "uwv_advice"}).json()
    assert advice[0]["data"]["outcome"] == "positive"
    # The advice came before the trial (Almere: "na een positief advies").
    assert advice[0]["data"]["letter_on"] <= trial["actual_start"]


def test_noors_trial_runs_beside_her_uwv_advice(login_as, db):
    noor = _id(db, "Noor de Wit")
    client = login_as(noor)
    journey = client.get(f"/api/v1/candidates/{noor}/journey").json()
    assert set(_current(journey)) == {"trial", "uwv-advice", "day-activities"}
    assert _current(journey)[0] == "trial"  # the main one first
    advice = client.get(f"/api/v1/candidates/{noor}/records",
                        params={"kind": "uwv_advice"}).json()
    assert advice[0]["data"]["outcome"] == "pending"


def test_daans_hours_build_up_while_day_activities_go_down(login_as, db):
    daan = _id(db, "Daan de Boer")
    lotte = login_as(_staff(db, "lotte@fermwerk.demo"))
    journey = lotte.get(f"/api/v1/candidates/{daan}/journey").json()
    assert set(_current(journey)) == {"build-up-hours", "day-activities"}
    plan = lotte.get(f"/api/v1/candidates/{daan}/records", params={"kind": "hours_plan"}).json()
    periods = plan[0]["data"]["periods"]
    work = [float(p["work_hours"]) for p in periods]
    day_activities = [float(p["day_activity_hours"]) for p in periods]
    assert work == sorted(work) and day_activities == sorted(day_activities, reverse=True)
    assert "12 uur werk, 20 uur dagbesteding" in plan[0]["plain"]


def test_mo_went_back_on_secondment_keeping_his_salary(login_as, personas, db):
    mo = _id(db, "Mo Amrani")
    client = login_as(mo, **{"Accept-Language": "nl"})
    journey = client.get(f"/api/v1/candidates/{mo}/journey").json()
    assert [s["kind"] for s in journey["steps"]] == ["return"]
    assert "Je houdt je loon" in journey["steps"][0]["texts"]["nl"]["summary"]
    assert login_as(personas.other_consultant).get(
        f"/api/v1/candidates/{mo}/journey").status_code == 200
    # Nobody outside Amsterdam sees him.
    assert login_as(personas.consultant).get(
        f"/api/v1/candidates/{mo}/journey").status_code == 404


def test_guys_first_salary_starts_the_day_tim_sees_his_contract_start(personas, db):
    """Guy's money page and Tim's placement page answer "when does the paid work start?" with
    one date."""
    from app.journeys.models import Journey, JourneyStep
    from app.money.models import MoneyInputs

    contract_start = db.scalar(select(JourneyStep.planned_start).join(
        Journey, Journey.id == JourneyStep.journey_id).where(
        Journey.candidate_id == personas.candidate, JourneyStep.key == "contract"))
    salary_start = db.scalar(select(MoneyInputs.start_date).where(
        MoneyInputs.candidate_id == personas.candidate).order_by(MoneyInputs.number.desc()))
    assert contract_start is not None and salary_start == contract_start
