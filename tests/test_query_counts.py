"""The query-count guard: every list page and list endpoint, and the candidate home, send the
same number of statements to the database whether the list holds 5 items or 50.

A statement is what reaches the server: an executemany counts once per row on PostgreSQL,
where psycopg 3 sends each row as a statement of its own (SQLite runs it in-process)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from app.access_log.models import AccessLogEntry
from app.appointments.models import Appointment
from app.auth.actor import Actor
from app.candidates.schemas import CandidateCreate
from app.case_file.models import CaseNote, CaseNoteKind
from app.db import utcnow
from app.employers.models import ConcernKind, EmployerConcern, Placement
from app.messages.models import Message, MessageKind
from app.onboarding.service import create_candidate
from app.people.models import Person, Role
from app.route_templates.models import RouteTemplate

# Lists that grow with the number of candidates, read by their consultant.
CASELOAD_LISTS = ["/office", "/api/v1/caseload", "/api/v1/candidates", "/office/team",
                  "/api/v1/team"]
# Lists inside one candidate's file that grow with its messages, appointments, notes and
# access log; `{c}` is the candidate. Read by the consultant unless marked "candidate".
FILE_LISTS = [
    ("consultant", "/office/candidates/{c}"),
    ("consultant", "/office/candidates/{c}/messages"),
    ("consultant", "/office/candidates/{c}/timeline"),
    ("consultant", "/office/candidates/{c}/case-file"),
    ("consultant", "/office/candidates/{c}/appointments"),
    ("consultant", "/office/candidates/{c}/access-log"),
    ("consultant", "/api/v1/candidates/{c}/messages"),
    ("consultant", "/api/v1/candidates/{c}/timeline"),
    ("consultant", "/api/v1/candidates/{c}/case-notes"),
    ("consultant", "/api/v1/candidates/{c}/appointments"),
    ("consultant", "/api/v1/candidates/{c}/access-log"),
    ("candidate", "/c/{c}"),
    ("candidate", "/c/{c}/messages"),
    ("candidate", "/c/{c}/appointments"),
    ("candidate", "/api/v1/candidates/{c}/messages"),
    ("candidate", "/api/v1/candidates/{c}/appointments"),
    ("candidate", "/api/v1/candidates/{c}/access-log"),
]


class StatementCounter:
    """Counts the statements the app sends through the test's connection."""

    def __init__(self, connection):
        self.connection = connection
        self.per_row = connection.dialect.name == "postgresql"
        self.count = 0

    def __call__(self, _conn, _cursor, _statement, parameters, _context, executemany):
        self.count += len(parameters) if executemany and self.per_row else 1

    def measure(self, call) -> int:
        self.count = 0
        event.listen(self.connection, "before_cursor_execute", self)
        try:
            response = call()
        finally:
            event.remove(self.connection, "before_cursor_execute", self)
        assert response.status_code == 200, response.text[:300]
        return self.count


def _floor_actor(db, personas) -> Actor:
    floor = db.get(Person, personas.consultant)
    return Actor(person_id=floor.id, role=Role.consultant, organisation_id=floor.organisation_id,
                 display_name=floor.display_name, session_id=0, via="bearer")


def _add_candidates(db, personas, count: int) -> None:
    actor = _floor_actor(db, personas)
    route = db.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere"))
    for number in range(count):
        create_candidate(db, actor, CandidateCreate(display_name=f"Kandidaat {number:03d}",
                                                    route_template_id=route))
    db.commit()


def _add_file_items(db, personas, count: int) -> None:
    """`count` more of each kind of item the file's lists show, as the product writes them."""
    guy, floor = personas.candidate, personas.consultant
    now = utcnow()
    placement = db.scalar(select(Placement.id).where(Placement.candidate_id == guy))
    for number in range(count):
        at = now - timedelta(hours=number + 1)
        question = Message(candidate_id=guy, author_id=guy, kind=MessageKind.question,
                           body=f"Vraag {number}", created_at=at, addressed_to_id=floor)
        db.add(question)
        db.flush()
        db.add_all([
            Message(candidate_id=guy, author_id=floor, kind=MessageKind.update,
                    body=f"Update {number}", created_at=at),
            Message(candidate_id=guy, author_id=floor, kind=MessageKind.answer,
                    body=f"Antwoord {number}", reply_to_id=question.id, created_at=at),
            Appointment(candidate_id=guy, title=f"Gesprek {number}",
                        starts_at=now + timedelta(days=number + 1, hours=2),
                        ends_at=now + timedelta(days=number + 1, hours=3),
                        created_by_id=floor),
            CaseNote(candidate_id=guy, author_id=floor, kind=CaseNoteKind.phone,
                     happened_at=at, body=f"Gebeld {number}"),
            AccessLogEntry(candidate_id=guy, actor_id=personas.backup_consultant,
                           actor_role="consultant", area="messages", at=at),
            # The timeline shows employers' worries too, handled ones twice.
            EmployerConcern(placement_id=placement, candidate_id=guy,
                            author_id=personas.employer, kind=ConcernKind.absence,
                            body=f"Afwezig {number}", created_at=at,
                            handled_at=at if number % 2 else None,
                            handled_by_id=floor if number % 2 else None),
        ])
    db.commit()


def _statements(connection, client, path: str) -> int:
    client.get(path)  # warm: first-request work (caches, a session's refresh) is not counted
    return StatementCounter(connection).measure(lambda: client.get(path))


@pytest.mark.parametrize("path", CASELOAD_LISTS)
def test_a_list_of_candidates_costs_the_same_statements_for_5_or_50(
        path, login_as, browser_as, personas, db, connection):
    floor = browser_as(personas.consultant) if path.startswith("/office") \
        else login_as(personas.consultant)
    _add_candidates(db, personas, 5)
    small = _statements(connection, floor, path)
    _add_candidates(db, personas, 45)
    assert _statements(connection, floor, path) == small


@pytest.mark.parametrize(("who", "path"), FILE_LISTS)
def test_a_list_in_a_file_costs_the_same_statements_for_5_or_50_items(
        who, path, login_as, browser_as, personas, db, connection):
    person = personas.candidate if who == "candidate" else personas.consultant
    reader = browser_as(person) if not path.startswith("/api") else login_as(person)
    path = path.format(c=personas.candidate)
    _add_file_items(db, personas, 5)
    small = _statements(connection, reader, path)
    _add_file_items(db, personas, 45)
    assert _statements(connection, reader, path) == small


# Every other list a GET route shows, with the reader; `{c}` is Guy, `{floor}` his consultant.
# `_add_more_items` grows each of them by the same number.
OTHER_LISTS = [
    ("consultant", "/office/candidates/{c}/network"),
    ("consultant", "/api/v1/candidates/{c}/network"),
    ("candidate", "/c/{c}/network"),
    ("consultant", "/office/candidates/{c}/records"),
    ("consultant", "/api/v1/candidates/{c}/records"),
    ("consultant", "/office/candidates/{c}/guarantee"),
    ("consultant", "/api/v1/candidates/{c}/guarantee"),
    ("candidate", "/c/{c}/guarantee"),
    ("consultant", "/office/candidates/{c}/money"),
    ("consultant", "/api/v1/candidates/{c}/money"),
    ("candidate", "/c/{c}/money"),
    ("consultant", "/office/candidates/{c}/way-back"),
    ("consultant", "/office/candidates/{c}/journey"),
    ("consultant", "/api/v1/candidates/{c}/journey"),
    ("candidate", "/c/{c}/steps"),
    ("candidate", "/c/{c}/more"),
    ("consultant", "/office/candidates/{c}/contact"),
    ("consultant", "/api/v1/colleagues"),
    ("admin", "/api/v1/consultants"),
    ("admin", "/office/organisation"),
    ("consultant", "/api/v1/me/absences"),
    ("admin", "/api/v1/consultants/{floor}/absences"),
    ("consultant", "/api/v1/me/sessions"),
    ("consultant", "/settings"),
    ("admin", "/api/v1/route-templates"),
    ("admin", "/office/routes"),
    ("admin", "/office/routes/{almere}"),
    ("admin", "/api/v1/route-templates/{almere}"),
    ("consultant", "/office/candidates/new"),
    ("consultant", "/office/notifications"),
    ("admin", "/api/v1/outbox/problems"),
    ("candidate", "/api/v1/me/export"),
    ("candidate", "/settings/my-data"),
]


def _clone(db, model, count: int, where, **changes) -> None:
    """`count` copies of the first row matching `where`, as the product wrote it; `changes`
    give a column a value, or a function of the copy's number for one that must differ."""
    row = db.scalars(select(model).where(where).order_by(model.id)).first()
    assert row is not None, model
    columns = [c.key for c in model.__table__.columns if c.key != "id"]
    for number in range(count):
        data = {key: getattr(row, key) for key in columns}
        data.update({key: value(number) if callable(value) else value
                     for key, value in changes.items()})
        db.add(model(**data))
    db.flush()


def _add_more_items(db, personas, count: int) -> None:
    """`count` more of each thing the other lists show: Guy's network members, records,
    guarantee and money versions, workplaces tried and steps; Almere's consultants, route
    templates and Floor's absences, sessions and notifications."""
    from app.auth.models import AuthSession
    from app.contacts.models import Absence
    from app.guarantees.models import FallbackGuarantee
    from app.journeys.models import Journey, JourneyStep, StepState, WayBackEvent
    from app.money.models import MoneyInputs
    from app.network.models import NetworkGrant
    from app.outbox.models import Channel, Notification, NotificationStatus
    from app.records.models import CandidateRecord
    from app.route_templates.models import StepTemplate

    guy, floor = personas.candidate, personas.consultant
    serial = db.scalar(select(func.count()).select_from(Person))  # makes every copy unique
    today = utcnow().date()
    members = []
    for number in range(count):
        member = Person(organisation_id=db.get(Person, guy).organisation_id,
                        role=Role.network, display_name=f"Netwerk {serial + number}")
        consultant = Person(organisation_id=db.get(Person, floor).organisation_id,
                            role=Role.consultant, display_name=f"Consulent {serial + number}",
                            email=f"consulent{serial + number}@almere.test")
        db.add_all([member, consultant])
        members.append(member)
    db.flush()
    _clone(db, NetworkGrant, count, NetworkGrant.candidate_id == guy,
           member_id=lambda n: members[n].id)
    top = db.scalar(select(func.max(CandidateRecord.number)).where(
        CandidateRecord.candidate_id == guy)) or 0
    top_no = db.scalar(select(func.max(CandidateRecord.record_no)).where(
        CandidateRecord.candidate_id == guy)) or 0
    _clone(db, CandidateRecord, count, CandidateRecord.candidate_id == guy,
           number=lambda n: top + n + 1, record_no=lambda n: top_no + n + 1)
    for model in (FallbackGuarantee, MoneyInputs):
        top = db.scalar(select(func.max(model.number)).where(model.candidate_id == guy))
        _clone(db, model, count, model.candidate_id == guy, number=lambda n, t=top: t + n + 1)
    journey = db.scalar(select(Journey.id).where(Journey.candidate_id == guy)
                        .order_by(Journey.id.desc()))
    top = db.scalar(select(func.max(JourneyStep.position)).where(
        JourneyStep.journey_id == journey))
    _clone(db, JourneyStep, count, (JourneyStep.journey_id == journey)
           & (JourneyStep.state == StepState.todo),
           position=lambda n: top + n + 1, key=lambda n: f"extra_{serial}_{n}")
    _clone(db, WayBackEvent, count, WayBackEvent.id > 0, candidate_id=guy, journey_id=journey)
    template = db.scalar(select(RouteTemplate).where(RouteTemplate.key == "almere"))
    top = db.scalar(select(func.max(StepTemplate.position)).where(
        StepTemplate.route_template_id == template.id))
    _clone(db, StepTemplate, count, StepTemplate.route_template_id == template.id,
           position=lambda n: top + n + 1, key=lambda n: f"extra_{serial}_{n}")
    _clone(db, RouteTemplate, count, RouteTemplate.id == template.id,
           key=lambda n: f"extra-{serial}-{n}")
    db.add_all([Absence(consultant_id=floor, starts_on=today + timedelta(days=400 + 10 * n),
                        ends_on=today + timedelta(days=401 + 10 * n)) for n in range(count)])
    _clone(db, AuthSession, count, AuthSession.id > 0, person_id=floor,
           token_hash=lambda n: f"extra-{serial}-{n}", family=lambda n: f"extra-{serial}-{n}")
    db.add_all([Notification(idempotency_key=f"extra-{serial}-{status}-{n}", recipient_id=floor,
                             channel=Channel.email, event="question_asked", candidate_id=guy,
                             link=f"/office/candidates/{guy}/messages", status=status,
                             last_error="bounced" if status == "failed" else None)
                for n in range(count)
                for status in (NotificationStatus.pending, NotificationStatus.failed)])
    db.commit()


@pytest.mark.parametrize(("who", "path"), OTHER_LISTS)
def test_every_other_list_costs_the_same_statements_for_5_or_50_items(
        who, path, login_as, browser_as, personas, db, connection):
    person = getattr(personas, who)
    reader = browser_as(person) if not path.startswith("/api") else login_as(person)
    almere = db.scalar(select(RouteTemplate.id).where(RouteTemplate.key == "almere"))
    path = path.format(c=personas.candidate, floor=personas.consultant, almere=almere)
    _add_file_items(db, personas, 5)
    _add_more_items(db, personas, 5)
    small = _statements(connection, reader, path)
    _add_file_items(db, personas, 45)
    _add_more_items(db, personas, 45)
    assert _statements(connection, reader, path) == small


def test_the_calendar_feed_costs_the_same_statements_for_5_or_50_appointments(
        login_as, personas, db, connection):
    guy = login_as(personas.candidate)
    url = guy.post(f"/api/v1/candidates/{personas.candidate}/calendar-feed").json()["url"]
    path = "/api/v1/calendar/" + url.rsplit("/", 1)[1]
    _add_file_items(db, personas, 5)
    small = _statements(connection, login_as(None), path)
    _add_file_items(db, personas, 45)
    assert _statements(connection, login_as(None), path) == small


# GET routes that show no list that grows with the data: one thing, a form, or a fixed text.
NOT_LISTS = {
    "/": "redirects to the person's start page",
    "/account/two-step": "a form",
    "/api/docs": "a fixed page",
    "/api/v1/candidates/{}": "one candidate",
    "/api/v1/candidates/{}/appointments/{}": "one appointment",
    "/api/v1/candidates/{}/appointments/{}/ics": "one appointment",
    "/api/v1/candidates/{}/contact": "the contact person and backup",
    "/api/v1/candidates/{}/journey/steps/{}": "one step",
    "/api/v1/candidates/{}/records/{}": "one record",
    "/api/v1/consultants/{}/default-backup": "one person",
    "/api/v1/me": "the signed-in person",
    "/api/v1/me/notification-preferences": "one set of choices",
    "/api/v1/me/preferences": "one set of choices",
    "/api/v1/organisation": "one organisation",
    "/api/v1/push/public-key": "a fixed key",
    "/api/v1/route-templates/shipped": "the shipped routes, fixed in the code",
    "/c/{}/appointments/{}": "one appointment",
    "/c/{}/guarantee/{}": "one guarantee version",
    "/c/{}/guarantee/{}/letter": "one guarantee version",
    "/c/{}/network/{}/revoke": "one grant, a confirmation",
    "/c/{}/steps/{}": "one step",
    "/calculator": "a form",
    "/code": "a form",
    "/healthz": "a fixed answer",
    "/i/{}": "one invite",
    "/login": "a form",
    "/login/code": "a form",
    "/manifest.webmanifest": "a fixed file",
    "/readyz": "one fixed query",
    "/signed-out": "a fixed page",
    "/sw.js": "a fixed file",
    "/unsubscribe/{}": "one person's choice",
    "/welcome/{}": "one organisation's first admin",
    "/woorden": "the glossary, fixed in the code",
}
GUARDED_ELSEWHERE = {"/api/v1/calendar/{}.ics"}  # the test above


def test_every_get_route_is_guarded_or_says_it_shows_no_list(app):
    """A new page or endpoint must join one of the lists above (with data that makes it grow
    from 5 to 50 items), or say here why it shows no list, to ship."""
    from fastapi.routing import APIRoute, iter_route_contexts

    def template(path: str) -> str:
        return re.sub(r"\{[^}]+\}", "{}", path)

    routes = {template(route.path_format) for route in iter_route_contexts(app.routes)
              if isinstance(route.original_route, APIRoute) and "GET" in route.methods}
    guarded = ({template(p) for p in CASELOAD_LISTS} | {template(p) for _w, p in FILE_LISTS}
               | {template(p) for _w, p in OTHER_LISTS} | GUARDED_ELSEWHERE)
    assert len(routes) >= 85
    assert routes - guarded - set(NOT_LISTS) == set()
    assert guarded & set(NOT_LISTS) == set()
    assert (guarded | set(NOT_LISTS)) - routes == set()  # nothing stale
