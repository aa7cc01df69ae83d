"""The desired 2020 customer journey end to end, through the JSON API only: a consultant of
the example municipality takes a candidate on, walks every step, and the candidate sees the
trial running beside the UWV advice, with the day activities kept, through to the contract."""

from __future__ import annotations

from datetime import timedelta

from app.clock import local_today
from tests.journeys.routes import consultant_of, journey, make_current, states, step, take_on


def _now(seen: dict) -> list[str]:
    keys = {s["id"]: s["key"] for s in seen["steps"]}
    return [keys[i] for i in seen["current_step_ids"]]


def test_the_desired_journey_with_the_overlap_through_the_api(db, login_as):
    consultant, route = consultant_of(db, "gewenste-klantreis")
    floor = login_as(consultant)
    shipped = floor.get(f"/api/v1/route-templates/{route}").json()
    assert shipped["expected_total_days"] == 112  # about 4 months, said up front

    candidate = take_on(floor, route, name="Guy Nieuw")
    tim = login_as(candidate)
    seen = journey(tim, candidate)
    assert [s["key"] for s in seen["steps"]][:3] == ["signal", "three-way-talk",
                                                     "money-overview"]
    assert _now(seen) == ["signal"]
    assert seen["expected_total_days"] == 112

    for key in ("three-way-talk", "money-overview"):
        assert _now(make_current(floor, candidate, key)) == [key]
    # A financial overview at once, before the choice: the family sees the outcome now.
    money = floor.get(f"/api/v1/candidates/{candidate}/money")
    saved = floor.put(f"/api/v1/candidates/{candidate}/money/inputs", json={
        "household": "single", "benefit": "bijstand", "age": 24},
        headers={"If-Match": money.headers["ETag"]})
    assert saved.status_code == 200, saved.text
    assert tim.get(f"/api/v1/candidates/{candidate}/money").json()["result"] is not None
    assert _now(make_current(floor, candidate, "day-activities")) == ["day-activities"]
    assert _now(make_current(floor, candidate, "uwv-advice")) == ["uwv-advice", "day-activities"]
    today = local_today()
    records = f"/api/v1/candidates/{candidate}/records"
    advice = floor.post(records, json={
        "kind": "uwv_advice", "requested_on": today.isoformat(), "requested_with_candidate": True,
        "interview_on": (today + timedelta(days=21)).isoformat(),
        "accompanied_by": ["consultant", "parent"]})
    assert advice.status_code == 201, advice.text
    make_current(floor, candidate, "trial")

    # The candidate's own view: the trial beside the UWV advice, the day activities kept.
    mine = journey(tim, candidate)
    assert _now(mine) == ["trial", "uwv-advice", "day-activities"]
    assert step(mine, "trial")["trial_weeks"] == 8
    assert "ondertussen" in step(mine, "uwv-advice")["texts"]["nl"]["waiting_note"]

    # The consultant goes along to the interview while the trial runs.
    assert _now(make_current(floor, candidate, "uwv-interview")) == [
        "uwv-interview", "trial", "uwv-advice", "day-activities"]
    seen = make_current(floor, candidate, "decision")
    assert _now(seen) == ["decision", "trial", "day-activities"]
    assert states(seen)["uwv-advice"] == states(seen)["uwv-interview"] == "done"
    decided = floor.post(records, json={
        "kind": "decision", "decided_on": today.isoformat(), "outcome": "positive",
        "decided_with": ["candidate", "consultant", "care_provider"]})
    assert decided.status_code == 201, decided.text

    # The contract is prepared while the trial runs.
    seen = make_current(floor, candidate, "contract")
    assert _now(seen) == ["contract", "trial", "day-activities"]
    mine = journey(tim, candidate)
    assert _now(mine) == ["contract", "trial", "day-activities"]
    starts = today + timedelta(days=30)
    contract = {"kind": "contract", "employer_name": "Groenwerk", "hours_per_week": "45",
                "wage_basis": "hourly", "wage_cents": 1600, "starts_on": starts.isoformat(),
                "ends_on": (starts - timedelta(days=1)).isoformat(),
                "step_id": step(seen, "contract")["id"]}
    for bad, field in (({"hours_per_week": "28"}, "ends_on"),  # ends before it starts
                       ({"ends_on": None}, "hours_per_week")):  # 45 hours
        refused = floor.post(records, json={**contract, **bad})
        assert refused.status_code == 422
        assert field in {p["name"] for p in refused.json()["invalid_params"]}
    assert floor.get(records, params={"kind": "contract"}).json() == []
    signed = floor.post(records, json={**contract, "hours_per_week": "28",
                                       "ends_on": (starts + timedelta(days=364)).isoformat()})
    assert signed.status_code == 201, signed.text
    # The candidate reads it in plain words; the money outcome takes its hours and start.
    plain = " ".join(r["plain"] for r in tim.get(records, params={"kind": "contract"}).json())
    assert "Je contract: 28 uur per week" in plain
    money = tim.get(f"/api/v1/candidates/{candidate}/money").json()
    assert money["sources"]["hours"] == money["sources"]["start_date"] == "contract"

    # The first salary: the trial and the day-activity phase end, on today's date.
    seen = make_current(floor, candidate, "first-salary")
    assert _now(seen) == ["first-salary"]
    assert step(seen, "trial")["actual_end"] == today.isoformat()
    assert step(seen, "day-activities")["actual_end"] == today.isoformat()
    assert all(s["actual_end"] is None or s["actual_end"] <= today.isoformat()
               for s in seen["steps"])
    assert states(seen)["progress-talk"] == "todo"
    # The first-salary checklist: the benefits office told at once, the payslip checked.
    checklist = floor.post(records, json={
        "kind": "first_salary", "benefits_office_informed_on": today.isoformat(),
        "expected_first_payslip_on": (starts + timedelta(days=30)).isoformat()})
    assert checklist.status_code == 201, checklist.text
