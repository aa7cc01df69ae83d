"""Tim's checklist: the municipality that places his candidates (his employer's organisation)
tells him what to know and arrange, on a page, as a leaflet to print and in the API; nobody
else reads it there, and it logs nothing in any candidate's file."""

from __future__ import annotations

from babel.dates import format_date
from sqlalchemy import func, select

from app.access_log.models import AccessLogEntry
from app.employer_checklist.models import EmployerChecklistItem
from app.employers.models import Employer, EmployerContact
from app.organisations.models import Organisation
from tests.employer_access.helpers import other_employer_person


def _almere_items(db, personas) -> list[EmployerChecklistItem]:
    from app.employer_checklist.service import checklist_for
    from app.people.models import Person

    return checklist_for(db, db.get(Person, personas.employer).organisation_id).items


def test_tim_reads_almeres_checklist_in_the_api_with_its_checked_on_date(login_as, db,
                                                                        personas):
    response = login_as(personas.employer).get("/api/v1/employer/checklist")
    assert response.status_code == 200, response.text
    body = response.json()
    items = _almere_items(db, personas)
    assert body["organisation_name"] == "Gemeente Almere"
    assert [item["id"] for item in body["items"]] == [item.id for item in items]
    assert len(items) >= 5
    assert body["checked_on"] == min(i.checked_on for i in items).isoformat()
    # The same item shape as the staff's API.
    staff = login_as(personas.consultant).get("/api/v1/employer-checklist").json()
    assert body == staff


def test_tim_sees_the_checklist_of_his_employers_municipality_not_his_own_record(
        login_as, db, personas):
    """The checklist follows the employer's organisation: an Almere-placed firm's person
    recorded at another organisation still reads Almere's list."""
    amsterdam = db.scalar(select(Organisation).where(Organisation.slug == "amsterdam"))
    els = other_employer_person(db, personas)
    els.organisation_id = amsterdam.id
    db.commit()
    response = login_as(els.id).get("/api/v1/employer/checklist")
    assert response.status_code == 200, response.text
    assert response.json()["organisation_name"] == "Gemeente Almere"
    # Moved to an Amsterdam firm, she reads Amsterdam's.
    firm = db.scalar(select(Employer).join(EmployerContact).where(
        EmployerContact.person_id == els.id))
    firm.organisation_id = amsterdam.id
    db.commit()
    assert login_as(els.id).get("/api/v1/employer/checklist").json()[
        "organisation_name"] == amsterdam.name


def test_a_person_no_longer_with_an_employer_finds_no_checklist(login_as, db, personas):
    els = other_employer_person(db, personas)
    db.delete(db.scalar(select(EmployerContact).where(EmployerContact.person_id == els.id)))
    db.commit()
    assert login_as(els.id).get("/api/v1/employer/checklist").status_code == 404
    assert login_as(els.id).get("/employer/checklist").status_code == 404


def test_the_checklist_page_and_print_show_the_items_and_when_they_were_checked(
        browser_as, db, personas):
    items = _almere_items(db, personas)
    checked = min(i.checked_on for i in items)
    before = db.scalar(select(func.coalesce(func.max(AccessLogEntry.id), 0)))
    client = browser_as(personas.employer)
    for path in ("/employer/checklist", "/employer/checklist/print"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert items[0].texts["nl"]["title"] in page.text
        assert f"Gecontroleerd op {format_date(checked, 'long', locale='nl')}" in page.text
    page = client.get("/employer/checklist")
    assert "Waar moet ik aan denken?" in page.text
    assert 'href="/employer/checklist/print"' in page.text
    # The leaflet goes back to Tim's page, not the back-office, and has no staff layout.
    printed = client.get("/employer/checklist/print")
    assert 'href="/employer/checklist"' in printed.text
    assert "/office/" not in printed.text
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(AccessLogEntry).where(
        AccessLogEntry.id > before)) == 0


def test_the_employer_home_links_to_the_checklist(browser_as, personas):
    home = browser_as(personas.employer).get("/employer")
    assert "Waar moet ik aan denken?" in home.text
    assert 'href="/employer/checklist"' in home.text


def test_the_checklist_endpoint_is_in_openapi_with_the_route_names_operation_id(app):
    operation = app.openapi()["paths"]["/api/v1/employer/checklist"]["get"]
    assert operation["operationId"] == "employer_access_checklist"
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ChecklistPublic"}
