"""Seed rules (shared/seed-rules.md) that the records, the hours plan, the first-salary
checklist and the money overview hold: one test per rule row, named after the rule."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from app.clock import local_today
from app.journeys.models import Journey, JourneyStep
from app.records.models import CandidateRecord, RecordKind
from app.records.service import add_months
from app.route_templates.models import StepKind
from tests.records.helpers import CONTRACT, problem_names, records_url

NL = {"Accept-Language": "nl"}


def _floor(login_as, personas):
    return login_as(personas.consultant, **NL)


def _post(floor, personas, body, status=201):
    response = floor.post(records_url(personas.candidate), json=body)
    assert response.status_code == status, response.text
    return response.json()


def _flags(floor, personas) -> set[str]:
    rows = floor.get("/api/v1/caseload", params={"q": "Guy"}).json()["items"]
    return {f["code"] for r in rows if r["candidate_id"] == personas.candidate
            for f in r["flags"]}


def _save_money(floor, personas, **values):
    version = floor.get(f"/api/v1/candidates/{personas.candidate}/money").headers["ETag"]
    body = {"household": "single", "benefit": "bijstand", "age": 32, "planned_hours": "24",
            **values}
    response = floor.put(f"/api/v1/candidates/{personas.candidate}/money/inputs", json=body,
                         headers={"If-Match": version})
    assert response.status_code == 200, response.text
    return floor.get(f"/api/v1/candidates/{personas.candidate}/money").json()


# --- The desired customer journey -----------------------------------------------------------

def test_desired_journey_financial_overview_before_the_choice(login_as, personas, db):
    """"biedt direct een financieel overzicht": the money overview is there before any contract
    is recorded (Guy is still in his trial)."""
    floor = _floor(login_as, personas)
    assert db.scalar(select(CandidateRecord.id).where(
        CandidateRecord.candidate_id == personas.candidate,
        CandidateRecord.kind == RecordKind.contract)) is None
    money = _save_money(floor, personas)
    assert money["result"]["now"]["total"] and money["result"]["with_work"]["total"]
    guy = login_as(personas.candidate).get(f"/api/v1/candidates/{personas.candidate}/money")
    assert guy.status_code == 200 and guy.json()["result"] is not None


def test_desired_journey_first_salary_stopped_at_once(login_as, personas):
    """"direct wordt stopgezet/aangepast": around the contract start a checklist flag stays
    until the benefits office is told, the payslip expected and checked afterwards."""
    floor = _floor(login_as, personas)
    today = local_today()
    _post(floor, personas, {**CONTRACT, "starts_on": (today + timedelta(days=10)).isoformat(),
                            "ends_on": (add_months(today, 13)).isoformat()})
    assert "first_salary_checklist_open" in _flags(floor, personas)
    _post(floor, personas, {"kind": "first_salary",
                            "benefits_office_informed_on": today.isoformat(),
                            "expected_first_payslip_on": (today + timedelta(days=40)).isoformat(),
                            "checked_after_first_payslip_on":
                                (today + timedelta(days=42)).isoformat()})
    assert "first_salary_checklist_open" not in _flags(floor, personas)


def test_desired_journey_definitive_wage_value_after_six_months(login_as, personas):
    """"na 6 maanden forfaitair LKS": six months after the contract start the definitive wage
    value is due until it is recorded."""
    floor = _floor(login_as, personas)
    start = add_months(local_today(), -6)
    _post(floor, personas, {**CONTRACT, "starts_on": start.isoformat(),
                            "ends_on": add_months(start, 12).isoformat()})
    assert "wage_value_due" in _flags(floor, personas)
    _post(floor, personas, {"kind": "wage_value", "measured_on": local_today().isoformat(),
                            "percentage": 17, "measurement": "definitive"})
    assert "wage_value_due" not in _flags(floor, personas)


# --- Almere --------------------------------------------------------------------------------

def test_almere_advice_requested_together_with_the_candidate(login_as, personas):
    """"samen met de kandidaat aan": the UWV advice record says it was requested together and
    who goes along to the interview; Guy reads its status in plain words."""
    floor = _floor(login_as, personas)
    record = _post(floor, personas, {
        "kind": "uwv_advice", "requested_on": "2026-11-02", "requested_with_candidate": True,
        "interview_on": "2026-12-14", "accompanied_by": ["consultant", "parent"]})
    assert record["data"]["requested_with_candidate"] is True
    assert record["data"]["accompanied_by"] == ["consultant", "parent"]
    mine = login_as(personas.candidate, **NL).get(records_url(personas.candidate),
                                                  params={"kind": "uwv_advice"}).json()
    plain = next(r["plain"] for r in mine if r["id"] == record["id"])
    assert plain == ("UWV heeft je aanvraag. Het gesprek is op 14 december 2026. "
                     "Je consulent gaat mee naar het gesprek. Een ouder gaat ook mee.")


def test_almere_wage_value_measured_in_week_six_of_the_trial(login_as, personas, db):
    """"zesde week… loonwaardemeting": a trial measurement of the wage value, linked to the
    trial step."""
    trial = db.scalar(select(JourneyStep).join(Journey).where(
        Journey.candidate_id == personas.candidate, JourneyStep.kind == StepKind.trial))
    week_six = (trial.actual_start or local_today()) + timedelta(weeks=5)
    record = _post(_floor(login_as, personas), personas, {
        "kind": "wage_value", "measured_on": week_six.isoformat(), "percentage": 40,
        "measurement": "trial_measurement", "measured_by": "Floor", "step_id": trial.id})
    assert record["step_kind"] == "trial" and record["data"]["percentage"] == 40


def test_almere_28_hours_criterion_checked_with_exceptions(login_as, personas):
    """"28 uur": the hours plan is checked against the organisation's criterion; below it only
    with an exception and its reason ("uitzondering")."""
    floor = _floor(login_as, personas)
    below = {"kind": "hours_plan", "periods": [
        {"starts_on": "2027-01-01", "work_hours": "16", "day_activity_hours": "16"},
        {"starts_on": "2027-04-01", "work_hours": "24", "day_activity_hours": "8"}]}
    checks = _post(floor, personas, below)["checks"]
    assert checks["criterion"] == 28 and not checks["reaches_criterion"] and not checks["ok"]
    excepted = _post(floor, personas, {**below, "criterion_exception": "Heel laag lerend"})
    assert excepted["checks"]["ok"] and excepted["checks"]["exception"]
    reached = _post(floor, personas, {"kind": "hours_plan", "periods": [
        {"starts_on": "2027-01-01", "work_hours": "28", "day_activity_hours": "0"}]})
    assert reached["checks"]["reaches_criterion"]


def test_almere_contract_of_at_least_one_year(login_as, personas, db):
    """"minimaal één jaar": a contract shorter than the organisation's minimum is refused."""
    floor = _floor(login_as, personas)
    short = floor.post(records_url(personas.candidate),
                       json={**CONTRACT, "ends_on": "2027-10-31"})
    assert "ends_on" in problem_names(short)
    assert "12" in short.json()["invalid_params"][0]["reason"]
    assert _post(floor, personas, CONTRACT)["data"]["ends_on"] == "2027-12-31"


# --- Amsterdam -----------------------------------------------------------------------------

def test_amsterdam_decide_together(login_as, personas):
    """"beslissen samen": the decision records who decided together, the candidate always."""
    floor = _floor(login_as, personas)
    everyone = ["candidate", "consultant", "care_provider", "income_consultant"]
    record = _post(floor, personas, {"kind": "decision", "decided_on": "2026-12-01",
                                     "outcome": "positive", "decided_with": everyone})
    assert record["data"]["decided_with"] == everyone
    without = floor.post(records_url(personas.candidate), json={
        "kind": "decision", "decided_on": "2026-12-01", "outcome": "positive",
        "decided_with": ["consultant", "income_consultant"]})
    assert "decided_with" in problem_names(without)


def test_amsterdam_hybrid_week_three_days_two_days(login_as, personas):
    """"drie dagen… twee dagen": the hybrid week in days as well as hours."""
    record = _post(_floor(login_as, personas), personas, {"kind": "hours_plan", "periods": [
        {"starts_on": "2026-01-05", "work_hours": "21", "day_activity_hours": "12",
         "work_days": 3, "day_activity_days": 2}]})
    assert "3 dagen werk en 2 dagen dagbesteding." in record["plain"]
    assert "Nu: 21 uur werk, 12 uur dagbesteding." in record["plain"]


# --- Oss -------------------------------------------------------------------------------------

def test_oss_screened_for_developable_work_capacity(login_as, personas):
    """"gescreend": the screening is an outcome (yes / no / unclear) with who screened."""
    floor = _floor(login_as, personas)
    text = floor.post(records_url(personas.candidate), json={
        "kind": "screening", "screened_on": "2026-10-01", "work_capacity": "misschien",
        "screened_by": "Wmo-consulent"})
    assert "work_capacity" in problem_names(text)
    record = _post(floor, personas, {"kind": "screening", "screened_on": "2026-10-01",
                                     "work_capacity": "yes",
                                     "screened_by": "Wmo-consulent en arbeidsdeskundige"})
    assert record["data"]["work_capacity"] == "yes"


def test_oss_personal_plan_with_goals_followed_in_time(login_as, personas):
    """"persoonlijk plan met doelen": goals each with progress and an evaluation date; progress
    is a new version, the earlier one stays."""
    floor = _floor(login_as, personas)
    plan = {"kind": "plan_goals", "plan": "personal_plan", "made_on": "2026-09-01",
            "goals": [{"text": "Op tijd komen", "status": "progressing",
                       "evaluate_on": "2026-12-01"}]}
    record = _post(floor, personas, plan)
    plan["goals"][0]["status"] = "met"
    updated = floor.put(records_url(personas.candidate, f"/{record['id']}"), json=plan,
                        headers={"If-Match": 'W/"1"'})
    assert updated.status_code == 200
    history = floor.get(records_url(personas.candidate, f"/{record['id']}")).json()["history"]
    assert [v["data"]["goals"][0]["status"] for v in history] == ["met", "progressing"]


# --- Rijk van Nijmegen ---------------------------------------------------------------------

def test_rijk_van_nijmegen_plan_of_approach_with_learning_goals(login_as, personas):
    """"plan van aanpak", "leerdoelen": at the end, were the goals met, and what are the next
    ones."""
    record = _post(_floor(login_as, personas), personas, {
        "kind": "plan_goals", "plan": "plan_of_approach", "made_on": "2026-01-10",
        "goals": [{"text": "Zelfstandig werken", "status": "progressing"}],
        "ended_on": "2026-12-01", "goals_met": False, "next_goals": "Samenwerken in een team"})
    assert record["data"]["goals_met"] is False
    assert "Je volgende doelen: Samenwerken in een team" in record["plain"]


# --- Apeldoorn -----------------------------------------------------------------------------

def test_apeldoorn_ladder_rungs_3_and_4_then_5(login_as, personas):
    """"treden 3 en 4", "trede 5": day activities are rungs 3-4, beschut werk rung 5; the ladder
    has 6 rungs."""
    floor = _floor(login_as, personas)
    day = _post(floor, personas, {"kind": "ladder_rung", "on": "2026-01-01", "rung": 3})
    work = _post(floor, personas, {"kind": "ladder_rung", "on": "2026-09-01", "rung": 5})
    assert "Trede 3 en 4 zijn dagbesteding." in day["plain"]
    assert "Trede 5 is beschut werk." in work["plain"]
    assert "rung" in problem_names(floor.post(records_url(personas.candidate), json={
        "kind": "ladder_rung", "on": "2026-09-01", "rung": 7}))


# --- Woerden (Ferm Werk) -------------------------------------------------------------------

def test_ferm_werk_16_plus_16_hours_scaled_up(login_as, personas):
    """"16 uur dagbesteding… 16 uur", "opgeschaald": hours at work go up while day-activity
    hours go down, period by period in date order."""
    floor = _floor(login_as, personas)
    today = local_today()
    periods = [
        {"starts_on": (today - timedelta(days=60)).isoformat(), "work_hours": "16",
         "day_activity_hours": "16"},
        {"starts_on": (today + timedelta(days=30)).isoformat(), "work_hours": "24",
         "day_activity_hours": "8"},
        {"starts_on": (today + timedelta(days=90)).isoformat(), "work_hours": "32",
         "day_activity_hours": "0"}]
    record = _post(floor, personas, {"kind": "hours_plan", "periods": periods})
    assert "Nu: 16 uur werk, 16 uur dagbesteding." in record["plain"]
    assert record["checks"]["last"]["work_hours"] == "32"
    backwards = floor.post(records_url(personas.candidate),
                           json={"kind": "hours_plan", "periods": list(reversed(periods))})
    assert "periods.1.starts_on" in problem_names(backwards)


# --- Haarlem (Werkdag) ---------------------------------------------------------------------

def test_haarlem_internship_paid_from_the_lump_sum(login_as, personas):
    """"lumpsum": the trial record says the provider pays from its lump sum, and it never counts
    as the candidate's income in the money outcome."""
    floor = _floor(login_as, personas)
    before = _save_money(floor, personas)["result"]
    record = _post(floor, personas, {"kind": "trial", "starts_on": "2026-11-02", "weeks": 8,
                                     "paid_by": "provider_lump_sum",
                                     "travel_costs_reimbursed": True})
    assert "De dagbesteding betaalt dit. Het kost jou niets." in record["plain"]
    after = floor.get(f"/api/v1/candidates/{personas.candidate}/money").json()["result"]
    assert after["now"] == before["now"] and after["with_work"] == before["with_work"]


# --- The 2023 study on financial barriers -------------------------------------------------

def test_2023_volunteer_allowance_exempt(login_as, personas):
    """"vrijlating", "vrijwilligersvergoeding": at 27 and over a volunteer allowance within the
    maximum is exempt: the benefit stays the same (the money engine's existing rule)."""
    floor = _floor(login_as, personas)
    without = _save_money(floor, personas, volunteer_allowance="0")["result"]["now"]
    with_it = _save_money(floor, personas, volunteer_allowance="150")["result"]["now"]
    assert with_it["parts"]["benefit"] == without["parts"]["benefit"]
    assert Decimal(with_it["parts"]["volunteer_allowance"]) == Decimal(150)
    assert Decimal(with_it["total"]) - Decimal(without["total"]) == Decimal(150)


def test_2023_work_pays_at_least_ten_percent_more(login_as, personas):
    """"ten minste 10 procent": the overview names the hours from which income is at least 10%
    above now (the money engine's existing rule)."""
    result = _save_money(_floor(login_as, personas), personas)["result"]
    first = result["work_pays_from_hours"]
    assert first is not None
    by_hours = {Decimal(p["hours"]): Decimal(p["total"]) for p in result["sweep"]}
    threshold = Decimal(result["now"]["total"]) * Decimal("1.1")
    assert by_hours[Decimal(first)] >= threshold
    assert by_hours[Decimal(first) - Decimal("0.5")] < threshold
