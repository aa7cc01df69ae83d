"""The read gate (app/access): open_file finds only files the actor may see, require checks
one area and logs it once per request; list views log one row per candidate."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.access import FileArea, log_list_read, open_file
from app.access_log.models import AccessLogEntry
from app.auth.actor import Actor
from app.db import commit, queued_rows
from app.errors import NotFound
from app.journeys.service import find_journey, list_steps
from app.people.models import Person


def _actor(db, person_id: int, grants=None) -> Actor:
    person = db.get(Person, person_id)
    return Actor(person_id=person.id, role=person.role, organisation_id=person.organisation_id,
                 display_name=person.display_name, session_id=0, via="cookie",
                 grants=grants or {})


def _jan(db, personas) -> Actor:
    return _actor(db, personas.steps_only_member,
                  {personas.candidate: frozenset({FileArea.steps.value})})


def _log(db, candidate_id: int) -> list[tuple[int, str]]:
    """The log as this unit of work will leave it: what is stored, then the rows a read
    transaction holds back until its commit (on SQLite, see `db.commit`)."""
    db.expire_all()
    stored = [(e.actor_id, e.area) for e in db.scalars(
        select(AccessLogEntry).where(AccessLogEntry.candidate_id == candidate_id)
        .order_by(AccessLogEntry.id))]
    waiting = [(row["actor_id"], row["area"]) for row in queued_rows(db, AccessLogEntry)
               if row["candidate_id"] == candidate_id]
    return stored + waiting


@pytest.mark.parametrize("who", ["other_consultant", "colleague", "other_candidate",
                                 "other_admin"])
def test_a_file_the_actor_may_not_see_is_not_found(who, db, personas):
    with pytest.raises(NotFound):
        open_file(db, _actor(db, getattr(personas, who)), personas.candidate)


def test_a_file_that_does_not_exist_is_not_found_alike(db, personas):
    with pytest.raises(NotFound):
        open_file(db, _actor(db, personas.consultant), 10**9)


def test_opening_logs_nothing_and_an_area_is_logged_once(db, personas):
    before = _log(db, personas.candidate)
    file = open_file(db, _actor(db, personas.consultant), personas.candidate)
    assert _log(db, personas.candidate) == before
    file.require(FileArea.money)
    file.require(FileArea.money)
    journey = find_journey(db, file)
    list_steps(db, file, journey)
    new = _log(db, personas.candidate)[len(before):]
    assert new == [(personas.consultant, "money"), (personas.consultant, "steps")]


def test_an_area_not_granted_is_not_found_and_not_logged(db, personas):
    before = _log(db, personas.candidate)
    file = open_file(db, _jan(db, personas), personas.candidate)
    assert file.may(FileArea.steps) and not file.may(FileArea.contact)
    with pytest.raises(NotFound):
        file.require(FileArea.contact)
    assert _log(db, personas.candidate) == before


def test_readers_refuse_a_handle_without_their_area(db, personas):
    from app.appointments.service import next_appointment
    from app.contacts.service import find_contact_today
    from app.money.service import current_inputs

    file = open_file(db, _jan(db, personas), personas.candidate)
    for read in (lambda: next_appointment(db, file), lambda: current_inputs(db, file),
                 lambda: find_contact_today(db, file, None)):
        with pytest.raises(NotFound):
            read()


def test_a_journey_of_another_candidate_is_not_read_through_this_file(db, personas):
    sanne = open_file(db, _actor(db, personas.other_consultant), personas.other_candidate)
    guy = open_file(db, _actor(db, personas.consultant), personas.candidate)
    with pytest.raises(NotFound):
        list_steps(db, guy, find_journey(db, sanne))


def test_the_candidates_own_reads_are_not_logged(db, personas):
    before = _log(db, personas.candidate)
    file = open_file(db, _actor(db, personas.candidate), personas.candidate)
    # Every area of his own file but the consultant's case file (staff only).
    assert file.is_self and file.areas == frozenset(FileArea) - {FileArea.case_file}
    file.require(FileArea.money).require(FileArea.access_log)
    assert _log(db, personas.candidate) == before


def test_a_list_logs_one_row_per_candidate_in_one_insert(db, personas, connection):
    from sqlalchemy import event

    statements = []
    event.listen(connection, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    before_guy = _log(db, personas.candidate)
    log_list_read(db, _actor(db, personas.admin), [personas.candidate, personas.other_candidate,
                                                   personas.candidate])
    commit(db)  # as the unit of work ends: the rows held back by the read are inserted
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 1
    assert _log(db, personas.candidate)[len(before_guy):] == [(personas.admin, "caseload")]
