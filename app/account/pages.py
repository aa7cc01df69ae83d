"""Pages: Instellingen & privacy — language, text size, read-aloud, devices, calendar feed,
who viewed my data, and the download of all my data."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.access import FileArea
from app.access_log.texts import area_phrase
from app.access_log.views import access_log_days
from app.account import service
from app.account.schemas import PreferencesUpdate
from app.appointments import service as appointments_service
from app.auth import service as auth_service
from app.candidate_home.navigation import file_view
from app.deps import (
    LOCALE_COOKIE,
    SESSION_COOKIE,
    CurrentActor,
    SessionDep,
    SettingsDep,
    settle_after_error,
)
from app.error_handlers import invalid_params_from
from app.errors import AppError, ValidationFailed
from app.outbox import preferences as notification_preferences
from app.outbox.schemas import NotificationPreferencesUpdate
from app.path_ids import RecordId
from app.people.models import Person, Role, TextSize
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


def _view(session, actor):
    """The file whose navigation the settings page shows: one's own, or the one looked at."""
    if actor.role is Role.candidate:
        return file_view(session, actor, actor.person_id, FileArea.profile)
    if actor.role is Role.network and actor.grants:
        return file_view(session, actor, min(actor.grants), FileArea.profile)
    return None


def _page(request, session, actor, *, feed_url: str | None = None, error=None,
          status_code: int = 200):
    person = session.get(Person, actor.person_id)
    view = _view(session, actor)
    is_candidate = actor.role is Role.candidate
    return render(request, "account/settings.html", {
        "view": view, "person": person, "text_sizes": list(TextSize),
        "sessions": auth_service.list_sessions(session, actor),
        "current_session": actor.session_id, "feed_url": feed_url,
        "has_feed": is_candidate and appointments_service.has_calendar_feed(session, view.file),
        "access_log": access_log_days(session, view.file) if is_candidate else None,
        "notify": notification_preferences.read_preferences(session, actor),
        "hours_choices": notification_preferences.HOURS_BEFORE_CHOICES,
        "error": error,
    }, status_code=status_code)


@router.get("/settings", name="account:settings")
def settings_page(request: Request, actor: CurrentActor, session: SessionDep):
    return _page(request, session, actor)


@router.get("/settings/my-data", name="account:my_data")
def my_data_page(request: Request, actor: CurrentActor, session: SessionDep):
    """Everything we keep about you, to read and print; the JSON download sits beside it."""
    return render(request, "account/my_data.html", {
        "view": _view(session, actor), "data": service.readable_data(session, actor),
        "area_phrase": area_phrase,
    })


@router.post("/settings/preferences", name="account:preferences")
def preferences(request: Request, actor: CurrentActor, session: SessionDep,
                settings: SettingsDep, version: Annotated[int, Form()],
                locale: Annotated[str, Form(max_length=5)] = "",
                text_size: Annotated[str, Form(max_length=10)] = "",
                read_aloud: Annotated[str, Form(max_length=5)] = ""):
    try:
        data = PreferencesUpdate(locale=locale or None, text_size=text_size or None,
                                 read_aloud=read_aloud == "on")
        person = service.update_preferences(session, actor, data, version)
    except ValidationError as error:
        failed = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
        return _page(request, session, actor, error=failed, status_code=422)
    except AppError as error:
        settle_after_error(session, error)
        return _page(request, session, actor, error=error, status_code=error.status_code)
    response = RedirectResponse("/settings?saved=1", status_code=303)
    if person.locale:
        response.set_cookie(LOCALE_COOKIE, person.locale, max_age=365 * 86400, httponly=True,
                            secure=settings.cookies_secure, samesite="lax", path="/")
    return response


@router.post("/settings/notifications", name="account:notifications")
def notifications(request: Request, actor: CurrentActor, session: SessionDep,
                  version: Annotated[int, Form()],
                  email_enabled: Annotated[str, Form(max_length=5)] = "",
                  push_enabled: Annotated[str, Form(max_length=5)] = "",
                  remind_day_before: Annotated[str, Form(max_length=5)] = "",
                  remind_hours_before: Annotated[str, Form(max_length=3)] = "",
                  quiet_from: Annotated[str, Form(max_length=8)] = "",
                  quiet_until: Annotated[str, Form(max_length=8)] = ""):
    """Channels, reminder times and quiet hours (the same choices as the API)."""
    try:
        data = NotificationPreferencesUpdate(
            email_enabled=email_enabled == "on", push_enabled=push_enabled == "on",
            remind_day_before=remind_day_before == "on",
            remind_hours_before=remind_hours_before or None,
            quiet_from=quiet_from or None, quiet_until=quiet_until or None)
        notification_preferences.update_preferences(session, actor, data, version)
    except ValidationError as error:
        failed = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
        return _page(request, session, actor, error=failed, status_code=422)
    except AppError as error:
        settle_after_error(session, error)
        return _page(request, session, actor, error=error, status_code=error.status_code)
    return RedirectResponse("/settings?saved=1#notifications", status_code=303)


def _signed_out(settings) -> RedirectResponse:
    response = RedirectResponse("/signed-out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=settings.cookies_secure,
                           httponly=True, samesite="lax")
    return response


@router.post("/settings/devices/{session_id}/sign-out", name="account:sign_out_device")
def sign_out_device(session_id: RecordId, actor: CurrentActor, session: SessionDep,
                    settings: SettingsDep):
    auth_service.revoke_session(session, actor, session_id)
    if session_id == actor.session_id:
        return _signed_out(settings)
    return RedirectResponse("/settings#devices", status_code=303)


@router.post("/settings/devices/sign-out-all", name="account:sign_out_all")
def sign_out_all(actor: CurrentActor, session: SessionDep, settings: SettingsDep):
    auth_service.revoke_all_sessions(session, actor.person_id)
    return _signed_out(settings)


@router.post("/settings/calendar-feed", name="account:calendar_feed")
def calendar_feed(request: Request, actor: CurrentActor, session: SessionDep,
                  settings: SettingsDep):
    token = appointments_service.create_calendar_feed(session, actor, actor.person_id)
    url = f"{settings.base_url.rstrip('/')}/api/v1/calendar/{token}.ics"
    return _page(request, session, actor, feed_url=url)


@router.post("/settings/calendar-feed/stop", name="account:calendar_feed_stop")
def calendar_feed_stop(actor: CurrentActor, session: SessionDep):
    appointments_service.revoke_calendar_feeds(session, actor, actor.person_id)
    return RedirectResponse("/settings#calendar", status_code=303)
