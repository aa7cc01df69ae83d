"""Access-matrix rows of the outbox (tests/test_access_matrix.py): every member of staff lists
the failures in their own scope, only who may see Guy sends his failed notification again;
everybody signed in subscribes a browser and sets their own choices; only Guy removes Guy's
browser."""

from __future__ import annotations

from app.outbox.models import Channel, Notification, NotificationStatus, PushSubscription
from tests.access import NOT_STAFF, SIGNED_IN, STAFF, expected
from tests.outbox.push_receiver import BrowserKeys

_KEYS = BrowserKeys()
GUYS_ENDPOINT = "https://push.example.test/send/guys-phone"
SUBSCRIPTION = {"endpoint": "https://push.example.test/send/this-browser", "expirationTime": None,
                "keys": {"p256dh": _KEYS.p256dh, "auth": _KEYS.auth}}
CHOICES = {"email_enabled": True, "push_enabled": True, "remind_day_before": True,
           "remind_hours_before": 3, "quiet_from": "22:00", "quiet_until": "07:30"}


def ids(db, personas):
    failed = Notification(idempotency_key="matrix:failed", recipient_id=personas.candidate,
                          candidate_id=personas.candidate, channel=Channel.email,
                          event="update_posted", status=NotificationStatus.failed, attempts=6,
                          last_error="SMTP 550: recipient refused")
    db.add(failed)
    db.add(PushSubscription(person_id=personas.candidate, endpoint=GUYS_ENDPOINT,
                            p256dh=_KEYS.p256dh, auth=_KEYS.auth))
    db.commit()
    return {"failed_notification": failed.id}


ROWS = [
    ("outbox problems", "GET", "/api/v1/outbox/problems", None, {},
     expected(STAFF, 200, forbidden=NOT_STAFF)),
    # Guy's consultants and Almere's admin; a colleague and Amsterdam do not find it.
    ("outbox retry", "POST", "/api/v1/outbox/problems/{failed_notification}/retry", None, {},
     expected(("consultant", "backup_consultant", "admin"), 200, forbidden=NOT_STAFF)),
    ("push public key", "GET", "/api/v1/push/public-key", None, {}, expected(SIGNED_IN, 200)),
    ("subscribe to push", "POST", "/api/v1/me/push-subscriptions", SUBSCRIPTION, {},
     expected(SIGNED_IN, 201)),
    # Somebody else's browser answers 404, as if it did not exist.
    ("unsubscribe from push", "DELETE", "/api/v1/me/push-subscriptions",
     {"endpoint": GUYS_ENDPOINT}, {}, expected(("candidate",), 204)),
    ("notification choices", "GET", "/api/v1/me/notification-preferences", None, {},
     expected(SIGNED_IN, 200)),
    ("change notification choices", "PUT", "/api/v1/me/notification-preferences", CHOICES,
     {"If-Match": 'W/"0"'}, expected(SIGNED_IN, 200)),
]
