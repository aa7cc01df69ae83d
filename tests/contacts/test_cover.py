"""Cover: a default backup per consultant that new candidates inherit, an admin recording a
colleague's absence, the backup's caseload saying whom she covers, and colleagues to choose
from through the API."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import local_today
from app.contacts.models import Absence, ContactAssignment
from app.people.models import Person
from tests.conftest import csrf_from


def _assignment(db, candidate_id: int) -> ContactAssignment:
    db.expire_all()
    return db.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate_id))


def test_a_new_candidate_inherits_the_default_backup(personas, login_as, db):
    floor = login_as(personas.consultant)
    saved = floor.put(f"/api/v1/consultants/{personas.consultant}/default-backup",
                      json={"backup_id": personas.colleague})
    assert saved.status_code == 200, saved.text
    assert saved.json()["backup_name"] == "Olga Smit"
    candidate = floor.post("/api/v1/candidates", json={"display_name": "Bas Backup"}).json()
    assignment = _assignment(db, candidate["id"])
    assert (assignment.primary_id, assignment.backup_id) == (personas.consultant,
                                                             personas.colleague)
    # Olga finds the new candidate in her caseload, as backup.
    rows = login_as(personas.colleague).get("/api/v1/caseload", params={"q": "Bas"}).json()
    assert rows["items"][0]["role"] == "backup"


def test_a_hand_over_without_a_backup_chosen_takes_the_new_contacts_default(
        personas, login_as, db):
    db.get(Person, personas.backup_consultant).default_backup_id = personas.colleague
    db.commit()
    floor = login_as(personas.consultant)
    version = _assignment(db, personas.candidate).version
    response = floor.put(f"/api/v1/candidates/{personas.candidate}/contact",
                         json={"primary_id": personas.backup_consultant},
                         headers={"If-Match": f'W/"{version}"'})
    assert response.status_code == 200, response.text
    assert response.json()["backup_id"] == personas.colleague
    # Saying "no backup" (null) is respected.
    response = login_as(personas.backup_consultant).put(
        f"/api/v1/candidates/{personas.candidate}/contact",
        json={"primary_id": personas.backup_consultant, "backup_id": None},
        headers={"If-Match": f'W/"{response.json()["version"]}"'})
    assert response.json()["backup_id"] is None


def test_a_consultant_sets_only_her_own_default_backup_an_admin_anyones(personas, login_as, db):
    body = {"backup_id": personas.backup_consultant}
    url = f"/api/v1/consultants/{personas.colleague}/default-backup"
    assert login_as(personas.consultant).put(url, json=body).status_code == 404
    assert login_as(personas.other_admin).put(url, json=body).status_code == 404
    assert login_as(personas.admin).put(url, json=body).status_code == 200
    db.expire_all()
    assert db.get(Person, personas.colleague).default_backup_id == personas.backup_consultant


def test_the_default_backup_must_be_another_consultant_of_the_organisation(personas, login_as,
                                                                          db):
    floor = login_as(personas.consultant)
    url = f"/api/v1/consultants/{personas.consultant}/default-backup"
    for backup in (personas.consultant, personas.other_consultant, personas.admin,
                   personas.candidate):
        response = floor.put(url, json={"backup_id": backup})
        assert response.status_code == 422, backup
        assert response.json()["invalid_params"][0]["name"] == "backup_id"
    db.expire_all()
    assert db.get(Person, personas.consultant).default_backup_id is None


def test_an_admin_records_a_colleagues_sudden_illness(personas, login_as, db):
    until = local_today() + timedelta(days=5)
    anouk = login_as(personas.admin)
    response = anouk.post(f"/api/v1/consultants/{personas.consultant}/absences", json={
        "starts_on": local_today().isoformat(), "ends_on": until.isoformat(), "note": "ziek"})
    assert response.status_code == 201, response.text
    listed = anouk.get(f"/api/v1/consultants/{personas.consultant}/absences").json()
    assert [a["ends_on"] for a in listed] == [until.isoformat()]
    # Guy now reaches Sander.
    contact = login_as(personas.candidate).get(
        f"/api/v1/candidates/{personas.candidate}/contact").json()
    assert contact["reachable"]["display_name"] == "Sander Bakker"
    # Amsterdam's admin does not find Floor; nothing is stored for her.
    before = db.scalar(select(Absence.id).order_by(Absence.id.desc()).limit(1))
    assert login_as(personas.other_admin).post(
        f"/api/v1/consultants/{personas.consultant}/absences",
        json={"starts_on": "2030-01-01", "ends_on": "2030-01-02"}).status_code == 404
    db.expire_all()
    assert db.scalar(select(Absence.id).order_by(Absence.id.desc()).limit(1)) == before


def test_the_backups_caseload_says_whom_she_covers_and_until_when(personas, login_as,
                                                                  browser_as, db):
    until = local_today() + timedelta(days=3)
    db.add(Absence(consultant_id=personas.consultant, starts_on=local_today(), ends_on=until))
    db.commit()
    row = login_as(personas.backup_consultant).get(
        "/api/v1/caseload", params={"q": "Guy"}).json()["items"][0]
    assert row["role"] == "backup"
    assert row["covering_for"] == "Floor de Vries"
    assert row["covering_for_id"] == personas.consultant
    assert row["covering_until"] == until.isoformat()
    sander = browser_as(personas.backup_consultant)
    sander.headers["Accept-Language"] = "en"
    assert "covering for Floor de Vries until" in sander.get("/office").text
    # Floor herself is not covering anyone.
    floor_row = login_as(personas.consultant).get(
        "/api/v1/caseload", params={"q": "Guy"}).json()["items"][0]
    assert floor_row["covering_for"] is None


def test_nobody_is_covered_when_the_contact_is_at_work(personas, login_as):
    row = login_as(personas.backup_consultant).get(
        "/api/v1/caseload", params={"q": "Guy"}).json()["items"][0]
    assert row["covering_for"] is None and row["covering_until"] is None


def test_staff_list_their_colleagues_names_and_ids_only(personas, login_as):
    colleagues = login_as(personas.consultant).get("/api/v1/colleagues").json()
    names = {c["display_name"] for c in colleagues}
    assert {"Floor de Vries", "Sander Bakker", "Olga Smit"} <= names
    assert "Ravi Ramdin" not in names  # another organisation
    assert all(set(c) == {"id", "display_name", "job_title"} for c in colleagues)
    assert login_as(personas.candidate).get("/api/v1/colleagues").status_code == 403
    assert login_as(personas.parent).get("/api/v1/colleagues").status_code == 403


def test_the_team_page_sets_a_default_backup_and_records_an_absence(personas, browser_as, db):
    anouk = browser_as(personas.admin)
    anouk.headers["Accept-Language"] = "en"
    page = anouk.get("/office/team")
    assert page.status_code == 200 and "Record a colleague" in page.text
    token = csrf_from(page.text)
    saved = anouk.post("/office/team/default-backup", data={
        "csrf_token": token, "consultant_id": str(personas.colleague),
        "backup_id": str(personas.consultant)}, follow_redirects=False)
    assert saved.status_code == 303
    db.expire_all()
    assert db.get(Person, personas.colleague).default_backup_id == personas.consultant
    refused = anouk.post("/office/team/absences", data={
        "csrf_token": token, "consultant_id": str(personas.consultant),
        "starts_on": "2030-02-05", "ends_on": "2030-02-01"})
    assert refused.status_code == 422
    assert 'id="error-summary"' in refused.text
    assert 'name="ends_on" type="date" required value="2030-02-01" aria-invalid="true"' in (
        refused.text)
    recorded = anouk.post("/office/team/absences", data={
        "csrf_token": token, "consultant_id": str(personas.consultant),
        "starts_on": "2030-02-01", "ends_on": "2030-02-05", "note": "ziek"},
        follow_redirects=False)
    assert recorded.status_code == 303
    db.expire_all()
    assert db.scalar(select(Absence.note).where(
        Absence.consultant_id == personas.consultant,
        Absence.starts_on == local_today().replace(year=2030, month=2, day=1))) == "ziek"


def test_a_consultant_sets_her_own_default_backup_on_the_team_page(personas, browser_as, db):
    floor = browser_as(personas.consultant)
    page = floor.get("/office/team")
    assert "Record a colleague" not in page.text  # admins only
    response = floor.post("/office/team/default-backup", data={
        "csrf_token": csrf_from(page.text), "consultant_id": str(personas.colleague),
        "backup_id": str(personas.backup_consultant)}, follow_redirects=False)
    assert response.status_code == 303
    db.expire_all()
    # The consultant field is ignored for a consultant: she sets her own.
    assert db.get(Person, personas.consultant).default_backup_id == personas.backup_consultant
    assert db.get(Person, personas.colleague).default_backup_id is None
    # Her form starts from the saved choice.
    assert f'value="{personas.backup_consultant}" selected' in floor.get("/office/team").text
