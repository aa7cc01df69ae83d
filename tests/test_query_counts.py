"""The query-count guard: every list page and list endpoint, and the candidate home, send the
same number of statements to the database whether the list holds 5 items or 50.

A statement is what reaches the server: an executemany counts once per row on PostgreSQL,
where psycopg 3 sends each row as a statement of its own (SQLite runs it in-process)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from app.access_log.models import AccessLogEntry
from app.appointments.models import Appointment
from app.auth.actor import Actor
from app.candidates.schemas import CandidateCreate
from app.case_file.models import CaseNote, CaseNoteKind
from app.db import utcnow
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
