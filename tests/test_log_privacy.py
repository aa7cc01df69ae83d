"""A database error on a write logs the statement's shape, never the values it carried."""

from __future__ import annotations

import logging
import traceback

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.logging_setup import JsonFormatter

SECRET_TEXT = "Mijn schuld bij de bank is 4321 euro"  # what must never reach a log


@pytest.fixture
def app_logs(caplog):
    """The app's own log lines as written (JSON), captured from its real logger."""
    logger = logging.getLogger("stapwijzer")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="stapwijzer")
    yield caplog
    logger.removeHandler(caplog.handler)


def _broken_message_table(connection) -> None:
    # Inside the test's transaction (rolled back afterwards): the next insert fails in the
    # database itself, as a full disk or a lost table would.
    connection.execute(text("ALTER TABLE message RENAME TO message_gone"))


def test_server_error_log_names_the_statement_not_the_values(
        test_app, session_factory, connection, settings, personas, app_logs):
    from app.auth.service import issue_tokens
    from app.db import unit_of_work
    from app.people.models import Person

    with unit_of_work(session_factory) as session:
        token = issue_tokens(session, settings, session.get(Person, personas.candidate),
                             "test").access_token
    _broken_message_table(connection)
    with TestClient(test_app, base_url="http://testserver",
                    raise_server_exceptions=False) as client:
        answer = client.post(f"/api/v1/candidates/{personas.candidate}/messages",
                             json={"body": SECRET_TEXT},
                             headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 500
    assert SECRET_TEXT not in answer.text

    lines = [JsonFormatter().format(record) for record in app_logs.records]
    errors = [record for record in app_logs.records if record.getMessage() == "unhandled error"]
    assert errors, lines
    assert "INSERT INTO message" in errors[0].statement
    assert errors[0].error_type in ("OperationalError", "ProgrammingError")
    assert not any(SECRET_TEXT in line or "4321" in line for line in lines)


def test_database_error_text_holds_no_values(test_app, session_factory, connection, settings,
                                             personas):
    """What uvicorn writes for an error that reaches it (the exception and its traceback)."""
    from app.auth.service import issue_tokens
    from app.db import unit_of_work
    from app.people.models import Person

    with unit_of_work(session_factory) as session:
        token = issue_tokens(session, settings, session.get(Person, personas.candidate),
                             "test").access_token
    _broken_message_table(connection)
    with TestClient(test_app, base_url="http://testserver") as client, \
            pytest.raises(Exception) as raised:
        client.post(f"/api/v1/candidates/{personas.candidate}/messages",
                    json={"body": SECRET_TEXT}, headers={"Authorization": f"Bearer {token}"})
    written = "".join(traceback.format_exception(raised.value))
    assert "INSERT INTO message" in written
    assert SECRET_TEXT not in written
