"""JSON endpoints for the signed-in person's notifications: push subscriptions, the server's
push key, and the choices (channels, reminders, quiet hours)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from app.concurrency import parse_if_match, set_etag
from app.deps import CurrentActor, SessionDep, SettingsDep
from app.outbox import preferences
from app.outbox.schemas import (
    NotificationPreferencesPublic,
    NotificationPreferencesUpdate,
    PublicKey,
    PushSubscriptionIn,
    PushSubscriptionPublic,
    PushSubscriptionRemove,
)

router = APIRouter(tags=["notifications"])


@router.get("/push/public-key", name="api.outbox:public_key", response_model=PublicKey)
def public_key(actor: CurrentActor, settings: SettingsDep):
    """The server's VAPID public key, for `pushManager.subscribe({applicationServerKey})`."""
    return PublicKey(public_key=settings.vapid_public_key)


@router.post("/me/push-subscriptions", name="api.outbox:subscribe",
             response_model=PushSubscriptionPublic, status_code=status.HTTP_201_CREATED)
def subscribe(body: PushSubscriptionIn, actor: CurrentActor, session: SessionDep,
              settings: SettingsDep):
    """Receive notifications on this browser (send its `PushSubscription.toJSON()`)."""
    subscription = preferences.subscribe(session, actor, body, production=settings.is_production)
    return PushSubscriptionPublic(id=subscription.id, endpoint=subscription.endpoint)


@router.delete("/me/push-subscriptions", name="api.outbox:unsubscribe",
               status_code=status.HTTP_204_NO_CONTENT)
def unsubscribe(body: PushSubscriptionRemove, actor: CurrentActor,
                session: SessionDep) -> Response:
    """Stop notifications on this browser (send its endpoint)."""
    preferences.unsubscribe(session, actor, body.endpoint)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me/notification-preferences", name="api.outbox:preferences",
            response_model=NotificationPreferencesPublic)
def read_preferences(actor: CurrentActor, session: SessionDep, response: Response):
    """How you want to be reached: channels, reminders before an appointment, quiet hours."""
    result = preferences.read_preferences(session, actor)
    set_etag(response, result.version)
    return result


@router.put("/me/notification-preferences", name="api.outbox:update_preferences",
            response_model=NotificationPreferencesPublic,
            responses={412: {"description": "Stale version"},
                       428: {"description": "If-Match missing"}})
def update_preferences(body: NotificationPreferencesUpdate, actor: CurrentActor,
                       session: SessionDep, response: Response,
                       if_match: Annotated[str | None, Header()] = None):
    """Change every choice at once (send the version in If-Match; W/"0" before the first)."""
    result = preferences.update_preferences(session, actor, body, parse_if_match(if_match))
    set_etag(response, result.version)
    return result
