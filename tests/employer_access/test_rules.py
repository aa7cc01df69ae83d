"""The employer's access rules: Tim sees Guy only through a placement of his firm with Guy's
consent, and then only the placement and the contact person; everything else is not found."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.access.policies import (
    EMPLOYER_AREAS,
    PLACEMENT_VISIBLE_AFTER_END,
    FileArea,
    areas_for,
    visible_candidate_ids,
)
from app.auth.actor import Actor
from app.db import utcnow
from app.people.models import Person, Role
from tests.employer_access.helpers import guys_placement, other_employer_person, place


def _actor(db, person_id: int) -> Actor:
    from sqlalchemy import select

    from app.employers.models import EmployerContact

    person = db.get(Person, person_id)
    employer_id = db.scalar(select(EmployerContact.employer_id).where(
        EmployerContact.person_id == person_id))
    return Actor(person_id=person.id, role=person.role, organisation_id=person.organisation_id,
                 display_name=person.display_name, session_id=0, via="bearer",
                 employer_id=employer_id)


def _sees(db, actor) -> set[int]:
    return set(db.scalars(visible_candidate_ids(actor)))


def test_tim_sees_guys_placement_and_contact_only(db, personas):
    tim = _actor(db, personas.employer)
    guy = db.get(Person, personas.candidate)
    assert areas_for(db, tim, guy) == EMPLOYER_AREAS == {FileArea.placement, FileArea.contact}
    assert _sees(db, tim) == {personas.candidate}
    # Not the profile: it holds Guy's date of birth, phone and e-mail.
    assert FileArea.profile not in EMPLOYER_AREAS
    assert FileArea.appointments not in EMPLOYER_AREAS


def test_an_employer_without_a_placement_of_guy_sees_nothing(db, personas):
    els = _actor(db, other_employer_person(db, personas).id)
    assert areas_for(db, els, db.get(Person, personas.candidate)) == frozenset()
    assert _sees(db, els) == set()


@pytest.mark.parametrize("state", ["no consent", "withdrawn", "ended long ago"])
def test_a_placement_without_live_consent_shows_nothing(db, personas, state):
    els_person = other_employer_person(db, personas)
    fields = {"no consent": dict(consent_at=None, consent_method=None, consent_by_id=None),
              "withdrawn": dict(consent_withdrawn_at=utcnow()),
              "ended long ago": dict(ended_at=utcnow() - PLACEMENT_VISIBLE_AFTER_END
                                     - timedelta(days=1))}[state]
    place(db, personas, els_person, **fields)
    els = _actor(db, els_person.id)
    assert areas_for(db, els, db.get(Person, personas.candidate)) == frozenset()
    assert _sees(db, els) == set()


def test_a_placement_ended_recently_stays_visible_for_the_last_paperwork(db, personas):
    els_person = other_employer_person(db, personas)
    place(db, personas, els_person, ended_at=utcnow() - timedelta(days=3))
    assert _sees(db, _actor(db, els_person.id)) == {personas.candidate}


def test_withdrawing_consent_ends_tims_view_at_once(db, personas):
    placement = guys_placement(db, personas)
    placement.consent_withdrawn_at = utcnow()
    db.commit()
    assert _sees(db, _actor(db, personas.employer)) == set()


def test_an_employer_person_removed_from_the_firm_sees_nothing(db, personas):
    tim = _actor(db, personas.employer)
    removed = Actor(**{**tim.__dict__, "employer_id": None})
    assert areas_for(db, removed, db.get(Person, personas.candidate)) == frozenset()
    assert _sees(db, removed) == set()
    assert tim.role is Role.employer


# Every part of Guy's file the employer must never see, by API and page.
FORBIDDEN_API = [
    "/api/v1/candidates/{guy}", "/api/v1/candidates/{guy}/journey",
    "/api/v1/candidates/{guy}/money", "/api/v1/candidates/{guy}/guarantee",
    "/api/v1/candidates/{guy}/messages", "/api/v1/candidates/{guy}/records",
    "/api/v1/candidates/{guy}/case-notes", "/api/v1/candidates/{guy}/timeline",
    "/api/v1/candidates/{guy}/network", "/api/v1/candidates/{guy}/access-log",
    "/api/v1/candidates/{guy}/appointments",
]
FORBIDDEN_PAGES = [
    "/c/{guy}", "/c/{guy}/money", "/c/{guy}/guarantee", "/c/{guy}/messages",
    "/c/{guy}/steps", "/c/{guy}/appointments", "/c/{guy}/network",
]


@pytest.mark.parametrize("path", FORBIDDEN_API)
def test_tim_gets_404_on_the_rest_of_guys_file_by_api(path, personas, login_as):
    response = login_as(personas.employer).get(path.format(guy=personas.candidate))
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("path", FORBIDDEN_PAGES)
def test_tim_gets_404_on_the_rest_of_guys_file_by_page(path, personas, browser_as):
    response = browser_as(personas.employer).get(path.format(guy=personas.candidate),
                                                 follow_redirects=False)
    assert response.status_code == 404


def test_another_employer_gets_404_even_on_guys_contact(db, personas, login_as):
    els = other_employer_person(db, personas)
    place(db, personas, els, consent_withdrawn_at=utcnow())
    response = login_as(els.id).get(f"/api/v1/candidates/{personas.candidate}/contact")
    assert response.status_code == 404
    tim = login_as(personas.employer).get(f"/api/v1/candidates/{personas.candidate}/contact")
    assert tim.status_code == 200


def test_the_employer_actor_costs_one_statement(login_as, personas, connection):
    from tests.auth.test_actor_cost import _actor_reads, _statements

    tim = login_as(personas.employer)
    response, statements = _statements(connection, lambda: tim.get("/api/v1/me"))
    assert response.status_code == 200
    assert len(_actor_reads(statements, personas.employer)) == 1, statements


def test_tims_candidate_list_names_guy_and_nothing_more(login_as, personas):
    body = login_as(personas.employer).get("/api/v1/candidates").json()
    assert [(c["display_name"], c["day_activity_provider"]) for c in body["items"]] == [
        ("Guy Visser", None)]
