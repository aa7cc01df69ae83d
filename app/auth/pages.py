"""HTML pages for signing in: staff password + TOTP, invite links, short codes, signing out."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse, Response

from app.auth import service
from app.auth.errors import InviteInvalid, SecondFactorAttemptsExceeded
from app.auth.links import qr_svg
from app.auth.models import AuthSession, SessionKind
from app.auth.rate_limit import client_key
from app.auth.service import IssuedSession
from app.deps import (
    LOCALE_COOKIE,
    SESSION_COOKIE,
    CurrentActor,
    OptionalActor,
    SessionDep,
    SettingsDep,
    StaffActor,
    client_address,
    require_same_origin,
    settle_after_error,
)
from app.errors import AppError
from app.people.models import Person
from app.route_table import APIRouter
from app.settings import Settings
from app.templating import render

router = APIRouter(include_in_schema=False)


def _signed_in(settings: Settings, person: Person, issued: IssuedSession,
               target: str = "/") -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    lifetime = round(
        (issued.auth_session.expires_at - issued.auth_session.created_at).total_seconds()
    )
    response.set_cookie(
        SESSION_COOKIE, issued.token, max_age=lifetime, httponly=True,
        secure=settings.cookies_secure, samesite="lax", path="/",
    )
    if person.locale:
        response.set_cookie(LOCALE_COOKIE, person.locale, max_age=365 * 86400, httponly=True,
                            secure=settings.cookies_secure, samesite="lax", path="/")
    return response


def _remember_device(response: Response, settings: Settings, person_id: int) -> None:
    """Mark this browser as one the staff member signed in on: strangers' failed sign-ins on
    the account do not hold it back later. Sent only to the sign-in pages."""
    response.set_cookie(
        service.KNOWN_DEVICE_COOKIE, service.known_device_cookie(settings, person_id),
        max_age=settings.known_device_days * 86400, httponly=True,
        secure=settings.cookies_secure, samesite="lax", path="/login",
    )


def _device_label(request: Request) -> str:
    agent = request.headers.get("user-agent", "")
    for name in ("iPhone", "iPad", "Android", "Windows", "Macintosh", "Linux"):
        if name in agent:
            return name
    return "Browser"


@router.get("/login", name="auth:login")
def login_page(request: Request, actor: OptionalActor):
    if actor is not None:
        return RedirectResponse("/", status_code=303)
    return render(request, "auth/login.html", {"email": ""})


@router.post("/login", name="auth:login_submit")
def login_submit(
    request: Request, session: SessionDep, settings: SettingsDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
):
    require_same_origin(request, settings)
    try:
        person = service.authenticate_staff(
            session, settings, email=email, password=password, totp_code=None,
            client=client_key(client_address(request)), defer_second_factor=True,
            device_cookie=request.cookies.get(service.KNOWN_DEVICE_COOKIE),
        )
    except AppError as error:
        settle_after_error(session, error)
        return render(request, "auth/login.html", {"email": email, "error": error},
                      status_code=error.status_code)
    needs_code = person.totp_enabled_at is not None
    issued = service.start_session(session, settings, person, SessionKind.browser,
                                   _device_label(request), second_factor_done=not needs_code)
    response = _signed_in(settings, person, issued, "/login/code" if needs_code else "/")
    if not needs_code:
        _remember_device(response, settings, person.id)
    return response


def _pending_session(request: Request, session) -> AuthSession | None:
    raw = request.cookies.get(SESSION_COOKIE)
    auth_session = service.find_live_session(session, raw, SessionKind.browser) if raw else None
    if auth_session is None or auth_session.second_factor_done:
        return None
    return auth_session


@router.get("/login/code", name="auth:second_factor")
def second_factor_page(request: Request, session: SessionDep):
    if _pending_session(request, session) is None:
        return RedirectResponse("/login", status_code=303)
    return render(request, "auth/second_factor.html", {})


@router.post("/login/code", name="auth:second_factor_submit")
def second_factor_submit(
    request: Request, session: SessionDep, settings: SettingsDep,
    code: Annotated[str, Form(max_length=10)] = "",
):
    require_same_origin(request, settings)
    auth_session = _pending_session(request, session)
    if auth_session is None:
        return RedirectResponse("/login", status_code=303)
    try:
        person = service.complete_second_factor(session, settings, auth_session, code,
                                                client_key(client_address(request)))
    except SecondFactorAttemptsExceeded as error:
        # The pending sign-in is over: back to the password, with the reason.
        settle_after_error(session, error)
        response = render(request, "auth/login.html", {"email": "", "error": error},
                          status_code=error.status_code)
        response.delete_cookie(SESSION_COOKIE, path="/", secure=settings.cookies_secure,
                               httponly=True, samesite="lax")
        return response
    except AppError as error:
        settle_after_error(session, error)
        return render(request, "auth/second_factor.html", {"error": error},
                      status_code=error.status_code)
    response = RedirectResponse("/", status_code=303)
    _remember_device(response, settings, person.id)
    return response


@router.get("/i/{token}", name="auth:invite")
def invite_page(token: str, request: Request, session: SessionDep):
    """Opening a link signs nobody in yet: link previews and scanners must not use it up."""
    invite = service.find_invite_by_token(session, token) if len(token) < 100 else None
    if invite is None or not service.invite_is_usable(invite):
        return render(request, "auth/invite_invalid.html", {}, status_code=404)
    person = session.get(Person, invite.person_id)
    return render(request, "auth/invite.html", {"token": token, "person": person})


@router.post("/i/{token}", name="auth:invite_submit")
def invite_submit(token: str, request: Request, session: SessionDep, settings: SettingsDep):
    require_same_origin(request, settings)
    return _redeem(request, session, settings, token=token)


@router.get("/code", name="auth:code")
def code_page(request: Request):
    return render(request, "auth/code.html", {"code": ""})


@router.post("/code", name="auth:code_submit")
def code_submit(request: Request, session: SessionDep, settings: SettingsDep,
                code: Annotated[str, Form(max_length=20)] = ""):
    require_same_origin(request, settings)
    return _redeem(request, session, settings, code=code)


def _redeem(request: Request, session, settings: Settings, *, token: str | None = None,
            code: str | None = None) -> Response:
    try:
        if not (token or code and code.strip()):
            raise InviteInvalid()
        _invite, person = service.redeem_invite(
            session, settings, token=token, code=code, client=client_key(client_address(request))
        )
    except AppError as error:
        settle_after_error(session, error)
        return render(request, "auth/code.html", {"code": code or "", "error": error},
                      status_code=error.status_code)
    issued = service.start_session(session, settings, person, SessionKind.browser,
                                   _device_label(request))
    return _signed_in(settings, person, issued, "/")


@router.post("/logout", name="auth:logout")
def logout(actor: CurrentActor, session: SessionDep, settings: SettingsDep):
    service.revoke_session(session, actor, actor.session_id)
    response = RedirectResponse("/signed-out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=settings.cookies_secure,
                           httponly=True, samesite="lax")
    return response


@router.get("/signed-out", name="auth:signed_out")
def signed_out(request: Request):
    return render(request, "auth/signed_out.html", {})


@router.get("/account/two-step", name="auth:two_step")
def two_step_page(request: Request, actor: StaffActor, session: SessionDep):
    person = session.get(Person, actor.person_id)
    return render(request, "auth/two_step.html", {"person": person})


@router.post("/account/two-step", name="auth:two_step_begin")
def two_step_begin(request: Request, actor: StaffActor, session: SessionDep):
    secret, uri = service.begin_totp_enrolment(session, actor)
    person = session.get(Person, actor.person_id)
    return render(request, "auth/two_step.html",
                  {"person": person, "secret": secret, "qr": qr_svg(uri)})


@router.post("/account/two-step/confirm", name="auth:two_step_confirm")
def two_step_confirm(request: Request, actor: StaffActor, session: SessionDep,
                     code: Annotated[str, Form(max_length=10)] = ""):
    try:
        service.confirm_totp_enrolment(session, actor, code)
    except AppError as error:
        settle_after_error(session, error)
        person = session.get(Person, actor.person_id)
        return render(request, "auth/two_step.html", {"person": person, "error": error},
                      status_code=error.status_code)
    return RedirectResponse("/account/two-step", status_code=303)


