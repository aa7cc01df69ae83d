"""The actor costs one SQL statement per request, however the caller signed in, and a
session's "last used" is written at most once a minute."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from app.auth import security
from app.auth.models import AuthSession
from app.clock import frozen
from app.db import utcnow
from app.deps import SESSION_COOKIE, csrf_token_for

TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


def _statements(connection, call) -> tuple[object, list[tuple[str, object]]]:
    """The response of `call()` and the SQL statements it ran with their parameters (no
    transaction control)."""
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, *_args):
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            seen.append((" ".join(statement.split()).lower(), parameters))

    event.listen(connection, "before_cursor_execute", record)
    try:
        response = call()
    finally:
        event.remove(connection, "before_cursor_execute", record)
    return response, seen


def _actor_reads(statements, person_id: int) -> list[str]:
    """Statements that read the session, the actor's person row, or network grants."""
    def values(parameters):
        return parameters.values() if isinstance(parameters, dict) else parameters

    return [s for s, parameters in statements if "authsession" in s or "networkgrant" in s
            or (s.startswith("select person.id") and " from person where person.id = " in s
                and person_id in values(parameters))]


def test_bearer_request_costs_one_statement_for_the_actor(login_as, personas, connection):
    # Before: the session by id, then the person twice (the joined copy was dropped from the
    # weak identity map before the route read it): 3 statements. Now the one joined read.
    floor = login_as(personas.consultant)
    response, statements = _statements(connection, lambda: floor.get("/api/v1/me"))
    assert response.status_code == 200
    assert len(_actor_reads(statements, personas.consultant)) == 1, statements
    # /me itself reads the organisation's name: the actor and that, nothing else.
    assert len(statements) == 2, statements


def test_network_member_gets_grants_in_the_same_statement(login_as, personas, connection):
    jan = login_as(personas.steps_only_member)
    response, statements = _statements(
        connection, lambda: jan.get(f"/api/v1/candidates/{personas.candidate}/journey"))
    assert response.status_code == 200, response.text
    assert len(_actor_reads(statements, personas.steps_only_member)) == 1, statements
    # and the grant still limits him: the money area was not consented to
    money = jan.get(f"/api/v1/candidates/{personas.candidate}/money")
    assert money.status_code in (403, 404)


def test_signed_in_page_reads_the_actor_once(browser_as, personas, connection):
    # Before: the joined session+person, then the person again twice (actor, page): 3.
    guy = browser_as(personas.candidate)
    response, statements = _statements(connection, lambda: guy.get("/"))
    assert response.status_code == 200
    assert len(_actor_reads(statements, personas.candidate)) == 1, statements


def test_last_used_is_written_at_most_once_a_minute(browser_as, personas, connection, db,
                                                   settings):
    # Before: every cookie-authenticated write updated its session row.
    start = utcnow()
    with frozen(start):
        guy = browser_as(personas.candidate)
    session_id = db.scalar(select(AuthSession.id).where(
        AuthSession.token_hash == security.token_hash(guy.cookies[SESSION_COOKIE])))
    csrf = csrf_token_for(settings, session_id)

    def change_preferences():
        etag = guy.get("/api/v1/me/preferences").headers["etag"]
        return guy.patch("/api/v1/me/preferences", json={"read_aloud": True},
                         headers={"If-Match": etag, "X-CSRF-Token": csrf})

    def session_updates(statements):
        return [s for s, _ in statements if s.startswith("update authsession")]

    with frozen(start + timedelta(seconds=30)):
        response, statements = _statements(connection, change_preferences)
    assert response.status_code == 200, response.text
    assert session_updates(statements) == []
    with frozen(start + timedelta(seconds=61)):
        response, statements = _statements(connection, change_preferences)
    assert response.status_code == 200, response.text
    assert len(session_updates(statements)) == 1
