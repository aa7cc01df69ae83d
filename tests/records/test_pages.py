"""The records section of the back-office file: forms per kind, friendly errors, versions."""

from __future__ import annotations

from tests.conftest import csrf_from
from tests.records.helpers import stored


def _page(browser, candidate_id, query=""):
    return browser.get(f"/office/candidates/{candidate_id}/records{query}")


def test_the_records_section_is_in_the_file_menu(browser_as, personas):
    floor = browser_as(personas.consultant)
    response = floor.get(f"/office/candidates/{personas.candidate}")
    assert f"/office/candidates/{personas.candidate}/records" in response.text


def test_a_contract_saved_through_the_form(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    form = _page(floor, personas.candidate, "?kind=contract")
    assert form.status_code == 200
    response = floor.post(f"/office/candidates/{personas.candidate}/records", data={
        "csrf_token": csrf_from(form.text), "kind": "contract", "version": "0",
        "employer_name": "Groenwerk", "hours_per_week": "28", "wage_basis": "hourly",
        "wage": "16,00", "starts_on": "2027-01-01", "ends_on": "2027-12-31"},
        follow_redirects=False)
    assert response.status_code == 303, response.text
    shown = floor.get(response.headers["location"])
    assert "Groenwerk" in shown.text and "28" in shown.text


def test_a_bad_contract_is_shown_again_with_a_friendly_error(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    form = _page(floor, personas.candidate, "?kind=contract")
    before = stored(db, personas.candidate)
    response = floor.post(f"/office/candidates/{personas.candidate}/records", data={
        "csrf_token": csrf_from(form.text), "kind": "contract", "version": "0",
        "employer_name": "Groenwerk", "hours_per_week": "45", "wage_basis": "hourly",
        "wage": "16,00", "starts_on": "2027-01-01", "ends_on": "2026-12-31"},
        headers={"Accept-Language": "nl"})
    assert response.status_code == 422
    assert 'id="r-hours_per_week"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert "Uur per week:" in response.text  # the summary names the field in Dutch
    assert stored(db, personas.candidate) == before


def test_an_hours_plan_is_shown_with_its_chart_and_the_criterion(browser_as, personas):
    floor = browser_as(personas.consultant)
    form = _page(floor, personas.candidate, "?kind=hours_plan")
    response = floor.post(f"/office/candidates/{personas.candidate}/records", data={
        "csrf_token": csrf_from(form.text), "kind": "hours_plan", "version": "0",
        "period_starts_on": ["2027-01-01", "2027-03-01"],
        "period_work_hours": ["16", "28"], "period_day_activity_hours": ["16", "4"],
        "period_work_days": ["", ""], "period_day_activity_days": ["", ""]},
        follow_redirects=False)
    assert response.status_code == 303, response.text
    page = floor.get(response.headers["location"]).text
    assert "<svg" in page and "hours-criterion" in page
    assert "28" in page


def test_staff_see_every_field_of_a_record(login_as, browser_as, personas):
    """Guy reads plain sentences; his consultant also sees the dates, choices and wage."""
    floor = login_as(personas.consultant)
    saved = floor.post(f"/api/v1/candidates/{personas.candidate}/records", json={
        "kind": "contract", "employer_name": "Groenwerk Almere", "hours_per_week": "28",
        "wage_basis": "hourly", "wage_cents": 1600, "starts_on": "2027-01-01",
        "ends_on": "2027-12-31"})
    assert saved.status_code == 201, saved.text
    page = browser_as(personas.consultant).get(
        f"/office/candidates/{personas.candidate}/records").text
    fields = page.split(f'id="record-{saved.json()["id"]}"')[1].split("</article>")[0]
    assert "<dt>Werkgever</dt><dd>Groenwerk Almere</dd>" in fields
    assert "<dd>€\xa016,00</dd>" in fields and "<dd>31 dec 2027</dd>" in fields
    assert "<summary>Alle gegevens" in fields
