"""An employer's person signs in: invited by a consultant (one-time link and code), then with
e-mail and a password of their own; never by someone outside the municipality."""

from __future__ import annotations

from sqlalchemy import select

from app.employers.models import EmployerContact
from app.people.models import Person
from tests.employer_access.helpers import other_employer_person

STRONG = "een lange zin als wachtwoord"


def _employer_id(db, person_id: int) -> int:
    return db.scalar(select(EmployerContact.employer_id).where(
        EmployerContact.person_id == person_id))


def _invite(login_as, db, personas, inviter=None):
    url = (f"/api/v1/employers/{_employer_id(db, personas.employer)}"
           f"/contacts/{personas.employer}/invite")
    return login_as(inviter or personas.consultant).post(url)


def test_a_consultant_invites_tim_and_the_link_signs_him_in_once(client, login_as, db,
                                                                  personas):
    response = _invite(login_as, db, personas)
    assert response.status_code == 201, response.text
    invite = response.json()["invite"]
    token = invite["link"].rsplit("/", 1)[1]
    first = client.post("/api/v1/auth/invites/redeem", json={"token": token})
    assert first.status_code == 200 and first.json()["role"] == "employer"
    again = client.post("/api/v1/auth/invites/redeem", json={"token": token})
    assert again.status_code == 401 and again.json()["code"] == "invite_no_longer_valid"


def test_the_invite_page_signs_tim_in_and_sends_him_to_his_home(client, login_as, db, personas):
    code = _invite(login_as, db, personas).json()["invite"]["code"]
    page = client.post("/code", data={"code": code}, headers={"origin": "http://testserver"})
    assert page.status_code == 200, page.text
    assert page.url.path == "/employer"
    assert "Guy Visser" in page.text


def test_only_consultants_of_the_employers_municipality_may_invite(login_as, db, personas):
    assert _invite(login_as, db, personas, personas.other_consultant).status_code == 404
    assert _invite(login_as, db, personas, personas.admin).status_code == 403
    assert _invite(login_as, db, personas, personas.candidate).status_code == 403
    # A person who is not one of this employer's people: not found.
    els = other_employer_person(db, personas)
    url = f"/api/v1/employers/{_employer_id(db, personas.employer)}/contacts/{els.id}/invite"
    assert login_as(personas.consultant).post(url).status_code == 404


def test_an_invite_dies_when_the_person_leaves_the_employer(client, login_as, db, personas):
    code = _invite(login_as, db, personas).json()["invite"]["code"]
    contact = db.scalar(select(EmployerContact).where(
        EmployerContact.person_id == personas.employer))
    db.delete(contact)
    db.commit()
    response = client.post("/api/v1/auth/invites/redeem", json={"code": code})
    assert response.status_code == 401 and response.json()["code"] == "invite_no_longer_valid"


def test_tim_chooses_a_password_and_signs_in_with_it(client, login_as, db, personas):
    tim = login_as(personas.employer)
    short = tim.put("/api/v1/employer/password", json={"password": "kort",
                                                      "password_again": "kort"})
    assert short.status_code == 422
    assert short.headers["content-type"].startswith("application/problem+json")
    differ = tim.put("/api/v1/employer/password", json={"password": STRONG,
                                                       "password_again": STRONG + "!"})
    assert differ.status_code == 422
    assert tim.put("/api/v1/employer/password",
                   json={"password": STRONG, "password_again": STRONG}).status_code == 204
    email = db.get(Person, personas.employer).email
    signed_in = client.post("/api/v1/auth/login", json={"email": email, "password": STRONG})
    assert signed_in.status_code == 200, signed_in.text
    wrong = client.post("/api/v1/auth/login", json={"email": email, "password": STRONG + "x"})
    assert wrong.status_code == 401


def test_the_password_is_for_employers_only(login_as, personas):
    for caller in (personas.candidate, personas.parent, personas.consultant):
        response = login_as(caller).put("/api/v1/employer/password",
                                        json={"password": STRONG, "password_again": STRONG})
        assert response.status_code == 403


def test_the_demo_prints_a_sign_in_link_for_tim(db, settings, personas):
    from app.demo.seed import issue_demo_links

    links = {link.persona: link for link in issue_demo_links(db, settings)}
    assert links["employer"].display_name == "Tim de Wit"
    assert "/i/" in links["employer"].link


def test_the_back_office_invite_shows_link_and_code_once(browser_as, db, personas):
    from tests.conftest import csrf_from

    floor = browser_as(personas.consultant)
    csrf = csrf_from(floor.get("/office").text)
    url = (f"/office/employers/{_employer_id(db, personas.employer)}"
           f"/contacts/{personas.employer}/invite")
    page = floor.post(url, data={"csrf_token": csrf}, headers={"origin": "http://testserver"})
    assert page.status_code == 201
    assert "Uitnodiging voor Tim de Wit" in page.text and "/i/" in page.text
    ravi = browser_as(personas.other_consultant)
    other = ravi.post(url, data={"csrf_token": csrf_from(ravi.get("/office").text)},
                      headers={"origin": "http://testserver"})
    assert other.status_code == 404


def test_tim_signs_in_on_the_login_page_and_lands_on_his_home(client):
    from app.demo.employer import EMPLOYER_EMAIL
    from app.demo.seed import DEMO_PASSWORD

    page = client.post("/login", data={"email": EMPLOYER_EMAIL, "password": DEMO_PASSWORD},
                       headers={"origin": "http://testserver"})
    assert page.status_code == 200, page.text
    assert page.url.path == "/employer"
    assert "Guy Visser" in page.text
