"""Journey services: a candidate's steps, read through the policies; started from a template."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile, FileArea
from app.clock import local_today
from app.errors import NotFound
from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState
from app.route_templates.models import StepKind, StepTemplate, total_duration_days


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


def may_run_beside(step: JourneyStep, other: JourneyStep) -> bool:
    """Whether the two steps may be current at the same time (the route says so either way)."""
    return other.key in (step.runs_beside or []) or step.key in (other.runs_beside or [])


def current_steps(steps: list[JourneyStep]) -> list[JourneyStep]:
    """Every current step, the main one first: the most recently started step that is not the
    day-activity phase, then the other work steps (newest first), the phase last."""
    current = [s for s in steps if s.state is StepState.current]
    return sorted(current, key=lambda s: (
        s.kind is StepKind.day_activities,
        -(s.actual_start.toordinal() if s.actual_start else 0), -s.position))


def current_step(steps: list[JourneyStep]) -> JourneyStep | None:
    """The main current step: the most recently started current step that is not the
    day-activity phase; the phase only when nothing else is current."""
    current = current_steps(steps)
    return current[0] if current else None


def start_from_template(
    session: Session, *, candidate_id: int, route_template_id: int,
    step_templates: list[StepTemplate], started_on: date, current_position: int = 1,
    earlier: list[JourneyStep] | None = None,
) -> tuple[Journey, list[JourneyStep]]:
    """Copy a route template into a new journey; the step at `current_position` is current,
    and so is every earlier step that may run beside it (the day-activity phase, the UWV
    advice beside a trial). Dates never lie: nothing starts or ends after today.

    Steps before that point are planned back-to-back from `started_on`. A restart passes the
    old journey's steps as `earlier`: a step done there is carried over with its real dates;
    any other earlier step is skipped. Without `earlier` (a journey taken on midway) an earlier
    step is done on its planned dates when those have passed, and done without dates (done
    earlier, date unknown) when they would lie in the future."""
    today = local_today()
    journey = Journey(candidate_id=candidate_id, route_template_id=route_template_id,
                      status=JourneyStatus.active, started_on=min(started_on, today))
    session.add(journey)
    session.flush()
    steps = []
    previous_start = started_on
    # The return step is the way back, not a step ahead: it is used when work does not work out.
    forward = [t for t in step_templates if t.kind is not StepKind.return_]
    current_template = forward[current_position - 1] if current_position <= len(forward) else None
    done_before = {s.key: s for s in earlier or [] if s.state is StepState.done}
    latest_end, previous = started_on, None
    for position, template in enumerate(forward, start=1):
        # A step that may run beside the one before it is planned to start with it.
        if previous is not None and template.kind is not StepKind.day_activities and (
                previous.key in (template.runs_beside or [])
                or template.key in (previous.runs_beside or [])):
            day = previous_start
        else:
            day = latest_end
        end = day + timedelta(days=template.default_duration_days)
        beside = current_template is not None and (
            current_template.key in (template.runs_beside or [])
            or template.key in (current_template.runs_beside or []))
        if position < current_position and beside:
            state, actual_start, actual_end = StepState.current, min(day, today), None
        elif position < current_position and earlier is not None:
            old = done_before.get(template.key)
            if old is not None:
                state, actual_start, actual_end = StepState.done, old.actual_start, old.actual_end
            else:
                state, actual_start, actual_end = StepState.skipped, None, None
        elif position < current_position:
            passed = end <= today
            state = StepState.done
            actual_start, actual_end = (day, end) if passed else (None, None)
        elif position == current_position:
            state, actual_start, actual_end = StepState.current, min(day, today), None
        else:
            state, actual_start, actual_end = StepState.todo, None, None
        step = JourneyStep(
            journey_id=journey.id, position=position, step_template_id=template.id,
            key=template.key, pictogram=template.pictogram, kind=template.kind, state=state,
            planned_start=day, planned_end=end, actual_start=actual_start, actual_end=actual_end,
            expected_duration_days=template.default_duration_days,
            trial_weeks=template.trial_weeks, hybrid_split=template.hybrid_split,
            runs_beside=list(template.runs_beside or []), texts=template.texts,
        )
        session.add(step)
        steps.append(step)
        # The day-activity phase runs beside the others: it takes no time of its own.
        if template.kind is not StepKind.day_activities:
            latest_end, previous, previous_start = max(latest_end, end), template, day
    session.flush()
    return journey, steps


def expected_total_days(steps: list[JourneyStep]) -> int:
    """How long this journey's switch takes as planned, overlapping steps counted once."""
    return total_duration_days([(s.key, s.kind, s.expected_duration_days, s.runs_beside or [])
                                for s in sorted(steps, key=lambda s: s.position)])


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
