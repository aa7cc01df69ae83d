"""JSON endpoints for a candidate's records: list (all or one kind), one with its history,
create, and a new version with If-Match."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Query, Response, status

from app.access import open_file
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep
from app.path_ids import RecordId
from app.records import service, views
from app.records.models import RecordKind
from app.records.schemas import RecordPublic
from app.route_table import APIRouter

router = APIRouter(tags=["records"])

RecordBody = Annotated[dict[str, Any], Body(
    description="The record's fields, with `kind` saying which: uwv_advice, decision, contract, "
                "trial, wage_value, screening, plan_goals, ladder_rung, evaluation, hours_plan, "
                "first_salary",
    examples=[{"kind": "contract", "employer_name": "Groenwerk", "hours_per_week": "28",
               "wage_basis": "hourly", "wage_cents": 1500, "starts_on": "2027-01-01",
               "ends_on": "2027-12-31"}])]


@router.get("/candidates/{candidate_id}/records", name="api.records:list",
            response_model=list[RecordPublic])
def list_records(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                 kind: Annotated[RecordKind | None, Query()] = None):
    """The newest version of every record (or of one kind), newest date first. Wage amounts
    only for those who may see the money."""
    file = open_file(session, actor, candidate_id)
    return [views.to_public(file, view) for view in views.list_views(session, file, kind)]


@router.get("/candidates/{candidate_id}/records/{record_id}", name="api.records:read",
            response_model=RecordPublic)
def read_record(candidate_id: RecordId, record_id: RecordId, actor: CurrentActor,
                session: SessionDep, response: Response):
    """One record with every earlier version; the ETag is the version to send in If-Match."""
    file = open_file(session, actor, candidate_id)
    versions = service.get_record(session, file, record_id)
    set_etag(response, versions[0].number)
    return views.to_public(file, views.record_view(session, file, versions[0]), versions)


@router.post("/candidates/{candidate_id}/records", name="api.records:create",
             response_model=RecordPublic, status_code=status.HTTP_201_CREATED,
             responses={422: {"description": "Not valid; nothing stored"}})
def create_record(candidate_id: RecordId, body: RecordBody, actor: CurrentActor,
                  session: SessionDep, response: Response):
    """A new record (version 1). The candidate's consultants only."""
    record = service.save_record(session, actor, candidate_id, body)
    set_etag(response, record.number)
    file = open_file(session, actor, candidate_id)
    return views.to_public(file, views.record_view(session, file, record))


@router.put("/candidates/{candidate_id}/records/{record_id}", name="api.records:replace",
            response_model=RecordPublic,
            responses={412: {"description": "Stale version"},
                       428: {"description": "If-Match missing"},
                       422: {"description": "Not valid; nothing stored"}})
def replace_record(candidate_id: RecordId, record_id: RecordId, body: RecordBody,
                   actor: CurrentActor, session: SessionDep, response: Response,
                   if_match: IfMatch):
    """A new version of the record (send the version you edited in If-Match); the earlier
    versions stay."""
    record = service.save_record(session, actor, candidate_id, body, record_no=record_id,
                                 expected_version=if_match)
    set_etag(response, record.number)
    file = open_file(session, actor, candidate_id)
    return views.to_public(file, views.record_view(session, file, record))
