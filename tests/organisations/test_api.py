"""Organisation settings: admins read and change their own organisation's settings, with
optimistic concurrency and money overrides checked against the money engine."""

from __future__ import annotations

from sqlalchemy import select

from app.organisations.models import Organisation

URL = "/api/v1/organisation"


def test_settings_round_trip(login_as, personas, db):
    anouk = login_as(personas.admin)
    read = anouk.get(URL)
    assert read.status_code == 200 and read.headers["ETag"] == 'W/"1"'
    assert read.json()["slug"] == "almere" and read.json()["trial_weeks"] == 8
    assert read.json()["money_overrides"] == {}
    body = {"trial_weeks": 10, "hours_criterion": 24, "first_salary_offset": "estimate_in_advance",
            "money_overrides": {"bijstand.norm_single": "1350.0", "wml.hourly_21_plus": "15"}}
    changed = anouk.patch(URL, json=body, headers={"If-Match": read.headers["ETag"]})
    assert changed.status_code == 200, changed.text
    assert changed.headers["ETag"] == 'W/"2"'
    again = anouk.get(URL).json()
    assert again["trial_weeks"] == 10 and again["hours_criterion"] == 24
    assert again["first_salary_offset"] == "estimate_in_advance"
    assert again["money_overrides"] == {"bijstand.norm_single": "1350.0",
                                        "wml.hourly_21_plus": "15"}
    # Only the fields sent change; null clears a number.
    cleared = anouk.patch(URL, json={"hours_criterion": None}, headers={"If-Match": 'W/"2"'})
    assert cleared.json()["hours_criterion"] is None and cleared.json()["trial_weeks"] == 10
    # Amsterdam's settings are untouched.
    amsterdam = db.scalar(select(Organisation).where(Organisation.slug == "amsterdam"))
    assert amsterdam.trial_weeks == 12 and amsterdam.version == 1


def test_overrides_reach_the_money_overview(login_as, personas):
    anouk = login_as(personas.admin)
    floor = login_as(personas.consultant)
    money_url = f"/api/v1/candidates/{personas.candidate}/money"
    before = floor.get(money_url)
    assert before.status_code == 200
    response = anouk.patch(URL, json={"money_overrides": {"bijstand.norm_single": "1500.00"}},
                           headers={"If-Match": 'W/"1"'})
    assert response.status_code == 200
    after = floor.get(money_url)
    assert after.status_code == 200 and after.json() != before.json()


def test_stale_and_missing_versions(login_as, personas):
    anouk = login_as(personas.admin)
    assert anouk.patch(URL, json={"trial_weeks": 9}).status_code == 428
    first = anouk.patch(URL, json={"trial_weeks": 9}, headers={"If-Match": 'W/"1"'})
    assert first.status_code == 200
    stale = anouk.patch(URL, json={"trial_weeks": 7}, headers={"If-Match": 'W/"1"'})
    assert stale.status_code == 412 and stale.json()["current_version"] == 2
    assert anouk.get(URL).json()["trial_weeks"] == 9


def test_invalid_overrides_and_numbers_are_refused(login_as, personas, db):
    anouk = login_as(personas.admin, **{"Accept-Language": "en"})
    unknown = anouk.patch(URL, json={"trial_weeks": 9, "money_overrides": {
        "bijstand.norm_singel": "1350", "wml.hourly_21_plus": "veel"}},
        headers={"If-Match": 'W/"1"'})
    assert unknown.status_code == 422
    problems = {p["name"]: p for p in unknown.json()["invalid_params"]}
    assert problems["money_overrides.bijstand.norm_singel"]["code"] == "unknown_parameter"
    assert problems["money_overrides.wml.hourly_21_plus"]["code"] == "invalid_override"
    assert problems["money_overrides.wml.hourly_21_plus"]["reason"] == \
        "Enter an amount, for example 12.50."
    for body in ({"trial_weeks": 0}, {"trial_weeks": 53}, {"hours_criterion": 41},
                 {"first_salary_offset": "never"}, {"name": "Gemeente X"},
                 {"money_overrides": {"wml.hourly_21_plus": "Infinity"}}):
        response = anouk.patch(URL, json=body, headers={"If-Match": 'W/"1"'})
        assert response.status_code == 422, body
        assert response.json()["invalid_params"]
    almere = db.scalar(select(Organisation).where(Organisation.slug == "almere"))
    db.refresh(almere)
    assert almere.trial_weeks == 8 and almere.version == 1 and almere.money_overrides == {}


def test_dutch_messages_for_a_bad_amount(login_as, personas):
    anouk = login_as(personas.admin, **{"Accept-Language": "nl"})
    response = anouk.patch(URL, json={"money_overrides": {"wml.hourly_21_plus": "x"}},
                           headers={"If-Match": 'W/"1"'})
    assert response.json()["invalid_params"][0]["reason"] == \
        "Vul een bedrag in, bijvoorbeeld 12.50."


def test_the_rules_of_the_switch_come_from_the_shipped_route_and_can_be_changed(
        login_as, personas, db):
    """Almere's numbers from seed-rules.md arrive with its route; an admin changes or clears
    them; out-of-range numbers are refused and nothing changes."""
    anouk = login_as(personas.admin, **{"Accept-Language": "en"})
    read = anouk.get(URL).json()
    assert (read["max_placement_attempts"], read["min_contract_months"],
            read["aftercare_visits_per_year"], read["evaluation_every_months"]) == (3, 12, 2, 6)
    assert read["youth_max_indication_months"] is None
    for body in ({"max_placement_attempts": 0}, {"min_contract_months": 61},
                 {"aftercare_visits_per_year": 13}, {"evaluation_every_months": 0},
                 {"youth_max_indication_months": "long"}):
        refused = anouk.patch(URL, json=body, headers={"If-Match": 'W/"1"'})
        assert refused.status_code == 422, body
        assert refused.json()["invalid_params"][0]["name"] == next(iter(body))
    changed = anouk.patch(URL, json={"max_placement_attempts": 4, "evaluation_every_months": None},
                          headers={"If-Match": 'W/"1"'})
    assert changed.status_code == 200, changed.text
    assert changed.json()["max_placement_attempts"] == 4
    assert changed.json()["evaluation_every_months"] is None
    assert changed.json()["min_contract_months"] == 12
    oss = db.scalar(select(Organisation).where(Organisation.slug == "oss"))
    assert oss.youth_max_indication_months == 12 and oss.max_placement_attempts is None
