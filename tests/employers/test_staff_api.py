"""Staff manage employers, their contact people, a candidate's placements with the consent
record, and the placement's milestones (with the organisation's usual ones added)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.access_log.models import AccessLogEntry
from app.clock import local_today
from app.employers.models import Employer, EmployerContact, Placement, PlacementMilestone
from app.people.models import Person, Role
from app.records.service import add_months
from app.route_templates.models import StepKind
from tests.employers.staff_helpers import EMPLOYER, TIM, guy_step, new_contact, new_employer


@pytest.fixture
def floor(login_as, personas):
    return login_as(personas.consultant)


@pytest.fixture
def steps(db, personas):
    """Guy's trial step (started) and contract step (planned two months on)."""
    trial = guy_step(db, personas.candidate, StepKind.trial)
    contract = guy_step(db, personas.candidate, StepKind.contract)
    contract.planned_start = local_today() + timedelta(days=60)
    db.add(contract)
    db.commit()
    return trial, contract


def _placement(floor, personas, employer_id, **fields) -> dict:
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/placements",
                          json={"employer_id": employer_id, **fields})
    assert response.status_code == 201, response.text
    return response.json()


# --- employers and contact people ---------------------------------------------------------------


def test_a_consultant_adds_an_employer_and_its_people(floor, login_as, personas, db):
    employer = new_employer(floor)
    assert employer["name"] == "De Maaltijdfabriek" and employer["contacts"] == []
    tim = new_contact(floor, employer["id"])
    assert tim["display_name"] == "Tim de Wit" and tim["email"] == "tim@maaltijdfabriek.test"
    person = db.get(Person, tim["person_id"])
    assert person.role is Role.employer and person.password_hash is None
    assert person.organisation_id == db.get(Person, personas.consultant).organisation_id

    listed = login_as(personas.admin).get("/api/v1/employers").json()
    assert set(listed) == {"items", "total", "limit", "offset"}
    mine = next(e for e in listed["items"] if e["id"] == employer["id"])
    assert [c["display_name"] for c in mine["contacts"]] == ["Tim de Wit"]
    assert floor.get("/api/v1/employers", params={"search": "maaltijdfabriek"}).json()["total"] == 1


def test_another_organisation_does_not_find_the_employer(floor, login_as, personas):
    employer = new_employer(floor)
    ravi = login_as(personas.other_consultant)
    assert ravi.get(f"/api/v1/employers/{employer['id']}").status_code == 404
    assert ravi.patch(f"/api/v1/employers/{employer['id']}", json={"name": "X"},
                      headers={"If-Match": 'W/"1"'}).status_code == 404
    assert ravi.post(f"/api/v1/employers/{employer['id']}/contacts", json=TIM).status_code == 404
    assert all(e["id"] != employer["id"] for e in ravi.get("/api/v1/employers").json()["items"])


def test_an_employer_change_needs_the_version(floor):
    employer = new_employer(floor)
    url = f"/api/v1/employers/{employer['id']}"
    assert floor.patch(url, json={"city": "Lelystad"}).status_code == 428
    changed = floor.patch(url, json={"city": "Lelystad"}, headers={"If-Match": 'W/"1"'})
    assert changed.status_code == 200 and changed.json()["city"] == "Lelystad"
    assert changed.headers["ETag"] == 'W/"2"'
    stale = floor.patch(url, json={"city": "Almere"}, headers={"If-Match": 'W/"1"'})
    assert stale.status_code == 412


def test_a_contact_email_must_be_unique_and_the_error_is_in_dutch(floor, db):
    employer = new_employer(floor)
    before = db.scalar(select(func.count()).select_from(Person))
    response = floor.post(f"/api/v1/employers/{employer['id']}/contacts",
                          json={**TIM, "email": "FLOOR@almere.demo"},
                          headers={"Accept-Language": "nl"})
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["invalid_params"][0]["name"] == "email"
    assert "e-mailadres" in response.json()["title"]
    assert db.scalar(select(func.count()).select_from(Person)) == before


def test_bad_employer_input_stores_nothing(floor, db):
    before = db.scalar(select(func.count()).select_from(Employer))
    for body in ({**EMPLOYER, "name": "  "}, {**EMPLOYER, "kind": "bakery"},
                 {**EMPLOYER, "name": "A\u202eB"}, {**EMPLOYER, "extra": 1}):
        response = floor.post("/api/v1/employers", json=body)
        assert response.status_code == 422, body
    assert db.scalar(select(func.count()).select_from(Employer)) == before


def test_a_contact_is_changed_and_removed(floor, db):
    employer = new_employer(floor)
    tim = new_contact(floor, employer["id"])
    url = f"/api/v1/employers/{employer['id']}/contacts/{tim['id']}"
    changed = floor.patch(url, json={"job_title": "eigenaar"},
                          headers={"If-Match": f'W/"{tim["version"]}"'})
    assert changed.status_code == 200 and changed.json()["job_title"] == "eigenaar"
    assert floor.delete(url).status_code == 204
    assert db.get(EmployerContact, tim["id"]) is None
    assert db.get(Person, tim["person_id"]).is_active is False


def test_roles_without_staff_work_are_turned_away(login_as, personas):
    for person in (personas.candidate, personas.parent):
        assert login_as(person).get("/api/v1/employers").status_code == 403
        assert login_as(person).post("/api/v1/employers", json=EMPLOYER).status_code == 403


# --- placements ------------------------------------------------------------------------------


def test_a_placement_gets_the_organisations_usual_milestones(floor, personas, steps, db):
    trial, contract = steps
    employer = new_employer(floor)
    tim = new_contact(floor, employer["id"])
    placement = _placement(
        floor, personas, employer["id"], supervisor_id=tim["person_id"], workplace="Keuken",
        starts_on=trial.actual_start.isoformat(), trial_step_id=trial.id,
        contract_step_id=contract.id,
        consent={"by_id": personas.candidate, "method": "in_person"})
    assert placement["supervisor"]["display_name"] == "Tim de Wit"
    assert placement["trial_step"]["kind"] == "trial"
    assert placement["consent"]["given"] is True
    assert placement["consent"]["by"]["id"] == personas.candidate
    due = {m["kind"]: date.fromisoformat(m["due_on"]) for m in placement["milestones"]}
    # Almere: the wage value measured in week 6 of the 8-week trial.
    assert due["wage_value_trial"] == trial.actual_start + timedelta(weeks=5)
    assert due["support_allowance"] == contract.planned_start
    assert due["wage_value_final"] == add_months(contract.planned_start, 6)
    assert due["flat_rate_subsidy_end"] == add_months(contract.planned_start, 6)
    # The employer's tasks read in Dutch, whatever the consultant's language.
    task = next(m for m in placement["milestones"] if m["kind"] == "support_allowance")
    assert "begeleidingsvergoeding" in task["employer_task"]
    assert task["employer_task"].startswith("Vraag")


def test_a_contract_linked_later_brings_its_milestones(floor, personas, steps):
    trial, contract = steps
    employer = new_employer(floor)
    placement = _placement(floor, personas, employer["id"], trial_step_id=trial.id)
    assert [m["kind"] for m in placement["milestones"]] == ["wage_value_trial"]
    url = f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
    changed = floor.patch(url, json={"contract_step_id": contract.id},
                          headers={"If-Match": f'W/"{placement["version"]}"'})
    assert changed.status_code == 200, changed.text
    assert {m["kind"] for m in changed.json()["milestones"]} == {
        "wage_value_trial", "support_allowance", "wage_value_final", "flat_rate_subsidy_end"}


def test_a_placement_refuses_what_does_not_belong(floor, login_as, personas, steps, db):
    trial, contract = steps
    employer = new_employer(floor)
    other = new_employer(floor, name="Ander bedrijf")
    stranger = new_contact(floor, other["id"])
    amsterdam = login_as(personas.other_consultant).post(
        "/api/v1/employers", json={**EMPLOYER, "name": "Amsterdams bedrijf"}).json()
    before = db.scalar(select(func.count()).select_from(Placement))
    url = f"/api/v1/candidates/{personas.candidate}/placements"
    cases = [
        ({"employer_id": employer["id"], "supervisor_id": stranger["person_id"]},
         "supervisor_id"),
        ({"employer_id": employer["id"], "trial_step_id": contract.id}, "trial_step_id"),
        ({"employer_id": employer["id"], "contract_step_id": trial.id}, "contract_step_id"),
        ({"employer_id": amsterdam["id"]}, "employer_id"),
        ({"employer_id": employer["id"], "consent": {"by_id": personas.other_candidate,
                                                     "method": "in_person"}}, "consent.by_id"),
        ({"employer_id": employer["id"], "starts_on": "2030-02-01", "ends_on": "2030-01-01"},
         None),
    ]
    for body, field in cases:
        response = floor.post(url, json=body, headers={"Accept-Language": "nl"})
        assert response.status_code == 422, (body, response.text)
        if field:
            assert response.json()["invalid_params"][0]["name"] == field
    assert db.scalar(select(func.count()).select_from(Placement)) == before


def test_consent_by_the_network_and_its_withdrawal(floor, personas, steps):
    employer = new_employer(floor)
    placement = _placement(floor, personas, employer["id"])
    assert placement["consent"]["given"] is False
    url = f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
    given = floor.post(f"{url}/consent", json={"by_id": personas.parent, "method": "in_writing"},
                       headers={"If-Match": f'W/"{placement["version"]}"'})
    assert given.status_code == 200, given.text
    assert given.json()["consent"]["by"]["display_name"] == "Marja Visser"
    assert given.json()["consent"]["given"] is True
    withdrawn = floor.post(f"{url}/consent/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["consent"]["given"] is False
    assert withdrawn.json()["consent"]["withdrawn_at"] is not None


def test_milestones_are_added_completed_and_removed(floor, personas, steps):
    employer = new_employer(floor)
    trial, _contract = steps
    placement = _placement(floor, personas, employer["id"], trial_step_id=trial.id)
    base = f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}/milestones"
    added = floor.post(base, json={"kind": "other", "due_on": "2030-01-15",
                                   "employer_task": "Rooster sturen"})
    assert added.status_code == 201, added.text
    other = added.json()
    moved = floor.patch(f"{base}/{other['id']}", json={"due_on": "2030-01-20"},
                        headers={"If-Match": 'W/"1"'})
    assert moved.status_code == 200 and moved.json()["due_on"] == "2030-01-20"
    assert floor.post(f"{base}/{other['id']}/complete", json={"wage_value_percent": 40},
                      headers={"If-Match": 'W/"2"'}).status_code == 422
    measurement = placement["milestones"][0]
    done = floor.post(f"{base}/{measurement['id']}/complete",
                      json={"wage_value_percent": 45, "note": "Goed begonnen"},
                      headers={"If-Match": 'W/"1"'})
    assert done.status_code == 200, done.text
    assert done.json()["done_on"] == local_today().isoformat()
    assert done.json()["wage_value_percent"] == 45
    future = floor.post(f"{base}/{other['id']}/complete",
                        json={"done_on": (local_today() + timedelta(days=2)).isoformat()},
                        headers={"If-Match": 'W/"2"'})
    assert future.status_code == 422
    assert floor.delete(f"{base}/{other['id']}", headers={"If-Match": 'W/"2"'}).status_code == 204


def test_the_definitive_wage_value_needs_its_percentage(floor, personas, steps, db):
    trial, contract = steps
    employer = new_employer(floor)
    placement = _placement(floor, personas, employer["id"], contract_step_id=contract.id)
    final = next(m for m in placement["milestones"] if m["kind"] == "wage_value_final")
    url = (f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
           f"/milestones/{final['id']}/complete")
    assert floor.post(url, json={}, headers={"If-Match": 'W/"1"'}).status_code == 422
    assert db.get(PlacementMilestone, final["id"]).done_on is None


def test_an_ended_placement_is_not_changed_any_more(floor, personas, steps):
    employer = new_employer(floor)
    placement = _placement(floor, personas, employer["id"])
    url = f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
    ended = floor.post(f"{url}/end", json={}, headers={"If-Match": 'W/"1"'})
    assert ended.status_code == 200, ended.text
    assert ended.json()["ended_at"] and ended.json()["ends_on"] == local_today().isoformat()
    assert floor.patch(url, json={"workplace": "Kantine"},
                       headers={"If-Match": f'W/"{ended.json()["version"]}"'}
                       ).status_code == 409
    listed = floor.get(f"/api/v1/candidates/{personas.candidate}/placements").json()
    assert [p["ended_at"] is not None for p in listed["items"] if p["id"] == placement["id"]] \
        == [True]


def test_who_reads_and_who_changes_a_candidates_placements(floor, login_as, personas, db):
    employer = new_employer(floor)
    placement = _placement(floor, personas, employer["id"])
    url = f"/api/v1/candidates/{personas.candidate}/placements"
    admin = login_as(personas.admin)
    assert admin.get(url).status_code == 200  # the admin reads (the steps area)...
    assert admin.post(url, json={"employer_id": employer["id"]}).status_code == 404  # ...only
    assert login_as(personas.colleague).get(url).status_code == 404  # not her caseload
    assert login_as(personas.other_consultant).get(f"{url}/{placement['id']}").status_code == 404
    logged = db.scalars(select(AccessLogEntry.area).where(
        AccessLogEntry.candidate_id == personas.candidate,
        AccessLogEntry.actor_id == personas.admin)).all()
    assert "steps" in logged


def test_an_employer_person_gets_nothing_of_the_staff_side(floor, login_as, personas, steps):
    trial, _contract = steps
    employer = new_employer(floor)
    tim = new_contact(floor, employer["id"])
    placement = _placement(floor, personas, employer["id"], supervisor_id=tim["person_id"],
                           trial_step_id=trial.id,
                           consent={"by_id": personas.candidate, "method": "in_person"})
    client = login_as(tim["person_id"])
    staff_only = [("GET", "/api/v1/employers"), ("POST", "/api/v1/employers"),
                  ("GET", f"/api/v1/employers/{employer['id']}")]
    for method, path in staff_only:
        assert client.request(method, path, json=EMPLOYER).status_code == 403, path
    base = f"/api/v1/candidates/{personas.candidate}/placements"
    milestone = placement["milestones"][0]["id"]
    for method, path, body in [
            ("GET", base, None), ("POST", base, {"employer_id": employer["id"]}),
            ("GET", f"{base}/{placement['id']}", None),
            ("POST", f"{base}/{placement['id']}/consent/withdraw", None),
            ("POST", f"{base}/{placement['id']}/milestones/{milestone}/complete", {})]:
        response = client.request(method, path, json=body, headers={"If-Match": 'W/"1"'})
        assert response.status_code == 404, (path, response.text)


def test_the_wage_value_shows_only_with_the_money_area(floor, login_as, personas, steps):
    trial, _contract = steps
    employer = new_employer(floor)
    placement = _placement(floor, personas, employer["id"], trial_step_id=trial.id)
    measurement = placement["milestones"][0]
    url = f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
    floor.post(f"{url}/milestones/{measurement['id']}/complete",
               json={"wage_value_percent": 45}, headers={"If-Match": 'W/"1"'})
    seen = {}
    for name, person in (("parent", personas.parent), ("jan", personas.steps_only_member),
                         ("candidate", personas.candidate)):
        body = login_as(person).get(url).json()
        seen[name] = body["milestones"][0]["wage_value_percent"]
    assert seen == {"parent": 45, "jan": None, "candidate": 45}


def test_the_access_log_records_staff_reads_of_placements_and_nothing_for_strangers(
        floor, login_as, personas, db):
    employer = new_employer(floor)
    placement = _placement(floor, personas, employer["id"])

    def logged(actor_id):
        db.expire_all()
        return set(db.scalars(select(AccessLogEntry.area).where(
            AccessLogEntry.candidate_id == personas.candidate,
            AccessLogEntry.actor_id == actor_id)))

    url = f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}"
    assert login_as(personas.backup_consultant).get(url).status_code == 200
    assert "steps" in logged(personas.backup_consultant)
    for stranger in (personas.other_consultant, personas.colleague, personas.other_admin):
        assert login_as(stranger).get(url).status_code == 404
        assert logged(stranger) == set()
    # Guy reading his own placements is not logged.
    assert login_as(personas.candidate).get(url).status_code == 200
    assert logged(personas.candidate) == set()


def test_the_supervisor_of_a_running_placement_stays_until_replaced(floor, personas, db):
    employer = new_employer(floor)
    tim = new_contact(floor, employer["id"])
    placement = _placement(floor, personas, employer["id"], supervisor_id=tim["person_id"])
    url = f"/api/v1/employers/{employer['id']}/contacts/{tim['id']}"
    refused = floor.delete(url, headers={"Accept-Language": "nl"})
    assert refused.status_code == 409 and refused.json()["code"] == "supervises_placement"
    assert db.get(Person, tim["person_id"]).is_active is True
    cleared = floor.patch(f"/api/v1/candidates/{personas.candidate}/placements/{placement['id']}",
                          json={"supervisor_id": None},
                          headers={"If-Match": f'W/"{placement["version"]}"'})
    assert cleared.status_code == 200 and cleared.json()["supervisor"] is None
    assert floor.delete(url).status_code == 204


def test_the_employer_list_pages(floor):
    for number in range(3):
        new_employer(floor, name=f"Pagina Bedrijf {number}")
    first = floor.get("/api/v1/employers", params={"search": "Pagina", "limit": 2}).json()
    second = floor.get("/api/v1/employers",
                       params={"search": "Pagina", "limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 3
    assert [e["name"] for e in first["items"] + second["items"]] == [
        "Pagina Bedrijf 0", "Pagina Bedrijf 1", "Pagina Bedrijf 2"]


def test_the_schema_states_what_the_contact_fields_refuse(app, floor):
    """Clients and the fuzzer read the rules from the schema: an address's shape and a name
    that is not blank, on the create and the (optional) update fields alike."""
    schemas = app.openapi()["components"]["schemas"]
    for name in ("EmployerContactCreate", "EmployerContactUpdate"):
        email = schemas[name]["properties"]["email"]
        branch = next((b for b in email.get("anyOf", []) if b.get("type") == "string"), email)
        assert branch["pattern"].startswith("^[^@"), name
        assert schemas[name]["properties"]["display_name"]["pattern"] == r"\S"
    employer = new_employer(floor)
    tim = new_contact(floor, employer["id"])
    refused = floor.patch(f"/api/v1/employers/{employer['id']}/contacts/{tim['id']}",
                          json={"email": "000"}, headers={"If-Match": f'W/"{tim["version"]}"'})
    assert refused.status_code == 422
