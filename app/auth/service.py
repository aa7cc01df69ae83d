"""Sign-in services: staff passwords with TOTP, one-time invites, device sessions and tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlmodel import Session

from app.auth import security
from app.auth.actor import Actor
from app.auth.errors import (
    InvalidCredentials,
    InvalidSecondFactor,
    InvalidToken,
    InviteInvalid,
    InviteNoLongerValid,
    SecondFactorAlreadyEnabled,
    SecondFactorNotStarted,
    SecondFactorRequired,
    StaffLinksDisabled,
)
from app.auth.models import AuthSession, Invite, InviteKind, SessionKind
from app.auth.rate_limit import ensure_allowed, record_failure
from app.db import utcnow
from app.errors import NotFound
from app.network.models import NetworkGrant
from app.outbox.models import PushSubscription
from app.people.models import STAFF_ROLES, Person
from app.settings import Settings


@dataclass(frozen=True)
class IssuedInvite:
    """What the inviter hands over; the raw link token and code exist only here, never stored."""

    invite: Invite
    token: str
    code: str

    @property
    def expires_at(self) -> datetime:
        return self.invite.expires_at


@dataclass(frozen=True)
class IssuedSession:
    auth_session: AuthSession
    token: str  # cookie value or refresh token


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


def _window(settings: Settings) -> timedelta:
    return timedelta(minutes=settings.client_failure_window_minutes)


# --- staff: e-mail, password and TOTP --------------------------------------------------------


def authenticate_staff(
    session: Session, settings: Settings, *, email: str, password: str, totp_code: str | None,
    client: str, defer_second_factor: bool = False,
) -> Person:
    """The staff member with these credentials. Raises InvalidCredentials, SecondFactorRequired,
    InvalidSecondFactor or AttemptsExceeded; failures count per client and per account.

    With `defer_second_factor` (the sign-in page) the TOTP code is asked on a next screen."""
    window = _window(settings)
    account_key = "account:" + security.token_hash(email.strip().lower())[:32]
    ensure_allowed(session, client, limit=settings.client_max_failures, window=window)
    ensure_allowed(session, account_key, limit=settings.invite_max_attempts * 2, window=window)
    person = session.scalar(select(Person).where(Person.email == email.strip().lower()))
    valid = security.verify_password(person.password_hash if person else None, password)
    if not valid or person is None or person.role not in STAFF_ROLES or not person.is_active:
        record_failure(session, client, window=window)
        record_failure(session, account_key, window=window)
        raise InvalidCredentials()
    if person.totp_enabled_at is not None and not defer_second_factor:
        if not totp_code:
            raise SecondFactorRequired()
        if not security.verify_totp(person.totp_secret, totp_code):
            record_failure(session, client, window=window)
            record_failure(session, account_key, window=window)
            raise InvalidSecondFactor()
    return person


def begin_totp_enrolment(session: Session, actor: Actor) -> tuple[str, str]:
    """A new TOTP secret (not active until confirmed) and its otpauth:// URI."""
    person = session.get(Person, actor.person_id)
    if person.totp_enabled_at is not None:
        raise SecondFactorAlreadyEnabled()
    person.totp_secret = security.new_totp_secret()
    session.flush()
    return person.totp_secret, security.totp_uri(person.totp_secret, person.email or "")


def confirm_totp_enrolment(session: Session, actor: Actor, code: str) -> Person:
    """Switch TOTP on once the person proves their app produces the right codes."""
    person = session.get(Person, actor.person_id)
    if person.totp_enabled_at is not None:
        raise SecondFactorAlreadyEnabled()
    if not person.totp_secret:
        raise SecondFactorNotStarted()
    if not security.verify_totp(person.totp_secret, code):
        raise InvalidSecondFactor()
    person.totp_enabled_at = utcnow()
    session.flush()
    return person


# --- sessions and tokens ---------------------------------------------------------------------


def start_session(
    session: Session, settings: Settings, person: Person, kind: SessionKind, label: str = "",
    *, second_factor_done: bool = True,
) -> IssuedSession:
    """A new signed-in device for `person`: long-lived for candidates and network members.

    A browser session of staff with TOTP starts with `second_factor_done=False` and counts as
    signed in only after `complete_second_factor`."""
    if person.role in STAFF_ROLES:
        lifetime = timedelta(hours=settings.staff_session_hours)
    else:
        lifetime = timedelta(days=settings.candidate_session_days)
    if kind is SessionKind.api:
        lifetime = min(lifetime, timedelta(days=settings.refresh_token_days))
    raw = security.random_token()
    auth_session = AuthSession(
        person_id=person.id, kind=kind, token_hash=security.token_hash(raw),
        label=label[:120], second_factor_done=second_factor_done,
        expires_at=utcnow() + lifetime,
    )
    session.add(auth_session)
    session.flush()
    return IssuedSession(auth_session, raw)


def complete_second_factor(
    session: Session, settings: Settings, auth_session: AuthSession, code: str, client: str
) -> Person:
    """Finish a staff browser sign-in with the TOTP code. Raises InvalidSecondFactor."""
    window = _window(settings)
    ensure_allowed(session, client, limit=settings.client_max_failures, window=window)
    person = session.get(Person, auth_session.person_id)
    if not security.verify_totp(person.totp_secret, code):
        record_failure(session, client, window=window)
        raise InvalidSecondFactor()
    auth_session.second_factor_done = True
    session.flush()
    return person


# Built once: this runs on every request of every signed-in browser.
_SESSION_WITH_PERSON = (
    select(AuthSession, Person)
    .join(Person, Person.id == AuthSession.person_id)
    .where(AuthSession.token_hash == bindparam("token_hash"), AuthSession.kind == bindparam("kind"))
)


def find_live_session(session: Session, raw_token: str, kind: SessionKind) -> AuthSession | None:
    """The live session behind a cookie or refresh token (its person loaded in the same query)."""
    row = session.execute(_SESSION_WITH_PERSON, {
        "token_hash": security.token_hash(raw_token), "kind": kind}).first()
    if row is None or not is_live(row[0]):
        return None
    return row[0]


def is_live(auth_session: AuthSession) -> bool:
    return auth_session.revoked_at is None and auth_session.expires_at > utcnow()


def issue_tokens(session: Session, settings: Settings, person: Person, label: str) -> TokenPair:
    """A short-lived access token and a revocable refresh token for an API client."""
    issued = start_session(session, settings, person, SessionKind.api, label)
    return _token_pair(settings, issued)


def _token_pair(settings: Settings, issued: IssuedSession) -> TokenPair:
    access, access_expires = security.encode_access_token(
        secret=settings.jwt_secret_key, issuer=settings.jwt_issuer,
        audience=settings.jwt_audience, person_id=issued.auth_session.person_id,
        session_id=issued.auth_session.id, minutes=settings.access_token_minutes,
    )
    return TokenPair(access, access_expires, issued.token, issued.auth_session.expires_at)


def refresh_tokens(
    session: Session, settings: Settings, refresh_token: str
) -> tuple[TokenPair, Person]:
    """Rotate: the old refresh token stops working, a new pair is returned.

    Raises InvalidToken for an unknown, expired or revoked refresh token."""
    old = find_live_session(session, refresh_token, SessionKind.api)
    person = session.get(Person, old.person_id) if old else None
    if old is None or person is None or not person.is_active:
        raise InvalidToken()
    old.revoked_at = utcnow()
    issued = start_session(session, settings, person, SessionKind.api, old.label)
    return _token_pair(settings, issued), person


def session_for_access_token(session: Session, settings: Settings, token: str) -> AuthSession:
    """The live API session an access token belongs to. Raises InvalidToken."""
    try:
        claims = security.decode_access_token(
            token, secret=settings.jwt_secret_key, issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
        )
    except security.InvalidToken as error:
        raise InvalidToken() from error
    auth_session = session.get(AuthSession, int(claims["sid"]))
    if (
        auth_session is None
        or auth_session.kind is not SessionKind.api
        or auth_session.person_id != int(claims["sub"])
        or not is_live(auth_session)
    ):
        raise InvalidToken()
    return auth_session


def list_sessions(session: Session, actor: Actor) -> list[AuthSession]:
    """The actor's own signed-in devices, newest first."""
    return list(
        session.scalars(
            select(AuthSession)
            .where(
                AuthSession.person_id == actor.person_id,
                AuthSession.revoked_at.is_(None),
                AuthSession.expires_at > utcnow(),
            )
            .order_by(AuthSession.created_at.desc(), AuthSession.id.desc())
        )
    )


def revoke_session(session: Session, actor: Actor, session_id: int) -> AuthSession:
    """Sign one of the actor's own devices out. Raises NotFound for anybody else's."""
    auth_session = session.get(AuthSession, session_id)
    if auth_session is None or auth_session.person_id != actor.person_id:
        raise NotFound()
    if auth_session.revoked_at is None:
        auth_session.revoked_at = utcnow()
    session.flush()
    return auth_session


def revoke_all_sessions(session: Session, person_id: int) -> int:
    """Sign every device of this person out; returns how many were live. Their browsers'
    push subscriptions go too: a lost phone shows nothing more on its lock screen."""
    session.execute(delete(PushSubscription).where(PushSubscription.person_id == person_id))
    result = session.execute(
        update(AuthSession)
        .where(AuthSession.person_id == person_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount or 0


# --- one-time invites ------------------------------------------------------------------------


def issue_invite(
    session: Session, settings: Settings, *, kind: InviteKind, person: Person,
    created_by_id: int | None, candidate_id: int | None = None,
) -> IssuedInvite:
    """A single-use link token and short code that sign `person` in on one device.

    Earlier unused invites of the same kind for the same person stop working."""
    if kind is InviteKind.staff_signin and settings.is_production:
        raise StaffLinksDisabled()
    now = utcnow()
    session.execute(
        update(Invite)
        .where(
            Invite.person_id == person.id, Invite.kind == kind, Invite.used_at.is_(None),
            Invite.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    token = security.random_token()
    lookup = _free_code_lookup(session)
    secret = security.random_code_part(security.CODE_SECRET_LENGTH)
    invite = Invite(
        kind=kind, person_id=person.id, candidate_id=candidate_id,
        token_hash=security.token_hash(token), code_lookup=lookup,
        code_hash=security.token_hash(lookup + secret),
        expires_at=now + timedelta(hours=settings.invite_valid_hours), created_by_id=created_by_id,
    )
    session.add(invite)
    session.flush()
    return IssuedInvite(invite, token, security.format_code(lookup, secret))


def _free_code_lookup(session: Session) -> str:
    while True:
        lookup = security.random_code_part(security.CODE_LOOKUP_LENGTH)
        if session.scalar(select(Invite.id).where(Invite.code_lookup == lookup)) is None:
            return lookup


def find_invite_by_token(session: Session, token: str) -> Invite | None:
    """The invite a link points at, usable or not (pages show a friendly message if not)."""
    return session.scalar(select(Invite).where(Invite.token_hash == security.token_hash(token)))


def redeem_invite(
    session: Session, settings: Settings, *, token: str | None = None, code: str | None = None,
    client: str,
) -> tuple[Invite, Person]:
    """Use an invite once, by link token or short code, and return it with its person.

    Raises InviteInvalid (unknown), InviteNoLongerValid (used, expired, revoked, or burnt by
    too many wrong codes) or AttemptsExceeded (this client guessed too often)."""
    window = _window(settings)
    ensure_allowed(session, client, limit=settings.client_max_failures, window=window)
    invite = None
    if token:
        invite = session.scalar(
            select(Invite).where(Invite.token_hash == security.token_hash(token))
            .with_for_update()
        )
    elif code:
        normalised = security.normalise_code(code)
        lookup = normalised[: security.CODE_LOOKUP_LENGTH]
        invite = session.scalar(
            select(Invite).where(Invite.code_lookup == lookup).with_for_update()
        )
        if invite is not None and not security.constant_time_equals(
            invite.code_hash or "", security.token_hash(normalised)
        ):
            # A wrong secret for a real code: count it against the code too, and burn the code
            # after a few tries so it cannot be guessed slowly from many addresses.
            invite.failed_attempts += 1
            if invite.failed_attempts >= settings.invite_max_attempts:
                invite.revoked_at = invite.revoked_at or utcnow()
            record_failure(session, client, window=window)
            session.flush()
            raise InviteInvalid()
    if invite is None:
        record_failure(session, client, window=window)
        raise InviteInvalid()
    if not invite_is_usable(invite):
        raise InviteNoLongerValid()
    if invite.kind is InviteKind.staff_signin and settings.is_production:
        raise StaffLinksDisabled()
    person = session.get(Person, invite.person_id)
    if person is None or not person.is_active:
        raise InviteNoLongerValid()
    invite.used_at = utcnow()
    if invite.kind is InviteKind.network_member and invite.candidate_id is not None:
        grant = session.scalar(
            select(NetworkGrant).where(
                NetworkGrant.member_id == person.id,
                NetworkGrant.candidate_id == invite.candidate_id,
                NetworkGrant.revoked_at.is_(None),
            )
        )
        if grant is None:
            raise InviteNoLongerValid()
        grant.accepted_at = grant.accepted_at or utcnow()
    session.flush()
    return invite, person


def invite_is_usable(invite: Invite) -> bool:
    return invite.used_at is None and invite.revoked_at is None and invite.expires_at > utcnow()

