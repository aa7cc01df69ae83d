"""One "step overdue" rule: the caseload's Python predicate and the team view's SQL condition
give the same answer on the same rows."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from sqlalchemy import select

from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState
from app.journeys.overdue import days_in_step, days_in_step_sql, is_overdue, overdue_sql
from app.journeys.service import current_step, current_steps
from app.route_templates.models import StepKind

TODAY = date(2026, 3, 10)


def test_python_and_sql_agree_on_every_combination(db, personas):
    # One journey per combination, so that each step is its journey's only (main) step.
    journeys, steps = [], []
    # Around the boundary: expected 0 (never overdue), 7 days; started 6, 7, 8 days ago or not.
    combos = itertools.product(
        (StepState.current, StepState.todo), (None, 6, 7, 8), (0, 7))
    for position, (state, ago, expected) in enumerate(combos):
        journey = Journey(candidate_id=personas.other_candidate,
                          started_on=TODAY - timedelta(days=99))
        db.add(journey)
        db.flush()
        journeys.append(journey)
        steps.append(JourneyStep(
            journey_id=journey.id, position=position, key=f"s{position}", pictogram="plan",
            state=state, expected_duration_days=expected,
            actual_start=None if ago is None else TODAY - timedelta(days=ago)))
    db.add_all(steps)
    db.flush()
    by_id = {j.id: j for j in journeys}

    for status in JourneyStatus:
        for journey in journeys:
            journey.status = status
        db.flush()
        in_python = {s.id for s in steps if is_overdue(s, by_id[s.journey_id], TODAY)}
        in_sql = set(db.scalars(
            select(JourneyStep.id).join(Journey, Journey.id == JourneyStep.journey_id)
            .where(Journey.id.in_(by_id), overdue_sql(TODAY))))
        assert in_python == in_sql, status
        if status is JourneyStatus.active:
            # Exactly the current, started steps past 7 expected days: 8 days ago.
            assert {(s.actual_start, s.expected_duration_days) for s in steps
                    if s.id in in_python} == {(TODAY - timedelta(days=8), 7)}
        else:
            assert in_python == set()

    days = dict(db.execute(select(JourneyStep.id, days_in_step_sql(TODAY)).where(
        JourneyStep.journey_id.in_(by_id))).all())
    assert days == {s.id: days_in_step(s, TODAY) for s in steps}


def test_steps_running_beside_each_other_are_overdue_once_at_the_main_step(db, personas):
    """A trial beside the UWV advice, with the day activities kept: all three overdue by their
    own numbers, but the caseload and the team count only the main step (the newest started
    one that is not the day-activity phase), in Python and in SQL alike."""
    journey = Journey(candidate_id=personas.other_candidate, started_on=TODAY - timedelta(days=99))
    db.add(journey)
    db.flush()
    phase, advice, trial = (
        JourneyStep(journey_id=journey.id, position=1, key="day-activities", pictogram="hybrid",
                    kind=StepKind.day_activities, state=StepState.current,
                    expected_duration_days=1, actual_start=TODAY - timedelta(days=60)),
        JourneyStep(journey_id=journey.id, position=2, key="uwv-advice", pictogram="application",
                    kind=StepKind.waiting, state=StepState.current, expected_duration_days=7,
                    actual_start=TODAY - timedelta(days=40)),
        JourneyStep(journey_id=journey.id, position=3, key="trial", pictogram="trial",
                    kind=StepKind.trial, state=StepState.current, expected_duration_days=7,
                    actual_start=TODAY - timedelta(days=20)),
    )
    db.add_all([phase, advice, trial])
    db.flush()
    main = current_step([phase, advice, trial])
    assert main is trial
    assert [s.key for s in current_steps([phase, advice, trial])] == [
        "trial", "uwv-advice", "day-activities"]
    in_sql = set(db.scalars(
        select(JourneyStep.id).join(Journey, Journey.id == JourneyStep.journey_id)
        .where(Journey.id == journey.id, overdue_sql(TODAY))))
    assert in_sql == {trial.id} and is_overdue(main, journey, TODAY)


def test_days_in_step_is_never_negative():
    step = JourneyStep(journey_id=1, position=1, key="s", pictogram="plan",
                       state=StepState.current, actual_start=TODAY + timedelta(days=28))
    assert days_in_step(step, TODAY) == 0
