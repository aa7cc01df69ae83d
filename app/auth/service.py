"""Sign-in services: staff passwords with TOTP, one-time invites, device sessions and tokens."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, delete, select, update
from sqlmodel import Session

from app.auth import security
from app.auth.actor import Actor
from app.auth.errors import (
    InvalidCredentials,
    InvalidSecondFactor,
    InvalidToken,
    InviteInvalid,
    InviteNoLongerValid,
    RefreshTokenReused,
    SecondFactorAlreadyEnabled,
    SecondFactorAttemptsExceeded,
    SecondFactorNotStarted,
    SecondFactorRequired,
    StaffLinksDisabled,
)
from app.auth.models import AuthSession, Invite, InviteKind, SessionKind
from app.auth.rate_limit import Backoff, ensure_allowed, record_failure
from app.db import utcnow
from app.employers.models import EmployerContact
from app.errors import NotFound
from app.network.models import NetworkGrant
from app.outbox.models import PushSubscription
from app.people.models import PASSWORD_ROLES, STAFF_ROLES, Person, Role
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


def _backoff(settings: Settings, free: int) -> Backoff:
    return Backoff(free=free, window=_window(settings),
                   longest=timedelta(minutes=settings.backoff_max_minutes),
                   first=timedelta(seconds=settings.backoff_first_seconds))


# --- known devices: a browser that completed a staff sign-in before ---------------------------

KNOWN_DEVICE_COOKIE = "sw_device"


def known_device_cookie(settings: Settings, person_id: int) -> str:
    """A signed, long-lived mark for a browser that just completed this person's sign-in."""
    device = security.random_token()[:22]
    signature = security.sign(settings.secret_key, f"device:{person_id}.{device}")
    return f"{person_id}.{device}.{signature}"


def known_device(settings: Settings, cookie: str | None, person_id: int) -> str | None:
    """The device id of a valid known-device cookie for `person_id`, else None."""
    parts = (cookie or "").split(".")
    if len(parts) != 3 or parts[0] != str(person_id) or not parts[1]:
        return None
    expected = security.sign(settings.secret_key, f"device:{person_id}.{parts[1]}")
    return parts[1] if security.constant_time_equals(parts[2], expected) else None


# --- staff: e-mail, password and TOTP --------------------------------------------------------


@dataclass(frozen=True)
class _SignInKeys:
    """The counters one staff sign-in attempt passes: the client address, the account from
    this client (or this known device) and, for unknown devices only, the whole account."""

    client: str
    account_here: str
    account: str | None


def _sign_in_keys(settings: Settings, person: Person | None, email: str, client: str,
                  device_cookie: str | None) -> _SignInKeys:
    account = "account:" + security.token_hash(email)[:32]
    device = known_device(settings, device_cookie, person.id) if person else None
    if device is not None:
        # Strangers' failures on this account do not hold back a device it signed in on.
        return _SignInKeys(client, f"{account}:device:{device}", None)
    return _SignInKeys(client, f"{account}:{client.removeprefix('client:')}"[:120], account)


def _check_keys(session: Session, settings: Settings, keys: _SignInKeys) -> None:
    ensure_allowed(session, keys.client, _backoff(settings, settings.client_max_failures))
    ensure_allowed(session, keys.account_here, _backoff(settings, settings.device_max_failures))
    if keys.account is not None:
        ensure_allowed(session, keys.account, _backoff(settings, settings.account_max_failures))


def _count_failure(session: Session, settings: Settings, keys: _SignInKeys) -> None:
    record_failure(session, keys.client, _backoff(settings, settings.client_max_failures))
    record_failure(session, keys.account_here, _backoff(settings, settings.device_max_failures))
    if keys.account is not None:
        record_failure(session, keys.account, _backoff(settings, settings.account_max_failures))


def authenticate_staff(
    session: Session, settings: Settings, *, email: str, password: str, totp_code: str | None,
    client: str, defer_second_factor: bool = False, device_cookie: str | None = None,
) -> Person:
    """The staff member (or an employer's person with a password) with these credentials.
    Raises InvalidCredentials, SecondFactorRequired,
    InvalidSecondFactor or AttemptsExceeded; failures slow down the client, the account from
    this client, and the account from unknown devices (not a known device: `device_cookie`).

    With `defer_second_factor` (the sign-in page) the TOTP code is asked on a next screen."""
    email = email.strip().lower()
    person = session.scalar(select(Person).where(Person.email == email))
    keys = _sign_in_keys(settings, person, email, client, device_cookie)
    _check_keys(session, settings, keys)
    valid = security.verify_password(person.password_hash if person else None, password)
    if not valid or person is None or person.role not in PASSWORD_ROLES or not person.is_active:
        _count_failure(session, settings, keys)
        raise InvalidCredentials()
    if person.totp_enabled_at is not None and not defer_second_factor:
        if not totp_code:
            raise SecondFactorRequired()
        if not _use_totp_code(session, person, totp_code):
            _count_failure(session, settings, keys)
            raise InvalidSecondFactor()
    return person


def _use_totp_code(session: Session, person: Person, code: str) -> bool:
    """Accept a code of a time step newer than the last one used, once; remember its step."""
    # Locked: two sign-ins with the same code at once cannot both see the old step.
    session.refresh(person, with_for_update=True)
    step = security.totp_step(person.totp_secret, code, after=person.totp_last_step)
    if step is None:
        return False
    person.totp_last_step = step
    session.flush()
    return True


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
    if not _use_totp_code(session, person, code):
        raise InvalidSecondFactor()
    person.totp_enabled_at = utcnow()
    session.flush()
    return person


# --- sessions and tokens ---------------------------------------------------------------------


def start_session(
    session: Session, settings: Settings, person: Person, kind: SessionKind, label: str = "",
    *, second_factor_done: bool = True, family: str | None = None,
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
        family=family or (secrets.token_hex(16) if kind is SessionKind.api else None),
    )
    session.add(auth_session)
    session.flush()
    return IssuedSession(auth_session, raw)


def complete_second_factor(
    session: Session, settings: Settings, auth_session: AuthSession, code: str, client: str
) -> Person:
    """Finish a staff browser sign-in with the TOTP code. Raises InvalidSecondFactor, or
    SecondFactorAttemptsExceeded when this pending sign-in had too many wrong codes (it is
    ended: the password is asked again), or AttemptsExceeded while the client waits."""
    client_rule = _backoff(settings, settings.client_max_failures)
    ensure_allowed(session, client, client_rule)
    # Locked: wrong codes sent at once from many addresses are all counted.
    session.refresh(auth_session, with_for_update=True)
    person = session.get(Person, auth_session.person_id)
    if auth_session.second_factor_done:
        return person  # finished by a request that came just before this one
    if not is_live(auth_session):
        raise SecondFactorAttemptsExceeded()
    if not _use_totp_code(session, person, code):
        record_failure(session, client, client_rule)
        auth_session.failed_codes += 1
        if auth_session.failed_codes >= settings.second_factor_max_attempts:
            auth_session.revoked_at = utcnow()
            session.flush()
            raise SecondFactorAttemptsExceeded()
        session.flush()
        raise InvalidSecondFactor()
    auth_session.second_factor_done = True
    session.flush()
    return person


# Built once: a refresh token's session and person, live or not (reuse must be seen).
_SESSION_WITH_PERSON = (
    select(AuthSession, Person)
    .join(Person, Person.id == AuthSession.person_id)
    .where(AuthSession.token_hash == bindparam("token_hash"), AuthSession.kind == bindparam("kind"))
)


def find_live_session(session: Session, raw_token: str, kind: SessionKind) -> AuthSession | None:
    """The live session behind a cookie or refresh token (its person loaded in the same query)."""
    signed_in = find_signed_in(session, raw_token, kind)
    return signed_in.auth_session if signed_in is not None else None


@dataclass(frozen=True)
class SignedIn:
    """A live session, its person and (for a network member) the live grants: all the actor
    needs, read in one statement. Holding `person` keeps it in the unit of work's identity
    map (a weak map), so the request's later `session.get(Person, id)` costs no query."""

    auth_session: AuthSession
    person: Person
    grants: dict[int, frozenset[str]]
    employer_id: int | None = None  # an employer's person: their employer


def _signed_in_query(condition):
    # The outer join adds a row per live grant only for network members; everyone else gets
    # one row with NULL grant columns. An employer's person (unique per person) adds no rows.
    return (
        select(AuthSession, Person, NetworkGrant.candidate_id, NetworkGrant.areas,
               EmployerContact.employer_id)
        .join(Person, Person.id == AuthSession.person_id)
        .outerjoin(NetworkGrant, and_(
            NetworkGrant.member_id == Person.id, NetworkGrant.revoked_at.is_(None),
            Person.role == Role.network))
        .outerjoin(EmployerContact, and_(
            EmployerContact.person_id == Person.id, Person.role == Role.employer))
        .where(condition)
    )


# Built once: one of these runs on every request of every signed-in caller.
_SIGNED_IN_BY_TOKEN = _signed_in_query(and_(
    AuthSession.token_hash == bindparam("token_hash"), AuthSession.kind == bindparam("kind")))
_SIGNED_IN_BY_ID = _signed_in_query(AuthSession.id == bindparam("session_id"))
SIGNED_IN_KEY = "stapwijzer_signed_in"  # in session.info: the request's SignedIn


def _signed_in(session: Session, statement, params: dict) -> SignedIn | None:
    rows = session.execute(statement, params).all()
    if not rows or not is_live(rows[0][0]):
        return None
    grants = {row[2]: frozenset(row[3]) for row in rows if row[2] is not None}
    signed_in = SignedIn(rows[0][0], rows[0][1], grants, rows[0][4])
    session.info[SIGNED_IN_KEY] = signed_in  # a strong reference for the unit of work
    return signed_in


def find_signed_in(session: Session, raw_token: str, kind: SessionKind) -> SignedIn | None:
    """The live session behind a cookie or refresh token, with its person and grants."""
    return _signed_in(session, _SIGNED_IN_BY_TOKEN,
                      {"token_hash": security.token_hash(raw_token), "kind": kind})


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
    """Rotate: the old refresh token stops working, a new pair of the same family is returned.

    Raises InvalidToken for an unknown, expired or revoked refresh token. A spent (rotated or
    revoked) refresh token shown again means a copy is in other hands: every live session of
    its family is ended, so neither the thief's nor the victim's tokens keep working."""
    row = session.execute(_SESSION_WITH_PERSON, {
        "token_hash": security.token_hash(refresh_token), "kind": SessionKind.api}).first()
    old = row[0] if row else None
    if old is not None and old.revoked_at is not None and old.family is not None:
        end_family(session, old.family)
        raise RefreshTokenReused()
    person = row[1] if row else None  # read with the session: no second query
    if old is None or not is_live(old) or person is None or not person.is_active:
        raise InvalidToken()
    # Only one request may spend this token: a second one at the same time sees it revoked.
    spent = session.execute(
        update(AuthSession)
        .where(AuthSession.id == old.id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if not spent.rowcount:
        end_family(session, old.family)
        raise RefreshTokenReused()
    issued = start_session(session, settings, person, SessionKind.api, old.label,
                           family=old.family)
    return _token_pair(settings, issued), person


def end_family(session: Session, family: str | None) -> int:
    """Revoke every live session of a refresh-token family; returns how many were live."""
    if family is None:
        return 0
    result = session.execute(
        update(AuthSession)
        .where(AuthSession.family == family, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return result.rowcount or 0


def session_for_access_token(session: Session, settings: Settings, token: str) -> AuthSession:
    """The live API session an access token belongs to. Raises InvalidToken."""
    return signed_in_for_access_token(session, settings, token).auth_session


def signed_in_for_access_token(session: Session, settings: Settings, token: str) -> SignedIn:
    """The live API session an access token belongs to, with its person and grants, in one
    statement (a revoked session, e.g. of a family ended after refresh-token reuse, takes its
    access tokens with it). Raises InvalidToken."""
    try:
        claims = security.decode_access_token(
            token, secret=settings.jwt_secret_key, issuer=settings.jwt_issuer,
            audience=settings.jwt_audience, max_minutes=settings.access_token_minutes,
            leeway_seconds=settings.token_leeway_seconds,
        )
    except security.InvalidToken as error:
        raise InvalidToken() from error
    signed_in = _signed_in(session, _SIGNED_IN_BY_ID, {"session_id": int(claims["sid"])})
    if (
        signed_in is None
        or signed_in.auth_session.kind is not SessionKind.api
        or signed_in.auth_session.person_id != int(claims["sub"])
    ):
        raise InvalidToken()
    return signed_in


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
    code = _free_code(session)
    invite = Invite(
        kind=kind, person_id=person.id, candidate_id=candidate_id,
        token_hash=security.token_hash(token), code_hash=security.token_hash(code),
        expires_at=now + timedelta(hours=settings.invite_valid_hours), created_by_id=created_by_id,
    )
    session.add(invite)
    session.flush()
    return IssuedInvite(invite, token, security.format_code(code))


def _free_code(session: Session) -> str:
    # A clash in 31^10 is next to impossible; checking keeps the unique constraint quiet.
    while True:
        code = security.random_code_part(security.CODE_LENGTH)
        if session.scalar(select(Invite.id).where(
                Invite.code_hash == security.token_hash(code))) is None:
            return code


def find_invite_by_token(session: Session, token: str) -> Invite | None:
    """The invite a link points at, usable or not (pages show a friendly message if not)."""
    return session.scalar(select(Invite).where(Invite.token_hash == security.token_hash(token)))


def redeem_invite(
    session: Session, settings: Settings, *, token: str | None = None, code: str | None = None,
    client: str,
) -> tuple[Invite, Person]:
    """Use an invite once, by link token or short code, and return it with its person.

    Raises InviteInvalid (unknown), InviteNoLongerValid (used, expired or revoked) or
    AttemptsExceeded (this client guessed too often and waits). A wrong code changes no
    invite: it is found by the hash of the whole code, so a guess names none."""
    rule = _backoff(settings, settings.client_max_failures)
    ensure_allowed(session, client, rule)
    invite = None
    if token:
        invite = session.scalar(
            select(Invite).where(Invite.token_hash == security.token_hash(token))
            .with_for_update()
        )
    elif code:
        normalised = security.normalise_code(code)
        invite = session.scalar(
            select(Invite).where(Invite.code_hash == security.token_hash(normalised))
            .with_for_update()
        )
    if invite is None:
        record_failure(session, client, rule)
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
    if invite.kind is InviteKind.employer_contact and session.scalar(select(
            EmployerContact.id).where(EmployerContact.person_id == person.id)) is None:
        raise InviteNoLongerValid()  # removed from the employer since the invite was made
    session.flush()
    return invite, person


def invite_is_usable(invite: Invite) -> bool:
    return invite.used_at is None and invite.revoked_at is None and invite.expires_at > utcnow()

