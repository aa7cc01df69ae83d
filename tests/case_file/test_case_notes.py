"""The case file: notes and contact moments only the candidate's own consultants see, each read
logged; someone else's candidate is not found and a moment in the future is refused, and in
both cases nothing is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.access_log.models import AccessLogEntry
from app.case_file.models import CaseNote
from app.clock import local_today
from app.db import utcnow
from tests.access import ALL, GUYS_CONSULTANTS
from tests.backoffice.test_candidate_file import Office

NOTE = {"kind": "phone", "with_whom": "Marja", "with_role": "parent",
        "body": "Marja belde: Guy slaapt slecht sinds de proefplaats.",
        "purpose_code": "other"}


def _note(**changes) -> dict:
    return {**NOTE, "happened_at": (utcnow() - timedelta(hours=1)).isoformat(), **changes}


def _count(db, candidate_id: int) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(CaseNote).where(
        CaseNote.candidate_id == candidate_id))


@pytest.mark.parametrize("caller", ALL)
def test_only_the_candidates_consultants_read_and_write_the_case_file(
        caller, callers, personas, login_as, db):
    """Floor and Sander read and write; Guy himself, Marja (every area), admins and other
    consultants do not find it; the anonymous caller must sign in."""
    client = login_as(callers[caller])
    url = f"/api/v1/candidates/{personas.candidate}/case-notes"
    before = _count(db, personas.candidate)
    created = client.post(url, json=_note())
    listed = client.get(url)
    if caller in GUYS_CONSULTANTS:
        assert created.status_code == 201, created.text
        assert listed.status_code == 200
        assert listed.json()["items"][0]["body"] == NOTE["body"]
        assert _count(db, personas.candidate) == before + 1
        return
    want = 401 if caller == "anonymous" else 404
    assert (created.status_code, listed.status_code) == (want, want)
    assert created.headers["content-type"].startswith("application/problem+json")
    assert _count(db, personas.candidate) == before


def test_every_read_of_the_case_file_is_logged(personas, login_as, db):
    sander = login_as(personas.backup_consultant)
    url = f"/api/v1/candidates/{personas.candidate}/case-notes"
    assert sander.post(url, json=_note()).status_code == 201
    before = db.scalar(select(func.coalesce(func.max(AccessLogEntry.id), 0)))
    assert sander.get(url).status_code == 200
    db.expire_all()
    areas = set(db.scalars(select(AccessLogEntry.area).where(
        AccessLogEntry.id > before, AccessLogEntry.actor_id == personas.backup_consultant,
        AccessLogEntry.candidate_id == personas.candidate)))
    assert areas == {"case_file"}


def test_a_note_on_someone_elses_candidate_is_not_found_and_nothing_stored(
        personas, login_as, db):
    """Floor (Almere) writing about Sanne (Amsterdam): 404 problem+json, no row."""
    before = _count(db, personas.other_candidate)
    response = login_as(personas.consultant).post(
        f"/api/v1/candidates/{personas.other_candidate}/case-notes", json=_note())
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert _count(db, personas.other_candidate) == before


@pytest.mark.parametrize("bad", [
    {"happened_at": (utcnow() + timedelta(days=2)).isoformat()},
    {"body": "   "},
    {"kind": "fax"},
    {"with_role": "neighbour"},
    {"purpose_code": "party"},
])
def test_bad_input_is_refused_with_422_and_nothing_stored(bad, personas, login_as, db):
    before = _count(db, personas.candidate)
    client = login_as(personas.consultant, **{"Accept-Language": "nl"})
    response = client.post(f"/api/v1/candidates/{personas.candidate}/case-notes",
                           json=_note(**bad))
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem["invalid_params"][0]["name"] == next(iter(bad))
    assert _count(db, personas.candidate) == before


def test_a_future_moment_says_why_in_dutch(personas, login_as):
    response = login_as(personas.consultant, **{"Accept-Language": "nl"}).post(
        f"/api/v1/candidates/{personas.candidate}/case-notes",
        json=_note(happened_at=(utcnow() + timedelta(days=2)).isoformat()))
    assert response.json()["invalid_params"][0]["code"] == "in_future"
    assert "toekomst" in response.json()["invalid_params"][0]["reason"]


def test_the_author_corrects_her_note_the_same_day_others_may_not(personas, login_as, db):
    url = f"/api/v1/candidates/{personas.candidate}/case-notes"
    floor, sander = login_as(personas.consultant), login_as(personas.backup_consultant)
    note = floor.post(url, json=_note()).json()
    assert note["editable"] is True
    refused = sander.patch(f"{url}/{note['id']}", json={"body": "Anders"},
                           headers={"If-Match": f'W/"{note["version"]}"'})
    assert refused.status_code == 409
    assert refused.json()["code"] == "case_note_locked"
    changed = floor.patch(f"{url}/{note['id']}", json={"body": "Guy slaapt weer goed."},
                          headers={"If-Match": f'W/"{note["version"]}"'})
    assert changed.status_code == 200, changed.text
    assert changed.json()["body"] == "Guy slaapt weer goed."
    stale = floor.patch(f"{url}/{note['id']}", json={"body": "Nog eens"},
                        headers={"If-Match": f'W/"{note["version"]}"'})
    assert stale.status_code == 412
    # A day later the note is locked for its author too.
    db.expire_all()
    stored = db.get(CaseNote, note["id"])
    stored.created_at = utcnow() - timedelta(days=2)
    db.commit()
    late = floor.patch(f"{url}/{note['id']}", json={"body": "Te laat"},
                       headers={"If-Match": f'W/"{changed.json()["version"]}"'})
    assert late.status_code == 409


def test_logging_a_phone_call_shows_nothing_to_the_candidate(personas, login_as, db):
    """A phone call is a contact moment, not a fake past appointment: Guy's appointments,
    messages and home do not show it."""
    body = "Gebeld met de werkgever over de reistijd."
    floor = login_as(personas.consultant)
    assert floor.post(f"/api/v1/candidates/{personas.candidate}/case-notes",
                      json=_note(body=body, with_role="employer")).status_code == 201
    guy = login_as(personas.candidate)
    for path in ("appointments", "messages"):
        assert body not in guy.get(f"/api/v1/candidates/{personas.candidate}/{path}").text
    assert "case_file" not in guy.get(
        f"/api/v1/candidates/{personas.candidate}").json()["your_areas"]


def test_the_case_file_page_adds_a_phone_call_and_refuses_a_future_one(
        browser_as, personas, db):
    floor = Office(browser_as(personas.consultant), personas.candidate)
    page = floor.get("/case-file")
    assert page.status_code == 200 and "Add a note or a contact moment" in page.text
    before = _count(db, personas.candidate)
    future = (utcnow() + timedelta(days=3)).date().isoformat()
    refused = floor.post("/case-file", {"kind": "phone", "day": future, "at": "10:00",
                                        "body": "Belt morgen"})
    assert refused.status_code == 422
    assert 'id="error-summary"' in refused.text and "future" in refused.text
    assert 'name="day" type="date" required value="' + future in refused.text
    assert _count(db, personas.candidate) == before
    today = local_today().isoformat()
    saved = floor.post("/case-file", {"kind": "phone", "day": today, "at": "00:01",
                                      "with_whom": "Marja", "with_role": "parent",
                                      "body": "Marja gebeld."})
    assert saved.status_code == 303
    assert "Marja gebeld." in floor.get("/case-file").text
    assert _count(db, personas.candidate) == before + 1


def test_the_author_corrects_her_note_on_the_page_the_same_day(browser_as, personas, db):
    floor = Office(browser_as(personas.consultant), personas.candidate)
    today = local_today().isoformat()
    assert floor.post("/case-file", {"kind": "phone", "day": today, "at": "00:01",
                                     "body": "Marja gebeld."}).status_code == 303
    db.expire_all()
    note = db.scalar(select(CaseNote).where(CaseNote.candidate_id == personas.candidate)
                     .order_by(CaseNote.id.desc()).limit(1))
    page = floor.get("/case-file").text
    assert f'/case-file/{note.id}"' in page  # her own note has a correction form
    refused = floor.post(f"/case-file/{note.id}", {
        "version": str(note.version), "kind": "phone", "day": today, "at": "00:01",
        "body": "  "})
    assert refused.status_code == 422
    assert f'id="n{note.id}-body" name="body" rows="4" maxlength="4000" required ' \
           'aria-invalid="true"' in refused.text
    saved = floor.post(f"/case-file/{note.id}", {
        "version": str(note.version), "kind": "visit", "day": today, "at": "00:01",
        "body": "Marja bezocht."})
    assert saved.status_code == 303
    db.expire_all()
    assert (db.get(CaseNote, note.id).body, db.get(CaseNote, note.id).kind) == (
        "Marja bezocht.", "visit")
    # Sander sees the note but no correction form: it is not his.
    sander = Office(browser_as(personas.backup_consultant), personas.candidate)
    page = sander.get("/case-file").text
    assert "Marja bezocht." in page and f'/case-file/{note.id}"' not in page
