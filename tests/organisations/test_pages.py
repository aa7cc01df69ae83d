"""The admin's organisation page: settings form with its errors and conflicts."""

from __future__ import annotations

from sqlalchemy import select

from app.organisations.models import Organisation
from tests.conftest import csrf_from

URL = "/office/organisation"


def _almere(db) -> Organisation:
    db.expire_all()
    return db.scalar(select(Organisation).where(Organisation.slug == "almere"))


def _form(csrf: str, **changes) -> dict:
    form = {"csrf_token": csrf, "version": "1", "trial_weeks": "8", "hours_criterion": "28",
            "first_salary_offset": "offset_afterwards", "money_overrides": ""}
    form.update(changes)
    return form


def test_only_admins_get_the_organisation_page(browser_as, client, personas):
    page = browser_as(personas.admin).get(URL)
    assert page.status_code == 200
    assert "Gemeente Almere" in page.text and "bijstand.norm_single" in page.text
    assert browser_as(personas.consultant).get(URL).status_code == 403
    assert browser_as(personas.candidate).get(URL).status_code == 403
    assert client.get(URL).status_code == 401


def test_change_the_trial_length_and_the_money_figures(browser_as, personas, db):
    anouk = browser_as(personas.admin)
    csrf = csrf_from(anouk.get(URL).text)
    saved = anouk.post(URL, data=_form(csrf, trial_weeks="10", hours_criterion="",
                                       money_overrides="bijstand.norm_single = 1350.00\n\n"),
                       follow_redirects=False)
    assert saved.status_code == 303
    almere = _almere(db)
    assert (almere.trial_weeks, almere.hours_criterion) == (10, None)
    assert almere.money_overrides == {"bijstand.norm_single": "1350.00"}
    page = anouk.get(URL)
    assert 'value="10"' in page.text and "bijstand.norm_single = 1350.00" in page.text


def test_bad_settings_come_back_with_messages(browser_as, personas, db):
    anouk = browser_as(personas.admin)
    csrf = csrf_from(anouk.get(URL).text)
    response = anouk.post(URL, headers={"Accept-Language": "en"}, data=_form(
        csrf, trial_weeks="60", money_overrides="bijstand.norm_singel = 1\nzomaar iets"))
    assert response.status_code == 422
    assert "Line 2: write it as name = amount." in response.text
    assert "zomaar iets" in response.text  # what the admin typed stays
    unknown = anouk.post(URL, headers={"Accept-Language": "en"}, data=_form(
        csrf, trial_weeks="60", money_overrides="bijstand.norm_singel = 1"))
    assert unknown.status_code == 422
    assert "Trial placement: usual number of weeks" in unknown.text
    assert "Money figures of your own (bijstand.norm_singel)" in unknown.text
    assert unknown.text.count('aria-invalid="true"') == 2
    almere = _almere(db)
    assert almere.trial_weeks == 8 and almere.version == 1


def test_a_stale_settings_form_shows_the_conflict(browser_as, personas, db):
    anouk = browser_as(personas.admin)
    csrf = csrf_from(anouk.get(URL).text)
    assert anouk.post(URL, data=_form(csrf, trial_weeks="9"),
                      follow_redirects=False).status_code == 303
    stale = anouk.post(URL, data=_form(csrf, trial_weeks="12"),
                       headers={"Accept-Language": "en"})
    assert stale.status_code == 412
    assert "Someone else changed this in the meantime." in stale.text
    assert _almere(db).trial_weeks == 9


def test_the_rules_of_the_switch_on_the_settings_page(browser_as, personas, db):
    anouk = browser_as(personas.admin)
    page = anouk.get(URL)
    assert 'id="max_placement_attempts"' in page.text and 'value="3"' in page.text
    csrf = csrf_from(page.text)
    refused = anouk.post(URL, data=_form(csrf, max_placement_attempts="0",
                                         min_contract_months="12"))
    assert refused.status_code == 422
    assert "Hoeveel werkplekken je hooguit probeert" in refused.text
    assert 'id="max_placement_attempts"' in refused.text and 'aria-invalid="true"' in refused.text
    assert _almere(db).max_placement_attempts == 3
    saved = anouk.post(URL, data=_form(csrf, max_placement_attempts="2", min_contract_months="6",
                                       aftercare_visits_per_year="4"), follow_redirects=False)
    assert saved.status_code == 303
    almere = _almere(db)
    assert (almere.max_placement_attempts, almere.min_contract_months,
            almere.aftercare_visits_per_year, almere.evaluation_every_months) == (2, 6, 4, None)
