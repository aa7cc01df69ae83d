"""The caseload's row cache never shows a stale row: after every kind of change to a file, and
at every moment a row changes with no write at all, the rows it gives are the rows worked out
afresh. A change that is rolled back leaves nothing behind in the cache."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.appointments.models import Appointment
from app.auth.actor import Actor
from app.candidates.schemas import CandidateCreate
from app.caseload.service import ROW_CACHE, clear_row_cache, list_caseload
from app.clock import local_today, to_local
from app.contacts.models import Absence, ContactAssignment
from app.db import unit_of_work, utcnow
from app.employers.models import ConcernKind, EmployerConcern, Placement, PlacementMilestone
from app.guarantees.models import FallbackGuarantee
from app.journeys.models import (
    Journey,
    JourneyStep,
    StepState,
    WayBackEvent,
    WayBackKind,
    WayBackReason,
)
from app.network.models import NetworkGrant
from app.onboarding.service import create_candidate
from app.organisations.models import Organisation
from app.people.models import Person, Role
from app.route_templates.models import RouteTemplate


def _floor(session, personas) -> Actor:
    floor = session.get(Person, personas.consultant)
    return Actor(person_id=floor.id, role=Role.consultant, organisation_id=floor.organisation_id,
                 display_name=floor.display_name, session_id=0, via="bearer")


def _view(rows) -> list:
    """Everything a caseload row shows or is filtered and sorted on."""
    return [(r.candidate.id, r.candidate.display_name, r.role, r.route.id if r.route else None,
             r.current_step.id if r.current_step else None, [s.id for s in r.beside],
             r.days_in_step, [(f.code, f.params, f.reason, f.action) for f in r.flags],
             r.waiting_questions, r.covering_for.id if r.covering_for else None,
             r.covering_until) for r in rows]


def _cached_and_fresh(session_factory, personas, now: datetime | None = None) -> tuple:
    """The caseload as the cache gives it (in a request of its own), then worked out afresh;
    with the number of rows the cache answered."""
    now = now or utcnow()
    today = to_local(now).date()
    with unit_of_work(session_factory) as session:
        cache = ROW_CACHE.of(session.get_bind())
        hits = cache.hits
        cached = _view(list_caseload(session, _floor(session, personas), now=now, today=today,
                                     log=False))
        hits = cache.hits - hits
    with unit_of_work(session_factory) as session:
        clear_row_cache(session)
        fresh = _view(list_caseload(session, _floor(session, personas), now=now, today=today,
                                    log=False))
    return cached, fresh, hits


@pytest.fixture
def nina(db, personas) -> int:
    """A second candidate of Floor's, new today: no appointments, messages or network."""
    floor = _floor(db, personas)
    route = db.scalar(select(RouteTemplate.id).where(
        RouteTemplate.key == "almere", RouteTemplate.organisation_id == floor.organisation_id))
    candidate = create_candidate(db, floor, CandidateCreate(display_name="Nina Nieuw",
                                                            route_template_id=route))
    db.commit()
    return candidate.id


def _appointment(db, personas, candidate: int, start: datetime) -> None:
    db.add(Appointment(candidate_id=candidate, title="Gesprek", starts_at=start,
                       ends_at=start + timedelta(hours=1), created_by_id=personas.consultant))
    db.commit()


# --- every kind of change, made the way the product makes it (the ORM, through a flush) ------


def _guy_journey(db, personas) -> Journey:
    return db.scalar(select(Journey).where(Journey.candidate_id == personas.candidate))


def _step_started_long_ago(db, personas) -> None:
    journey = _guy_journey(db, personas)
    for step in db.scalars(select(JourneyStep).where(JourneyStep.journey_id == journey.id,
                                                     JourneyStep.state == StepState.current)):
        step.actual_start = local_today() - timedelta(days=200)


def _appointment_in_an_hour(db, personas) -> None:
    start = utcnow() + timedelta(hours=1)
    db.add(Appointment(candidate_id=personas.candidate, title="Gesprek", starts_at=start,
                       ends_at=start + timedelta(hours=1), created_by_id=personas.consultant))


def _appointments_cancelled(db, personas) -> None:
    for appointment in db.scalars(select(Appointment).where(
            Appointment.candidate_id == personas.candidate)):
        appointment.cancelled_at = utcnow()


def _guarantee_ends_soon(db, personas) -> None:
    for guarantee in db.scalars(select(FallbackGuarantee).where(
            FallbackGuarantee.candidate_id == personas.candidate)):
        guarantee.indication_valid_until = local_today() + timedelta(days=10)


def _contact_away_without_backup(db, personas) -> None:
    assignment = db.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == personas.candidate))
    assignment.backup_id = None
    db.add(Absence(consultant_id=personas.consultant, starts_on=local_today(),
                   ends_on=local_today() + timedelta(days=2)))


def _network_gone(db, personas) -> None:
    for grant in db.scalars(select(NetworkGrant).where(
            NetworkGrant.candidate_id == personas.candidate)):
        db.delete(grant)


def _workplaces_tried(db, personas) -> None:
    journey = _guy_journey(db, personas)
    for _ in range(3):
        db.add(WayBackEvent(candidate_id=personas.candidate, journey_id=journey.id,
                            kind=WayBackKind.other_placement, reason=WayBackReason.mismatch,
                            starts_on=local_today(), created_by_id=personas.consultant))
    organisation = db.get(Organisation, db.get(Person, personas.candidate).organisation_id)
    organisation.max_placement_attempts = 3


def _employer_worried(db, personas) -> None:
    placement = db.scalar(select(Placement).where(Placement.candidate_id == personas.candidate))
    db.add(EmployerConcern(placement_id=placement.id, candidate_id=personas.candidate,
                           author_id=personas.employer, kind=next(iter(ConcernKind)),
                           body="Guy was moe."))


def _milestone_moved_to_yesterday(db, personas) -> None:
    # A milestone names no candidate itself: its placement does.
    placement = db.scalar(select(Placement).where(Placement.candidate_id == personas.candidate))
    milestone = db.scalar(select(PlacementMilestone).where(
        PlacementMilestone.placement_id == placement.id,
        PlacementMilestone.done_on.is_(None)))
    milestone.due_on = local_today() - timedelta(days=1)


def _renamed(db, personas) -> None:
    db.get(Person, personas.candidate).display_name = "Guy Visser-de Boer"


def _organisation_evaluates_monthly(db, personas) -> None:
    organisation = db.get(Organisation, db.get(Person, personas.candidate).organisation_id)
    organisation.evaluation_every_months = 1


CHANGES = [_step_started_long_ago, _appointment_in_an_hour, _appointments_cancelled,
           _guarantee_ends_soon, _contact_away_without_backup, _network_gone,
           _workplaces_tried, _employer_worried, _milestone_moved_to_yesterday, _renamed,
           _organisation_evaluates_monthly]
# Changes to every file of the caseload: no row is left to come from the cache.
EVERY_FILE = (_contact_away_without_backup, _organisation_evaluates_monthly)


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__.strip("_") for c in CHANGES])
def test_a_change_to_the_file_shows_at_once(change, session_factory, personas, db, nina):
    _appointment(db, personas, personas.candidate, utcnow() + timedelta(days=1))
    cached, fresh, _hits = _cached_and_fresh(session_factory, personas)  # fills the cache
    assert cached == fresh
    before = fresh
    change(db, personas)
    db.commit()
    cached, fresh, hits = _cached_and_fresh(session_factory, personas)
    assert fresh != before, "the change shows in the caseload"
    assert cached == fresh
    if change not in EVERY_FILE:
        assert hits == 1, "Nina's row came from the cache"


def test_unchanged_rows_are_served_from_the_cache(session_factory, personas, nina):
    _cached_and_fresh(session_factory, personas)
    _cached_and_fresh(session_factory, personas)
    _cached, fresh, hits = _cached_and_fresh(session_factory, personas)
    assert hits == len(fresh) == 2


# --- moments at which a row changes with no write ---------------------------------------------


def _as_time_goes_by(session_factory, personas, candidate: int, moments) -> list[dict]:
    """The candidate's flags (code: parameters) at each moment, in order, each as the cache
    gives it (asked twice, so the second answer is a cache hit where one may be) and as
    worked out afresh."""
    seen = []
    for moment in moments:
        first, fresh, _hits = _cached_and_fresh(session_factory, personas, moment)
        again, _fresh, _hits = _cached_and_fresh(session_factory, personas, moment)
        assert first == fresh == again, moment
        seen.append({code: params for row in fresh if row[0] == candidate
                     for code, params, *_texts in row[7]})
    return seen


def test_an_appointment_becomes_soon_then_passes(session_factory, personas, db, nina):
    now = utcnow()
    start = now + timedelta(days=3, hours=2)
    _appointment(db, personas, nina, start)
    moments = [now, now + timedelta(hours=1, minutes=59), now + timedelta(hours=2, seconds=1),
               start - timedelta(seconds=1), start + timedelta(seconds=1)]
    soon = ["appointment_soon" in flags
            for flags in _as_time_goes_by(session_factory, personas, nina, moments)]
    assert soon == [False, False, True, True, False]


def test_a_question_waits_too_long_without_any_write(session_factory, personas, login_as,
                                                     nina):
    guy = login_as(personas.candidate)
    assert guy.post(f"/api/v1/candidates/{personas.candidate}/messages",
                    json={"body": "Wanneer is mijn gesprek?"}).status_code == 201
    now = utcnow()
    # Two working days have passed five days later, whatever day it is now.
    waiting = ["question_waiting" in flags for flags in _as_time_goes_by(
        session_factory, personas, personas.candidate, [now, now + timedelta(days=5)])]
    assert waiting == [False, True]


def test_days_without_contact_count_on_within_a_day(session_factory, personas, db, nina):
    journey = db.scalar(select(Journey).where(Journey.candidate_id == nina))
    journey.started_on = local_today() - timedelta(days=60)
    now = utcnow()
    _appointment(db, personas, nina, now - timedelta(days=27, hours=23))  # the last contact
    moments = [now, now + timedelta(minutes=59), now + timedelta(hours=1, seconds=1),
               now + timedelta(days=1, hours=1, seconds=1)]
    days = [flags.get("no_contact", {}).get("days")
            for flags in _as_time_goes_by(session_factory, personas, nina, moments)]
    assert days == [None, None, 28, 29]


# --- a change that is undone --------------------------------------------------------------------


def test_rows_read_in_a_unit_of_work_that_changed_a_file_are_not_kept(session_factory,
                                                                       personas, db):
    _cached_and_fresh(session_factory, personas)
    session = session_factory()
    try:
        _renamed(session, personas)
        session.flush()
        cache = ROW_CACHE.of(session.get_bind())
        cache.clear()
        rows = list_caseload(session, _floor(session, personas), log=False)
        assert "Guy Visser-de Boer" in {r.candidate.display_name for r in rows}
        assert len(cache) == 0
        session.rollback()
    finally:
        session.close()
    # The next change reuses the version number the rolled-back one had.
    _guarantee_ends_soon(db, personas)
    db.commit()
    cached, fresh, _hits = _cached_and_fresh(session_factory, personas)
    assert cached == fresh
    assert "Guy Visser" in {row[1] for row in fresh}
