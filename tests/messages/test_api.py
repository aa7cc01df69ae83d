"""Messages: newest first, read state, and questions to whoever is reachable."""

from __future__ import annotations

import pytest


def test_candidate_reads_updates_and_marks_them_read(login_as, personas):
    guy = login_as(personas.candidate)
    messages = guy.get(f"/api/v1/candidates/{personas.candidate}/messages").json()
    update = next(m for m in messages if m["kind"] == "update")
    assert update["read_at"] is None and update["author_name"] == "Floor de Vries"
    read = guy.post(f"/api/v1/candidates/{personas.candidate}/messages/{update['id']}/read")
    assert read.status_code == 200 and read.json()["read_at"] is not None


def test_questions_come_newest_first(login_as, personas):
    guy = login_as(personas.candidate)
    for text in ("Eerste vraag", "Tweede vraag"):
        assert guy.post(f"/api/v1/candidates/{personas.candidate}/messages",
                        json={"body": text}).status_code == 201
    bodies = [
        m["body"] for m in guy.get(f"/api/v1/candidates/{personas.candidate}/messages").json()
    ]
    assert bodies[:2] == ["Tweede vraag", "Eerste vraag"]


def test_network_member_sees_only_own_questions(login_as, personas):
    marja = login_as(personas.parent)
    assert marja.post(f"/api/v1/candidates/{personas.candidate}/messages",
                      json={"body": "Wanneer is het gesprek bij UWV?"}).status_code == 201
    login_as(personas.candidate).post(f"/api/v1/candidates/{personas.candidate}/messages",
                                      json={"body": "Vraag van Guy"})
    seen = marja.get(f"/api/v1/candidates/{personas.candidate}/messages").json()
    # Her own question, and the consultant's updates of her areas; never Guy's questions.
    assert [m["body"] for m in seen if m["kind"] == "question"] == [
        "Wanneer is het gesprek bij UWV?"]
    assert {m["kind"] for m in seen} <= {"question", "update"}


@pytest.mark.parametrize("body", [{"body": ""}, {"body": "   "}, {"body": "x" * 2001}, {}])
def test_empty_or_too_long_questions_are_refused(login_as, personas, body):
    response = login_as(personas.candidate).post(
        f"/api/v1/candidates/{personas.candidate}/messages", json=body)
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "body"
