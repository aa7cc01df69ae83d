"""Caseload flags from the records: the first-salary checklist around the contract start (clears
only when its items are done) and the definitive wage value six months after the start."""

from __future__ import annotations

from datetime import date, timedelta

from app.clock import local_today
from app.records.service import add_months
from tests.records.helpers import CONTRACT, records_url


def _guy_flags(floor, personas) -> set[str]:
    rows = floor.get("/api/v1/caseload", params={"q": "Guy"}).json()["items"]
    row = next(r for r in rows if r["candidate_id"] == personas.candidate)
    return {f["code"] for f in row["flags"]}


def _contract_starting(floor, personas, start):
    body = {**CONTRACT, "starts_on": start.isoformat(),
            "ends_on": (add_months(start, 12) - timedelta(days=1)).isoformat()}
    response = floor.post(records_url(personas.candidate), json=body)
    assert response.status_code == 201, response.text


def test_checklist_flag_shows_around_the_contract_start_until_every_item_is_done(login_as,
                                                                               personas):
    floor = login_as(personas.consultant)
    today = local_today()
    assert "first_salary_checklist_open" not in _guy_flags(floor, personas)
    _contract_starting(floor, personas, today + timedelta(weeks=3))
    assert "first_salary_checklist_open" in _guy_flags(floor, personas)
    # Only told the office: still open.
    created = floor.post(records_url(personas.candidate), json={
        "kind": "first_salary", "benefits_office_informed_on": today.isoformat()})
    assert created.status_code == 201
    assert "first_salary_checklist_open" in _guy_flags(floor, personas)
    payslip = today + timedelta(weeks=8)
    done = floor.put(records_url(personas.candidate, f"/{created.json()['id']}"), json={
        "kind": "first_salary", "benefits_office_informed_on": today.isoformat(),
        "expected_first_payslip_on": payslip.isoformat(),
        "overpayment_agreement": "Terugbetalen in 4 termijnen van 50 euro.",
        "overpayment_agreed_on": today.isoformat(),
        "checked_after_first_payslip_on": (payslip + timedelta(days=2)).isoformat()},
        headers={"If-Match": 'W/"1"'})
    assert done.status_code == 200, done.text
    assert done.json()["checks"]["done"] is True
    assert "first_salary_checklist_open" not in _guy_flags(floor, personas)


def test_no_checklist_flag_long_before_the_contract_start(login_as, personas):
    floor = login_as(personas.consultant)
    _contract_starting(floor, personas, local_today() + timedelta(weeks=20))
    assert "first_salary_checklist_open" not in _guy_flags(floor, personas)


def test_definitive_wage_value_due_six_months_after_the_start(login_as, personas):
    floor = login_as(personas.consultant)
    start = add_months(local_today(), -7)
    _contract_starting(floor, personas, start)
    assert "wage_value_due" in _guy_flags(floor, personas)
    # A trial measurement does not clear it; the definitive determination does.
    floor.post(records_url(personas.candidate), json={
        "kind": "wage_value", "measured_on": (start + timedelta(days=40)).isoformat(),
        "percentage": 40, "measurement": "trial_measurement"})
    assert "wage_value_due" in _guy_flags(floor, personas)
    floor.post(records_url(personas.candidate), json={
        "kind": "wage_value", "measured_on": local_today().isoformat(), "percentage": 45,
        "measurement": "definitive"})
    assert "wage_value_due" not in _guy_flags(floor, personas)


def test_no_wage_value_flag_in_the_first_months(login_as, personas):
    floor = login_as(personas.consultant)
    _contract_starting(floor, personas, add_months(local_today(), -2))
    assert "wage_value_due" not in _guy_flags(floor, personas)


def test_latest_evaluation_on_gives_the_day_per_candidate(login_as, personas, db):
    from app.records.service import latest_evaluation_on

    floor = login_as(personas.consultant)
    for day in ("2026-06-01", "2026-11-01"):
        floor.post(records_url(personas.candidate), json={
            "kind": "evaluation", "held_on": day, "evaluation": "progress_talk",
            "summary": "Het gaat goed."})
    result = latest_evaluation_on(db, [personas.candidate, personas.other_candidate])
    assert result == {personas.candidate: date(2026, 11, 1)}
