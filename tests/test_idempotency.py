"""A write sent twice with the same Idempotency-Key (the PWA's queued offline writes) is done
once: the repeat gets the first answer again and stores nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.messages.models import Message
from tests.conftest import csrf_from


def count_questions(db, candidate_id: int, body: str) -> int:
    return db.scalar(select(func.count()).select_from(Message).where(
        Message.candidate_id == candidate_id, Message.body == body))


def test_a_repeated_write_with_the_same_key_is_dropped(browser_as, personas, db):
    browser = browser_as(personas.candidate)
    page = browser.get(f"/c/{personas.candidate}/messages")
    form = {"csrf_token": csrf_from(page.text), "body": "Mag ik later komen?"}
    url = f"/c/{personas.candidate}/messages"
    key = {"Idempotency-Key": "5b0e1c9e-9d59-4d51-a6f4-5a8f0f6f9c01"}

    first = browser.post(url, data=form, headers=key, follow_redirects=False)
    again = browser.post(url, data=form, headers=key, follow_redirects=False)

    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert count_questions(db, personas.candidate, form["body"]) == 1

    # Another key is another write.
    browser.post(url, data=form, headers={"Idempotency-Key": "another"}, follow_redirects=False)
    assert count_questions(db, personas.candidate, form["body"]) == 2


def test_a_refused_write_can_be_tried_again_with_its_key(browser_as, personas, db):
    browser = browser_as(personas.candidate)
    page = browser.get(f"/c/{personas.candidate}/messages")
    url = f"/c/{personas.candidate}/messages"
    key = {"Idempotency-Key": "retry-after-422"}
    empty = browser.post(url, data={"csrf_token": csrf_from(page.text), "body": " "},
                         headers=key, follow_redirects=False)
    assert empty.status_code == 422
    sent = browser.post(url, data={"csrf_token": csrf_from(page.text), "body": "Nu goed?"},
                        headers=key, follow_redirects=False)
    assert sent.status_code == 303
    assert count_questions(db, personas.candidate, "Nu goed?") == 1
