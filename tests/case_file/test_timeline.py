"""The file's timeline for staff: every domain's events newest first, paged; only the
candidate's consultants see it; a domain adds itself with one function."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.access import FileArea, open_file
from app.auth.actor import Actor
from app.case_file import timeline
from app.db import utcnow
from app.people.models import Person
from tests.access import ALL, GUYS_CONSULTANTS


def _actor(db, person_id: int) -> Actor:
    person = db.get(Person, person_id)
    return Actor(person_id=person.id, role=person.role, organisation_id=person.organisation_id,
                 display_name=person.display_name, session_id=0, via="bearer")


def test_the_timeline_holds_every_domain_newest_first(personas, login_as):
    floor = login_as(personas.consultant)
    guy = personas.candidate
    assert floor.post(f"/api/v1/candidates/{guy}/case-notes", json={
        "kind": "visit", "with_whom": "Tim", "with_role": "employer",
        "happened_at": (utcnow() - timedelta(minutes=5)).isoformat(),
        "body": "Op bezoek bij de werkgever.", "purpose_code": "aftercare_visit"},
    ).status_code == 201
    body = floor.get(f"/api/v1/candidates/{guy}/timeline", params={"limit": 200}).json()
    items = body["items"]
    kinds = {item["kind"] for item in items}
    # Guy's demo file: steps begun and done, a guarantee, messages, and now a visit.
    assert {"step_started", "step_done", "guarantee", "message", "case_note"} <= kinds
    assert body["total"] == len(items)
    moments = [item["at"] for item in items]
    assert moments == sorted(moments, reverse=True)
    note = next(item for item in items if item["kind"] == "case_note")
    assert "Op bezoek bij de werkgever." in note["detail"] and "Tim" in note["title"]
    # Paged: the second page goes on where the first stopped.
    first = floor.get(f"/api/v1/candidates/{guy}/timeline", params={"limit": 2}).json()
    second = floor.get(f"/api/v1/candidates/{guy}/timeline",
                       params={"limit": 2, "offset": 2}).json()
    assert [i["title"] for i in first["items"] + second["items"]] == [
        i["title"] for i in items[:4]]


@pytest.mark.parametrize("caller", ALL)
def test_only_the_candidates_consultants_see_the_timeline(caller, callers, personas, login_as):
    response = login_as(callers[caller]).get(f"/api/v1/candidates/{personas.candidate}/timeline")
    want = 200 if caller in GUYS_CONSULTANTS else 401 if caller == "anonymous" else 404
    assert response.status_code == want


def test_a_domain_adds_its_entries_with_one_function(db, personas):
    """The structured step records plug in the same way: a function of (session, file)."""
    def records(session, file):
        file.require(FileArea.steps)
        return [timeline.TimelineEntry(utcnow() + timedelta(days=1), "record", FileArea.steps,
                                       "Contract recorded")]

    file = open_file(db, _actor(db, personas.consultant), personas.candidate)
    entries, total = timeline.timeline(db, file, limit=1,
                                       sources=[*timeline.SOURCES, records])
    assert entries[0].title == "Contract recorded"
    assert total > 1


def test_the_timeline_page_shows_the_file_newest_first(browser_as, personas):
    from tests.backoffice.test_candidate_file import Office

    floor = Office(browser_as(personas.consultant), personas.candidate)
    page = floor.get("/timeline")
    assert page.status_code == 200
    assert "Guarantee version 1 issued" in page.text
    assert 'aria-current="page"' in page.text
