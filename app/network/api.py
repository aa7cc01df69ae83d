"""JSON endpoints for a candidate's network: who looks along, invite, change areas, revoke."""

from __future__ import annotations

from fastapi import Response, status

from app.access import open_file
from app.auth.links import invite_public
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep, SettingsDep
from app.network import service
from app.network.models import NetworkGrant
from app.network.schemas import (
    NetworkGrantPublic,
    NetworkGrantUpdate,
    NetworkInviteCreate,
    NetworkInviteCreated,
)
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(tags=["network"])


def grant_public(grant: NetworkGrant, member: Person) -> NetworkGrantPublic:
    return NetworkGrantPublic(
        id=grant.id, member_id=member.id, display_name=member.display_name,
        relation=grant.relation, areas=grant.areas, consent_by_id=grant.consent_by_id,
        consent_at=grant.consent_at, consent_method=grant.consent_method,
        accepted_at=grant.accepted_at, revoked_at=grant.revoked_at, version=grant.version,
    )


@router.get("/candidates/{candidate_id}/network", name="api.network:list",
            response_model=list[NetworkGrantPublic])
def list_network(candidate_id: RecordId, actor: CurrentActor, session: SessionDep):
    """Who can see what of this candidate's file (revoked grants last)."""
    file = open_file(session, actor, candidate_id)
    return [grant_public(g, p) for g, p in service.list_grants(session, file)]


@router.post("/candidates/{candidate_id}/network", name="api.network:invite",
             response_model=NetworkInviteCreated, status_code=status.HTTP_201_CREATED)
def invite_member(candidate_id: RecordId, body: NetworkInviteCreate, actor: CurrentActor,
                  session: SessionDep, settings: SettingsDep, response: Response):
    """Invite a person to look along in the chosen areas; returns a one-time link and code."""
    grant, member, issued = service.invite_member(session, settings, actor, candidate_id, body)
    set_etag(response, grant.version)
    return NetworkInviteCreated(grant=grant_public(grant, member),
                                invite=invite_public(settings, issued))


@router.patch("/candidates/{candidate_id}/network/{grant_id}", name="api.network:update",
              response_model=NetworkGrantPublic,
              responses={412: {"description": "Stale version"},
                         428: {"description": "If-Match missing"}})
def update_member(candidate_id: RecordId, grant_id: RecordId, body: NetworkGrantUpdate,
                  actor: CurrentActor, session: SessionDep, response: Response,
                  if_match: IfMatch):
    """Change the areas a member may see (send the grant's version in If-Match)."""
    grant = service.update_areas(session, actor, candidate_id, grant_id, body,
                                 if_match)
    set_etag(response, grant.version)
    return grant_public(grant, session.get(Person, grant.member_id))


@router.delete("/candidates/{candidate_id}/network/{grant_id}", name="api.network:revoke",
               status_code=status.HTTP_204_NO_CONTENT)
def revoke_member(candidate_id: RecordId, grant_id: RecordId, actor: CurrentActor,
                  session: SessionDep) -> Response:
    """Take a member's access away at once."""
    service.revoke(session, actor, candidate_id, grant_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/candidates/{candidate_id}/network/{grant_id}/restore",
             name="api.network:restore", response_model=NetworkGrantPublic,
             responses={409: {"description": "The undo window has passed"}})
def restore_member(candidate_id: RecordId, grant_id: RecordId, actor: CurrentActor,
                   session: SessionDep, response: Response):
    """Undo a revocation within ten minutes: the same grant, the same areas."""
    grant = service.restore(session, actor, candidate_id, grant_id)
    set_etag(response, grant.version)
    return grant_public(grant, session.get(Person, grant.member_id))
