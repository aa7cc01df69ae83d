"""JSON endpoints of the outbox: for staff, notifications that failed or retry (and sending one
again); for everybody signed in, push subscriptions, the server's push key and their choices."""

from __future__ import annotations

from fastapi import Response, status

from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep, SettingsDep, StaffActor
from app.outbox import failures, preferences
from app.outbox.schemas import (
    NotificationPreferencesPublic,
    NotificationPreferencesUpdate,
    NotificationProblem,
    PublicKey,
    PushSubscriptionIn,
    PushSubscriptionPublic,
    PushSubscriptionRemove,
)
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter()


@router.get("/outbox/problems", tags=["outbox"], name="api.outbox:problems",
            response_model=list[NotificationProblem])
def problems(actor: StaffActor, session: SessionDep):
    """Failed notifications and those waiting to be tried again, newest first (an admin: the
    organisation's; a consultant: about her candidates and her own). Errors name no person."""
    return failures.list_problems(session, actor)


@router.post("/outbox/problems/{notification_id}/retry", tags=["outbox"], name="api.outbox:retry",
             response_model=NotificationProblem)
def retry(notification_id: RecordId, actor: StaffActor, session: SessionDep):
    """Send a failed notification again: it is due now and gets its tries back. 409 when it
    did not fail; 404 when it is not yours to see."""
    return failures.retry(session, actor, notification_id)


@router.get("/push/public-key", tags=["notifications"], name="api.outbox:public_key",
            response_model=PublicKey)
def public_key(actor: CurrentActor, settings: SettingsDep):
    """The server's VAPID public key, for `pushManager.subscribe({applicationServerKey})`."""
    return PublicKey(public_key=settings.vapid_public_key)


@router.post("/me/push-subscriptions", tags=["notifications"], name="api.outbox:subscribe",
             response_model=PushSubscriptionPublic, status_code=status.HTTP_201_CREATED)
def subscribe(body: PushSubscriptionIn, actor: CurrentActor, session: SessionDep,
              settings: SettingsDep):
    """Receive notifications on this browser (send its `PushSubscription.toJSON()`)."""
    subscription = preferences.subscribe(session, actor, body, production=settings.is_production)
    return PushSubscriptionPublic(id=subscription.id, endpoint=subscription.endpoint)


@router.delete("/me/push-subscriptions", tags=["notifications"], name="api.outbox:unsubscribe",
               status_code=status.HTTP_204_NO_CONTENT)
def unsubscribe(body: PushSubscriptionRemove, actor: CurrentActor,
                session: SessionDep) -> Response:
    """Stop notifications on this browser (send its endpoint)."""
    preferences.unsubscribe(session, actor, body.endpoint)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me/notification-preferences", tags=["notifications"], name="api.outbox:preferences",
            response_model=NotificationPreferencesPublic)
def read_preferences(actor: CurrentActor, session: SessionDep, response: Response):
    """How you want to be reached: channels, reminders before an appointment, quiet hours."""
    result = preferences.read_preferences(session, actor)
    set_etag(response, result.version)
    return result


@router.put("/me/notification-preferences", tags=["notifications"],
            name="api.outbox:update_preferences",
            response_model=NotificationPreferencesPublic,
            responses={412: {"description": "Stale version"},
                       428: {"description": "If-Match missing"}})
def update_preferences(body: NotificationPreferencesUpdate, actor: CurrentActor,
                       session: SessionDep, response: Response,
                       if_match: IfMatch):
    """Change every choice at once (send the version in If-Match; W/"0" before the first)."""
    result = preferences.update_preferences(session, actor, body, if_match)
    set_etag(response, result.version)
    return result
