"""Journey services: a candidate's steps, read through the policies; started from a template."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile, FileArea
from app.errors import NotFound
from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState
from app.route_templates.models import StepKind, StepTemplate


def find_journey(session: Session, file: CandidateFile) -> Journey | None:
    """The candidate's newest journey (a return after a failed placement starts a new one).
    Raises NotFound when the actor may not see the steps."""
    file.require(FileArea.steps)
    return session.scalar(
        select(Journey).where(Journey.candidate_id == file.candidate_id)
        .order_by(Journey.started_on.desc(), Journey.id.desc()).limit(1)
    )


def list_steps(session: Session, file: CandidateFile, journey: Journey) -> list[JourneyStep]:
    """The steps of one of the candidate's journeys, in order. Raises NotFound when the actor
    may not see the steps or the journey is someone else's."""
    file.require(FileArea.steps)
    if journey.candidate_id != file.candidate_id:
        raise NotFound()
    return list(session.scalars(
        select(JourneyStep).where(JourneyStep.journey_id == journey.id)
        .order_by(JourneyStep.position)
    ))


def get_journey(session: Session, file: CandidateFile) -> tuple[Journey, list[JourneyStep]]:
    """The candidate's journey with its ordered steps. Raises NotFound when the actor may not
    see the candidate's steps or there is no journey yet."""
    journey = find_journey(session, file)
    if journey is None:
        raise NotFound()
    return journey, list_steps(session, file, journey)


def current_step(steps: list[JourneyStep]) -> JourneyStep | None:
    return next((s for s in steps if s.state is StepState.current), None)


def start_from_template(
    session: Session, *, candidate_id: int, route_template_id: int,
    step_templates: list[StepTemplate], started_on: date, current_position: int = 1,
) -> tuple[Journey, list[JourneyStep]]:
    """Copy a route template into a new journey. Steps before `current_position` are done on
    dates planned back-to-back from `started_on`; that step is current; the rest are to do."""
    journey = Journey(candidate_id=candidate_id, route_template_id=route_template_id,
                      status=JourneyStatus.active, started_on=started_on)
    session.add(journey)
    session.flush()
    steps = []
    day = started_on
    # The return step is the way back, not a step ahead: it is used when work does not work out.
    forward = [t for t in step_templates if t.kind is not StepKind.return_]
    for position, template in enumerate(forward, start=1):
        end = day + timedelta(days=template.default_duration_days)
        if position < current_position:
            state, actual_start, actual_end = StepState.done, day, end
        elif position == current_position:
            state, actual_start, actual_end = StepState.current, day, None
        else:
            state, actual_start, actual_end = StepState.todo, None, None
        step = JourneyStep(
            journey_id=journey.id, position=position, step_template_id=template.id,
            key=template.key, pictogram=template.pictogram, kind=template.kind, state=state,
            planned_start=day, planned_end=end, actual_start=actual_start, actual_end=actual_end,
            expected_duration_days=template.default_duration_days,
            trial_weeks=template.trial_weeks, hybrid_split=template.hybrid_split,
            texts=template.texts,
        )
        session.add(step)
        steps.append(step)
        day = end
    session.flush()
    return journey, steps


def get_step(session: Session, file: CandidateFile, step_id: int) -> JourneyStep:
    """One step of the candidate's newest journey. Raises NotFound."""
    journey = find_journey(session, file)
    if journey is None:
        raise NotFound()
    step = session.get(JourneyStep, step_id)
    if step is None or step.journey_id != journey.id:
        raise NotFound()
    return step


def trial_week(step: JourneyStep, today: date) -> tuple[int, int] | None:
    """(week now, weeks in all) of a current trial placement, e.g. (3, 8)."""
    if step.kind is not StepKind.trial or not step.trial_weeks or step.actual_start is None:
        return None
    week = (today - step.actual_start).days // 7 + 1
    return max(1, min(week, step.trial_weeks)), step.trial_weeks
