"""Every read of a candidate's data by someone else is logged, and the candidate can see it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.access_log.models import AccessLogEntry, AppendOnlyViolation


def _entries(db, candidate_id):
    return list(
        db.scalars(select(AccessLogEntry).where(AccessLogEntry.candidate_id == candidate_id))
    )


@pytest.mark.parametrize("reader", ["consultant", "backup_consultant", "parent", "admin"])
def test_reads_by_others_are_logged(reader, login_as, personas, db):
    before = len(_entries(db, personas.candidate))
    reader_id = getattr(personas, reader)
    assert login_as(reader_id).get(
        f"/api/v1/candidates/{personas.candidate}/journey"
    ).status_code == 200
    new = _entries(db, personas.candidate)[before:]
    assert {(e.actor_id, e.area) for e in new} == {(reader_id, "steps")}


def test_own_reads_are_not_logged(login_as, personas, db):
    before = len(_entries(db, personas.candidate))
    guy = login_as(personas.candidate)
    assert guy.get(f"/api/v1/candidates/{personas.candidate}").status_code == 200
    assert guy.get(f"/api/v1/candidates/{personas.candidate}/journey").status_code == 200
    assert len(_entries(db, personas.candidate)) == before


def test_refused_reads_are_not_logged_as_reads(login_as, personas, db):
    before = len(_entries(db, personas.candidate))
    assert login_as(personas.other_consultant).get(
        f"/api/v1/candidates/{personas.candidate}").status_code == 404
    assert len(_entries(db, personas.candidate)) == before


def test_candidate_sees_who_viewed_their_data(login_as, personas):
    login_as(personas.consultant).get(f"/api/v1/candidates/{personas.candidate}/journey")
    log = login_as(personas.candidate).get(f"/api/v1/candidates/{personas.candidate}/access-log")
    assert log.status_code == 200
    newest = log.json()[0]
    assert newest["actor_name"] == "Floor de Vries" and newest["area"] == "steps"


def test_caseload_list_logs_each_listed_candidate_in_one_go(login_as, personas, db):
    before = len(_entries(db, personas.candidate))
    assert login_as(personas.consultant).get("/api/v1/candidates").status_code == 200
    new = _entries(db, personas.candidate)[before:]
    assert [(e.actor_id, e.area) for e in new] == [(personas.consultant, "caseload")]


def test_the_log_is_append_only(login_as, personas, db):
    login_as(personas.consultant).get(f"/api/v1/candidates/{personas.candidate}")
    entry = _entries(db, personas.candidate)[-1]
    entry.area = "nothing"
    with pytest.raises(AppendOnlyViolation):
        db.flush()
    db.rollback()
    entry = _entries(db, personas.candidate)[-1]
    db.delete(entry)
    with pytest.raises(AppendOnlyViolation):
        db.flush()
    db.rollback()
