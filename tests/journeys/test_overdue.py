"""One "step overdue" rule: the caseload's Python predicate and the team view's SQL condition
give the same answer on the same rows."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from sqlalchemy import select

from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState
from app.journeys.overdue import days_in_step, days_in_step_sql, is_overdue, overdue_sql

TODAY = date(2026, 3, 10)


def test_python_and_sql_agree_on_every_combination(db, personas):
    journey = Journey(candidate_id=personas.other_candidate, started_on=TODAY - timedelta(days=99))
    db.add(journey)
    db.flush()
    steps = []
    # Around the boundary: expected 0 (never overdue), 7 days; started 6, 7, 8 days ago or not.
    combos = itertools.product(
        (StepState.current, StepState.todo), (None, 6, 7, 8), (0, 7))
    for position, (state, ago, expected) in enumerate(combos):
        steps.append(JourneyStep(
            journey_id=journey.id, position=position, key=f"s{position}", pictogram="plan",
            state=state, expected_duration_days=expected,
            actual_start=None if ago is None else TODAY - timedelta(days=ago)))
    db.add_all(steps)
    db.flush()

    for status in JourneyStatus:
        journey.status = status
        db.flush()
        in_python = {s.id for s in steps if is_overdue(s, journey, TODAY)}
        in_sql = set(db.scalars(
            select(JourneyStep.id).join(Journey, Journey.id == JourneyStep.journey_id)
            .where(Journey.id == journey.id, overdue_sql(TODAY))))
        assert in_python == in_sql, status
        if status is JourneyStatus.active:
            # Exactly the current, started steps past 7 expected days: 8 days ago.
            assert {(s.actual_start, s.expected_duration_days) for s in steps
                    if s.id in in_python} == {(TODAY - timedelta(days=8), 7)}
        else:
            assert in_python == set()

    days = dict(db.execute(select(JourneyStep.id, days_in_step_sql(TODAY)).where(
        JourneyStep.journey_id == journey.id)).all())
    assert days == {s.id: days_in_step(s, TODAY) for s in steps}
