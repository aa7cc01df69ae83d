"""The admin's route pages: list, copy a shipped route, edit steps with small forms, retire."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.route_templates.models import STEP_TEXT_FIELDS, RouteTemplate, StepTemplate
from tests.conftest import csrf_from


@pytest.fixture
def anouk(browser_as, personas):
    return browser_as(personas.admin)


def _steps(db, template_id: int) -> list[StepTemplate]:
    db.expire_all()
    return list(db.scalars(select(StepTemplate).where(StepTemplate.route_template_id == template_id)
                           .order_by(StepTemplate.position)))


def _step_form(step: StepTemplate, version: int, csrf: str, **changes) -> dict:
    form = {"csrf_token": csrf, "version": str(version), "key": step.key,
            "pictogram": step.pictogram, "kind": step.kind.value,
            "default_duration_days": str(step.default_duration_days),
            "trial_weeks": str(step.trial_weeks or "")}
    for language in ("nl", "en"):
        for field in STEP_TEXT_FIELDS:
            form[f"{language}_{field}"] = step.texts.get(language, {}).get(field, "")
    form.update(changes)
    return form


def _copy_oss(anouk, db) -> tuple[int, str]:
    page = anouk.get("/office/routes")
    csrf = csrf_from(page.text)
    created = anouk.post("/office/routes", data={"csrf_token": csrf, "copy_from_shipped": "oss"},
                         follow_redirects=False)
    assert created.status_code == 303
    template_id = int(created.headers["location"].rsplit("/", 1)[1])
    assert db.get(RouteTemplate, template_id).key.startswith("oss")
    return template_id, csrf


def test_only_admins_get_the_route_pages(anouk, browser_as, client, personas, db):
    page = anouk.get("/office/routes")
    assert page.status_code == 200
    assert 'aria-current="page"' in page.text and "rijk-van-nijmegen" in page.text
    almere = db.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere"))
    assert anouk.get(f"/office/routes/{almere}").status_code == 200
    floor = browser_as(personas.consultant)
    assert floor.get("/office/routes").status_code == 403
    assert floor.get(f"/office/routes/{almere}").status_code == 403
    assert client.get("/office/routes").status_code == 401
    amsterdam_admin = browser_as(personas.other_admin)
    assert amsterdam_admin.get(f"/office/routes/{almere}").status_code == 404


def test_copy_edit_a_title_and_retire(anouk, db):
    template_id, csrf = _copy_oss(anouk, db)
    edit = anouk.get(f"/office/routes/{template_id}")
    assert edit.status_code == 200
    first = _steps(db, template_id)[0]
    saved = anouk.post(f"/office/routes/{template_id}/steps/0", follow_redirects=False,
                       data=_step_form(first, 1, csrf, nl_title="Kijken wat je kunt"))
    assert saved.status_code == 303 and saved.headers["location"].endswith("#step-1")
    assert _steps(db, template_id)[0].texts["nl"]["title"] == "Kijken wat je kunt"
    retired = anouk.post(f"/office/routes/{template_id}/retire", data={"csrf_token": csrf})
    assert retired.status_code == 200  # followed the redirect to the route
    assert db.get(RouteTemplate, template_id).retired_at is not None
    assert "Retired" in anouk.get("/office/routes", headers={"Accept-Language": "en"}).text


def test_a_bad_step_comes_back_with_the_message_and_nothing_is_stored(anouk, db):
    template_id, csrf = _copy_oss(anouk, db)
    first = _steps(db, template_id)[0]
    response = anouk.post(f"/office/routes/{template_id}/steps/0", headers={
        "Accept-Language": "en"}, data=_step_form(
            first, 1, csrf, nl_title="Een titel met veel te veel woorden", en_who="",
            pictogram="rocket"))
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "Step 1" in response.text and "Use at most five words" in response.text
    assert 'id="s1-nl-title" name="nl_title" value="Een titel met veel te veel woorden"' \
        in response.text
    assert response.text.count('aria-invalid="true"') == 3
    assert "<details open>" in response.text
    assert _steps(db, template_id)[0].texts == first.texts
    assert db.get(RouteTemplate, template_id).version == 1


def test_a_stale_form_shows_the_conflict(anouk, db):
    template_id, csrf = _copy_oss(anouk, db)
    first, second = _steps(db, template_id)[:2]
    anouk.post(f"/office/routes/{template_id}/steps/0/move",
               data={"csrf_token": csrf, "version": "1", "direction": "down"})
    assert [s.key for s in _steps(db, template_id)[:2]] == [second.key, first.key]
    stale = anouk.post(f"/office/routes/{template_id}/steps/0", headers={"Accept-Language": "en"},
                       data=_step_form(first, 1, csrf, nl_title="Te laat"))
    assert stale.status_code == 412
    assert "Someone else changed this in the meantime." in stale.text
    assert all(s.texts["nl"]["title"] != "Te laat" for s in _steps(db, template_id))


def test_add_move_and_remove_steps(anouk, db):
    template_id, csrf = _copy_oss(anouk, db)
    keys = [s.key for s in _steps(db, template_id)]
    new = _step_form(_steps(db, template_id)[0], 1, csrf, key="coach-visit", pictogram="coach",
                     position="1", nl_title="Bezoek van de coach")
    added = anouk.post(f"/office/routes/{template_id}/steps", data=new, follow_redirects=False)
    assert added.status_code == 303, added.text
    assert [s.key for s in _steps(db, template_id)] == [keys[0], "coach-visit", *keys[1:]]
    anouk.post(f"/office/routes/{template_id}/steps/1/move",
               data={"csrf_token": csrf, "version": "2", "direction": "up"})
    assert [s.key for s in _steps(db, template_id)][:2] == ["coach-visit", keys[0]]
    anouk.post(f"/office/routes/{template_id}/steps/0/remove",
               data={"csrf_token": csrf, "version": "3"})
    assert [s.key for s in _steps(db, template_id)] == keys
    duplicate = anouk.post(f"/office/routes/{template_id}/steps",
                           data={**new, "version": "4", "key": keys[0]})
    assert duplicate.status_code == 422
    assert f'id="new-key" name="key" value="{keys[0]}"' in duplicate.text


def test_an_empty_route_from_the_list_page(anouk, db):
    csrf = csrf_from(anouk.get("/office/routes").text)
    missing = anouk.post("/office/routes", data={"csrf_token": csrf, "name_nl": "Nieuw"},
                         headers={"Accept-Language": "en"})
    assert missing.status_code == 422 and "Name in English" in missing.text
    created = anouk.post("/office/routes", data={"csrf_token": csrf, "name_nl": "Nieuw",
                                                 "name_en": "New"}, follow_redirects=False)
    assert created.status_code == 303
    template_id = int(created.headers["location"].rsplit("/", 1)[1])
    page = anouk.get(f"/office/routes/{template_id}")
    assert page.status_code == 200 and _steps(db, template_id) == []
    details = anouk.post(f"/office/routes/{template_id}/details", data={
        "csrf_token": csrf, "version": "1", "name_nl": "Nieuw 2", "name_en": "New 2",
        "description_nl": "Kort", "description_en": "Short"}, follow_redirects=False)
    assert details.status_code == 303
    db.expire_all()
    assert db.get(RouteTemplate, template_id).name == {"nl": "Nieuw 2", "en": "New 2"}


def test_an_admin_sets_which_steps_run_beside_each_other(anouk, db):
    template_id, csrf = _copy_oss(anouk, db)
    steps = _steps(db, template_id)
    index = next(i for i, s in enumerate(steps) if s.kind.value == "day_activities")
    phase = steps[index]
    assert 'value="uwv-advice, uwv-interview, decision"' in anouk.get(
        f"/office/routes/{template_id}").text
    saved = anouk.post(f"/office/routes/{template_id}/steps/{index}", follow_redirects=False,
                       data=_step_form(phase, 1, csrf, runs_beside="uwv-advice, contract"))
    assert saved.status_code == 303
    db.expire_all()
    assert _steps(db, template_id)[index].runs_beside == ["uwv-advice", "contract"]
    unknown = anouk.post(f"/office/routes/{template_id}/steps/{index}", headers={
        "Accept-Language": "en"}, data=_step_form(phase, 2, csrf, runs_beside="nowhere"))
    assert unknown.status_code == 422
    assert "A step can only run beside another step of this route." in unknown.text
