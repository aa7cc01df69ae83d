"""Network services: inviting a person to look along, changing their areas, revoking at once."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth.actor import Actor
from app.auth.models import Invite, InviteKind
from app.auth.service import IssuedInvite, issue_invite, revoke_all_sessions
from app.concurrency import check_version
from app.db import utcnow
from app.errors import NotFound
from app.network.errors import consent_required
from app.network.models import ConsentMethod, NetworkGrant
from app.network.schemas import NetworkGrantUpdate, NetworkInviteCreate
from app.people.models import Person, Role
from app.settings import Settings


def _writable_candidate(session: Session, actor: Actor, candidate_id: int) -> Person:
    candidate = open_file(session, actor, candidate_id).require(FileArea.network).candidate
    if not can_change(actor, FileArea.network):
        raise NotFound()
    return candidate


def list_grants(session: Session, file: CandidateFile) -> list[tuple[NetworkGrant, Person]]:
    """Everyone who has or had access to the candidate's file, newest first. Raises
    NotFound."""
    file.require(FileArea.network)
    rows = session.execute(
        select(NetworkGrant, Person)
        .join(Person, Person.id == NetworkGrant.member_id)
        .where(NetworkGrant.candidate_id == file.candidate_id)
        .order_by(NetworkGrant.revoked_at.is_not(None), NetworkGrant.consent_at.desc())
    )
    return [(grant, person) for grant, person in rows]


def invite_member(
    session: Session, settings: Settings, actor: Actor, candidate_id: int,
    data: NetworkInviteCreate,
) -> tuple[NetworkGrant, Person, IssuedInvite]:
    """Create a network member with the chosen areas and a one-time invite for them.

    A candidate's own invite is their consent; a consultant must record how the candidate
    agreed. Raises NotFound or ValidationFailed."""
    candidate = _writable_candidate(session, actor, candidate_id)
    if actor.role is Role.candidate:
        method = ConsentMethod.in_app
    elif data.consent_method in (ConsentMethod.in_person, ConsentMethod.in_writing):
        method = data.consent_method
    else:
        raise consent_required()
    member = Person(
        organisation_id=candidate.organisation_id, role=Role.network,
        display_name=data.display_name,
    )
    session.add(member)
    session.flush()
    grant = NetworkGrant(
        candidate_id=candidate.id, member_id=member.id, relation=data.relation,
        areas=[a.value for a in data.areas], consent_by_id=candidate.id, consent_method=method,
        created_by_id=actor.person_id,
    )
    session.add(grant)
    session.flush()
    issued = issue_invite(
        session, settings, kind=InviteKind.network_member, person=member,
        created_by_id=actor.person_id, candidate_id=candidate.id,
    )
    return grant, member, issued


def _grant(session: Session, candidate_id: int, grant_id: int) -> NetworkGrant:
    grant = session.get(NetworkGrant, grant_id)
    if grant is None or grant.candidate_id != candidate_id:
        raise NotFound()
    return grant


def update_areas(
    session: Session, actor: Actor, candidate_id: int, grant_id: int,
    data: NetworkGrantUpdate, expected_version: int,
) -> NetworkGrant:
    """Change what a member may see. Raises NotFound, StaleVersion."""
    _writable_candidate(session, actor, candidate_id)
    grant = _grant(session, candidate_id, grant_id)
    if grant.revoked_at is not None:
        raise NotFound()
    check_version(grant.version, expected_version)
    grant.areas = [a.value for a in data.areas]
    session.flush()
    return grant


def revoke(session: Session, actor: Actor, candidate_id: int, grant_id: int) -> NetworkGrant:
    """Take access away at once: the grant ends, open invites die, and a member with no other
    grant is signed out everywhere. Raises NotFound."""
    _writable_candidate(session, actor, candidate_id)
    grant = _grant(session, candidate_id, grant_id)
    now = utcnow()
    if grant.revoked_at is None:
        grant.revoked_at = now
    session.execute(
        update(Invite)
        .where(Invite.person_id == grant.member_id, Invite.candidate_id == candidate_id,
               Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    session.flush()
    still_granted = session.scalar(
        select(NetworkGrant.id).where(
            NetworkGrant.member_id == grant.member_id, NetworkGrant.revoked_at.is_(None)
        )
    )
    if still_granted is None:
        revoke_all_sessions(session, grant.member_id)
    return grant
