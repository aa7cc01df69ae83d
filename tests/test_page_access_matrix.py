"""Every HTML page × every kind of caller: the status, and which parts of Guy's file the access
log holds for that one request.

The candidate's pages (`/c/…`) are for Guy and the people looking along with him; the
back-office (`/office/…`) for his consultants. A page that shows a part of the file must log
that part (and only parts the caller is granted); Guy's own reads are never logged. The test
fails when a page is missing from the matrix, like the API matrix does."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from app.access_log.models import AccessLogEntry
from app.appointments.models import Appointment
from app.db import utcnow
from app.employers.models import Placement
from app.journeys.models import Journey, JourneyStep
from app.network.models import NetworkGrant
from app.route_templates.models import RouteTemplate
from tests.access import ALL, CONSULTANTS, GUYS_CONSULTANTS, STAFF

ADMINS = ("admin", "other_admin")

# What Marja (every area a candidate can grant) and Jan (steps only) are logged reading.
# The home page also shows the records in plain words (they come with the steps grant).
HOME_PARENT = {"profile", "steps", "records", "appointments", "contact", "guarantee"}
HOME_JAN = {"profile", "steps", "records"}


def statuses(ok: dict[str, int], *, anonymous: int = 401, others: int = 404) -> dict[str, int]:
    return {caller: ok.get(caller, anonymous if caller == "anonymous" else others)
            for caller in ALL}


def candidate_page(parent: set[str] | None, jan: set[str] | None = None) -> tuple[dict, dict]:
    """A page of the candidate app: Guy, and Marja / Jan when they hold the page's area.
    Staff use the back-office, so these pages are not found for them."""
    ok = {"candidate": 200}
    if parent is not None:
        ok["parent"] = 200
    if jan is not None:
        ok["steps_only_member"] = 200
    return statuses(ok), {"parent": parent or set(), "steps_only_member": jan or set()}


def office_file_page(areas: set[str]) -> tuple[dict, dict]:
    """A section of Guy's file in the back-office: his consultants only; other staff do not
    find it, everyone else meets the role gate."""
    ok = {c: 200 for c in GUYS_CONSULTANTS}
    result = statuses(ok, others=403)
    result.update({"colleague": 404, "other_consultant": 404})
    return result, {c: {"profile", *areas} for c in GUYS_CONSULTANTS}


def office_page(allowed: tuple[str, ...], areas: dict[str, set[str]] | None = None,
                *, not_found: tuple[str, ...] = ()) -> tuple[dict, dict]:
    result = statuses({c: 200 for c in allowed}, others=403)
    result.update({c: 404 for c in not_found})
    return result, areas or {}


# (name, path, (status per caller, areas logged per caller; unlisted callers log nothing))
PAGES = [
    ("start", "/", (
        {**{c: 200 for c in ALL}, **{c: 303 for c in (*STAFF, "employer")}},
        {"parent": HOME_PARENT, "steps_only_member": HOME_JAN})),
    ("settings", "/settings", (
        statuses({c: 200 for c in ALL if c != "anonymous"}),
        {"parent": {"profile"}, "steps_only_member": {"profile"}})),
    # Reads only the reader's own data (the network member's file view shows Guy's name).
    ("my data", "/settings/my-data", (
        statuses({c: 200 for c in ALL if c != "anonymous"}),
        {"parent": {"profile"}, "steps_only_member": {"profile"}})),
    ("two-step sign-in", "/account/two-step", (
        statuses({c: 200 for c in STAFF}, others=403), {})),
    # The candidate app.
    ("home", "/c/{guy}", candidate_page(HOME_PARENT, HOME_JAN)),
    ("more", "/c/{guy}/more", candidate_page({"profile"}, {"profile"})),
    ("steps", "/c/{guy}/steps", candidate_page({"profile", "steps"}, {"profile", "steps"})),
    ("step", "/c/{guy}/steps/{step}", candidate_page(HOME_JAN, HOME_JAN)),
    ("appointments", "/c/{guy}/appointments", candidate_page({"profile", "appointments"})),
    ("appointment", "/c/{guy}/appointments/{appointment}",
     candidate_page({"profile", "appointments"})),
    # Jan may ask the contact person a question: he sees who answers, as his conversation.
    ("messages", "/c/{guy}/messages", candidate_page({"profile", "contact"}, {"profile"})),
    # Mijn geld reads what happens to income on return from the guarantee (one source).
    ("money", "/c/{guy}/money", candidate_page({"profile", "money", "guarantee"})),
    ("guarantee", "/c/{guy}/guarantee", candidate_page({"profile", "guarantee"})),
    ("guarantee version", "/c/{guy}/guarantee/1", candidate_page({"profile", "guarantee"})),
    ("guarantee letter", "/c/{guy}/guarantee/1/letter", candidate_page({"profile", "guarantee"})),
    ("network", "/c/{guy}/network", candidate_page(None)),
    ("confirm revoke", "/c/{guy}/network/{marja_grant}/revoke", candidate_page(None)),
    # The back-office.
    ("caseload", "/office", office_page(
        CONSULTANTS, {c: {"caseload"} for c in GUYS_CONSULTANTS})),
    ("new candidate", "/office/candidates/new", office_page(CONSULTANTS)),
    ("team", "/office/team", office_page(STAFF)),
    ("notifications that did not arrive", "/office/notifications", office_page(STAFF)),
    ("organisation", "/office/organisation", office_page(ADMINS)),
    ("routes", "/office/routes", office_page(ADMINS)),
    # The employer checklist: always the reader's own organisation's, so no other to find.
    ("employer checklist", "/office/employer-checklist", office_page(STAFF)),
    ("employer checklist print", "/office/employer-checklist/print", office_page(STAFF)),
    ("employer checklist edit", "/office/employer-checklist/edit", office_page(ADMINS)),
    ("route", "/office/routes/{almere_route}", office_page(("admin",), not_found=("other_admin",))),
    ("file overview", "/office/candidates/{guy}", office_file_page(
        {"caseload", "steps", "contact", "appointments", "messages"})),
    ("file journey", "/office/candidates/{guy}/journey", office_file_page({"steps"})),
    ("file way back", "/office/candidates/{guy}/way-back",
     office_file_page({"steps", "guarantee"})),
    ("file appointments", "/office/candidates/{guy}/appointments",
     # messages: who said "I can't come" shows on the appointment
     office_file_page({"appointments", "contact", "network", "messages"})),
    ("file messages", "/office/candidates/{guy}/messages", office_file_page({"messages"})),
    ("file money", "/office/candidates/{guy}/money", office_file_page({"money"})),
    ("file records", "/office/candidates/{guy}/records", office_file_page({"records", "steps"})),
    ("file contact", "/office/candidates/{guy}/contact", office_file_page({"contact"})),
    ("file guarantee", "/office/candidates/{guy}/guarantee", office_file_page({"guarantee"})),
    ("file network", "/office/candidates/{guy}/network", office_file_page({"network"})),
    ("file access log", "/office/candidates/{guy}/access-log",
     office_file_page({"access_log"})),
    ("file case file", "/office/candidates/{guy}/case-file", office_file_page({"case_file"})),
    ("file timeline", "/office/candidates/{guy}/timeline", office_file_page(
        {"case_file", "steps", "appointments", "messages", "guarantee", "records"})),
    ("file concerns", "/office/candidates/{guy}/concerns", office_file_page({"placement"})),
    # The employer's side: Tim only (everyone else meets the role gate); he reads Guy's
    # placement and contact person, nothing else.
    ("employer home", "/employer", (
        statuses({"employer": 200}, others=403), {"employer": {"placement", "contact"}})),
    ("employer placement", "/employer/placements/{placement}", (
        statuses({"employer": 200}, others=403), {"employer": {"placement", "contact"}})),
    ("employer password", "/employer/password", (statuses({"employer": 200}, others=403), {})),
    # The municipality's checklist for employers: no candidate's data, so nothing logged;
    # staff read it at /office/employer-checklist.
    ("employer's checklist", "/employer/checklist", (statuses({"employer": 200}, others=403), {})),
    ("employer's checklist print", "/employer/checklist/print",
     (statuses({"employer": 200}, others=403), {})),
    # Employers: the organisation's staff; another organisation does not find one of Almere's.
    ("employers", "/office/employers", office_page(STAFF)),
    ("employer", "/office/employers/{almere_employer}", office_page(
        ("consultant", "backup_consultant", "colleague", "admin"),
        not_found=("other_consultant", "other_admin"))),
    # The placements (steps) with the consent choices (the network).
    ("file workplace", "/office/candidates/{guy}/workplace",
     office_file_page({"steps", "network"})),
]

# Pages that open no candidate's file: signing in, the public calculator, the app shell.
PAGES_WITHOUT_A_FILE = {
    "/woorden", "/login", "/login/code", "/code", "/i/{token}", "/welcome/{token}", "/signed-out",
    "/calculator", "/manifest.webmanifest", "/sw.js", "/healthz", "/readyz",
    # The signed token is the permission: tests/outbox/test_worker.py.
    "/unsubscribe/{token}",
}


def _ids(db, personas) -> dict:
    journey = db.scalar(select(Journey.id).where(Journey.candidate_id == personas.candidate))
    return {
        "guy": personas.candidate,
        "step": db.scalar(select(func.min(JourneyStep.id)).where(
            JourneyStep.journey_id == journey)),
        "appointment": db.scalar(select(Appointment.id).where(
            Appointment.candidate_id == personas.candidate)),
        "almere_route": db.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere")),
        "marja_grant": db.scalar(select(NetworkGrant.id).where(
            NetworkGrant.candidate_id == personas.candidate,
            NetworkGrant.member_id == personas.parent)),
        "placement": db.scalar(select(Placement.id).where(
            Placement.candidate_id == personas.candidate)),
        "almere_employer": _almere_employer(db, personas),
    }


def _almere_employer(db, personas) -> int:
    from app.employers.models import Employer, EmployerKind
    from app.people.models import Person

    employer = Employer(organisation_id=db.get(Person, personas.consultant).organisation_id,
                        name="Matrix Maaltijden", kind=EmployerKind.social_firm)
    db.add(employer)
    db.commit()
    return employer.id


def _logged(db, candidate_id: int, actor_id: int | None, after: int) -> set[str]:
    if actor_id is None:
        return set()
    return set(db.scalars(select(AccessLogEntry.area).where(
        AccessLogEntry.candidate_id == candidate_id, AccessLogEntry.actor_id == actor_id,
        AccessLogEntry.id > after)))


@pytest.mark.parametrize(("name", "path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page_access_matrix(name, path, expected, callers, personas, browser_as, login_as, db):
    want_status, want_areas = expected
    ids = _ids(db, personas)
    url = path.format(**ids)
    got_status, got_areas = {}, {}
    for caller in ALL:
        person_id = callers[caller]
        client = login_as(None) if person_id is None else browser_as(person_id)
        before = db.scalar(select(func.coalesce(func.max(AccessLogEntry.id), 0)))
        response = client.get(url, follow_redirects=False)
        got_status[caller] = response.status_code
        db.expire_all()
        got_areas[caller] = _logged(db, personas.candidate, person_id, before)
    assert got_status == want_status
    assert got_areas == {caller: set(want_areas.get(caller, ())) for caller in ALL}


def _page_routes(routes, prefix: str = ""):
    for route in routes:
        if hasattr(route, "original_router"):  # an included router (FastAPI ≥ 0.120)
            yield from _page_routes(route.original_router.routes,
                                    prefix + (route.include_context.prefix or ""))
        elif isinstance(route, APIRoute) and "GET" in route.methods:
            yield prefix + route.path


def test_every_page_is_in_the_matrix(app):
    """A new page must be added to the matrix above (or say it opens no file) to ship."""
    def template(path: str) -> str:
        return re.sub(r"\{[^}]+\}|\b\d+\b", "{}", path)

    pages = {template(p) for p in _page_routes(app.router.routes) if not p.startswith("/api/")}
    covered = {template(path) for _name, path, _expected in PAGES}
    covered |= {template(path) for path in PAGES_WITHOUT_A_FILE}
    assert len(pages) >= 25
    assert pages - covered == set()


def test_a_network_member_on_the_home_page_logs_each_area_shown_and_only_those(
        personas, browser_as, db):
    """Marja sees Guy's step, next appointment, contact person and guarantee on his home page:
    each is in his access log. Jan, granted the steps only, is logged for those alone."""
    for member, granted in ((personas.parent, HOME_PARENT),
                            (personas.steps_only_member, HOME_JAN)):
        before = db.scalar(select(func.coalesce(func.max(AccessLogEntry.id), 0)))
        page = browser_as(member).get(f"/c/{personas.candidate}")
        assert page.status_code == 200
        db.expire_all()
        assert _logged(db, personas.candidate, member, before) == granted
        # What the page showed is what the log says: the appointment and the contact person
        # are on Marja's page, and on Jan's neither is.
        appointment = db.scalar(select(Appointment.title).where(
            Appointment.candidate_id == personas.candidate, Appointment.cancelled_at.is_(None),
            Appointment.ends_at >= utcnow()).order_by(Appointment.starts_at).limit(1))
        shown = {appointment in page.text, "Floor de Vries" in page.text}
        assert shown == {member == personas.parent}
