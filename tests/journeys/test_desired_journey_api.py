"""The desired 2020 customer journey end to end, through the JSON API only: a consultant of
the example municipality takes a candidate on, walks every step, and the candidate sees the
trial running beside the UWV advice, with the day activities kept, through to the contract."""

from __future__ import annotations

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
    assert _now(make_current(floor, candidate, "day-activities")) == ["day-activities"]
    assert _now(make_current(floor, candidate, "uwv-advice")) == ["uwv-advice", "day-activities"]
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

    # The contract is prepared while the trial runs.
    seen = make_current(floor, candidate, "contract")
    assert _now(seen) == ["contract", "trial", "day-activities"]
    mine = journey(tim, candidate)
    assert _now(mine) == ["contract", "trial", "day-activities"]

    # The first salary: the trial and the day-activity phase end, on today's date.
    seen = make_current(floor, candidate, "first-salary")
    assert _now(seen) == ["first-salary"]
    today = local_today().isoformat()
    assert step(seen, "trial")["actual_end"] == today
    assert step(seen, "day-activities")["actual_end"] == today
    assert all(s["actual_end"] is None or s["actual_end"] <= today for s in seen["steps"])
    assert states(seen)["progress-talk"] == "todo"
