"""The organisation's rules drive caseload flags that clear only when the real thing happens:
the contract step reached without a contract on file, and the last workplace to try."""

from __future__ import annotations

from tests.caseload.test_flags import _flags, _new_candidate
from tests.journeys.routes import make_current

CONTRACT = {"kind": "contract", "employer_name": "Groenwerk Almere", "hours_per_week": "28",
            "wage_basis": "hourly", "wage_cents": 1600, "starts_on": "2030-01-01",
            "ends_on": "2030-12-31"}


def test_the_contract_step_flags_until_a_contract_is_recorded(login_as, db, personas):
    floor = login_as(personas.consultant, **{"Accept-Language": "en"})
    lisa = _new_candidate(floor, db, personas, "Lisa Contract")
    assert "contract_not_recorded" not in _flags(floor, "Lisa Contract")
    make_current(floor, lisa, "contract")
    flag = _flags(floor, "Lisa Contract")["contract_not_recorded"]
    assert "no contract is recorded" in flag["reason"]
    # A note or an appointment does not clear it; only the contract itself.
    floor.post(f"/api/v1/candidates/{lisa}/case-notes", json={
        "kind": "phone", "with_whom": "werkgever", "body": "Contract bijna klaar."})
    assert "contract_not_recorded" in _flags(floor, "Lisa Contract")
    response = floor.post(f"/api/v1/candidates/{lisa}/records", json=CONTRACT)
    assert response.status_code == 201, response.text
    assert "contract_not_recorded" not in _flags(floor, "Lisa Contract")


def test_the_last_workplace_to_try_is_flagged(login_as, db, personas):
    """Almere tries at most three workplaces ("maximaal drie keer"): the third is flagged as the
    last one; a contract on file clears it."""
    floor = login_as(personas.consultant, **{"Accept-Language": "en"})
    sem = _new_candidate(floor, db, personas, "Sem Plaatsing")
    make_current(floor, sem, "trial")
    for attempt in (2, 3):
        assert "last_placement_attempt" not in _flags(floor, "Sem Plaatsing")
        moved = floor.post(f"/api/v1/candidates/{sem}/way-back",
                           json={"kind": "other_placement", "reason": "mismatch"})
        assert moved.status_code == 201, (attempt, moved.text)
    flag = _flags(floor, "Sem Plaatsing")["last_placement_attempt"]
    assert "Workplace 3 of 3" in flag["reason"]
    assert floor.post(f"/api/v1/candidates/{sem}/records", json=CONTRACT).status_code == 201
    assert "last_placement_attempt" not in _flags(floor, "Sem Plaatsing")


def test_every_warning_has_a_short_name_in_the_filter(browser_as, personas):
    """The filter names the warnings ("Progress talk due"), not what to do about them."""
    from app.caseload.flags import FLAG_CODES, FLAG_NAMES

    assert set(FLAG_NAMES) == set(FLAG_CODES)
    page = browser_as(personas.consultant).get("/office").text
    assert '<option value="evaluation_due">Voortgangsgesprek nodig</option>' in page
    assert "Bel de kandidaat" not in page.split('id="flag"')[1].split("</select>")[0]


def test_the_caseload_says_which_steps_run_beside_the_main_one(login_as, browser_as,
                                                               personas):
    """Guy's trial is his main step; the day activities kept beside it are said too."""
    floor = login_as(personas.consultant)
    guy = next(item for item in floor.get("/api/v1/caseload").json()["items"]
               if item["candidate_id"] == personas.candidate)
    assert guy["current_step_key"] == "trial"
    assert guy["beside_step_keys"] == ["day-activities"]
    page = browser_as(personas.consultant).get("/office").text
    assert "ernaast: Je dagbesteding blijft" in page
