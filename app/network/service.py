"""Network services: inviting a person to look along, changing their areas, revoking at once
(with a short window to undo), and the kind explanation for whoever lost access."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth import security
from app.auth.actor import Actor
from app.auth.models import AuthSession, Invite, InviteKind, SessionKind
from app.auth.service import IssuedInvite, issue_invite, revoke_all_sessions
from app.concurrency import check_version
from app.contacts.models import ContactAssignment
from app.db import utcnow
from app.errors import NotFound
from app.network.errors import AccessEnded, UndoExpired, consent_required
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


# How long "Ongedaan maken" works after a revocation: long enough to notice a mis-tap.
UNDO_WINDOW = timedelta(minutes=10)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def can_undo(grant: NetworkGrant) -> bool:
    """Whether a revoked grant may still be restored."""
    return (grant.revoked_at is not None
            and utcnow() - _aware(grant.revoked_at) <= UNDO_WINDOW)


def grant_to_revoke(session: Session, actor: Actor, file: CandidateFile,
                    grant_id: int) -> tuple[NetworkGrant, Person]:
    """The live grant and its member, for the confirmation page. Raises NotFound."""
    _writable_candidate(session, actor, file.candidate_id)
    grant = _grant(session, file.candidate_id, grant_id)
    if grant.revoked_at is not None:
        raise NotFound()
    return grant, session.get(Person, grant.member_id)


def restore(session: Session, actor: Actor, candidate_id: int, grant_id: int) -> NetworkGrant:
    """Undo a revocation within UNDO_WINDOW: the same grant with the same areas comes back,
    and the invites that the revocation ended work again (devices signed out stay signed
    out: the member signs in again). A grant that is not revoked is returned as it is.
    Raises NotFound, UndoExpired."""
    _writable_candidate(session, actor, candidate_id)
    grant = _grant(session, candidate_id, grant_id)
    if grant.revoked_at is None:
        return grant
    if not can_undo(grant):
        raise UndoExpired()
    revoked_at = grant.revoked_at
    session.execute(
        update(Invite)
        .where(Invite.person_id == grant.member_id, Invite.candidate_id == candidate_id,
               Invite.used_at.is_(None), Invite.revoked_at == revoked_at)
        .values(revoked_at=None)
    )
    grant.revoked_at = None
    session.flush()
    return grant


def ended_access(session: Session, raw_cookie: str) -> AccessEnded | None:
    """For a browser whose session ended because the member's last grant was revoked: the
    explanation to show (who decided it, and whom to call), or None. Shows no file data."""
    auth_session = session.scalar(select(AuthSession).where(
        AuthSession.token_hash == security.token_hash(raw_cookie),
        AuthSession.kind == SessionKind.browser))
    if auth_session is None:
        return None
    member = session.get(Person, auth_session.person_id)
    if member is None or member.role is not Role.network:
        return None
    grants = list(session.scalars(select(NetworkGrant).where(
        NetworkGrant.member_id == member.id).order_by(NetworkGrant.revoked_at.desc())))
    if not grants or any(grant.revoked_at is None for grant in grants):
        return None
    candidate = session.get(Person, grants[0].candidate_id)
    contact = session.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate.id))
    consultant = session.get(Person, contact.primary_id) if contact is not None else None
    return AccessEnded(candidate.display_name.split(" ")[0],
                       consultant.display_name if consultant else None,
                       consultant.phone if consultant else None)
