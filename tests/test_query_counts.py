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


# Lists of the employer's side and of employers, with the reader; `{c}` is Guy, `{placement}`
# his placement at Tim's firm, `{firm}` that firm. `_add_employer_items` grows each of them by
# the same number.
EMPLOYER_LISTS = [
    ("employer", "/employer"),
    ("employer", "/api/v1/employer/placements"),
    ("employer", "/employer/placements/{placement}"),
    ("employer", "/api/v1/employer/placements/{placement}"),
    ("consultant", "/office/candidates/{c}/concerns"),
    ("consultant", "/api/v1/candidates/{c}/concerns"),
    ("employer", "/employer/checklist"),
    ("employer", "/employer/checklist/print"),
    ("employer", "/api/v1/employer/checklist"),
    ("consultant", "/office/employer-checklist"),
    ("admin", "/office/employer-checklist"),
    ("consultant", "/office/employer-checklist/print"),
    ("admin", "/office/employer-checklist/edit"),
    ("consultant", "/api/v1/employer-checklist"),
    ("consultant", "/api/v1/employer-checklist/items"),
    ("consultant", "/office/employers"),
    ("consultant", "/api/v1/employers"),
    ("consultant", "/office/employers/{firm}"),
    ("consultant", "/api/v1/employers/{firm}"),
    ("consultant", "/office/candidates/{c}/workplace"),
    ("consultant", "/api/v1/candidates/{c}/placements"),
    ("candidate", "/api/v1/candidates/{c}/placements"),
    ("consultant", "/api/v1/candidates/{c}/placements/{placement}"),
    # The caseload, and the overview of Guy's file, flag open concerns and placement milestones.
    ("consultant", "/office/candidates/{c}"),
    ("consultant", "/office"),
    ("consultant", "/api/v1/caseload"),
]


def _add_employer_items(db, personas, count: int) -> None:
    """`count` more of each thing the employer lists show: items of Almere's checklist;
    candidates placed at Tim's firm (Floor their contact), each with a milestone task, an
    appointment Tim attends and a concern; on Guy's placement milestones, appointments Tim
    attends, UWV-advice steps and concerns, some handled; people of Tim's firm; and employers
    with a person who supervised Guy in an earlier placement there, ended."""
    from app.employer_checklist.models import EmployerChecklist, EmployerChecklistItem
    from app.employers.models import (
        ConcernKind,
        Employer,
        EmployerConcern,
        EmployerContact,
        EmployerKind,
        MilestoneKind,
        Placement,
        PlacementMilestone,
    )
    from app.journeys.models import Journey, JourneyStep
    from app.route_templates.models import StepKind

    guy, floor, tim = personas.candidate, personas.consultant, personas.employer
    serial = db.scalar(select(func.count()).select_from(Person))  # makes every copy unique
    now, today = utcnow(), utcnow().date()
    checklist = db.scalar(select(EmployerChecklist.id).join(
        Person, Person.organisation_id == EmployerChecklist.organisation_id)
        .where(Person.id == floor))
    top = db.scalar(select(func.max(EmployerChecklistItem.position)).where(
        EmployerChecklistItem.checklist_id == checklist))
    _clone(db, EmployerChecklistItem, count, EmployerChecklistItem.checklist_id == checklist,
           position=lambda n: top + n + 1)

    guys = db.scalar(select(Placement).where(Placement.candidate_id == guy)
                     .order_by(Placement.id))
    before = db.scalar(select(func.max(Person.id)))
    _add_candidates(db, personas, count)
    for person_id in db.scalars(select(Person.id).where(Person.id > before,
                                                        Person.role == Role.candidate)):
        journey = db.scalar(select(Journey.id).where(Journey.candidate_id == person_id))
        steps = {s.kind: s.id for s in db.scalars(select(JourneyStep).where(
            JourneyStep.journey_id == journey))}
        placement = Placement(
            candidate_id=person_id, employer_id=guys.employer_id, supervisor_id=tim,
            journey_id=journey, trial_step_id=steps.get(StepKind.trial),
            contract_step_id=steps.get(StepKind.contract), workplace="Bezorging",
            starts_on=today, consent_by_id=person_id, consent_at=now,
            consent_method=guys.consent_method, created_by_id=floor)
        db.add(placement)
        db.flush()
        db.add_all([
            PlacementMilestone(placement_id=placement.id, kind=MilestoneKind.wage_value_trial,
                               due_on=today + timedelta(days=3),
                               employer_task="Plan de loonwaardemeting."),
            Appointment(candidate_id=person_id, title="Gesprek op het werk",
                        starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=2, hours=1),
                        attendees=[{"person_id": floor}, {"person_id": tim}],
                        created_by_id=floor),
            EmployerConcern(placement_id=placement.id, candidate_id=person_id, author_id=tim,
                            kind=ConcernKind.absence, body="Niet gekomen."),
        ])

    # Colleagues who handled a concern or attend an appointment, each another person, so a
    # name read one by one would show (the session already knows Floor and Tim).
    organisation_id = db.get(Person, floor).organisation_id
    colleagues = [Person(organisation_id=organisation_id, role=Role.consultant,
                         display_name=f"Collega {serial + n}",
                         email=f"collega{serial + n}@almere.test") for n in range(count)]
    db.add_all(colleagues)
    db.flush()
    for number, colleague in enumerate(colleagues):
        db.add_all([
            PlacementMilestone(placement_id=guys.id, kind=MilestoneKind.other,
                               due_on=today + timedelta(days=number - count // 2),
                               done_on=today if number % 2 else None,
                               wage_value_percent=60 if number % 2 else None,
                               employer_task=f"Taak {serial} {number}"),
            Appointment(candidate_id=guy, title=f"Werkbezoek {number}",
                        starts_at=now + timedelta(days=number + 1),
                        ends_at=now + timedelta(days=number + 1, hours=1),
                        attendees=[{"person_id": colleague.id}, {"person_id": tim},
                                   {"name": f"Jobcoach {number}"}],
                        created_by_id=floor),
            EmployerConcern(placement_id=guys.id, candidate_id=guy, author_id=tim,
                            kind=ConcernKind.wellbeing, body=f"Zorg {number}",
                            created_at=now - timedelta(hours=number),
                            handled_at=now if number % 2 else None,
                            handled_by_id=colleague.id if number % 2 else None),
        ])
    # Staff lists: more people at Tim's firm, and more employers, each with a person who
    # supervised Guy in an earlier, ended placement there with a milestone.
    for number in range(count):
        firm = Employer(organisation_id=organisation_id, name=f"Werkgever {serial + number}",
                        kind=EmployerKind.regular)
        people = [Person(organisation_id=organisation_id, role=Role.employer,
                         display_name=f"{who} {serial + number}",
                         email=f"{who.lower()}{serial + number}@werk.test")
                  for who in ("Begeleider", "Collega")]
        db.add_all([firm, *people])
        db.flush()
        db.add_all([EmployerContact(employer_id=firm.id, person_id=people[0].id),
                    EmployerContact(employer_id=guys.employer_id, person_id=people[1].id)])
        earlier = Placement(
            candidate_id=guy, employer_id=firm.id, supervisor_id=people[0].id,
            journey_id=guys.journey_id, trial_step_id=guys.trial_step_id,
            workplace="Magazijn", starts_on=today - timedelta(days=400 + number),
            ends_on=today - timedelta(days=300 + number), consent_by_id=guy,
            consent_at=now - timedelta(days=400), consent_method=guys.consent_method,
            created_by_id=floor, ended_at=now - timedelta(days=300 + number))
        db.add(earlier)
        db.flush()
        db.add(PlacementMilestone(placement_id=earlier.id, kind=MilestoneKind.wage_value_trial,
                                  due_on=today - timedelta(days=350), done_on=today - timedelta(
                                      days=350), wage_value_percent=40))
    top = db.scalar(select(func.max(JourneyStep.position)).where(
        JourneyStep.journey_id == guys.journey_id))
    _clone(db, JourneyStep, count, JourneyStep.journey_id == guys.journey_id,
           kind=StepKind.waiting, position=lambda n: top + n + 1,
           key=lambda n: f"advice_{serial}_{n}")
    db.commit()


@pytest.mark.parametrize(("who", "path"), EMPLOYER_LISTS)
def test_every_employer_list_costs_the_same_statements_for_5_or_50_items(
        who, path, login_as, browser_as, personas, db, connection):
    from app.employers.models import Placement

    person = getattr(personas, who)
    reader = browser_as(person) if not path.startswith("/api") else login_as(person)
    placement = db.scalar(select(Placement).where(Placement.candidate_id == personas.candidate)
                          .order_by(Placement.id))
    path = path.format(c=personas.candidate, placement=placement.id, firm=placement.employer_id)
    _add_employer_items(db, personas, 5)
    small = _statements(connection, reader, path)
    _add_employer_items(db, personas, 45)
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
    "/api/v1/employer-checklist/items/{}": "one checklist item",
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
    "/employer/password": "a form",
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
               | {template(p) for _w, p in OTHER_LISTS}
               | {template(p) for _w, p in EMPLOYER_LISTS} | GUARDED_ELSEWHERE)
    assert len(routes) >= 85
    assert routes - guarded - set(NOT_LISTS) == set()
    assert guarded & set(NOT_LISTS) == set()
    assert (guarded | set(NOT_LISTS)) - routes == set()  # nothing stale
