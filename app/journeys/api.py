"""JSON endpoints for journeys."""

from __future__ import annotations

from datetime import date

from fastapi import Response, status
from pydantic import BaseModel

from app.access import open_file
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep
from app.journeys import changes, service
from app.journeys.schemas import (
    JourneyPublic,
    JourneyStart,
    JourneyStepPublic,
    StepCreate,
    StepMove,
    StepOrder,
    StepUpdate,
    WayBackCreate,
)
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["journeys"])


@router.get("/candidates/{candidate_id}/journey", name="api.journeys:read",
            response_model=JourneyPublic)
def read_journey(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                 response: Response):
    """The candidate's journey: every step with its state, dates and texts per language."""
    journey, steps = service.get_journey(session, open_file(session, actor, candidate_id))
    set_etag(response, journey.version)
    return journey_public(journey, steps, session)


@router.get("/candidates/{candidate_id}/journey/steps/{step_id}", name="api.journeys:step",
            response_model=JourneyStepPublic)
def read_step(candidate_id: RecordId, step_id: RecordId, actor: CurrentActor, session: SessionDep,
              response: Response):
    """One step: what happens, what you do, what to bring, who is there."""
    step = service.get_step(session, open_file(session, actor, candidate_id), step_id)
    set_etag(response, step.version)
    return JourneyStepPublic.model_validate(step, from_attributes=True)


def journey_public(journey, steps, session) -> JourneyPublic:
    return JourneyPublic(
        id=journey.id, candidate_id=journey.candidate_id,
        route_template_id=journey.route_template_id, status=journey.status,
        started_on=journey.started_on, version=journey.version,
        current_step_ids=[s.id for s in service.current_steps(steps)],
        expected_total_days=service.expected_total_days(steps),
        way_back_choices=changes.way_back_choices(session, journey),
        steps=[JourneyStepPublic.model_validate(s, from_attributes=True) for s in steps],
    )


STALE = {412: {"description": "Stale version"}, 428: {"description": "If-Match missing"}}


@router.post("/candidates/{candidate_id}/journey", name="api.journeys:start",
             response_model=JourneyPublic, status_code=status.HTTP_201_CREATED,
             responses={409: {"description": "A journey is running already"}})
def start_journey(candidate_id: RecordId, body: JourneyStart, actor: CurrentActor,
                  session: SessionDep, response: Response):
    """Start the candidate's journey from one of your organisation's routes."""
    journey, steps = changes.start_journey(session, actor, candidate_id, body)
    set_etag(response, journey.version)
    return journey_public(journey, steps, session)


@router.patch("/candidates/{candidate_id}/journey/steps/{step_id}",
              name="api.journeys:update_step", response_model=JourneyStepPublic, responses=STALE)
def update_step(candidate_id: RecordId, step_id: RecordId, body: StepUpdate, actor: CurrentActor,
                session: SessionDep, response: Response,
                if_match: IfMatch):
    """Change a step (state, dates, texts, trial, week split); send its version in If-Match."""
    step = changes.update_step(session, actor, candidate_id, step_id, body,
                               if_match)
    set_etag(response, step.version)
    return JourneyStepPublic.model_validate(step, from_attributes=True)


@router.post("/candidates/{candidate_id}/journey/steps", name="api.journeys:add_step",
             response_model=JourneyStepPublic, status_code=status.HTTP_201_CREATED,
             responses={409: {"description": "No journey running"}})
def add_step(candidate_id: RecordId, body: StepCreate, actor: CurrentActor, session: SessionDep):
    """Add a custom step, or turn an action of the money overview into a step."""
    return JourneyStepPublic.model_validate(
        changes.add_step(session, actor, candidate_id, body), from_attributes=True)


@router.delete("/candidates/{candidate_id}/journey/steps/{step_id}",
               name="api.journeys:remove_step", status_code=status.HTTP_204_NO_CONTENT,
               responses=STALE)
def remove_step(candidate_id: RecordId, step_id: RecordId, actor: CurrentActor, session: SessionDep,
                if_match: IfMatch) -> Response:
    """Remove a step that is still to do."""
    changes.remove_step(session, actor, candidate_id, step_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/candidates/{candidate_id}/journey/order", name="api.journeys:reorder",
            response_model=JourneyPublic, responses=STALE)
def reorder(candidate_id: RecordId, body: StepOrder, actor: CurrentActor, session: SessionDep,
            response: Response, if_match: IfMatch):
    """Put the steps in this order; send the journey's version in If-Match."""
    journey = changes.reorder_steps(session, actor, candidate_id, body, if_match)
    set_etag(response, journey.version)
    file = open_file(session, actor, candidate_id)
    return journey_public(journey, service.list_steps(session, file, journey), session)


@router.post("/candidates/{candidate_id}/journey/steps/{step_id}/move",
             name="api.journeys:move_step", response_model=JourneyPublic,
             responses={**STALE, 409: {"description": "No journey running"}})
def move_step(candidate_id: RecordId, step_id: RecordId, body: StepMove, actor: CurrentActor,
              session: SessionDep, response: Response,
              if_match: IfMatch):
    """Move one step a place up or down; send the journey's version in If-Match."""
    journey = changes.move_step(session, actor, candidate_id, step_id, body,
                                if_match)
    set_etag(response, journey.version)
    file = open_file(session, actor, candidate_id)
    return journey_public(journey, service.list_steps(session, file, journey), session)


class WayBackPublic(BaseModel):
    kind: str
    reason: str
    starts_on: date
    journey: JourneyPublic
    placement_attempt: int


@router.post("/candidates/{candidate_id}/way-back", name="api.journeys:way_back",
             response_model=WayBackPublic, status_code=status.HTTP_201_CREATED,
             responses={409: {"description": "No journey running, or another placement "
                                             "beyond the organisation's limit "
                                             "(`placement_limit_reached`)"},
                        422: {"description": "A choice the route does not offer "
                                             "(`not_offered`) or a date in the future"}})
def way_back(candidate_id: RecordId, body: WayBackCreate, actor: CurrentActor, session: SessionDep):
    """Work does not work out: record one of the route's way-back choices (`way_back_choices`
    on the journey): a pause, a return to day activities (to the place in the guarantee), a
    secondment keeping the salary, another placement (up to the organisation's limit) or
    another provision; the candidate sees in plain words what happens now."""
    event, journey = changes.invoke_way_back(session, actor, candidate_id, body)
    file = open_file(session, actor, candidate_id)
    steps = service.list_steps(session, file, journey)
    return WayBackPublic(kind=event.kind.value, reason=event.reason.value,
                         starts_on=event.starts_on, journey=journey_public(journey, steps, session),
                         placement_attempt=changes.placement_attempts(session, file))
