"""Consultants: an admin invites one (who chooses a password through a one-time link),
switches accounts off at once, and moves a caseload to a colleague."""

from __future__ import annotations

from sqlalchemy import event, func, select

from app.auth.actor import Actor
from app.contacts.models import ContactAssignment
from app.people.models import PasswordSetup, Person, Role
from app.people.service import create_staff_member, list_staff
from tests.conftest import PASSWORD

URL = "/api/v1/consultants"
NEW_PASSWORD = "een lange nieuwe zin"


def _token(link: str) -> str:
    assert "/welcome/" in link
    return link.rsplit("/", 1)[1]


def _assignment(db, candidate_id: int) -> ContactAssignment:
    assignment = db.scalar(select(ContactAssignment)
                           .where(ContactAssignment.candidate_id == candidate_id))
    db.refresh(assignment)
    return assignment


def test_admin_lists_the_organisations_staff_with_caseloads(login_as, personas):
    page = login_as(personas.admin).get(URL)
    assert page.status_code == 200
    body = page.json()
    people = {item["id"]: item for item in body["items"]}
    assert body["total"] == len(body["items"]) == 4  # Floor, Sander, Anouk, Olga
    assert personas.other_consultant not in people
    assert (people[personas.consultant]["primary_count"],
            people[personas.consultant]["backup_count"]) == (1, 0)
    assert (people[personas.backup_consultant]["primary_count"],
            people[personas.backup_consultant]["backup_count"]) == (0, 1)
    assert people[personas.colleague]["primary_count"] == 0
    assert people[personas.admin]["role"] == "admin"
    assert all(item["password_set"] and item["is_active"] for item in body["items"])
    assert "password_hash" not in people[personas.consultant]


def test_listing_staff_takes_the_same_queries_however_many_there_are(db, personas, connection):
    anouk = db.get(Person, personas.admin)
    actor = Actor(person_id=anouk.id, role=Role.admin, organisation_id=anouk.organisation_id,
                  display_name=anouk.display_name, session_id=0, via="bearer")

    def count() -> int:
        statements = []

        def record(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(connection, "before_cursor_execute", record)
        try:
            list_staff(db, actor)
        finally:
            event.remove(connection, "before_cursor_execute", record)
        return len(statements)

    few = count()
    for number in range(5):
        create_staff_member(db, organisation_id=anouk.organisation_id,
                            display_name=f"Collega {number}", email=f"c{number}@almere.test",
                            password=None)
    db.flush()
    assert count() == few == 2


def test_invite_set_a_password_on_the_welcome_page_and_sign_in(login_as, client, personas, db):
    anouk = login_as(personas.admin)
    invited = anouk.post(URL, json={"display_name": "Noor Aydin", "email": " Noor@Almere.test ",
                                    "job_title": "consulent Beschut Werk"})
    assert invited.status_code == 201, invited.text
    consultant = invited.json()["consultant"]
    assert consultant["email"] == "noor@almere.test" and consultant["role"] == "consultant"
    assert consultant["password_set"] is False
    token = _token(invited.json()["setup"]["link"])
    assert db.scalar(select(PasswordSetup.token_hash).where(
        PasswordSetup.person_id == consultant["id"])) != token  # only a hash is stored
    login = {"email": "noor@almere.test", "password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401  # no password yet

    page = client.get(f"/welcome/{token}")
    assert page.status_code == 200 and "Noor Aydin" in page.text
    short = client.post(f"/welcome/{token}", data={"password": "kort", "password_again": "kort"})
    assert short.status_code == 422 and 'aria-invalid="true"' in short.text
    different = client.post(f"/welcome/{token}", data={"password": NEW_PASSWORD,
                                                       "password_again": NEW_PASSWORD + "!"})
    assert different.status_code == 422
    done = client.post(f"/welcome/{token}", data={"password": NEW_PASSWORD,
                                                  "password_again": NEW_PASSWORD})
    assert done.status_code == 200
    assert client.get(f"/welcome/{token}").status_code == 404  # used once
    again = client.post(f"/welcome/{token}", data={"password": NEW_PASSWORD,
                                                   "password_again": NEW_PASSWORD})
    assert again.status_code == 404

    signed_in = client.post("/api/v1/auth/login", json=login)
    assert signed_in.status_code == 200
    assert signed_in.json()["role"] == "consultant"
    me = client.get("/api/v1/me", headers={
        "Authorization": f"Bearer {signed_in.json()['access_token']}"})
    assert me.json()["display_name"] == "Noor Aydin"
    listed = {i["id"]: i for i in anouk.get(URL).json()["items"]}
    assert listed[consultant["id"]]["password_set"] is True


def test_a_new_setup_link_replaces_the_old_one(login_as, client, personas):
    anouk = login_as(personas.admin)
    first = anouk.post(URL, json={"display_name": "Noor", "email": "noor@almere.test"}).json()
    second = anouk.post(f"{URL}/{first['consultant']['id']}/setup-link")
    assert second.status_code == 201
    assert client.get(f"/welcome/{_token(first['setup']['link'])}").status_code == 404
    assert client.get(f"/welcome/{_token(second.json()['setup']['link'])}").status_code == 200


def test_an_email_address_is_used_once(login_as, personas, db):
    before = db.scalar(select(func.count()).select_from(Person))
    anouk = login_as(personas.admin)
    taken = anouk.post(URL, json={"display_name": "Floor 2", "email": "FLOOR@almere.demo"})
    assert taken.status_code == 409
    assert taken.json()["code"] == "email_in_use"
    assert taken.json()["invalid_params"][0]["name"] == "email"
    for body in ({"display_name": "", "email": "a@b.nl"}, {"display_name": "A", "email": "geen"},
                 {"display_name": "A", "email": "a@b.nl", "role": "admin"}):
        assert anouk.post(URL, json=body).status_code == 422
    assert db.scalar(select(func.count()).select_from(Person)) == before


def test_deactivating_signs_the_consultant_out_at_once(login_as, client, personas):
    sander = login_as(personas.backup_consultant)
    assert sander.get("/api/v1/me").status_code == 200
    anouk = login_as(personas.admin)
    response = anouk.post(f"{URL}/{personas.backup_consultant}/deactivate")
    assert response.status_code == 200
    assert response.json()["is_active"] is False and response.json()["backup_count"] == 1
    assert sander.get("/api/v1/me").status_code == 401
    assert client.post("/api/v1/auth/login", json={
        "email": "sander@almere.demo", "password": "stapwijzer-demo"}).status_code == 401
    assert anouk.post(f"{URL}/{personas.backup_consultant}/setup-link").status_code == 404
    listed = anouk.get(URL).json()["items"]
    assert listed[-1]["id"] == personas.backup_consultant  # switched-off accounts come last


def test_nobody_switches_themself_off(login_as, personas):
    anouk = login_as(personas.admin)
    response = anouk.post(f"{URL}/{personas.admin}/deactivate")
    assert response.status_code == 409
    assert response.json()["code"] == "cannot_deactivate_yourself"
    assert anouk.get("/api/v1/me").status_code == 200


def test_reassign_moves_guy_to_olga_and_keeps_sander_as_backup(login_as, personas, db):
    anouk = login_as(personas.admin)
    moved = anouk.post(f"{URL}/{personas.consultant}/reassign",
                       json={"to_consultant_id": personas.colleague})
    assert moved.status_code == 200, moved.text
    assert moved.json() == {"primary_moved": 1, "backup_moved": 0, "backup_cleared": 0}
    assignment = _assignment(db, personas.candidate)
    assert (assignment.primary_id, assignment.backup_id) == (personas.colleague,
                                                             personas.backup_consultant)
    guy = f"/api/v1/candidates/{personas.candidate}"
    assert login_as(personas.consultant).get(guy).status_code == 404
    assert login_as(personas.colleague).get(guy).status_code == 200
    # Sander's backup role moves to Olga too, but she is Guy's contact now: no backup then.
    cleared = anouk.post(f"{URL}/{personas.backup_consultant}/reassign",
                         json={"to_consultant_id": personas.colleague})
    assert cleared.json() == {"primary_moved": 0, "backup_moved": 0, "backup_cleared": 1}
    assignment = _assignment(db, personas.candidate)
    assert (assignment.primary_id, assignment.backup_id) == (personas.colleague, None)


def test_reassigning_a_backup_role(login_as, personas, db):
    moved = login_as(personas.admin).post(f"{URL}/{personas.backup_consultant}/reassign",
                                          json={"to_consultant_id": personas.colleague})
    assert moved.json() == {"primary_moved": 0, "backup_moved": 1, "backup_cleared": 0}
    assignment = _assignment(db, personas.candidate)
    assert (assignment.primary_id, assignment.backup_id) == (personas.consultant,
                                                             personas.colleague)


def test_reassign_only_to_an_active_consultant_of_your_own(login_as, personas, db):
    anouk = login_as(personas.admin)
    inactive = create_staff_member(db, organisation_id=db.get(Person, personas.admin)
                                   .organisation_id, display_name="Oud", email="oud@almere.test",
                                   password=PASSWORD)
    inactive.is_active = False
    db.commit()
    url = f"{URL}/{personas.consultant}/reassign"
    for target in (personas.consultant, personas.admin, personas.other_consultant, inactive.id,
                   personas.candidate):
        response = anouk.post(url, json={"to_consultant_id": target})
        assert response.status_code == 422, target
        assert response.json()["invalid_params"][0]["name"] == "to_consultant_id"
    assert _assignment(db, personas.candidate).primary_id == personas.consultant
    assert anouk.post(f"{URL}/{personas.other_consultant}/reassign",
                      json={"to_consultant_id": personas.colleague}).status_code == 404



def test_reassign_gives_the_contact_persons_default_backup(login_as, personas, db):
    """Sander's backup roles go to Floor, but Floor is Guy's contact person: instead of
    leaving Guy without a backup, Floor's default backup (Olga) takes over."""
    floor = db.get(Person, personas.consultant)
    floor.default_backup_id = personas.colleague
    db.commit()
    moved = login_as(personas.admin).post(f"{URL}/{personas.backup_consultant}/reassign",
                                          json={"to_consultant_id": personas.consultant})
    assert moved.status_code == 200, moved.text
    assert moved.json() == {"primary_moved": 0, "backup_moved": 1, "backup_cleared": 0}
    assignment = _assignment(db, personas.candidate)
    assert (assignment.primary_id, assignment.backup_id) == (personas.consultant,
                                                             personas.colleague)
