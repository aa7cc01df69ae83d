"""JSON endpoints for candidates: the list the actor may see, one file, and enrolling a phone."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, status

from app.access import FileArea, open_file
from app.access.policies import list_shows_profile
from app.auth.links import invite_public
from app.auth.schemas import InvitePublic
from app.candidates import service
from app.candidates.schemas import CandidateCreate, CandidateListItem, CandidatePublic
from app.deps import ConsultantActor, CurrentActor, SessionDep, SettingsDep
from app.onboarding import service as onboarding
from app.pagination import Page, PageParams, page_params
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["candidates"])


@router.get("/candidates", name="api.candidates:list", response_model=Page[CandidateListItem])
def list_candidates(actor: CurrentActor, session: SessionDep,
                    page: Annotated[PageParams, Depends(page_params)]):
    """The candidates you may see: your caseload, yourself, or whom you look along with."""
    people, total = service.list_candidates(session, actor, limit=page.limit, offset=page.offset)
    profile = list_shows_profile(actor)
    return Page[CandidateListItem](
        items=[CandidateListItem(id=p.id, display_name=p.display_name,
                                 day_activity_provider=p.day_activity_provider if profile
                                 else None) for p in people],
        total=total, limit=page.limit, offset=page.offset,
    )


@router.get("/candidates/{candidate_id}", name="api.candidates:read",
            response_model=CandidatePublic)
def read_candidate(candidate_id: RecordId, actor: CurrentActor, session: SessionDep):
    """One candidate's profile, with the parts of the file you may see."""
    file = open_file(session, actor, candidate_id).require(FileArea.profile)
    candidate, areas = file.candidate, file.areas
    # Network members see the name only; contact details stay with the candidate and staff.
    private = actor.role.value != "network"
    return CandidatePublic(
        id=candidate.id, display_name=candidate.display_name,
        organisation_id=candidate.organisation_id,
        day_activity_provider=candidate.day_activity_provider,
        date_of_birth=candidate.date_of_birth if private else None,
        phone=candidate.phone if private else None,
        email=candidate.email if private else None,
        your_areas=sorted(areas),
    )


@router.post("/candidates/{candidate_id}/device-invites", name="api.candidates:invite_device",
             response_model=InvitePublic, status_code=status.HTTP_201_CREATED)
def invite_candidate_device(candidate_id: RecordId, actor: ConsultantActor, session: SessionDep,
                            settings: SettingsDep):
    """A one-time link, short code and QR code that enrol the candidate's phone."""
    issued = service.invite_candidate_device(session, settings, actor, candidate_id)
    return invite_public(settings, issued)


@router.post("/candidates", name="api.candidates:create", response_model=CandidatePublic,
             status_code=status.HTTP_201_CREATED,
             responses={409: {"description": "The e-mail address is already in use"}})
def create_candidate(body: CandidateCreate, actor: ConsultantActor, session: SessionDep):
    """A new candidate in your caseload, optionally with a journey from one of your routes."""
    candidate = onboarding.create_candidate(session, actor, body)
    return CandidatePublic(
        id=candidate.id, display_name=candidate.display_name,
        organisation_id=candidate.organisation_id,
        day_activity_provider=candidate.day_activity_provider,
        date_of_birth=candidate.date_of_birth, phone=candidate.phone, email=candidate.email,
        your_areas=sorted(service.candidate_areas(session, actor, candidate)),
    )
