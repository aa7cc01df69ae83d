"""Logging a read never writes inside the read transaction, so it cannot fail on a lock.

These tests use a database of their own (not the suite's rolled-back connection) because the
failure needs two real connections: on SQLite a reader whose snapshot is older than another
connection's commit cannot upgrade its read lock, and busy_timeout does not help it."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from app import models  # noqa: F401 - registers every table
from app.access import open_file
from app.access.log import log_reads
from app.access_log.models import AccessLogEntry
from app.access_log.service import list_entries
from app.auth.actor import Actor
from app.contacts.models import ContactAssignment
from app.db import (
    WriteLane,
    begin_write,
    commit,
    make_engine,
    make_session_factory,
    metadata,
    unit_of_work,
)
from app.organisations.models import Organisation
from app.people.models import Person, Role
from tests.conftest import drop_postgres_database, fresh_database_url, is_postgres


@pytest.fixture(scope="module")
def own_database(tmp_path_factory):
    """A database with one organisation, a candidate and a consultant: (factory, ids)."""
    url = fresh_database_url(tmp_path_factory, "reads")
    engine = make_engine(url)
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        organisation = Organisation(slug="lelystad", name="Gemeente Lelystad")
        session.add(organisation)
        session.flush()
        candidate = Person(organisation_id=organisation.id, role=Role.candidate,
                           display_name="Kim Kandidaat")
        reader = Person(organisation_id=organisation.id, role=Role.consultant,
                        display_name="Rob Lezer")
        session.add_all([candidate, reader])
        session.flush()
        session.add(ContactAssignment(candidate_id=candidate.id, primary_id=reader.id))
        ids = {"organisation": organisation.id, "candidate": candidate.id, "reader": reader.id}
    yield factory, ids
    engine.dispose()
    if is_postgres(url):
        drop_postgres_database(url)


def _reader(ids) -> Actor:
    return Actor(person_id=ids["reader"], role=Role.consultant,
                 organisation_id=ids["organisation"], display_name="Rob Lezer", session_id=0,
                 via="bearer", grants={})


def _count(factory, ids) -> int:
    with unit_of_work(factory) as session:
        return session.scalar(select(func.count()).select_from(AccessLogEntry).where(
            AccessLogEntry.candidate_id == ids["candidate"]))


def _write_elsewhere(factory, ids) -> None:
    """Another connection changes the file and commits."""
    with unit_of_work(factory) as session:
        begin_write(session)
        session.get(Person, ids["candidate"]).job_title = f"stagiair {time.perf_counter()}"


def test_a_read_is_logged_when_someone_wrote_after_it_began(own_database):
    factory, ids = own_database
    before = _count(factory, ids)
    session = factory()
    try:
        session.get(Person, ids["candidate"])  # the read transaction has its snapshot
        _write_elsewhere(factory, ids)
        log_reads(session, _reader(ids), [ids["candidate"]], "steps")
        commit(session)
    finally:
        session.close()
    assert _count(factory, ids) == before + 1


def test_a_read_is_logged_while_someone_holds_the_write_lock(own_database):
    factory, ids = own_database
    before = _count(factory, ids)
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with unit_of_work(factory) as session:
            begin_write(session)
            session.get(Person, ids["candidate"]).job_title = "begeleider"
            session.flush()
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(5)
    session = factory()
    try:
        session.get(Person, ids["candidate"])
        log_reads(session, _reader(ids), [ids["candidate"]], "steps")
        threading.Timer(0.3, release.set).start()
        commit(session)  # waits for the writer's turn to end instead of failing
    finally:
        session.close()
        release.set()
        thread.join()
    assert _count(factory, ids) == before + 1


def test_the_log_shown_includes_the_read_that_shows_it(own_database):
    factory, ids = own_database
    with unit_of_work(factory) as session:
        log_reads(session, _reader(ids), [ids["candidate"]], "access_log")
        file = open_file(session, _reader(ids), ids["candidate"])
        newest = list_entries(session, file, limit=1)
        assert [(entry.area, person.id) for entry, person in newest] == [
            ("access_log", ids["reader"])]
        total = _count(factory, ids)
        paged = list_entries(session, file, limit=total + 1, offset=1)
        assert len(paged) == total  # the committed entries, after the one not yet written


def test_a_rolled_back_read_is_not_logged_and_logs_again_after(own_database):
    factory, ids = own_database
    before = _count(factory, ids)
    with unit_of_work(factory) as session:
        log_reads(session, _reader(ids), [ids["candidate"]], "steps")
        session.rollback()
        assert _count(factory, ids) == before
        log_reads(session, _reader(ids), [ids["candidate"]], "steps")
        log_reads(session, _reader(ids), [ids["candidate"]], "steps")  # once per request
    assert _count(factory, ids) == before + 1


def test_the_write_lane_serves_in_order_of_arrival():
    lane, served = WriteLane(timeout=5), []
    lane.acquire()
    threads = []
    for number in range(5):
        thread = threading.Thread(target=lambda n=number: (lane.acquire(), served.append(n),
                                                           lane.release()))
        thread.start()
        threads.append(thread)
        while len(lane._waiting) <= number:  # wait until this one queues behind the others
            time.sleep(0.001)
    lane.release()
    for thread in threads:
        thread.join()
    assert served == [0, 1, 2, 3, 4]


def test_a_writer_that_gives_up_passes_its_turn_on():
    lane = WriteLane(timeout=0.05)
    lane.acquire()
    with pytest.raises(TimeoutError):
        lane.acquire()
    lane.release()
    lane.acquire()  # free again: the one that gave up left the queue
    lane.release()
