"""The caseload: flags with reasons and actions, filters, and a query count that does not grow
with the number of candidates."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from app.auth.actor import Actor
from app.candidates.schemas import CandidateCreate
from app.clock import local_today
from app.contacts.models import Absence, ContactAssignment
from app.onboarding.service import create_candidate
from app.people.models import Person, Role
from app.route_templates.models import RouteTemplate


def _guy_row(client):
    rows = client.get("/api/v1/caseload").json()["items"]
    return next(r for r in rows if r["display_name"] == "Guy Visser")


def test_guy_is_flagged_for_the_first_salary_month(login_as, personas):
    row = _guy_row(login_as(personas.consultant))
    codes = {f["code"] for f in row["flags"]}
    assert "first_salary_soon" in codes
    flag = next(f for f in row["flags"] if f["code"] == "first_salary_soon")
    assert flag["reason"] and flag["action"]
    assert row["route_key"] == "almere" and row["current_step_key"] == "trial"
    assert row["days_in_step"] == 17 and row["role"] == "primary"


def test_recording_the_benefits_office_clears_the_flag(login_as, personas):
    floor = login_as(personas.consultant)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/money/benefits-office-informed",
                          json={"informed_on": local_today().isoformat()},
                          headers={"If-Match": 'W/"1"'})
    assert response.status_code == 200
    assert "first_salary_soon" not in {f["code"] for f in _guy_row(floor)["flags"]}


def test_backup_sees_guy_as_backup(login_as, personas):
    assert _guy_row(login_as(personas.backup_consultant))["role"] == "backup"


def test_absent_contact_without_backup_is_flagged(login_as, personas, db):
    assignment = db.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == personas.candidate))
    assignment.backup_id = None
    db.add(Absence(consultant_id=personas.consultant, starts_on=local_today(),
                   ends_on=local_today() + timedelta(days=3)))
    db.commit()
    codes = {f["code"] for f in _guy_row(login_as(personas.consultant))["flags"]}
    assert "contact_absent_no_backup" in codes


def test_filters_and_search(login_as, personas):
    floor = login_as(personas.consultant)
    assert floor.get("/api/v1/caseload", params={"q": "guy"}).json()["total"] == 1
    assert floor.get("/api/v1/caseload", params={"q": "nobody"}).json()["total"] == 0
    flagged = floor.get("/api/v1/caseload", params={"flag": "first_salary_soon"}).json()
    assert [r["display_name"] for r in flagged["items"]] == ["Guy Visser"]
    assert floor.get("/api/v1/caseload", params={"flag": "nonsense"}).status_code == 422


def _count_queries(connection, call) -> int:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(connection, "before_cursor_execute", record)
    return len(statements)


def _add_candidates(db, personas, count: int) -> None:
    floor = db.get(Person, personas.consultant)
    actor = Actor(person_id=floor.id, role=Role.consultant, organisation_id=floor.organisation_id,
                  display_name=floor.display_name, session_id=0, via="bearer")
    route = db.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere"))
    for number in range(count):
        create_candidate(db, actor, CandidateCreate(display_name=f"Kandidaat {number:03d}",
                                                    route_template_id=route))
    db.commit()


def test_query_count_does_not_grow_with_the_caseload(login_as, personas, db, connection):
    """Fixed counts both ways: rows worked out afresh (a file changed since it was last
    listed) and rows from the row cache (nothing changed), which takes fewer statements."""
    floor = login_as(personas.consultant)

    def counts() -> tuple[int, int, int]:
        worked_out = _count_queries(connection, lambda: floor.get("/api/v1/caseload"))
        cached = _count_queries(connection, lambda: floor.get("/api/v1/caseload"))
        return worked_out, cached, _count_queries(connection, lambda: floor.get("/office"))

    _add_candidates(db, personas, 5)
    small = counts()
    _add_candidates(db, personas, 45)  # 50 in all, as the issue asks
    large = counts()
    response = floor.get("/api/v1/caseload", params={"limit": 200})
    assert response.json()["total"] == 51
    assert large == small
    assert small[1] < small[0]


def test_caseload_page_filters_by_step(browser_as, personas, db):
    """Floor picks the trial step ("Proberen op een werkplek"): only those in their trial remain."""
    _add_candidates(db, personas, 2)  # new journeys start at the route's first step
    floor = browser_as(personas.consultant)
    page = floor.get("/office").text
    step_list = page.split('id="step"', 1)[1].split("</select>", 1)[0]
    assert 'value="trial"' in step_list and "Proberen op een werkplek" in step_list
    trial = floor.get("/office", params={"step": "trial"}).text
    assert "Guy Visser" in trial and "Kandidaat 000" not in trial
    assert 'value="trial" selected' in trial
    everyone = floor.get("/office").text
    assert "Guy Visser" in everyone and "Kandidaat 000" in everyone
