"""The consultant changes Guy's journey; Guy sees every change at once."""

from __future__ import annotations

from sqlalchemy import select

from app.journeys.models import Journey, JourneyStatus, WayBackEvent
from app.messages.models import Message


def _journey(client, personas):
    response = client.get(f"/api/v1/candidates/{personas.candidate}/journey")
    return response.json(), response.headers["ETag"]


def test_marking_the_next_step_current_finishes_the_current_one(login_as, personas):
    floor, guy = login_as(personas.consultant), login_as(personas.candidate)
    journey, _etag = _journey(floor, personas)
    current = next(s for s in journey["steps"] if s["id"] == journey["current_step_ids"][0])
    following = next(s for s in journey["steps"] if s["position"] == current["position"] + 1)
    response = floor.patch(
        f"/api/v1/candidates/{personas.candidate}/journey/steps/{following['id']}",
        json={"state": "current"}, headers={"If-Match": f'W/"{following["version"]}"'})
    assert response.status_code == 200
    seen, _ = _journey(guy, personas)
    states = {s["id"]: s for s in seen["steps"]}
    assert states[current["id"]]["state"] == "done" and states[current["id"]]["actual_end"]
    assert states[following["id"]]["state"] == "current"


def test_a_stale_step_edit_is_refused_with_the_current_version(login_as, personas):
    floor, sander = login_as(personas.consultant), login_as(personas.backup_consultant)
    journey, _ = _journey(floor, personas)
    step = journey["steps"][4]
    url = f"/api/v1/candidates/{personas.candidate}/journey/steps/{step['id']}"
    headers = {"If-Match": f'W/"{step["version"]}"'}
    assert floor.patch(url, json={"expected_duration_days": 30}, headers=headers).status_code == 200
    stale = sander.patch(url, json={"expected_duration_days": 40}, headers=headers)
    assert stale.status_code == 412
    assert stale.json()["current_version"] == step["version"] + 1
    assert _journey(floor, personas)[0]["steps"][4]["expected_duration_days"] == 30


def test_texts_trial_and_week_split(login_as, personas):
    floor = login_as(personas.consultant)
    journey, _ = _journey(floor, personas)
    step = journey["steps"][5]
    response = floor.patch(
        f"/api/v1/candidates/{personas.candidate}/journey/steps/{step['id']}",
        json={"texts": {"nl": {"title": "Gesprek bij UWV", "summary": "Je praat met UWV."}},
              "hybrid_split": {"work_days": ["mon", "tue"], "day_activity_days": ["wed"]},
              "trial_weeks": 10},
        headers={"If-Match": f'W/"{step["version"]}"'})
    assert response.status_code == 200
    body = response.json()
    assert body["texts"]["nl"]["title"] == "Gesprek bij UWV"
    assert body["texts"]["en"] == step["texts"]["en"]  # other languages stay
    assert body["hybrid_split"] == {"work_days": ["mon", "tue"], "day_activity_days": ["wed"]}


def test_titles_stay_short_and_days_do_not_overlap(login_as, personas):
    floor = login_as(personas.consultant)
    journey, _ = _journey(floor, personas)
    step = journey["steps"][5]
    url = f"/api/v1/candidates/{personas.candidate}/journey/steps/{step['id']}"
    headers = {"If-Match": f'W/"{step["version"]}"'}
    long_title = floor.patch(url, json={"texts": {"nl": {"title": "een twee drie vier vijf zes"}}},
                             headers=headers)
    assert long_title.status_code == 422
    assert long_title.json()["invalid_params"][0]["name"] == "texts.nl.title"
    overlap = floor.patch(url, json={"hybrid_split": {"work_days": ["mon"],
                                                      "day_activity_days": ["mon"]}},
                          headers=headers)
    assert overlap.status_code == 422


def test_add_move_and_remove_a_custom_step(login_as, personas):
    floor = login_as(personas.consultant)
    added = floor.post(f"/api/v1/candidates/{personas.candidate}/journey/steps", json={
        "after_position": 0, "pictogram": "coach",
        "texts": {"nl": {"title": "Kennismaken", "summary": "Je ontmoet je jobcoach."}}})
    assert added.status_code == 201 and added.json()["position"] == 1
    journey, etag = _journey(floor, personas)
    order = [s["id"] for s in journey["steps"]]
    order.append(order.pop(0))  # the new step to the end
    moved = floor.put(f"/api/v1/candidates/{personas.candidate}/journey/order",
                      json={"step_ids": order}, headers={"If-Match": etag})
    assert moved.status_code == 200
    assert moved.json()["steps"][-1]["id"] == added.json()["id"]
    stale = floor.put(f"/api/v1/candidates/{personas.candidate}/journey/order",
                      json={"step_ids": order}, headers={"If-Match": etag})
    assert stale.status_code == 412
    # Moving changed the step's position, so its version moved on too.
    version = moved.json()["steps"][-1]["version"]
    removed = floor.delete(
        f"/api/v1/candidates/{personas.candidate}/journey/steps/{added.json()['id']}",
        headers={"If-Match": f'W/"{version}"'})
    assert removed.status_code == 204
    assert added.json()["id"] not in [s["id"] for s in _journey(floor, personas)[0]["steps"]]


def test_done_steps_cannot_be_removed(login_as, personas):
    floor = login_as(personas.consultant)
    done = next(s for s in _journey(floor, personas)[0]["steps"] if s["state"] == "done")
    response = floor.delete(f"/api/v1/candidates/{personas.candidate}/journey/steps/{done['id']}",
                            headers={"If-Match": f'W/"{done["version"]}"'})
    assert response.status_code == 422


def test_money_action_becomes_a_step(login_as, personas):
    floor = login_as(personas.consultant)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/journey/steps",
                          json={"from_money_action": "tell_benefits_office"})
    assert response.status_code == 201
    texts = response.json()["texts"]
    assert "gemeente" in texts["nl"]["summary"] and "municipality" in texts["en"]["summary"]
    unknown = floor.post(f"/api/v1/candidates/{personas.candidate}/journey/steps",
                         json={"from_money_action": "buy_a_boat"})
    assert unknown.status_code == 422


def test_way_back_return_to_the_place_in_the_guarantee(login_as, personas, db):
    floor = login_as(personas.consultant)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/way-back",
                          json={"kind": "return", "reason": "too_much", "note": "Te zwaar"})
    assert response.status_code == 201
    body = response.json()
    assert body["journey"]["steps"][0]["kind"] == "return"
    assert body["journey"]["steps"][0]["state"] == "current"
    journeys = list(db.scalars(select(Journey).where(Journey.candidate_id == personas.candidate)
                               .order_by(Journey.id)))
    assert journeys[0].status == JourneyStatus.returned and journeys[0].ended_on
    notice = db.scalar(select(Message).where(Message.candidate_id == personas.candidate)
                       .order_by(Message.id.desc()))
    assert notice.notice["code"] == "way_back_return"
    guy = login_as(personas.candidate)
    messages = guy.get(f"/api/v1/candidates/{personas.candidate}/messages").json()
    assert "De Werkplaats Almere" in messages[0]["body"]
    assert db.scalar(select(WayBackEvent.kind).where(
        WayBackEvent.candidate_id == personas.candidate)) == "return"


def test_way_back_another_placement_counts_attempts(login_as, personas):
    floor = login_as(personas.consultant)
    first = floor.post(f"/api/v1/candidates/{personas.candidate}/way-back",
                       json={"kind": "other_placement", "reason": "mismatch"})
    assert first.status_code == 201 and first.json()["placement_attempt"] == 2
    new_journey = first.json()["journey"]
    current = next(s for s in new_journey["steps"] if s["id"] == new_journey["current_step_ids"][0])
    assert current["kind"] == "trial"  # the new placement starts with a trial again


def test_way_back_pause_keeps_the_job(login_as, personas):
    floor = login_as(personas.consultant)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/way-back",
                          json={"kind": "pause", "reason": "crisis", "hours_per_week": 8})
    assert response.status_code == 201
    assert response.json()["journey"]["status"] == "paused"


def test_a_step_moves_up_and_down_through_the_api(login_as, personas):
    floor = login_as(personas.consultant)
    journey, etag = _journey(floor, personas)
    ids = [s["id"] for s in journey["steps"]]
    url = f"/api/v1/candidates/{personas.candidate}/journey/steps/{ids[-1]}/move"
    moved = floor.post(url, json={"direction": "up"}, headers={"If-Match": etag})
    assert moved.status_code == 200
    assert [s["id"] for s in moved.json()["steps"]] == ids[:-2] + [ids[-1], ids[-2]]
    assert moved.json()["version"] == journey["version"] + 1
    # The journey's version is the one to send; an old one is refused and nothing moves.
    assert floor.post(url, json={"direction": "down"}, headers={"If-Match": etag}).status_code \
        == 412
    # The first step stays first (the version still changes, as with the page's buttons).
    first = f"/api/v1/candidates/{personas.candidate}/journey/steps/{ids[0]}/move"
    again = floor.post(first, json={"direction": "up"}, headers={"If-Match": moved.headers["ETag"]})
    assert again.status_code == 200 and again.json()["steps"][0]["id"] == ids[0]
    wrong = floor.post(first, json={"direction": "sideways"},
                       headers={"If-Match": again.headers["ETag"]})
    assert wrong.status_code == 422 and wrong.json()["invalid_params"][0]["name"] == "direction"


def test_a_step_of_someone_else_does_not_move(login_as, personas):
    ravi = login_as(personas.other_consultant)
    floor = login_as(personas.consultant)
    journey, etag = _journey(floor, personas)
    step = journey["steps"][1]["id"]
    assert ravi.post(f"/api/v1/candidates/{personas.candidate}/journey/steps/{step}/move",
                     json={"direction": "up"}, headers={"If-Match": etag}).status_code == 404
    assert floor.post(f"/api/v1/candidates/{personas.candidate}/journey/steps/999999/move",
                      json={"direction": "up"}, headers={"If-Match": etag}).status_code == 404


def test_a_title_change_keeps_the_other_texts_of_its_language(login_as, personas):
    floor = login_as(personas.consultant)
    journey, _ = _journey(floor, personas)
    step = next(s for s in journey["steps"] if s["kind"] == "waiting")
    url = f"/api/v1/candidates/{personas.candidate}/journey/steps/{step['id']}"
    response = floor.patch(url, json={"titles": {"nl": "Gesprek bij UWV"}},
                           headers={"If-Match": f'W/"{step["version"]}"'})
    assert response.status_code == 200
    texts = response.json()["texts"]
    assert texts["nl"] == {**step["texts"]["nl"], "title": "Gesprek bij UWV"}
    assert texts["en"] == step["texts"]["en"]
    # An unchanged title changes nothing; a new one of more than five words is refused.
    version = response.json()["version"]
    too_long = floor.patch(url, json={"titles": {"en": "one two three four five six"}},
                           headers={"If-Match": f'W/"{version}"'})
    assert too_long.status_code == 422
    assert too_long.json()["invalid_params"][0]["name"] == "titles.en"
    stored = next(s for s in _journey(floor, personas)[0]["steps"] if s["id"] == step["id"])
    assert stored["texts"]["en"] == step["texts"]["en"]
