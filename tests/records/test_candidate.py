"""The candidate sees his records in plain words; the money overview takes its hours, start
date and wage from the contract when the money details leave them out."""

from __future__ import annotations

from tests.records.helpers import CONTRACT, records_url


def test_candidate_home_says_the_contract_in_plain_words(login_as, browser_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json=CONTRACT)
    guy = browser_as(personas.candidate)
    page = guy.get(f"/c/{personas.candidate}", headers={"Accept-Language": "nl"}).text
    assert "Je contract: 28 uur per week, vanaf 1 januari 2027, voor 1 jaar." in page


def test_candidate_sees_the_uwv_advice_status(login_as, browser_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json={
        "kind": "uwv_advice", "requested_on": "2026-11-01", "requested_with_candidate": True,
        "interview_on": "2026-12-15", "accompanied_by": ["consultant", "parent"]})
    page = browser_as(personas.candidate).get(f"/c/{personas.candidate}").text
    assert "UWV heeft je aanvraag. Het gesprek is op 15 december 2026." in page
    assert "Je consulent gaat mee naar het gesprek." in page
    assert "Een ouder gaat ook mee." in page


def test_candidate_is_not_told_of_company_nobody_gives(login_as, browser_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json={
        "kind": "uwv_advice", "requested_on": "2026-11-01", "requested_with_candidate": True})
    page = browser_as(personas.candidate).get(f"/c/{personas.candidate}").text
    assert "UWV heeft je aanvraag. Je hoort nog wanneer het gesprek is." in page
    assert "gaat mee" not in page


def test_candidate_sees_goals_with_progress(login_as, browser_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json={
        "kind": "plan_goals", "plan": "personal_plan", "made_on": "2026-10-01",
        "goals": [{"text": "Op tijd komen", "status": "met"},
                  {"text": "Zelf met de bus", "status": "progressing",
                   "evaluate_on": "2027-01-15"}]})
    page = browser_as(personas.candidate).get(f"/c/{personas.candidate}").text
    assert "Op tijd komen: gelukt." in page
    assert "Zelf met de bus: gaat goed." in page


def test_candidate_sees_the_hours_now(login_as, browser_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json={
        "kind": "hours_plan", "periods": [
            {"starts_on": "2026-01-01", "work_hours": "12", "day_activity_hours": "20"},
            {"starts_on": "2030-01-01", "work_hours": "28", "day_activity_hours": "4"}]})
    page = browser_as(personas.candidate).get(f"/c/{personas.candidate}").text
    assert "Nu: 12 uur werk, 20 uur dagbesteding." in page


def test_the_api_gives_the_plain_words_too(login_as, personas):
    login_as(personas.consultant).post(records_url(personas.candidate), json=CONTRACT)
    records = login_as(personas.candidate, **{"Accept-Language": "nl"}).get(
        records_url(personas.candidate), params={"kind": "contract"}).json()
    assert "Je contract: 28 uur per week" in records[0]["plain"]


MONEY = {"household": "single", "benefit": "bijstand", "age": 32}


def _save_money(floor, personas, **extra):
    version = floor.get(f"/api/v1/candidates/{personas.candidate}/money").headers["ETag"]
    response = floor.put(f"/api/v1/candidates/{personas.candidate}/money/inputs",
                         json={**MONEY, **extra}, headers={"If-Match": version})
    assert response.status_code == 200, response.text


def test_money_takes_hours_start_and_wage_from_the_contract(login_as, personas):
    floor = login_as(personas.consultant)
    floor.post(records_url(personas.candidate), json={**CONTRACT, "starts_on": "2030-01-01",
                                                      "ends_on": "2030-12-31"})
    _save_money(floor, personas)  # no hours, wage or start date
    money = floor.get(f"/api/v1/candidates/{personas.candidate}/money").json()
    assert float(money["hours"]) == 28
    assert money["sources"] == {"hours": "contract", "wage": "contract",
                                "start_date": "contract"}


def test_the_money_details_win_over_the_contract(login_as, personas):
    floor = login_as(personas.consultant)
    floor.post(records_url(personas.candidate), json=CONTRACT)
    _save_money(floor, personas, planned_hours="20", hourly_wage="15.50")
    money = floor.get(f"/api/v1/candidates/{personas.candidate}/money").json()
    assert float(money["hours"]) == 20
    assert money["sources"]["hours"] == "inputs" and money["sources"]["wage"] == "inputs"


def test_the_money_page_says_where_the_numbers_come_from(login_as, browser_as, personas):
    floor = login_as(personas.consultant)
    floor.post(records_url(personas.candidate), json=CONTRACT)
    _save_money(floor, personas)
    page = browser_as(personas.candidate).get(f"/c/{personas.candidate}/money").text
    assert "De uren komen uit je contract met Groenwerk Almere." in page


def test_the_first_salary_month_follows_the_contract_start(login_as, personas):
    """No start date in the money details: the month-by-month forecast starts with the
    contract."""
    floor = login_as(personas.consultant)
    floor.post(records_url(personas.candidate), json={**CONTRACT, "starts_on": "2027-03-01",
                                                      "ends_on": "2028-02-29"})
    _save_money(floor, personas, planned_hours="28")
    money = floor.get(f"/api/v1/candidates/{personas.candidate}/money").json()
    assert money["sources"]["start_date"] == "contract"
    assert money["result"]["cashflow"][0]["month"] == "2027-03"


def test_the_contract_step_shows_its_contract(login_as, browser_as, personas, db):
    from sqlalchemy import select

    from app.journeys.models import Journey, JourneyStep
    from app.route_templates.models import StepKind

    step = db.scalar(select(JourneyStep.id).join(Journey).where(
        Journey.candidate_id == personas.candidate, JourneyStep.kind == StepKind.contract))
    login_as(personas.consultant).post(records_url(personas.candidate),
                                       json={**CONTRACT, "step_id": step})
    page = browser_as(personas.candidate).get(f"/c/{personas.candidate}/steps/{step}").text
    assert "Je contract: 28 uur per week, vanaf 1 januari 2027, voor 1 jaar." in page
