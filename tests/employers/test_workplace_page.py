"""The workplace section of a candidate's back-office file: placing Guy at an employer with
consent, the milestone timeline, completing a milestone, and refused forms storing nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.clock import local_today
from app.employers.models import Placement, PlacementMilestone
from app.route_templates.models import StepKind
from tests.conftest import csrf_from
from tests.employers.staff_helpers import guy_step, new_contact, new_employer


def _arrange(login_as, db, personas):
    trial = guy_step(db, personas.candidate, StepKind.trial)
    trial.actual_start = local_today() - timedelta(days=14)
    db.add(trial)
    db.commit()
    api = login_as(personas.consultant)
    employer = new_employer(api)
    tim = new_contact(api, employer["id"])
    return trial, employer, tim


def test_a_consultant_places_guy_and_sees_the_timeline(login_as, browser_as, db, personas):
    trial, employer, tim = _arrange(login_as, db, personas)
    floor = browser_as(personas.consultant)
    url = f"/office/candidates/{personas.candidate}/workplace"
    empty = floor.get(url)
    assert empty.status_code == 200 and "Plaatsen bij een werkgever" in empty.text
    placed = floor.post(url, data={
        "employer_id": str(employer["id"]), "supervisor_id": str(tim["person_id"]),
        "workplace": "Keuken", "starts_on": trial.actual_start.isoformat(),
        "trial_step_id": str(trial.id), "contract_step_id": "",
        "consent_by_id": str(personas.candidate), "consent_method": "in_person",
        "csrf_token": csrf_from(empty.text)})
    assert placed.status_code == 200, placed.text[:300]
    page = placed.text
    assert "De Maaltijdfabriek" in page and "Tim de Wit" in page and "Keuken" in page
    assert "Loonwaardemeting tijdens het proberen" in page
    assert "De werkgever ziet deze plaatsing." in page
    placement = db.scalar(select(Placement).where(Placement.candidate_id == personas.candidate,
                                                  Placement.employer_id == employer["id"]))
    measurement = db.scalar(select(PlacementMilestone).where(
        PlacementMilestone.placement_id == placement.id))
    done = floor.post(f"{url}/{placement.id}/milestones/{measurement.id}/complete", data={
        "version": "1", "done_on": local_today().isoformat(), "wage_value_percent": "45",
        "note": "", "csrf_token": csrf_from(page)})
    assert done.status_code == 200 and "45%" in done.text
    withdrawn = floor.post(f"{url}/{placement.id}/consent/withdraw",
                           data={"csrf_token": csrf_from(page)})
    assert withdrawn.status_code == 200 and "Ingetrokken op" in withdrawn.text


def test_a_refused_placement_form_is_shown_again_and_stores_nothing(login_as, browser_as, db,
                                                                   personas):
    trial, employer, _tim = _arrange(login_as, db, personas)
    contract = guy_step(db, personas.candidate, StepKind.contract)
    floor = browser_as(personas.consultant)
    url = f"/office/candidates/{personas.candidate}/workplace"
    token = csrf_from(floor.get(url).text)
    before = db.scalar(select(func.count()).select_from(Placement))
    refused = floor.post(url, data={
        "employer_id": str(employer["id"]), "supervisor_id": "", "workplace": "Keuken",
        "starts_on": "", "trial_step_id": str(contract.id), "contract_step_id": "",
        "consent_by_id": str(personas.candidate), "consent_method": "", "csrf_token": token})
    assert refused.status_code == 422
    assert 'id="pl-trial" name="trial_step_id" aria-invalid="true"' in refused.text
    assert 'value="Keuken"' in refused.text  # what was typed stays
    assert db.scalar(select(func.count()).select_from(Placement)) == before


def test_a_wrong_wage_value_is_refused_on_the_page(login_as, browser_as, db, personas):
    trial, employer, _tim = _arrange(login_as, db, personas)
    api = login_as(personas.consultant)
    placement = api.post(f"/api/v1/candidates/{personas.candidate}/placements",
                         json={"employer_id": employer["id"], "trial_step_id": trial.id}).json()
    measurement = placement["milestones"][0]
    floor = browser_as(personas.consultant)
    url = f"/office/candidates/{personas.candidate}/workplace"
    token = csrf_from(floor.get(url).text)
    refused = floor.post(f"{url}/{placement['id']}/milestones/{measurement['id']}/complete",
                         data={"version": "1", "done_on": "", "wage_value_percent": "140",
                               "note": "", "csrf_token": token})
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.text
    assert db.get(PlacementMilestone, measurement["id"]).done_on is None


def test_the_contract_step_is_linked_later_on_the_page(login_as, browser_as, db, personas):
    trial, employer, tim = _arrange(login_as, db, personas)
    contract = guy_step(db, personas.candidate, StepKind.contract)
    contract.planned_start = local_today() + timedelta(days=40)
    db.add(contract)
    db.commit()
    api = login_as(personas.consultant)
    placement = api.post(f"/api/v1/candidates/{personas.candidate}/placements",
                         json={"employer_id": employer["id"], "trial_step_id": trial.id}).json()
    floor = browser_as(personas.consultant)
    url = f"/office/candidates/{personas.candidate}/workplace"
    token = csrf_from(floor.get(url).text)
    form = {"version": str(placement["version"]), "supervisor_id": str(tim["person_id"]),
            "workplace": "Bezorging", "starts_on": "", "ends_on": "",
            "trial_step_id": str(trial.id), "contract_step_id": str(contract.id),
            "csrf_token": token}
    changed = floor.post(f"{url}/{placement['id']}", data=form)
    assert changed.status_code == 200, changed.text[:300]
    assert "Bezorging" in changed.text and "Definitieve loonwaardebepaling" in changed.text
    stale = floor.post(f"{url}/{placement['id']}", data={**form, "workplace": "Kantine"})
    assert stale.status_code == 412
    assert db.get(Placement, placement["id"]).workplace == "Bezorging"
