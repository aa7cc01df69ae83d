"""JSON endpoints for money: the public calculator and the money part of a candidate's file."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from decimal import Decimal
from typing import Annotated

from fastapi import Query, Request, Response
from pydantic import BaseModel

from app.access import FileArea, open_file
from app.auth.rate_limit import client_key, count_request
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep, client_address
from app.guarantees.views import income_on_return
from app.money import service
from app.money.engine import Outcome, calculate
from app.money.inputs import BenefitsOfficeInformedCreate, MoneyInputsPublic, MoneyInputsUpdate
from app.money.schemas import CalculationRequest, CalculationResult, to_result
from app.money.texts import action_text
from app.money.views import personal_actions
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["money"])
CALCULATIONS_PER_MINUTE = 60


def translated_result(outcome: Outcome) -> CalculationResult:
    """The API response, with each action's and note's text in the caller's language."""
    result = to_result(outcome)
    for out, action in zip(result.actions, outcome.actions, strict=True):
        out.text = action_text(action)
    for out, note in zip(result.notes, outcome.notes, strict=True):
        out.text = action_text(note)
    return result


@router.post("/money/calculate", name="api.money:calculate", response_model=CalculationResult,
             responses={429: {"description": "Too many calculations from this address"}})
def calculate_outcome(body: CalculationRequest, request: Request, session: SessionDep):
    """The salary-versus-benefit calculator for anyone: no sign-in, nothing stored about the
    household (only a per-address counter, to limit abuse)."""
    count_request(session, "calc:" + client_key(client_address(request)),
                  limit=CALCULATIONS_PER_MINUTE, window=timedelta(minutes=1))
    situation, work = body.to_engine()
    return translated_result(calculate(situation, work))


class IncomeOnReturnPublic(BaseModel):
    """What happens to income when work stops: read from the guarantee in force."""

    kind: str  # restart_without_application, new_application, salary_kept, not_arranged, not_shared
    expected_gap_weeks: int | None
    text: str


class PersonalActionPublic(BaseModel):
    code: str
    text: str
    who: str
    when: str
    amount: str = ""


class MoneyOverviewPublic(BaseModel):
    inputs: MoneyInputsPublic | None
    hours: Decimal | None
    result: CalculationResult | None
    # Where hours, start date and wage come from: inputs, contract (records), tried or none.
    sources: dict[str, str] | None = None
    income_on_return: IncomeOnReturnPublic
    personal_actions: list[PersonalActionPublic] = []


@router.get("/candidates/{candidate_id}/money", name="api.money:overview",
            response_model=MoneyOverviewPublic)
def read_money(candidate_id: RecordId, actor: CurrentActor, session: SessionDep, response: Response,
               hours: Annotated[Decimal | None, Query(ge=0, le=40, multiple_of=0.5)] = None):
    """The candidate's money: the stored inputs and the outcome now versus with work,
    recomputed from today's parameters; `hours` tries another number of hours."""
    file = open_file(session, actor, candidate_id)
    overview = service.get_overview(session, file, hours=hours)
    set_etag(response, overview.inputs.number if overview.inputs else 0)
    way_back = income_on_return(session, file, FileArea.money)
    return MoneyOverviewPublic(
        income_on_return=IncomeOnReturnPublic(**asdict(way_back)),
        personal_actions=[PersonalActionPublic(**asdict(item)) for item in personal_actions(
            overview.outcome, overview.inputs, way_back)] if overview.outcome else [],
        inputs=service.inputs_public_dict(overview.inputs) if overview.inputs else None,
        hours=overview.hours,
        result=translated_result(overview.outcome) if overview.outcome else None,
        sources=overview.sources,
    )


@router.put("/candidates/{candidate_id}/money/inputs", name="api.money:save_inputs",
            response_model=MoneyInputsPublic,
            responses={412: {"description": "Stale version"},
                       428: {"description": "If-Match missing"}})
def save_inputs(candidate_id: RecordId, body: MoneyInputsUpdate, actor: CurrentActor,
                session: SessionDep, response: Response,
                if_match: IfMatch):
    """Store a new version of the money inputs (If-Match: the version you edited, "0" for the
    first); leave out benefits_office_informed_on to keep the day recorded. Consultants only."""
    inputs = service.save_inputs(session, actor, candidate_id, body, if_match)
    set_etag(response, inputs.number)
    return service.inputs_public_dict(inputs)


@router.post("/candidates/{candidate_id}/money/benefits-office-informed",
             name="api.money:informed", response_model=MoneyInputsPublic,
             responses={412: {"description": "Stale version"},
                        428: {"description": "If-Match missing"}})
def benefits_office_informed(candidate_id: RecordId, body: BenefitsOfficeInformedCreate,
                             actor: CurrentActor, session: SessionDep, response: Response,
                             if_match: IfMatch):
    """Record the day you told the benefits office about the work (prevents the repayment
    letter); send the inputs version in If-Match."""
    inputs = service.record_benefits_office_informed(session, actor, candidate_id, body,
                                                     if_match)
    set_etag(response, inputs.number)
    return service.inputs_public_dict(inputs)
