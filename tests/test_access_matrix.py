"""Every API endpoint × every kind of caller: allowed, denied, and somebody else's data.

Anonymous callers get 401; a role that may never use an endpoint gets 403; a candidate's data
that the caller may not see answers 404, exactly as if it did not exist."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.appointments.models import Appointment
from app.auth.models import AuthSession
from app.contacts.models import Absence
from app.journeys.models import Journey, JourneyStep, StepState
from app.messages.models import Message, MessageKind
from app.network.models import NetworkGrant
from app.route_templates.models import RouteTemplate
from tests.access import (  # noqa: E402 - shared with tests/*/access_rows.py
    ALL,
    ASKS_QUESTIONS,
    CONSULTANTS,
    FULL_VIEW,
    GUYS_CONSULTANTS,
    NOT_STAFF,
    RUNS_GUYS_FILE,
    SEES_GUY,
    SIGNED_IN,
    STAFF,
    expected,
)


def ids_for(db, personas):
    """Ids the matrix paths use; domains add theirs in tests/<domain>/access_rows.py (IDS)."""
    ids = _ids(db, personas)
    import importlib
    from pathlib import Path

    for path in sorted(Path(__file__).parent.glob("*/access_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_rows")
        if hasattr(module, "ids"):
            ids.update(module.ids(db, personas))
    return ids


def _ids(db, personas):
    marja_grant = db.scalar(
        select(NetworkGrant.id).where(NetworkGrant.member_id == personas.parent)
    )
    jan_grant = db.scalar(
        select(NetworkGrant.id).where(NetworkGrant.member_id == personas.steps_only_member)
    )
    almere_route = db.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere"))
    journey = db.scalar(select(Journey.id).where(Journey.candidate_id == personas.candidate))
    step = db.scalar(select(JourneyStep.id).where(JourneyStep.journey_id == journey))
    appointment = db.scalar(
        select(Appointment.id).where(Appointment.candidate_id == personas.candidate))
    update = db.scalar(select(Message.id).where(Message.candidate_id == personas.candidate,
                                                Message.kind == MessageKind.update))
    steps = list(db.scalars(select(JourneyStep).where(JourneyStep.journey_id == journey)
                            .order_by(JourneyStep.position)))
    current = next(s.id for s in steps if s.state == StepState.current)
    # Not the contract step: Guy's placement links it (a linked step is not removed).
    todo = next(s.id for s in steps if s.state == StepState.todo and s.key != "contract")
    question = Message(candidate_id=personas.candidate, author_id=personas.candidate,
                       kind=MessageKind.question, body="Hoe laat?")
    absence = Absence(consultant_id=personas.consultant, starts_on=date(2030, 1, 1),
                      ends_on=date(2030, 1, 8))
    db.add_all([question, absence])
    db.commit()
    return {"guy": personas.candidate, "marja_grant": marja_grant, "jan_grant": jan_grant,
            "almere_route": almere_route, "step": step, "appointment": appointment,
            "update": update, "current_step": current, "todo_step": todo,
            "step_ids": [s.id for s in reversed(steps)], "question": question.id,
            "absence": absence.id, "floor": personas.consultant,
            "sander": personas.backup_consultant}


NETWORK_INVITE = {"display_name": "Tante Ria", "relation": "tante", "areas": ["steps", "guarantee"],
                  "consent_method": "in_person"}

MONEY_INPUTS = {"household": "single", "benefit": "bijstand", "planned_hours": "24",
                "volunteer_allowance": "50.00"}

# (name, method, path, json body, headers, expected statuses)
MATRIX = [
    ("me", "GET", "/api/v1/me", None, {}, expected(SIGNED_IN, 200)),
    ("my sessions", "GET", "/api/v1/me/sessions", None, {}, expected(SIGNED_IN, 200)),
    ("candidate list", "GET", "/api/v1/candidates", None, {}, expected(SIGNED_IN, 200)),
    ("candidate profile", "GET", "/api/v1/candidates/{guy}", None, {}, expected(SEES_GUY, 200)),
    ("journey", "GET", "/api/v1/candidates/{guy}/journey", None, {}, expected(SEES_GUY, 200)),
    ("network list", "GET", "/api/v1/candidates/{guy}/network", None, {},
     expected(RUNS_GUYS_FILE, 200)),
    ("access log", "GET", "/api/v1/candidates/{guy}/access-log", None, {},
     expected(RUNS_GUYS_FILE, 200)),
    ("enrol device", "POST", "/api/v1/candidates/{guy}/device-invites", None, {},
     expected(("consultant", "backup_consultant"), 201,
              forbidden=(*NOT_STAFF, "admin", "other_admin"))),
    ("invite network", "POST", "/api/v1/candidates/{guy}/network", NETWORK_INVITE, {},
     expected(RUNS_GUYS_FILE, 201)),
    ("change network areas", "PATCH", "/api/v1/candidates/{guy}/network/{marja_grant}",
     {"areas": ["steps"]}, {"If-Match": 'W/"1"'}, expected(RUNS_GUYS_FILE, 200)),
    ("revoke network", "DELETE", "/api/v1/candidates/{guy}/network/{jan_grant}", None, {},
     expected(RUNS_GUYS_FILE, 204)),
    # Restoring a grant that is not revoked answers it as it is (the undo is idempotent).
    ("undo revoke network", "POST", "/api/v1/candidates/{guy}/network/{marja_grant}/restore",
     None, {}, expected(RUNS_GUYS_FILE, 200)),
    ("route templates", "GET", "/api/v1/route-templates", None, {},
     expected(STAFF, 200, forbidden=NOT_STAFF)),
    ("route template", "GET", "/api/v1/route-templates/{almere_route}", None, {},
     expected(("consultant", "backup_consultant", "colleague", "admin"), 200,
              forbidden=NOT_STAFF)),
    ("start TOTP", "POST", "/api/v1/me/totp", None, {}, expected(STAFF, 200, forbidden=NOT_STAFF)),
    ("journey step", "GET", "/api/v1/candidates/{guy}/journey/steps/{step}", None, {},
     expected(SEES_GUY, 200)),
    ("appointments", "GET", "/api/v1/candidates/{guy}/appointments", None, {},
     expected(FULL_VIEW, 200)),
    ("appointment", "GET", "/api/v1/candidates/{guy}/appointments/{appointment}", None, {},
     expected(FULL_VIEW, 200)),
    ("appointment ics", "GET", "/api/v1/candidates/{guy}/appointments/{appointment}/ics", None,
     {}, expected(FULL_VIEW, 200)),
    ("cannot come", "POST", "/api/v1/candidates/{guy}/appointments/{appointment}/cannot-come",
     {"note": "Ik ben ziek."}, {}, expected(("candidate", "parent"), 201)),
    ("calendar feed", "POST", "/api/v1/candidates/{guy}/calendar-feed", None, {},
     expected(("candidate",), 201)),
    ("stop calendar feed", "DELETE", "/api/v1/candidates/{guy}/calendar-feed", None, {},
     expected(("candidate",), 204)),
    ("messages", "GET", "/api/v1/candidates/{guy}/messages", None, {},
     expected((*FULL_VIEW, "steps_only_member"), 200)),
    ("ask a question", "POST", "/api/v1/candidates/{guy}/messages", {"body": "Hoe laat begin ik?"},
     {}, expected(ASKS_QUESTIONS, 201)),
    ("mark read", "POST", "/api/v1/candidates/{guy}/messages/{update}/read", None, {},
     expected(("candidate",), 200)),
    ("guarantee", "GET", "/api/v1/candidates/{guy}/guarantee", None, {},
     expected(FULL_VIEW, 200)),
    # Tim (Guy's employer, with Guy's consent) sees the contact person and backup too.
    ("contact", "GET", "/api/v1/candidates/{guy}/contact", None, {},
     expected((*FULL_VIEW, "admin", "employer"), 200)),
    ("preferences", "GET", "/api/v1/me/preferences", None, {}, expected(SIGNED_IN, 200)),
    ("change preferences", "PATCH", "/api/v1/me/preferences", {"text_size": "large"},
     {"If-Match": 'W/"1"'}, expected(SIGNED_IN, 200)),
    ("export my data", "GET", "/api/v1/me/export", None, {}, expected(SIGNED_IN, 200)),
    ("money", "GET", "/api/v1/candidates/{guy}/money", None, {}, expected(FULL_VIEW, 200)),
    ("save money inputs", "PUT", "/api/v1/candidates/{guy}/money/inputs", MONEY_INPUTS,
     {"If-Match": 'W/"1"'}, expected(GUYS_CONSULTANTS, 200)),
    # The back-office: the candidate's consultants change the file; the role gate says 403.
    ("caseload", "GET", "/api/v1/caseload", None, {},
     expected(CONSULTANTS, 200, forbidden=(*NOT_STAFF, "admin", "other_admin"))),
    ("new candidate", "POST", "/api/v1/candidates", {"display_name": "Nieuwe Kandidaat"}, {},
     expected(CONSULTANTS, 201, forbidden=(*NOT_STAFF, "admin", "other_admin"))),
    ("start journey", "POST", "/api/v1/candidates/{guy}/journey",
     lambda ids: {"route_template_id": ids["almere_route"]}, {}, expected(GUYS_CONSULTANTS, 409)),
    ("change step", "PATCH", "/api/v1/candidates/{guy}/journey/steps/{current_step}",
     {"expected_duration_days": 60}, {"If-Match": 'W/"1"'}, expected(GUYS_CONSULTANTS, 200)),
    ("add step", "POST", "/api/v1/candidates/{guy}/journey/steps",
     {"texts": {"nl": {"title": "Kennismaken met collega's"}}}, {},
     expected(GUYS_CONSULTANTS, 201)),
    ("remove step", "DELETE", "/api/v1/candidates/{guy}/journey/steps/{todo_step}", None,
     {"If-Match": 'W/"1"'}, expected(GUYS_CONSULTANTS, 204)),
    ("reorder steps", "PUT", "/api/v1/candidates/{guy}/journey/order",
     lambda ids: {"step_ids": ids["step_ids"]}, {"If-Match": 'W/"1"'},
     expected(GUYS_CONSULTANTS, 200)),
    ("move a step", "POST", "/api/v1/candidates/{guy}/journey/steps/{todo_step}/move",
     {"direction": "up"}, {"If-Match": 'W/"1"'}, expected(GUYS_CONSULTANTS, 200)),
    ("way back", "POST", "/api/v1/candidates/{guy}/way-back",
     {"kind": "pause", "reason": "too_much", "hours_per_week": 12}, {},
     expected(GUYS_CONSULTANTS, 201)),
    ("plan appointment", "POST", "/api/v1/candidates/{guy}/appointments",
     {"title": "Gesprek UWV", "starts_at": "2030-03-01T10:00:00+01:00",
      "ends_at": "2030-03-01T11:00:00+01:00"}, {}, expected(GUYS_CONSULTANTS, 201)),
    ("change appointment", "PATCH", "/api/v1/candidates/{guy}/appointments/{appointment}",
     {"place_name": "Stadhuis"}, {"If-Match": 'W/"1"'}, expected(GUYS_CONSULTANTS, 200)),
    ("cancel appointment", "POST", "/api/v1/candidates/{guy}/appointments/{appointment}/cancel",
     None, {}, expected(GUYS_CONSULTANTS, 200)),
    ("post update", "POST", "/api/v1/candidates/{guy}/updates", {"body": "Goed gedaan!"}, {},
     expected(GUYS_CONSULTANTS, 201)),
    ("answer question", "POST", "/api/v1/candidates/{guy}/messages/{question}/answer",
     {"body": "Om negen uur."}, {}, expected(GUYS_CONSULTANTS, 201)),
    ("change contact", "PUT", "/api/v1/candidates/{guy}/contact",
     lambda ids: {"primary_id": ids["sander"], "backup_id": ids["floor"]},
     {"If-Match": 'W/"1"'}, expected(GUYS_CONSULTANTS, 200)),
    ("issue guarantee", "POST", "/api/v1/candidates/{guy}/guarantee",
     {"provider_name": "De Werkplaats", "indication_valid_until": "2031-01-01",
      "income_consequences": "Je krijgt weer bijstand.", "arranged_by": "Floor"}, {},
     expected(GUYS_CONSULTANTS, 201)),
    ("benefits office informed", "POST",
     "/api/v1/candidates/{guy}/money/benefits-office-informed", {"informed_on": "2026-11-20"},
     {"If-Match": 'W/"1"'}, expected(GUYS_CONSULTANTS, 200)),
    ("my absences", "GET", "/api/v1/me/absences", None, {},
     expected(CONSULTANTS, 200, forbidden=(*NOT_STAFF, "admin", "other_admin"))),
    ("add absence", "POST", "/api/v1/me/absences",
     {"starts_on": "2030-02-01", "ends_on": "2030-02-05"}, {},
     expected(CONSULTANTS, 201, forbidden=(*NOT_STAFF, "admin", "other_admin"))),
    ("remove absence", "DELETE", "/api/v1/me/absences/{absence}", None, {},
     expected(("consultant",), 204, forbidden=(*NOT_STAFF, "admin", "other_admin"))),
]


def _extra_rows():
    """Rows kept beside a domain's own tests (tests/*/access_rows.py, a list named ROWS)."""
    import importlib
    from pathlib import Path

    rows = []
    for path in sorted(Path(__file__).parent.glob("*/access_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_rows")
        rows.extend(module.ROWS)
    return rows


MATRIX += _extra_rows()


@pytest.mark.parametrize("caller", ALL)
@pytest.mark.parametrize(("name", "method", "path", "body", "headers", "statuses"), MATRIX,
                         ids=[row[0] for row in MATRIX])
def test_access_matrix(name, method, path, body, headers, statuses, caller, callers, personas,
                       login_as, db):
    client = login_as(callers[caller])
    ids = ids_for(db, personas)
    url = path.format(**ids)
    body = body(ids) if callable(body) else body
    response = client.request(method, url, json=body, headers=headers)
    assert response.status_code == statuses[caller], (caller, response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["status"] == response.status_code
        assert problem["code"] and problem["title"] and problem["instance"] == url


def test_every_api_route_is_in_the_matrix(app):
    """A new endpoint must be added to the matrix above before it can ship."""
    covered = {(method, _template(path)) for _n, method, path, *_ in MATRIX}
    covered |= {(m, _template(p)) for m, p in UNAUTHENTICATED_ENDPOINTS | SELF_ONLY_ENDPOINTS}
    documented = {
        (method.upper(), _template(path))
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    assert len(documented) >= 20
    assert documented - covered == set()


def _template(path: str) -> str:
    import re

    return re.sub(r"\{[^}]+\}", "{}", path)


# Sign-in endpoints take no actor; tests/auth covers them with bad and good input.
UNAUTHENTICATED_ENDPOINTS = {
    ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/invites/redeem"),
    ("POST", "/api/v1/auth/token/refresh"),
    # The feed address itself is the credential: tests/appointments/test_api.py.
    ("GET", "/api/v1/calendar/{token}.ics"),
    # The public calculator: tests/money/test_api.py.
    ("POST", "/api/v1/money/calculate"),
}
# Endpoints that act on the caller's own account only; tested below and in tests/auth.
SELF_ONLY_ENDPOINTS = {
    ("POST", "/api/v1/auth/logout"), ("DELETE", "/api/v1/me/sessions/{session_id}"),
    ("POST", "/api/v1/me/sessions/revoke-all"), ("POST", "/api/v1/me/totp/confirm"),
}


@pytest.mark.parametrize("caller", ALL)
def test_only_the_owner_can_sign_out_a_device(caller, callers, personas, login_as, db):
    guy_client = login_as(personas.candidate)
    assert guy_client.get("/api/v1/me").status_code == 200
    guys_session = db.scalar(
        select(AuthSession.id).where(AuthSession.person_id == personas.candidate)
        .order_by(AuthSession.id.desc())
    )
    response = login_as(callers[caller]).delete(f"/api/v1/me/sessions/{guys_session}")
    if caller == "candidate":  # Guy himself may sign his own device out
        assert response.status_code == 204
        assert guy_client.get("/api/v1/me").status_code == 401
        return
    assert response.status_code == (401 if caller == "anonymous" else 404)
    assert guy_client.get("/api/v1/me").status_code == 200


@pytest.mark.parametrize("caller", ALL)
def test_logout_needs_a_sign_in(caller, callers, login_as):
    response = login_as(callers[caller]).post("/api/v1/auth/logout")
    assert response.status_code == (401 if caller == "anonymous" else 204)


@pytest.mark.parametrize("caller", ALL)
def test_totp_confirm_is_for_staff_only(caller, callers, login_as):
    response = login_as(callers[caller]).post("/api/v1/me/totp/confirm", json={"code": "123456"})
    if caller == "anonymous":
        assert response.status_code == 401
    elif caller in NOT_STAFF:
        assert response.status_code == 403
    else:
        # Staff who never started enrolment are told to start first.
        assert response.status_code == 409
        assert response.json()["code"] == "second_factor_not_started"


@pytest.mark.parametrize("caller", ALL)
def test_revoke_all_signs_out_only_the_caller(caller, callers, personas, login_as):
    guy_client = login_as(personas.candidate)
    response = login_as(callers[caller]).post("/api/v1/me/sessions/revoke-all")
    assert response.status_code == (401 if caller == "anonymous" else 204)
    assert guy_client.get("/api/v1/me").status_code == (401 if caller == "candidate" else 200)
