"""JSON endpoints for signing in, tokens, devices and the second factor."""

from __future__ import annotations

from fastapi import Request, Response, status

from app.auth import service
from app.auth.links import qr_svg
from app.auth.rate_limit import client_key
from app.auth.schemas import (
    InviteRedeem,
    MePublic,
    RefreshRequest,
    SessionPublic,
    StaffLogin,
    TokenResponse,
    TotpConfirm,
    TotpEnrolment,
)
from app.auth.service import TokenPair
from app.deps import CurrentActor, SessionDep, SettingsDep, StaffActor, client_address
from app.errors import ValidationFailed, field_error
from app.i18n import gettext as _
from app.path_ids import RecordId
from app.people import service as people_service
from app.route_table import APIRouter

router = APIRouter(tags=["auth"])


def _token_response(pair: TokenPair, role, person_id: int) -> TokenResponse:
    return TokenResponse(
        access_token=pair.access_token, access_expires_at=pair.access_expires_at,
        refresh_token=pair.refresh_token, refresh_expires_at=pair.refresh_expires_at,
        role=role, person_id=person_id,
    )


@router.post("/auth/login", name="api.auth:login", response_model=TokenResponse,
             responses={429: {"description": "Too many attempts"}})
def login(body: StaffLogin, request: Request, session: SessionDep, settings: SettingsDep):
    """Staff sign-in with e-mail, password and (when enrolled) a TOTP code."""
    person = service.authenticate_staff(
        session, settings, email=body.email, password=body.password, totp_code=body.totp_code,
        client=client_key(client_address(request)),
        device_cookie=request.cookies.get(service.KNOWN_DEVICE_COOKIE),
    )
    pair = service.issue_tokens(session, settings, person, body.device_label or "API")
    return _token_response(pair, person.role, person.id)


@router.post("/auth/invites/redeem", name="api.auth:redeem", response_model=TokenResponse,
             responses={429: {"description": "Too many attempts"}})
def redeem_invite(body: InviteRedeem, request: Request, session: SessionDep,
                  settings: SettingsDep):
    """Use a one-time invite (link token or short code) to sign this device in."""
    if bool(body.token) == bool(body.code):
        raise ValidationFailed(invalid_params=[
            field_error("code", _("Enter the code, or open the link you received."))
        ])
    _invite, person = service.redeem_invite(
        session, settings, token=body.token, code=body.code,
        client=client_key(client_address(request)),
    )
    pair = service.issue_tokens(session, settings, person, body.device_label or "API")
    return _token_response(pair, person.role, person.id)


@router.post("/auth/token/refresh", name="api.auth:refresh", response_model=TokenResponse)
def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep):
    """Swap a refresh token for a new pair; the old refresh token stops working."""
    pair, person = service.refresh_tokens(session, settings, body.refresh_token)
    return _token_response(pair, person.role, person.id)


@router.post("/auth/logout", name="api.auth:logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(actor: CurrentActor, session: SessionDep) -> Response:
    """Sign out the session making this request (this device or this API client)."""
    service.revoke_session(session, actor, actor.session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", name="api.me:read", response_model=MePublic)
def read_me(actor: CurrentActor, session: SessionDep):
    """Who is signed in, and (for network members) whom they look along with."""
    return people_service.describe_actor(session, actor)


@router.get("/me/sessions", name="api.me:sessions", response_model=list[SessionPublic])
def list_my_sessions(actor: CurrentActor, session: SessionDep):
    """The devices and API clients signed in as me."""
    return [
        SessionPublic(id=s.id, kind=s.kind, label=s.label, created_at=s.created_at,
                      last_used_at=s.last_used_at, expires_at=s.expires_at,
                      current=s.id == actor.session_id)
        for s in service.list_sessions(session, actor)
    ]


@router.delete("/me/sessions/{session_id:int}", name="api.me:revoke_session",
               status_code=status.HTTP_204_NO_CONTENT)
def revoke_my_session(session_id: RecordId, actor: CurrentActor, session: SessionDep) -> Response:
    """Sign one of my devices out."""
    service.revoke_session(session, actor, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/me/sessions/revoke-all", name="api.me:revoke_all",
             status_code=status.HTTP_204_NO_CONTENT)
def revoke_all_my_sessions(actor: CurrentActor, session: SessionDep) -> Response:
    """Sign every device out, this one included."""
    service.revoke_all_sessions(session, actor.person_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/me/totp", name="api.me:totp_begin", response_model=TotpEnrolment)
def begin_totp(actor: StaffActor, session: SessionDep):
    """Start two-step sign-in: a secret to add to an authenticator app."""
    secret, uri = service.begin_totp_enrolment(session, actor)
    return TotpEnrolment(secret=secret, otpauth_uri=uri, qr_svg=qr_svg(uri))


@router.post("/me/totp/confirm", name="api.me:totp_confirm", status_code=status.HTTP_204_NO_CONTENT)
def confirm_totp(body: TotpConfirm, actor: StaffActor, session: SessionDep) -> Response:
    """Switch two-step sign-in on with a first code from the app."""
    service.confirm_totp_enrolment(session, actor, body.code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
