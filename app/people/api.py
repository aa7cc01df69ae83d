"""JSON endpoints for an admin's consultants: list with caseloads, invite, set-up link,
deactivate, reassign a caseload."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Response, status

from app.concurrency import set_etag
from app.deps import AdminActor, SessionDep, SettingsDep
from app.pagination import Page, PageParams, page_params
from app.path_ids import RecordId
from app.people import service
from app.people.schemas import (
    CaseloadReassign,
    CaseloadReassigned,
    ConsultantInvite,
    ConsultantInvited,
    ConsultantPublic,
    PasswordSetupLink,
)
from app.people.service import IssuedPasswordSetup, StaffMember
from app.route_table import APIRouter
from app.settings import Settings

router = APIRouter(tags=["consultants"])


def consultant_public(member: StaffMember) -> ConsultantPublic:
    person = member.person
    return ConsultantPublic(
        id=person.id, role=person.role, display_name=person.display_name, email=person.email,
        job_title=person.job_title, phone=person.phone, is_active=person.is_active,
        password_set=person.password_hash is not None, primary_count=member.primary_count,
        backup_count=member.backup_count, default_backup_id=person.default_backup_id,
        version=person.version,
    )


def setup_public(settings: Settings, issued: IssuedPasswordSetup) -> PasswordSetupLink:
    return PasswordSetupLink(link=issued.link(settings), expires_at=issued.setup.expires_at)


@router.get("/consultants", name="api.consultants:list", response_model=Page[ConsultantPublic])
def list_consultants(actor: AdminActor, session: SessionDep,
                     paging: Annotated[PageParams, Depends(page_params)]):
    """Your organisation's consultants and admins, active first, each with the number of
    candidates they are contact person or backup for."""
    members, total = service.list_staff(session, actor, limit=paging.limit, offset=paging.offset)
    return Page(items=[consultant_public(m) for m in members], total=total, limit=paging.limit,
                offset=paging.offset)


@router.post("/consultants", name="api.consultants:invite", response_model=ConsultantInvited,
             status_code=status.HTTP_201_CREATED,
             responses={409: {"description": "The e-mail address is already in use"}})
def invite_consultant(body: ConsultantInvite, actor: AdminActor, session: SessionDep,
                      settings: SettingsDep, response: Response):
    """Add a consultant without a password; returns a one-time link (shown only now) where
    they choose their own password."""
    member, issued = service.invite_consultant(session, settings, actor, body)
    set_etag(response, member.person.version)
    return ConsultantInvited(consultant=consultant_public(member),
                             setup=setup_public(settings, issued))


@router.post("/consultants/{person_id}/setup-link", name="api.consultants:setup_link",
             response_model=ConsultantInvited, status_code=status.HTTP_201_CREATED)
def new_setup_link(person_id: RecordId, actor: AdminActor, session: SessionDep,
                   settings: SettingsDep):
    """A fresh one-time password set-up link for an active colleague (a lost link or a
    forgotten password); earlier unused links stop working."""
    member, issued = service.issue_setup_link(session, settings, actor, person_id)
    return ConsultantInvited(consultant=consultant_public(member),
                             setup=setup_public(settings, issued))


@router.post("/consultants/{person_id}/deactivate", name="api.consultants:deactivate",
             response_model=ConsultantPublic,
             responses={409: {"description": "You cannot deactivate yourself"}})
def deactivate_consultant(person_id: RecordId, actor: AdminActor, session: SessionDep):
    """Switch a colleague's account off and sign out all their devices at once. Their
    caseload stays with them until you reassign it."""
    return consultant_public(service.deactivate_staff_member(session, actor, person_id))


@router.post("/consultants/{person_id}/reassign", name="api.consultants:reassign",
             response_model=CaseloadReassigned)
def reassign_caseload(person_id: RecordId, body: CaseloadReassign, actor: AdminActor,
                      session: SessionDep):
    """Hand this colleague's caseload to another active consultant: contact person where they
    were contact person, backup where they were backup."""
    return service.reassign_caseload(session, actor, person_id, body)
