"""Route templates: admins create, copy, edit, reorder and retire routes; journeys that use a
route keep working whatever happens to it."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from app.journeys.models import Journey, JourneyStep
from app.route_templates.models import RouteTemplate, StepTemplate
from app.route_templates.schemas import SHIPPED_KEYS
from app.route_templates.service import shipped_route_files

URL = "/api/v1/route-templates"


def step(key: str, title: str = "Kennismaken", **extra) -> dict:
    data = {
        "key": key, "pictogram": "talk", "kind": "normal", "default_duration_days": 7,
        "texts": {
            "nl": {"title": title, "summary": "Je maakt kennis.",
                   "what_happens": "Je praat met de adviseur.",
                   "what_you_do": "Vertel wat je wilt.", "who": "De adviseur."},
            "en": {"title": "Getting to know each other", "summary": "You meet.",
                   "what_happens": "You talk with the adviser.",
                   "what_you_do": "Say what you want.", "who": "The adviser."},
        },
    }
    data.update(extra)
    return data


@pytest.fixture
def anouk(login_as, personas):
    return login_as(personas.admin)


def _almere_route(db) -> int:
    return db.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere"))


def test_the_shipped_routes_can_be_copied(anouk):
    assert SHIPPED_KEYS == tuple(path.stem for path in shipped_route_files())
    shipped = anouk.get(f"{URL}/shipped").json()
    assert [route["key"] for route in shipped] == list(SHIPPED_KEYS)
    assert all(route["step_count"] >= 10 for route in shipped)


def test_admin_creates_an_empty_route_and_fills_it(anouk):
    created = anouk.post(URL, json={"name": {"nl": "Route Werkfit", "en": "Route Work-fit"}})
    assert created.status_code == 201, created.text
    route = created.json()
    assert route["key"] == "route-werkfit" and route["steps"] == []
    assert route["is_retired"] is False and created.headers["ETag"] == 'W/"1"'
    filled = anouk.put(f"{URL}/{route['id']}/steps", json={"steps": [step("talk")]},
                       headers={"If-Match": 'W/"1"'})
    assert filled.status_code == 200, filled.text
    assert filled.headers["ETag"] == 'W/"2"'
    assert [s["key"] for s in filled.json()["steps"]] == ["talk"]
    # The same name again gets a key of its own.
    again = anouk.post(URL, json={"name": {"nl": "Route Werkfit", "en": "Route Work-fit"}})
    assert again.json()["key"] == "route-werkfit-2"


def test_an_empty_route_needs_a_name(anouk, db):
    before = db.scalar(select(func.count()).select_from(RouteTemplate))
    response = anouk.post(URL, json={})
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "name"
    assert db.scalar(select(func.count()).select_from(RouteTemplate)) == before


def test_copying_a_shipped_route_copies_every_step(anouk):
    response = anouk.post(URL, json={"copy_from_shipped": "oss"})
    assert response.status_code == 201, response.text
    route = response.json()
    assert route["name"]["nl"].endswith("(kopie)") and route["name"]["en"].endswith("(copy)")
    assert len(route["steps"]) == 12
    assert [s["position"] for s in route["steps"]] == list(range(1, 13))
    # What runs beside what, and the way-back choices, come along with the copy.
    phase = next(s for s in route["steps"] if s["kind"] == "day_activities")
    assert phase["runs_beside"] == ["uwv-advice", "uwv-interview", "decision"]
    assert "other_provision" in route["way_back_choices"]
    second = anouk.post(URL, json={"copy_from_shipped": "oss", "key": "oss-eigen",
                                   "name": {"nl": "Oss eigen", "en": "Oss own"}}).json()
    assert second["key"] == "oss-eigen" and second["name"]["nl"] == "Oss eigen"
    taken = anouk.post(URL, json={"copy_from_shipped": "oss", "key": "oss-eigen"})
    assert taken.status_code == 422 and taken.json()["invalid_params"][0]["name"] == "key"


def test_copying_your_own_route_and_not_someone_elses(anouk, login_as, personas, db):
    almere = _almere_route(db)
    copied = anouk.post(URL, json={"copy_from_template_id": almere})
    assert copied.status_code == 201
    original = anouk.get(f"{URL}/{almere}").json()
    assert [s["key"] for s in copied.json()["steps"]] == [s["key"] for s in original["steps"]]
    assert [s["texts"] for s in copied.json()["steps"]] == [s["texts"] for s in original["steps"]]
    amsterdam_admin = login_as(personas.other_admin)
    refused = amsterdam_admin.post(URL, json={"copy_from_template_id": almere})
    assert refused.status_code == 422
    assert refused.json()["invalid_params"][0]["name"] == "copy_from_template_id"
    both = anouk.post(URL, json={"copy_from_template_id": almere, "copy_from_shipped": "oss"})
    assert both.status_code == 422


def test_renaming_needs_the_current_version(anouk, db):
    url = f"{URL}/{_almere_route(db)}"
    body = {"name": {"nl": "Almere nieuw", "en": "Almere new"}}
    assert anouk.patch(url, json=body).status_code == 428
    renamed = anouk.patch(url, json=body, headers={"If-Match": 'W/"1"'})
    assert renamed.status_code == 200 and renamed.headers["ETag"] == 'W/"2"'
    assert renamed.json()["name"] == body["name"]
    assert renamed.json()["description"]["nl"].startswith("Een vaste adviseur")
    stale = anouk.patch(url, json={"description": {"nl": "x", "en": "y"}},
                        headers={"If-Match": 'W/"1"'})
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale_version" and stale.json()["current_version"] == 2


def test_reorder_edit_add_and_remove_steps_while_guy_is_on_the_route(anouk, login_as, personas,
                                                                     db):
    url = f"{URL}/{_almere_route(db)}"
    guy = login_as(personas.candidate)
    journey_before = guy.get(f"/api/v1/candidates/{personas.candidate}/journey").json()
    steps = anouk.get(url).json()["steps"]
    wanted = [{k: s[k] for k in ("key", "pictogram", "kind", "default_duration_days",
                                 "trial_weeks", "hybrid_split", "texts")} for s in steps]
    wanted[0], wanted[1] = wanted[1], wanted[0]  # reorder
    wanted[0]["texts"]["nl"]["title"] = "Praten met z'n drieën"  # edit
    trial = next(s for s in wanted if s["kind"] == "trial")
    wanted.remove(trial)  # Guy is in this very step now
    wanted.insert(3, step("job-coach-visit", "Bezoek van de jobcoach"))  # add
    response = anouk.put(f"{url}/steps", json={"steps": wanted}, headers={"If-Match": 'W/"1"'})
    assert response.status_code == 200, response.text
    saved = response.json()["steps"]
    assert [s["key"] for s in saved] == [s["key"] for s in wanted]
    assert saved[0]["texts"]["nl"]["title"] == "Praten met z'n drieën"
    # A step keeps its identity (id) by key.
    assert saved[0]["id"] == steps[1]["id"] and saved[1]["id"] == steps[0]["id"]
    assert db.scalar(select(StepTemplate.id).where(StepTemplate.id == next(
        s["id"] for s in steps if s["key"] == "trial"))) is None
    # Guy's journey has its own copy of every step: nothing he sees changed.
    journey_after = guy.get(f"/api/v1/candidates/{personas.candidate}/journey")
    assert journey_after.status_code == 200
    assert journey_after.json()["steps"] == journey_before["steps"]
    journey_id = db.scalar(select(Journey.id).where(Journey.candidate_id == personas.candidate))
    current = db.scalar(select(JourneyStep).where(JourneyStep.journey_id == journey_id,
                                                  JourneyStep.key == "trial"))
    assert current.step_template_id is None and current.texts["nl"]["title"]


def _bad_steps() -> list[dict]:
    too_long = step("a", "Een titel met veel te veel woorden")
    unknown_pictogram = step("b", pictogram="rocket")
    trial_without_weeks = step("c", kind="trial")
    waiting_without_note = step("d", kind="waiting")
    duplicate = step("a")
    hybrid_without_days = step("e", kind="hybrid")
    weeks_on_normal = step("f", trial_weeks=4)
    return [too_long, unknown_pictogram, trial_without_weeks, waiting_without_note, duplicate,
            hybrid_without_days, weeks_on_normal]


def test_invalid_steps_name_each_field_and_store_nothing(anouk, db):
    template_id = _almere_route(db)
    before = [(s.key, s.position) for s in db.scalars(
        select(StepTemplate).where(StepTemplate.route_template_id == template_id))]
    response = anouk.put(f"{URL}/{template_id}/steps", json={"steps": _bad_steps()},
                         headers={"If-Match": 'W/"1"', "Accept-Language": "en"})
    assert response.status_code == 422
    problems = {p["name"]: p["reason"] for p in response.json()["invalid_params"]}
    assert problems["steps.0.texts.nl.title"] == "Use at most five words for the Dutch title."
    assert "steps.1.pictogram" in problems
    assert "steps.2.trial_weeks" in problems
    assert "steps.3.texts.nl.waiting_note" in problems
    assert "steps.3.texts.en.waiting_note" in problems
    assert "steps.4.key" in problems
    assert "steps.5.hybrid_split" in problems
    assert "steps.6.trial_weeks" in problems
    after = [(s.key, s.position) for s in db.scalars(
        select(StepTemplate).where(StepTemplate.route_template_id == template_id))]
    assert after == before
    assert anouk.get(f"{URL}/{template_id}").headers["ETag"] == 'W/"1"'


def test_structural_problems_are_named_too_in_the_callers_language(anouk, db):
    broken = step("a")
    del broken["texts"]["en"]["who"]
    broken["texts"]["nl"]["summary"] = "   "
    url = f"{URL}/{_almere_route(db)}/steps"
    english = anouk.put(url, json={"steps": [broken]},
                        headers={"If-Match": 'W/"1"', "Accept-Language": "en"})
    assert english.status_code == 422
    assert {"name": "steps.0.texts.en.who", "code": "missing",
            "reason": "This field is required."} in english.json()["invalid_params"]
    fixed = copy.deepcopy(broken)
    fixed["texts"]["en"]["who"] = "The adviser."
    dutch = anouk.put(url, json={"steps": [fixed]},
                      headers={"If-Match": 'W/"1"', "Accept-Language": "nl"})
    assert dutch.status_code == 422
    assert dutch.json()["invalid_params"] == [{
        "name": "steps.0.texts.nl.summary", "code": "missing", "reason": "Vul dit veld in."}]
    empty = anouk.put(url, json={"steps": []}, headers={"If-Match": 'W/"1"'})
    assert empty.status_code == 422 and empty.json()["invalid_params"][0]["name"] == "steps"


def test_hybrid_and_trial_steps_keep_their_details(anouk, db):
    split = {"work_days": ["mon", "tue"], "day_activity_days": ["wed"]}
    steps = [step("trial", kind="trial", trial_weeks=6),
             step("switch", kind="hybrid", hybrid_split=split),
             step("wait", kind="waiting")]
    for language in ("nl", "en"):
        steps[2]["texts"][language]["waiting_note"] = "Dit duurt 8 weken."
    overlap = copy.deepcopy(steps)
    overlap[1]["hybrid_split"]["day_activity_days"] = ["tue"]
    url = f"{URL}/{_almere_route(db)}/steps"
    refused = anouk.put(url, json={"steps": overlap}, headers={"If-Match": 'W/"1"'})
    assert [p["name"] for p in refused.json()["invalid_params"]] == ["steps.1.hybrid_split"]
    saved = anouk.put(url, json={"steps": steps}, headers={"If-Match": 'W/"1"'}).json()["steps"]
    assert saved[0]["trial_weeks"] == 6 and saved[1]["hybrid_split"] == split
    assert saved[2]["texts"]["nl"]["waiting_note"] == "Dit duurt 8 weken."
    assert "waiting_note" not in saved[0]["texts"]["nl"]


def test_retired_route_is_listed_and_its_journeys_read_fine(anouk, login_as, personas, db):
    template_id = _almere_route(db)
    retired = anouk.post(f"{URL}/{template_id}/retire")
    assert retired.status_code == 200
    assert retired.json()["is_retired"] is True and retired.json()["retired_at"]
    assert anouk.post(f"{URL}/{template_id}/retire").json()["retired_at"] == \
        retired.json()["retired_at"]
    floor = login_as(personas.consultant)
    listed = {t["id"]: t for t in floor.get(URL).json()}
    assert listed[template_id]["is_retired"] is True
    for who in (personas.candidate, personas.consultant, personas.parent):
        journey = login_as(who).get(f"/api/v1/candidates/{personas.candidate}/journey")
        assert journey.status_code == 200
        assert journey.json()["route_template_id"] == template_id
        assert any(s["state"] == "current" for s in journey.json()["steps"])
    back = anouk.post(f"{URL}/{template_id}/unretire")
    assert back.json()["is_retired"] is False and back.json()["retired_at"] is None


def test_consultants_read_but_do_not_change_routes(login_as, personas, db):
    floor = login_as(personas.consultant)
    template_id = _almere_route(db)
    assert floor.get(f"{URL}/{template_id}").status_code == 200
    assert floor.post(f"{URL}/{template_id}/retire").status_code == 403
    assert floor.post(URL, json={"copy_from_shipped": "oss"}).status_code == 403
