"""The employer checklist over the API: consultants read their organisation's checklist; admins
add, change, remove and reorder items; stale and bad writes store nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.employer_checklist.models import EmployerChecklistItem
from app.employer_checklist.service import checklist_for
from app.organisations.models import Organisation

URL = "/api/v1/employer-checklist"
ITEM = {"topic": "training",
        "texts": {"nl": {"title": "Training voor collega's",
                         "text": "Uw collega's leren hoe ze de kandidaat helpen.",
                         "who_to_ask": "Floor de Vries"}},
        "checked_on": "2026-12-01"}


@pytest.fixture
def anouk(login_as, personas):
    return login_as(personas.admin)


@pytest.fixture
def floor(login_as, personas):
    return login_as(personas.consultant)


def _count(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(EmployerChecklistItem))


def test_the_seeded_almere_checklist_follows_its_rules(floor):
    response = floor.get(URL)
    assert response.status_code == 200, response.text
    checklist = response.json()
    assert checklist["organisation_name"] == "Gemeente Almere"
    assert response.headers["ETag"] == f'W/"{checklist["version"]}"'
    topics = {item["topic"] for item in checklist["items"]}
    assert {"support_allowance", "no_risk_policy", "wage_subsidy", "wage_value",
            "training", "contact"} <= topics
    text = " ".join(item["texts"]["nl"]["text"] for item in checklist["items"])
    assert "8 weken" in text and "week 6" in text and "6 maanden" in text
    assert [item["position"] for item in checklist["items"]] == list(
        range(1, len(checklist["items"]) + 1))
    assert checklist["checked_on"] == "2026-12-01"
    page = floor.get(f"{URL}/items", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == len(checklist["items"]) and page["limit"] == 2
    assert [i["id"] for i in page["items"]] == [i["id"] for i in checklist["items"][1:3]]


def test_consultants_may_read_but_not_write(floor):
    assert floor.post(f"{URL}/items", json=ITEM).status_code == 403
    item = floor.get(URL).json()["items"][0]
    assert floor.patch(f"{URL}/items/{item['id']}", json={"topic": "other"},
                       headers={"If-Match": f'W/"{item["version"]}"'}).status_code == 403


def test_admin_adds_changes_reorders_and_removes_an_item(anouk, floor, db):
    before = anouk.get(URL).json()
    created = anouk.post(f"{URL}/items", json={**ITEM, "position": 1})
    assert created.status_code == 201, created.text
    item = created.json()
    assert item["position"] == 1 and item["topic_label"] == "Training"
    assert item["texts"]["en"] == {"title": "", "text": "", "who_to_ask": ""}
    # The consultant sees it first.
    assert floor.get(URL).json()["items"][0]["id"] == item["id"]

    changed = anouk.patch(f"{URL}/items/{item['id']}",
                          json={"checked_on": None, "topic": "other"},
                          headers={"If-Match": created.headers["ETag"]})
    assert changed.status_code == 200, changed.text
    assert changed.json()["checked_on"] is None and changed.json()["topic"] == "other"
    assert changed.json()["texts"]["nl"]["title"] == "Training voor collega's"

    current = anouk.get(URL)
    ids = [i["id"] for i in current.json()["items"]]
    assert ids[0] == item["id"] and current.json()["version"] > before["version"]
    wanted = ids[1:] + ids[:1]
    reordered = anouk.put(f"{URL}/order", json={"item_ids": wanted},
                          headers={"If-Match": current.headers["ETag"]})
    assert reordered.status_code == 200, reordered.text
    assert [i["id"] for i in reordered.json()["items"]] == wanted
    assert [i["position"] for i in reordered.json()["items"]] == list(range(1, len(ids) + 1))

    # Its place is part of the item: the reorder moved its version on too.
    assert anouk.delete(f"{URL}/items/{item['id']}",
                        headers={"If-Match": changed.headers["ETag"]}).status_code == 412
    removed = anouk.delete(f"{URL}/items/{item['id']}",
                           headers={"If-Match": anouk.get(f"{URL}/items/{item['id']}")
                                    .headers["ETag"]})
    assert removed.status_code == 204
    after = anouk.get(URL).json()["items"]
    assert [i["id"] for i in after] == wanted[:-1]
    assert [i["position"] for i in after] == list(range(1, len(after) + 1))
    assert anouk.get(f"{URL}/items/{item['id']}").status_code == 404


def test_stale_versions_are_refused_and_change_nothing(anouk, db):
    checklist = anouk.get(URL)
    item = checklist.json()["items"][0]
    title = item["texts"]["nl"]["title"]
    changed = anouk.patch(f"{URL}/items/{item['id']}", json={"topic": "other"},
                          headers={"If-Match": f'W/"{item["version"]}"'})
    assert changed.status_code == 200
    stale = anouk.patch(f"{URL}/items/{item['id']}",
                        json={"texts": {"nl": {"title": "Oud", "text": "Oud."}}},
                        headers={"If-Match": f'W/"{item["version"]}"'})
    assert stale.status_code == 412
    assert stale.json()["current_version"] == item["version"] + 1
    assert anouk.get(f"{URL}/items/{item['id']}").json()["texts"]["nl"]["title"] == title
    assert anouk.delete(f"{URL}/items/{item['id']}",
                        headers={"If-Match": f'W/"{item["version"]}"'}).status_code == 412
    assert anouk.patch(f"{URL}/items/{item['id']}", json={"topic": "other"}).status_code == 428

    ids = [i["id"] for i in checklist.json()["items"]]
    anouk.post(f"{URL}/items", json=ITEM)  # moves the checklist's version on
    old = anouk.put(f"{URL}/order", json={"item_ids": list(reversed(ids))},
                    headers={"If-Match": checklist.headers["ETag"]})
    assert old.status_code == 412
    assert [i["id"] for i in anouk.get(URL).json()["items"]][:len(ids)] == ids


@pytest.mark.parametrize(("body", "field"), [
    ({"topic": "training", "texts": {"nl": {"title": "", "text": "Tekst."}}}, "texts.nl.title"),
    ({"topic": "training", "texts": {"nl": {"title": "  ", "text": "Tekst."}}}, "texts.nl.title"),
    ({"topic": "training", "texts": {"nl": {"title": "Titel", "text": ""}}}, "texts.nl.text"),
    ({"topic": "party", "texts": {"nl": {"title": "Titel", "text": "Tekst."}}}, "topic"),
    ({**ITEM, "checked_on": "1-12-2026"}, "checked_on"),
    ({**ITEM, "texts": {"nl": {"title": "Een\u202eomgekeerd", "text": "Tekst."}}},
     "texts.nl.title"),
    ({**ITEM, "texts": {"nl": {"title": "Titel", "text": "x" * 2001}}}, "texts.nl.text"),
])
def test_bad_input_is_refused_in_the_callers_language_and_stores_nothing(anouk, db, body,
                                                                         field):
    before = _count(db)
    response = anouk.post(f"{URL}/items", json=body, headers={"Accept-Language": "nl"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["title"] == "Er mist iets, of iets klopt niet."
    assert field in [p["name"] for p in problem["invalid_params"]]
    assert _count(db) == before


def test_a_reorder_must_name_every_item_once(anouk, db):
    checklist = anouk.get(URL)
    ids = [i["id"] for i in checklist.json()["items"]]
    for wrong in (ids[:-1], ids + ids[:1], ids[:-1] + [ids[0]]):
        response = anouk.put(f"{URL}/order", json={"item_ids": wrong},
                             headers={"If-Match": checklist.headers["ETag"],
                                      "Accept-Language": "en"})
        assert response.status_code == 422
        assert response.json()["invalid_params"][0]["reason"] == (
            "Give every item of the checklist once.")
    assert [i["id"] for i in anouk.get(URL).json()["items"]] == ids


def test_another_organisations_items_are_not_found(login_as, personas, anouk):
    item = anouk.get(URL).json()["items"][0]
    ravi = login_as(personas.other_consultant)
    amsterdam_admin = login_as(personas.other_admin)
    assert ravi.get(f"{URL}/items/{item['id']}").status_code == 404
    assert ravi.get(URL).json()["organisation_name"] == "Gemeente Amsterdam"
    assert amsterdam_admin.patch(f"{URL}/items/{item['id']}", json={"topic": "other"},
                                 headers={"If-Match": f'W/"{item["version"]}"'}
                                 ).status_code == 404
    assert amsterdam_admin.delete(f"{URL}/items/{item['id']}",
                                  headers={"If-Match": f'W/"{item["version"]}"'}
                                  ).status_code == 404
    assert anouk.get(f"{URL}/items/{item['id']}").status_code == 200


def test_checklist_for_reads_any_organisation_for_the_employer_pages(db):
    almere = db.scalar(select(Organisation).where(Organisation.slug == "almere"))
    view = checklist_for(db, almere.id)
    assert view.organisation.name == "Gemeente Almere" and view.items
    assert [item.position for item in view.items] == list(range(1, len(view.items) + 1))
    empty = Organisation(slug="leeg", name="Gemeente Leeg")
    db.add(empty)
    db.flush()
    nothing = checklist_for(db, empty.id)
    assert nothing.items == [] and nothing.version == 0 and nothing.checked_on is None


def test_a_full_checklist_takes_no_more_items(anouk, db, monkeypatch):
    from app.employer_checklist import service

    monkeypatch.setattr(service, "MAX_ITEMS", len(anouk.get(URL).json()["items"]))
    before = _count(db)
    response = anouk.post(f"{URL}/items", json=ITEM, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["code"] == "too_many_items"
    assert _count(db) == before


def test_position_is_a_whole_number(anouk, db):
    before = _count(db)
    for position in (True, 0, "first", 201):
        assert anouk.post(f"{URL}/items", json={**ITEM, "position": position}).status_code == 422
    assert _count(db) == before


def test_changing_the_dutch_alone_keeps_the_english(anouk):
    item = anouk.get(URL).json()["items"][0]
    english = item["texts"]["en"]
    assert english["title"]
    changed = anouk.patch(f"{URL}/items/{item['id']}",
                          json={"texts": {"nl": {"title": "Nieuw", "text": "Nieuwe tekst."}}},
                          headers={"If-Match": f'W/"{item["version"]}"'})
    assert changed.status_code == 200, changed.text
    assert changed.json()["texts"]["nl"]["title"] == "Nieuw"
    assert changed.json()["texts"]["en"] == english
    cleared = anouk.patch(f"{URL}/items/{item['id']}",
                          json={"texts": {"nl": {"title": "Nieuw", "text": "Tekst."},
                                          "en": {}}},
                          headers={"If-Match": changed.headers["ETag"]})
    assert cleared.json()["texts"]["en"] == {"title": "", "text": "", "who_to_ask": ""}
