"""Back-office pages for employers and their contact people: list, add, change, remove; a
refused form is shown again with the error and nothing is stored."""

from __future__ import annotations

from sqlalchemy import func, select

from app.employers.models import Employer, EmployerContact
from app.people.models import Person
from tests.conftest import csrf_from
from tests.employers.staff_helpers import EMPLOYER, TIM


def _form(browser, url: str) -> str:
    page = browser.get(url)
    assert page.status_code == 200, page.text[:500]
    return csrf_from(page.text)


def test_a_consultant_adds_an_employer_and_a_contact_on_the_pages(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    token = _form(floor, "/office/employers")
    created = floor.post("/office/employers", data={**EMPLOYER, "csrf_token": token},
                         follow_redirects=False)
    assert created.status_code == 303, created.text[:500]
    detail = floor.get(created.headers["location"])
    assert detail.status_code == 200
    assert "De Maaltijdfabriek" in detail.text and "Voeg de contactpersonen" in detail.text
    employer = db.scalar(select(Employer).where(Employer.name == "De Maaltijdfabriek"))
    token = csrf_from(detail.text)
    added = floor.post(f"/office/employers/{employer.id}/contacts",
                       data={**TIM, "csrf_token": token})
    assert added.status_code == 200 and "Tim de Wit" in added.text
    listed = floor.get("/office/employers")
    assert "De Maaltijdfabriek" in listed.text and "Tim de Wit" in listed.text


def test_a_refused_employer_form_shows_the_error_and_stores_nothing(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    token = _form(floor, "/office/employers")
    before = db.scalar(select(func.count()).select_from(Employer))
    refused = floor.post("/office/employers",
                         data={**EMPLOYER, "name": " ", "csrf_token": token})
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.text and "error-summary" in refused.text
    assert db.scalar(select(func.count()).select_from(Employer)) == before


def test_a_duplicate_contact_email_is_refused_on_the_page(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    token = _form(floor, "/office/employers")
    floor.post("/office/employers", data={**EMPLOYER, "csrf_token": token})
    employer = db.scalar(select(Employer).where(Employer.name == "De Maaltijdfabriek"))
    before = db.scalar(select(func.count()).select_from(Person))
    refused = floor.post(f"/office/employers/{employer.id}/contacts",
                         data={**TIM, "email": "floor@almere.demo", "csrf_token": token})
    assert refused.status_code == 409
    assert "Dit e-mailadres wordt al gebruikt." in refused.text
    assert db.scalar(select(func.count()).select_from(Person)) == before


def test_an_employer_is_changed_and_a_contact_removed(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    token = _form(floor, "/office/employers")
    floor.post("/office/employers", data={**EMPLOYER, "csrf_token": token})
    employer = db.scalar(select(Employer).where(Employer.name == "De Maaltijdfabriek"))
    floor.post(f"/office/employers/{employer.id}/contacts", data={**TIM, "csrf_token": token})
    changed = floor.post(f"/office/employers/{employer.id}",
                         data={**EMPLOYER, "city": "Lelystad", "version": "1",
                               "csrf_token": token})
    assert changed.status_code == 200 and "Lelystad" in changed.text
    stale = floor.post(f"/office/employers/{employer.id}",
                       data={**EMPLOYER, "city": "Zeewolde", "version": "1",
                             "csrf_token": token})
    assert stale.status_code == 412 and "Zeewolde" not in stale.text
    contact = db.scalar(select(EmployerContact).where(EmployerContact.employer_id == employer.id))
    removed = floor.post(f"/office/employers/{employer.id}/contacts/{contact.id}/remove",
                         data={"csrf_token": token})
    assert removed.status_code == 200 and "verwijderd" in removed.text


def test_another_organisation_finds_no_employer_page(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    token = _form(floor, "/office/employers")
    floor.post("/office/employers", data={**EMPLOYER, "csrf_token": token})
    employer = db.scalar(select(Employer).where(Employer.name == "De Maaltijdfabriek"))
    ravi = browser_as(personas.other_consultant)
    assert ravi.get(f"/office/employers/{employer.id}").status_code == 404
    assert "De Maaltijdfabriek" not in ravi.get("/office/employers").text


def test_an_employer_person_meets_the_role_gate_of_the_back_office(browser_as, login_as,
                                                                    personas, db):
    from tests.employers.staff_helpers import new_contact, new_employer

    api = login_as(personas.consultant)
    employer = new_employer(api)
    tim = new_contact(api, employer["id"])
    browser = browser_as(tim["person_id"])
    for path in ("/office/employers", f"/office/employers/{employer['id']}",
                 f"/office/candidates/{personas.candidate}/workplace"):
        assert browser.get(path).status_code == 403, path


def test_the_employer_page_invites_a_contact_person_and_shows_the_link_once(
        browser_as, personas, db):
    """The consultant's invite button sits beside each contact person; an admin, who may not
    invite, does not get it."""
    employer_id = db.scalar(select(EmployerContact.employer_id).where(
        EmployerContact.person_id == personas.employer))
    floor = browser_as(personas.consultant)
    page = floor.get(f"/office/employers/{employer_id}")
    action = f"/office/employers/{employer_id}/contacts/{personas.employer}/invite"
    assert f'action="{action}"' in page.text
    invited = floor.post(action, data={"csrf_token": csrf_from(page.text)})
    assert invited.status_code == 201, invited.text[:500]
    assert "/i/" in invited.text and "Code" in invited.text
    admin_page = browser_as(personas.admin).get(f"/office/employers/{employer_id}")
    assert admin_page.status_code == 200 and action not in admin_page.text
