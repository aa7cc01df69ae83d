"""JSON endpoints for staff: the organisation's employers and their contact people, and a
candidate's placements with the consent record and the milestones."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Response, status

from app.access import FileArea, open_file
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep, StaffActor
from app.employers import service
from app.employers.models import Employer, PlacementMilestone
from app.employers.schemas import (
    ConsentIn,
    ConsentPublic,
    EmployerContactCreate,
    EmployerContactPublic,
    EmployerContactUpdate,
    EmployerCreate,
    EmployerPublic,
    EmployerUpdate,
    MilestoneComplete,
    MilestoneCreate,
    MilestonePublic,
    MilestoneUpdate,
    PersonRef,
    PlacementCreate,
    PlacementEnd,
    PlacementPublic,
    PlacementUpdate,
    StepRef,
)
from app.i18n import localized
from app.input_types import Line
from app.pagination import Page, PageParams, page_params
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["employers"])
STALE = {412: {"description": "Stale version"}, 428: {"description": "If-Match missing"}}


def contact_public(found: service.ContactPerson) -> EmployerContactPublic:
    person = found.person
    return EmployerContactPublic(
        id=found.contact.id, person_id=person.id, display_name=person.display_name,
        job_title=person.job_title or "", email=person.email, phone=person.phone or "",
        version=person.version)


def employer_public(employer: Employer,
                    contacts: list[service.ContactPerson]) -> EmployerPublic:
    return EmployerPublic(
        id=employer.id, name=employer.name, kind=employer.kind,
        street_address=employer.street_address, postcode=employer.postcode, city=employer.city,
        contacts=[contact_public(c) for c in contacts], version=employer.version)


def milestone_public(milestone: PlacementMilestone, wage_value: bool = True) -> MilestonePublic:
    """`wage_value`: whether the reader sees the measured wage value (it sets the pay: only
    with the money area)."""
    return MilestonePublic(
        id=milestone.id, kind=milestone.kind, due_on=milestone.due_on,
        done_on=milestone.done_on, employer_task=milestone.employer_task,
        wage_value_percent=milestone.wage_value_percent if wage_value else None,
        note=milestone.note,
        version=milestone.version)


def _step_ref(step) -> StepRef | None:
    if step is None:
        return None
    return StepRef(id=step.id, kind=step.kind, state=step.state,
                   title=localized(step.texts, "title"))


def placement_public(view: service.PlacementView, wage_value: bool = True) -> PlacementPublic:
    placement = view.placement
    return PlacementPublic(
        id=placement.id, candidate_id=placement.candidate_id,
        employer=PersonRef(id=view.employer.id, display_name=view.employer.name),
        supervisor=PersonRef(id=view.supervisor.id, display_name=view.supervisor.display_name)
        if view.supervisor else None,
        workplace=placement.workplace, starts_on=placement.starts_on,
        ends_on=placement.ends_on, journey_id=placement.journey_id,
        trial_step=_step_ref(view.trial_step), contract_step=_step_ref(view.contract_step),
        consent=ConsentPublic(
            given=view.consent_given,
            by=PersonRef(id=view.consent_by.id, display_name=view.consent_by.display_name)
            if view.consent_by else None,
            method=placement.consent_method, at=placement.consent_at,
            withdrawn_at=placement.consent_withdrawn_at),
        ended_at=placement.ended_at,
        milestones=[milestone_public(m, wage_value) for m in view.milestones],
        version=placement.version)


# --- employers ---------------------------------------------------------------------------------


@router.get("/employers", name="api.employers:list", response_model=Page[EmployerPublic])
def list_employers(actor: StaffActor, session: SessionDep,
                   page: Annotated[PageParams, Depends(page_params)],
                   search: Annotated[Line | None, Query(max_length=100)] = None):
    """Your organisation's employers by name, each with its contact people."""
    employers, total = service.list_employers(session, actor, search=search, limit=page.limit,
                                              offset=page.offset)
    contacts = service.contacts_by_employer(session, employers)
    return Page[EmployerPublic](items=[employer_public(e, contacts[e.id]) for e in employers],
                                total=total, limit=page.limit, offset=page.offset)


@router.post("/employers", name="api.employers:create", response_model=EmployerPublic,
             status_code=status.HTTP_201_CREATED)
def create_employer(body: EmployerCreate, actor: StaffActor, session: SessionDep,
                    response: Response):
    """Add an employer your organisation works with."""
    employer = service.create_employer(session, actor, body)
    set_etag(response, employer.version)
    return employer_public(employer, [])


@router.get("/employers/{employer_id}", name="api.employers:read", response_model=EmployerPublic)
def read_employer(employer_id: RecordId, actor: StaffActor, session: SessionDep,
                  response: Response):
    """One employer with its contact people."""
    employer = service.get_employer(session, actor, employer_id)
    set_etag(response, employer.version)
    return employer_public(employer, service.list_contacts(session, employer))


@router.patch("/employers/{employer_id}", name="api.employers:update",
              response_model=EmployerPublic, responses=STALE)
def update_employer(employer_id: RecordId, body: EmployerUpdate, actor: StaffActor,
                    session: SessionDep, response: Response, if_match: IfMatch):
    """Change an employer's name, kind or address (send its version in If-Match)."""
    employer = service.update_employer(session, actor, employer_id, body, if_match)
    set_etag(response, employer.version)
    return employer_public(employer, service.list_contacts(session, employer))


@router.post("/employers/{employer_id}/contacts", name="api.employers:add_contact",
             response_model=EmployerContactPublic, status_code=status.HTTP_201_CREATED,
             responses={409: {"description": "The e-mail address is already in use"}})
def add_contact(employer_id: RecordId, body: EmployerContactCreate, actor: StaffActor,
                session: SessionDep, response: Response):
    """Add a person of the employer (a manager or workplace supervisor); they sign in later,
    by an invite."""
    found = service.add_contact(session, actor, employer_id, body)
    set_etag(response, found.person.version)
    return contact_public(found)


@router.patch("/employers/{employer_id}/contacts/{contact_id}",
              name="api.employers:update_contact", response_model=EmployerContactPublic,
              responses=STALE)
def update_contact(employer_id: RecordId, contact_id: RecordId, body: EmployerContactUpdate,
                   actor: StaffActor, session: SessionDep, response: Response,
                   if_match: IfMatch):
    """Change a contact person's name, job title, e-mail or phone (their version in
    If-Match)."""
    found = service.update_contact(session, actor, employer_id, contact_id, body, if_match)
    set_etag(response, found.person.version)
    return contact_public(found)


@router.delete("/employers/{employer_id}/contacts/{contact_id}",
               name="api.employers:remove_contact", status_code=status.HTTP_204_NO_CONTENT,
               responses={409: {"description": "They supervise a running placement"}})
def remove_contact(employer_id: RecordId, contact_id: RecordId, actor: StaffActor,
                   session: SessionDep) -> Response:
    """Remove a person who left the employer: their account stops at once."""
    service.remove_contact(session, actor, employer_id, contact_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- placements --------------------------------------------------------------------------------


@router.get("/candidates/{candidate_id}/placements", name="api.placements:list",
            response_model=Page[PlacementPublic])
def list_placements(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                    page: Annotated[PageParams, Depends(page_params)]):
    """The candidate's workplaces: running first, each with its milestones."""
    file = open_file(session, actor, candidate_id)
    views, total = service.list_placements(session, file, limit=page.limit, offset=page.offset)
    wage_value = file.may(FileArea.money)
    return Page[PlacementPublic](items=[placement_public(v, wage_value) for v in views],
                                 total=total, limit=page.limit, offset=page.offset)


@router.post("/candidates/{candidate_id}/placements", name="api.placements:create",
             response_model=PlacementPublic, status_code=status.HTTP_201_CREATED)
def create_placement(candidate_id: RecordId, body: PlacementCreate, actor: CurrentActor,
                     session: SessionDep, response: Response):
    """Place the candidate at an employer; the organisation's usual milestones (wage value,
    end of the flat-rate subsidy, support allowance) follow from the linked steps' dates."""
    placement = service.create_placement(session, actor, candidate_id, body)
    return _answer(session, response, placement)


@router.get("/candidates/{candidate_id}/placements/{placement_id}", name="api.placements:read",
            response_model=PlacementPublic)
def read_placement(candidate_id: RecordId, placement_id: RecordId, actor: CurrentActor,
                   session: SessionDep, response: Response):
    """One placement: employer, supervisor, steps, consent and milestones."""
    file = open_file(session, actor, candidate_id)
    view = service.get_placement(session, file, placement_id)
    set_etag(response, view.placement.version)
    return placement_public(view, file.may(FileArea.money))


@router.patch("/candidates/{candidate_id}/placements/{placement_id}",
              name="api.placements:update", response_model=PlacementPublic, responses=STALE)
def update_placement(candidate_id: RecordId, placement_id: RecordId, body: PlacementUpdate,
                     actor: CurrentActor, session: SessionDep, response: Response,
                     if_match: IfMatch):
    """Change the supervisor, workplace, dates or linked steps (its version in If-Match)."""
    placement = service.update_placement(session, actor, candidate_id, placement_id, body,
                                         if_match)
    return _answer(session, response, placement)


@router.post("/candidates/{candidate_id}/placements/{placement_id}/consent",
             name="api.placements:consent", response_model=PlacementPublic, responses=STALE)
def record_consent(candidate_id: RecordId, placement_id: RecordId, body: ConsentIn,
                   actor: CurrentActor, session: SessionDep, response: Response,
                   if_match: IfMatch):
    """Record who agreed that the employer sees this placement, how and when."""
    placement = service.record_consent(session, actor, candidate_id, placement_id, body,
                                       if_match)
    return _answer(session, response, placement)


@router.post("/candidates/{candidate_id}/placements/{placement_id}/consent/withdraw",
             name="api.placements:withdraw_consent", response_model=PlacementPublic)
def withdraw_consent(candidate_id: RecordId, placement_id: RecordId, actor: CurrentActor,
                     session: SessionDep, response: Response):
    """The candidate withdrew consent: the employer sees the placement no longer, at once."""
    placement = service.withdraw_consent(session, actor, candidate_id, placement_id)
    return _answer(session, response, placement)


@router.post("/candidates/{candidate_id}/placements/{placement_id}/end",
             name="api.placements:end", response_model=PlacementPublic, responses=STALE)
def end_placement(candidate_id: RecordId, placement_id: RecordId, body: PlacementEnd,
                  actor: CurrentActor, session: SessionDep, response: Response,
                  if_match: IfMatch):
    """End the placement (its last day: today unless given)."""
    placement = service.end_placement(session, actor, candidate_id, placement_id, body,
                                      if_match)
    return _answer(session, response, placement)


# --- milestones --------------------------------------------------------------------------------


@router.post("/candidates/{candidate_id}/placements/{placement_id}/milestones",
             name="api.placements:add_milestone", response_model=MilestonePublic,
             status_code=status.HTTP_201_CREATED)
def add_milestone(candidate_id: RecordId, placement_id: RecordId, body: MilestoneCreate,
                  actor: CurrentActor, session: SessionDep, response: Response):
    """Add a dated milestone (a wage-value measurement, the support allowance, …)."""
    milestone = service.add_milestone(session, actor, candidate_id, placement_id, body)
    set_etag(response, milestone.version)
    return milestone_public(milestone)


@router.patch("/candidates/{candidate_id}/placements/{placement_id}/milestones/{milestone_id}",
              name="api.placements:update_milestone", response_model=MilestonePublic,
              responses=STALE)
def update_milestone(candidate_id: RecordId, placement_id: RecordId, milestone_id: RecordId,
                     body: MilestoneUpdate, actor: CurrentActor, session: SessionDep,
                     response: Response, if_match: IfMatch):
    """Change a milestone's kind, date, employer task or note (its version in If-Match)."""
    milestone = service.update_milestone(session, actor, candidate_id, placement_id,
                                         milestone_id, body, if_match)
    set_etag(response, milestone.version)
    return milestone_public(milestone)


@router.post(
    "/candidates/{candidate_id}/placements/{placement_id}/milestones/{milestone_id}/complete",
    name="api.placements:complete_milestone", response_model=MilestonePublic, responses=STALE)
def complete_milestone(candidate_id: RecordId, placement_id: RecordId, milestone_id: RecordId,
                       body: MilestoneComplete, actor: CurrentActor, session: SessionDep,
                       response: Response, if_match: IfMatch):
    """Mark a milestone done, with the measured wage value for a wage-value milestone."""
    milestone = service.complete_milestone(session, actor, candidate_id, placement_id,
                                           milestone_id, body, if_match)
    set_etag(response, milestone.version)
    return milestone_public(milestone)


@router.delete("/candidates/{candidate_id}/placements/{placement_id}/milestones/{milestone_id}",
               name="api.placements:delete_milestone", status_code=status.HTTP_204_NO_CONTENT,
               responses=STALE)
def delete_milestone(candidate_id: RecordId, placement_id: RecordId, milestone_id: RecordId,
                     actor: CurrentActor, session: SessionDep, if_match: IfMatch) -> Response:
    """Remove a milestone (its version in If-Match)."""
    service.delete_milestone(session, actor, candidate_id, placement_id, milestone_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _answer(session, response: Response, placement) -> PlacementPublic:
    """A placement as the API returns it after a read or write, with its version as ETag."""
    set_etag(response, placement.version)
    return placement_public(service.view_of(session, placement))
